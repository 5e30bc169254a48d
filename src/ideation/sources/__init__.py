"""Many sources, one catalogue: local folders, git repositories and catalogues other ideation
sites publish, declared in a sources file (``sources.toml``), pinned by a lock
(``sources.lock``), kept in a cache, and assembled into one catalogue whose every object knows
where it came from.

Sources are declared by the people who build the site, never by the data: nothing a data file
says makes anything fetch. What comes in is untrusted data, read by the same loader as a local
folder, and fetched with bounds on size and time (see :doc:`/explanation/trust`).
"""

from __future__ import annotations

from ._assemble import Assembled, Origin, assemble, watched_files
from ._file import (
    LOCK_NAME,
    SOURCES_NAME,
    GitSource,
    LocalSource,
    Source,
    SourcesFile,
    UrlSource,
    is_sources_file,
    read_sources,
)
from ._lock import Change, LockResult, lock
from ._lockfile import Lock, Pin, read_lock

__all__ = [
    "LOCK_NAME",
    "SOURCES_NAME",
    "Assembled",
    "Change",
    "GitSource",
    "LocalSource",
    "Lock",
    "LockResult",
    "Origin",
    "Pin",
    "Source",
    "SourcesFile",
    "UrlSource",
    "assemble",
    "is_sources_file",
    "lock",
    "read_lock",
    "read_sources",
    "watched_files",
]
