"""Commands that write a catalogue hold its lock: two at once cannot lose each other's work.

Without the lock, two ``ideation select`` runs on one catalogue both read it, both change it
and both write it: most of the time the result was neither run's outcome after the other's,
some records of one run lost. With it, the second run waits for the first, reads what the
first wrote, and the catalogue ends as one of the two orders left it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ideation._io import LOCK_NAME, lock_file, write_lock
from ideation.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE

from .helpers import FIRST, SECOND, files, make_catalogue, run

pytest.importorskip("ruamel.yaml")
pytest.importorskip("tomlkit")

DATA = Path(__file__).resolve().parents[1] / "data"


def _sequential(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, bytes]]:
    """The catalogue after the two runs one after the other, in each order."""
    outcomes = []
    for name, order in (
        ("first-then-second", (FIRST, SECOND)),
        ("second-then-first", (SECOND, FIRST)),
    ):
        folder = make_catalogue(tmp_path / name)
        for arguments in order:
            assert run(capsys, "select", str(folder), *arguments)[0] == EXIT_OK
        outcomes.append(files(folder))
    assert outcomes[0] != outcomes[1], "the two orders must differ for the test to mean much"
    return outcomes


def test_two_selects_at_once_end_as_one_order_or_the_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = _sequential(tmp_path, capsys)
    # A busy machine may take long to start Python: the runs wait for each other, not fail.
    env = {**os.environ, "IDEATION_LOCK_TIMEOUT": "120"}
    for attempt in range(10):
        folder = make_catalogue(tmp_path / f"together-{attempt}")
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "ideation", "select", str(folder), *arguments],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for arguments in (FIRST, SECOND)
        ]
        results = [(process.wait(timeout=300), process.stderr) for process in runs]
        for code, stderr in results:
            message = stderr.read() if stderr else ""
            assert code == EXIT_OK, message
        for process in runs:
            if process.stderr:
                process.stderr.close()
        assert files(folder) in orders, f"attempt {attempt}: neither order's outcome"
        assert not (folder / LOCK_NAME).exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["select", "{catalogue}", *FIRST],
        ["teams", "{catalogue}", "--write"],
        ["import", "csv", "{csv}", "-o", "{catalogue}", "--type", "proposal", "--map", "title=t"],
        ["import", "hugo", str(DATA / "hugo-roundtrip"), "-o", "{catalogue}", "--force"],
    ],
    ids=["select", "teams --write", "import csv", "import hugo"],
)
def test_a_second_writer_waits_then_stops_with_one_line_naming_the_catalogue(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    if argv[0] == "teams":
        pytest.importorskip("scipy")
    catalogue = make_catalogue(tmp_path / "catalogue")
    form = tmp_path / "form.csv"
    form.write_text("t\nUne idée\n", encoding="utf-8")
    before = files(catalogue)
    monkeypatch.setenv("IDEATION_LOCK_TIMEOUT", "0.2")
    argv = [a.format(catalogue=catalogue, csv=form) for a in argv]
    started = time.monotonic()
    # The lock held here, as another command would hold it.
    with write_lock(catalogue, timeout=0):
        code, out, err = run(capsys, *argv)
    assert time.monotonic() - started >= 0.2  # it waited
    assert (code, out) == (EXIT_USAGE, "")
    assert err == (
        f"ideation: error: {catalogue}: another ideation command is writing this catalogue "
        "(waited 0.2 s); run this one again once it has finished, or set "
        "IDEATION_LOCK_TIMEOUT to wait longer\n"
    )
    assert files(catalogue) == before
    assert not (catalogue / LOCK_NAME).exists()


def test_export_hugo_holds_the_lock_of_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setenv("IDEATION_LOCK_TIMEOUT", "0")
    with write_lock(site, timeout=0):
        code, _, err = run(capsys, "export", "hugo", str(catalogue), "-o", str(site))
    assert code == EXIT_USAGE
    assert err.startswith(f"ideation: error: {site}: another ideation command is writing this site")
    assert list(site.iterdir()) == []
    assert run(capsys, "export", "hugo", str(catalogue), "-o", str(site))[0] == EXIT_OK
    assert not (site / LOCK_NAME).exists()


def test_a_writer_waits_for_the_first_to_finish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    monkeypatch.setenv("IDEATION_LOCK_TIMEOUT", "30")
    held = threading.Event()
    letting_go = threading.Event()

    def hold() -> None:
        with write_lock(catalogue, timeout=0):
            held.set()
            time.sleep(0.5)
            letting_go.set()

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(10)
    code, _, err = run(capsys, "select", str(catalogue), *FIRST)
    holder.join()
    assert code == EXIT_OK, err
    assert letting_go.is_set()
    assert b"status: shortlisted" in (catalogue / "proposals" / "a.md").read_bytes()


def test_a_dry_run_and_a_reading_take_no_lock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    monkeypatch.setenv("IDEATION_LOCK_TIMEOUT", "0")
    with write_lock(catalogue, timeout=0):
        # Without --write, select only shows the outcome.
        assert run(capsys, "select", str(catalogue), "--event", "e1", "--top", "2")[0] == EXIT_OK
        assert run(capsys, "validate", str(catalogue))[0] == EXIT_OK


def test_the_lock_of_a_dead_command_is_taken_over(tmp_path: Path) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from ideation._io import write_lock\n"
            "with write_lock(Path(sys.argv[1]), timeout=0):\n"
            "    print('held', flush=True); time.sleep(600)",
            str(catalogue),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(TimeoutError), write_lock(catalogue, timeout=0):
            pass
        holder.kill()
        holder.wait(timeout=60)
        # Its lock file is left behind; the lock went with the process.
        assert (catalogue / LOCK_NAME).exists()
        with write_lock(catalogue, timeout=5):
            pass
        assert not (catalogue / LOCK_NAME).exists()
    finally:
        holder.kill()
        holder.wait(timeout=60)
        if holder.stdout:
            holder.stdout.close()


def test_a_lock_file_that_is_a_link_is_never_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A lock file committed as a link (in a pull request, say) must not make a command write
    # or truncate the file it points to.
    catalogue = make_catalogue(tmp_path / "catalogue")
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    (catalogue / LOCK_NAME).symlink_to(precious)
    before = files(catalogue / "proposals")
    code, _, err = run(capsys, "select", str(catalogue), *FIRST)
    assert code == EXIT_DATA
    assert err.startswith(f"ideation: error: {catalogue}: cannot write its lock file {LOCK_NAME}: ")
    assert err.count("\n") == 1
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    assert files(catalogue / "proposals") == before


def test_every_path_to_a_catalogue_has_one_lock(tmp_path: Path) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    (tmp_path / "link").symlink_to(catalogue)
    assert lock_file(tmp_path / "link") == lock_file(catalogue) == catalogue / LOCK_NAME
    one = tmp_path / "one.yaml"
    one.write_text("programme: {slug: p, name: P}\n", encoding="utf-8")
    (tmp_path / "one-link.yaml").symlink_to(one)
    assert lock_file(tmp_path / "one-link.yaml") == tmp_path / ".one.yaml.ideation.lock"
    with (
        write_lock(tmp_path / "one-link.yaml", timeout=0),
        pytest.raises(TimeoutError),
        write_lock(one, timeout=0),
    ):
        pass
    assert not (tmp_path / ".one.yaml.ideation.lock").exists()


def test_an_import_into_a_new_folder_that_fails_leaves_no_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "new" / "catalogue"
    code, _, err = run(capsys, "import", "hugo", str(tmp_path), "-o", str(output))
    assert code == EXIT_DATA, err
    assert not (tmp_path / "new").exists()


def test_an_import_into_a_new_folder_is_not_refused_for_its_lock_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "catalogue"
    code, _, err = run(capsys, "import", "hugo", str(DATA / "hugo-roundtrip"), "-o", str(output))
    assert code == EXIT_OK, err
    assert (output / "programme.yaml").is_file()
    assert not (output / LOCK_NAME).exists()


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf"])
def test_a_wrong_wait_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    catalogue = make_catalogue(tmp_path / "catalogue")
    monkeypatch.setenv("IDEATION_LOCK_TIMEOUT", value)
    code, _, err = run(capsys, "select", str(catalogue), *FIRST)
    assert code == EXIT_USAGE
    assert err == (
        "ideation: error: IDEATION_LOCK_TIMEOUT: expected a number of seconds (0 or more), "
        f"got {value!r}\n"
    )
    shutil.rmtree(catalogue)
