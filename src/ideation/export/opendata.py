"""Open data: events and proposals as CSV tables, described by a Frictionless Data Package.

The tables are UTF-8, with a header row and one row per object; the columns come in a fixed
order, declared once in :data:`EVENT_COLUMNS` and :data:`PROPOSAL_COLUMNS`, which also give the
Table Schema of each column in ``datapackage.json``. Lists are joined in one cell with
:data:`LIST_SEPARATOR`. Text cells that begin with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return) get a leading apostrophe, so that a spreadsheet does not run them as formulas.

Privacy: the tables are made from :func:`ideation.privacy.public_catalogue`; attendance is given
as counts and organisations, no participant is named, and a lead the data records as not
consenting to be named is left out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import attrs

from ideation._spreadsheets import neutralise
from ideation._version import __version__
from ideation.export import select_events
from ideation.model import Catalogue, Event, PlainMapping, Proposal
from ideation.privacy import public_catalogue
from ideation.urls import safe_url

__all__ = [
    "EVENT_COLUMNS",
    "LIST_SEPARATOR",
    "PROPOSAL_COLUMNS",
    "TABLES",
    "Column",
    "Table",
    "datapackage",
    "events_csv",
    "neutralise",
    "proposals_csv",
    "to_opendata",
]

#: What joins the items of a list in one cell.
LIST_SEPARATOR = " | "

T = TypeVar("T")


@attrs.frozen
class Column:
    """A column of a table: its name, Table Schema type, description and how to fill a cell."""

    name: str
    type: str
    description: str
    # What a cell is read from: an Event or a Proposal here, a row of its own in the database
    # export's tables (ideation.export.sqlite); each column reads its own table's rows.
    value: Callable[[Any], object]
    is_list: bool = False

    def field(self) -> PlainMapping:
        """The Table Schema field descriptor of the column."""
        description = self.description
        if self.is_list:
            description += f" (a list, items separated by {LIST_SEPARATOR.strip()!r})"
        return {"name": self.name, "type": self.type, "description": description}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        # Each item on one line: a separator inside an item would split it.
        return neutralise(LIST_SEPARATOR.join(" ".join(str(item).split()) for item in value))
    return neutralise(str(value))


def _url(url: str | None) -> str | None:
    # The one rule of every output (ideation.urls): an unsafe URL leaves its cell empty.
    return None if url is None else safe_url(url)


def _urls(urls: Iterable[str]) -> list[str]:
    return [url for url in map(safe_url, urls) if url]


def _location(attribute: str) -> Callable[[Event], object]:
    return lambda event: getattr(event.location, attribute) if event.location else None


#: The columns of ``events.csv``, in order.
EVENT_COLUMNS: tuple[Column, ...] = (
    Column("slug", "string", "The event's identifier", lambda e: e.slug),
    Column("title", "string", "The event's title", lambda e: e.title),
    Column("kind", "string", "What kind of event it is", lambda e: e.kind.value),
    Column("programme", "string", "The programme's slug", lambda e: e.programme),
    Column("phase", "string", "The slug of the programme phase", lambda e: e.phase),
    Column("season", "string", "The slug of the programme's season", lambda e: e.season),
    Column(
        "first_day", "date", "The day the event starts, in its time zone", lambda e: e.first_day
    ),
    Column("last_day", "date", "The day the event ends, in its time zone", lambda e: e.last_day),
    Column(
        "starts_at",
        "datetime",
        "When the event starts, with its UTC offset (empty for whole days)",
        lambda e: None if e.all_day else e.starts_at.replace(microsecond=0),
    ),
    Column(
        "ends_at",
        "datetime",
        "When the event ends, with its UTC offset (empty for whole days or when unknown)",
        lambda e: None if e.all_day or e.ends_at is None else e.ends_at.replace(microsecond=0),
    ),
    Column("timezone", "string", "The event's IANA time zone", lambda e: e.timezone),
    Column("all_day", "boolean", "Whether the event takes whole days", lambda e: e.all_day),
    Column("location_name", "string", "The place's name", _location("name")),
    Column("location_address", "string", "The place's street address", _location("address")),
    Column("location_postal_code", "string", "The place's postal code", _location("postal_code")),
    Column("location_city", "string", "The place's city", _location("city")),
    Column("location_country", "string", "The place's country", _location("country")),
    Column(
        "location_url",
        "string",
        "The online location",
        lambda e: _url(e.location.url) if e.location else None,
    ),
    Column("summary", "string", "A one-paragraph summary", lambda e: e.summary),
    Column("objectives", "string", "The event's objectives", lambda e: e.objectives, True),
    Column(
        "organisers",
        "string",
        "Slugs of the organising organisations",
        lambda e: e.organisers,
        True,
    ),
    Column(
        "attendance_count",
        "integer",
        "How many people attended",
        lambda e: e.attendance.count if e.attendance else None,
    ),
    Column(
        "attendance_profiles",
        "string",
        "The profiles of the participants, with their counts where known",
        lambda e: (
            [
                f"{p.name} ({p.count})" if p.count is not None else p.name
                for p in e.attendance.profiles
            ]
            if e.attendance
            else []
        ),
        True,
    ),
    Column(
        "attendance_organisations",
        "string",
        "Slugs of the organisations represented",
        lambda e: e.attendance.organisations if e.attendance else [],
        True,
    ),
    Column("sessions", "integer", "How many sessions the agenda has", lambda e: len(e.sessions)),
    Column(
        "proposals",
        "string",
        "Slugs of the proposals discussed",
        lambda e: e.linked_proposals,
        True,
    ),
    Column("outcomes", "string", "What came out of the event", lambda e: e.outcomes, True),
    Column("tags", "string", "Tags", lambda e: e.tags, True),
    Column("images", "string", "Image paths or URLs", lambda e: _urls(e.images), True),
    Column("description", "string", "The full description, in Markdown", lambda e: e.description),
)


def _submitted_on(proposal: Proposal) -> dt.date | None:
    # The proposal's own date is when it was submitted (a form's timestamp, on import); its
    # history starts when it was first dealt with, the selection for imported proposals.
    if proposal.date is not None:
        return proposal.date.date() if isinstance(proposal.date, dt.datetime) else proposal.date
    return proposal.history[0].date if proposal.history else None


def _history(proposal: Proposal) -> list[str]:
    return [f"{change.date.isoformat()} {change.status.value}" for change in proposal.history]


#: The columns of ``proposals.csv``, in order.
PROPOSAL_COLUMNS: tuple[Column, ...] = (
    Column("slug", "string", "The proposal's identifier", lambda p: p.slug),
    Column("title", "string", "The proposal's title", lambda p: p.title),
    Column("status", "string", "Where the proposal stands", lambda p: p.status.value),
    Column(
        "submitted_on",
        "date",
        "The day it was submitted (its date), else the date of the first step of its history",
        _submitted_on,
    ),
    Column(
        "status_since",
        "date",
        "The date of the last step of its history",
        lambda p: p.history[-1].date if p.history else None,
    ),
    Column("summary", "string", "A one-paragraph summary", lambda p: p.summary),
    Column("problem", "string", "The problem it addresses", lambda p: p.problem),
    Column("objectives", "string", "Its objectives", lambda p: p.objectives, True),
    Column("use_cases", "string", "Its use cases", lambda p: p.use_cases, True),
    Column("technical_domains", "string", "Technical domains", lambda p: p.technical_domains, True),
    Column("wanted_profiles", "string", "Profiles wanted", lambda p: p.wanted_profiles, True),
    Column("lead", "string", "Who leads it", lambda p: p.lead),
    Column(
        "sponsors", "string", "Slugs of the sponsoring organisations", lambda p: p.sponsors, True
    ),
    Column("repository", "string", "Its source repository", lambda p: _url(p.repository)),
    Column(
        "resources",
        "string",
        "URLs of useful resources",
        lambda p: _urls(r.url for r in p.resources),
        True,
    ),
    Column("events", "string", "Slugs of the events that discussed it", lambda p: p.events, True),
    Column("phase", "string", "The slug of the programme phase", lambda p: p.phase),
    Column("season", "string", "The slug of the programme's season", lambda p: p.season),
    Column("tags", "string", "Tags", lambda p: p.tags, True),
    Column("history", "string", "Its dated status changes", _history, True),
    Column("description", "string", "The full description, in Markdown", lambda p: p.description),
)


def _table(columns: Sequence[Column], rows: Iterable[T]) -> str:
    stream = io.StringIO()
    # RFC 4180: CRLF line ends, and quotes only where a cell needs them.
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(column.name for column in columns)
    for row in rows:
        writer.writerow(_cell(column.value(row)) for column in columns)
    return stream.getvalue()


@attrs.frozen
class Table:
    """A table of the export: its name, title, columns, key and rows.

    The CSV files, their Frictionless descriptor and the SQLite export
    (:mod:`ideation.export.sqlite`) are all made from :data:`TABLES`, so they cannot drift.
    """

    name: str
    #: The table's title, with ``{programme}`` for the programme's name.
    title: str
    columns: tuple[Column, ...]
    rows: Callable[[Catalogue], Iterable[object]]
    primary_key: tuple[str, ...] = ("slug",)


def _proposals(catalogue: Catalogue) -> Iterable[Proposal]:
    return (p for p in catalogue.proposals if not p.draft)


#: The tables of the export, in order, events (drafts left out, earliest first) then proposals
#: (drafts left out, in catalogue order).
TABLES: tuple[Table, ...] = (
    Table("events", "Events of {programme}", EVENT_COLUMNS, select_events),
    Table("proposals", "Project proposals of {programme}", PROPOSAL_COLUMNS, _proposals),
)


def events_csv(catalogue: Catalogue) -> str:
    """``events.csv``: one row per event (drafts left out), earliest first."""
    return _table(TABLES[0].columns, TABLES[0].rows(public_catalogue(catalogue)))


def proposals_csv(catalogue: Catalogue) -> str:
    """``proposals.csv``: one row per proposal (drafts left out), in catalogue order."""
    return _table(TABLES[1].columns, TABLES[1].rows(public_catalogue(catalogue)))


def _resource(table: Table, programme: str) -> PlainMapping:
    name, columns = table.name, table.columns
    return {
        "name": name,
        "title": table.title.format(programme=programme),
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": {
            "fields": [column.field() for column in columns],
            "primaryKey": list(table.primary_key),
            "missingValues": [""],
        },
    }


def datapackage(catalogue: Catalogue) -> PlainMapping:
    """The Frictionless Data Package descriptor (``datapackage.json``) of the two tables."""
    programme = catalogue.programme
    package: PlainMapping = {
        "profile": "tabular-data-package",
        "name": programme.slug,
        "title": programme.name,
    }
    if programme.summary:
        package["description"] = " ".join(programme.summary.split())
    if homepage := _url(programme.website):
        package["homepage"] = homepage
    package["sources"] = [
        {"title": f"ideation {__version__}", "path": "https://ideation.readthedocs.io/"}
    ]
    package["resources"] = [_resource(table, programme.name) for table in TABLES]
    return package


def to_opendata(catalogue: Catalogue) -> dict[str, str]:
    """Every file of the open-data export, by file name: the two tables and the descriptor."""
    return {
        "events.csv": events_csv(catalogue),
        "proposals.csv": proposals_csv(catalogue),
        "datapackage.json": json.dumps(datapackage(catalogue), ensure_ascii=False, indent=2) + "\n",
    }
