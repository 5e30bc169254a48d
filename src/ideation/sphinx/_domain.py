"""The ``ideation`` domain: objects that pages define, roles that link to them, an index.

A page *defines* an object when a directive shows it: ``ideation:event`` defines its event (a
primary target), ``ideation:proposals`` defines a secondary target for every proposal it lists.
A role links to the primary target where there is one, else to a secondary one, choosing by
document name so that the result does not depend on the order documents were read in (parallel
builds). An object of the catalogue that no page defines is shown as its title, unlinked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Set
from typing import TYPE_CHECKING, ClassVar, NamedTuple, TypedDict, TypeVar

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..model import ProposalStatus
from ._data import Changes, Key, Store, changed_keys, get_store
from ._labels import CATALOG, status_label, translate

if TYPE_CHECKING:
    from sphinx.util.typing import RoleFunction

logger = logging.getLogger(__name__)
_ = get_translation(CATALOG)
_V = TypeVar("_V")
_W = TypeVar("_W")

#: The role of each object type (organisations are linked with ``:ideation:org:``).
ROLES = {
    "programme": "programme",
    "event": "event",
    "session": "session",
    "proposal": "proposal",
    "organisation": "org",
}


#: Where a warning points: a node, a ``(docname, line)`` pair, or a ``file:line`` string.
Location = nodes.Node | tuple[str | None, int | None] | str | None


class ObjectEntry(NamedTuple):
    """Where a document defines an object."""

    anchor: str
    title: str
    primary: bool
    #: The proposal's status value, for the index; empty for other objects.
    status: str = ""


class RowsRecord(NamedTuple):
    """What a listing whose rows are made at write time lists, as its page was read.

    Before a rebuild, the listing's filters are applied to the new data: when they keep other
    objects, or report other problems, the page is read again; else, when one of the objects
    it ``shows`` (or one of ``kinds``) changed, it is only written again.
    """

    #: The kind of object listed ("proposal").
    kind: str
    #: The options that choose what is listed, as given, sorted by name.
    options: tuple[tuple[str, str], ...]
    #: What was listed, as ``(programme, slug)`` pairs, in the order shown.
    members: tuple[tuple[str, str], ...]
    #: The problems the filters reported (each a warning when the page was read).
    problems: tuple[str, ...]
    #: The objects whose edit changes the rows (the listed ones, those their cells link to).
    shows: frozenset[Key]
    #: The kinds of object any edit of which may change the rows (an events column).
    kinds: frozenset[str]


class DomainData(TypedDict):
    """What the domain keeps in the environment (``env.domaindata["ideation"]``)."""

    #: (kind, slug) -> {docname: where the document defines the object}
    objects: dict[Key, dict[str, ObjectEntry]]
    #: docname -> the objects it defines: the index that lets clearing and merging a document
    #: cost what the document defined, not every object of the site
    documents: dict[str, set[Key]]
    #: docname -> the objects the document shows (in full, in a list, or as a link's title):
    #: it is read again when one of them is edited, appears or goes
    shown: dict[str, set[Key]]
    #: docname -> kinds of object the document lists in full ("event", "proposal")
    listings: dict[str, set[str]]
    #: docname -> the listings whose rows are made when the document is written
    rows: dict[str, list[RowsRecord]]
    #: docname -> objects the document named but the catalogue did not have
    wanted: dict[str, set[Key]]
    #: Sphinx's own entry: the data_version the data was written with.
    version: int


class IdeationRole(XRefRole):
    """A role that links to an object by slug; its default text is the object's title.

    A slug the catalogue does not know is a warning (type ``ideation``, subtype ``ref``) when the
    page is read, and the slug is shown as written.

    A target may name the source the object comes from, ``SOURCE:SLUG``
    (``{ideation:proposal}`p10:siretisation```), when ``ideation_catalogue`` is a sources file:
    the link is made only if the object shown under that slug comes from that source; an
    unknown source, or an object from another one, is a warning of the same type, and the
    target is shown as written.
    """

    # Titles, not code: shown in the text's own font, like the links the directives make.
    innernodeclass = nodes.inline

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        target = target.strip()
        kind = next(kind for kind, role in ROLES.items() if role == self.reftype)
        store = get_store(env)
        source, _, slug = target.rpartition(":")  # slugs hold no colon
        if source:
            if not _from_source(env, store, (kind, slug.strip()), source.strip(), refnode):
                refnode["ideation_known"] = False
                return title, target  # no object has this target: shown as written, unlinked
            target = slug.strip()
        lookup_kind, lookup_slug = _catalogue_key(kind, target)
        known = store.title(lookup_kind, lookup_slug)
        if known is None:
            unknown_object(
                env,
                (kind, target),
                refnode,
                f" in :ideation:{self.reftype}:",
                wanted=(lookup_kind, lookup_slug),
            )
        else:
            get_domain(env).note_shown(env.docname, (lookup_kind, lookup_slug))
        refnode["ideation_known"] = known is not None
        if not has_explicit_title and known is not None:
            title = _session_title(store, target) if kind == "session" else known
        return title, target


def unknown_object(
    env: BuildEnvironment,
    key: Key,
    location: Location,
    context: str = "",
    *,
    wanted: Key | None = None,
) -> None:
    """Report a slug the catalogues do not have, and re-read the page when it appears.

    When no catalogue could be read, that was said once when the build started: every object
    would be "unknown", so nothing more is said; fixing the data makes the object appear, which
    re-reads the page. When some catalogue could not be read, the object may be in it, and the
    warning says so. ``wanted`` is the object whose appearance re-reads the page, when it is
    not ``key`` itself (a session's event).
    """
    store = get_store(env)
    get_domain(env).note_wanted(env.docname, wanted or key)
    if not store.catalogues and store.failed:
        return
    maybe = ""
    if store.failed:
        failed = ", ".join(str(path) for path in store.failed)
        maybe = f" (it may be in a catalogue that could not be read: {failed})"
    logger.warning(
        "unknown %s %r%s%s",
        key[0],
        key[1],
        context,
        maybe,
        type="ideation",
        subtype="ref",
        location=location,
    )


def _from_source(
    env: BuildEnvironment, store: Store, key: Key, source: str, location: Element
) -> bool:
    """Whether the object ``key`` may be linked to as from ``source``: the source is one of
    the sources file's, and the object shown under that slug is from it (or unknown: that is
    said as for any unknown slug). Else a warning at ``location``."""
    lookup = _catalogue_key(*key)
    role = ROLES[key[0]]
    # As for unknown slugs: nothing more is said when no catalogue could be read at all.
    quiet = not store.catalogues and bool(store.failed)
    if source not in store.sources:
        get_domain(env).note_wanted(env.docname, lookup)
        if not quiet:
            known = ", ".join(repr(name) for name in sorted(store.sources))
            logger.warning(
                "unknown source %r in :ideation:%s: (%s)",
                source,
                role,
                f"the sources are {known}" if known else "ideation_catalogue names no sources file",
                type="ideation",
                subtype="ref",
                location=location,
            )
        return False
    origin = store.origin(*lookup)
    if origin is None or origin.source == source:
        return True
    # Read again when the object changes: a lock update may bring it from that source.
    get_domain(env).note_shown(env.docname, lookup)
    logger.warning(
        "the %s %r in :ideation:%s: is from the source %r, not %r",
        key[0],
        key[1],
        role,
        origin.source,
        source,
        type="ideation",
        subtype="ref",
        location=location,
    )
    return False


def _session_title(store: Store, target: str) -> str:
    """The title of session ``EVENT/HHMM``; the target itself when there is no such session."""
    event_slug, _, hhmm = target.partition("/")
    found = store.event(event_slug)
    if found is not None:
        for session in found[1].sessions:
            if f"{session.start:%H%M}" == hhmm:
                return session.title
    return target


def _catalogue_key(kind: str, target: str) -> Key:
    # A session is named EVENT/HHMM: the catalogue knows its event.
    if kind == "session":
        return ("event", target.split("/", 1)[0])
    return (kind, target)


class ProposalIndex(Index):
    """The proposals that pages define, grouped by status in the order of the lifecycle."""

    name = "proposals"
    localname = _("Proposals by status")
    shortname = _("proposals")

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = _ours(self.domain)
        wanted = set(docnames) if docnames is not None else None
        groups: dict[str, list[IndexEntry]] = {}
        for (_kind, slug), docname, entry in domain.best_entries("proposal"):
            if wanted is not None and docname not in wanted:
                continue
            groups.setdefault(entry.status, []).append(
                IndexEntry(entry.title, 0, docname, entry.anchor, slug, "", "")
            )
        content = []
        for status in ProposalStatus:
            if status.value in groups:
                entries = sorted(
                    groups[status.value], key=lambda item: (item.name.casefold(), item.extra)
                )
                content.append((status_label(status), entries))
        return content, False


class IdeationDomain(Domain):
    """Programmes, events, sessions, proposals and organisations, linked like Python objects."""

    name = "ideation"
    label = "Ideation"
    object_types: ClassVar[dict[str, ObjType]] = {
        "programme": ObjType(_("programme"), "programme"),
        "event": ObjType(_("event"), "event"),
        "session": ObjType(_("session"), "session"),
        "proposal": ObjType(_("proposal"), "proposal"),
        "organisation": ObjType(_("organisation"), "org"),
    }
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {
        role: IdeationRole(warn_dangling=False) for role in ROLES.values()
    }
    indices: ClassVar[list[type[Index]]] = [ProposalIndex]
    initial_data: ClassVar[dict[str, object]] = {
        "objects": {},
        "documents": {},
        "shown": {},
        "listings": {},
        "rows": {},
        "wanted": {},
    }
    # 2: "documents" was added; 3: "shown" was added, and data files are no longer Sphinx
    # dependencies; 4: "rows" was added. An environment pickled with an older version is read
    # again in full.
    data_version = 4

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: The process the domain was made in (the main one), and whether a reading process
        #: of a parallel build has dropped what it will not send back (see :func:`_trim`).
        self.main_pid = os.getpid()
        self.trimmed = False
        #: Where the links to each object go, sorted by object, once every document is read:
        #: asked for by the inventory, the search index and the proposal index at every build,
        #: nothing read or not. Forgotten whenever what documents define changes.
        self._best: list[tuple[Key, str, ObjectEntry]] | None = None

    @property
    def typed(self) -> DomainData:
        """The domain's data (``self.data``), with its types: see :class:`DomainData`."""
        # Sphinx types Domain.data as a plain dict; it holds initial_data's keys and "version".
        data: DomainData = self.data  # type: ignore[assignment]
        return data

    # -- recording ---------------------------------------------------------------------------

    @property
    def objects(self) -> dict[Key, dict[str, ObjectEntry]]:
        """Every object defined, and where."""
        return self.typed["objects"]

    def note_object(self, kind: str, slug: str, entry: ObjectEntry) -> None:
        """Record that the current document defines ``(kind, slug)``."""
        docname = self.env.docname
        self._best = None
        defined = self.objects.setdefault((kind, slug), {})
        current = defined.get(docname)
        # A document that shows an object in full and also lists it keeps the full target.
        if current is None or (entry.primary and not current.primary):
            defined[docname] = entry
        self.typed["documents"].setdefault(docname, set()).add((kind, slug))

    def note_shown(self, docname: str, key: Key) -> None:
        """Record that ``docname`` shows ``key``: it is read again when the object's data is
        edited, or when it appears or goes."""
        self.typed["shown"].setdefault(docname, set()).add(key)

    def note_listing(self, docname: str, kind: str) -> None:
        """Record that ``docname`` lists every object of ``kind`` (or a filtered part of them)."""
        self.typed["listings"].setdefault(docname, set()).add(kind)

    def note_rows(self, docname: str, record: RowsRecord) -> None:
        """Record that ``docname`` holds a listing whose rows are made as it is written."""
        self.typed["rows"].setdefault(docname, []).append(record)

    def retitle(self, docname: str, key: Key, title: str, status: str = "") -> None:
        """Give the target ``docname`` defines for ``key`` the object's new title and status
        (a page only written again, not read, after an edit keeps its targets)."""
        entry = self.objects.get(key, {}).get(docname)
        if entry is None or entry.primary:
            return  # a page showing the object in full is read again
        if (entry.title, entry.status) != (title, status):
            self.objects[key][docname] = entry._replace(title=title, status=status)
            self._best = None

    def note_wanted(self, docname: str, key: Key) -> None:
        """Record that ``docname`` named an object the catalogue does not have (yet)."""
        self.typed["wanted"].setdefault(docname, set()).add(key)

    def documents_listing(self, kind: str) -> set[str]:
        """The documents that list objects of ``kind``."""
        listings = self.typed["listings"]
        return {docname for docname, kinds in listings.items() if kind in kinds}

    def documents_wanting(self, keys: Set[Key]) -> set[str]:
        """The documents that named one of ``keys`` when it did not exist."""
        wanted = self.typed["wanted"]
        return {docname for docname, named in wanted.items() if not named.isdisjoint(keys)}

    def documents_showing(self, keys: Set[Key]) -> set[str]:
        """The documents that show one of ``keys``."""
        shown = self.typed["shown"]
        return {docname for docname, found in shown.items() if not found.isdisjoint(keys)}

    def documents_using_data(self) -> set[str]:
        """The documents that show, list or named any object of the catalogues."""
        data = self.typed
        return {*data["shown"], *data["listings"], *data["rows"], *data["wanted"]}

    def documents_outdated_by(self, changes: Changes) -> set[str]:
        """The documents whose content may differ after ``changes`` to the data."""
        if changes.everything:
            return self.documents_using_data()
        touched = changes.touched
        outdated = self.documents_wanting(changes.appeared) | self.documents_showing(touched)
        kinds = {kind for kind, _slug in touched}
        listings = self.typed["listings"]
        # A list shows which objects of its kind pass its filter, and the programme's own
        # facts (its phases, its organisations): an edit to any of them may change it.
        for docname, listed in listings.items():
            if "programme" in kinds or not listed.isdisjoint(kinds):
                outdated.add(docname)
        return outdated

    # -- the Domain interface ----------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        # Through the document's own index: a scan of every object for every document re-read
        # made a full build quadratic in the number of pages.
        data = self.typed
        objects = data["objects"]
        self._best = None
        for key in data["documents"].pop(docname, ()):
            defined = objects.get(key)
            if defined is None:
                continue
            defined.pop(docname, None)
            if not defined:
                del objects[key]
        data["shown"].pop(docname, None)
        data["listings"].pop(docname, None)
        data["rows"].pop(docname, None)
        data["wanted"].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, object]) -> None:
        # A parallel build merges one chunk of documents at a time: only what those documents
        # recorded is looked at, through the other process's index by document.
        other: DomainData = otherdata  # type: ignore[assignment]  # another process's data
        data = self.typed
        self._best = None
        objects = data["objects"]
        for docname in docnames:
            keys = other["documents"].get(docname)
            if keys:
                data["documents"][docname] = set(keys)
                for key in keys:
                    objects.setdefault(key, {})[docname] = other["objects"][key][docname]
            _copy(other["shown"], data["shown"], docname)
            _copy(other["listings"], data["listings"], docname)
            _copy(other["wanted"], data["wanted"], docname)
            records = other["rows"].get(docname)
            if records is not None:
                data["rows"][docname] = list(records)

    def keep_only(self, docname: str) -> None:
        """Forget what every document but ``docname`` recorded (see :func:`_trim`)."""
        data = self.typed
        self._best = None
        keys = data["documents"].get(docname, set())
        data["objects"] = {
            key: {docname: data["objects"][key][docname]}
            for key in keys
            if docname in data["objects"].get(key, {})
        }
        data["documents"] = {docname: keys} if keys else {}
        data["shown"] = _only(data["shown"], docname)
        data["listings"] = _only(data["listings"], docname)
        data["rows"] = _only(data["rows"], docname)
        data["wanted"] = _only(data["wanted"], docname)

    def check_consistency(self) -> None:
        """Warn about objects shown in full by several documents.

        Checked once every document is read and, in a parallel build, merged: a check made
        while reading would see only the documents read before, in the same process, and a
        ``-j`` build would miss what ``-j 1`` reports.
        """
        # Run at every build, nothing read or not: the objects defined once (nearly all) are
        # passed over before anything is sorted.
        clashes = []
        for key, defined in self.objects.items():
            # A session is shown with its event, which is warned about already.
            if len(defined) > 1 and key[0] != "session":
                shown = [docname for docname, entry in defined.items() if entry.primary]
                if len(shown) > 1:
                    clashes.append((key, sorted(shown)))
        for (kind, slug), shown in sorted(clashes):
            for docname in shown[1:]:
                logger.warning(
                    "the %s %r is shown in full here and in %s; links go to %s",
                    kind,
                    slug,
                    shown[0],
                    shown[0],
                    type="ideation",
                    subtype="duplicate",
                    location=docname,
                )

    def best_entries(self, kind: str | None = None) -> Iterator[tuple[Key, str, ObjectEntry]]:
        """For each object (of ``kind``, if given), the document its links go to: a primary
        target first, then by name."""
        if self._best is None:
            best = []
            for key in sorted(self.objects):
                found = self.find(key)
                if found is not None:
                    best.append((key, found[0], found[1]))
            self._best = best
        for entry in self._best:
            if kind is None or entry[0][0] == kind:
                yield entry

    def find(self, key: Key) -> tuple[str, ObjectEntry] | None:
        """Where links to ``key`` go, or ``None`` if no document defines it."""
        defined = self.objects.get(key)
        if not defined:
            return None
        if len(defined) == 1:  # the usual case: asked for every object at every build's end
            docname = next(iter(defined))
        else:
            # Without a key function: an organisation is a target of every page listing it,
            # and this runs for every object at every build's end, nothing read or not.
            primary = [doc for doc, entry in defined.items() if entry.primary]
            docname = min(primary or defined)
        return docname, defined[docname]

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        found = self.locate(typ, target)
        if found is None:
            return None
        docname, entry = found
        return make_refnode(builder, fromdocname, docname, entry.anchor, contnode, entry.title)

    def locate(self, role: str, slug: str) -> tuple[str, ObjectEntry] | None:
        """Where a link of ``role`` to ``slug`` goes, or ``None`` if no document defines it."""
        for kind in self.objtypes_for_role(role) or ():
            found = self.find((kind, slug))
            if found is not None:
                return found
        return None

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for kind, role in ROLES.items():
            found = self.find((kind, target))
            if found is not None:
                docname, entry = found
                reference = make_refnode(
                    builder, fromdocname, docname, entry.anchor, contnode, entry.title
                )
                results.append((f"{self.name}:{role}", reference))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for (kind, slug), docname, entry in self.best_entries():
            yield slug, entry.title, kind, docname, entry.anchor, 1 if entry.primary else 2

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        return translate(type.lname)


def _copy(source: dict[str, set[_V]], target: dict[str, set[_V]], docname: str) -> None:
    # A copy: the other process's sets are unpickled for this merge, but stay the other's.
    found = source.get(docname)
    if found is not None:
        target[docname] = set(found)


def _only(entries: dict[str, _W], docname: str) -> dict[str, _W]:
    found = entries.get(docname)
    return {docname: found} if found is not None else {}


def get_domain(env: BuildEnvironment) -> IdeationDomain:
    """The ``ideation`` domain of a build."""
    return _ours(env.get_domain("ideation"))


def _ours(domain: Domain) -> IdeationDomain:
    if not isinstance(domain, IdeationDomain):
        # Only if another extension registered a domain of the same name.
        raise TypeError(f"the 'ideation' domain is {type(domain).__name__}, not IdeationDomain")
    return domain


def _known_without_page(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> Element | None:
    # An object of the catalogue that no page shows in full: its title, unlinked, no warning.
    # An unknown slug was reported when the page was read: its text, with no second warning.
    # Connected late, so that intersphinx gets a chance to link either to another site first.
    if node.get("refdomain") == "ideation":
        return contnode
    return None


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    # Data files are not Sphinx dependencies of the pages (Sphinx would check thousands of
    # them, one by one, at every build): the pages that show, list or named an object whose
    # data changed are found here, from the objects each page recorded.
    # From the store's summary: a build where nothing changed does not load the catalogue.
    changes = changed_keys(env)
    if changes is None:
        return []
    return sorted(get_domain(env).documents_outdated_by(changes))


def _trim(app: Sphinx, doctree: nodes.document) -> None:
    # A reading process of a parallel build is a copy of the main process, with what every
    # page read so far recorded, and sends its whole environment back after its chunk; the
    # main process merges only the chunk's pages. What the others recorded is dropped when it
    # reads its first page, so that it is not pickled and unpickled once per chunk.
    domain = get_domain(app.env)
    if domain.trimmed or domain.main_pid == os.getpid():
        return
    domain.trimmed = True
    domain.keep_only(app.env.docname)


def setup_domain(app: Sphinx) -> None:
    """Register the domain, its index, and the handlers that keep links and pages right."""
    app.add_domain(IdeationDomain)
    app.connect("doctree-read", _trim, priority=900)
    app.connect("missing-reference", _known_without_page, priority=900)
    app.connect("env-get-outdated", _outdated)
