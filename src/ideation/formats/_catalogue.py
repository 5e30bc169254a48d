"""A catalogue as a folder: ``programme.yaml``, ``events/*`` and ``proposals/*``.

Every file is read and checked before any problem is raised, so that one run reports the
problems of the whole folder; problems found across files (a reference that does not resolve)
are traced back to the file and line they come from.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

import attrs

from .. import model
from .._io import Stamp, outside, stamp_of, write_atomically
from ..convert import structure, unstructure
from ..errors import DataError, Problem
from ..model import reference_problems
from ._document import Document, FrontMatter
from ._load import FORMATS, dumps, load_file, locate, read, with_default_slug
from ._references import Unbuilt, raw_slugs, unbuilt_of_programme

#: The stem of the programme file of a catalogue folder (``programme.yaml``, ``programme.toml``...).
PROGRAMME_STEM = "programme"

T = TypeVar("T")

_SECTIONS = ("events", "proposals", "candidates")
_TOPS = ("programme", "organisations", "events", "proposals", "candidates")


@attrs.frozen(kw_only=True)
class CatalogueSources:
    """Where a catalogue was read from: every data file, and the file of each object.

    ``objects`` maps ``(kind, slug)`` (kinds ``programme``, ``organisation``, ``event``,
    ``proposal``) to the file the object is written in, so that a tool that shows an object
    can depend on exactly that file.
    """

    files: tuple[Path, ...]
    objects: Mapping[tuple[str, str], Path]
    #: The stamp (modification time in nanoseconds, size) of each event, proposal and
    #: candidate file as it was read: what :func:`~ideation.formats.load_with_sources`
    #: compares to reuse an item.
    stamps: Mapping[Path, Stamp] = attrs.field(factory=dict)


_DATA_SUFFIXES = frozenset(suffix for module in FORMATS.values() for suffix in module.SUFFIXES)


def _programme_candidates(folder: Path) -> list[Path]:
    return [
        folder / f"{PROGRAMME_STEM}{suffix}"
        for name in ("yaml", "json", "toml")
        for suffix in FORMATS[name].SUFFIXES
    ]


def catalogue_files(path: Path) -> list[Path]:
    """The data files a catalogue path is read from: itself, or a folder's files, in order.

    A folder's files are those inside it: a symbolic link that leads out of the folder (or
    cannot be followed) is not one (:func:`load_with_sources` reports it).
    """
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    listing = _Listing.of(path)
    return [
        *listing.programmes,
        *(file for section in _SECTIONS for file in listing.items[section]),
    ]


def is_data_file(path: Path) -> bool:
    """Whether the loader reads ``path``: a file with a data suffix, not hidden, not ``_index``."""
    return path.is_file() and _data_name(path.name)


def _data_name(name: str) -> bool:
    """Whether a file named ``name`` is read as data: a data suffix, not hidden, not ``_index``."""
    return Path(name).suffix.lower() in _DATA_SUFFIXES and not name.startswith((".", "_"))


@attrs.frozen
class _Listing:
    """The files a catalogue folder is read from, and the links it holds that are not read.

    Only files inside the folder are read: a data file, a programme file or a section folder
    that is a symbolic link is followed only if it leads to a place inside the folder. Each
    other link is a problem at the link's own path, and nothing of its target is read (not
    even the names of a folder it leads to).
    """

    programmes: list[Path]
    items: dict[str, list[Path]]
    problems: list[Problem]

    @classmethod
    def of(cls, folder: Path) -> _Listing:
        problems: list[Problem] = []
        programmes = _programme_files(folder, problems)
        items = {section: _data_files(folder, section, problems) for section in _SECTIONS}
        return cls(programmes, items, problems)


def _programme_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The programme files of a catalogue folder that are read (one is expected)."""
    return [
        candidate
        for candidate in _programme_candidates(folder)
        if _readable(candidate, folder, problems, link=candidate.is_symlink())
    ]


def _readable(path: Path, folder: Path, problems: list[Problem], *, link: bool) -> bool:
    """Whether ``path`` is a file the catalogue ``folder`` reads; a link that leaves it (or
    cannot be followed) goes to ``problems`` instead."""
    if link:
        why = outside(path, folder)
        if why is not None:
            problems.append(Problem(message=why, file=str(path)))
            return False
    return path.is_file()


def _data_files(folder: Path, section: str, problems: list[Problem]) -> list[Path]:
    """The data files of the ``section`` folder of the catalogue ``folder``, sorted."""
    where = folder / section
    if where.is_symlink():
        why = outside(where, folder)
        if why is not None:
            problems.append(Problem(message=why, file=str(where)))
            return []
    if not where.is_dir():
        return []
    found = []
    # One listing, which tells links from files without a call per file.
    with os.scandir(where) as entries:
        for entry in entries:
            if not _data_name(entry.name):
                continue
            try:
                link = entry.is_symlink()
                if link or entry.is_file():
                    path = where / entry.name
                    if _readable(path, folder, problems, link=link):
                        found.append(path)
            except OSError:  # gone between the listing and the look: as if never listed
                continue
    return sorted(found)


class _Sources:
    """Where each part of the catalogue was read from, to trace problems back to lines."""

    def __init__(self) -> None:
        self.programme: tuple[Path, Document] | None = None
        #: Each item's file and document; the document is ``None`` for an item reused from an
        #: earlier load, and read only if a problem has to be traced to one of its lines.
        self.items: dict[str, list[tuple[Path, Document | None]]] = {
            section: [] for section in _SECTIONS
        }
        self.stamps: dict[Path, Stamp] = {}

    def of(self, catalogue: model.Catalogue) -> CatalogueSources:
        """The public view: every file read, and the file of each object of ``catalogue``."""
        assert self.programme is not None  # a catalogue was built, so its programme was read
        programme_file = self.programme[0]
        objects: dict[tuple[str, str], Path] = {
            ("programme", catalogue.programme.slug): programme_file
        }
        objects.update(
            dict.fromkeys(
                (("organisation", o.slug) for o in catalogue.organisations), programme_file
            )
        )
        # Items were appended in the order their files were read.
        for (path, _), event in zip(self.items["events"], catalogue.events, strict=True):
            objects[("event", event.slug)] = path
        for (path, _), proposal in zip(self.items["proposals"], catalogue.proposals, strict=True):
            objects[("proposal", proposal.slug)] = path
        for (path, _), candidate in zip(
            self.items["candidates"], catalogue.candidates, strict=True
        ):
            objects[("candidate", candidate.slug)] = path
        files = (
            programme_file,
            *(path for section in _SECTIONS for path, _ in self.items[section]),
        )
        return CatalogueSources(files=files, objects=objects, stamps=dict(self.stamps))

    def trace(self, problem: Problem) -> Problem:
        """``problem`` (its path from the catalogue's root) at the file and line it comes from."""
        split = split_catalogue_path(problem.path)
        if split is None:
            return problem
        top, index, rest = split
        document: Document | None
        if top in ("programme", "organisations") and self.programme is None:
            return problem
        if top == "programme":
            assert self.programme is not None
            path, document = self.programme
            relative = "$" + rest
        elif top == "organisations":
            # Organisations are listed in the programme file, under the same key.
            assert self.programme is not None
            path, document = self.programme
            relative = problem.path
        else:
            path, document = self.items[top][index or 0]
            relative = "$" + rest
            if document is None:
                document = _reread(path)
            if document is None:
                return Problem(message=problem.message, path=relative, file=str(path))
        return Problem(
            message=problem.message, path=relative, file=str(path), line=document.line_of(relative)
        )


def _reread(path: Path) -> Document | None:
    # The file of a reused item, read again to place a problem at its line; it was unchanged
    # when the load began, so it reads as it did (or, changed since, gives no line).
    try:
        return _item_document(path)
    except (DataError, OSError):
        return None


def split_catalogue_path(path: str) -> tuple[str, int | None, str] | None:
    """``$.events[3].sessions[0]`` -> ``("events", 3, ".sessions[0]")``: the part of the
    catalogue a path is in, the item's index, and the rest of the path."""
    for top in _TOPS:
        head = f"$.{top}"
        if path != head and not path.startswith((f"{head}.", f"{head}[")):
            continue
        rest = path[len(head) :]
        if not rest.startswith("["):
            return top, None, rest
        close = rest.index("]")
        return top, int(rest[1:close]), rest[close + 1 :]
    return None


def load_catalogue(folder: Path) -> model.Catalogue:
    """Read a catalogue folder; raise one :class:`DataError` with the problems of every file."""
    return load_with_sources(folder)[0]


def load_with_sources(
    path: Path,
    *,
    reuse: Mapping[Path, tuple[Stamp, model.Event | model.Proposal | model.Candidate]]
    | None = None,
    stamps: Mapping[Path, Stamp] | None = None,
) -> tuple[model.Catalogue, CatalogueSources]:
    """Read a catalogue folder or file, and say which file each of its objects came from.

    ``reuse`` maps event, proposal and candidate files of a folder to the stamp they had and the
    item an earlier load built from them (see :attr:`~ideation.formats.CatalogueSources.stamps`): a
    file with the same stamp is not read again, and its item is used as it is (so it should be that
    load's item, or a view of it that keeps what the catalogue checks: slugs and references). The
    catalogue is still built and checked whole, and a problem in a reused file still has its line. A
    long-running tool (the Sphinx extension, between builds) reads only what changed.

    ``stamps`` gives the stamp of files as the caller took them just before (the Sphinx extension
    takes them to tell whether anything changed at all): those are compared with ``reuse``
    instead of looking at the files again. A file it lacks is stamped here.
    """
    if not path.exists():
        raise DataError([Problem(message="no such file or folder", file=str(path))])
    if path.is_file():
        catalogue: model.Catalogue = load_file(path, model.Catalogue)
        keys = [("programme", catalogue.programme.slug)]
        keys += [("organisation", org.slug) for org in catalogue.organisations]
        keys += [("event", event.slug) for event in catalogue.events]
        keys += [("proposal", proposal.slug) for proposal in catalogue.proposals]
        keys += [("candidate", candidate.slug) for candidate in catalogue.candidates]
        return catalogue, CatalogueSources(files=(path,), objects=dict.fromkeys(keys, path))
    return _load_folder(path, reuse or {}, stamps or {})


def _read_programme(
    path: Path, sources: _Sources, problems: list[Problem], unbuilt: Unbuilt
) -> tuple[model.Programme | None, tuple[model.Organisation, ...]]:
    """Read a programme file: the programme, and the organisations listed under its key.

    Problems go to ``problems`` (with their lines), so that the caller can go on reading the
    other files of the folder; ``None`` stands for a programme that could not be built, and
    ``unbuilt`` gets the slugs its phases, seasons and organisations name (``None`` for a kind
    that cannot be told), so that references to them are checked all the same.
    """
    unbuilt.update(dict.fromkeys(("phases", "seasons", "organisations")))
    try:
        document = read(path)
    except DataError as error:  # not even valid syntax
        problems.extend(error.problems)
        return None, ()
    sources.programme = (path, document)
    if not isinstance(document.data, dict):
        problems.append(
            Problem(message="expected a mapping of keys to values", file=str(path), line=1)
        )
        return None, ()
    data = document.data
    programme: model.Programme | None = None
    organisations: tuple[model.Organisation, ...] = ()
    try:
        programme = structure(
            {key: value for key, value in data.items() if key != "organisations"}, model.Programme
        )
    except DataError as error:
        problems.extend(locate(error, document, str(path)).problems)
        unbuilt_of_programme(data, unbuilt)
    else:
        del unbuilt["phases"], unbuilt["seasons"]
    try:
        organisations = structure(data.get("organisations", []), tuple[model.Organisation, ...])
    except DataError as error:
        problems.extend(locate(error.within("$.organisations"), document, str(path)).problems)
        unbuilt["organisations"] = raw_slugs(data.get("organisations"))
    else:
        del unbuilt["organisations"]
    return programme, organisations


def load_programme_file(path: Path) -> model.Catalogue:
    """Read a catalogue folder's programme file alone, as a catalogue with no events.

    The organisations are read with it, so that the programme's organisers and each
    organisation's parent are checked; every problem has the file's line.
    """
    problems: list[Problem] = []
    sources = _Sources()
    unbuilt: Unbuilt = {}
    programme, organisations = _read_programme(path, sources, problems, unbuilt)
    if problems or programme is None:
        found = reference_problems(programme, organisations, unbuilt=unbuilt)
        raise DataError([*problems, *(sources.trace(problem) for problem in found)])
    try:
        return model.Catalogue(programme=programme, organisations=organisations)
    except DataError as error:
        raise DataError(sources.trace(problem) for problem in error.problems) from None


def programme_file(folder: Path) -> Path | None:
    """The programme file of a catalogue folder (the first by format order), if it has one."""
    found = _programme_files(folder, [])
    return found[0] if found else None


def is_catalogue_folder(path: Path) -> bool:
    """Whether ``path`` is a catalogue folder: one with a programme file, an ``events/`` or a
    ``proposals/`` folder.

    Such a folder is read as a catalogue by :func:`ideation.load`, ``ideation validate`` and
    the Sphinx extension alike (one without a programme file is an error for all three);
    ``validate`` checks the data files of any other folder one by one.
    """
    return path.is_dir() and (
        programme_file(path) is not None or any((path / name).is_dir() for name in _SECTIONS)
    )


def is_programme_file(path: Path) -> bool:
    """Whether ``path`` is named as a catalogue folder's programme file."""
    return path in _programme_candidates(path.parent)


#: An item of a catalogue folder's sections: what one of their files holds.
_Item = model.Event | model.Proposal | model.Candidate


def _load_folder(
    folder: Path, reuse: Mapping[Path, tuple[Stamp, _Item]], stamps: Mapping[Path, Stamp]
) -> tuple[model.Catalogue, CatalogueSources]:
    listing = _Listing.of(folder)
    problems = list(listing.problems)
    sources = _Sources()
    unbuilt: Unbuilt = {}
    programme, organisations = _folder_programme(
        folder, listing.programmes, sources, problems, unbuilt
    )

    def items_of(section: str, cl: type[T]) -> list[T]:
        """The items of the files of ``section`` that build."""
        items: list[T] = []
        broken: set[str] = set()
        for path in listing.items[section]:
            item = _folder_item(path, section, cl, reuse, stamps, sources, problems, broken)
            if item is not None:
                items.append(item)
        if broken:
            unbuilt[section] = broken
        return items

    # In the order of _SECTIONS, which is the order of the problems reported.
    events = items_of("events", model.Event)
    proposals = items_of("proposals", model.Proposal)
    candidates = items_of("candidates", model.Candidate)
    if problems or programme is None:
        # The references among the files that could be read are checked all the same, so that
        # one run reports them with the problems of each file.
        found = reference_problems(
            programme,
            organisations,
            events,
            proposals,
            candidates,
            unbuilt=unbuilt,
        )
        raise DataError([*problems, *(sources.trace(problem) for problem in found)])
    try:
        catalogue = model.Catalogue(
            programme=programme,
            organisations=organisations,
            events=events,
            proposals=proposals,
            candidates=candidates,
        )
    except DataError as error:
        raise DataError(sources.trace(problem) for problem in error.problems) from None
    return catalogue, sources.of(catalogue)


def _folder_programme(
    folder: Path,
    found: list[Path],
    sources: _Sources,
    problems: list[Problem],
    unbuilt: Unbuilt,
) -> tuple[model.Programme | None, tuple[model.Organisation, ...]]:
    """The programme and organisations of a folder's one programme file (``found``)."""
    if len(found) == 1:
        return _read_programme(found[0], sources, problems, unbuilt)
    # Reported with the problems of every other file of the folder, which are still read.
    unbuilt.update(dict.fromkeys(("phases", "seasons", "organisations")))
    names = ", ".join(path.name for path in found)
    message = (
        f"expected a {PROGRAMME_STEM}.yaml (or .json, .toml) file in the folder, found none"
        if not found
        else f"expected one programme file, found {len(found)}: {names}"
    )
    problems.append(Problem(message=message, file=str(folder)))
    return None, ()


def _folder_item(
    path: Path,
    section: str,
    cl: type[T],
    reuse: Mapping[Path, tuple[Stamp, _Item]],
    stamps: Mapping[Path, Stamp],
    sources: _Sources,
    problems: list[Problem],
    broken: set[str],
) -> T | None:
    """The item of one event, proposal or candidate file (``None`` after a problem): the one
    ``reuse`` has when the file's stamp (from ``stamps``, else taken now) is unchanged, else
    read and built.

    The slug of an item that cannot be built goes to ``broken``: the one its data gives, else
    the file's stem (which is the slug a file that gives none has).
    """
    stamp = stamps.get(path)
    if stamp is None:
        try:
            stamp = stamp_of(path)
        except OSError:
            stamp = None
    earlier = reuse.get(path)
    # What an earlier load built from this file, of this section's class: checked, not assumed
    # (a caller's mistake reads the file anew rather than put an event among the proposals).
    if stamp is not None and earlier is not None and earlier[0] == stamp:
        reused = earlier[1]
        if isinstance(reused, cl):
            sources.items[section].append((path, None))
            sources.stamps[path] = stamp
            return reused
    try:
        document = _item_document(path)
    except DataError as error:  # not even valid syntax
        problems.extend(error.problems)
        broken.add(path.stem)
        return None
    try:
        item = structure(document.data, cl)
    except DataError as error:
        problems.extend(locate(error, document, str(path)).problems)
        broken.update(raw_slugs([document.data]) or {path.stem})
        return None
    sources.items[section].append((path, document))
    if stamp is not None:
        sources.stamps[path] = stamp
    return item


def _item_document(path: Path) -> Document:
    """The document of an item's file, its slug taken from the file name when it has none."""
    parsed = read(path)
    return parsed.with_data(with_default_slug(parsed.data, path))


def dump_catalogue(
    catalogue: model.Catalogue, folder: Path, *, front_matter: FrontMatter = "yaml"
) -> None:
    """Write ``catalogue`` as a folder: the programme file, then a page per event and proposal.

    Every file is rendered before the first is written, so that a value no format can write
    leaves no partial catalogue behind; each file is then written atomically.
    """
    data = unstructure(catalogue.programme)
    if catalogue.organisations:
        data["organisations"] = unstructure(catalogue.organisations)
    texts = {folder / f"{PROGRAMME_STEM}.yaml": FORMATS["yaml"].render(data)}
    for section, items in (("events", catalogue.events), ("proposals", catalogue.proposals)):
        for item in items:
            texts[folder / section / f"{item.slug}.md"] = dumps(
                item, "markdown", front_matter=front_matter
            )
    # Candidates have no body to write: a YAML file each.
    for candidate in catalogue.candidates:
        texts[folder / "candidates" / f"{candidate.slug}.yaml"] = dumps(candidate, "yaml")
    for path, text in texts.items():
        write_atomically(path, text)
