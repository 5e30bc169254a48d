"""The fixtures of the sources tests (see :mod:`tests.sources.helpers`)."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import PARTNER, Site


@pytest.fixture
def site(tmp_path: Path, published: str) -> Site:
    """Two repositories and a published catalogue, listed in ``site/sources.toml``."""
    return Site(tmp_path, published)


@pytest.fixture
def local_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``IDEATION_CACHE`` from the environment: the cache beside the sources file."""
    monkeypatch.delenv("IDEATION_CACHE", raising=False)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet test output


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
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


@pytest.fixture
def published(server: tuple[str, Path]) -> str:
    """The URL of the partner's published catalogue."""
    base, folder = server
    (folder / "ideation.json").write_text(json.dumps(PARTNER), encoding="utf-8")
    return f"{base}/ideation.json"
