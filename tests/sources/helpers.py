"""What the sources tests share: two git repositories made here (the example programme split in two,
its events in one and its proposals in another, served as ``file://`` URLs) and a partner's
published catalogue served over HTTP on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"

#: A catalogue another site publishes: its own programme, an event and a proposal.
PARTNER = {
    "programme": {"slug": "partner", "name": "Partner programme"},
    "events": [
        {
            "slug": "partner-meetup",
            "title": "Partner meetup",
            "date": "2022-09-12",
            "kind": "other",
            "url": "https://partner.example/events/partner-meetup/",
        }
    ],
    "proposals": [{"slug": "partner-idea", "title": "An idea of the partner's"}],
}


def git(*args: str, cwd: Path) -> str:
    """Run git in ``cwd`` as a test author; return its output."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(cwd),
    }
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def commit(repo: Path, message: str) -> str:
    """Commit everything in ``repo``; return the commit."""
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", message, cwd=repo)
    return git("rev-parse", "HEAD", cwd=repo)


def make_repo(folder: Path) -> Path:
    """An empty repository at ``folder``."""
    folder.mkdir(parents=True)
    git("init", "-q", cwd=folder)
    return folder


class Site:
    """The repositories and the sources file of a test."""

    def __init__(self, root: Path, partner_url: str | None) -> None:
        self.root = root
        self.events = make_repo(root / "repos" / "events")
        (self.events / "ideation").mkdir()
        shutil.copy(EXAMPLE / "programme.yaml", self.events / "ideation" / "programme.yaml")
        shutil.copytree(EXAMPLE / "events", self.events / "ideation" / "events")
        (self.events / "README.md").write_text("The events of the programme.\n")
        self.events_commit = commit(self.events, "The programme and its events")
        self.proposals = make_repo(root / "repos" / "proposals")
        shutil.copytree(EXAMPLE / "proposals", self.proposals / "proposals")
        self.proposals_commit = commit(self.proposals, "The proposals")
        self.folder = root / "site"
        self.folder.mkdir()
        self.sources = self.folder / "sources.toml"
        text = (
            "[sources.programme]\n"
            f'git = "{self.events.as_uri()}"\n'
            'ref = "main"\n'
            'path = "ideation"\n\n'
            "[sources.projects]\n"
            f'git = "{self.proposals.as_uri()}"\n'
        )
        if partner_url is not None:
            text += f'\n[sources.partner]\nurl = "{partner_url}"\n'
        self.sources.write_text(text, encoding="utf-8")

    @property
    def lock(self) -> Path:
        return self.folder / "sources.lock"


@pytest.fixture(name="site")
def site_fixture(tmp_path: Path, published: str) -> Site:
    """Two repositories and a published catalogue, listed in ``site/sources.toml``."""
    return Site(tmp_path, published)


@pytest.fixture(name="local_cache")
def local_cache_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``IDEATION_CACHE`` from the environment: the cache beside the sources file."""
    monkeypatch.delenv("IDEATION_CACHE", raising=False)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet test output


@pytest.fixture(name="server")
def server_fixture(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving a folder: its base URL and the folder."""
    folder = tmp_path / "www"
    folder.mkdir()

    def handler(*args: object, **kwargs: object) -> _Handler:
        return _Handler(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", folder
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(name="published")
def published_fixture(server: tuple[str, Path]) -> str:
    """The URL of the partner's published catalogue."""
    base, folder = server
    (folder / "ideation.json").write_text(json.dumps(PARTNER), encoding="utf-8")
    return f"{base}/ideation.json"
