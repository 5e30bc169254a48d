"""Every example in reStructuredText and in MyST gives the same doctree, kept as a snapshot.

The examples are the files the docs show: ``docs/snippets/rst/NAME.rst`` and
``docs/snippets/md/NAME.md``, each included in ``docs/reference/sphinx-extension.md``.

Run with ``IDEATION_UPDATE_SNAPSHOTS=1`` to write the snapshots again after a deliberate change,
then read the diff before committing it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from io import StringIO

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from sphinx_roots import EXAMPLES, SNAPSHOTS, SNIPPETS, doctree_with_rows

EXAMPLE_NAMES = sorted(path.stem for path in (SNIPPETS / "rst").glob("*.rst"))


def _merge_text(tree: nodes.Node) -> None:
    # Parsers split text differently (MyST gives a soft line break its own text node); the
    # reader sees the same text, so the comparison joins neighbouring text nodes.
    for element in tree.findall(nodes.Element):
        merged: list[nodes.Node] = []
        for child in element.children:
            if merged and isinstance(child, nodes.Text) and isinstance(merged[-1], nodes.Text):
                merged[-1] = nodes.Text(merged[-1] + child)
            else:
                merged.append(child)
        element.children = []
        element.extend(merged)


def _anchor_only(line: re.Match[str]) -> str:
    found = re.search(r' (?:refid="([^"]*)"|refuri="[^"#]*#([^"]*)")', line[0])
    if found is None:
        return line[0]
    text = line[0][: found.start()] + line[0][found.end() :]
    return text.replace(" reftitle=", f' ref="{found[1] or found[2]}" reftitle=', 1)


def _snapshot(app: SphinxTestApp, docname: str) -> str:
    doctree = doctree_with_rows(app, docname)
    _merge_text(doctree)
    parts = [
        child.pformat()
        for child in doctree.children
        # MyST adds word-count substitutions to every document; they are not the example's.
        if not isinstance(child, nodes.substitution_definition)
    ]
    text = "".join(parts)
    # docutils 0.22 writes a true or false attribute as True or False, older ones as 1 or 0:
    # the snapshots keep the older form, so that every docutils the matrix brings compares.
    text = re.sub(r'(\w)="True"', r'\1="1"', re.sub(r'(\w)="False"', r'\1="0"', text))
    # Listings' links are resolved (their rows are made as the page is written, links to an
    # object carry its title): a link to an anchor of the page itself or of another page is
    # kept as the anchor it goes to.
    text = re.sub(r"^.*<reference .*reftitle=.*$", _anchor_only, text, flags=re.MULTILINE)
    # The two copies of an example differ only by the folder they are in.
    return re.sub(r'refdoc="(rst|md)/', 'refdoc="', text)


def _compare(name: str, actual: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("IDEATION_UPDATE_SNAPSHOTS") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no snapshot {path.name}: run with IDEATION_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name}: the doctree differs from {path.name}"
    )


@pytest.fixture(scope="module")
def snippets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """The snippets project, read once for every example."""
    srcdir = shutil.copytree(SNIPPETS, tmp_path_factory.mktemp("snippets") / "src")
    app = SphinxTestApp(
        "dummy",
        srcdir=srcdir,
        confoverrides={"ideation_catalogue": str(EXAMPLES)},
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_rst_and_myst_give_the_snapshot(snippets: SphinxTestApp, name: str) -> None:
    rst, myst = _snapshot(snippets, f"rst/{name}"), _snapshot(snippets, f"md/{name}")
    assert rst == myst
    _compare(name, rst)


def test_snippets_build_without_warnings(snippets: SphinxTestApp) -> None:
    assert snippets.warning.getvalue() == ""


def test_the_reference_shows_every_example_in_both_syntaxes() -> None:
    # The docs' examples are the tested ones: each pair is included in the reference page, and
    # no example is written in one syntax only.
    page = (SNIPPETS.parent / "reference" / "sphinx-extension.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"^`{3,}\{literalinclude\} \.\./snippets/(\S+)$", page, re.M))
    assert sorted(path.stem for path in (SNIPPETS / "md").glob("*.md")) == EXAMPLE_NAMES
    assert shown == {f"{kind}/{name}.{kind}" for name in EXAMPLE_NAMES for kind in ("rst", "md")}
