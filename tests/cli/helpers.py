"""What the command-line tests share: a small catalogue to write into, and running a command."""

from __future__ import annotations

from pathlib import Path

import pytest

from ideation.cli import main

#: Proposals that every run rejects: enough files that two runs at once overlap (an
#: ``ideation`` process spends most of its time starting), so that a lost update shows.
FILLERS = tuple(f"p{number:02}" for number in range(40))
#: Two events of one day whose votes rank the same proposals differently, so that two
#: ``select`` runs give a different catalogue in each order, and both succeed in either.
VOTES = {
    "e1": {"a": 3, "b": 2, "c": 1, "d": 1, "e": 1, "f": 1, **dict.fromkeys(FILLERS, 1)},
    "e2": {"c": 3, "d": 2, "a": 1, "b": 1, "e": 1, "f": 1, **dict.fromkeys(FILLERS, 1)},
}
#: The two runs: the first shortlists at e1, the second selects at e2.
FIRST = ("--event", "e1", "--top", "2", "--write", "--reject-others")
SECOND = ("--event", "e2", "--top", "2", "--as", "selected", "--write", "--reject-others")


def make_catalogue(folder: Path) -> Path:
    """Write the catalogue of :data:`VOTES` into ``folder``; return ``folder``."""
    (folder / "events").mkdir(parents=True)
    (folder / "proposals").mkdir()
    (folder / "programme.yaml").write_text("slug: p\nname: P\n", encoding="utf-8")
    for slug in (*"abcdef", *FILLERS):
        page = f"---\ntitle: Proposal {slug}\n---\n\nText of {slug}.\n"
        (folder / "proposals" / f"{slug}.md").write_text(page, encoding="utf-8")
    for event, scores in VOTES.items():
        votes = "".join(f"- {{proposal: {p}, score: {s}}}\n" for p, s in scores.items())
        page = f"---\ntitle: {event.upper()}\ndate: 2022-05-16\nvotes:\n{votes}---\n"
        (folder / "events" / f"{event}.md").write_text(page, encoding="utf-8")
    return folder


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by its path relative to it."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``ideation ARGV`` in this process: the exit code, standard output and error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
