"""The git command, run for the sources: resolving a ref to a commit, fetching a commit into
the cache, and writing the files of a folder of a commit into a folder.

Git is run with a time limit, with no terminal prompt (a repository that asks for a password
fails instead of waiting), with only the transports that run no command, and with no hooks.
Each repository has a bare clone in the cache, fetched shallow (``--depth 1``).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

#: Seconds a git command may take, unless ``IDEATION_GIT_TIMEOUT`` says otherwise.
GIT_TIMEOUT = 300.0
#: The most bytes a folder of a commit may hold, unpacked.
MAX_TREE_BYTES = 512 * 1024 * 1024
_HEX = re.compile(r"^[0-9a-f]{7,40}$")


class GitError(Exception):
    """A git command failed; the message is git's last line, or why it was stopped."""


def _timeout() -> float:
    try:
        return float(os.environ.get("IDEATION_GIT_TIMEOUT", GIT_TIMEOUT))
    except ValueError:
        return GIT_TIMEOUT


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GIT_TERMINAL_PROMPT="0",
        # Transports that run a command (ext::, fd::) are never allowed, whatever the URL says.
        GIT_ALLOW_PROTOCOL="file:git:http:https:ssh",
        GIT_ASKPASS="",
        SSH_ASKPASS="",
        GIT_SSH_COMMAND=env.get("GIT_SSH_COMMAND", "ssh -o BatchMode=yes"),
        LC_ALL="C",
    )
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        env.pop(name, None)
    return env


def git(*args: str, cwd: Path | None = None) -> bytes:
    """Run ``git ARGS`` (in ``cwd``) and return its output; a :class:`GitError` if it fails or
    takes longer than the time limit."""
    command = ["git", "-c", f"core.hooksPath={os.devnull}", "-c", "protocol.file.allow=always"]
    try:
        done = subprocess.run(  # a fixed command, its arguments as a list: no shell
            [*command, *args],
            cwd=cwd,
            env=_environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=_timeout(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git took longer than {_timeout():g} seconds and was stopped") from None
    except FileNotFoundError:
        raise GitError("the git command is not installed") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        last = next((line for line in reversed(lines) if line.strip()), "")
        raise GitError(last.removeprefix("fatal: ").removeprefix("error: ") or "git failed")
    return done.stdout


def repository(cache: Path, url: str) -> Path:
    """The bare clone of ``url`` in the cache, made if it is not there yet."""
    folder = cache / "git" / hashlib.sha256(url.encode("utf-8")).hexdigest()[:20]
    if not (folder / "HEAD").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        git("init", "--bare", "--quiet", str(folder))
    return folder


def has_commit(bare: Path, commit: str) -> bool:
    """Whether the clone ``bare`` holds ``commit``."""
    try:
        git("cat-file", "-e", f"{commit}^{{commit}}", cwd=bare)
    except GitError:
        return False
    return True


def _local_ref(ref: str) -> str:
    # Where a fetched ref is kept in the clone, so that it can be resolved again offline.
    return f"refs/ideation/ref/{ref}"


def resolve(bare: Path, url: str, ref: str) -> str:
    """Fetch ``ref`` of ``url`` into ``bare`` (shallow, where the server allows it) and return
    its commit."""
    local = _local_ref(ref)
    try:
        git("fetch", "--quiet", "--no-tags", "--depth", "1", "--", url, f"+{ref}:{local}", cwd=bare)
        return git("rev-parse", "--verify", f"{local}^{{commit}}", cwd=bare).decode().strip()
    except GitError as error:
        if not _HEX.match(ref):
            raise
        first = error
    # An abbreviated commit cannot be fetched by name: fetch the branches and tags, then look.
    try:
        git(
            "fetch", "--quiet", "--", url,
            "+refs/heads/*:refs/ideation/heads/*", "+refs/tags/*:refs/ideation/tags/*",
            cwd=bare,
        )  # fmt: skip
        return git("rev-parse", "--verify", f"{ref}^{{commit}}", cwd=bare).decode().strip()
    except GitError:
        raise first from None


def resolve_offline(bare: Path, ref: str) -> str:
    """The commit ``ref`` had when it was last fetched into ``bare``; a :class:`GitError` if it
    never was."""
    for name in (_local_ref(ref), *((ref,) if _HEX.match(ref) else ())):
        try:
            return git("rev-parse", "--verify", f"{name}^{{commit}}", cwd=bare).decode().strip()
        except GitError:
            continue
    raise GitError(f"the cache has never fetched {ref!r}")


def fetch_commit(bare: Path, url: str, commit: str) -> None:
    """Fetch ``commit`` of ``url`` into ``bare``, unless it is there already."""
    if has_commit(bare, commit):
        return
    try:
        git("fetch", "--quiet", "--no-tags", "--depth", "1", "--", url, commit, cwd=bare)
    except GitError:
        # A server that refuses fetching a commit by name: the branches and tags, then look.
        git(
            "fetch", "--quiet", "--", url,
            "+refs/heads/*:refs/ideation/heads/*", "+refs/tags/*:refs/ideation/tags/*",
            cwd=bare,
        )  # fmt: skip
    if not has_commit(bare, commit):
        raise GitError(f"the repository has no commit {commit[:12]}")


def export_tree(bare: Path, commit: str, folder: str, into: Path) -> None:
    """Write the regular files of ``folder`` (``""``: all) at ``commit`` into ``into``.

    Through ``git archive`` and :mod:`tarfile`'s ``data`` filter: no symbolic link, device or
    path that leads out of ``into`` is written, and files keep no special permission.
    """
    spec = [folder] if folder else []
    # Sized from the tree first, so that a hostile repository's huge folder is refused before
    # it is archived into memory.
    size = 0
    listing = git("ls-tree", "-r", "-l", "-z", commit, "--", *spec, cwd=bare)
    for entry in listing.split(b"\0"):
        fields = entry.split(b"\t", 1)[0].split()
        if len(fields) == 4 and fields[1] == b"blob" and fields[3].isdigit():
            size += int(fields[3])
    if size > MAX_TREE_BYTES:
        raise GitError(f"the folder holds more than {MAX_TREE_BYTES >> 20} MiB")
    try:
        data = git("archive", "--format=tar", commit, "--", *spec, cwd=bare)
    except GitError as error:
        if "pathspec" in str(error) or "did not match" in str(error):
            raise GitError(f"the commit has no folder {folder!r}") from None
        raise
    into.mkdir(parents=True, exist_ok=True)
    total = 0
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        members = []
        for member in archive.getmembers():
            if not member.isfile():
                continue  # links are not followed, folders are made as files need them
            total += member.size
            if total > MAX_TREE_BYTES:  # pragma: no cover - the listing said less
                raise GitError(f"the folder holds more than {MAX_TREE_BYTES >> 20} MiB")
            name = member.name
            if folder:
                name = name[len(folder) :].lstrip("/")
            if not name:
                continue
            member.name = name
            members.append(member)
        archive.extractall(into, members=members, filter="data")


def clear(folder: Path) -> None:
    """Remove ``folder`` and what it holds, if it exists."""
    shutil.rmtree(folder, ignore_errors=True)
