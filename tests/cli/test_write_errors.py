"""A write that fails is one clear line: the path the user gave, and what failed.

Before, a read-only folder was reported with the name of a temporary file, a full disk with no
file at all, and ``export sqlite`` onto a full disk ended in "internal error … This is a bug";
``export csv`` and ``export hugo`` left the folders they had made behind. The tests run as
root in CI, where permission bits stop nothing: a refused or full disk is simulated where the
write happens (the temporary file's making, ``os.fsync``, SQLite's page limit).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest

from ideation._io import LOCK_NAME, write_atomically, write_run
from ideation.cli import EXIT_DATA, EXIT_OK

from .helpers import FIRST, files, make_catalogue, run

DATA = Path(__file__).resolve().parents[1] / "data"


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write that reaches the disk fails as on a full disk (where the data is flushed)."""

    def fsync(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def _read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new file is refused as in a folder one may not write (where it is made)."""

    def mkstemp(*args: Any, dir: str | None = None, prefix: str = "", **kwargs: Any) -> Any:
        name = Path(dir or ".") / f"{prefix}a1b2c3.tmp"
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(name))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def _one_clear_line(err: str, path: Path, reason: str) -> None:
    assert err == f"ideation: error: {path}: cannot write: {reason}\n"


FAILURES = {
    "full disk": (_full_disk, "no space left on device"),
    "read-only": (_read_only, "permission denied"),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_a_file_export_names_the_output_and_what_failed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    output = tmp_path / "out" / "feed.json"
    simulate, reason = FAILURES[failure]
    simulate(monkeypatch)
    code, out, err = run(capsys, "export", "jsonld", str(catalogue), "-o", str(output))
    assert (code, out) == (EXIT_DATA, "")
    _one_clear_line(err, output, reason)
    # Nothing left behind: no temporary file, no folder made for the file.
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("failure", FAILURES)
def test_export_csv_leaves_no_folder_and_no_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    output = tmp_path / "new" / "csv"
    simulate, reason = FAILURES[failure]
    simulate(monkeypatch)
    code, _, err = run(capsys, "export", "csv", str(catalogue), "-o", str(output))
    assert code == EXIT_DATA
    _one_clear_line(err, output / "events.csv", reason)
    assert not (tmp_path / "new").exists()


def test_export_csv_over_an_earlier_export_changes_no_file_when_one_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    output = tmp_path / "csv"
    assert run(capsys, "export", "csv", str(catalogue), "-o", str(output))[0] == EXIT_OK
    before = files(output)
    (catalogue / "programme.yaml").write_text("slug: p\nname: Autre nom\n", encoding="utf-8")
    real = os.fsync
    calls = []

    def fsync(descriptor: int) -> None:
        # The second file fails: the first, complete, must not be renamed into place alone.
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    code, _, err = run(capsys, "export", "csv", str(catalogue), "-o", str(output))
    assert code == EXIT_DATA
    _one_clear_line(err, output / "proposals.csv", "no space left on device")
    assert files(output) == before


@pytest.mark.parametrize("failure", FAILURES)
def test_export_hugo_leaves_no_folder_it_made(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    site = tmp_path / "site"
    simulate, reason = FAILURES[failure]
    simulate(monkeypatch)
    code, _, err = run(capsys, "export", "hugo", str(catalogue), "-o", str(site))
    assert code == EXIT_DATA
    assert err.startswith(f"ideation: error: {site}{os.sep}")
    assert err.endswith(f": cannot write: {reason}\n")
    assert err.count("\n") == 1
    assert not site.exists()


def test_export_hugo_into_a_site_leaves_it_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    site = tmp_path / "site"
    (site / "layouts").mkdir(parents=True)
    (site / "config.toml").write_text('title = "Site"\n', encoding="utf-8")
    before = files(site)
    _full_disk(monkeypatch)
    assert run(capsys, "export", "hugo", str(catalogue), "-o", str(site))[0] == EXIT_DATA
    assert files(site) == before
    assert sorted(p.name for p in site.iterdir()) == ["config.toml", "layouts"]


def test_export_sqlite_onto_a_full_disk_is_no_internal_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    output = tmp_path / "new" / "programme.db"
    connect = sqlite3.connect

    def small(database: str) -> sqlite3.Connection:
        # A database that may hold three pages: SQLite says the disk is full (SQLITE_FULL).
        db = connect(database)
        db.execute("PRAGMA max_page_count = 3")
        return db

    monkeypatch.setattr(sqlite3, "connect", small)
    code, _, err = run(capsys, "export", "sqlite", str(catalogue), "-o", str(output))
    assert code == EXIT_DATA
    _one_clear_line(err, output, "no space left on device")
    # Neither the database nor its metadata.json, nor the folder made for them.
    assert not (tmp_path / "new").exists()


def test_export_sqlite_into_a_read_only_folder_names_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    output = tmp_path / "programme.db"
    _read_only(monkeypatch)
    code, _, err = run(capsys, "export", "sqlite", str(catalogue), "-o", str(output))
    assert code == EXIT_DATA
    # metadata.json is made first; either way, the file named is one the user asked for.
    _one_clear_line(err, output.with_name("metadata.json"), "permission denied")


def test_select_on_a_full_disk_names_the_file_and_lets_go_of_the_lock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("ruamel.yaml")
    pytest.importorskip("tomlkit")
    catalogue = make_catalogue(tmp_path / "catalogue")
    before = files(catalogue)
    _full_disk(monkeypatch)
    code, _, err = run(capsys, "select", str(catalogue), *FIRST)
    assert code == EXIT_DATA
    _one_clear_line(err, catalogue / "proposals" / "a.md", "no space left on device")
    assert files(catalogue) == before  # the first file failed: nothing was written
    assert not (catalogue / LOCK_NAME).exists()


def test_import_hugo_on_a_full_disk_names_a_file_of_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "catalogue"
    _full_disk(monkeypatch)
    code, _, err = run(capsys, "import", "hugo", str(DATA / "hugo-roundtrip"), "-o", str(output))
    assert code == EXIT_DATA
    assert err.startswith(f"ideation: error: {output}{os.sep}")
    assert err.endswith(": cannot write: no space left on device\n")
    assert err.count("\n") == 1


def test_import_csv_on_a_full_disk_imports_no_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    form = tmp_path / "form.csv"
    form.write_text("t\nUne idée\nUne autre idée\n", encoding="utf-8")
    before = files(catalogue)
    real = os.fsync
    calls = []

    def fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    argv = ["import", "csv", str(form), "-o", str(catalogue), "--type", "proposal"]
    code, _, err = run(capsys, *argv, "--map", "title=t")
    assert code == EXIT_DATA
    assert err.startswith(f"ideation: error: {catalogue / 'proposals'}{os.sep}")
    assert err.endswith(": cannot write: no space left on device\n")
    assert files(catalogue) == before


def test_write_atomically_names_the_file_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a" / "b" / "out.txt"
    _read_only(monkeypatch)
    with pytest.raises(PermissionError) as raised:
        write_atomically(target, "text")
    assert raised.value.filename == str(target)
    assert raised.value.errno == errno.EACCES
    assert raised.value.strerror == "cannot write: permission denied"
    assert not (tmp_path / "a").exists()


def test_a_folder_that_cannot_be_made_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OSError, match="cannot make the folder") as raised, write_run() as run:
        run.write(blocker / "sub" / "out.txt", "text")
    assert raised.value.filename == str(blocker / "sub")


def _fail_between_two_writes(folder: Path) -> None:
    with write_run() as run:
        run.write(folder / "new" / "one.txt", "one")
        raise KeyError("a failure between two writes")


def test_a_run_that_fails_elsewhere_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        _fail_between_two_writes(tmp_path)
    assert list(tmp_path.iterdir()) == []
