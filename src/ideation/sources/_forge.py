"""The web pages of a file in its forge: where a contributor who edits in the forge's web
editor views it (at the locked commit, at its line) and edits it (on the source's branch).

GitHub, GitLab and Gitea (Forgejo, Codeberg) lay their URLs out differently; the forge is told
by the repository's host, or named by the sources file (``forge = "gitlab"``) for a
self-hosted one.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

#: The forges whose URL shapes are known.
FORGES = ("github", "gitlab", "gitea")
_SCP_LIKE = re.compile(r"^[A-Za-z0-9_.-]+@(?P<host>[A-Za-z0-9_.-]+):(?P<path>.+)$")
_HEX = re.compile(r"^[0-9a-f]{7,40}$")


def web_base(repository: str) -> tuple[str, str] | None:
    """The repository's web address and host, from the URL git takes (``https://``,
    ``ssh://``, ``git@host:path``); ``None`` for a local one."""
    match = _SCP_LIKE.match(repository)
    if match:
        host, path = match["host"], match["path"]
    else:
        parts = urlsplit(repository)
        if parts.scheme not in ("https", "http", "ssh", "git") or not parts.hostname:
            return None
        host, path = parts.hostname, parts.path
    path = path.strip("/").removesuffix(".git")
    if not path:
        return None
    return f"https://{host}/{path}", host


def forge_of(host: str, named: str | None = None) -> str | None:
    """The forge at ``host``: the one the sources file names, else told by the host."""
    if named in FORGES:
        return named
    host = host.lower()
    if host == "github.com":
        return "github"
    if host == "gitlab.com" or "gitlab" in host:
        return "gitlab"
    if host == "codeberg.org" or "gitea" in host or "forgejo" in host:
        return "gitea"
    return None


def file_urls(
    repository: str, ref: str, commit: str, path: str, line: int | None, forge: str | None = None
) -> tuple[str, str | None] | None:
    """The page that shows ``path`` at ``commit`` (at ``line``), and the page that edits it on
    the branch ``ref`` (``None`` when ``ref`` is a commit or ``HEAD``, which cannot be edited
    by name); ``None`` for a repository whose forge is not known."""
    base = web_base(repository)
    if base is None:
        return None
    web, host = base
    kind = forge_of(host, forge)
    if kind is None:
        return None
    file = quote(path)
    anchor = f"#L{line}" if line else ""
    branch = None if ref == "HEAD" or _HEX.match(ref) else quote(ref)
    if kind == "github":
        view = f"{web}/blob/{commit}/{file}{anchor}"
        edit = f"{web}/edit/{branch}/{file}" if branch else None
    elif kind == "gitlab":
        view = f"{web}/-/blob/{commit}/{file}{anchor}"
        edit = f"{web}/-/edit/{branch}/{file}" if branch else None
    else:
        view = f"{web}/src/commit/{commit}/{file}{anchor}"
        edit = f"{web}/_edit/{branch}/{file}" if branch else None
    return view, edit
