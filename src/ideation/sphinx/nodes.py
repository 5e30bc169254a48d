"""Small node helpers: plain docutils nodes that every builder (HTML, LaTeX, text...) renders."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from docutils import nodes

__all__ = [
    "anchor",
    "bullets",
    "field",
    "has",
    "is_block",
    "join",
    "jsonld_node",
    "para",
    "plain",
    "row_of",
    "table_of",
]


def anchor(kind: str, slug: str) -> str:
    """The HTML id of an object's target (``ideation-event-atelier-ideation``)."""
    return "ideation-" + re.sub(r"[^a-z0-9-]+", "-", f"{kind}-{slug}".lower()).strip("-")


class jsonld_node(nodes.General, nodes.Element):
    """Where an event's schema.org JSON-LD goes; written by HTML builders only."""


def plain(value: str) -> nodes.Text:
    """Text, escaped by every writer."""
    return nodes.Text(value)


def para(*children: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    """A paragraph of nodes and strings (strings become text)."""
    paragraph = nodes.paragraph(classes=list(classes))
    paragraph.extend(plain(child) if isinstance(child, str) else child for child in children)
    return paragraph


def bullets(
    items: Iterable[nodes.Node | Sequence[nodes.Node]], classes: Sequence[str] = ()
) -> nodes.bullet_list:
    """A bullet list: each item is one node, or a sequence of nodes."""
    bullet_list = nodes.bullet_list(classes=list(classes))
    for item in items:
        list_item = nodes.list_item()
        if isinstance(item, nodes.Node):
            list_item += item
        else:
            list_item.extend(item)
        bullet_list += list_item
    return bullet_list


def field(name: str, *body: nodes.Node) -> nodes.field:
    """One field of a field list."""
    found = nodes.field()
    found += nodes.field_name(name, name)
    field_body = nodes.field_body()
    field_body.extend(body)
    found += field_body
    return found


def join(parts: Sequence[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    """``parts`` with ``separator`` between each two."""
    joined: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            joined.append(plain(separator))
        joined.append(part)
    return joined


def table_of(
    headers: Sequence[str],
    rows: Sequence[Sequence[nodes.Node]],
    classes: Sequence[str],
    widths: Sequence[int] = (),
) -> nodes.table:
    """A table with a header row."""
    table = nodes.table(classes=["ideation-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    table += group
    # Column widths are relative for HTML and LaTeX, and characters for the text builder.
    for index, _header in enumerate(headers):
        group += nodes.colspec(colwidth=widths[index] if index < len(widths) else 20)
    head = nodes.thead()
    group += head
    head += row_of([para(header) for header in headers])
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += row_of(cells)
    return table


def row_of(cells: Sequence[nodes.Node]) -> nodes.row:
    """A table row, one entry per cell."""
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        entry += content
        row += entry
    return row


def has(getter: Any, slug: str) -> bool:
    """Whether ``getter(slug)`` finds an object (it raises ``KeyError`` when not)."""
    try:
        getter(slug)
    except KeyError:
        return False
    return True


def is_block(body: Sequence[nodes.Node]) -> bool:
    """Whether ``body`` holds a block node (then it needs no paragraph around it)."""
    # Some inline nodes (a reference) are also "General", a kind of Body: test Inline first.
    return any(isinstance(node, nodes.Body) and not isinstance(node, nodes.Inline) for node in body)
