"""``ideation sources lock``: resolve each git ref to a commit and each URL to a digest, write
the lock, and say what a moved pin changes (objects added, removed, edited)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

import attrs

from ..convert import unstructure
from ..errors import DataError, Problem, UsageError
from . import _git, _http
from ._assemble import Part, read_part
from ._cache import SourceProblem, export, published, store
from ._file import GitSource, LocalSource, Source, SourcesFile, UrlSource, read_sources
from ._lockfile import Lock, Pin, read_lock, write_lock


@attrs.frozen(kw_only=True)
class Change:
    """What moving one source's pin changed."""

    #: The source's name.
    source: str
    #: The commit or digest before (``None``: the source was not locked yet) and after.
    before: str | None
    after: str
    #: The objects added, removed and edited, as ``kind slug`` (``proposal kallm``).
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()

    def __str__(self) -> str:
        head = (
            f"{self.source}: locked at {self.after[:7]}"
            if self.before is None
            else f"{self.source}: {self.before[:7]} -> {self.after[:7]}"
        )
        lines = [head]
        for what, names in (("added", self.added), ("removed", self.removed)):
            lines.extend(f"  {what}: {name}" for name in names)
        lines.extend(f"  edited: {name}" for name in self.edited)
        if not (self.added or self.removed or self.edited):
            lines.append("  no object changed")
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class LockResult:
    """The lock written, and the change of each source whose pin moved."""

    lock: Lock
    changes: tuple[Change, ...]


def lock(path: str | Path, *, update: bool | str = False, offline: bool = False) -> LockResult:
    """Lock the sources of the sources file at ``path`` into ``sources.lock`` beside it.

    A source already locked as the sources file gives it keeps its pin, unless ``update`` is
    true (every source) or names it. Git refs are fetched shallow into the cache; with
    ``offline``, only what the cache holds is used. Every problem of every source is raised
    at once, as a :class:`~ideation.errors.DataError`, and the lock is then left as it was.
    """
    sources = read_sources(path)
    if isinstance(update, str) and sources.named(update) is None:
        names = ", ".join(source.name for source in sources.sources)
        raise UsageError(f"--update: no source {update!r} (the sources: {names})")
    try:
        before = read_lock(sources.lock_path)
    except DataError:
        if update is not True:
            raise
        before = Lock()  # --update writes every pin again: a broken lock is replaced whole
    pins: dict[str, Pin] = {}
    problems: list[Problem] = []
    moved: list[tuple[Source, Pin | None, Pin]] = []
    for source in sources.sources:
        if isinstance(source, LocalSource):
            continue
        old = before.pins.get(source.name)
        again = update is True or update == source.name
        if old is not None and old.matches(source) and not again:
            pins[source.name] = old
            continue
        try:
            pin = _resolve(sources, source, offline=offline)
        except SourceProblem as error:
            problems.append(
                Problem(
                    message=f"source {source.name!r}: {error}",
                    file=str(sources.path),
                    line=source.line,
                )
            )
            continue
        pins[source.name] = pin
        if old is None or old.id != pin.id:
            moved.append((source, old if old is not None and old.matches(source) else None, pin))
    if problems:
        raise DataError(problems)
    result = Lock(pins)
    changes = tuple(
        _change(sources, source, old, new, offline=offline) for source, old, new in moved
    )
    write_lock(sources.lock_path, result)
    return LockResult(lock=result, changes=changes)


def _resolve(sources: SourcesFile, source: Source, *, offline: bool) -> Pin:
    if isinstance(source, GitSource):
        try:
            bare = _git.repository(sources.cache, source.git)
            if offline:
                commit_id = _git.resolve_offline(bare, source.ref)
            else:
                commit_id = _git.resolve(bare, source.git, source.ref)
        except _git.GitError as error:
            hint = " (in the cache, with --offline)" if offline else ""
            raise SourceProblem(f"cannot resolve ref {source.ref!r}{hint}: {error}") from None
        except OSError as error:
            raise SourceProblem(f"cannot write the cache: {error.strerror}") from None
        return Pin(name=source.name, origin=source.git, ref=source.ref, commit=commit_id)
    assert isinstance(source, UrlSource)
    if offline:
        raise SourceProblem("a URL cannot be locked --offline: its catalogue has to be fetched")
    try:
        data = _http.fetch(source.url)
    except _http.FetchError as error:
        raise SourceProblem(f"{source.url}: {error}") from None
    return Pin(name=source.name, origin=source.url, sha256=store(sources, data))


def _change(
    sources: SourcesFile, source: Source, old: Pin | None, new: Pin, *, offline: bool
) -> Change:
    after = _objects(sources, source, new, offline=offline)
    before = {} if old is None else _objects(sources, source, old, offline=offline)
    return Change(
        source=source.name,
        before=None if old is None else old.id,
        after=new.id,
        added=tuple(sorted(set(after) - set(before))),
        removed=tuple(sorted(set(before) - set(after))),
        edited=tuple(sorted(key for key in set(after) & set(before) if after[key] != before[key])),
    )


def _objects(sources: SourcesFile, source: Source, pin: Pin, *, offline: bool) -> dict[str, object]:
    """The objects of ``source`` at ``pin``, unstructured, by ``kind slug``; nothing if it
    cannot be read (its problems are reported when it is assembled)."""
    # Read from a scratch folder, so that the site's checkout does not move before a build.
    with tempfile.TemporaryDirectory() as scratch:
        part = _scratch_part(sources, source, pin, Path(scratch), offline=offline)
    if part is None:
        return {}
    found: dict[str, object] = {}
    if part.programme is not None:
        found[f"programme {part.programme.slug}"] = unstructure(part.programme)
    groups: Iterable[tuple[str, list[object]]] = [
        ("organisation", list(part.organisations)),
        ("event", list(part.items["events"])),
        ("proposal", list(part.items["proposals"])),
        ("candidate", list(part.items["candidates"])),
    ]
    for kind, items in groups:
        for item in items:
            found[f"{kind} {getattr(item, 'slug', '')}"] = unstructure(item)
    return found


def _scratch_part(
    sources: SourcesFile, source: Source, pin: Pin, scratch: Path, *, offline: bool
) -> Part | None:
    try:
        if isinstance(source, GitSource) and pin.commit is not None:
            export(sources, source, pin.commit, scratch / "tree", offline=offline)
            local = LocalSource(name=source.name, path="tree")
        elif isinstance(source, UrlSource) and pin.sha256 is not None:
            (scratch / "ideation.json").write_bytes(
                published(sources, source, pin.sha256, offline=offline)
            )
            local = LocalSource(name=source.name, path="ideation.json")
        else:
            return None
    except (SourceProblem, OSError):
        return None
    view = SourcesFile(path=scratch / "sources.toml", sources=(local,))
    return read_part(view, local, Lock(), offline=True)
