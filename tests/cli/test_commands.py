"""The ``ideation`` command, run in-process through ``main()`` (and once as a subprocess)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The project's own modules, imported plainly: an import error fails the run, never skips.
import ideation.cli._import_hugo
import ideation.hugo  # noqa: F401
from ideation.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, build_parser, main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"

# Problems print as FILE:LINE: $.PATH: MESSAGE.
PROBLEM = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<path>\$[^ ]*): (?P<message>.+)$")

BROKEN = {
    "events/bad-time.md": """\
---
title: Atelier cassé
date: 2022-05-16
organisers:
- Not A Slug
sessions:
- start: 25h00
  title: Trop tard
---
Un corps.
""",
    "events/bad-syntax.yaml": "title: [unclosed\nkind: bootcamp\n",
    "proposals/bad-status.yaml": """\
title: Un projet
status: maybe
history:
- status: submitted
  date: 2022-05-16
- status: delivered
  date: 2022-05-20
""",
    "proposals/bad-kind.json": '{\n  "title": "Projet",\n  "sponsors": "insee"\n}\n',
}


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A copy of the example catalogue, to edit."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "catalogue"))


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A folder of broken data files, with no programme file: each is checked on its own."""
    folder = tmp_path / "broken"
    for name, text in BROKEN.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_of_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    commands = [
        [],
        ["validate"],
        ["show"],
        ["convert"],
        ["export"],
        ["export", "ical"],
        ["export", "jsonld"],
        ["export", "schedule"],
        ["export", "csv"],
        ["schema"],
    ]
    for command in commands:
        code, out, _ = run(capsys, *command, "--help")
        assert code == EXIT_OK, command
        assert out.startswith("usage: ideation"), command
        assert "exit codes" in out


def test_python_m_ideation_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ideation", "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    assert "validate" in result.stdout
    assert not result.stderr


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "no-such-command")[0] == EXIT_USAGE
    assert run(capsys, "validate")[0] == EXIT_USAGE  # a PATH is required
    code, _, err = run(capsys, "export", "ical", str(EXAMPLE), "--url", "https://x/{nope}/")
    assert code == EXIT_USAGE
    assert "--url" in err
    code, _, err = run(capsys, "export", "ical", str(EXAMPLE), "--event", "nope")
    assert code == EXIT_USAGE
    assert "no event 'nope'" in err
    assert "Traceback" not in err


def test_validate_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", "--strict", str(EXAMPLE))
    assert code == EXIT_OK
    assert out == ""
    assert "no problems" in err


def test_validate_broken_folder_reports_every_problem(
    capsys: pytest.CaptureFixture[str], broken: Path
) -> None:
    code, out, err = run(capsys, "validate", str(broken))
    assert code == EXIT_DATA
    assert "Traceback" not in out + err
    lines = out.splitlines()
    # Folders named events/ and proposals/ make a catalogue, which lacks its programme file
    # (as load and the Sphinx extension say too); every file is still checked.
    missing = "$: expected a programme.yaml (or .json, .toml) file in the folder, found none"
    assert lines.pop(0) == f"{broken}: {missing}"
    assert lines
    for line in lines:
        assert PROBLEM.match(line), line
    by_file: dict[str, list[str]] = {}
    for line in lines:
        match = PROBLEM.match(line)
        assert match is not None
        by_file.setdefault(Path(match["file"]).name, []).append(line)
    # Every broken file is reported, with its own problems.
    assert set(by_file) == {Path(name).name for name in BROKEN}
    bad_time = "\n".join(by_file["bad-time.md"])
    assert "$.sessions[0].start: expected a time like 09:30, got '25h00'" in bad_time
    assert "bad-time.md:7: $.sessions[0].start" in bad_time  # the line of the session's start
    assert "bad-time.md:5: $.organisers[0]" in bad_time
    assert "$.organisers[0]" in bad_time
    assert "$.status" in "\n".join(by_file["bad-status.yaml"])
    assert "$.sponsors" in "\n".join(by_file["bad-kind.json"])
    assert re.search(r"bad-syntax.yaml:[12]: \$: not valid YAML", by_file["bad-syntax.yaml"][0])
    assert f"{len(lines) + 1} problems in 4 file(s)" in err


def test_validate_broken_catalogue(capsys: pytest.CaptureFixture[str], catalogue: Path) -> None:
    page = catalogue / "events" / "journee-2022-07-05.yaml"
    page.write_text(
        page.read_text(encoding="utf-8").replace("organisers:\n- lab-ia", "organisers:\n- nobody"),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(catalogue))
    assert code == EXIT_DATA
    assert out.startswith(f"{page}:")
    assert "$.organisers[0]: expected the slug of a known organisation, got 'nobody'" in out


def test_validate_strict_reports_unknown_keys(
    capsys: pytest.CaptureFixture[str], catalogue: Path
) -> None:
    page = catalogue / "events" / "journee-2022-07-05.yaml"
    page.write_text(
        page.read_text(encoding="utf-8") + "sumary: misspelt\nlocation_note: back door\n",
        encoding="utf-8",
    )
    programme = catalogue / "programme.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace(
            "  kind: court", "  kind: court\n  websit: https://www.courdecassation.fr/"
        ),
        encoding="utf-8",
    )
    assert run(capsys, "validate", str(catalogue))[0] == EXIT_OK
    code, out, _ = run(capsys, "validate", "--strict", str(catalogue))
    assert code == EXIT_DATA
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{programme}:")
    assert "$.organisations[16].websit: unknown key 'websit'" in lines[0]
    assert lines[1].startswith(f"{page}:15: $.sumary: unknown key 'sumary'")
    assert lines[2].startswith(f"{page}:16: $.location_note:")


def test_validate_strict_takes_a_contacts_other_keys_as_meant(
    capsys: pytest.CaptureFixture[str], catalogue: Path
) -> None:
    person = catalogue / "candidates" / "candidate-1.yaml"
    person.write_text(
        person.read_text(encoding="utf-8") + "contact:\n  email: a@b.fr\n  chat: '@basile'\n"
        "skils: misspelt\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", "--strict", str(catalogue))
    assert code == EXIT_DATA
    assert "chat" not in out
    assert "$.skils: unknown key 'skils'" in out


def test_validate_json_and_github_formats(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", str(broken))
    assert code == EXIT_DATA
    report = json.loads(out)
    assert report["valid"] is False
    assert report["files"] == 4
    assert {"file", "line", "path", "message"} <= set(report["problems"][0])
    code, out, _ = run(capsys, "validate", "--format", "github", str(broken))
    assert code == EXIT_DATA
    assert all(line.startswith("::error file=") for line in out.splitlines())
    assert ",line=7,title=ideation::$.sessions[0].start" in out


def test_validate_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", str(tmp_path / "nothing.yaml"))
    assert code == EXIT_DATA
    assert "no such file or folder" in out


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", str(EXAMPLE))
    assert code == EXIT_OK
    assert out.startswith("Programme 10 % (programme-10)")
    assert "2022-05-16 09:30–12:30" in out
    assert "2022-06-13 → 2022-06-14" in out
    assert out.index("Events") < out.index("Proposals")
    assert "  in-progress (5)" in out


def test_show_refuses_a_single_event(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", str(EXAMPLE / "events" / "bootcamp.md"))
    assert code == EXIT_DATA
    assert "expected a catalogue" in err


def test_convert_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    single = tmp_path / "catalogue.json"
    assert run(capsys, "convert", str(EXAMPLE), str(single))[0] == EXIT_OK
    assert json.loads(single.read_text(encoding="utf-8"))["programme"]["slug"] == "programme-10"
    folder = tmp_path / "again"
    assert run(capsys, "convert", str(single), str(folder))[0] == EXIT_OK
    assert (folder / "programme.yaml").is_file()
    assert run(capsys, "validate", str(folder))[0] == EXIT_OK
    toml = tmp_path / "bootcamp.toml"
    assert run(capsys, "convert", str(EXAMPLE / "events" / "bootcamp.md"), str(toml))[0] == 0
    assert 'slug = "bootcamp"' in toml.read_text(encoding="utf-8")


def test_convert_unknown_suffix_is_usage(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "convert", str(EXAMPLE), str(tmp_path / "out.xlsx"))
    assert code == EXIT_USAGE
    assert "suffix" in err


def test_convert_broken_source(
    capsys: pytest.CaptureFixture[str], broken: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.json"
    code, _, err = run(capsys, "convert", str(broken / "events" / "bad-time.md"), str(target))
    assert code == EXIT_DATA
    assert "expected a time like 09:30" in err
    assert not target.exists()


def test_schema_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "schema", "proposal")
    assert code == EXIT_OK
    assert json.loads(out)["title"] == "ideation proposal"
    target = tmp_path / "schema" / "event.schema.json"
    assert run(capsys, "schema", "event", "-o", str(target))[0] == EXIT_OK
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "ideation event"
    assert run(capsys, "schema", "nothing")[0] == EXIT_USAGE


def test_unwritable_output_is_a_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "schema", "-o", str(blocker / "inside" / "schema.json"))
    assert code == EXIT_DATA
    assert err.startswith("ideation: error:")
    assert "Traceback" not in err


def test_every_subcommand_is_in_the_parser() -> None:
    help_text = build_parser().format_help()
    for command in ("validate", "show", "convert", "export", "schema"):
        assert command in help_text


def test_hugo_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:

    for command in (["export", "hugo"], ["import"], ["import", "hugo"]):
        code, out, _ = run(capsys, *command, "--help")
        assert code == EXIT_OK
        assert out.startswith("usage: ideation")
    site = tmp_path / "site"
    code, _, err = run(capsys, "export", "hugo", str(EXAMPLE), "-o", str(site))
    assert code == EXIT_OK
    assert (site / "content" / "actualites" / "atelier-ideation.md").is_file()
    assert "content/actualites/atelier-ideation.md: written: a new page" in err
    back = tmp_path / "back"
    code, _, _ = run(capsys, "import", "hugo", str(site), "-o", str(back))
    assert code == EXIT_OK
    assert run(capsys, "validate", str(back))[0] == EXIT_OK


def test_validate_a_programme_file_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "validate", "--strict", str(EXAMPLE / "programme.yaml"))[0] == EXIT_OK
    programme = tmp_path / "programme.yaml"
    text = (EXAMPLE / "programme.yaml").read_text(encoding="utf-8")
    programme.write_text(text.replace("organisers:\n- dinum", "organisers:\n- nobody"), "utf-8")
    code, out, _ = run(capsys, "validate", str(programme))
    assert code == EXIT_DATA
    assert f"{programme}:" in out
    assert "$.organisers[0]: expected the slug of a known organisation, got 'nobody'" in out


def test_missing_optional_package_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A None entry in sys.modules makes "import icalendar" fail, as if it were not installed.
    monkeypatch.setitem(sys.modules, "icalendar", None)
    target = tmp_path / "feed.ics"
    code, _, err = run(capsys, "export", "ical", str(EXAMPLE), "-o", str(target))
    assert code == EXIT_USAGE
    assert "pip install 'ideation[export]'" in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("argv", "blocked", "extra"),
    [
        (["export", "ical", str(EXAMPLE)], ("icalendar",), "export"),
        (["teams", str(EXAMPLE)], ("scipy", "scipy.optimize"), "ops"),
        (
            ["select", str(EXAMPLE), "--event", "atelier-ideation", "--top", "6", "--write"],
            ("tomlkit",),
            "ops",
        ),
    ],
)
def test_a_missing_extra_is_one_line_that_names_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    blocked: tuple[str, ...],
    extra: str,
) -> None:
    for module in blocked:
        monkeypatch.setitem(sys.modules, module, None)
    code, out, err = run(capsys, *argv)
    assert code == EXIT_USAGE
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("ideation: error: ")
    assert f"from the {extra!r} extra: pip install -e '.[{extra}]' in a clone of ideation" in err


def test_export_hugo_from_a_site_without_the_ops_extra_writes_a_changed_page_whole(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    corpus: Path,
) -> None:
    catalogue, site = tmp_path / "catalogue", tmp_path / "site"
    assert run(capsys, "import", "hugo", str(corpus), "-o", str(catalogue))[0] == EXIT_OK
    event = catalogue / "events" / "atelier-ideation.md"
    text = event.read_text(encoding="utf-8")
    event.write_text(re.sub(r"(?m)^title: .*$", "title: Un autre titre", text, count=1), "utf-8")
    # The round-trip writers, as if the ops extra were not installed.
    for module in ("ruamel.yaml", "tomlkit"):
        monkeypatch.setitem(sys.modules, module, None)
    argv = ["export", "hugo", str(catalogue), "-o", str(site), "--from", str(corpus)]
    code, _, err = run(capsys, *argv)
    assert code == EXIT_OK, err
    page = "content/actualites/2022-05-16_atelier.md"
    assert (
        f"{page}: written: the page changed, and editing it in place needs ruamel.yaml "
        "(the 'ops' extra)"
    ) in err
    assert "Un autre titre" in (site / page).read_text(encoding="utf-8")
    # Pages that did not change need no writer: they are given back as they were.
    assert "0 edited, 1 written whole" in err


def test_validate_type_says_what_a_lone_page_describes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "annotation.md"
    page.write_text("---\ntitle: Pseudonymisation\nresponsible: Someone\n---\n\nBody.\n")
    code, out, _ = run(capsys, "validate", str(page))
    assert code == EXIT_DATA
    assert "cannot tell whether this file describes" in out
    code, out, _ = run(capsys, "validate", "--type", "proposal", str(page))
    assert (code, out) == (EXIT_OK, "")
    code, out, _ = run(capsys, "validate", "--strict", "--type", "proposal", str(page))
    assert code == EXIT_DATA
    assert f"{page}:3: $.responsible: unknown key 'responsible'" in out
    code, out, _ = run(capsys, "validate", "--type", "event", str(page))
    assert code == EXIT_DATA
    assert f"{page}:2: $.date: expected a date or a start" in out  # the front matter's line


def test_validate_type_candidate_checks_a_lone_candidate_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    person = tmp_path / "someone.yaml"
    shutil.copy(EXAMPLE / "candidates" / "ada-exemple.yaml", person)
    code, out, err = run(capsys, "validate", "--type", "candidate", str(person))
    assert (code, out, err) == (EXIT_OK, "", "ok: 1 file(s), no problems\n")
    person.write_text(person.read_text(encoding="utf-8") + "withdrawn: soon\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--type", "candidate", str(person))
    assert code == EXIT_DATA
    assert f"{person}:" in out
    assert "$.withdrawn" in out


def test_show_keeps_one_season(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(EXAMPLE), "--season", "2022"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Atelier d'idéation du 16 mai" in out
    assert "Journée de travail" not in out


def test_show_refuses_an_unknown_season(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(EXAMPLE), "--season", "1999"]) == EXIT_USAGE
    assert "no season '1999' (the seasons: 2022)" in capsys.readouterr().err
