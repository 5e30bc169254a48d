"""Reading and writing files: text decoding, the size limit of a data file, atomic writes,
runs of writes that leave nothing behind when they fail, and the lock of a catalogue.

Public to the package (formats, the Sphinx extension and the command all write through
:func:`write_atomically`), private to users.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from .errors import DataError, Problem, UsageError

#: The largest data file read, in bytes: some hundred times the largest real catalogue. A
#: bigger file is refused before it is parsed, as parsing it would take minutes and gigabytes.
MAX_BYTES = 8 * 1024 * 1024
#: The largest JSON file read. JSON's parser is written in C and reads about 100 MiB a second,
#: so an open-data catalogue of 100,000 proposals in one file (about 110 MiB) is read in
#: seconds; the limit still keeps a hostile file from taking gigabytes.
MAX_JSON_BYTES = 256 * 1024 * 1024


def max_bytes(suffix: str) -> int:
    """The largest data file read with ``suffix`` (``.json``, ``.yaml``...), in bytes."""
    return MAX_JSON_BYTES if suffix.lower() == ".json" else MAX_BYTES


def outside(path: Path, folder: Path, what: str = "the catalogue folder") -> str | None:
    """Why reading ``path`` would read something other than a file of ``folder``, or ``None``.

    ``path`` (in ``folder``, or in one of its subfolders) may be a symbolic link, or lie below
    one: it is followed, and must lead to a place inside ``folder``. A link that leaves it (to
    ``/etc/passwd``, to a data file elsewhere) and one that cannot be followed (a loop, a missing
    target) are refused, with a message that names neither the target nor anything in it.
    ``what`` names ``folder`` in the message.
    """
    try:
        real = path.resolve(strict=True)
        root = folder.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return "refused: a symbolic link that cannot be followed (a loop, or a missing target)"
    if real != root and not real.is_relative_to(root):
        return f"refused: a symbolic link that leads out of {what}; only files inside it are read"
    return None


def read_text(path: Path) -> str:
    """The UTF-8 text of ``path``; an unreadable file is a :class:`DataError`, not a traceback."""
    return read_text_with_form(path)[0]


class TextForm(NamedTuple):
    """How a text file was written, beyond its text: its byte-order mark and its line breaks,
    so that a file edited in place keeps both."""

    bom: bool = False
    newline: str = "\n"

    def encode(self, text: str) -> bytes:
        """``text`` (with ``\\n`` line breaks) as the file's bytes."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return ("\ufeff" if self.bom else "").encode("utf-8") + text.encode("utf-8")


def read_bytes_bounded(path: Path, limit: int, what: str) -> bytes:
    """The bytes of ``path``, refused (a :class:`DataError` at the file) past ``limit`` bytes,
    before they are read: parsing them would take minutes and gigabytes. ``what`` names the
    kind of file in the message ("a form export")."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise DataError.single(
                f"refused: the file holds {size / 1_048_576:.1f} MiB, more than the "
                f"{limit // 1_048_576} MiB {what} may hold",
                file=str(path),
            )
        return path.read_bytes()
    except OSError as error:
        raise DataError.single(f"cannot read the file: {error.strerror}", file=str(path)) from None


def read_text_with_form(path: Path) -> tuple[str, TextForm]:
    """The UTF-8 text of ``path``, with universal newlines, and how the file was written."""
    raw = read_bytes_bounded(path, max_bytes(path.suffix), f"a {path.suffix or 'data'} file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    message="expected UTF-8 text, got bytes that are not", file=str(path), line=line
                )
            ]
        ) from None
    # "\r" first: a one-character search runs at memory speed, the two-character one about
    # twenty times slower (57 ms on a 64 MB file that has no "\r" at all).
    crlf = "\r" in text and "\r\n" in text
    form = TextForm(bom=raw.startswith(b"\xef\xbb\xbf"), newline="\r\n" if crlf else "\n")
    # Universal newlines, as open() would give: line numbers and bodies do not depend on CRLF.
    # Looked for first: one scan of a large file, rather than two replacements that find none.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, form


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    UTF-8, with the line breaks as they are in ``text``; see :func:`write_bytes_atomically`.
    """
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The data goes to a temporary file in the same folder, is flushed to disk, then renamed over
    ``path``; a failure on the way removes the temporary file and the folders it made, and
    leaves ``path`` untouched. It is raised as an :exc:`OSError` that names ``path`` (never the
    temporary file) and says what failed (see :func:`cannot_write`).
    """
    with write_run() as run:
        run.write(path, data)


def cannot_write(path: Path, error: OSError, what: str = "cannot write") -> OSError:
    """``error`` (from writing ``path`` or a temporary file beside it) as an :exc:`OSError`
    that names ``path`` and says ``what`` failed and why: ``cannot write: no space left on
    device``. Of the class the error number gives (:exc:`PermissionError` for ``EACCES``...).
    """
    if error.filename == str(path) and str(error.strerror or "").startswith(what):
        return error  # said already
    reason = error.strerror or str(error) or type(error).__name__
    reason = reason[:1].lower() + reason[1:]
    return OSError(error.errno, f"{what}: {reason}", str(path))


class WriteRun:
    """The files one command writes, each made complete beside its place first, then all
    renamed into place together; if anything fails on the way, the temporary files and the
    folders the run made are removed, and no file has changed.

    Use it through :func:`write_run`. A failure is raised as an :exc:`OSError` that names the
    file (or folder) asked for, never a temporary file (see :func:`cannot_write`).
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []
        self._folders: list[Path] = []

    def folder(self, folder: Path) -> None:
        """Make ``folder`` and its missing parents; the run removes those it made if it fails."""
        try:
            self._folders += make_folders(folder)
        except OSError as error:
            raise cannot_write(folder, error, "cannot make the folder") from None

    def write(self, path: Path, data: str | bytes, *, sync: bool = True) -> None:
        """Write ``data`` (text as UTF-8) to ``path`` when the run ends well.

        With ``sync=False`` the data is not flushed to the disk before the rename, which costs
        a disk commit per file: readers still see the old file or the new one, never half, but
        after a crash of the system (not of the program) the new file may be found empty. Only
        for a file its writer makes again when it finds it so (the generated pages of a site).
        """
        raw = data.encode("utf-8") if isinstance(data, str) else data

        def fill(temporary: Path) -> None:
            with temporary.open("wb") as stream:
                stream.write(raw)
                if sync:
                    stream.flush()
                    os.fsync(stream.fileno())

        self.stage(path, fill)

    def copy(self, origin: Path, path: Path) -> None:
        """Copy the file ``origin`` to ``path`` when the run ends well."""

        def fill(temporary: Path) -> None:
            with origin.open("rb") as source, temporary.open("wb") as stream:
                shutil.copyfileobj(source, stream)
                stream.flush()
                os.fsync(stream.fileno())

        self.stage(path, fill)

    def stage(self, path: Path, fill: Callable[[Path], None]) -> None:
        """Make the file ``path`` when the run ends well: ``fill`` writes it whole, given the
        path of an empty temporary file in the same folder (a database may be made there)."""
        self.folder(path.parent)
        try:
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        except OSError as error:
            raise cannot_write(path, error) from None
        os.close(handle)
        temporary = Path(name)
        self._staged.append((temporary, path))
        try:
            fill(temporary)
            # mkstemp makes the file private; give it the mode the file had, or the usual one.
            if path.exists():
                temporary.chmod(path.stat().st_mode & 0o777)
            else:
                umask = os.umask(0)
                os.umask(umask)
                temporary.chmod(0o666 & ~umask)
        except OSError as error:
            raise cannot_write(path, error) from None

    def commit(self) -> None:
        """Rename every file staged into its place."""
        while self._staged:
            temporary, path = self._staged[0]
            try:
                os.replace(temporary, path)  # noqa: PTH105 - tests interrupt it through os.replace
            except OSError as error:
                raise cannot_write(path, error) from None
            self._staged.pop(0)
        self._folders = []

    def undo(self) -> None:
        """Remove the temporary files not renamed yet, and the folders made, if empty."""
        for temporary, _ in self._staged:
            temporary.unlink(missing_ok=True)
        self._staged = []
        remove_empty(self._folders)
        self._folders = []


@contextmanager
def write_run() -> Iterator[WriteRun]:
    """A :class:`WriteRun`: committed when the block ends, undone if it raises."""
    run = WriteRun()
    try:
        yield run
        run.commit()
    except BaseException:
        run.undo()
        raise


def make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; return those made, the outermost first."""
    missing: list[Path] = []
    current = folder
    while not current.is_dir():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    made: list[Path] = []
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            if not path.is_dir():
                raise
            continue  # made meanwhile by someone else: theirs
        made.append(path)
    return made


def remove_empty(folders: list[Path]) -> None:
    """Remove each of ``folders`` that is empty, the innermost first; leave the others."""
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


# -- The lock of a catalogue: one command writes it at a time ---------------------------------

#: The lock file of a catalogue folder (or a site folder); a catalogue kept in one file
#: ``NAME`` has ``.NAME.ideation.lock`` beside it. It exists while a command writes.
LOCK_NAME = ".ideation.lock"
#: The environment variable that says how long a command waits for another to finish
#: writing the same catalogue, in seconds (``0``: not at all).
LOCK_TIMEOUT_VARIABLE = "IDEATION_LOCK_TIMEOUT"
#: How long a command waits by default, in seconds.
LOCK_TIMEOUT = 30.0
#: How often a waiting command tries again, in seconds.
_POLL = 0.05


class LockTimeout(TimeoutError):
    """Another command held the lock of ``target`` for longer than the wait allowed; the
    message is one line for the user."""

    def __init__(self, message: str, target: Path) -> None:
        super().__init__(message)
        self.target = target


def lock_timeout() -> float:
    """How long to wait for a catalogue's lock: :data:`LOCK_TIMEOUT_VARIABLE`, else 30 s."""
    value = os.environ.get(LOCK_TIMEOUT_VARIABLE, "").strip()
    if not value:
        return LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise UsageError(
            f"{LOCK_TIMEOUT_VARIABLE}: expected a number of seconds (0 or more), got {value!r}"
        )
    return seconds


def lock_file(target: Path, *, folder: bool | None = None) -> Path:
    """The lock file of the catalogue (or site) at ``target``: ``.ideation.lock`` in it when
    it is a folder (``folder``, else when it is a folder now), ``.NAME.ideation.lock`` beside
    it when it is a file. Links are followed, so every path to a catalogue has one lock."""
    real = target.resolve()
    if real.is_dir() if folder is None else folder:
        return real / LOCK_NAME
    return real.parent / f".{real.name}{LOCK_NAME}"


@contextmanager
def write_lock(
    target: Path,
    *,
    folder: bool | None = None,
    timeout: float | None = None,
    what: str = "catalogue",
) -> Iterator[Path]:
    """Hold the lock of the catalogue at ``target`` (see :func:`lock_file`) for the block.

    One process at a time holds it: a command that reads a catalogue, changes it and writes it
    holds it from before the reading until after the writing, so a second command sees the
    first one's result. A second command waits up to ``timeout`` seconds (default: from
    :func:`lock_timeout`), then raises :class:`LockTimeout`. The lock is an ``flock`` on the
    lock file (``msvcrt.locking`` on Windows), so a command that dies lets go of it; the file
    is removed when the lock is let go, and the folders made to hold it, if they are empty.
    The lock file is never followed if it is a symbolic link, and never written to. A lock
    that cannot be made (a read-only folder) is an :exc:`OSError` naming ``target``. ``what``
    names what ``target`` is in the message (a catalogue, a site).
    """
    wait = lock_timeout() if timeout is None else timeout
    path = lock_file(target, folder=folder)
    made: list[Path] = []
    try:
        handle = _acquire(target, path, made, wait, what)
        try:
            yield path
        finally:
            _release(handle, path)
    finally:
        remove_empty(made)


_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _acquire(target: Path, path: Path, made: list[Path], wait: float, what: str) -> int:
    """The descriptor of the lock file ``path``, once locked by this process."""
    deadline = time.monotonic() + wait
    while True:
        try:
            made += make_folders(path.parent)
            handle = os.open(path, _OPEN_FLAGS, 0o644)
        except FileNotFoundError as error:
            # Its folder went with the command that made it: make it again.
            if time.monotonic() >= deadline:
                raise cannot_write(
                    target, error, f"cannot write its lock file {path.name}"
                ) from None
            continue
        except OSError as error:
            raise cannot_write(target, error, f"cannot write its lock file {path.name}") from None
        try:
            if _try_lock(handle):
                # Locked; but the file may have been removed (and made again by another
                # command) between the opening and the locking: then this lock holds nothing.
                if _same_file(handle, path):
                    return handle
                _unlock(handle)
        except OSError as error:
            os.close(handle)
            raise cannot_write(target, error, f"cannot write its lock file {path.name}") from None
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)
        if time.monotonic() >= deadline:
            raise LockTimeout(
                f"{target}: another ideation command is writing this {what} (waited "
                f"{wait:g} s); run this one again once it has finished, or set "
                f"{LOCK_TIMEOUT_VARIABLE} to wait longer",
                target,
            )
        time.sleep(_POLL)


def _same_file(handle: int, path: Path) -> bool:
    """Whether ``path`` names the file open as ``handle``."""
    try:
        named = os.stat(path, follow_symlinks=False)  # noqa: PTH116 - no Path.stat of a name
    except FileNotFoundError:
        return False
    opened = os.fstat(handle)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def _release(handle: int, path: Path) -> None:
    """Remove the lock file while it is locked (a command waiting on it then opens a new one),
    then let go of it."""
    try:
        if sys.platform != "win32":
            path.unlink(missing_ok=True)
    finally:
        try:
            _unlock(handle)
        finally:
            os.close(handle)
    if sys.platform == "win32":
        # Windows removes no file another process has open: the last one out removes it.
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: int) -> bool:
        os.lseek(handle, 0, os.SEEK_SET)
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        return True

    def _unlock(handle: int) -> None:
        os.lseek(handle, 0, os.SEEK_SET)
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)


#: A file's modification time in nanoseconds and its size: when both are the same, the file is
#: taken to be the same (as Sphinx takes its sources). Every change check of ideation compares
#: these, taken here: the loader's reuse of unchanged items, the Sphinx store's signature (which
#: hands the loader the stamps it took, so that each file is looked at once per build) and the
#: generated pages' fingerprint.
Stamp = tuple[int, int]

#: What a file was when it was looked at: its path and its :data:`Stamp`, ``(path, mtime_ns,
#: size)``.
FileStamp = tuple[str, int, int]


def stamp_of(path: Path) -> Stamp:
    """The stamp of the file at ``path`` (raises :class:`OSError` when it cannot be looked at)."""
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size)


def stamps_by_path(stamps: Iterable[FileStamp]) -> dict[Path, Stamp]:
    """``stamps`` (as :func:`stamps_under` gives them) by path, for the loader's ``stamps``."""
    return {Path(path): (mtime, size) for path, mtime, size in stamps}


def stamps_under(
    folder: Path, *, depth: int | None = None, folders: bool = False, follow_links: bool = False
) -> list[FileStamp]:
    """The stamp of every file under ``folder``, sorted, with one directory listing per folder.

    ``depth`` limits how many levels of subfolders are entered (``None``: all of them); with
    ``folders``, each folder is listed too, as ``(path, 0, -1)``, so that an empty folder made
    or removed changes the list. Symbolic links to folders are entered only with
    ``follow_links`` (keep ``depth`` then: a link may point back up). A file that goes or cannot
    be read between the listing and its stat is left out: its reader reports it.
    """
    found: list[FileStamp] = []
    pending: list[tuple[str, int]] = [(str(folder), 0)]
    while pending:
        current, level = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=follow_links):
                    if depth is None or level < depth:
                        pending.append((entry.path, level + 1))
                        if folders:
                            found.append((entry.path, 0, -1))
                elif entry.is_file():
                    stat = entry.stat()
                    found.append((entry.path, stat.st_mtime_ns, stat.st_size))
            except OSError:
                continue
    return sorted(found)
