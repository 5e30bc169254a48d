"""The catalogue as the build sees it: loaded once per build, reused while its files are unchanged.

The :class:`Store` lives on the build environment, so it is pickled with it: the next build
compares the files' modification times and sizes with the ones it was loaded from, and reads the
data again only when one of them changed. It also knows which file each object came from, so that
a page notes a dependency on exactly the files it shows.

In a parallel build each reading process sends its environment back to the main one, which
keeps its own store: the store is held by a :class:`_Holder` that leaves it out of any pickle made
by a process other than the one that loaded it, so the catalogue does not cross once per chunk.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .. import model
from .._version import __version__
from ..errors import DataError, IdeationError, Problem
from ..formats import CatalogueSources, Stamp, catalogue_files, load_with_sources
from .config import get_config

__all__ = [
    "KINDS",
    "Key",
    "Store",
    "get_store",
    "problem_location",
    "refresh_store",
    "setup_data",
    "today",
]

logger = logging.getLogger(__name__)

#: The kinds of object a catalogue holds, as the domain names them.
KINDS = ("programme", "event", "proposal", "organisation")

#: An object of a catalogue: its kind and its slug.
Key = tuple[str, str]

_T = TypeVar("_T")
_ATTRIBUTE = "_ideation_store"


def _signature(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    # The library's version is part of it: a newer model must not reuse objects pickled by an
    # older one with the previous build's environment.
    signature = [(f"ideation {__version__}", 0, 0)]
    for path in paths:
        for file in catalogue_files(path):
            try:
                stat = file.stat()
            except OSError:
                continue
            signature.append((str(file), stat.st_mtime_ns, stat.st_size))
        # A missing catalogue path is part of the signature too, so that creating it reloads.
        signature.append((str(path), int(path.exists()), 0))
    return tuple(signature)


@attrs.frozen(kw_only=True)
class Store:
    """The catalogues of a build, the file each object was read from, and the load's problems."""

    signature: tuple[tuple[str, int, int], ...] = ()
    catalogues: tuple[model.Catalogue, ...] = ()
    files: dict[Key, tuple[Path, ...]] = attrs.field(factory=dict)
    all_files: tuple[Path, ...] = ()
    problems: tuple[Problem, ...] = ()
    #: The catalogue paths that could not be read (their objects are unknown to the build).
    failed: tuple[Path, ...] = ()
    #: The objects of the previous build's store, to tell which were added or removed.
    previous: frozenset[Key] | None = None
    #: Each event, proposal and candidate file read, with its stamp and the (public) item it
    #: gave: the next build reads again only the files whose stamp changed.
    reusable: dict[Path, tuple[Stamp, Any]] = attrs.field(factory=dict, repr=False, eq=False)
    #: kind -> the files of its objects and of the programmes (see files_of_kind).
    _kind_files: dict[str, tuple[Path, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # Built once: every listing page asks for it, and a scan of every file per page would
        # make reading grow with pages times files.
        found: dict[str, set[Path]] = {}
        for (kind, _slug), files in self.files.items():
            found.setdefault(kind, set()).update(files)
        programme = found.get("programme", set())
        kinds = {kind for kind, _slug in self.files} | set(KINDS)
        object.__setattr__(
            self,
            "_kind_files",
            {kind: tuple(sorted(found.get(kind, set()) | programme)) for kind in kinds},
        )

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

    def files_of(self, kind: str, slug: str) -> tuple[Path, ...]:
        """The files an object was read from; every file when the catalogue could not be read."""
        if not self.catalogues:
            return self.all_files
        return self.files.get((kind, slug), ())

    def files_of_kind(self, kind: str) -> tuple[Path, ...]:
        """The files of every object of a kind (and the programme files they hang from)."""
        if not self.catalogues:
            return self.all_files
        return self._kind_files.get(kind, self._kind_files["programme"])


def _public(value: Any, *, show_names: bool, public: frozenset[int] = frozenset()) -> Any:
    """``value`` with only what pages may show: the store is pickled with the environment, and
    the environment (in ``OUT/.doctrees`` by default) is published with the site.

    Participants are kept only if names are shown, and then only those who consented; keys the
    model does not know (``extra``) are dropped, since no page shows them. Objects whose id is
    in ``public`` are public already, and given back as they are.
    """
    if id(value) in public:
        return value
    if isinstance(value, tuple):
        items = tuple(_public(item, show_names=show_names, public=public) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if not attrs.has(type(value)):
        return value
    changes: dict[str, object] = {}
    if isinstance(value, model.Attendance):
        named = value.named_participants if show_names else ()
        if named != value.participants:
            changes["participants"] = named
    for field in attrs.fields(type(value)):
        if not field.init or field.alias in changes:
            continue
        current = getattr(value, field.name)
        if field.name == "extra":
            if current:
                changes[field.alias] = {}
            continue
        kept = _public(current, show_names=show_names, public=public)
        if kept is not current:
            changes[field.alias] = kept
    if isinstance(value, model.Attendance) and "participants" in changes:
        changes["participants"] = _public(changes["participants"], show_names=show_names)
    return attrs.evolve(value, **changes) if changes else value


def _load(
    paths: tuple[Path, ...],
    signature: tuple[tuple[str, int, int], ...],
    *,
    show_names: bool,
    reuse: dict[Path, tuple[Stamp, Any]],
) -> Store:
    catalogues: list[model.Catalogue] = []
    files: dict[Key, list[Path]] = {}
    problems: list[Problem] = []
    all_files: list[Path] = []
    # For each catalogue read, the file of each of its objects (to locate duplicates).
    owners: list[dict[Key, Path]] = []
    failed: list[Path] = []
    reusable: dict[Path, tuple[Stamp, Any]] = {}
    # The reused items are the public ones of the last build: not walked again (they are kept
    # alive by ``reuse`` meanwhile, so their ids stand for them).
    already_public = frozenset(id(item) for _stamp, item in reuse.values())
    for path in paths:
        all_files.extend(catalogue_files(path))
        if not path.exists():
            problems.append(Problem(message="the catalogue path does not exist", file=str(path)))
            failed.append(path)
            continue
        try:
            catalogue, sources = load_with_sources(path, reuse=reuse)
        except DataError as error:
            problems.extend(error.problems)
            failed.append(path)
            continue
        except IdeationError as error:
            problems.append(Problem(message=str(error), file=str(path)))
            failed.append(path)
            continue
        public = cast(
            "model.Catalogue", _public(catalogue, show_names=show_names, public=already_public)
        )
        catalogues.append(public)
        reusable.update(_reusable(public, sources))
        owners.append(dict(sources.objects))
        # The loader says which file each object is written in: a page depends on those only.
        for key, file in sources.objects.items():
            files.setdefault(key, []).append(file)
    seen: dict[Key, str] = {}
    for catalogue, catalogue_files_of in zip(catalogues, owners, strict=True):
        for key in sorted(Store(catalogues=(catalogue,)).keys()):
            if key in seen and key[0] != "programme":
                owner = catalogue_files_of.get(key)
                problems.append(
                    Problem(
                        message=f"the {key[0]} {key[1]!r} is also in the catalogue of "
                        f"programme {seen[key]!r}; that one is shown",
                        file=None if owner is None else str(owner),
                    )
                )
            seen.setdefault(key, catalogue.programme.slug)
    return Store(
        signature=signature,
        catalogues=tuple(catalogues),
        files={key: tuple(value) for key, value in files.items()},
        all_files=tuple(all_files),
        problems=tuple(problems),
        failed=tuple(failed),
        reusable=reusable,
    )


def _reusable(
    catalogue: model.Catalogue, sources: CatalogueSources
) -> Iterator[tuple[Path, tuple[Stamp, Any]]]:
    # The public items, not the loaded ones: this is pickled with the environment too. They
    # keep what the catalogue checks (slugs and references), so it is built from them alike.
    items: list[tuple[str, Any]] = [
        *(("event", event) for event in catalogue.events),
        *(("proposal", proposal) for proposal in catalogue.proposals),
        *(("candidate", candidate) for candidate in catalogue.candidates),
    ]
    for kind, item in items:
        path = sources.objects.get((kind, item.slug))
        stamp = None if path is None else sources.stamps.get(path)
        if path is not None and stamp is not None:
            yield path, (stamp, item)


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


def refresh_store(app: Sphinx) -> Store:
    """Load the catalogues if their files changed since the store on ``env`` was made.

    Problems in the data are reported as warnings (type ``ideation``, subtype ``data``, with the
    file and line), at every build until they are fixed; the extension never raises on them.
    """
    env = app.env
    config = get_config(env.config)
    paths = config.catalogue_paths(Path(app.confdir))
    # Whether names are shown changes what the store keeps: part of the signature.
    signature = (*_signature(paths), ("show_names", int(config.show_names), 0))
    old = _held(env)
    if old is not None and old.signature == signature:
        store = attrs.evolve(old, previous=old.keys())
    else:
        # Files whose stamp is unchanged are not read again, unless what the store keeps of
        # them may differ: another version of ideation, or names shown or not.
        same_rules = old is not None and (old.signature[:1], old.signature[-1:]) == (
            signature[:1],
            signature[-1:],
        )
        reuse = old.reusable if old is not None and same_rules else {}
        store = _load(paths, signature, show_names=config.show_names, reuse=reuse)
        store = attrs.evolve(store, previous=old.keys() if old is not None else None)
    setattr(env, _ATTRIBUTE, _Holder(store))
    _report(store.problems)
    if paths and not store.catalogues:
        # Said once here: directives and roles then stay silent rather than calling every
        # object of the broken catalogue unknown.
        logger.warning(
            "no catalogue could be read: the ideation directives show nothing and the roles "
            "show slugs until the problems above are fixed",
            type="ideation",
            subtype="data",
            location=f"{paths[0]}:",
        )
    return store


def get_store(env: BuildEnvironment) -> Store:
    """The store of this build, loaded when the build started (empty before that)."""
    store = _held(env)
    return store if store is not None else Store()


def _held(env: BuildEnvironment) -> Store | None:
    holder = getattr(env, _ATTRIBUTE, None)
    return holder.store if isinstance(holder, _Holder) else None


class _Holder:
    """The store on the environment, the process that loaded it, and the one path object
    kept for each dependency file (see :func:`_share_dependencies`)."""

    __slots__ = ("paths", "pid", "store")

    def __init__(self, store: Store) -> None:
        self.store: Store | None = store
        self.pid = os.getpid()
        self.paths: dict[Path, Path] = {}

    def __getstate__(self) -> tuple[Store | None, int]:
        # A process of a parallel build pickles its whole environment to send it back after
        # reading a chunk of documents; the main process keeps its own store and never reads
        # the child's, so carrying the catalogue (the largest part) once per chunk is waste.
        # The main process's own pickle (the environment saved for the next build) keeps it.
        return (self.store if os.getpid() == self.pid else None, self.pid)

    def __setstate__(self, state: tuple[Store | None, int]) -> None:
        self.store, self.pid = state
        self.paths = {}

    def shared(self, paths: Iterable[Path]) -> set[Path]:
        """``paths``, each replaced by the one equal path object this process keeps."""
        return {self.paths.setdefault(path, path) for path in paths}


def _share(env: BuildEnvironment, docnames: Iterable[str]) -> None:
    holder = getattr(env, _ATTRIBUTE, None)
    if not isinstance(holder, _Holder):
        return
    dependencies = env.dependencies
    for docname in docnames:
        files = dependencies.get(docname)
        if files:
            dependencies[docname] = holder.shared(files)  # type: ignore[assignment]


def _share_dependencies(app: Sphinx, doctree: object) -> None:
    # Sphinx makes a new path object for every dependency noted: with a page per object, the
    # same data files are named by thousands of pages (a list of every proposal depends on
    # every proposal file), and each copy is pickled and unpickled on its own, with the
    # environment of every reading process and of every build. Equal paths made one object
    # are pickled once.
    _share(app.env, [app.env.docname])


def _share_merged(
    app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    # What a reading process sent back is made of its own copies: shared again here, so that
    # the processes started later, and the saved environment, carry one object per file.
    _share(env, docnames)


def today(env: BuildEnvironment) -> dt.date:
    """The date ``ideation:events`` splits past and upcoming on: ``ideation_today`` or today."""
    return get_config(env.config).today or dt.date.today()


def _on_builder_inited(app: Sphinx) -> None:
    refresh_store(app)


def setup_data(app: Sphinx) -> None:
    """Load the catalogues at the start of each build (before generated pages are written)."""
    # Priority 400: before the page generator (500), which needs the catalogue.
    app.connect("builder-inited", _on_builder_inited, priority=400)
    # Late: after Sphinx's own collectors have noted the page's dependencies and merged them.
    app.connect("doctree-read", _share_dependencies, priority=900)
    app.connect("env-merge-info", _share_merged, priority=900)
