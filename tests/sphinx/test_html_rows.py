"""A listing's table rows written as HTML at once: the bytes Sphinx writes from their nodes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from sphinx_roots import Builder, warnings_of

from ideation.sphinx import rows
from ideation.sphinx.html_rows import write_rows
from ideation.sphinx.nodes import listing_html
from ideation.sphinx.proposals import COLUMNS

#: Titles and texts that every escaping, quoting and whitespace rule of the writer meets.
HOSTILE = [
    'Des "guillemets" et l\'apostrophe',
    "<script>alert('x')</script> & <b>gras</b>",
    "contact@example.org -- tiret... et . . . points",
    "Tabulation\tet\\ barre oblique `accent grave`",
    "«Déjà» ‘courbes’ &amp; &#39; entités",
    "Texte ordinaire",
]
REPOSITORIES = [
    'https://example.org/dépôt?a=1&b="2"',
    "javascript:alert(1)",
    "https://example.org/#fragment'x'",
    "",
    "https://github.com/etalab/projet",
    "/chemin/du/site",
]


def _site(
    root: Path, conf: str = "", index: str | None = None, repositories: Sequence[str] = REPOSITORIES
) -> Path:
    """A catalogue whose proposals fill every column with hostile text, and a page that lists
    them in a table of every column."""
    data = root / "data"
    (data / "events").mkdir(parents=True)
    (data / "proposals").mkdir()
    (data / "programme.yaml").write_text(
        "slug: prog\nname: Programme\nphases:\n"
        f"- slug: phase-1\n  name: {json.dumps(HOSTILE[0])}\n  start: 2022-01-01\n"
        "organisations:\n"
        f"- slug: org-a\n  name: {json.dumps(HOSTILE[1])}\n"
        f"- slug: org-b\n  name: {json.dumps(HOSTILE[4])}\n",
        encoding="utf-8",
    )
    (data / "events" / "event-1.md").write_text(
        f"---\nslug: event-1\ntitle: {json.dumps(HOSTILE[2])}\nstart: 2022-03-01T09:00:00\n"
        "end: 2022-03-01T12:00:00\nproposals: [proposal-0, proposal-2]\n---\n",
        encoding="utf-8",
    )
    for i, title in enumerate(HOSTILE):
        repository = repositories[i]
        (data / "proposals" / f"proposal-{i}.md").write_text(
            f"---\nslug: proposal-{i}\ntitle: {json.dumps(title)}\n"
            f"summary: {json.dumps(HOSTILE[(i + 1) % len(HOSTILE)])}\n"
            f"lead: {json.dumps(HOSTILE[(i + 2) % len(HOSTILE)])}\n"
            f"sponsors: {json.dumps(['org-a', 'org-b'][: i % 3])}\n"
            f"tags: {json.dumps([HOSTILE[i], 'data'])}\nphase: phase-1\n"
            + (f"repository: {json.dumps(repository)}\n" if repository else "")
            + "history:\n- status: submitted\n  date: 2022-01-10\n"
            + (f"- status: shortlisted\n  date: 2022-02-{10 + i}\n" if i % 2 else "")
            + "---\n",
            encoding="utf-8",
        )
    columns = ", ".join(COLUMNS)
    (root / "conf.py").write_text(
        'extensions = ["ideation.sphinx"]\nideation_catalogue = "data"\n'
        'exclude_patterns = ["_build", "data"]\n'
        f'ideation_today = "2022-09-01"\n{conf}',
        encoding="utf-8",
    )
    if index is None:
        index = (
            "Site\n====\n\n.. ideation:proposals::\n   :layout: table\n"
            f"   :columns: {columns}\n\n.. ideation:proposals::\n   :layout: table\n"
        )
    if "ideation_generate_pages" in conf:
        index += "\n.. toctree::\n\n   ideation/index\n"
    (root / "index.rst").write_text(index, encoding="utf-8")
    return root


def _output(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
        and path.suffix in (".html", ".js", ".txt")
        and "_static" not in path.parts
    }


def _both_ways(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builder: str = "html",
    **site: Any,
) -> tuple[dict[str, bytes], dict[str, bytes], int]:  # fmt: skip
    """The output of a site built with its rows written as HTML, and as nodes; and how many
    listings were written as HTML."""
    written: list[listing_html] = []

    def spy(*args: Any) -> listing_html | None:
        result = write_rows(*args)
        if result is not None:
            written.append(result)
        return result

    outputs = []
    for name, writer in (("fast", spy), ("nodes", lambda *args: None)):
        monkeypatch.setattr(rows, "write_rows", writer)
        app = build(
            "generated", builder, srcdir=_site(tmp_path / name, **site), ideation_catalogue="data"
        )
        assert warnings_of(app) == ""
        outputs.append(_output(Path(app.outdir)))
    return outputs[0], outputs[1], len(written)


def _assert_same(fast: dict[str, bytes], slow: dict[str, bytes]) -> None:
    assert fast.keys() == slow.keys()
    for name, content in fast.items():
        assert content.decode() == slow[name].decode(), name


@pytest.mark.parametrize(
    ("builder", "conf"),
    [
        ("html", ""),
        ("dirhtml", ""),
        ("html", "ideation_generate_pages = True\n"),
        ("dirhtml", "ideation_generate_pages = True\n"),
        ("html", 'language = "fr"\n'),
        ("html", "smartquotes = False\n"),
        ("html", 'smartquotes_action = "qe"\n'),
        ("html", 'language = "de"\nideation_generate_pages = True\n'),
    ],
)
def test_rows_written_as_html_are_the_bytes_of_their_nodes(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builder: str, conf: str
) -> None:
    # Every column, hostile text, links to pages, to the same page and to nothing (without
    # generated pages, organisations and events have no page), every quoting setting: the
    # pages and the search index are the same bytes either way.
    fast, slow, written = _both_ways(build, tmp_path, monkeypatch, builder, conf=conf)
    # The page's two listings, and the generated list of every proposal if there is one.
    assert written == (3 if "generate" in conf else 2)
    _assert_same(fast, slow)
    index = fast["index.html"].decode()
    assert "&lt;script&gt;" in index
    assert "<script>alert" not in index


def test_rows_are_written_as_html_in_a_parallel_build_too(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conf = "ideation_generate_pages = True\n"
    fast, slow, written = _both_ways(build, tmp_path, monkeypatch, conf=conf)
    assert written == 3
    monkeypatch.setattr(rows, "write_rows", write_rows)
    app = build(
        "generated", "html", srcdir=_site(tmp_path / "parallel", conf), parallel=2,
        ideation_catalogue="data",
    )  # fmt: skip
    assert warnings_of(app) == ""
    assert _output(Path(app.outdir)) == fast == slow


@pytest.mark.parametrize(
    "index",
    [
        # In a list item: the list's state could change how its paragraphs are written.
        "Site\n====\n\n- .. ideation:proposals::\n     :layout: table\n",
        # A list layout: made as nodes.
        "Site\n====\n\n.. ideation:proposals::\n   :layout: list\n",
        # Only for some builders: the condition is settled after the rows are made.
        "Site\n====\n\n.. only:: html\n\n   .. ideation:proposals::\n      :layout: table\n",
    ],
)
def test_rows_are_made_as_nodes_where_html_could_differ(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index: str
) -> None:
    fast, slow, written = _both_ways(build, tmp_path, monkeypatch, index=index)
    assert written == 0
    _assert_same(fast, slow)


def test_rows_with_a_mail_address_are_made_as_nodes(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sphinx cloaks mail addresses as it writes links: the writer's business, left to it.
    mail = ["mailto:equipe@example.org", *REPOSITORIES[1:]]
    fast, slow, written = _both_ways(build, tmp_path, monkeypatch, repositories=mail)
    assert written == 1  # the second listing has no repository column
    _assert_same(fast, slow)


def test_other_builders_and_other_translators_get_nodes(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # singlehtml rewrites links after the rows are made; a translator of a theme's writes
    # tables its own way: both get the rows as nodes.
    for builder in ("singlehtml", "text"):
        fast, slow, written = _both_ways(build, tmp_path / builder, monkeypatch, builder)
        assert written == 0
        _assert_same(fast, slow)
    fast, slow, written = _both_ways(
        build, tmp_path / "theme", monkeypatch,
        conf="def setup(app):\n    from sphinx.writers.html5 import HTML5Translator\n"
        "    class T(HTML5Translator): pass\n    app.set_translator('html', T, override=True)\n",
    )  # fmt: skip
    assert written == 0
    _assert_same(fast, slow)
    # Nor does an extension's own visitor for one of a row's nodes.
    fast, slow, written = _both_ways(
        build, tmp_path / "visitor", monkeypatch,
        conf="def setup(app):\n    from docutils import nodes\n"
        "    from sphinx.writers.html5 import HTML5Translator as T\n"
        "    app.add_node(nodes.inline, override=True, html=(T.visit_inline, T.depart_inline))\n",
    )  # fmt: skip
    assert written == 0
    _assert_same(fast, slow)
