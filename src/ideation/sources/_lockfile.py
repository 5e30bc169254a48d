"""The lock file (``sources.lock``): the commit of each git source and the digest of each
published catalogue, so that the same lock gives the same catalogue, offline and in CI."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

import attrs
import tomli_w

from .._io import read_text, write_atomically
from ..errors import DataError, Problem
from ._file import GitSource, Source, UrlSource

#: The lock file's layout; a lock of another layout is refused, not guessed at.
LOCK_VERSION = 1
_HEADER = (
    "# Written by `ideation sources lock`: the commit of each git source and the digest of\n"
    "# each published catalogue. Commit it with the sources file; do not edit it by hand.\n"
)


@attrs.frozen(kw_only=True)
class Pin:
    """What one source is locked at: a git commit, or the SHA-256 of a published catalogue."""

    #: The source's name.
    name: str
    #: The repository (git sources) or the URL (url sources) the pin was taken from.
    origin: str
    #: The ref that was resolved (git sources).
    ref: str | None = None
    #: The full commit (git sources).
    commit: str | None = None
    #: The SHA-256 of the published catalogue, in hexadecimal (url sources).
    sha256: str | None = None

    @property
    def id(self) -> str:
        """What the pin fixes, the commit or the digest."""
        return self.commit or self.sha256 or ""

    def matches(self, source: Source) -> bool:
        """Whether this pin was taken for ``source`` as the sources file gives it now."""
        if isinstance(source, GitSource):
            return self.commit is not None and (self.origin, self.ref) == (source.git, source.ref)
        if isinstance(source, UrlSource):
            return self.sha256 is not None and self.origin == source.url
        return False


@attrs.frozen
class Lock:
    """Every pin of a lock file, by source name."""

    pins: Mapping[str, Pin] = attrs.field(factory=dict)


def read_lock(path: Path) -> Lock:
    """The lock at ``path``; an empty lock when there is no file there."""
    if not path.exists():
        return Lock()
    file = str(path)
    try:
        data = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as error:
        raise DataError.single(f"the lock file is not valid TOML: {error}", file=file) from None
    if data.get("version") != LOCK_VERSION:
        raise DataError.single(
            f"expected a lock of version {LOCK_VERSION}, got {data.get('version')!r}: "
            "run `ideation sources lock --update` to write it again",
            "$.version",
            file=file,
        )
    pins: dict[str, Pin] = {}
    problems: list[Problem] = []
    tables = data.get("sources", {})
    for name, table in tables.items() if isinstance(tables, dict) else ():
        if not isinstance(table, dict):
            continue
        origin = table.get("git", table.get("url"))
        ref, commit, sha256 = (table.get(key) for key in ("ref", "commit", "sha256"))
        if not isinstance(origin, str) or not all(
            value is None or isinstance(value, str) for value in (ref, commit, sha256)
        ):
            problems.append(
                Problem(
                    message="expected git or url, and strings", path=f"$.sources.{name}", file=file
                )
            )
            continue
        pins[name] = Pin(
            name=name,
            origin=origin,
            ref=ref if isinstance(ref, str) else None,
            commit=commit if isinstance(commit, str) else None,
            sha256=sha256 if isinstance(sha256, str) else None,
        )
    if problems:
        raise DataError(problems)
    return Lock(pins)


def write_lock(path: Path, lock: Lock) -> None:
    """Write ``lock`` to ``path`` atomically, its sources in name order."""
    tables: dict[str, dict[str, str]] = {}
    for name in sorted(lock.pins):
        pin = lock.pins[name]
        if pin.commit is not None:
            tables[name] = {"git": pin.origin, "ref": pin.ref or "HEAD", "commit": pin.commit}
        else:
            tables[name] = {"url": pin.origin, "sha256": pin.sha256 or ""}
    text = tomli_w.dumps({"version": LOCK_VERSION, "sources": tables})
    write_atomically(path, _HEADER + text)
