"""Every ordered pair of the extension's directives and roles on one page builds cleanly.

A page that lists proposals and then shows one of them in full crashed Sphinx: the class of
bug is "two pieces of the extension on one page", so every ordered pair of them is built, in
reStructuredText and in MyST, with generated pages off and on, with ``-n`` and no warning
allowed. Each pair is a page of its own (what one piece leaves in the document's state is what
the next one meets), and the pages share two projects, built once for the module, so that the
whole set stays quick.
"""

from __future__ import annotations

import itertools
import re
from io import StringIO
from pathlib import Path

import attrs
import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

CATALOGUE = Path(__file__).parent / "data" / "pairs.yaml"
EVENT = "workshop"
PROPOSAL = "maps"  # on the event's agenda, and in every proposal list below

#: name -> (directive, argument, options); "roles" is a paragraph of every role instead.
PIECES: dict[str, tuple[str, str, dict[str, str]]] = {
    "event": ("event", EVENT, {}),
    "event-no-heading": ("event", EVENT, {"no-heading": ""}),
    "agenda": ("agenda", EVENT, {}),
    "agenda-no-heading": ("agenda", EVENT, {"no-heading": ""}),
    "attendance": ("attendance", EVENT, {}),
    "programme": ("programme", "small", {}),
    "programme-no-heading": ("programme", "", {"no-heading": ""}),
    "proposal": ("proposal", PROPOSAL, {}),
    "proposal-no-heading": ("proposal", PROPOSAL, {"no-heading": ""}),
    "proposals-table": ("proposals", "", {"layout": "table", "columns": "title, events, date"}),
    "proposals-list": ("proposals", "", {"layout": "list", "event": EVENT}),
    "proposals-cards": ("proposals", "", {"layout": "cards", "sort": "-title"}),
    "events": ("events", "", {"today": "2023-06-01"}),
    "roles": ("", "", {}),
}
PAIRS = list(itertools.product(PIECES, repeat=2))
SYNTAXES = ("rst", "md")


def _roles(syntax: str) -> str:
    targets = [
        ("event", EVENT),
        ("proposal", PROPOSAL),
        ("programme", "small"),
        ("org", "directorate"),
        ("session", f"{EVENT}/0930"),
    ]
    if syntax == "rst":
        return " ".join(f":ideation:{role}:`{target}`" for role, target in targets) + "\n"
    return " ".join(f"{{ideation:{role}}}`{target}`" for role, target in targets) + "\n"


def _piece(name: str, syntax: str) -> str:
    directive, argument, options = PIECES[name]
    if not directive:
        return _roles(syntax)
    name = f"ideation:{directive}"
    if syntax == "rst":
        lines = [f".. {name}:: {argument}".rstrip()]
        lines += [f"   :{key}: {value}".rstrip() for key, value in options.items()]
    else:
        lines = [f"```{{{name}}} {argument}".rstrip()]
        lines += [f":{key}: {value}".rstrip() for key, value in options.items()]
        lines.append("```")
    return "\n".join(lines) + "\n"


def _page(first: str, second: str, syntax: str) -> str:
    title = f"{first} then {second}"
    heading = f"{title}\n{'=' * len(title)}" if syntax == "rst" else f"# {title}"
    return f"{heading}\n\n{_piece(first, syntax)}\n{_piece(second, syntax)}"


def _project(root: Path, *, generated: bool) -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(
        'extensions = ["ideation.sphinx"]\n'
        f"ideation_catalogue = {str(CATALOGUE)!r}\n"
        f"ideation_generate_pages = {generated}\n"
        'ideation_today = "2023-06-01"\n'
        # Each pair page shows objects in full that other pair pages show too: that is the
        # duplicate warning's business, tested on its own; here only one page at a time counts.
        'suppress_warnings = ["ideation.duplicate"]\n',
        encoding="utf-8",
    )
    names = []
    for syntax in SYNTAXES:
        (root / syntax).mkdir()
        for first, second in PAIRS:
            name = f"{syntax}/{first}--{second}"
            (root / f"{name}.{syntax}").write_text(_page(first, second, syntax), encoding="utf-8")
            names.append(name)
    if generated:
        names.append("ideation/index")
    toctree = "\n".join(f"   {name}" for name in names)
    (root / "index.rst").write_text(
        f"Pairs\n=====\n\n.. toctree::\n   :maxdepth: 1\n\n{toctree}\n", encoding="utf-8"
    )
    return root


@attrs.frozen
class Built:
    """What a pair project's build left: its warnings, and what is wrong with each page."""

    srcdir: Path
    warnings: str
    problems: dict[str, list[str]]


def _problems(doctree: nodes.document) -> list[str]:
    problems = []
    # Every section has an id (the table of contents links to it) and ids are unique.
    if not all(section["ids"] for section in doctree.findall(nodes.section)):
        problems.append("a section without an id")
    ids = [id_ for node in doctree.findall(nodes.Element) for id_ in node["ids"]]
    problems.extend(f"id {id_!r} is used twice" for id_ in sorted(set(ids)) if ids.count(id_) > 1)
    return problems


def _build(srcdir: Path) -> Built:
    app = SphinxTestApp(
        # The dummy builder resolves every reference (as -n needs) without writing pages: what
        # a pair can break is in reading and resolving; the other tests write HTML.
        "dummy",
        srcdir=srcdir,
        confoverrides={"nitpicky": True},
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        app.build()
        problems = {
            docname: _problems(app.env.get_doctree(docname)) for docname in app.env.found_docs
        }
        warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    finally:
        # docutils registers nodes and directives process-wide: let go before the next build.
        app.cleanup()
    return Built(srcdir=srcdir, warnings=warnings, problems=problems)


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Built]:
    """The pair projects, generated pages off and on, each built once with ``-n``."""
    base = tmp_path_factory.mktemp("pairs")
    return {
        generated: _build(_project(base / f"generated-{generated}", generated=generated))
        for generated in (False, True)
    }


@pytest.mark.parametrize("generated", [False, True], ids=["own-pages", "generated-pages"])
def test_the_projects_build_without_warnings(projects: dict[bool, Built], generated: bool) -> None:
    assert projects[generated].warnings == ""


@pytest.mark.parametrize("generated", [False, True], ids=["own-pages", "generated-pages"])
@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize(("first", "second"), PAIRS, ids=[f"{a}--{b}" for a, b in PAIRS])
def test_a_pair_on_one_page(
    projects: dict[bool, Built], generated: bool, syntax: str, first: str, second: str
) -> None:
    built = projects[generated]
    docname = f"{syntax}/{first}--{second}"
    source = str(built.srcdir / f"{docname}.{syntax}")
    assert [line for line in built.warnings.splitlines() if source in line] == []
    assert built.problems[docname] == []
