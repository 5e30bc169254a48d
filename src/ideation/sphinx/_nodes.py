"""Small node helpers: plain docutils nodes that every builder (HTML, LaTeX, text...) renders."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from docutils import nodes


def anchor(kind: str, slug: str) -> str:
    """The HTML id of an object's target (``ideation-event-atelier-ideation``)."""
    return "ideation-" + re.sub(r"[^a-z0-9-]+", "-", f"{kind}-{slug}".lower()).strip("-")


def ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    """The elements around ``node``, from its parent up to the document."""
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


class jsonld_node(nodes.General, nodes.Element):
    """Where an event's schema.org JSON-LD goes; written by HTML builders only."""


#: The ``kind`` and ``layout`` of a :class:`listing_rows` that lists proposals an event names,
#: as links with their status, in the event's order.
PROPOSAL_LINKS = "proposal-links"


class listing_rows(nodes.General, nodes.TextElement):
    """Where a listing's rows go: they are made when the page is written (see
    :mod:`ideation.sphinx._listings`), from the data of that build.

    It holds what the listing was given once read (``kind``, ``columns``, ``layout``,
    ``sort``, ``reverse``, the ``members`` it lists as ``[programme, slug]`` pairs, and
    ``refdoc``, the page it was read in) and, as children, the targets its title cells define,
    each in an inline of its own.
    A text element, so that docutils leaves those targets where they are (a target in a block
    of text is inline).
    """


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
        bullet_list += _filled(nodes.list_item(), item)
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


class scroll_region(nodes.container):
    """What holds a table that may be wider than a narrow screen.

    HTML writes a labelled region that scrolls sideways and takes the keyboard focus (so that
    a keyboard can scroll it, WCAG 2.1.1); other builders, which know it as a container, show
    its table as it is.
    """


#: The attribute of a table cell's paragraph before which HTML writes the cell's column name.
CELL_LABEL = "ideation-cell-label"


def labelled_para(*children: nodes.Node | str) -> nodes.paragraph:
    """A table cell's paragraph that repeats its column's name, for narrow screens, where the
    table is laid out as a stacked list.

    The name is not a node of the cell: the HTML writer takes it from the table's header row
    (see :mod:`.html`), so a table of thousands of rows does not carry a copy in every cell,
    and other builders, which lay tables out as tables, leave it out.
    """
    paragraph = para(*children)
    paragraph[CELL_LABEL] = True
    return paragraph


def badge(label: str, status: str) -> nodes.inline:
    """A proposal's status as a badge: its text always, its colour as a second cue only."""
    return nodes.inline(label, label, classes=["ideation-badge", f"ideation-status-{status}"])


def table_of(
    headers: Sequence[str],
    rows: Sequence[Sequence[nodes.Node | Sequence[nodes.Node]]],
    classes: Sequence[str],
    widths: Sequence[int] = (),
    *,
    caption: str | None = None,
    stub: bool = False,
) -> nodes.table:
    """A table with a header row, named by ``caption`` (every writer shows it; HTML hides it
    from the eye, not from screen readers, since a heading right above says the same), and
    its first column as row headers when ``stub`` is set."""
    table = nodes.table(classes=["ideation-table", *classes])
    if caption is not None:
        table["classes"].append("ideation-caption-hidden")
        table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    table += group
    # Column widths are relative for HTML and LaTeX, and characters for the text builder.
    for index, _header in enumerate(headers):
        colspec = nodes.colspec(colwidth=widths[index] if index < len(widths) else 20)
        if stub and index == 0:
            colspec["stub"] = 1
        group += colspec
    head = nodes.thead()
    group += head
    head += row_of([para(header) for header in headers])
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += row_of(cells)
    return table


def row_of(cells: Sequence[nodes.Node | Sequence[nodes.Node]]) -> nodes.row:
    """A table row, one entry per cell (a node, or the nodes of a cell)."""
    row = nodes.row()
    for content in cells:
        row += _filled(nodes.entry(), content)
    return row


_E = TypeVar("_E", bound=nodes.Element)


def _filled(element: _E, content: nodes.Node | Sequence[nodes.Node]) -> _E:
    """``element`` holding ``content``: one node, or a sequence of nodes."""
    if isinstance(content, nodes.Node):
        element.append(content)
    else:
        element.extend(content)
    return element


def option_words(value: str) -> list[str]:
    """The words of a directive option's value, separated by commas or spaces."""
    return [word for word in re.split(r"[,\s]+", value.strip()) if word]


def has(getter: Callable[[str], object], slug: str) -> bool:
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
