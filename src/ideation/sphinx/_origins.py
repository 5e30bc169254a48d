"""Where each object a page shows came from, as much of it as pages may publish.

The data store (:mod:`._data`) keeps one :class:`PageOrigin` per event, proposal,
organisation and programme, and is published with the site (in the doctree folder): so an
origin holds only what its links show, the source's name, commit, the file's path in its
catalogue or repository, its line and the forge's and home site's URLs; never a path of the
build machine. Candidates get none: a candidate's file is named after the candidate.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import attrs

from ..urls import safe_url

if TYPE_CHECKING:
    from .. import model
    from ..sources import Assembled

#: An object of a catalogue: its kind and its slug.
_Key = tuple[str, str]

#: The kinds of object that get an origin (not candidates: people).
_KINDS = frozenset({"programme", "organisation", "event", "proposal"})


@attrs.frozen(kw_only=True)
class PageOrigin:
    """Where an object was read from, and the pages of its file elsewhere."""

    #: The source's name in the sources file; ``None`` for a catalogue path of ``conf.py``.
    source: str | None = None
    #: The file: inside its repository (git), the catalogue's URL (url), or relative to its
    #: catalogue folder (local), with ``/`` between folders.
    path: str = ""
    #: The commit (git) or the digest (url) the source is locked at.
    commit: str | None = None
    line: int | None = None
    #: The forge's web editor for the file (git sources of a known forge, on a branch).
    edit_url: str | None = None
    #: The forge's page of the file at its commit and line.
    view_url: str | None = None
    #: The object's page on the site that published the catalogue (url sources).
    home_url: str | None = None

    @property
    def links(self) -> tuple[str | None, ...]:
        """What pages show of the origin: the forge's editor and the home page (a change to
        them re-reads the pages that show the object, as a change to its file does)."""
        return (self.edit_url, self.home_url)

    @property
    def local(self) -> bool:
        """Whether the file is one of this site's own (``ideation_edit_url`` applies)."""
        return self.commit is None and self.home_url is None

    @property
    def home_site(self) -> str | None:
        """The host of :attr:`home_url`, as a link's text names the other site."""
        return urlsplit(self.home_url).hostname if self.home_url else None

    def edit_page(self, template: str | None) -> str | None:
        """The page that edits the file: the forge's, else (a local file) ``template`` with
        ``{path}`` replaced by :attr:`path`; ``None`` when there is none."""
        if self.edit_url is not None:
            return self.edit_url
        if template and self.local and self.path:
            return template.replace("{path}", self.path)
        return None


def local_origins(path: Path, objects: Mapping[_Key, Path]) -> dict[_Key, PageOrigin]:
    """The origins of the objects of the catalogue path ``path`` (a folder, or one file)."""
    folder = path if path.is_dir() else path.parent
    return {
        key: PageOrigin(path=_relative(file, folder))
        for key, file in objects.items()
        if key[0] in _KINDS
    }


def assembled_origins(
    sources_file: Path, assembled: Assembled, catalogue: model.Catalogue
) -> dict[_Key, PageOrigin]:
    """The origins of the objects a sources file assembled into ``catalogue`` (as loaded,
    before it is made public: its objects' ``url`` keys are their home pages)."""
    from ..sources import GitSource, LocalSource, UrlSource, read_sources  # see _data._load

    by_name = {source.name: source for source in read_sources(sources_file).sources}
    folder = sources_file.parent
    homes = dict(_homes(catalogue))
    found: dict[_Key, PageOrigin] = {}
    for key, origin in assembled.origins.items():
        if key[0] not in _KINDS:
            continue
        source = by_name.get(origin.source)
        if isinstance(source, GitSource):
            found[key] = PageOrigin(
                source=origin.source,
                path=origin.path,
                commit=origin.commit,
                line=origin.line,
                edit_url=_web(origin.edit_url),
                view_url=_web(origin.view_url),
            )
        elif isinstance(source, UrlSource):
            found[key] = PageOrigin(
                source=origin.source,
                path=source.url,
                commit=origin.commit,
                line=origin.line,
                home_url=homes.get(key),
            )
        elif isinstance(source, LocalSource) and origin.file is not None:
            root = Path(os.path.normpath(folder / source.path))
            found[key] = PageOrigin(
                source=origin.source,
                path=_relative(origin.file, root if root.is_dir() else root.parent),
                line=origin.line,
            )
    return found


def _homes(catalogue: model.Catalogue) -> Iterator[tuple[_Key, str]]:
    """The home page of each object that names one (``url``), if it is a web address."""
    items: list[tuple[str, model.Programme | model.Organisation | model.Event | model.Proposal]] = [
        ("programme", catalogue.programme),
        *(("organisation", item) for item in catalogue.organisations),
        *(("event", item) for item in catalogue.events),
        *(("proposal", item) for item in catalogue.proposals),
    ]
    for kind, item in items:
        url = _web(item.extra.get("url"))
        if url is not None:
            yield (kind, item.slug), url


def _web(url: object) -> str | None:
    """``url`` if it is an absolute web address safe to link to (the data is untrusted)."""
    if not isinstance(url, str):
        return None
    checked = safe_url(url)
    if checked is None or urlsplit(checked).scheme not in ("https", "http"):
        return None
    return checked


def _relative(file: Path, folder: Path) -> str:
    try:
        return PurePath(os.path.relpath(file, folder)).as_posix()
    except ValueError:  # another drive
        return file.name
