"""The tutorial works: its files and commands, read from the page itself, build a site.

The test follows ``docs/tutorial.md`` from top to bottom in an empty folder: each code block
with a file name for caption is written to that file, each ``console`` block's commands are
run (where ``cd`` moves), and a command's output shown on the page must be what it prints. The
page is the only source: change a file or a command there and this test runs the new one.
"""

from __future__ import annotations

import html
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from .conftest import ROOT

pytest.importorskip("sphinx")

TUTORIAL = ROOT / "docs" / "tutorial.md"
#: The install step's commands: the test runs in the environment that is already installed.
INSTALL = ("git clone ", "python3 -m venv ", "source ", "pip install ")


class File(NamedTuple):
    path: str
    text: str


class Command(NamedTuple):
    line: str
    #: The output the page shows under the command (none for most).
    output: list[str]


def _fences(text: str) -> Iterator[tuple[str, list[str]]]:
    """Each fenced block of a MyST page: its info string and its lines (nested fences kept)."""
    lines = iter(text.splitlines())
    for line in lines:
        opening = re.match(r"^(`{3,}|~{3,})(.*)$", line)
        if not opening:
            continue
        fence, info, body = opening.group(1), opening.group(2).strip(), []
        for inner in lines:
            # A fence closes at a line of at least as many of the same character.
            if set(inner.strip()) == {fence[0]} and len(inner.strip()) >= len(fence):
                break
            body.append(inner)
        yield info, body


def _steps(text: str) -> Iterator[File | Command]:
    """The files and commands of the page, in the order a reader meets them."""
    for info, body in _fences(text):
        if info.startswith("{code-block}"):
            options = [line for line in body if re.match(r"^:[a-z-]+:", line)]
            captions = [line.split(":", 2)[2].strip() for line in options if "caption" in line]
            if captions:
                # The options, then one blank line, then the file.
                yield File(captions[0], "\n".join(body[len(options) + 1 :]) + "\n")
        elif info == "console":
            for line in body:
                if line.startswith("$ "):
                    yield Command(line[2:], [])
                elif line.strip():
                    yield Command("", [line])  # output of the command above


def _merged(steps: Iterator[File | Command]) -> list[File | Command]:
    """Steps with each output line attached to its command."""
    merged: list[File | Command] = []
    for step in steps:
        if isinstance(step, Command) and not step.line:
            previous = merged[-1]
            assert isinstance(previous, Command), f"output with no command: {step.output}"
            previous.output.extend(step.output)
        else:
            merged.append(step)
    return merged


def _run(command: str, cwd: Path) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"$ {command}\n{result.stdout}"
    return result.stdout


@pytest.fixture(scope="module")
def steps() -> list[File | Command]:
    return _merged(_steps(TUTORIAL.read_text(encoding="utf-8")))


def test_the_tutorial_shows_its_files_and_the_commands_that_check_and_build_them(
    steps: list[File | Command],
) -> None:
    files = [step.path for step in steps if isinstance(step, File)]
    commands = [step.line for step in steps if isinstance(step, Command)]
    assert {"data/programme.yaml", "conf.py", "index.md"} <= set(files)
    assert any(path.startswith("data/events/") for path in files)
    assert any(command.startswith("ideation validate") for command in commands)
    build = [command for command in commands if command.startswith("sphinx-build")]
    assert len(build) == 1
    assert {"-n", "-W"} <= set(shlex.split(build[0]))
    # No path may assume this repository's folders: the reader starts from an empty folder.
    assert not [path for path in files if ".." in Path(path).parts or Path(path).is_absolute()]


def follow(steps: list[File | Command], folder: Path) -> Path:
    """Follow the tutorial's ``steps`` in the empty ``folder``; the folder of the built site.

    The browser tests take the picture the tutorial ends with from the site this builds.
    """
    cwd = folder
    build_output: Path | None = None
    for step in steps:
        if isinstance(step, File):
            target = cwd / step.path
            assert target.parent.is_dir(), f"{step.path}: the page never made its folder"
            target.write_text(step.text, encoding="utf-8")
        elif step.line.startswith(INSTALL):
            continue
        elif step.line.startswith("cd "):
            cwd = cwd / shlex.split(step.line)[1]
        else:
            printed = _run(step.line, cwd)
            if step.output:
                assert [line.rstrip() for line in printed.strip().splitlines()] == step.output
            if step.line.startswith("sphinx-build"):
                build_output = cwd / shlex.split(step.line)[-1]
    assert build_output is not None
    return build_output


@pytest.mark.sphinx
def test_following_the_tutorial_in_an_empty_folder_builds_the_event_page(
    steps: list[File | Command], tmp_path: Path
) -> None:
    build_output = follow(steps, tmp_path)
    page = (build_output / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    assert "Kickoff workshop" in text
    for session in ("Welcome coffee", "Pitches", "Workshops on the chosen ideas", "Round-up"):
        assert session in text
    assert re.search(r"Participants ?: 18\b", text)
    assert "Statistics Agency (STAT)" in text


def test_the_tutorial_starts_with_a_real_command_and_ends_with_its_picture(
    steps: list[File | Command],
) -> None:
    # Every command of the page is run by the test above: no placeholder to replace, no
    # install step skipped (the install page has those).
    commands = [s.line for s in steps if isinstance(s, Command)]
    assert commands[0] == "mkdir open-data-days"
    assert not [
        line for line in commands if line.startswith(INSTALL) or re.search(r"[A-Z]{3,}-", line)
    ]
    page = TUTORIAL.read_text(encoding="utf-8")
    picture = re.findall(r"```\{image\} (\S+)", page)
    assert picture == ["pictures/tutorial-result.png"]
    assert page.index(picture[0]) > page.index("sphinx-build")
    assert (TUTORIAL.parent / picture[0]).read_bytes().startswith(b"\x89PNG")
