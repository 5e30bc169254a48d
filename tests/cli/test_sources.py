"""``ideation sources lock``, and the commands that take a sources file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import icalendar
import pytest

from tests.sources.helpers import (  # noqa: F401 - fixtures, found by pytest by their names
    Site,
    commit,
    local_cache_fixture,
    published_fixture,
    server_fixture,
    site_fixture,
)

from .helpers import run

pytestmark = pytest.mark.usefixtures("local_cache")


def test_lock_then_show_and_validate_the_assembled_catalogue(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "sources", "lock", str(site.sources))
    assert code == 0, err
    assert f"programme: locked at {site.events_commit[:7]}" in out
    assert "  added: event bootcamp" in out
    assert "locked 3 source(s), 3 moved" in err
    assert site.lock.is_file()
    code, out, err = run(capsys, "validate", str(site.sources))
    assert (code, out) == (0, ""), err
    assert err.startswith("ok: ")
    code, out, _ = run(capsys, "show", str(site.sources))
    assert code == 0
    assert "partner-idea: An idea of the partner's" in out
    assert "annotation: Pseudonymisation de documents textuels" in out


def test_update_prints_what_changed(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "sources", "lock", str(site.sources))
    page = site.proposals / "proposals" / "annotation.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Pseudonymisation", "Tri"))
    new = commit(site.proposals, "A shorter title")
    code, out, _ = run(capsys, "sources", "lock", str(site.sources))
    assert (code, out) == (0, "")
    code, out, _ = run(capsys, "sources", "lock", "--update", "projects", str(site.sources))
    assert code == 0
    assert out == (
        f"projects: {site.proposals_commit[:7]} -> {new[:7]}\n  edited: proposal annotation\n"
    )


def test_validate_github_prints_one_workflow_command_per_problem(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    for slug in ("annotation", "juripiaf"):
        page = site.proposals / "proposals" / f"{slug}.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("---\n", "---\nstatus: dreaming\n", 1), encoding="utf-8")
    new = commit(site.proposals, "Two statuses that do not exist")
    run(capsys, "sources", "lock", str(site.sources))
    code, out, _ = run(capsys, "validate", "--format", "github", str(site.sources))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    for line, slug in zip(lines, ("annotation", "juripiaf"), strict=True):
        assert re.fullmatch(
            rf"::error file=projects@{new[:7]}%3Aproposals/{slug}\.md,line=2,title=ideation::"
            r"\$\.status: .*dreaming.*",
            line,
        ), line


def test_validate_gitlab_is_a_code_quality_report(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    page = site.proposals / "proposals" / "annotation.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\nstatus: dreaming\n", 1), encoding="utf-8")
    new = commit(site.proposals, "A status that does not exist")
    run(capsys, "sources", "lock", str(site.sources))
    code, out, _ = run(capsys, "validate", "--format", "gitlab", str(site.sources))
    assert code == 1
    [issue] = json.loads(out)
    assert issue["location"] == {
        "path": f"projects@{new[:7]}:proposals/annotation.md",
        "lines": {"begin": 2},
    }
    assert issue["description"].startswith("$.status: ")
    assert issue["check_name"] == "ideation"
    assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])


def test_validate_offline_without_a_cache_is_a_clear_problem(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "sources", "lock", str(site.sources))
    cache = site.folder / ".ideation-cache"
    cache.rename(site.root / "gone")
    code, out, _ = run(capsys, "validate", "--offline", str(site.sources))
    assert code == 1
    assert "--offline forbids fetching" in out
    assert "Traceback" not in out


def test_commands_that_write_refuse_a_sources_file(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "sources", "lock", str(site.sources))
    code, _, err = run(
        capsys, "select", str(site.sources), "--event", "atelier-ideation", "--top", "2", "--write"
    )
    assert code == 2
    assert "read-only copies" in err


def test_lock_needs_a_sources_file(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "sources", "lock", str(site.events / "ideation"))
    assert code == 2
    assert "expected a sources file" in err


def test_show_origins_names_each_objects_source_commit_file_and_line(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "sources", "lock", str(site.sources))
    code, out, _ = run(capsys, "show", "--origins", str(site.sources))
    assert code == 0
    lines = out[out.index("\nOrigins\n") :].splitlines()
    assert (
        f"  proposal annotation: projects@{site.proposals_commit[:7]}:proposals/annotation.md:2"
        in lines
    )
    assert any(line.startswith("  proposal partner-idea: partner@") for line in lines)
    code, _, err = run(capsys, "show", "--origins", str(site.events / "ideation"))
    assert code == 2
    assert "expected a sources file" in err


def test_validate_takes_sources_with_any_name_and_reports_a_broken_lock(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "sources", "lock", str(site.sources))
    renamed = site.folder / "sources-of-the-site.conf"
    renamed.write_text(site.sources.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run(capsys, "validate", "--sources", str(renamed))
    assert (code, out) == (0, ""), err
    site.lock.write_text("version = 7\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(site.sources))
    assert code == 1
    assert out == (
        f"{site.lock}: $.version: expected a lock of version 1, got 7: run `ideation sources "
        "lock --update` to write it again\n"
    )
    site.lock.write_text("version = [", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(site.sources))
    assert code == 1
    assert out.startswith(f"{site.lock}: $: the lock file is not valid TOML")
    assert run(capsys, "sources", "lock", str(site.sources))[0] == 1
    code, _, err = run(capsys, "sources", "lock", "--update", str(site.sources))
    assert code == 0, err
    assert run(capsys, "validate", str(site.sources))[0] == 0


def test_export_takes_a_sources_file(
    site: Site, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "sources", "lock", str(site.sources))
    output = tmp_path / "programme.ics"
    code, _, err = run(capsys, "export", "ical", str(site.sources), "-o", str(output))
    assert code == 0, err
    calendar = icalendar.Calendar.from_ical(output.read_bytes())
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert "Partner meetup" in summaries
