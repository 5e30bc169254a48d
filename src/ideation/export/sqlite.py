"""The catalogue as a SQLite database, to query with SQL or browse with Datasette.

The ``events`` and ``proposals`` tables are those of the open-data export
(:data:`ideation.export.opendata.TABLES`): the same names, columns, order and descriptions, with
lists joined as in the CSV cells. Around them, one table per kind of object the model holds, with
primary and foreign keys: ``programmes``, ``phases``, ``organisations``, ``sessions``,
``attendance_organisations``, ``attendance_profiles``, ``participants`` (only those who consented
to be named), ``status_changes``, ``proposal_sponsors``, ``proposal_events``, and for running
a season ``seasons``, ``candidates`` (a name only with the candidate's consent, never a
contact), ``candidate_wishes``, ``team_members`` (the recorded teams), ``team_sizes`` and
``team_needs``, ``votes`` (voters never named) and ``proposal_tags``.

The database is meant to be published (Datasette): it is made from
:func:`ideation.privacy.public_catalogue`, so a candidate who did not consent is there under an
anonymous slug (``candidate-3``), with no name, and no voter is in it.

Dates and times are ISO 8601 text. ``events_fts`` and ``proposals_fts`` index titles, summaries
and descriptions for full-text search (FTS5). Views answer the common questions:
``proposals_by_status``, ``teams_short`` (the recorded teams below their minimum) and
``organisations_by_events``.

Drafts are left out, as in every export; a reference to a draft becomes ``NULL``.
The file is written under a temporary name and renamed, so a reader never sees half a database.
"""

from __future__ import annotations

import datetime as dt
import errno
import operator
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from ideation._io import write_run
from ideation.export import select_events, session_keys
from ideation.export.figures import DEFINITIONS, FIGURES, figures
from ideation.export.opendata import LIST_SEPARATOR, TABLES, Column
from ideation.model import Catalogue, Event
from ideation.privacy import public_catalogue

__all__ = [
    "EXTRA_TABLES",
    "FOREIGN_KEYS",
    "VIEWS",
    "ExtraTable",
    "datasette_metadata",
    "write_sqlite",
]

_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "boolean": "INTEGER", "number": "REAL"}


@attrs.frozen
class ExtraTable:
    """A table of the database only: the columns, key and rows of a kind of object."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]


def _c(name: str, kind: str, description: str) -> Column:
    # The rows of these tables are built as dicts: a column reads its own key.
    return Column(name, kind, description, operator.itemgetter(name))


#: The tables of the database beyond the open-data tables, by name.
EXTRA_TABLES: tuple[ExtraTable, ...] = (
    ExtraTable(
        "programmes",
        "The programme",
        (
            _c("slug", "string", "The programme's identifier"),
            _c("name", "string", "Its name"),
            _c("summary", "string", "A one-paragraph summary"),
            _c("website", "string", "Its website"),
            _c("description", "string", "The full description, in Markdown"),
        ),
        ("slug",),
    ),
    ExtraTable(
        "phases",
        "The phases of the programme",
        (
            _c("slug", "string", "The phase's identifier"),
            _c("programme", "string", "The programme's slug"),
            _c("position", "integer", "Its place among the phases, from 1"),
            _c("name", "string", "Its name"),
            _c("start", "date", "Its first day"),
            _c("end", "date", "Its last day"),
            _c("summary", "string", "A one-paragraph summary"),
        ),
        ("slug",),
    ),
    ExtraTable(
        "seasons",
        "The seasons of the programme: its yearly rounds",
        (
            _c("slug", "string", "The season's identifier"),
            _c("programme", "string", "The programme's slug"),
            _c("position", "integer", "Its place among the seasons, from 1"),
            _c("name", "string", "Its name"),
            _c("start", "date", "Its first day"),
            _c("end", "date", "Its last day"),
            _c("phases", "string", "The slugs of the phases it runs through"),
        ),
        ("slug",),
    ),
    ExtraTable(
        "organisations",
        "Organisations: ministries, their directorates and other bodies",
        (
            _c("slug", "string", "The organisation's identifier"),
            _c("name", "string", "Its name"),
            _c("acronym", "string", "Its acronym"),
            _c("kind", "string", "What kind of organisation it is"),
            _c("parent", "string", "The slug of the organisation it belongs to"),
            _c("website", "string", "Its website"),
        ),
        ("slug",),
    ),
    ExtraTable(
        "sessions",
        "The agenda of each event",
        (
            _c("event", "string", "The event's slug"),
            _c("key", "string", "The session's day, start and room: unique in its event"),
            _c("day", "date", "Its day"),
            _c("start", "string", "When it starts (HH:MM, the event's time zone)"),
            _c("end", "string", "When it ends (HH:MM)"),
            _c("title", "string", "Its title"),
            _c("kind", "string", "What kind of session it is"),
            _c("room", "string", "Its room"),
            _c("track", "string", "Its track"),
            _c("facilitators", "string", "Who runs it"),
        ),
        ("event", "key"),
    ),
    ExtraTable(
        "attendance_organisations",
        "The organisations represented at each event",
        (
            _c("event", "string", "The event's slug"),
            _c("organisation", "string", "The organisation's slug"),
        ),
        ("event", "organisation"),
    ),
    ExtraTable(
        "attendance_profiles",
        "The profiles of the participants of each event",
        (
            _c("event", "string", "The event's slug"),
            _c("position", "integer", "The profile's place in the event's list, from 1"),
            _c("profile", "string", "The profile"),
            _c("count", "integer", "How many participants had it, where known"),
        ),
        ("event", "position"),
    ),
    ExtraTable(
        "participants",
        "Participants who consented to be named (no one else is in the database)",
        (
            _c("event", "string", "The event's slug"),
            _c("position", "integer", "The participant's place in the event's list, from 1"),
            _c("name", "string", "The participant's name"),
            _c("profile", "string", "Their profile"),
            _c("organisation", "string", "The slug of their organisation"),
            _c("role", "string", "Their role at the event"),
        ),
        ("event", "position"),
    ),
    ExtraTable(
        "status_changes",
        "The dated status changes of each proposal",
        (
            _c("proposal", "string", "The proposal's slug"),
            _c("position", "integer", "The change's place in the history, from 1"),
            _c("status", "string", "The status it moved to"),
            _c("date", "date", "When"),
            _c("event", "string", "The slug of the event where it happened"),
            _c("note", "string", "A note"),
        ),
        ("proposal", "position"),
    ),
    ExtraTable(
        "proposal_sponsors",
        "The organisations sponsoring each proposal",
        (
            _c("proposal", "string", "The proposal's slug"),
            _c("organisation", "string", "The sponsor's slug"),
        ),
        ("proposal", "organisation"),
    ),
    ExtraTable(
        "proposal_events",
        "The events that discussed each proposal",
        (
            _c("proposal", "string", "The proposal's slug"),
            _c("event", "string", "The event's slug"),
        ),
        ("proposal", "event"),
    ),
    ExtraTable(
        "proposal_tags",
        "The tags of each proposal",
        (
            _c("proposal", "string", "The proposal's slug"),
            _c("tag", "string", "The tag"),
        ),
        ("proposal", "tag"),
    ),
    ExtraTable(
        "team_sizes",
        "How many members each proposal's team needs and can take",
        (
            _c("proposal", "string", "The proposal's slug"),
            _c("min", "integer", "The fewest members the team can work with"),
            _c("max", "integer", "The most members it can take; NULL for no bound"),
        ),
        ("proposal",),
    ),
    ExtraTable(
        "team_needs",
        "How many members with each wanted profile each team needs (one, unless a need says)",
        (
            _c("proposal", "string", "The proposal's slug"),
            _c("profile", "string", "The wanted profile"),
            _c("count", "integer", "How many members with it the team needs"),
        ),
        ("proposal", "profile"),
    ),
    ExtraTable(
        "votes",
        "The votes and scores given to proposals at each event; voters are never named",
        (
            _c("event", "string", "The event's slug"),
            _c("position", "integer", "The vote's place in the event's list, from 1"),
            _c("proposal", "string", "The proposal's slug"),
            _c("score", "number", "The score; 1 for a plain vote"),
            _c("organisation", "string", "The slug of the organisation that voted"),
            _c("criterion", "string", "The criterion scored"),
            _c("voter", "string", "An anonymous label (voter 1, voter 2...) within the event"),
        ),
        ("event", "position"),
    ),
    ExtraTable(
        "candidates",
        "The candidates to the teams; a name only where the candidate consented to be named",
        (
            _c("slug", "string", "The candidate's identifier"),
            _c("name", "string", "Their name, only with their consent"),
            _c("organisation", "string", "The slug of their organisation"),
            _c("season", "string", "The slug of the season they applied in"),
            _c("skills", "string", "Their skills, as they wrote them"),
            _c("withdrawn", "date", "The day they left the programme, if they did"),
        ),
        ("slug",),
    ),
    ExtraTable(
        "candidate_wishes",
        "The proposals each candidate wished to join, ranked",
        (
            _c("candidate", "string", "The candidate's slug"),
            _c("rank", "integer", "The wish's rank, 1 for the most wanted"),
            _c("proposal", "string", "The proposal's slug"),
        ),
        ("candidate", "rank"),
    ),
    ExtraTable(
        "team_members",
        "The team recorded for each proposal",
        (
            _c("proposal", "string", "The proposal's slug"),
            _c("candidate", "string", "The member's slug"),
        ),
        ("proposal", "candidate"),
    ),
    ExtraTable(
        "figures",
        "A season report's figures, for the whole programme and for each season, as "
        "ideation:figures and ideation show give them",
        (
            _c("scope", "string", "'programme' for the whole programme, 'season' for one season"),
            _c("season", "string", "The season's slug (empty for the whole programme)"),
            _c("figure", "string", "What is counted: participants, organisations, ministries..."),
            _c("value", "integer", "The count"),
            _c("approximate", "boolean", "Whether the count sums an estimate"),
            _c("definition", "string", "What the figure counts, in a sentence"),
        ),
        ("scope", "season", "figure"),
    ),
)

#: The foreign keys, from (table, column) to the (table, column) it refers to.
FOREIGN_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("phases", "programme"): ("programmes", "slug"),
    ("organisations", "parent"): ("organisations", "slug"),
    ("seasons", "programme"): ("programmes", "slug"),
    ("events", "season"): ("seasons", "slug"),
    ("proposals", "season"): ("seasons", "slug"),
    ("candidates", "season"): ("seasons", "slug"),
    ("proposal_tags", "proposal"): ("proposals", "slug"),
    ("team_sizes", "proposal"): ("proposals", "slug"),
    ("team_needs", "proposal"): ("proposals", "slug"),
    ("votes", "event"): ("events", "slug"),
    ("votes", "proposal"): ("proposals", "slug"),
    ("votes", "organisation"): ("organisations", "slug"),
    ("events", "programme"): ("programmes", "slug"),
    ("events", "phase"): ("phases", "slug"),
    ("proposals", "phase"): ("phases", "slug"),
    ("sessions", "event"): ("events", "slug"),
    ("attendance_organisations", "event"): ("events", "slug"),
    ("attendance_organisations", "organisation"): ("organisations", "slug"),
    ("attendance_profiles", "event"): ("events", "slug"),
    ("participants", "event"): ("events", "slug"),
    ("participants", "organisation"): ("organisations", "slug"),
    ("status_changes", "proposal"): ("proposals", "slug"),
    ("status_changes", "event"): ("events", "slug"),
    ("proposal_sponsors", "proposal"): ("proposals", "slug"),
    ("proposal_sponsors", "organisation"): ("organisations", "slug"),
    ("proposal_events", "proposal"): ("proposals", "slug"),
    ("proposal_events", "event"): ("events", "slug"),
    ("candidates", "organisation"): ("organisations", "slug"),
    ("candidate_wishes", "candidate"): ("candidates", "slug"),
    ("candidate_wishes", "proposal"): ("proposals", "slug"),
    ("team_members", "proposal"): ("proposals", "slug"),
    ("team_members", "candidate"): ("candidates", "slug"),
    ("figures", "season"): ("seasons", "slug"),
}

#: The full-text indexes, by name, with the table and columns they index.
_FTS = {
    "events_fts": ("events", ("title", "summary", "description")),
    "proposals_fts": ("proposals", ("title", "summary", "problem", "description")),
}

#: The views for the common questions, by name, with their description and SQL.
VIEWS: dict[str, tuple[str, str]] = {
    "proposals_by_status": (
        "How many proposals each phase (season) has in each status",
        "SELECT phase, status, count(*) AS proposals FROM proposals "
        "GROUP BY phase, status ORDER BY phase, proposals DESC, status",
    ),
    "teams_short": (
        "The proposals whose recorded team has fewer members than its minimum, and by how many",
        "SELECT p.slug AS proposal, p.season, s.min, s.max, count(m.candidate) AS members, "
        "s.min - count(m.candidate) AS missing FROM team_sizes AS s "
        "JOIN proposals AS p ON p.slug = s.proposal "
        "LEFT JOIN team_members AS m ON m.proposal = s.proposal "
        "GROUP BY p.slug, p.season, s.min, s.max HAVING count(m.candidate) < s.min "
        "ORDER BY missing DESC, p.slug",
    ),
    "organisations_by_events": (
        "Organisations by the number of events they were represented at",
        "SELECT o.slug AS organisation, o.name, count(a.event) AS events "
        "FROM organisations AS o JOIN attendance_organisations AS a ON a.organisation = o.slug "
        "GROUP BY o.slug, o.name ORDER BY events DESC, o.name",
    ),
}


def _value(value: Any) -> Any:
    """A Python value as SQLite stores it: ISO text for dates, joined text for lists."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(" ".join(str(item).split()) for item in value)
    return value


def _create(name: str, columns: Sequence[Column], key: Sequence[str]) -> str:
    lines = [f'"{c.name}" {_SQL_TYPES.get(c.type, "TEXT")}' for c in columns]
    lines.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in key) + ")")
    for (table, column), (target, target_column) in FOREIGN_KEYS.items():
        if table == name:
            # Deferred: a row may refer to one inserted after it (a parent organisation).
            lines.append(
                f'FOREIGN KEY ("{column}") REFERENCES "{target}" ("{target_column}") '
                "DEFERRABLE INITIALLY DEFERRED"
            )
    return f'CREATE TABLE "{name}" (\n  ' + ",\n  ".join(lines) + "\n)"


def _insert(
    db: sqlite3.Connection, name: str, columns: Sequence[Column], rows: Iterable[Any]
) -> None:
    marks = ", ".join("?" for _ in columns)
    db.executemany(
        f'INSERT INTO "{name}" VALUES ({marks})',
        ([_value(column.value(row)) for column in columns] for row in rows),
    )


def _extra_rows(catalogue: Catalogue) -> dict[str, list[dict[str, Any]]]:
    programme = catalogue.programme
    events = select_events(catalogue)
    shown = {event.slug for event in events}
    proposals = [p for p in catalogue.proposals if not p.draft]
    rows: dict[str, list[dict[str, Any]]] = {table.name: [] for table in EXTRA_TABLES}
    rows["programmes"].append(attrs.asdict(programme, recurse=False))
    for number, phase in enumerate(programme.phases, 1):
        rows["phases"].append(
            {**attrs.asdict(phase, recurse=False), "programme": programme.slug, "position": number}
        )
    for number, season in enumerate(programme.seasons, 1):
        rows["seasons"].append(
            {**attrs.asdict(season, recurse=False), "programme": programme.slug, "position": number}
        )
    rows["organisations"] += [
        {**attrs.asdict(org, recurse=False), "kind": org.kind.value}
        for org in catalogue.organisations
    ]
    listed = {p.slug for p in proposals}
    for event in events:
        rows["sessions"] += _sessions(event)
        _attendance(event, rows)
        # Voters come anonymous from the public catalogue; votes for drafts are left out.
        rows["votes"] += [
            {"event": event.slug, "position": number, **attrs.asdict(vote, recurse=False)}
            for number, vote in enumerate(event.votes, 1)
            if vote.proposal in listed
        ]
    for proposal in proposals:
        for number, change in enumerate(proposal.history, 1):
            rows["status_changes"].append(
                {
                    "proposal": proposal.slug,
                    "position": number,
                    "status": change.status.value,
                    "date": change.date,
                    "event": change.event if change.event in shown else None,
                    "note": change.note,
                }
            )
        rows["proposal_sponsors"] += [
            {"proposal": proposal.slug, "organisation": org}
            for org in dict.fromkeys(proposal.sponsors)
        ]
        discussed = dict.fromkeys(e.slug for e in catalogue.events_for_proposal(proposal.slug))
        rows["proposal_events"] += [
            {"proposal": proposal.slug, "event": slug} for slug in discussed if slug in shown
        ]
        rows["proposal_tags"] += [
            {"proposal": proposal.slug, "tag": tag} for tag in dict.fromkeys(proposal.tags)
        ]
        if proposal.team_size is not None:
            rows["team_sizes"].append(
                {
                    "proposal": proposal.slug,
                    "min": proposal.team_size.min,
                    "max": proposal.team_size.max,
                }
            )
        # Every wanted profile (one member each) and every stated need, as the solver reads them.
        rows["team_needs"] += [
            {"proposal": proposal.slug, "profile": profile, "count": count}
            for profile, count in proposal.required_profiles().values()
        ]
        rows["team_members"] += [
            {"proposal": proposal.slug, "candidate": slug} for slug in dict.fromkeys(proposal.team)
        ]
    _candidates(catalogue, listed, rows)
    rows["figures"] = _figures(catalogue)
    return rows


def _figures(catalogue: Catalogue) -> list[dict[str, Any]]:
    """The figures of :mod:`ideation.export.figures`, for the programme and each season."""
    scopes: list[tuple[str, str | None]] = [("programme", None)]
    scopes += [("season", season.slug) for season in catalogue.programme.seasons]
    rows: list[dict[str, Any]] = []
    for scope, season in scopes:
        found = figures(catalogue, season=season)
        values = {
            "participants": found.participants,
            "organisations": len(found.organisations),
            "ministries": len(found.ministries),
            "units": len(found.units),
            "events": found.events,
            "workshops": found.workshops,
            "trainings": found.trainings,
            "proposals": found.proposals,
            "teams": found.teams,
            "people_placed": found.people_placed,
        }
        rows += [
            {
                "scope": scope,
                "season": season,
                "figure": name,
                "value": values[name],
                "approximate": name == "participants" and found.participants_approximate,
                "definition": DEFINITIONS[name],
            }
            for name in FIGURES
        ]
    return rows


def _candidates(
    catalogue: Catalogue, listed: set[str], rows: dict[str, list[dict[str, Any]]]
) -> None:
    """The candidates (named only with their consent) and their wishes for listed proposals."""
    for candidate in catalogue.candidates:
        rows["candidates"].append(
            {
                "slug": candidate.slug,
                "name": candidate.name if candidate.consent else None,
                "organisation": candidate.organisation,
                "season": candidate.season,
                "skills": candidate.skills,
                "withdrawn": candidate.withdrawn,
            }
        )
        rows["candidate_wishes"] += [
            {"candidate": candidate.slug, "rank": rank, "proposal": slug}
            for rank, slug in enumerate(candidate.wishes, 1)
            if slug in listed
        ]


def _sessions(event: Event) -> Iterator[dict[str, Any]]:
    for session, key in session_keys(event):
        yield {
            "event": event.slug,
            "key": key,
            "day": session.day or event.first_day,
            "start": session.start.strftime("%H:%M"),
            "end": session.end.strftime("%H:%M") if session.end else None,
            "title": session.title,
            "kind": session.kind.value,
            "room": session.room,
            "track": session.track,
            "facilitators": session.facilitators,
        }


def _attendance(event: Event, rows: dict[str, list[dict[str, Any]]]) -> None:
    attendance = event.attendance
    if attendance is None:
        return
    rows["attendance_organisations"] += [
        {"event": event.slug, "organisation": org}
        for org in dict.fromkeys(attendance.organisations)
    ]
    rows["attendance_profiles"] += [
        {"event": event.slug, "position": n, "profile": p.name, "count": p.count}
        for n, p in enumerate(attendance.profiles, 1)
    ]
    # Privacy: a participant is in the database only with their consent to be named.
    rows["participants"] += [
        {
            "event": event.slug,
            "position": n,
            "name": p.name,
            "profile": p.profile,
            "organisation": p.organisation,
            "role": p.role.value,
        }
        for n, p in enumerate((p for p in attendance.participants if p.consent), 1)
    ]


def _fill(db: sqlite3.Connection, catalogue: Catalogue) -> None:
    # Tables are created in the order their foreign keys need, then filled in the same order.
    extras = {table.name: table for table in EXTRA_TABLES}
    extra_rows = _extra_rows(catalogue)
    order = ["programmes", "phases", "seasons", "organisations"]
    for name in order:
        db.execute(_create(name, extras[name].columns, extras[name].primary_key))
        _insert(db, name, extras[name].columns, extra_rows[name])
    for table in TABLES:
        db.execute(_create(table.name, table.columns, table.primary_key))
        _insert(db, table.name, table.columns, table.rows(catalogue))
    for extra in EXTRA_TABLES:
        if extra.name not in order:
            db.execute(_create(extra.name, extra.columns, extra.primary_key))
            _insert(db, extra.name, extra.columns, extra_rows[extra.name])
    for name, (source, columns) in _FTS.items():
        listed = ", ".join(columns)
        db.execute(f"CREATE VIRTUAL TABLE {name} USING fts5({listed}, content='{source}')")
        db.execute(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
    for name, (_description, sql) in VIEWS.items():
        db.execute(f"CREATE VIEW {name} AS {sql}")


def write_sqlite(catalogue: Catalogue, path: Path) -> None:
    """Write ``catalogue`` as a SQLite database at ``path``, replacing any file there.

    The database is made under a temporary name in the same folder and renamed once complete.
    A failure (a full disk, a folder that cannot be written) is an :exc:`OSError` that names
    ``path`` and says what failed; it leaves no temporary file, and no folder it made.
    """
    public = public_catalogue(catalogue)

    def fill(temporary: Path) -> None:
        try:
            db = sqlite3.connect(temporary)
            try:
                db.execute("PRAGMA foreign_keys = ON")
                with db:
                    _fill(db, public)
            finally:
                db.close()
        except sqlite3.Error as error:
            number = _ERRNO.get(getattr(error, "sqlite_errorcode", 0) & 0xFF)
            if number is None:
                raise  # not the disk: SQL this module got wrong, a bug
            raise OSError(number, os.strerror(number)) from None

    with write_run() as run:
        run.stage(path, fill)


#: The error number of SQLite's result codes that say the disk or the file failed.
_ERRNO = {
    3: errno.EACCES,  # SQLITE_PERM
    8: errno.EACCES,  # SQLITE_READONLY
    10: errno.EIO,  # SQLITE_IOERR
    13: errno.ENOSPC,  # SQLITE_FULL
    14: errno.EACCES,  # SQLITE_CANTOPEN
}


def datasette_metadata(catalogue: Catalogue, database: str) -> dict[str, Any]:
    """Datasette's ``metadata.json`` for the database named ``database`` (its file's stem)."""
    programme = catalogue.programme
    tables: dict[str, Any] = {}
    for table in TABLES:
        tables[table.name] = {
            "description": table.title.format(programme=programme.name),
            "columns": {c.name: c.field()["description"] for c in table.columns},
        }
    for extra in EXTRA_TABLES:
        tables[extra.name] = {
            "description": extra.description,
            "columns": {c.name: c.description for c in extra.columns},
        }
    for name, (source, _columns) in _FTS.items():
        tables[source].update({"fts_table": name, "fts_pk": "rowid"})
    for name, (description, _sql) in VIEWS.items():
        tables[name] = {"description": description}
    metadata: dict[str, Any] = {
        "title": programme.name,
        "description": " ".join((programme.summary or "").split()),
        "source": "ideation",
        "source_url": "https://ideation.readthedocs.io/",
        "databases": {database: {"tables": tables}},
    }
    if programme.website:
        metadata["about_url"] = programme.website
    return metadata
