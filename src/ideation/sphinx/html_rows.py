"""A listing's table rows written as HTML at once, for Sphinx's HTML builders.

When a page with a table of two thousand proposals is written, its rows are sixty thousand
nodes: made (see :mod:`.rows`), walked by the smart quotes, their eight thousand links resolved
one by one, visited by the HTML writer and then by the search indexer. That was most of the
time of a rebuild after one proposal's title changed (the listing is written again) and a
second or two of a full build.

For Sphinx's HTML builders, the rows are written straight as HTML from the parts each cell
shows (:data:`~.cells.CellPart`, which the nodes are made from too), byte for byte as
Sphinx's HTML writer writes their nodes: the same rows and cells, column names, escaping,
educated quotes and links (resolved by the domain, or by a ``missing-reference`` handler that
gives the link's text back). The HTML goes into a :class:`~.nodes.listing_html` node that holds
the rows' text, which the search index reads as it would read the rows.

It is done only where the bytes are sure to be the same: Sphinx's ``html`` and ``dirhtml``
builders writing with Sphinx's own translator and no other extension's visitor for the nodes
of a row, a table in sections and containers only, every link resolved, a language with smart
quotes. Anywhere else (a theme's translator, a ``singlehtml`` build, a link that another
extension resolves...), :func:`write_rows` declines and the rows are made as nodes, as every
other builder makes them. ``tests/sphinx/test_html_rows.py`` builds the test sites both ways
and compares every byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs
from docutils import nodes
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxTranslator
from sphinx.writers.html5 import HTML5Translator

from .cells import CellBadge, CellLink, CellPart, CellText
from .domain import ROLES, get_domain
from .html import ENTRY_HANDLERS
from .nodes import ancestors, listing_html, pending_rows
from .proposals import ProposalRenderer
from .quotes import ACTIVE, QuickSmartQuotes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

__all__ = ["setup_html_rows", "write_rows", "writes_rows_as_html"]

#: The builders whose pages Sphinx writes with ``HTML5Translator``, one page per document.
_BUILDERS = frozenset({"html", "dirhtml"})
#: The nodes of a row: another extension's visitor for one of them would write it its way.
_ROW_NODES = ("tbody", "row", "entry", "paragraph", "Text", "inline", "reference", "target")
#: Where a table of rows may sit for its rows to be written as these are.
_PLAIN_PARENTS = (nodes.section, nodes.container, nodes.document)

_ESCAPES = HTML5Translator.special_characters
_ATTRIBUTE_WHITESPACE = re.compile("[\n\r\t\v\f]")


class _Declined(Exception):
    """Something the rows hold that is not written here as Sphinx would write it."""


def writes_rows_as_html(app: Sphinx) -> bool:
    """Whether the current builder writes tables as :func:`write_rows` does."""
    builder = app.builder
    if builder.name not in _BUILDERS or builder.get_translator_class() is not HTML5Translator:
        return False
    # Visitors that extensions added for the nodes of a row (the extension's own cell aside).
    handlers = app.registry.translation_handlers.get(builder.name, {})
    ours = {"entry": ENTRY_HANDLERS}
    return all(handlers.get(name, ours.get(name)) == ours.get(name) for name in _ROW_NODES)


def _text(value: str) -> str:
    # As HTML5Translator.visit_Text: the text node's astext(), encoded.
    return nodes.unescape(value).translate(_ESCAPES)


def _attribute(value: str) -> str:
    # As the translator's attval().
    return _ATTRIBUTE_WHITESPACE.sub(" ", value).translate(_ESCAPES)


def _classes(classes: Sequence[str]) -> str:
    if any(name in HTML5Translator.supported_inline_tags for name in classes):
        raise _Declined("a class that the writer turns into a tag")
    if any(name.startswith("language-") for name in classes):
        raise _Declined("a class that the writer turns into a language")
    return _attribute(" ".join(classes))


@attrs.define(kw_only=True)
class _RowWriter:
    """Writes the rows of one :class:`~.nodes.pending_rows` (see :func:`write_rows`)."""

    app: Sphinx
    renderer: ProposalRenderer
    pending: pending_rows
    #: Educates the texts of one cell, as the smart quotes would.
    educated: Callable[[Sequence[str]], list[str]]
    #: The column names the header shows, and the number of header rows.
    labels: list[str]
    header_rows: int
    stub: bool
    #: The start tag of the links to each (role, slug), or ``None`` if shown unlinked: once each.
    links: dict[tuple[str, str], str | None] = attrs.Factory(dict)

    @property
    def builder(self) -> Builder:
        return self.app.builder

    def rows(self) -> tuple[str, str]:
        """The rows' HTML, and their text for the search index."""
        html: list[str] = []
        words: list[str] = []
        columns: list[str] = self.pending["columns"]
        number = self.header_rows
        for catalogue, proposal in self.renderer.listed(self.pending):
            number += 1
            html.append(f'<tr class="{"row-even" if number % 2 == 0 else "row-odd"}">')
            for position, column in enumerate(columns):
                parts = self.renderer.cell_parts(catalogue, proposal, column)
                texts = self._educated(parts)
                words.extend(texts)
                tag = "th" if self.stub and position == 0 else "td"
                html.append('<th scope="row" class="stub"><p>' if tag == "th" else "<td><p>")
                if position:
                    label = self.labels[position]
                    html.append(f'<span class="ideation-cell-label">{_text(label)}</span>')
                if column == "title":
                    html.extend(map(self._target, self.renderer.title_target(proposal)))
                html.extend(map(self._part, parts, texts))
                html.append(f"</p></{tag}>\n")
            html.append("</tr>\n")
        return "".join(html), " ".join(words)

    def _educated(self, parts: Sequence[CellPart]) -> list[str]:
        """The texts of a cell's parts, their quotes educated as the smart quotes would."""
        texts = self.educated([self._text_of(part) for part in parts])
        # A link's text is also a block of its own for Sphinx's smart quotes (the pending_xref
        # around it is not a text element), so it is educated a second time. That changes
        # only what the first pass made, such as an entity "&#39;" turned into a plain quote.
        return [
            self.educated([text])[0] if isinstance(part, CellLink) and ACTIVE.search(text) else text
            for part, text in zip(parts, texts, strict=True)
        ]

    def _text_of(self, part: CellPart) -> str:
        if isinstance(part, CellText):
            return part.text
        if isinstance(part, CellBadge):
            return part.label
        if isinstance(part, CellLink):
            return self.renderer.link_title(part.kind, part.slug)
        return part.text

    def _part(self, part: CellPart, text: str) -> str:
        if isinstance(part, CellText):
            return _text(text)
        if isinstance(part, CellBadge):
            classes = _classes(["ideation-badge", f"ideation-status-{part.status}"])
            return f'<span class="{classes}">{_text(text)}</span>'
        if isinstance(part, CellLink):
            return self._link(part, text)
        if part.uri.startswith("mailto:") and self._cloaks_addresses():
            raise _Declined("a mail address, which the writer cloaks")
        return f'<a class="reference external" href="{_attribute(part.uri)}">{_text(text)}</a>'

    def _cloaks_addresses(self) -> bool:
        # The writer's settings (docutils.conf files included), made when writing starts.
        settings = getattr(self.builder, "docsettings", None)
        return settings is None or bool(getattr(settings, "cloak_email_addresses", True))

    def _target(self, target: nodes.Node) -> str:
        if not isinstance(target, nodes.target) or target.children:
            raise _Declined("a target with content")
        if len(target["ids"]) != 1 or target["classes"] or target["names"]:
            raise _Declined("a target with more than its id")
        if any(name in target for name in ("refuri", "refid", "refname")):
            raise _Declined("a target that refers")
        return f'<span class="target" id="{_attribute(target["ids"][0])}"></span>'

    def _link(self, part: CellLink, text: str) -> str:
        role = ROLES[part.kind]
        classes = _classes(["xref", "ideation", f"ideation-{role}"])
        span = f'<span class="{classes}">{_text(text)}</span>'
        key = (role, part.slug)
        if key not in self.links:
            self.links[key] = self._link_start(part, role)
        start = self.links[key]
        return span if start is None else f"{start}{span}</a>"

    def _link_start(self, part: CellLink, role: str) -> str | None:
        """The start tag of a link to ``part`` (the same in every row); ``None`` if it is
        shown unlinked."""
        found = get_domain(self.renderer.env).locate(role, part.slug)
        if found is None:
            self._unresolved(part)
            return None
        docname, entry = found
        if docname == self.renderer.docname and entry.anchor:
            href = f"#{entry.anchor}"
        else:
            href = self._uri(docname) + (f"#{entry.anchor}" if entry.anchor else "")
        title = f' title="{_attribute(entry.title)}"' if entry.title else ""
        return f'<a class="reference internal" href="{_attribute(href)}"{title}>'

    def _uri(self, docname: str) -> str:
        try:
            return self.builder.get_relative_uri(self.renderer.docname, docname)
        except NoUri as error:
            raise _Declined("a page without a URI") from error

    def _unresolved(self, part: CellLink) -> None:
        # As Sphinx's ReferencesResolver: the handlers of missing-reference are asked; the
        # extension's own gives the link's text back (an object no page shows in full).
        reference = self.renderer.xref(part.kind, part.slug)
        if not isinstance(reference, nodes.Element) or not reference.children:
            raise _Declined("a link without text")
        text = reference[0]
        try:
            found = self.app.events.emit_firstresult(
                "missing-reference", self.renderer.env, reference, text, allowed_exceptions=(NoUri,)
            )
        except NoUri as error:
            raise _Declined("a link without a URI") from error
        if found is not text:
            raise _Declined("a link that another extension resolves, or none does")


def write_rows(
    renderer: ProposalRenderer, pending: pending_rows, document: nodes.document
) -> listing_html | None:
    """The rows ``pending`` stands for as HTML, if they are sure to be written as Sphinx would
    write them (see the module); ``None`` if they must be made as nodes."""
    # Sphinx 9 deprecates a transform's ``app`` and offers nothing public in its place for the
    # builder: its own post-transforms (ReferencesResolver) read the environment's.
    app = renderer.env._app
    placement = _placement(pending)
    if pending["layout"] != "table" or placement is None or not writes_rows_as_html(app):
        return None
    labels, header_rows, stub = placement
    educated = _educator(document, pending)
    if educated is None:
        return None
    writer = _RowWriter(
        app=app,
        renderer=renderer,
        pending=pending,
        educated=educated,
        labels=labels,
        header_rows=header_rows,
        stub=stub,
    )
    try:
        html, text = writer.rows()
    except _Declined:
        return None
    return listing_html("", nodes.Text(text), html=html)


def _placement(pending: pending_rows) -> tuple[list[str], int, bool] | None:
    """The table's column names, its number of header rows and whether its first column is
    a stub, if the rows sit in a table body of a table in sections and containers only."""
    body = pending.parent
    group = body.parent if body is not None else None
    table = group.parent if group is not None else None
    if not (
        isinstance(body, nodes.tbody)
        and len(body.children) == 1
        and isinstance(group, nodes.tgroup)
        and isinstance(table, nodes.table)
        and "ideation-table" in table["classes"]
    ):
        return None
    if not all(isinstance(above, _PLAIN_PARENTS) for above in ancestors(table)):
        return None
    head = next((child for child in group.children if isinstance(child, nodes.thead)), None)
    if head is None or not head.children:
        return None
    labels = [entry.astext() for entry in head.children[0].children]
    colspecs = [child for child in group.children if isinstance(child, nodes.colspec)]
    if len(labels) != len(pending["columns"]) or len(colspecs) != len(labels):
        return None
    if any(spec.get("stub") for spec in colspecs[1:]):
        return None
    return labels, len(head.children), bool(colspecs[0].get("stub"))


def _educator(
    document: nodes.document, pending: pending_rows
) -> Callable[[Sequence[str]], list[str]] | None:
    quotes = QuickSmartQuotes(document, None)
    if not quotes.is_available():
        return list
    return quotes.string_educator(pending.parent)


def _visit_listing_html(translator: SphinxTranslator, node: listing_html) -> None:
    body: list[str] = getattr(translator, "body")  # noqa: B009 - the HTML translator's output list
    body.append(str(node["html"]))
    raise nodes.SkipNode


def setup_html_rows(app: Sphinx) -> None:
    """Let HTML builders write rows made as HTML (only they get them: see :func:`write_rows`)."""
    app.add_node(listing_html, html=(_visit_listing_html, None))
