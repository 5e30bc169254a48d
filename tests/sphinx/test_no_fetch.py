"""No builder fetches what data names: images from data files are never downloaded.

A local server counts the requests it gets; a proposal names images on it, in ``images:`` and in
its description (Markdown and an ``{eval-rst}`` image and figure). Every builder the docs name
builds the site; the server must see no request, unless the site's author opts in.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sphinx_roots import Builder

pytestmark = pytest.mark.sphinx

BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "epub", "text", "man", "texinfo"]


class _Counter(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(b"\x89PNG\r\n\x1a\n")

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A server on the loopback address; its base URL and the paths it was asked for."""
    requests: list[str] = []
    handler = type("Handler", (_Counter,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def _plant(catalogue: Path, base: str) -> None:
    page = catalogue / "proposals" / "liria.md"
    text = page.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    front = front.replace("images:\n- /img/image-ocr2.png", f"images:\n- {base}/front-matter.png")
    body += (
        f"\n\n![a picture]({base}/markdown.png)\n\n"
        f"[![a linked picture]({base}/linked.png)]({base}/page)\n\n"
        "```{eval-rst}\n"
        f".. image:: {base}/rst-image.png\n\n"
        f".. figure:: {base}/rst-figure.png\n\n   A caption.\n"
        "```\n"
    )
    page.write_text(f"{front}\n---\n{body}", encoding="utf-8")


def _project(tmp_path: Path) -> Path:
    srcdir = tmp_path / "project"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["ideation.sphinx"]\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "Proposal\n========\n\n.. ideation:proposal:: liria\n", encoding="utf-8"
    )
    return srcdir


@pytest.mark.parametrize("builder", BUILDERS)
def test_no_builder_requests_an_image_named_by_data(
    build: Builder,
    catalogue: Path,
    tmp_path: Path,
    server: tuple[str, list[str]],
    builder: str,
) -> None:
    base, requests = server
    _plant(catalogue, base)
    srcdir = _project(tmp_path)
    app = build("generated", builder, srcdir=srcdir, ideation_catalogue=str(catalogue))
    assert requests == []
    written = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in Path(app.outdir).rglob("*")
        if p.is_file() and p.suffix in {".html", ".xhtml", ".tex", ".txt", ".texi", ".1"}
    )
    if builder in {"latex", "epub", "texinfo"}:
        # Shown as links to the images, with their text.
        assert f"{base}/markdown.png" in written
        assert "a picture" in written


def test_a_site_that_opts_in_lets_latex_download_them(
    build: Builder, catalogue: Path, tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    # The opt-in works, and the test above would see a request if one were made.
    base, requests = server
    _plant(catalogue, base)
    build(
        "generated",
        "latex",
        srcdir=_project(tmp_path),
        ideation_catalogue=str(catalogue),
        ideation_download_images=True,
    )
    assert "/markdown.png" in requests
