"""No description can stop a build: whatever it parses to, every builder writes the site.

Descriptions are generated from pieces of rST and MyST that a careless or hostile author could
write (substitutions, citations, footnotes, targets, directives and roles of every kind, raw
HTML, headings, tables, nested blocks...). Each is parsed as a page would parse it, and what it
gives must be made only of nodes every builder knows (:data:`description.ALLOWED_NODES`); a
sample of them is then built with every builder the docs name.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx_roots import EXAMPLES, Builder, warnings_of

from ideation.sphinx import _description as description

pytestmark = pytest.mark.sphinx

#: Pieces of rST (inside ``{eval-rst}``) and of MyST, good and bad.
RST_PIECES = [
    "See |x|.",
    "See |x|_ and |y|.",
    ".. |x| replace:: substituted",
    ".. |img| image:: https://example.org/a.png",
    "A citation [CIT2002]_.",
    ".. [CIT2002] A book.",
    "A note [#]_.",
    ".. [#] The note.",
    ".. _target:",
    "`a link <https://example.org>`_",
    "`named`_",
    ".. _named: https://example.org",
    "__ https://example.org",
    ".. include:: /etc/passwd",
    ".. raw:: html\n\n   <script>alert(1)</script>",
    ".. contents::",
    ".. sectnum::",
    ".. only:: html\n\n   only html",
    ".. toctree::\n\n   index",
    ".. csv-table::\n   :url: http://127.0.0.1:9/x.csv",
    ".. note:: A note.",
    ".. figure:: https://example.org/f.png\n\n   Caption.",
    ".. math::\n\n   e^{i\\pi} + 1 = 0",
    ".. topic:: A topic\n\n   Text.",
    ".. sidebar:: A sidebar\n\n   Text.",
    ".. rubric:: A rubric",
    ".. epigraph::\n\n   Words.",
    ".. compound::\n\n   Text.",
    ".. container:: box\n\n   Text.",
    ".. line-block::\n\n   one\n   two",
    ".. glossary::\n\n   term\n      Meaning.",
    ".. productionlist::\n   a: b",
    ".. index:: single: thing",
    ".. unknown-directive:: x",
    ":unknown-role:`x`",
    ":download:`x </etc/passwd>`",
    ":pep:`8`",
    ":abbr:`CNIL (Commission)`",
    ":ideation:proposal:`liria`",
    ":ideation:event:`nowhere`",
    "Title\n=====",
    "Sub\n---",
    "* a\n\n  * b",
    "term\n   definition",
    ":field: value",
    "-o  an option",
    ">>> 1 + 1\n2",
    "| line\n| block",
    "----------",
    "Problem `unclosed",
    "*emphasis **strong*",
]
MYST_PIECES = [
    "# Heading {#anchor}",
    "See {sub-ref}`today`.",
    "{{ x }}",
    "[^1]\n\n[^1]: A footnote.",
    "<div onclick='x()'>html</div>",
    "<script>alert(1)</script>",
    "![alt](https://example.org/i.png)",
    "![alt](/etc/passwd)",
    "[link](javascript:alert(1))",
    "[ref][nowhere]",
    "<https://example.org>",
    "```{include} /etc/passwd\n```",
    "```{literalinclude} /etc/passwd\n```",
    "```{raw} html\n<b>x</b>\n```",
    "```{note}\nA note.\n```",
    "```{figure} https://example.org/f.png\nCaption\n```",
    "```{unknown}\nx\n```",
    "```python\nprint(1)\n```",
    "$$\nx^2\n$$",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "- [ ] task",
    "(label)=\n## Labelled",
    "{ref}`label`",
    "{download}`x </etc/passwd>`",
    "{ideation:org}`dinum`",
    "::: {note}\nfenced div\n:::",
    "> quote",
    "***",
    "Term\n: Definition",
]


def _eval_rst(pieces: list[str]) -> str:
    body = "\n\n".join(pieces)
    return "```{eval-rst}\n" + body + "\n```"


descriptions = st.one_of(
    st.lists(st.sampled_from(RST_PIECES), min_size=1, max_size=6).map(_eval_rst),
    st.lists(st.sampled_from(MYST_PIECES), min_size=1, max_size=6).map("\n\n".join),
    st.tuples(
        st.lists(st.sampled_from(MYST_PIECES), max_size=3),
        st.lists(st.sampled_from(RST_PIECES), min_size=1, max_size=3),
    ).map(lambda both: "\n\n".join([*both[0], _eval_rst(both[1])])),
)


@pytest.fixture(scope="module")
def reading(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """A built application whose environment is set up as while a page is read."""
    srcdir = tmp_path_factory.mktemp("fuzz") / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["ideation.sphinx"]\n', encoding="utf-8")
    (srcdir / "index.rst").write_text("Index\n=====\n", encoding="utf-8")
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        confoverrides={"ideation_catalogue": str(EXAMPLES)},
        status=io.StringIO(),
        warning=io.StringIO(),
    )
    app.build()
    app.env.temp_data["docname"] = "index"
    yield app
    app.env.temp_data.clear()
    app.cleanup()


def _parse(app: SphinxTestApp, text: str) -> list[nodes.Node]:
    parser = description.Description(
        env=app.env,
        file=None,
        raw_html=False,
        url=lambda uri: uri if uri.startswith("https://") else None,
    )
    return parser.parse(text)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=descriptions)
def test_a_description_gives_only_nodes_every_builder_writes(
    reading: SphinxTestApp, text: str
) -> None:
    for top in _parse(reading, text):
        for node in top.findall():
            assert isinstance(node, description.ALLOWED_NODES), (type(node).__name__, text)
            if isinstance(node, nodes.image):
                assert str(node["uri"]).startswith("https://")


def _body(path: Path, text: str) -> None:
    head, _, _ = path.read_text(encoding="utf-8").partition("\n---\n")
    path.write_text(f"{head}\n---\n\n{text}\n", encoding="utf-8")


BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "epub", "text", "man", "texinfo", "gettext"]


@pytest.fixture(scope="module")
def hostile_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalogue with every piece above in some proposal's description."""
    catalogue = Path(shutil.copytree(EXAMPLES, tmp_path_factory.mktemp("hostile") / "cat"))
    proposals = sorted((catalogue / "proposals").glob("*.md"))
    chunks = [
        _eval_rst(RST_PIECES[:25]),
        _eval_rst(RST_PIECES[25:]),
        "\n\n".join(MYST_PIECES[:15]),
        "\n\n".join(MYST_PIECES[15:]),
    ]
    for path, chunk in zip(proposals, chunks, strict=False):
        _body(path, chunk)
    return catalogue


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_writes_a_site_of_hostile_descriptions(
    build: Builder, hostile_catalogue: Path, builder: str
) -> None:
    app = build("generated", builder, ideation_catalogue=str(hostile_catalogue))
    warnings = warnings_of(app)
    assert "Traceback" not in warnings
    assert "Exception" not in warnings
    assert list(Path(app.outdir).iterdir())
    # Substitutions are refused where they are written: the data file, with a type.
    refused = [line for line in warnings.splitlines() if "substitution" in line]
    assert refused
    for line in refused:
        assert "/proposals/" in line
        assert line.endswith("[ideation.description]")
