"""The report of a Hugo import: one entry per file of the site, and what became of it."""

from __future__ import annotations

import datetime as dt
import json as _json
from pathlib import Path
from typing import Any, Literal

import attrs

from ideation import model
from ideation.errors import Problem

#: What became of a page.
Outcome = Literal["imported-event", "imported-proposal", "imported-season", "skipped", "failed"]


@attrs.frozen(kw_only=True)
class Note:
    """Something the import did to a page, or noticed about it, that a person should know."""

    message: str
    line: int | None = None


@attrs.frozen(kw_only=True)
class Extracted:
    """A value found in a page's prose: where it goes (a JSON path in the object), the value,
    and the line and text it was read from."""

    path: str
    value: Any
    line: int | None
    text: str


@attrs.frozen(kw_only=True)
class PageEntry:
    """One file under ``content/`` and what became of it."""

    file: str
    outcome: Outcome
    reason: str
    line: int | None = 1
    slug: str | None = None
    notes: tuple[Note, ...] = ()
    extracted: tuple[Extracted, ...] = ()
    problems: tuple[Problem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON report."""
        return {
            "file": self.file,
            "line": self.line,
            "outcome": self.outcome,
            "reason": self.reason,
            "slug": self.slug,
            "notes": [{"line": n.line, "message": n.message} for n in self.notes],
            "extracted": [
                {"path": e.path, "value": _jsonable(e.value), "line": e.line, "text": e.text}
                for e in self.extracted
            ],
            "problems": [
                {"path": p.path, "line": p.line, "message": p.message} for p in self.problems
            ],
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


@attrs.frozen(kw_only=True)
class HugoImport:
    """What :func:`import_site` read: the catalogue, and one entry per file of the site."""

    catalogue: model.Catalogue
    entries: tuple[PageEntry, ...]
    site: str
    notes: tuple[Note, ...] = ()
    #: The local images of the pages imported, to copy into the catalogue beside their page:
    #: ``(file in the site, path under the catalogue folder)`` (``events/<slug>/x.png``), the
    #: descriptions naming them as ``<slug>/x.png``. ``ideation import hugo`` copies them.
    images: tuple[tuple[Path, str], ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        """How many pages became events, proposals and seasons, were skipped, and failed."""
        outcomes = [entry.outcome for entry in self.entries]
        return {
            "events": outcomes.count("imported-event"),
            "proposals": outcomes.count("imported-proposal"),
            "seasons": outcomes.count("imported-season"),
            "skipped": outcomes.count("skipped"),
            "failed": outcomes.count("failed"),
            "organisations": len(self.catalogue.organisations),
        }

    @property
    def ok(self) -> bool:
        """True when no page failed."""
        return self.counts["failed"] == 0

    def to_json(self) -> str:
        """The report as JSON: the site, its notes, every entry, and the counts."""
        data = {
            "site": self.site,
            "programme": self.catalogue.programme.slug,
            "notes": [{"line": n.line, "message": n.message} for n in self.notes],
            "entries": [entry.to_dict() for entry in self.entries],
            "images": [{"from": str(source), "to": target} for source, target in self.images],
            "counts": self.counts,
        }
        return _json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def summary(self) -> str:
        """The report for people: one paragraph per file, then the counts."""
        out: list[str] = [f"Hugo site {self.site}: programme {self.catalogue.programme.slug!r}"]
        out.extend(f"  note: {note.message}" for note in self.notes)
        for entry in self.entries:
            where = entry.file if entry.line is None else f"{entry.file}:{entry.line}"
            what = {
                "imported-event": f"event {entry.slug!r}",
                "imported-proposal": f"proposal {entry.slug!r}",
                "imported-season": f"season {entry.slug!r}",
                "skipped": "skipped",
                "failed": "FAILED",
            }[entry.outcome]
            out.append(f"{where}: {what}: {entry.reason}")
            # One problem is the reason itself; several are listed one by one.
            for problem in entry.problems if len(entry.problems) > 1 else ():
                line = "" if problem.line is None else f"line {problem.line}: "
                out.append(f"    problem: {line}{problem.path}: {problem.message}")
            for note in entry.notes:
                line = "" if note.line is None else f"line {note.line}: "
                out.append(f"    note: {line}{note.message}")
            for found in entry.extracted:
                line = "" if found.line is None else f"line {found.line}: "
                value = _json.dumps(_jsonable(found.value), ensure_ascii=False)
                out.append(f"    extracted: {line}{found.path} = {value}")
        counts = self.counts
        out.append(
            f"{counts['events']} events, {counts['proposals']} proposals, "
            + (f"{counts['seasons']} seasons, " if counts["seasons"] else "")
            + f"{counts['skipped']} skipped, {counts['failed']} failed"
            + (f" ({counts['organisations']} organisations)" if counts["organisations"] else "")
        )
        return "\n".join(out) + "\n"


@attrs.frozen(kw_only=True)
class ExportedPage:
    """One page :func:`~ideation.hugo.export_site` wrote, and how.

    ``how`` is ``unchanged`` when the page the site had is given back byte for byte,
    ``edited`` when that page was kept and only the keys in ``changed`` (and ``body``, when
    the body was replaced) were written again, and ``written`` when the page was written
    whole, for the ``reason`` given. ``notes`` name what the page could not carry back (a
    shortcode whose text around it changed), with the line of the page as it was imported.
    """

    file: str
    how: Literal["unchanged", "edited", "written"]
    reason: str = ""
    changed: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()


@attrs.frozen(kw_only=True)
class HugoExport:
    """What :func:`~ideation.hugo.export_site` wrote: every file, and each page's story."""

    site: str
    written: tuple[Path, ...]
    pages: tuple[ExportedPage, ...] = ()

    def summary(self) -> str:
        """The report for people: one line per page, its notes, then the counts."""
        out: list[str] = []
        for page in self.pages:
            what = {
                "unchanged": "as it was",
                "edited": f"edited ({', '.join(page.changed)})",
                "written": f"written: {page.reason}",
            }[page.how]
            out.append(f"{page.file}: {what}")
            for note in page.notes:
                line = "" if note.line is None else f"line {note.line}: "
                out.append(f"    note: {line}{note.message}")
        hows = [page.how for page in self.pages]
        out.append(
            f"{len(self.pages)} pages: {hows.count('unchanged')} as they were, "
            f"{hows.count('edited')} edited, {hows.count('written')} written whole; "
            f"{len(self.written)} files written under {self.site}"
        )
        return "\n".join(out) + "\n"
