"""The sources file (``sources.toml``): which folders, git repositories and published
catalogues a site is assembled from, read into :class:`LocalSource`, :class:`GitSource` and
:class:`UrlSource`, every problem with the file's line."""

from __future__ import annotations

import ipaddress
import os
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import attrs

from .._io import read_text
from ..errors import DataError, Problem
from ..formats import Document, toml
from ..model import PlainValue

#: The name a sources file has to have to be told from a catalogue file by its name alone.
SOURCES_NAME = "sources.toml"
#: The lock file written beside the sources file.
LOCK_NAME = "sources.lock"
#: The cache folder used when ``IDEATION_CACHE`` does not name one: beside the sources file.
CACHE_NAME = ".ideation-cache"

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
# A branch, a tag or a commit, as a fetch can name it: no ``..``, ``@{``, ``^``, ``~`` or ``:``.
_REF = re.compile(r"^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9_./-]{0,254}$")
# The transports git may use: ``ext::`` and ``fd::`` run commands, so they are never allowed.
_GIT_SCHEMES = ("https", "http", "ssh", "git", "file")
_SCP_LIKE = re.compile(r"^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:[^:]")
_KEYS = {"path", "git", "ref", "url", "priority", "forge"}
#: The forges whose page addresses are known (see ``forge`` in the sources file).
_FORGES = ("github", "gitlab", "gitea")


@attrs.frozen(kw_only=True)
class LocalSource:
    """A catalogue folder (or catalogue file) on this machine, relative to the sources file."""

    #: The source's name, its table's key in the sources file (``[sources.NAME]``).
    name: str
    #: The folder or file, relative to the sources file's folder and inside it.
    path: str
    #: The higher priority wins when two sources define the same object.
    priority: int = 0
    #: The line of the source's table in the sources file.
    line: int | None = None


@attrs.frozen(kw_only=True)
class GitSource:
    """A catalogue folder inside a git repository, at a branch, a tag or a commit."""

    name: str
    #: Any URL git takes (``https://``, ``ssh://``, ``git@host:path``, ``file://``).
    git: str
    #: A branch, a tag or a commit; ``HEAD`` (the repository's default branch) when not given.
    ref: str = "HEAD"
    #: The catalogue folder inside the repository (``""``: its root).
    path: str = ""
    priority: int = 0
    line: int | None = None
    #: The forge (``github``, ``gitlab``, ``gitea``) whose pages show and edit the files, for a
    #: self-hosted one; told by the host (github.com, gitlab.com, codeberg.org...) otherwise.
    forge: str | None = None


@attrs.frozen(kw_only=True)
class UrlSource:
    """A catalogue another ideation site publishes, as one JSON file over HTTPS."""

    name: str
    #: An ``https://`` URL (``http://`` only on the loopback address, for tests and previews).
    url: str
    priority: int = 0
    line: int | None = None


#: One source of a sources file.
Source = LocalSource | GitSource | UrlSource


@attrs.frozen(kw_only=True)
class SourcesFile:
    """A sources file, read: where it is, and its sources in the order it lists them."""

    #: The sources file itself.
    path: Path
    sources: tuple[Source, ...]

    @property
    def folder(self) -> Path:
        """The folder of the sources file, which local paths are relative to and the lock is in."""
        return self.path.parent

    @property
    def lock_path(self) -> Path:
        """The lock file beside the sources file (``sources.lock``)."""
        return self.folder / LOCK_NAME

    @property
    def cache(self) -> Path:
        """The cache folder, ``IDEATION_CACHE`` if set, else ``.ideation-cache`` beside the file."""
        named = os.environ.get("IDEATION_CACHE")
        return Path(named) if named else self.folder / CACHE_NAME

    def named(self, name: str) -> Source | None:
        """The source called ``name``, if the file has one."""
        return next((source for source in self.sources if source.name == name), None)


def is_sources_file(path: str | Path) -> bool:
    """Whether ``path`` names a sources file: its name ends in ``sources.toml``."""
    return Path(path).name.endswith(SOURCES_NAME)


def read_sources(path: str | Path) -> SourcesFile:
    """Read the sources file at ``path``; a :class:`~ideation.errors.DataError` lists every
    problem in it, each with the file and line."""
    path = Path(path)
    file = str(path)
    document = toml.parse(read_text(path), file)
    data = document.data
    problem = _Found(file, document)
    if not isinstance(data, dict):  # pragma: no cover - TOML's top level is always a table
        raise DataError.single("expected a table of sources", file=file)
    for key in data:
        if key != "sources":
            problem(
                f"unknown key {key!r}: a sources file holds only [sources.NAME] tables", f"$.{key}"
            )
    tables = data.get("sources", {})
    sources: list[Source] = []
    if not isinstance(tables, dict) or not tables:
        problem("expected at least one [sources.NAME] table", "$.sources")
    else:
        for name, table in tables.items():
            found = _source(path.parent, name, table, f"$.sources.{name}", problem)
            if found is not None:
                sources.append(attrs.evolve(found, line=document.line_of(f"$.sources.{name}")))
    if problem.problems:
        raise DataError(problem.problems)
    return SourcesFile(path=path, sources=tuple(sources))


def _source(folder: Path, name: str, table: PlainValue, at: str, problem: _Found) -> Source | None:
    before = len(problem.problems)
    if not _NAME.match(name):
        problem(f"a source's name is letters, digits, '-' and '_' (64 at most), got {name!r}", at)
    if not isinstance(table, dict):
        problem("expected a table with path, git or url", at)
        return None
    for key in table:
        if key not in _KEYS:
            problem(f"unknown key {key!r}: expected {', '.join(sorted(_KEYS))}", f"{at}.{key}")
    for key, value in table.items():
        if key in _KEYS - {"priority"} and not isinstance(value, str):
            problem(f"expected a string, got {type(value).__name__}", f"{at}.{key}")
    priority = table.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        problem("expected an integer (the higher wins)", f"{at}.priority")
        priority = 0
    kinds = [key for key in ("git", "url") if key in table]
    if len(kinds) > 1 or (not kinds and "path" not in table):
        problem("expected exactly one of path (a local folder), git or url", at)
        return None
    if any(
        not isinstance(table.get(key, ""), str) for key in ("git", "url", "path", "ref", "forge")
    ):
        return None
    git, url, sub, ref = (table.get(key) for key in ("git", "url", "path", "ref"))
    if url is not None:
        for key in ("path", "ref", "forge"):
            if key in table:
                problem(f"a url source takes no {key}", f"{at}.{key}")
        _check_url(str(url), f"{at}.url", problem)
        return (
            None
            if len(problem.problems) > before
            else UrlSource(name=name, url=str(url), priority=priority)
        )
    if git is not None:
        _check_git(str(git), f"{at}.git", problem)
        if ref is not None and not _REF.match(str(ref)):
            problem(f"expected a branch, a tag or a commit, got {ref!r}", f"{at}.ref")
        if sub is not None:
            _check_relative(str(sub), f"{at}.path", problem, "the repository")
        forge = table.get("forge")
        if forge is not None and forge not in _FORGES:
            problem(f"expected one of {', '.join(_FORGES)}, got {forge!r}", f"{at}.forge")
        if len(problem.problems) > before:
            return None
        return GitSource(
            name=name,
            git=str(git),
            ref=str(ref) if ref is not None else "HEAD",
            path=PurePosixPath(str(sub)).as_posix() if sub else "",
            priority=priority,
            forge=str(forge) if forge is not None else None,
        )
    for key in ("ref", "forge"):
        if key in table:
            problem(f"a local source takes no {key} (only a git source has one)", f"{at}.{key}")
    _check_relative(str(sub), f"{at}.path", problem, "the sources file's folder")
    if len(problem.problems) > before:
        return None
    return LocalSource(name=name, path=str(sub), priority=priority)


class _Found:
    """The problems of a sources file, each placed at the line of its path."""

    def __init__(self, file: str, document: Document) -> None:
        self.file = file
        self.document = document
        self.problems: list[Problem] = []

    def __call__(self, message: str, at: str) -> None:
        self.problems.append(
            Problem(message=message, path=at, file=self.file, line=self.document.line_of(at))
        )


def _check_relative(value: str, at: str, problem: _Found, within: str) -> None:
    pure = PurePosixPath(value.replace("\\", "/"))
    if not value or pure.is_absolute() or re.match(r"^[A-Za-z]:", value):
        problem(f"expected a path relative to {within}, got {value!r}", at)
    elif ".." in pure.parts:
        problem(f"refused: {value!r} leads out of {within}; only paths inside it are read", at)


def _check_git(value: str, at: str, problem: _Found) -> None:
    scheme = urlsplit(value).scheme.lower() if "://" in value else ""
    if value.startswith("-") or any(c in value for c in "\n\r\0"):
        problem(f"refused: {value!r} is not a repository URL", at)
    elif scheme:
        if scheme not in _GIT_SCHEMES:
            problem(
                f"refused: git URLs are {', '.join(s + '://' for s in _GIT_SCHEMES)} or "
                f"user@host:path, got {value!r}",
                at,
            )
    elif "::" in value or not _SCP_LIKE.match(value):
        # ``ext::`` and ``fd::`` (remote helpers that run commands) and bare local paths.
        problem(
            f"refused: git URLs are {', '.join(s + '://' for s in _GIT_SCHEMES)} or "
            f"user@host:path (a local repository as file:///...), got {value!r}",
            at,
        )


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` is this machine (``localhost``, ``127.0.0.1``, ``::1``)."""
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_url(value: str, at: str, problem: _Found) -> None:
    parts = urlsplit(value)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and is_loopback(parts.hostname):
        return
    problem(
        f"expected an https:// URL (http:// only on this machine's loopback), got {value!r}", at
    )
