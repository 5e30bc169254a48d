"""What only HTML output gets: the stylesheet, each event's schema.org JSON-LD, and the
markup that narrow screens and assistive technologies need (scroll regions, cell labels).

These are added for HTML builders only; other builders get the same pages without them.
"""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.util.docutils import SphinxTranslator

from ..export.jsonld import dumps, event_to_jsonld
from ._data import get_store
from ._nodes import CELL_LABEL, jsonld_node, scroll_region

#: The stylesheet's name in the HTML output's ``_static`` folder.
STYLESHEET = "ideation.css"
_STATIC = Path(__file__).resolve().parent / "static"


def event_jsonld(builder: Builder, slug: str, docname: str) -> str | None:
    """The JSON-LD of event ``slug`` as shown on ``docname``, safe inside a ``<script>``."""
    # Imported when a page is written, so that loading the extension stays cheap.

    found = get_store(builder.env).event(slug)
    if found is None:
        return None
    catalogue, event = found
    base = str(getattr(builder.config, "html_baseurl", "") or "")
    url = f"{base.rstrip('/')}/{builder.get_target_uri(docname)}" if base else None
    data = event_to_jsonld(event, catalogue=catalogue, url=url)
    # The same escaping as the exported files: "</script>" in the data cannot end the element.
    return dumps(data, indent=1, sort_keys=True)


def _visit_html(translator: SphinxTranslator, node: jsonld_node) -> None:
    builder = translator.builder
    docname = builder.current_docname if isinstance(builder, StandaloneHTMLBuilder) else ""
    text = event_jsonld(builder, str(node["event"]), docname)
    if text is not None:  # None: the event is gone from the catalogue since the page was read
        body: list[str] = getattr(translator, "body")  # noqa: B009 - the HTML translator's output
        body.append(f'<script type="application/ld+json">{text}</script>\n')
    raise nodes.SkipNode


def _skip(translator: SphinxTranslator, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _body(translator: SphinxTranslator) -> list[str]:
    body: list[str] = getattr(translator, "body")  # noqa: B009 - the HTML translator's output list
    return body


def _visit_region(translator: SphinxTranslator, node: scroll_region) -> None:
    # A region the keyboard can focus and scroll, named after its table (WCAG 1.4.10, 2.1.1).
    label = html.escape(str(node.get("label", "")), quote=True)
    _body(translator).append(
        f'<div class="ideation-scroll" role="region" tabindex="0" aria-label="{label}">\n'
    )


def _depart_region(translator: SphinxTranslator, node: scroll_region) -> None:
    _body(translator).append("</div>\n")


def _scope(node: nodes.entry) -> str | None:
    """``col`` or ``row`` for a header cell of one of the extension's tables, else ``None``."""
    row = node.parent
    part = row.parent if row is not None else None
    group = part.parent if part is not None else None
    table = group.parent if group is not None else None
    if group is None or row is None or not isinstance(table, nodes.table):
        return None
    if "ideation-table" not in table["classes"]:
        return None
    if isinstance(part, nodes.thead):
        return "col"
    colspecs = [child for child in group.children if isinstance(child, nodes.colspec)]
    first = row.index(node) == 0
    return "row" if first and colspecs and colspecs[0].get("stub") else None


def _visit_entry(translator: SphinxTranslator, node: nodes.entry) -> None:
    # The builder's own cell, then a scope on the header cells of the extension's tables
    # (docutils writes none); every other table of the site is written as before.
    type(translator).visit_entry(translator, node)
    body = _body(translator)
    # Where the cell's content starts, for its column's name (see _depart_entry).
    _cells(translator).append(len(body))
    scope = _scope(node)
    if scope is None:
        return
    for index in range(len(body) - 1, max(-1, len(body) - 4), -1):
        if body[index].startswith("<th"):
            body[index] = body[index].replace("<th", f'<th scope="{scope}"', 1)
            return


def _depart_entry(translator: SphinxTranslator, node: nodes.entry) -> None:
    start = _cells(translator).pop()
    first = node.children[0] if node.children else None
    if isinstance(first, nodes.paragraph) and first.get(CELL_LABEL):
        name = _column_name(node)
        if name is not None:
            body = _body(translator)
            # Inside the paragraph, before its text: shown only where the table is laid out
            # as a stacked list; the header cell names the column everywhere else.
            at = start + 1 if start < len(body) and body[start].startswith("<p") else start
            label = getattr(translator, "encode")(name)  # noqa: B009 - escapes as text is
            body.insert(at, f'<span class="ideation-cell-label">{label}</span>')
    type(translator).depart_entry(translator, node)


#: How HTML writes a table cell (see :func:`_visit_entry`): the scope and column name added.
ENTRY_HANDLERS = (_visit_entry, _depart_entry)


def _cells(translator: SphinxTranslator) -> list[int]:
    # A stack: a cell may hold a table of its own.
    cells: list[int] = translator.__dict__.setdefault("_ideation_cells", [])
    return cells


def _column_name(entry: nodes.entry) -> str | None:
    """The text of the header cell above ``entry``, as the page shows it."""
    row = entry.parent
    group = row.parent.parent if row is not None and row.parent is not None else None
    if not isinstance(group, nodes.tgroup):
        return None
    head = next((child for child in group.children if isinstance(child, nodes.thead)), None)
    if head is None or not head.children:
        return None
    header_row = head.children[0]
    column = row.index(entry)
    if not isinstance(header_row, nodes.row) or column >= len(header_row.children):
        return None
    return header_row.children[column].astext()


def _add_static_path(app: Sphinx, config: Config) -> None:
    # Through html_static_path, Sphinx copies the stylesheet before it writes the pages, and
    # so links it with the checksum suffix (?v=...) the other stylesheets get: a browser does
    # not keep an old copy after an upgrade. Added when the configuration is read, before it
    # is compared with the previous build's, so that it does not count as a change.
    static = str(_STATIC)
    paths = list(getattr(config, "html_static_path", []))
    if static not in paths:
        config.html_static_path = [*paths, static]


def _builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(STYLESHEET)


def setup_html(app: Sphinx) -> None:
    """Add the stylesheet to HTML builders, and the JSON-LD node with a visitor per builder."""
    skip = (_skip, None)
    app.add_node(
        jsonld_node,
        html=(_visit_html, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_node(nodes.entry, override=True, html=ENTRY_HANDLERS)
    # Other builders know a scroll region as the container it is.
    app.add_node(scroll_region, html=(_visit_region, _depart_region))
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _builder_inited)
