"""The cache of the sources: bare clones, fetched catalogues, and each source's files as a
folder the loader reads (its checkout).

A checkout is written file by file, and a file only when its bytes change: a lock update that
changes one file of a repository changes that file's stamp alone, so that a Sphinx build
re-reads only the pages that show it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from .._io import outside, write_bytes_atomically
from . import _git, _http
from ._file import GitSource, LocalSource, Source, SourcesFile, UrlSource
from ._lockfile import Pin

#: The name of a url source's catalogue in its checkout.
PUBLISHED_NAME = "ideation.json"
_MARK = ".ideation-checkout"


class SourceProblem(Exception):
    """A source cannot be read as its pin says; the message is for the user."""


def checkout_folder(sources: SourcesFile, source: Source) -> Path:
    """The folder a git or url source's files are written to, in the cache."""
    # The sources file's place is part of the name: two sites may share one IDEATION_CACHE.
    key = hashlib.sha256(f"{sources.path.resolve()}\0{source.name}".encode()).hexdigest()[:12]
    return sources.cache / "checkouts" / f"{source.name}-{key}"


def url_file(sources: SourcesFile, sha256: str) -> Path:
    """Where the published catalogue of digest ``sha256`` is kept in the cache."""
    return sources.cache / "url" / f"{sha256}.json"


def local_root(sources: SourcesFile, source: LocalSource) -> Path:
    """The folder (or file) of a local source; a :class:`SourceProblem` if it leads out of
    the sources file's folder, or is not there."""
    root = sources.folder / source.path
    if not root.exists() and not root.is_symlink():
        raise SourceProblem(f"no folder or file {source.path!r} beside the sources file")
    why = outside(root, sources.folder, "the sources file's folder")
    if why is not None:
        raise SourceProblem(why)
    return root


def materialise(sources: SourcesFile, source: Source, pin: Pin | None, *, offline: bool) -> Path:
    """The folder (or file) the loader reads ``source`` from, as ``pin`` fixes it: written from
    the cache, fetched first where the cache lacks it (unless ``offline``)."""
    if isinstance(source, LocalSource):
        return local_root(sources, source)
    if pin is None or not pin.matches(source):
        raise SourceProblem(
            "not in the lock (or locked as another source): run `ideation sources lock` "
            f"{sources.path}"
        )
    folder = checkout_folder(sources, source)
    if isinstance(source, GitSource):
        assert pin.commit is not None  # matches() holds
        mark = f"{pin.commit} {source.path}"
        if _read_mark(folder) != mark:
            with tempfile.TemporaryDirectory(dir=_temporary(sources)) as scratch:
                export(sources, source, pin.commit, Path(scratch), offline=offline)
                sync(Path(scratch), folder)
            write_bytes_atomically(folder / _MARK, mark.encode())
        return folder
    assert isinstance(source, UrlSource)
    assert pin.sha256 is not None
    data = published(sources, source, pin.sha256, offline=offline)
    target = folder / PUBLISHED_NAME
    if not target.is_file() or target.read_bytes() != data:
        write_bytes_atomically(target, data)
    return target


def export(
    sources: SourcesFile, source: GitSource, commit: str, into: Path, *, offline: bool
) -> None:
    """Write the files of ``source``'s folder at ``commit`` into ``into``."""
    try:
        bare = _git.repository(sources.cache, source.git)
        if not _git.has_commit(bare, commit):
            if offline:
                raise SourceProblem(
                    f"commit {commit[:12]} is not in the cache, and --offline forbids fetching it"
                )
            _git.fetch_commit(bare, source.git, commit)
        _git.export_tree(bare, commit, source.path, into)
    except _git.GitError as error:
        raise SourceProblem(f"git: {error}") from None


def published(sources: SourcesFile, source: UrlSource, sha256: str, *, offline: bool) -> bytes:
    """The published catalogue of ``source`` whose digest is ``sha256``: from the cache, else
    fetched (unless ``offline``) and checked against the digest."""
    cached = url_file(sources, sha256)
    if cached.is_file():
        data = cached.read_bytes()
        if hashlib.sha256(data).hexdigest() == sha256:
            return data
    if offline:
        raise SourceProblem(
            f"the catalogue {sha256[:12]} is not in the cache, and --offline forbids fetching it"
        )
    try:
        data = _http.fetch(source.url)
    except _http.FetchError as error:
        raise SourceProblem(str(error)) from None
    found = hashlib.sha256(data).hexdigest()
    if found != sha256:
        raise SourceProblem(
            f"the URL now gives another catalogue (sha256 {found[:12]}, locked {sha256[:12]}): "
            f"run `ideation sources lock --update {source.name}` to take it"
        )
    store(sources, data)
    return data


def store(sources: SourcesFile, data: bytes) -> str:
    """Keep a fetched catalogue in the cache; return its digest."""
    digest = hashlib.sha256(data).hexdigest()
    write_bytes_atomically(url_file(sources, digest), data)
    return digest


def sync(source: Path, target: Path) -> None:
    """Make ``target`` hold the files of ``source``: write the files whose bytes differ, remove
    those ``source`` does not have, leave the others (and their stamps) untouched."""
    wanted: set[Path] = set()
    for folder, _dirs, names in os.walk(source):
        for name in names:
            relative = Path(folder, name).relative_to(source)
            wanted.add(relative)
            data = (source / relative).read_bytes()
            current = target / relative
            if not current.is_file() or current.is_symlink() or current.read_bytes() != data:
                write_bytes_atomically(current, data)
    if not target.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return
    for folder, _dirs, names in os.walk(target, topdown=False):
        for name in names:
            path = Path(folder, name)
            relative = path.relative_to(target)
            if relative not in wanted and name != _MARK:
                path.unlink()
        if Path(folder) != target and not any(Path(folder).iterdir()):
            Path(folder).rmdir()


def _read_mark(folder: Path) -> str | None:
    try:
        return (folder / _MARK).read_text(encoding="utf-8")
    except OSError:
        return None


def _temporary(sources: SourcesFile) -> Path:
    # Beside the checkouts, so that a folder is exported and compared on one file system.
    folder = sources.cache / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
