"""Reading a catalogue folder again reads only the files that changed (``reuse``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from ideation import model
from ideation.errors import DataError
from ideation.formats import _catalogue, _load, load_with_sources, stamp_of

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "catalogue"))


def _records(catalogue: model.Catalogue, sources: Any) -> dict[Path, tuple[Any, Any]]:
    items: list[tuple[str, model.Event | model.Proposal | model.Candidate]] = [
        *(("event", e) for e in catalogue.events),
        *(("proposal", p) for p in catalogue.proposals),
        *(("candidate", c) for c in catalogue.candidates),
    ]
    records = {}
    for kind, item in items:
        path = sources.objects[(kind, item.slug)]
        records[path] = (sources.stamps[path], item)
    return records


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    read: list[Path] = []
    original = _load.read  # what _catalogue imported, and calls under this name

    def counted(path: Path) -> Any:
        read.append(path)
        return original(path)

    monkeypatch.setattr(_catalogue, "read", counted)
    return read


def test_only_the_changed_file_is_read_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, sources = load_with_sources(folder)
    liria = folder / "proposals" / "liria.md"
    liria.write_text(
        liria.read_text(encoding="utf-8").replace("title: OCR", "title: Lecture OCR"),
        encoding="utf-8",
    )
    read = _counting_reads(monkeypatch)
    again, _ = load_with_sources(folder, reuse=_records(first, sources))
    assert sorted(p.name for p in read) == ["liria.md", "programme.yaml"]
    assert again.proposal("liria").title.startswith("Lecture OCR")
    # Everything else is the very object of the first load; the whole is equal to a fresh load.
    assert again.proposal("siretisation") is first.proposal("siretisation")
    assert again == load_with_sources(folder)[0]


def test_a_problem_in_a_reused_file_keeps_its_line(folder: Path) -> None:
    first, sources = load_with_sources(folder)
    records = _records(first, sources)
    # The proposal an event names is deleted: the event's file is reused, unchanged, and the
    # broken reference is still placed at its line there.
    (folder / "proposals" / "liria.md").unlink()
    for path in (folder / "candidates").iterdir():
        path.write_text(path.read_text(encoding="utf-8").replace("- liria\n", ""), "utf-8")
    with pytest.raises(DataError) as caught:
        load_with_sources(folder, reuse=records)
    with pytest.raises(DataError) as fresh:
        load_with_sources(folder)
    assert caught.value.problems == fresh.value.problems
    assert any(
        problem.file and problem.file.endswith("atelier-ideation.md") and problem.line
        for problem in caught.value.problems
    )


def test_a_file_with_another_stamp_is_read(folder: Path) -> None:
    first, sources = load_with_sources(folder)
    records = _records(first, sources)
    liria = folder / "proposals" / "liria.md"
    text = liria.read_text(encoding="utf-8").replace("title: OCR", "title: ROC")  # same size
    stamp = stamp_of(liria)
    liria.write_text(text, encoding="utf-8")
    os.utime(liria, ns=(stamp[0] + 1_000_000, stamp[0] + 1_000_000))
    again, _ = load_with_sources(folder, reuse=records)
    assert again.proposal("liria").title.startswith("ROC")


def test_the_stamps_a_caller_took_are_the_ones_compared(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One change check: the Sphinx store takes the stamps once (stamps_under) and hands them
    # over; the loader does not look at those files again, and compares what it was given.
    first, sources = load_with_sources(folder)
    records = _records(first, sources)
    looked: list[Path] = []
    original = stamp_of

    def counting(path: Path) -> tuple[int, int]:
        looked.append(path)
        return original(path)

    monkeypatch.setattr(_catalogue, "stamp_of", counting)
    given = {path: stamp for path, (stamp, _item) in records.items()}
    liria = folder / "proposals" / "liria.md"
    given[liria] = (given[liria][0] + 1, given[liria][1])  # as if it had changed
    reads = _counting_reads(monkeypatch)
    again, _ = load_with_sources(folder, reuse=records, stamps=given)
    assert looked == []
    assert sorted(path.name for path in reads) == ["liria.md", "programme.yaml"]
    assert again.proposal("liria") == first.proposal("liria")


def test_a_record_of_another_kind_of_item_is_read_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A caller's mix-up (an event recorded for a proposal's file) does not put an event among
    # the proposals: the file is read, as if it had changed.
    first, sources = load_with_sources(folder)
    records = _records(first, sources)
    liria = folder / "proposals" / "liria.md"
    records[liria] = (records[liria][0], first.events[0])
    reads = _counting_reads(monkeypatch)
    again, _ = load_with_sources(folder, reuse=records)
    assert sorted(path.name for path in reads) == ["liria.md", "programme.yaml"]
    assert again == load_with_sources(folder)[0]
