"""Descriptions from data files never read a file nor fetch a URL.

Each hostile description is the body of one proposal of a catalogue; a page shows each proposal,
once from a reStructuredText page and once from a MyST page. The secret file must appear in no
output, the little HTTP server must get no request, and each refusal is a warning located at
the data file and the line of the directive or role.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import attrs
import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx_roots import warnings_of

SECRET = "SECRET-CONTENT-4242"
#: Lines of each proposal file before its body (front matter and the blank line after it).
HEAD = "---\nslug: {slug}\ntitle: Hostile {slug}\n---\n\nA first paragraph.\n\n"
BODY_LINE = 8  # the line of the payload in the file


def _payloads(secret: Path, url: str) -> dict[str, tuple[str, str]]:
    """name -> (payload, what the warning names)."""
    relative = "../" * 12 + str(secret).lstrip("/")
    return {
        "include": (f"```{{include}} {relative}\n```", "directive 'include'"),
        "include-literal": (
            f"```{{include}} {secret}\n:literal:\n```",
            "directive 'include'",
        ),
        "literalinclude": (f"```{{literalinclude}} {relative}\n```", "directive 'literalinclude'"),
        "csv-table-file": (
            f"```{{csv-table}}\n:file: {secret}\n```",
            "directive 'csv-table :file:'",
        ),
        "csv-table-url": (f"```{{csv-table}}\n:url: {url}\n```", "directive 'csv-table :url:'"),
        "raw-file": (f"```{{raw}} html\n:file: {secret}\n```", "directive 'raw"),
        "raw-url": (f"```{{raw}} html\n:url: {url}\n```", "directive 'raw"),
        "rst-include": (f"```{{eval-rst}}\n.. include:: {relative}\n```", "directive 'include'"),
        "rst-literalinclude": (
            f"```{{eval-rst}}\n.. literalinclude:: {secret}\n```",
            "directive 'literalinclude'",
        ),
        "rst-raw-file": (
            f"```{{eval-rst}}\n.. raw:: html\n   :file: {secret}\n```",
            "directive 'raw",
        ),
        "rst-csv-url": (
            f"```{{eval-rst}}\n.. csv-table::\n   :url: {url}\n```",
            "directive 'csv-table :url:'",
        ),
        "rst-substitution": (
            f"```{{eval-rst}}\n.. |s| include:: {secret}\n```",
            "directive 'include'",
        ),
        "download-role": (f"Get {{download}}`{relative}`.", "role 'download'"),
        "rst-download-role": (
            f"```{{eval-rst}}\nGet :download:`{relative}`.\n```",
            "role 'download'",
        ),
        "rst-role-directive": (
            "```{eval-rst}\n.. role:: raw-html(raw)\n   :format: html\n```",
            "directive 'role'",
        ),
        "other-extension": ("```{toctree}\n/etc/passwd\n```", "directive 'toctree'"),
    }


class _Server(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 - reset per test by the fixture

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(SECRET.encode())

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that counts the requests it gets."""
    _Server.requests = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/secret", _Server.requests
    finally:
        httpd.shutdown()
        httpd.server_close()


@attrs.frozen
class Built:
    """A hostile build: its source folder, warnings, and its output and doctree files."""

    srcdir: Path
    catalogue: Path
    warnings: str
    files: dict[str, bytes]
    payloads: dict[str, tuple[str, str]]


def _project(
    base: Path, url: str, *, raw_html: bool
) -> tuple[Path, Path, dict[str, tuple[str, str]]]:
    secret = base / "secret.txt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    catalogue = base / "catalogue"
    (catalogue / "proposals").mkdir(parents=True)
    (catalogue / "programme.yaml").write_text("slug: p\nname: Programme\n", encoding="utf-8")
    payloads = _payloads(secret, url)
    srcdir = base / "src"
    for syntax in ("rst", "md"):
        (srcdir / syntax).mkdir(parents=True)
    for name, (payload, _what) in payloads.items():
        text = HEAD.format(slug=name) + payload + "\n"
        (catalogue / "proposals" / f"{name}.md").write_text(text, encoding="utf-8")
        (srcdir / "rst" / f"{name}.rst").write_text(
            f"{name}\n{'=' * len(name)}\n\n.. ideation:proposal:: {name}\n", encoding="utf-8"
        )
        (srcdir / "md" / f"{name}.md").write_text(
            f"# {name}\n\n```{{ideation:proposal}} {name}\n:no-heading:\n```\n", encoding="utf-8"
        )
    (srcdir / "conf.py").write_text(
        'extensions = ["ideation.sphinx"]\n'
        f"ideation_catalogue = {str(catalogue)!r}\n"
        f"ideation_raw_html = {raw_html}\n"
        'suppress_warnings = ["ideation.duplicate"]\n',
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Hostile\n=======\n\n.. toctree::\n   :glob:\n\n   rst/*\n   md/*\n", encoding="utf-8"
    )
    return srcdir, catalogue, payloads


def _build(base: Path, url: str, *, raw_html: bool) -> Built:
    srcdir, catalogue, payloads = _project(base, url, raw_html=raw_html)
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        # Sphinx 8 shows each warning's [type.subtype]; 7.4 does when asked.
        confoverrides={"show_warning_types": True},
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        app.build()
        warnings = warnings_of(app)
    finally:
        app.cleanup()
    files = {
        str(path.relative_to(app.outdir)): path.read_bytes()
        for path in app.outdir.rglob("*")
        if path.is_file()
    }
    files.update(
        {
            str(path.relative_to(app.doctreedir)): path.read_bytes()
            for path in app.doctreedir.rglob("*")
            if path.is_file()
        }
    )
    return Built(srcdir, catalogue, warnings, files, payloads)


@pytest.fixture(scope="module", params=[False, True], ids=["raw-off", "raw-on"])
def built(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    server: tuple[str, list[str]],
) -> Built:
    """The hostile project, built with ``ideation_raw_html`` off and on."""
    url, _requests = server
    return _build(tmp_path_factory.mktemp("hostile"), url, raw_html=request.param)


def test_no_file_is_read_and_no_request_is_made(
    built: Built, server: tuple[str, list[str]]
) -> None:
    assert server[1] == []
    leaked = sorted(name for name, data in built.files.items() if SECRET.encode() in data)
    assert leaked == []


def test_every_refusal_is_a_warning_at_the_data_file(built: Built) -> None:
    lines = built.warnings.splitlines()
    for name, (payload, what) in built.payloads.items():
        # In an {eval-rst} block, the directive is on the line after the fence.
        expected = BODY_LINE + payload.startswith("```{eval-rst}")
        file = built.catalogue / "proposals" / f"{name}.md"
        mine = [line for line in lines if line.startswith(f"{file}:")]
        # Once per page that shows the proposal: the rST page and the MyST page.
        assert len(mine) == 2, (name, mine)
        for line in mine:
            # (raw is refused by name with ideation_raw_html off, by its :file: option with it on)
            assert line.startswith(f"{file}:{expected}: WARNING: the {what}"), line
            assert "is not allowed in a description" in line
            assert line.endswith("[ideation.description]"), line
    # Nothing else: no error page, no docutils message.
    others = [line for line in lines if "[ideation.description]" not in line]
    assert others == []


def test_images_from_the_data_are_never_read_from_the_disk(tmp_path: Path) -> None:
    # With a base "URL" that is a path, a site path from the data would be an image Sphinx
    # copies from the disk, and "/../.." reaches out of the source folder.
    srcdir, catalogue, _payloads = _project(tmp_path, "http://127.0.0.1:9/", raw_html=False)
    secret = tmp_path / "secret.png"
    secret.write_bytes(SECRET.encode())
    up = "/" + "../" * 12 + str(secret).lstrip("/")
    (catalogue / "proposals" / "include.md").write_text(
        HEAD.format(slug="include").replace("---\n\n", f"images: ['{up}']\n---\n\n", 1)
        + f"![secret]({up})\n",
        encoding="utf-8",
    )
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        confoverrides={"ideation_image_base_url": "/static", "show_warning_types": True},
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        app.build()
    finally:
        app.cleanup()
    leaked = [
        p for p in Path(app.outdir).rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()
    ]
    assert leaked == []
