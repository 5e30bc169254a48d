"""The catalogue as the build sees it: loaded once per build, reused while its files are unchanged.

The :class:`Store` is saved in its own file in the doctree folder, next to the environment, and
the environment keeps only a :class:`Summary` of it (a digest of the files' stamps, and the
load's problems). The next build compares the files' modification times and sizes with the ones
the summary holds: when none changed, the store's file is read only if a page is read at all, so
a build with nothing to do never unpickles the catalogue. When one changed, the data is read
again, reusing what the saved store kept of the unchanged files. The store also knows which file
each object came from: comparing the files of the store the pages were read with and of this
build's tells which objects were edited, appeared or went (:class:`Changes`), and the domain
re-reads the pages that show those objects. No data file is a Sphinx dependency of a page.

In a parallel build each reading process sends its environment back to the main one: it carries
the summary only, never the catalogue.

The store's file sits in the doctree folder, which ``sphinx-build -b html SRC OUT`` puts inside
the output (``OUT/.doctrees``): it is published with the site. It holds only what pages may
show: the catalogues as :func:`ideation.privacy.public_catalogue` gives them, without the keys
the model does not know; and a candidate's file, whose name may be the candidate's, is known
only as part of its folder (see :func:`_blind`). Each object's origin
(:class:`~ideation.sphinx._origins.PageOrigin`: its source, its file's path in its catalogue or
repository, the forge's and home site's pages) is kept too; candidates have none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

import attrs
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .. import model
from .._io import FileStamp, Stamp, stamps_by_path, stamps_under, write_bytes_atomically
from .._version import __version__
from ..errors import DataError, IdeationError, Problem
from ..privacy import public_catalogue
from ._config import get_config
from ._origins import PageOrigin, assembled_origins, local_origins
from ._writes import reported

if TYPE_CHECKING:
    from ..formats import CatalogueSources

logger = logging.getLogger(__name__)

#: The kinds of object a catalogue holds, as the domain names them.
KINDS = ("programme", "event", "proposal", "organisation")

#: An object of a catalogue: its kind and its slug.
Key = tuple[str, str]

#: An item that a later load may reuse (see :func:`ideation.formats.load_with_sources`).
_Item = model.Event | model.Proposal | model.Candidate

#: By data file, its stamp and the public item built from it.
_Reusable = dict[Path, tuple[Stamp, _Item]]

_T = TypeVar("_T")
_ATTRIBUTE = "_ideation_store"

#: The store's file in the doctree folder (published with it when the doctrees are: it holds
#: only what pages may show, like the environment).
STORE_FILE = "ideation-store.pickle"

#: What a build's catalogue files were, when they were read: ``(file, mtime_ns, size)``.
Signature = tuple[tuple[str, int, int], ...]


#: What the store file holds: part of the signature, so that a store saved in another layout
#: is read again from the data rather than compared with. (3: the privacy rule covers
#: candidates, voters, leads and facilitators, and candidates' files are blinded. 4: origins.)
_LAYOUT = 4

#: The section of a catalogue folder whose files are people's: their names may be the people's.
_PEOPLE = "candidates"


#: The stamps of the files of each catalogue path, taken once per build: the signature is made
#: of them, and the loader compares them with the saved items' instead of looking again.
Walk = dict[Path, list[FileStamp]]


def _walk(paths: Iterable[Path]) -> Walk:
    return {path: _stamps(path) for path in paths}


def _signature(walk: Walk) -> Signature:
    # The library's version is part of it: a newer model must not reuse objects pickled by an
    # older one with the previous build's environment.
    signature = [(f"ideation {__version__} store {_LAYOUT}", 0, 0)]
    for path, stamps in walk.items():
        signature.extend(_blind(path, stamps))
        # A missing catalogue path is part of the signature too, so that creating it reloads.
        signature.append((str(path), int(path.exists()), 0))
    return tuple(signature)


def _stamps(path: Path) -> list[FileStamp]:
    """The stamp of every file a catalogue path may be read from: the path itself, or every
    file of the folder and of its subfolders (its sections).

    A superset of the loader's files (``catalogue_files``), taken with one directory listing
    per folder: every build takes it, and a change to a file the loader skips costs only a
    reload that reuses every unchanged item.
    """
    if _is_sources_file(path):
        # What the sources file assembles changes with it, its lock and its local folders.
        from ..sources import watched_files  # see _load

        return sorted(stamp for watched in watched_files(path) for stamp in _path_stamps(watched))
    return _path_stamps(path)


def _path_stamps(path: Path) -> list[FileStamp]:
    try:
        stat = path.stat()
    except OSError:
        return []
    if not path.is_dir():
        return [(str(path), stat.st_mtime_ns, stat.st_size)]
    # Sections may be links to folders elsewhere, as the loader reads them.
    return stamps_under(path, depth=1, follow_links=True)


def _is_person_file(path: Path, file: Path) -> bool:
    """Whether ``file``, read from the catalogue path ``path``, is a person's (a candidate's)."""
    return file.parent.name == _PEOPLE and file.parent.parent == path


def _blind(path: Path, stamps: list[FileStamp]) -> list[FileStamp]:
    """``stamps`` with the files of the candidates' folder made one entry for the folder.

    A candidate's file is named after its slug, which may be the candidate's name: the
    signature is saved in the store's file, published with the site. The folder's entry
    changes whenever one of its files is added, removed or changed, and the store knows each
    candidate as read from the folder, so the pages that list candidates are read again then.
    """
    # Compared as strings (stamps_under joins its paths as os.path does): every build takes
    # the signature, and a Path per file cost 8 ms of a 0.7 s rebuild with nothing to do.
    folder = str(path / _PEOPLE)
    kept: list[FileStamp] = []
    people: list[FileStamp] = []
    for stamp in stamps:
        (people if stamp[0].rpartition(os.sep)[0] == folder else kept).append(stamp)
    people.sort()
    if people:
        digest = hashlib.blake2b(repr(people).encode(), digest_size=7).digest()
        kept.append((str(folder), len(people), int.from_bytes(digest)))
    return kept


def _digest(value: tuple[tuple[object, ...], ...]) -> str:
    # Kept in the environment instead of the signature, which names every data file (and of
    # the keys, which name every object).
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


@attrs.frozen(kw_only=True)
class Store:
    """The catalogues of a build, the file each object was read from, and the load's problems."""

    signature: Signature = ()
    catalogues: tuple[model.Catalogue, ...] = ()
    files: dict[Key, tuple[Path, ...]] = attrs.field(factory=dict)
    #: Every data file the catalogue paths hold, read or not (the showcase's calendar feed
    #: dates itself from the newest).
    all_files: tuple[Path, ...] = ()
    problems: tuple[Problem, ...] = ()
    #: The catalogue paths that could not be read (their objects are unknown to the build).
    failed: tuple[Path, ...] = ()
    #: Each event, proposal and candidate file read, with its stamp and the (public) item it
    #: gave: the next build reads again only the files whose stamp changed.
    reusable: _Reusable = attrs.field(factory=dict, repr=False, eq=False)
    #: Where each object (not candidates) came from: its source, file and pages elsewhere.
    origins: dict[Key, PageOrigin] = attrs.field(factory=dict)
    #: The names of the sources of the sources files read (what roles' prefixes name).
    sources: frozenset[str] = frozenset()

    # -- look-ups --------------------------------------------------------------------------

    def _find(self, getter: str, slug: str) -> tuple[model.Catalogue, _T] | None:
        for catalogue in self.catalogues:
            try:
                found: _T = getattr(catalogue, getter)(slug)
            except KeyError:
                continue
            return catalogue, found
        return None

    def event(self, slug: str) -> tuple[model.Catalogue, model.Event] | None:
        """The event ``slug`` and its catalogue, or ``None``."""
        return self._find("event", slug)

    def proposal(self, slug: str) -> tuple[model.Catalogue, model.Proposal] | None:
        """The proposal ``slug`` and its catalogue, or ``None``."""
        return self._find("proposal", slug)

    def organisation(self, slug: str) -> tuple[model.Catalogue, model.Organisation] | None:
        """The organisation ``slug`` and its catalogue, or ``None``."""
        return self._find("organisation", slug)

    def programme(self, slug: str | None) -> model.Catalogue | None:
        """The catalogue of programme ``slug``; the first catalogue when ``slug`` is ``None``."""
        for catalogue in self.catalogues:
            if slug is None or catalogue.programme.slug == slug:
                return catalogue
        return None

    def title(self, kind: str, slug: str) -> str | None:
        """The display title of an object, or ``None`` if the catalogues have no such object."""
        if kind == "event":
            event = self.event(slug)
            return event[1].title if event else None
        if kind == "proposal":
            proposal = self.proposal(slug)
            return proposal[1].title if proposal else None
        if kind == "organisation":
            organisation = self.organisation(slug)
            return organisation[1].name if organisation else None
        if kind == "programme":
            catalogue = self.programme(slug)
            return catalogue.programme.name if catalogue else None
        return None

    def keys(self) -> frozenset[Key]:
        """Every object of every catalogue, as ``(kind, slug)``."""
        return frozenset(self._keys())

    def _keys(self) -> Iterator[Key]:
        for catalogue in self.catalogues:
            yield ("programme", catalogue.programme.slug)
            yield from (("organisation", org.slug) for org in catalogue.organisations)
            yield from (("event", event.slug) for event in catalogue.events)
            yield from (("proposal", proposal.slug) for proposal in catalogue.proposals)

    def origin(self, kind: str, slug: str) -> PageOrigin | None:
        """Where an object came from (``None`` when no catalogue has it, or for a candidate)."""
        return self.origins.get((kind, slug))

    def files_of(self, kind: str, slug: str) -> tuple[Path, ...]:
        """The files an object was read from (none when no catalogue has it)."""
        return self.files.get((kind, slug), ())

    def keys_in(self, files: Set[str]) -> frozenset[Key]:
        """The objects read from any of ``files`` (paths as the signature writes them)."""
        return frozenset(
            key for key, found in self.files.items() if any(str(file) in files for file in found)
        )


def _public(
    catalogue: model.Catalogue, *, show_names: bool, public: frozenset[int]
) -> model.Catalogue:
    """``catalogue`` with only what pages may show: the store's file is published with the
    site (see the module's documentation).

    Nobody is named without consent (:func:`ideation.privacy.public_catalogue`, the rule every
    published output follows), and keys the model does not know (``extra``) are dropped,
    since no page shows them. Objects whose id is in ``public`` are public already.
    """
    # A catalogue without the extras of its objects is a catalogue still.
    return cast(
        "model.Catalogue",
        _without_extra(public_catalogue(catalogue, show_names=show_names), public),
    )


def _without_extra(value: object, public: frozenset[int]) -> object:
    """``value`` without the keys the model does not know, at any depth."""
    if id(value) in public:
        return value
    if isinstance(value, tuple):
        items = tuple(_without_extra(item, public) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    cls = type(value)
    if not attrs.has(cls):
        return value
    changes: dict[str, object] = {}
    for field in attrs.fields(cls):
        if not field.init:
            continue
        current = getattr(value, field.name)
        if field.name == "extra":
            if current:
                changes[field.alias] = {}
            continue
        kept = _without_extra(current, public)
        if kept is not current:
            changes[field.alias] = kept
    return _evolve(value, **changes) if changes else value


# attrs' mypy plugin checks evolve's changes against the fields of one known class; here the
# class is whichever model class the walk meets, so evolve is called by its plain signature.
_evolve: Callable[..., object] = attrs.evolve


def _load(
    walk: Walk,
    signature: Signature,
    *,
    show_names: bool,
    reuse: _Reusable,
) -> Store:
    catalogues: list[model.Catalogue] = []
    files: dict[Key, list[Path]] = {}
    problems: list[Problem] = []
    all_files: list[Path] = []
    # For each catalogue read, the file of each of its objects (to locate duplicates).
    owners: list[dict[Key, Path]] = []
    failed: list[Path] = []
    reusable: _Reusable = {}
    origins: dict[Key, PageOrigin] = {}
    names: set[str] = set()
    # The reused items are the public ones of the last build: not walked again (they are kept
    # alive by ``reuse`` meanwhile, so their ids stand for them).
    already_public = frozenset(id(item) for _stamp, item in reuse.values())
    # The loaders (and YAML, TOML...) are imported when a catalogue is read, not by every
    # build: a rebuild with nothing changed reads none.
    from ..formats import catalogue_files

    for path, stamps in walk.items():
        all_files.extend(file for file in catalogue_files(path) if not _is_person_file(path, file))
        read = _read(path, reuse, stamps_by_path(stamps))
        if isinstance(read, list):
            problems.extend(read)
            failed.append(path)
            continue
        catalogue, sources, found, source_names = read
        names.update(source_names)
        for key, origin in found.items():
            origins.setdefault(key, origin)  # the first catalogue's object is the one shown
        public = _public(catalogue, show_names=show_names, public=already_public)
        catalogues.append(public)
        reusable.update(_reusable(catalogue, public, sources))
        owners.append(dict(sources.objects))
        # The loader says which file each object is written in: a page depends on those only.
        for key, file in _public_files(path, catalogue, public, sources):
            files.setdefault(key, []).append(file)
    problems.extend(_shown_twice(catalogues, owners))
    return Store(
        signature=signature,
        catalogues=tuple(catalogues),
        files={key: tuple(value) for key, value in files.items()},
        all_files=tuple(all_files),
        problems=tuple(problems),
        failed=tuple(failed),
        reusable=reusable,
        origins=origins,
        sources=frozenset(names),
    )


#: A catalogue read: the catalogue, its files, its objects' origins and its sources' names.
_Read = tuple[model.Catalogue, "CatalogueSources", dict[Key, PageOrigin], tuple[str, ...]]


def _read(path: Path, reuse: _Reusable, stamps: dict[Path, Stamp]) -> _Read | list[Problem]:
    """The catalogue at ``path`` and where its objects came from, or the problems that
    stopped it from being read."""
    from ..formats import load_with_sources  # see _load

    if not path.exists():
        return [Problem(message="the catalogue path does not exist", file=str(path))]
    if _is_sources_file(path):
        return _assembled(path)
    try:
        catalogue, sources = load_with_sources(path, reuse=reuse, stamps=stamps)
    except DataError as error:
        return list(error.problems)
    except IdeationError as error:
        return [Problem(message=str(error), file=str(path))]
    return catalogue, sources, local_origins(path, sources.objects), ()


def _is_sources_file(path: Path) -> bool:
    # ideation.sources.is_sources_file's rule, without importing the loaders at every build.
    return path.name.endswith("sources.toml")


def _assembled(path: Path) -> _Read | list[Problem]:
    """The catalogue a sources file assembles (see :mod:`ideation.sources`), or its problems.

    A candidate's file is given as its folder, as for a catalogue folder's candidates: its name
    may be the person's.
    """
    from ..sources import assemble, read_sources  # see _load

    try:
        assembled = assemble(path)
    except DataError as error:
        return list(error.problems)
    except IdeationError as error:
        return [Problem(message=str(error), file=str(path))]
    files = assembled.files
    objects = {
        key: file.parent if key[0] == "candidate" else file for key, file in files.objects.items()
    }
    origins = assembled_origins(path, assembled, assembled.catalogue)
    # Every source the file lists, those that gave nothing shown included.
    names = tuple(source.name for source in read_sources(path).sources)
    return assembled.catalogue, attrs.evolve(files, objects=objects), origins, names


def _shown_twice(
    catalogues: Iterable[model.Catalogue], owners: Iterable[dict[Key, Path]]
) -> Iterator[Problem]:
    """An object in more than one catalogue (the first is shown), at the file of each later
    one; ``owners`` gives each catalogue's file of each object."""
    seen: dict[Key, str] = {}
    for catalogue, catalogue_files_of in zip(catalogues, owners, strict=True):
        for key in sorted(Store(catalogues=(catalogue,)).keys()):
            if key in seen and key[0] != "programme":
                owner = catalogue_files_of.get(key)
                yield Problem(
                    message=f"the {key[0]} {key[1]!r} is also in the catalogue of "
                    f"programme {seen[key]!r}; that one is shown",
                    file=None if owner is None else str(owner),
                )
            seen.setdefault(key, catalogue.programme.slug)


def _public_files(
    path: Path, loaded: model.Catalogue, public: model.Catalogue, sources: CatalogueSources
) -> Iterator[tuple[Key, Path]]:
    """The file of each object, as the store keeps it: a candidate under its public slug, and
    its folder for its file (see :func:`_blind`)."""
    slugs = {
        before.slug: after.slug
        for before, after in zip(loaded.candidates, public.candidates, strict=True)
    }
    for (kind, slug), file in sources.objects.items():
        if kind == "candidate":
            yield (
                (kind, slugs.get(slug, slug)),
                file.parent if _is_person_file(path, file) else file,
            )
        else:
            yield (kind, slug), file


def _reusable(
    loaded: model.Catalogue, catalogue: model.Catalogue, sources: CatalogueSources
) -> Iterator[tuple[Path, tuple[Stamp, _Item]]]:
    # The public items, not the loaded ones: this is pickled with the environment too. They
    # keep what the catalogue checks (slugs and references), so it is built from them alike.
    # Only the items whose public form depends on nothing but their own file: a candidate
    # given an anonymous slug is numbered after the others, a team names candidates by that
    # slug, and a lead or a facilitator is left out after the data of someone else's file (see
    # ideation.privacy). Those are read again at each load, and given the same slugs.
    items: list[tuple[str, _Item]] = [
        *(
            ("event", event)
            for before, event in zip(loaded.events, catalogue.events, strict=True)
            if _same_facilitators(before, event)
        ),
        *(
            ("proposal", proposal)
            for before, proposal in zip(loaded.proposals, catalogue.proposals, strict=True)
            if (before.team, before.lead) == (proposal.team, proposal.lead)
        ),
        *(
            ("candidate", candidate)
            for before, candidate in zip(loaded.candidates, catalogue.candidates, strict=True)
            if before.slug == candidate.slug
        ),
    ]
    for kind, item in items:
        path = sources.objects.get((kind, item.slug))
        stamp = None if path is None else sources.stamps.get(path)
        if path is not None and stamp is not None:
            yield path, (stamp, item)


def _same_facilitators(before: model.Event, after: model.Event) -> bool:
    return all(
        a.facilitators == b.facilitators
        for a, b in zip(before.sessions, after.sessions, strict=True)
    )


def problem_location(problem: Problem) -> str | None:
    """Where a warning about ``problem`` points: its file (normalised, no ``x/../``), and line.

    Sphinx reads a location without a colon as a document name and makes a path of the
    source folder out of it (``data`` -> ``SRC/data.rst``): a file without a line is written
    ``FILE:``, as Sphinx itself writes a node's source without a line.
    """
    if problem.file is None:
        return None
    file = os.path.normpath(problem.file)
    return f"{file}:{problem.line}" if problem.line is not None else f"{file}:"


def _report(problems: Iterable[Problem]) -> None:
    for problem in problems:
        path = "" if problem.path == "$" else f"{problem.path}: "
        # One warning, one line: tools that read build logs (CI annotations) need it.
        message = " ".join(problem.message.split())
        logger.warning(
            "%s%s",
            path,
            message,
            type="ideation",
            subtype="data",
            location=problem_location(problem),
        )


@attrs.frozen(kw_only=True)
class Changes:
    """The objects whose data differs from the data the pages in the environment were read
    with: the domain re-reads the pages that show, list or named them."""

    appeared: frozenset[Key] = frozenset()
    gone: frozenset[Key] = frozenset()
    #: Objects read from a file that changed (in the old data or the new).
    edited: frozenset[Key] = frozenset()
    #: The data the pages were read with is not known: every page that shows, lists or named
    #: an object is read again.
    everything: bool = False

    @property
    def touched(self) -> frozenset[Key]:
        """Every object that appeared, went or was edited."""
        return self.appeared | self.gone | self.edited

    def __or__(self, other: Changes) -> Changes:
        # Changes over two steps: what either step touched (an object that appeared, then
        # went, re-reads the pages of both, which is more than needed, never less).
        return Changes(
            appeared=self.appeared | other.appeared,
            gone=self.gone | other.gone,
            edited=self.edited | other.edited,
            everything=self.everything or other.everything,
        )


#: The changes when the data the pages were read with cannot be compared with this build's.
EVERYTHING = Changes(everything=True)


def _differences(before: Store, after: Store) -> Changes:
    """What changed from the store ``before`` to ``after``, from their files' stamps."""
    rules = (before.signature[:1], before.signature[-1:])
    if rules != (after.signature[:1], after.signature[-1:]):
        # Another version of ideation, or names shown or not: any object may show otherwise.
        return EVERYTHING
    old, new = before.keys(), after.keys()
    files = {stamp[0] for stamp in set(before.signature) ^ set(after.signature)}
    # An event or a proposal whose links out changed (another branch in the sources file, a
    # partner's page moved) shows otherwise, its file unchanged.
    relinked = frozenset(
        key
        for key in old & new
        if key[0] in ("event", "proposal") and _links(before, key) != _links(after, key)
    )
    return Changes(
        appeared=new - old,
        gone=old - new,
        edited=before.keys_in(files) | after.keys_in(files) | relinked,
    )


def _links(store: Store, key: Key) -> tuple[str | None, ...] | None:
    origin = store.origin(*key)
    return None if origin is None else origin.links


@attrs.frozen(kw_only=True)
class Summary:
    """What the environment keeps of a store: enough to tell that nothing changed, and to
    report the load's problems again. Small, since every build unpickles it."""

    #: A digest of the store's signature (see :func:`_digest`).
    digest: str = ""
    problems: tuple[Problem, ...] = ()
    #: Whether any catalogue could be read.
    loaded: bool = False
    #: The digest of the store the pages were read with when this one was loaded, and what
    #: changed since: a build that re-reads no page does not save the environment, and the
    #: next build compares its (older) summary with this store through them.
    since: str | None = None
    changes: Changes = Changes()

    @classmethod
    def of(
        cls, store: Store, *, since: str | None = None, changes: Changes | None = None
    ) -> Summary:
        """The summary of ``store``, loaded when the pages were read with ``since``."""
        return cls(
            digest=_digest(store.signature),
            problems=store.problems,
            loaded=bool(store.catalogues),
            since=since,
            changes=Changes() if changes is None else changes,
        )

    def changes_since(self, read_with: Summary) -> Changes:
        """What changed since the pages were read with the store ``read_with`` summarises."""
        if read_with.digest == self.digest:
            return Changes()
        if read_with.digest == self.since:
            return self.changes
        return EVERYTHING


@attrs.frozen(kw_only=True)
class _Source:
    """Where this build's store is saved, and how to load it again from the data.

    The file holds two pickles: the store's :class:`Summary`, then the store; the summary
    alone is read at the start of every build.
    """

    file: Path
    paths: tuple[Path, ...]
    show_names: bool
    #: The stamps of the paths' files, taken once when the build starts.
    walk: Walk = attrs.field(
        default=attrs.Factory(lambda self: _walk(self.paths), takes_self=True), eq=False
    )

    def _read(self, count: int) -> list[object]:
        try:
            with self.file.open("rb") as stream:
                # Written by this extension, in the folder Sphinx unpickles the environment from.
                return [pickle.load(stream) for _ in range(count)]
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return []  # missing, cut short, or written by a version whose classes differ

    def head(self) -> Summary | None:
        """The summary of the saved store, or ``None``."""
        found = self._read(1)
        return found[0] if found and isinstance(found[0], Summary) else None

    def saved(self) -> Store | None:
        """The store saved by an earlier build, or ``None`` if there is none that reads back."""
        found = self._read(2)
        return found[1] if len(found) == 2 and isinstance(found[1], Store) else None

    def save(self, summary: Summary, store: Store) -> None:
        """Save ``store`` and its ``summary`` atomically: a build stopped halfway leaves the
        old file or the new."""
        # Two pickles one after the other, read back by successive loads (see _read).
        data = pickle.dumps(summary, pickle.HIGHEST_PROTOCOL)
        write_bytes_atomically(self.file, data + pickle.dumps(store, pickle.HIGHEST_PROTOCOL))

    def load(self, signature: Signature, saved: Store | None) -> Store:
        """The store of the data as ``signature`` (made of :attr:`walk`) says it is: ``saved``
        if it is that one, else read again (reusing what ``saved`` kept of the files that did
        not change)."""
        if saved is not None and saved.signature == signature:
            return saved
        # Files whose stamp is unchanged are not read again, unless what the store keeps of
        # them may differ: another version of ideation, or names shown or not.
        same_rules = saved is not None and (saved.signature[:1], saved.signature[-1:]) == (
            signature[:1],
            signature[-1:],
        )
        reuse = saved.reusable if saved is not None and same_rules else {}
        return _load(self.walk, signature, show_names=self.show_names, reuse=reuse)


def refresh_store(app: Sphinx) -> Summary:
    """Load the catalogues if their files changed since the last build read them.

    Problems in the data are reported as warnings (type ``ideation``, subtype ``data``, with the
    file and line), at every build until they are fixed; the extension never raises on them.
    When no file changed the catalogue itself is not loaded here, only when a page needs it
    (see :func:`get_store`).
    """
    env = app.env
    config = get_config(env.config)
    paths = config.catalogue_paths(Path(app.confdir))
    # Whether names are shown changes what the store keeps: part of the signature.
    source = _Source(
        file=Path(app.doctreedir) / STORE_FILE, paths=paths, show_names=config.show_names
    )
    signature = (*_signature(source.walk), ("show_names", int(config.show_names), 0))
    old = _holder(env)
    holder = _refreshed(source, signature, None if old is None else old.summary)
    setattr(env, _ATTRIBUTE, holder)
    summary = holder.summary
    _report(summary.problems)
    if paths and not summary.loaded:
        # Said once here: directives and roles then stay silent rather than calling every
        # object of the broken catalogue unknown.
        logger.warning(
            "no catalogue could be read: the ideation directives show nothing and the roles "
            "show slugs until the problems above are fixed",
            type="ideation",
            subtype="data",
            location=f"{paths[0]}:",
        )
    return summary


def _refreshed(source: _Source, signature: Signature, read_with: Summary | None) -> _Holder:
    """The holder of this build's store; ``read_with`` is the summary of the store the pages in
    the environment were read with (``None`` on a first build)."""
    head = source.head()
    if head is not None and head.digest == _digest(signature):
        # The saved store is this data's: loaded only if a page needs it.
        holder = _Holder(head, source, signature)
        if read_with is not None:
            holder.changes = head.changes_since(read_with)
        return holder
    saved = source.saved()
    store = source.load(signature, saved)
    changes = None if read_with is None else _changes(read_with, head, saved, store)
    since = None if read_with is None else read_with.digest
    holder = _Holder(Summary.of(store, since=since, changes=changes), source, signature)
    holder.store = store
    # Saved even when the data is the saved store's: the summary says what changed since.
    holder.unsaved = True
    holder.changes = changes
    return holder


def _changes(read_with: Summary, head: Summary | None, saved: Store | None, now: Store) -> Changes:
    """What changed between the store the pages were read with and ``now``, through the
    store saved by the last build (``head``, ``saved``)."""
    if read_with.digest == _digest(now.signature):
        # A build stopped after saving the environment and before saving the store.
        return Changes()
    if head is None or saved is None:
        return EVERYTHING
    # The saved store's file holds its summary and the store itself: both are the same build's.
    before = head.changes_since(read_with)
    return before if before.everything else before | _differences(saved, now)


def get_store(env: BuildEnvironment) -> Store:
    """The store of this build (empty before the build started).

    Loaded from its file the first time it is asked for: a build that reads no page and
    writes none never loads it.
    """
    holder = _holder(env)
    return Store() if holder is None else _store_of(holder)


def _store_of(holder: _Holder) -> Store:
    # Loaded on first use (see get_store).
    if holder.store is None and holder.source is not None:
        saved = holder.source.saved()
        holder.store = holder.source.load(holder.signature, saved)
        # Saved again if the file was lost or cut short after its summary was read.
        holder.unsaved = holder.store is not saved
    return holder.store if holder.store is not None else Store()


def store_is_loaded(env: BuildEnvironment) -> bool:
    """Whether this build has loaded its store: a page needed the catalogue, or it changed."""
    holder = _holder(env)
    return holder is not None and holder.store is not None


def get_summary(env: BuildEnvironment) -> Summary:
    """The summary of this build's store, without loading the store."""
    holder = _holder(env)
    return holder.summary if holder is not None else Summary()


def changed_keys(env: BuildEnvironment) -> Changes | None:
    """The objects that appeared, went or were edited since the pages in the environment were
    read; ``None`` on the first build, which has nothing to compare with."""
    holder = _holder(env)
    return None if holder is None else holder.changes


def _holder(env: BuildEnvironment) -> _Holder | None:
    holder = getattr(env, _ATTRIBUTE, None)
    return holder if isinstance(holder, _Holder) else None


class _Holder:
    """The store's summary on the environment, and in this build the store itself once it is
    loaded."""

    __slots__ = ("changes", "signature", "source", "store", "summary", "unsaved")

    def __init__(
        self,
        summary: Summary,
        source: _Source | None = None,
        signature: Signature = (),
        *,
        changes: Changes | None = None,
    ) -> None:
        self.summary = summary
        # Only in the build that made it: where the store is saved, and the full signature.
        self.source = source
        self.signature = signature
        self.changes = changes
        self.store: Store | None = None
        #: Whether the store was read from the data by this build and is not saved yet.
        self.unsaved = False

    def __getstate__(self) -> Summary:
        # Only the summary is pickled with the environment: the store has its own file, and a
        # reading process of a parallel build sends its environment back once per chunk.
        return self.summary

    def __setstate__(self, state: object) -> None:
        # An environment pickled by another version holds something else: an empty summary
        # matches no signature, so the data is read again.
        self.summary = state if isinstance(state, Summary) else Summary()
        self.source = None
        self.signature = ()
        self.changes = None
        self.store = None
        self.unsaved = False


def today(env: BuildEnvironment) -> dt.date:
    """The date ``ideation:events`` splits past and upcoming on: ``ideation_today`` or today."""
    return get_config(env.config).today or dt.date.today()


def _on_builder_inited(app: Sphinx) -> None:
    refresh_store(app)


def _before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    # Loaded once here, before a parallel build starts its reading processes, so that they
    # inherit it rather than each reading the file; when no page is read, it is not loaded.
    if docnames:
        get_store(env)


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    # Saved once the pages are written, not when it is loaded: the pickler's working memory,
    # taken while the build grows, stayed in the build's peak (36 MiB more at 2,000
    # proposals). A failed build saves nothing; the next one reads the data again.
    holder = _holder(app.env)
    if exception is not None or holder is None or not holder.unsaved:
        return
    if holder.store is not None and holder.source is not None:
        consequence = "the next build reads the data files again"
        with reported(holder.source.file, "the saved catalogue", consequence) as failed:
            holder.source.save(holder.summary, holder.store)
        holder.unsaved = bool(failed)


def setup_data(app: Sphinx) -> None:
    """Load the catalogues at the start of each build (before generated pages are written)."""
    # Priority 400: before the page generator (500), which needs the catalogue.
    app.connect("builder-inited", _on_builder_inited, priority=400)
    app.connect("env-before-read-docs", _before_reading)
    app.connect("build-finished", _on_build_finished)
