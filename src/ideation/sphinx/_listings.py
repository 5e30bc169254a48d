"""Listings whose rows are made when their page is written.

A listing (``ideation:proposals``) is read as what its options decide: its table's caption and
header (or its list, or its cards' frame), and a :class:`~._nodes.listing_rows` that keeps what
it lists and the targets its title cells define. Its rows (titles, statuses, sponsors...) are
made once the page's references are resolved (``doctree-resolved``, in the main process for
every builder, ``-j`` or not), from the data of the build that writes it.

So an edit to a listed proposal (its title, its status's text, a sponsor's name) need not read
the page again, only write it: before reading, each listing's filters are applied to the new
data (:func:`_outdated`). When they keep other proposals or report other problems, the page is
read again (what it lists, its targets and its warnings are read-time facts); else, when an
object its rows show changed, the page is handed to Sphinx to be written again
(``env-get-updated``), and the targets it defines take the new titles.

The rows do not go through the transforms that run as a page is read: what they would do to
them is done here, as Sphinx would have done it: smart quotes (Sphinx's ``smartquotes``
settings, through docutils' public :func:`~docutils.utils.smartquotes.educate_tokens`), the
mark that keeps the extension's output out of the site's translations, and the level of the
cards' headings. Links are final references, made as the domain resolves its own
(:func:`sphinx.util.nodes.make_refnode`); a link the domain cannot resolve goes through
``missing-reference``, as Sphinx's would.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs
from docutils import nodes
from docutils.utils import normalize_language_tag, smartquotes
from sphinx.addnodes import pending_xref
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from .. import model
from ._cells import CellLink, CellPart
from ._config import get_config
from ._data import changed_keys, get_store
from ._domain import ROLES, get_domain
from ._nodes import PROPOSAL_LINKS, anchor, listing_rows
from ._outline import LEVELLED_MARK, heading_level_of
from ._per_build import BuildSlot
from ._proposals import ProposalRenderer, members_of, select, sort_key
from ._untranslated import keep_untranslated

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The pages to write again, noted before reading, for ``env-get-updated``.
_REWRITE: BuildSlot[list[str]] = BuildSlot(list)


@attrs.define(kw_only=True)
class _RowRenderer(ProposalRenderer):
    """Renders a listing's rows as its page is written: links resolved, nothing recorded."""

    app: Sphinx
    #: The page the listing was read in (references are relative to it).
    fromdoc: str
    #: The targets the listing's title cells define, by id.
    targets: dict[str, nodes.Element]

    def depend(self, kind: str, slug: str) -> None:
        """Nothing to record: what the rows show was recorded when the page was read."""

    def title_target(self, proposal: model.Proposal) -> list[nodes.Node]:
        target = self.targets.pop(anchor("proposal", proposal.slug), None)
        return [] if target is None else [target]

    def part_node(self, part: CellPart) -> nodes.Node:
        if isinstance(part, CellLink):
            return self._reference(part.kind, part.slug)
        return super().part_node(part)

    def _reference(self, kind: str, slug: str) -> nodes.Node:
        """A link to an object, as the domain resolves a role's (the title, unlinked, when no
        page defines it and no other extension links it)."""
        title = self.link_title(kind, slug)
        role = ROLES[kind]
        contnode = nodes.inline(title, title, classes=["xref", "ideation", f"ideation-{role}"])
        found = get_domain(self.env).locate(role, slug)
        try:
            if found is not None:
                docname, entry = found
                builder = self.app.builder
                return make_refnode(
                    builder, self.fromdoc, docname, entry.anchor, contnode, entry.title
                )
            xref = pending_xref(
                "",
                refdomain="ideation",
                reftype=role,
                reftarget=slug,
                refexplicit=False,
                refwarn=False,
                refdoc=self.fromdoc,
                ideation_known=self.store.title(kind, slug) is not None,
            )
            xref += contnode.deepcopy()
            resolved = self.app.emit_firstresult(
                "missing-reference", self.env, xref, contnode, allowed_exceptions=(NoUri,)
            )
        except NoUri:  # a builder with no address for the page: the text alone, as Sphinx does
            return contnode
        return resolved if isinstance(resolved, nodes.Node) else contnode


def fill_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace every :class:`~._nodes.listing_rows` of ``doctree`` with its rows."""
    placeholders = list(doctree.findall(listing_rows))
    if not placeholders:
        return
    env = app.env
    store = get_store(env)
    config = get_config(app.config)
    catalogues = {catalogue.programme.slug: catalogue for catalogue in store.catalogues}
    for placeholder in placeholders:
        found = []
        for programme, slug in placeholder["members"]:
            catalogue = catalogues.get(programme)
            try:
                if catalogue is not None:
                    found.append((catalogue, catalogue.proposal(slug)))
            except KeyError:  # gone since the page was read: it would have been read again
                continue
        if placeholder["sort"]:  # else in the order of the data (an event's proposals)
            found.sort(key=sort_key(placeholder["sort"]), reverse=placeholder["reverse"])
        renderer = _RowRenderer(
            env=env,
            config=config,
            store=store,
            app=app,
            fromdoc=placeholder["refdoc"],
            targets={
                target["ids"][0]: target
                for target in placeholder.findall(nodes.target)
                if target["ids"]
            },
        )
        made = renderer.rows(found, columns=placeholder["columns"], layout=placeholder["layout"])
        placeholder.replace_self(made)
        for node in made:
            keep_untranslated(node)
            for rubric in node.findall(nodes.rubric):
                level = heading_level_of(rubric)
                if level is not None:
                    rubric["heading-level"] = level
                    rubric[LEVELLED_MARK] = True
        educate(app, doctree, made)


def educate(app: Sphinx, doctree: nodes.document, made: Sequence[nodes.Node]) -> None:
    """Smart quotes in ``made`` (nodes in ``doctree``), where Sphinx's SmartQuotes transform
    would have put them had they been read with the page: same settings, same exclusions,
    the language of the box around them."""
    config = app.config
    settings = doctree.settings
    smart = getattr(settings, "smart_quotes", True)
    excludes = config.smartquotes_excludes
    if (
        not config.smartquotes
        or smart is False
        or app.builder.name in excludes.get("builders", [])
        or config.language in excludes.get("languages", [])
    ):
        return
    language = getattr(settings, "language_code", None) or config.language or "en"
    if not any(tag in smartquotes.smartchars.quotes for tag in normalize_language_tag(language)):
        return
    alternative = isinstance(smart, str) and smart.startswith("alt")
    for top in made:
        for block in top.findall(nodes.TextElement):
            if isinstance(block, nodes.FixedTextElement | nodes.Special) or isinstance(
                block.parent, nodes.TextElement
            ):
                continue  # as docutils: a block of text is educated as a whole
            texts = list(block.findall(nodes.Text))
            if not any(_EDUCATED.search(text) for text in texts):
                continue  # nothing SmartQuotes changes: most cells
            lang = _quotes_language(block.get_language_code(language), alternative=alternative)
            # SmartQuotes' own escape of what a backslash protected in the source.
            tokens = [("plain", re.sub(r"(?<=\x00)([-\\\'\".`])", r"\\\1", str(t))) for t in texts]
            educated = smartquotes.educate_tokens(
                tokens, attr=config.smartquotes_action, language=lang
            )
            for text, new in zip(texts, educated, strict=True):
                if new != str(text):
                    text.parent.replace(text, nodes.Text(new))


#: What SmartQuotes may change in plain text: quotes, dashes, ellipses, escapes.
_EDUCATED = re.compile(r"[\"'`\-.\\]")


def _quotes_language(lang: str, *, alternative: bool) -> str:
    """The quotes' language tag for a block in ``lang``, as docutils' SmartQuotes finds it
    (empty when it has no quotes for it: plain quotes stay)."""
    if alternative:
        lang = lang.replace("-x-altquot", "") if "-x-altquot" in lang else lang + "-x-altquot"
    return next(
        (tag for tag in normalize_language_tag(lang) if tag in smartquotes.smartchars.quotes), ""
    )


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The pages whose listings list other objects after the data's changes (read again);
    those whose listings only show changed objects are noted, to be written again."""
    _REWRITE.set(app, [])
    changes = changed_keys(env)
    # Everything changed: the domain reads again every page that uses the data.
    if changes is None or changes.everything or not changes.touched:
        return []
    domain = get_domain(env)
    records = domain.typed["rows"]
    if not records:
        return []
    touched = changes.touched
    kinds = {kind for kind, _slug in touched}
    store = get_store(env)
    reread: list[str] = []
    rewrite: list[str] = []
    for docname, listings in sorted(records.items()):
        if "programme" in kinds:  # the programme's facts: phases, organisations...
            reread.append(docname)
            continue
        shows = False
        for record in listings:
            if record.kind == PROPOSAL_LINKS:
                # The event's own data says which: read again if one appeared or went.
                named = {("proposal", slug) for _programme, slug in record.members}
                if not named.isdisjoint(changes.appeared | changes.gone):
                    reread.append(docname)
                    break
                shows = shows or not touched.isdisjoint(record.shows)
                continue
            selection = select(store.catalogues, dict(record.options))
            if (
                sorted(members_of(selection.found)) != sorted(record.members)
                or selection.problems != record.problems
            ):
                reread.append(docname)
                break
            shows = shows or not touched.isdisjoint(record.shows) or bool(kinds & record.kinds)
        else:
            if shows:
                rewrite.append(docname)
    for docname in rewrite:
        for kind, slug in domain.typed["documents"].get(docname, set()):
            found = store.proposal(slug) if kind == "proposal" else None
            if found is not None:
                domain.retitle(docname, (kind, slug), found[1].title, found[1].status.value)
    _REWRITE.set(app, rewrite)
    return reread


def _rewritten(app: Sphinx, env: BuildEnvironment) -> list[str]:
    rewrite = _REWRITE.take(app)
    # Not a page removed since (its records were still there when the list was made).
    return [docname for docname in rewrite if docname in env.all_docs]


def setup_listings(app: Sphinx) -> None:
    """Make listings' rows as pages are written; read or write again pages whose listings
    changed (see the module's docstring)."""
    # Before the handlers that adjust what the page holds for a builder (headings' levels
    # for LaTeX, charts too wide), which then see the rows.
    app.connect("doctree-resolved", fill_listings, priority=400)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-get-updated", _rewritten)
    # Skipped by every writer, should one meet a placeholder left (a builder writing a page it
    # did not resolve as a whole).
    skip = (_skip, None)
    app.add_node(listing_rows, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)


def _skip(translator: object, node: nodes.Element) -> None:
    raise nodes.SkipNode
