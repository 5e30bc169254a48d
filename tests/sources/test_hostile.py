"""Hostile and broken sources: each is a clear problem at the sources file's line, never a
traceback, a hang, a read outside or a half-written lock."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ideation.cli import main
from ideation.errors import DataError
from ideation.sources import assemble, lock, read_sources

from .helpers import EXAMPLE, Site, commit

pytestmark = pytest.mark.usefixtures("local_cache")


class _Hostile(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://example.org/ideation.json")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if self.path == "/huge-announced":
            self.send_header("Content-Length", str(10**9))
        self.end_headers()
        try:
            if self.path.startswith("/huge"):
                # No length said (or a false one): only counting what comes can stop it.
                for _ in range(64):
                    self.wfile.write(b" " * 65536)
            else:
                self.wfile.write(b"{}")
        except OSError:
            pass  # the client gave up, as it should

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def hostile() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _sources(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(call: object) -> list[str]:
    with pytest.raises(DataError) as raised:
        call()  # type: ignore[operator]
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/etc", "expected a path relative to the sources file's folder"),
        ("../outside", "leads out of the sources file's folder"),
        ("catalogue/../../outside", "leads out of the sources file's folder"),
    ],
)
def test_a_local_source_cannot_point_outside(tmp_path: Path, path: str, why: str) -> None:
    sources = _sources(tmp_path / "site", f'[sources.here]\npath = "{path}"\n')
    [problem] = _problems(lambda: read_sources(sources))
    assert problem.startswith(f"{sources}:2: $.sources.here.path: ")
    assert why in problem


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "catalogue").symlink_to(EXAMPLE)
    sources = _sources(tmp_path / "site", '[sources.here]\npath = "catalogue"\n')
    [problem] = _problems(lambda: assemble(sources))
    assert problem.startswith(f"{sources}:1: $: source 'here': refused: a symbolic link")


def test_every_problem_of_a_sources_file_at_once_with_its_line(tmp_path: Path) -> None:
    sources = _sources(
        tmp_path,
        "[sources.a]\n"
        'git = "ext::sh -c touch% /tmp/pwned"\n'
        "[sources.b]\n"
        'url = "http://example.org/ideation.json"\n'
        "[sources.c]\n"
        'path = "x"\n'
        'url = "https://example.org/x.json"\n'
        "[sources.d]\n"
        'git = "https://example.org/d.git"\n'
        'ref = "--upload-pack=touch"\n'
        "priority = 'high'\n"
        "colour = 1\n",
    )
    problems = _problems(lambda: read_sources(sources))
    assert [problem.split(": ")[0] for problem in problems] == [
        f"{sources}:2",
        f"{sources}:4",
        f"{sources}:6",
        f"{sources}:12",
        f"{sources}:11",
        f"{sources}:10",
    ]


def test_a_ref_that_does_not_exist(site: Site) -> None:
    text = site.sources.read_text(encoding="utf-8").replace('ref = "main"', 'ref = "nope"')
    site.sources.write_text(text, encoding="utf-8")
    [problem] = _problems(lambda: lock(site.sources))
    assert problem.startswith(f"{site.sources}:1: $: source 'programme': cannot resolve ref 'nope'")
    assert not site.lock.exists()


def test_a_repository_that_is_not_there(tmp_path: Path) -> None:
    sources = _sources(tmp_path, f'[sources.gone]\ngit = "{(tmp_path / "nowhere").as_uri()}"\n')
    [problem] = _problems(lambda: lock(sources))
    assert "source 'gone': cannot resolve ref 'HEAD'" in problem


@pytest.mark.parametrize("path", ["/huge", "/huge-announced"])
def test_a_huge_body_is_refused(
    tmp_path: Path, hostile: str, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IDEATION_FETCH_MAX_BYTES", "1000000")
    sources = _sources(tmp_path, f'[sources.big]\nurl = "{hostile}{path}"\n')
    [problem] = _problems(lambda: lock(sources))
    assert "refused: the body holds more than 1,000,000 bytes" in problem


def test_a_slow_server_is_given_up(
    tmp_path: Path, hostile: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IDEATION_FETCH_TIMEOUT", "0.5")
    sources = _sources(tmp_path, f'[sources.slow]\nurl = "{hostile}/slow"\n')
    [problem] = _problems(lambda: lock(sources))
    assert "source 'slow'" in problem
    assert "0.5 seconds" in problem or "timed out" in problem


def test_a_redirect_to_a_file_is_refused(tmp_path: Path, hostile: str) -> None:
    sources = _sources(tmp_path, f'[sources.sly]\nurl = "{hostile}/redirect"\n')
    [problem] = _problems(lambda: lock(sources))
    assert "refused: a redirect to 'http://example.org/ideation.json'" in problem


def test_a_published_catalogue_that_is_not_one(tmp_path: Path, hostile: str) -> None:
    sources = _sources(tmp_path, f'[sources.empty]\nurl = "{hostile}/empty"\n')
    lock(sources)
    problems = _problems(lambda: assemble(sources))
    assert problems
    assert all(problem.startswith("empty@") for problem in problems)


def test_the_command_never_shows_a_traceback(
    tmp_path: Path, hostile: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = _sources(
        tmp_path, f'[sources.slow]\nurl = "{hostile}/redirect"\n[sources.x]\ngit = "-x"\n'
    )
    assert main(["sources", "lock", str(sources)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{sources}:4: $.sources.x.git: refused" in err


def test_a_repository_folder_too_big_is_refused_before_it_is_written(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ideation.sources._git.MAX_TREE_BYTES", 10_000)
    lock(site.sources)
    problems = _problems(lambda: assemble(site.sources))
    assert any("the folder holds more than" in problem for problem in problems)
    assert all("source 'p" in problem for problem in problems)


def test_a_repository_link_is_not_written(site: Site) -> None:
    (site.proposals / "proposals" / "passwd.md").symlink_to("/etc/passwd")
    (site.proposals / "proposals" / "inside.md").symlink_to("annotation.md")
    commit(site.proposals, "Links")
    lock(site.sources)
    assembled = assemble(site.sources)
    files = {path.name for path in assembled.files.files}
    assert "passwd.md" not in files
    assert "inside.md" not in files
