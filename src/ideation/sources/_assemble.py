"""One catalogue from many sources: each source read as the loader reads a catalogue folder
(its programme file optional), the objects merged by slug, every problem traced to the source,
commit, file and line it comes from."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import attrs

from .. import model
from .._io import read_text
from ..errors import DataError, IdeationError, Problem
from ..formats import (
    CatalogueSources,
    Document,
    catalogue_files,
    format_for,
    load,
    load_programme_file,
    programme_file,
    split_catalogue_path,
)
from ._cache import SourceProblem, materialise
from ._file import LOCK_NAME, GitSource, LocalSource, Source, SourcesFile, UrlSource, read_sources
from ._forge import file_urls
from ._lockfile import Lock, Pin, read_lock

#: An object of a catalogue, as a source holds it.
_Object = model.Programme | model.Organisation | model.Event | model.Proposal | model.Candidate

_T = TypeVar("_T", model.Programme, model.Organisation, model.Event, model.Proposal)

#: The kinds of object a catalogue holds, as :attr:`Assembled.origins` keys them.
_SECTIONS = (("events", "event"), ("proposals", "proposal"), ("candidates", "candidate"))


@attrs.frozen(kw_only=True)
class Origin:
    """Where an object of an assembled catalogue comes from.

    ``str(origin)`` is ``kallm@3f2a91c:ideation/proposals/x.md:12`` for a git source,
    ``partner@9be0c1d:https://…/ideation.json`` for a published catalogue, the file's path
    for a local source.
    """

    #: The source's name in the sources file.
    source: str
    #: The commit (git) or the SHA-256 digest (url) the source is locked at; ``None`` for a
    #: local source.
    commit: str | None
    #: The file, inside the repository (git), the URL (url) or beside the sources file (local).
    path: str
    #: The line the object starts at, where it is known.
    line: int | None = None
    #: The file as it is on this machine (in the cache, for git and url sources).
    file: Path | None = attrs.field(default=None, eq=False, repr=False)
    #: The repository, the ref and the forge of a git source, for its pages' addresses.
    repository: str | None = attrs.field(default=None, repr=False)
    ref: str | None = attrs.field(default=None, repr=False)
    forge: str | None = attrs.field(default=None, repr=False)

    @property
    def view_url(self) -> str | None:
        """The forge's page that shows the file at the locked commit, at its line (GitHub,
        GitLab and Gitea addresses); ``None`` when the forge is not known."""
        urls = self._urls()
        return urls[0] if urls else None

    @property
    def edit_url(self) -> str | None:
        """The forge's web editor for the file, on the source's branch; ``None`` when the ref
        is a commit (or ``HEAD``), or the forge is not known."""
        urls = self._urls()
        return urls[1] if urls else None

    def _urls(self) -> tuple[str, str | None] | None:
        if self.repository is None or self.commit is None or self.ref is None:
            return None
        return file_urls(self.repository, self.ref, self.commit, self.path, self.line, self.forge)

    @property
    def label(self) -> str:
        """How problems name the file, ``source@commit:path``, or a local file's path."""
        if self.commit is None:
            return self.path
        return f"{self.source}@{self.commit[:7]}:{self.path}"

    def __str__(self) -> str:
        return self.label if self.line is None else f"{self.label}:{self.line}"


@attrs.frozen(kw_only=True)
class Assembled:
    """A catalogue assembled from a sources file, and where each of its objects came from."""

    catalogue: model.Catalogue
    #: The origin of each object, by ``(kind, slug)`` (kinds ``programme``, ``organisation``,
    #: ``event``, ``proposal``, ``candidate``).
    origins: Mapping[tuple[str, str], Origin]
    #: The files read (on this machine) and the file of each object, which a tool that
    #: rebuilds what changed (the Sphinx extension) depends on.
    files: CatalogueSources


@attrs.frozen
class _Place:
    """An object's file and where in it: ``prefix`` is its JSON path in the file."""

    origin: Origin
    prefix: str


@attrs.define
class Part:
    """What one source holds, read."""

    source: Source
    programme: model.Programme | None = None
    organisations: list[model.Organisation] = attrs.Factory(list)
    items: dict[str, list[_Object]] = attrs.Factory(lambda: {s: [] for s, _ in _SECTIONS})
    places: dict[tuple[str, int], _Place] = attrs.Factory(dict)
    files: list[Path] = attrs.Factory(list)
    problems: list[Problem] = attrs.Factory(list)


class _Labels:
    """The names problems give the files of one source."""

    def __init__(self, sources: SourcesFile, source: Source, pin: Pin | None, root: Path) -> None:
        self.sources = sources
        self.source = source
        self.commit = None if isinstance(source, LocalSource) else (pin.id if pin else None)
        self.root = root

    def origin(self, file: Path, line: int | None = None) -> Origin:
        source = self.source
        if isinstance(source, UrlSource):
            path = source.url
        elif isinstance(source, GitSource):
            inside = file.relative_to(self.root).as_posix() if file != self.root else ""
            path = str(PurePosixPath(source.path or ".", inside)).removeprefix("./")
            return Origin(
                source=source.name,
                commit=self.commit,
                path=path,
                line=line,
                file=file,
                repository=source.git,
                ref=source.ref,
                forge=source.forge,
            )
        else:
            path = str(file)
        return Origin(source=source.name, commit=self.commit, path=path, line=line, file=file)

    def relabel(self, problem: Problem) -> Problem:
        if problem.file is None:
            return attrs.evolve(problem, file=self.origin(self.root).label)
        return attrs.evolve(problem, file=self.origin(Path(problem.file)).label)


def assemble(path: str | Path, *, offline: bool = False) -> Assembled:
    """Read the sources file at ``path`` and assemble its sources into one catalogue.

    Git and url sources are read as the lock (``sources.lock``) fixes them, from the cache;
    what the cache lacks is fetched, unless ``offline`` (or ``IDEATION_OFFLINE=1``). Raise a
    :class:`~ideation.errors.DataError` with every problem of every source, each naming the
    source, commit, file and line (``kallm@3f2a91c:ideation/proposals/x.md:12: $.status: …``).
    """
    offline = offline or offline_by_default()
    sources = read_sources(path)
    lock = read_lock(sources.lock_path)
    parts = [read_part(sources, source, lock, offline=offline) for source in sources.sources]
    return merge(sources, parts)


def offline_by_default() -> bool:
    """Whether ``IDEATION_OFFLINE`` forbids fetching (``1``, ``true`` or ``yes``): for the
    builds that take no option, such as ``sphinx-build``."""
    return os.environ.get("IDEATION_OFFLINE", "").strip().lower() in ("1", "true", "yes")


def watched_files(path: str | Path, *, offline: bool = False) -> tuple[Path, ...]:
    """Bring each source's files up to what the lock fixes, and return what a tool that
    reloads when they change (the Sphinx extension) watches: the sources file, its lock, and
    the folder (or file) each source is read from.

    Git and url sources are written to their checkouts in the cache first (fetching what the
    cache lacks, unless ``offline``), so that a lock update changes the stamps of the files it
    changes, and only those. A source that cannot be written is left out: :func:`assemble`
    reports why.
    """
    path = Path(path)
    offline = offline or offline_by_default()
    found = [path, path.parent / LOCK_NAME]
    try:
        sources = read_sources(path)
        lock = read_lock(sources.lock_path)
    except (DataError, OSError):
        return tuple(found)
    for source in sources.sources:
        try:
            found.append(materialise(sources, source, lock.pins.get(source.name), offline=offline))
        except (SourceProblem, OSError):
            continue
    return tuple(found)


def read_part(sources: SourcesFile, source: Source, lock: Lock, *, offline: bool) -> Part:
    """Read one source as its pin fixes it; problems are kept in the part, not raised."""
    part = Part(source)
    pin = lock.pins.get(source.name)
    try:
        root = materialise(sources, source, pin, offline=offline)
    except SourceProblem as error:
        part.problems.append(
            Problem(
                message=f"source {source.name!r}: {error}",
                file=str(sources.path),
                line=source.line,
            )
        )
        return part
    except OSError as error:
        part.problems.append(
            Problem(
                message=f"source {source.name!r}: cannot write the cache: {error.strerror}",
                file=str(sources.path),
                line=source.line,
            )
        )
        return part
    labels = _Labels(sources, source, pin, root)
    if root.is_file():
        _read_file(part, root, labels)
    else:
        _read_folder(part, root, labels)
    part.problems = [labels.relabel(problem) for problem in part.problems]
    return part


def _read_file(part: Part, root: Path, labels: _Labels) -> None:
    """A source that is one catalogue file (a local catalogue file, a published catalogue)."""
    part.files.append(root)
    try:
        catalogue = load(root, model.Catalogue)
    except DataError as error:
        part.problems.extend(error.problems)
        return
    except IdeationError as error:
        part.problems.append(Problem(message=str(error), file=str(root)))
        return
    if isinstance(part.source, UrlSource):
        catalogue = _absolute_urls(catalogue, part.source.url)
    part.programme = catalogue.programme
    part.places[("programme", 0)] = _Place(labels.origin(root), "$.programme")
    part.organisations = list(catalogue.organisations)
    for index, _ in enumerate(catalogue.organisations):
        part.places[("organisations", index)] = _Place(
            labels.origin(root), f"$.organisations[{index}]"
        )
    for section, _ in _SECTIONS:
        items = list(getattr(catalogue, section))
        part.items[section] = items
        for index, _ in enumerate(items):
            part.places[(section, index)] = _Place(labels.origin(root), f"$.{section}[{index}]")


def _absolute_urls(catalogue: model.Catalogue, base: str) -> model.Catalogue:
    """A published catalogue's page URLs (``url`` keys) made absolute from where it was
    fetched: a site built without ``html_baseurl`` publishes them relative to its JSON."""

    def fixed(item: _T) -> _T:
        url = getattr(item, "extra", {}).get("url")
        if not isinstance(url, str) or urlsplit(url).scheme:
            return item
        extra = {**getattr(item, "extra", {}), "url": urljoin(base, url)}
        return attrs.evolve(item, extra=extra)

    return attrs.evolve(
        catalogue,
        programme=fixed(catalogue.programme),
        organisations=[fixed(item) for item in catalogue.organisations],
        events=[fixed(item) for item in catalogue.events],
        proposals=[fixed(item) for item in catalogue.proposals],
    )


def _read_folder(part: Part, root: Path, labels: _Labels) -> None:
    """A source that is a catalogue folder, with or without its programme file."""
    programme = programme_file(root)
    if programme is not None:
        part.files.append(programme)
        try:
            catalogue = load_programme_file(programme)
        except DataError as error:
            part.problems.extend(error.problems)
        else:
            part.programme = catalogue.programme
            part.places[("programme", 0)] = _Place(labels.origin(programme), "$")
            part.organisations = list(catalogue.organisations)
            for index, _ in enumerate(catalogue.organisations):
                part.places[("organisations", index)] = _Place(
                    labels.origin(programme), f"$.organisations[{index}]"
                )
    files = [file for file in catalogue_files(root) if file.parent.parent == root]
    for section, _ in _SECTIONS:
        for file in (file for file in files if file.parent.name == section):
            part.files.append(file)
            try:
                item = load(file)
                if not isinstance(item, _Object):
                    raise DataError.single(  # a catalogue file in a section folder
                        f"expected an item of {section}/, got a {type(item).__name__.lower()}",
                        file=str(file),
                    )
            except DataError as error:
                part.problems.extend(error.problems)
                continue
            except IdeationError as error:
                part.problems.append(Problem(message=str(error), file=str(file)))
                continue
            part.places[(section, len(part.items[section]))] = _Place(labels.origin(file), "$")
            part.items[section].append(item)


class _Documents:
    """The documents of files, parsed once each, to tell lines."""

    def __init__(self) -> None:
        self._parsed: dict[Path, Document | None] = {}

    def line(self, place: _Place, relative: str) -> int | None:
        file = place.origin.file
        if file is None:
            return None
        if file not in self._parsed:
            try:
                self._parsed[file] = format_for(file).parse(read_text(file), str(file))
            except (DataError, IdeationError, OSError):
                self._parsed[file] = None
        document = self._parsed[file]
        if document is None:
            return None
        path = place.prefix + relative[1:] if relative.startswith("$") else relative
        return document.line_of(path)

    def origin(self, place: _Place, relative: str = "$") -> Origin:
        return attrs.evolve(place.origin, line=self.line(place, relative))


def merge(sources: SourcesFile, parts: list[Part]) -> Assembled:
    """One catalogue from the parts, or a :class:`DataError` with every problem found."""
    problems = [problem for part in parts for problem in part.problems]
    documents = _Documents()
    chosen: dict[str, list[tuple[_Object, _Place]]] = {
        "programme": [],
        "organisations": [],
        **{section: [] for section, _ in _SECTIONS},
    }
    # The programme: one source's. A published catalogue's programme is used only when no
    # folder or repository has one (a site that lists another's catalogue keeps its own).
    offered = [part for part in parts if part.programme is not None]
    own = [part for part in offered if not isinstance(part.source, UrlSource)]
    programmes: list[tuple[Part, int, _Object]] = [
        (part, 0, part.programme) for part in (own or offered) if part.programme is not None
    ]
    if own:
        for part in offered:
            if isinstance(part.source, UrlSource):
                _rehome(part)
    for section in ("organisations", *(section for section, _ in _SECTIONS)):
        by_slug: dict[str, list[tuple[Part, int, _Object]]] = {}
        for part in parts:
            items = part.organisations if section == "organisations" else part.items[section]
            for index, item in enumerate(items):
                by_slug.setdefault(item.slug, []).append((part, index, item))
        for slug, found in by_slug.items():
            winners, problem = _winners(section, slug, found, sources, documents)
            if problem is not None:
                problems.append(problem)
            chosen[section].extend(
                (item, part.places[(section, index)]) for part, index, item in winners
            )
    if programmes:
        winners, problem = _winners("programme", "", programmes, sources, documents)
        if problem is not None:
            problems.append(problem)
        part, _, programme = winners[0]
        chosen["programme"] = [(programme, part.places[("programme", 0)])]
    elif not problems:
        problems.append(
            Problem(
                message="no source holds a programme file (programme.yaml): one source must",
                file=str(sources.path),
            )
        )
    if problems or not chosen["programme"]:
        raise DataError(problems)
    return _build(sources, parts, chosen, documents)


def _rehome(part: Part) -> None:
    """Show a published catalogue's items in this site's programme: the references to their
    own programme, its phases and its seasons (which this site does not have) are left out;
    each item's ``url`` still links back to its page on the site that published it."""
    for section, items in part.items.items():
        part.items[section] = [_rehomed(item) for item in items]


def _rehomed(item: _Object) -> _Object:
    if isinstance(item, model.Event):
        return attrs.evolve(item, programme=None, phase=None, season=None)
    if isinstance(item, model.Proposal):
        return attrs.evolve(item, phase=None, season=None)
    if isinstance(item, model.Candidate):
        return attrs.evolve(item, season=None)
    return item


def _winners(
    section: str,
    slug: str,
    found: list[tuple[Part, int, _Object]],
    sources: SourcesFile,
    documents: _Documents,
) -> tuple[list[tuple[Part, int, _Object]], Problem | None]:
    """The items that stay of those ``found`` for one slug: all of one source's (the catalogue
    reports a slug twice in one source), the source of highest priority's when two sources
    define it; a problem when two sources of the same priority do."""
    owners: list[Part] = []
    for part, _, _ in found:
        if part not in owners:
            owners.append(part)
    if len(owners) == 1:
        return found, None
    top = max(part.source.priority for part in owners)
    best = [part for part in owners if part.source.priority == top]
    winners = [entry for entry in found if entry[0] is best[0]]
    if len(best) == 1:
        return winners, None
    places = [
        documents.origin(part.places[(section, index)], "$.slug" if section != "programme" else "$")
        for part, index, _ in found
        if part in best
    ]
    kind = {"organisations": "organisation", "programme": "programme"}.get(
        section, section.rstrip("s")
    )
    what = f"the {kind} {slug!r}" if slug else "a programme"
    names = " and ".join(f"{origin.source!r} ({origin})" for origin in places)
    return winners, Problem(
        message=f"{what} is defined in two sources: {names}; give one a higher `priority` in "
        f"{sources.path.name} to say which wins",
        file=places[-1].label,
        line=places[-1].line,
    )


def _build(
    sources: SourcesFile,
    parts: list[Part],
    chosen: dict[str, list[tuple[_Object, _Place]]],
    documents: _Documents,
) -> Assembled:
    programme = chosen["programme"][0][0]
    assert isinstance(programme, model.Programme)  # merge() puts only a programme there
    try:
        catalogue = model.Catalogue(
            programme=programme,
            organisations=[
                item for item, _ in chosen["organisations"] if isinstance(item, model.Organisation)
            ],
            events=[item for item, _ in chosen["events"] if isinstance(item, model.Event)],
            proposals=[item for item, _ in chosen["proposals"] if isinstance(item, model.Proposal)],
            candidates=[
                item for item, _ in chosen["candidates"] if isinstance(item, model.Candidate)
            ],
        )
    except DataError as error:
        raise DataError(_trace(problem, chosen, documents) for problem in error.problems) from None
    origins: dict[tuple[str, str], Origin] = {
        ("programme", programme.slug): documents.origin(chosen["programme"][0][1])
    }
    kinds = {"organisations": "organisation", "events": "event", "proposals": "proposal"}
    kinds["candidates"] = "candidate"
    for section, kind in kinds.items():
        for item, place in chosen[section]:
            origins[(kind, item.slug)] = documents.origin(place, "$.slug")
    objects = {key: origin.file for key, origin in origins.items() if origin.file is not None}
    read = [file for part in parts for file in part.files]
    files = (sources.path, *([sources.lock_path] if sources.lock_path.exists() else []), *read)
    return Assembled(
        catalogue=catalogue,
        origins=origins,
        files=CatalogueSources(files=tuple(files), objects=objects),
    )


def _trace(
    problem: Problem, chosen: dict[str, list[tuple[_Object, _Place]]], documents: _Documents
) -> Problem:
    """A problem of the merged catalogue (its path from the catalogue's root) at the source,
    file and line it comes from."""
    split = split_catalogue_path(problem.path)
    if split is None:
        return problem
    top, index, rest = split
    entries = chosen.get(top, [])
    if top == "programme":
        entries, index = chosen["programme"], 0
    if index is None or index >= len(entries):
        return problem
    place = entries[index][1]
    relative = "$" + rest
    origin = documents.origin(place, relative)
    return attrs.evolve(problem, path=relative, file=origin.label, line=origin.line)
