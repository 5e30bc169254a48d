"""``ideation export sqlite``: the catalogue as a SQLite database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from ideation import load, model
from ideation.cli import EXIT_OK, main
from ideation.export.opendata import TABLES, datapackage
from ideation.export.sqlite import EXTRA_TABLES, VIEWS, datasette_metadata, write_sqlite

from ..conftest import ROOT
from ..strategies import catalogues

EXAMPLE = ROOT / "examples" / "programme-10"


@pytest.fixture(scope="module")
def example() -> model.Catalogue:
    catalogue = load(EXAMPLE)
    assert isinstance(catalogue, model.Catalogue)
    return catalogue


@pytest.fixture
def database(tmp_path: Path, example: model.Catalogue) -> Iterator[sqlite3.Connection]:
    path = tmp_path / "programme.db"
    write_sqlite(example, path)
    with closing(sqlite3.connect(path)) as db:
        yield db


def _count(db: sqlite3.Connection, table: str) -> int:
    row = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    return int(row[0])


def _named(catalogue: model.Catalogue, consent: bool) -> set[str]:
    return {
        person.name
        for event in catalogue.events
        if event.attendance
        for person in event.attendance.participants
        if person.consent is consent
    }


def test_row_counts_match_the_catalogue(
    database: sqlite3.Connection, example: model.Catalogue
) -> None:
    events = [e for e in example.events if not e.draft]
    proposals = [p for p in example.proposals if not p.draft]
    assert _count(database, "programmes") == 1
    assert _count(database, "phases") == len(example.programme.phases)
    assert _count(database, "organisations") == len(example.organisations)
    assert _count(database, "events") == len(events)
    assert _count(database, "proposals") == len(proposals)
    assert _count(database, "sessions") == sum(len(e.sessions) for e in events)
    assert _count(database, "status_changes") == sum(len(p.history) for p in proposals)
    assert _count(database, "attendance_organisations") == sum(
        len(set(e.attendance.organisations)) for e in events if e.attendance
    )


def test_foreign_keys_all_resolve(database: sqlite3.Connection) -> None:
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    declared = database.execute("SELECT count(*) FROM pragma_foreign_key_list('events')")
    assert declared.fetchone()[0] >= 2


def test_tables_and_columns_are_those_of_the_csv_export(
    database: sqlite3.Connection, example: model.Catalogue
) -> None:
    package = json.loads(json.dumps(datapackage(example)))  # as datapackage.json reads
    descriptor = {r["name"]: r["schema"] for r in package["resources"]}
    for table in TABLES:
        columns = [row[1] for row in database.execute(f'PRAGMA table_info("{table.name}")')]
        assert columns == [field["name"] for field in descriptor[table.name]["fields"]]
        keys = [row[1] for row in database.execute(f'PRAGMA table_info("{table.name}")') if row[5]]
        assert keys == descriptor[table.name]["primaryKey"]


def test_dates_are_iso(database: sqlite3.Connection) -> None:
    first_day, starts_at = database.execute(
        "SELECT first_day, starts_at FROM events WHERE slug = 'atelier-ideation'"
    ).fetchone()
    assert first_day == "2022-05-16"
    assert starts_at.startswith("2022-05-16T09:30:00")


def test_full_text_search_finds_a_proposal(database: sqlite3.Connection) -> None:
    found = database.execute(
        "SELECT p.slug FROM proposals_fts JOIN proposals AS p ON p.rowid = proposals_fts.rowid "
        "WHERE proposals_fts MATCH 'siret*'"
    ).fetchall()
    assert ("siretisation",) in found


def test_views_answer_the_common_questions(database: sqlite3.Connection) -> None:
    for view in VIEWS:
        assert database.execute(f"SELECT * FROM {view}").fetchall()
    top = database.execute("SELECT organisation, events FROM organisations_by_events").fetchone()
    assert top[1] >= 1


def _with_people(catalogue: model.Catalogue) -> model.Catalogue:
    import attrs

    event = catalogue.event("atelier-ideation")
    assert event.attendance is not None
    people = (
        model.Participant(name="Alice Consenting", consent=True, organisation="insee"),
        model.Participant(name="Bob Private", consent=False),
    )
    attendance = attrs.evolve(event.attendance, participants=people)
    events = [
        attrs.evolve(e, attendance=attendance) if e.slug == event.slug else e
        for e in catalogue.events
    ]
    return attrs.evolve(catalogue, events=events)


def _all_text(path: Path) -> bytes:
    return path.read_bytes()


def test_no_name_without_consent(tmp_path: Path, example: model.Catalogue) -> None:
    catalogue = _with_people(example)
    path = tmp_path / "people.db"
    write_sqlite(catalogue, path)
    with closing(sqlite3.connect(path)) as db:
        names = {row[0] for row in db.execute("SELECT name FROM participants")}
        db.execute("VACUUM")  # no deleted page may keep a name either
    assert names == {"Alice Consenting"}
    assert b"Bob Private" not in _all_text(path)


def test_the_file_is_replaced_whole(tmp_path: Path, example: model.Catalogue) -> None:
    path = tmp_path / "programme.db"
    path.write_bytes(b"an older file")
    write_sqlite(example, path)
    with closing(sqlite3.connect(path)) as db:
        assert _count(db, "events") > 0
    assert [p.name for p in tmp_path.iterdir()] == ["programme.db"]


def test_command_writes_database_and_datasette_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "programme.db"
    assert main(["export", "sqlite", str(EXAMPLE), "-o", str(out)]) == EXIT_OK
    metadata = json.loads((out.parent / "metadata.json").read_text("utf-8"))
    tables = metadata["databases"]["programme"]["tables"]
    assert tables["proposals"]["fts_table"] == "proposals_fts"
    with closing(sqlite3.connect(out)) as db:
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert {t.name for t in TABLES} | {t.name for t in EXTRA_TABLES} <= set(tables) & names
    assert "wrote" in capsys.readouterr().err


def test_command_refuses_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "sqlite", str(EXAMPLE), "-o", str(tmp_path)]) != EXIT_OK
    assert "expected a database file" in capsys.readouterr().err


def test_metadata_names_every_column(example: model.Catalogue) -> None:
    tables = datasette_metadata(example, "db")["databases"]["db"]["tables"]
    for table in TABLES:
        assert list(tables[table.name]["columns"]) == [c.name for c in table.columns]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(catalogues())
def test_any_catalogue_gives_a_consistent_database(
    tmp_path: Path, catalogue: model.Catalogue
) -> None:
    path = tmp_path / "any.db"
    write_sqlite(catalogue, path)
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert _count(db, "events") == len([e for e in catalogue.events if not e.draft])
        assert _count(db, "proposals") == len([p for p in catalogue.proposals if not p.draft])
        named = {row[0] for row in db.execute("SELECT name FROM participants")}
    assert named <= _named(catalogue, consent=True)


def test_candidates_their_wishes_and_teams(
    database: sqlite3.Connection, example: model.Catalogue
) -> None:
    listed = {p.slug for p in example.proposals if not p.draft}
    assert example.candidates, "the example has candidates"
    assert _count(database, "candidates") == len(example.candidates)
    assert _count(database, "candidate_wishes") == sum(
        len([w for w in c.wishes if w in listed]) for c in example.candidates
    )
    assert _count(database, "team_members") == sum(
        len(set(p.team)) for p in example.proposals if not p.draft
    )
    named = {row[0] for row in database.execute("SELECT name FROM candidates") if row[0]}
    assert named == {c.name for c in example.candidates if c.consent}


def test_no_candidate_named_without_consent(tmp_path: Path, example: model.Catalogue) -> None:
    private = [c for c in example.candidates if not c.consent]
    assert private, "the example has candidates who did not consent"
    path = tmp_path / "candidates.db"
    write_sqlite(example, path)
    with closing(sqlite3.connect(path)) as db:
        db.execute("VACUUM")
    text = _all_text(path)
    assert [c.name for c in private if c.name.encode("utf-8") in text] == []


def test_seasons_and_a_season_column_on_events_and_proposals(
    database: sqlite3.Connection, example: model.Catalogue
) -> None:
    seasons = database.execute("SELECT slug, name, start, phases FROM seasons").fetchall()
    assert [row[0] for row in seasons] == [s.slug for s in example.programme.seasons]
    assert seasons[0][2] == "2022-05-16"
    events = dict(database.execute("SELECT slug, season FROM events").fetchall())
    assert events == {e.slug: e.season for e in example.events if not e.draft}
    proposals = dict(database.execute("SELECT slug, season FROM proposals").fetchall())
    assert proposals == {p.slug: p.season for p in example.proposals if not p.draft}
    assert "2022" in set(events.values())


def test_votes_tags_and_team_sizes_and_needs(
    database: sqlite3.Connection, example: model.Catalogue
) -> None:
    atelier = example.event("atelier-ideation")
    votes = database.execute(
        "SELECT proposal, score, organisation, voter FROM votes WHERE event = ? ORDER BY position",
        (atelier.slug,),
    ).fetchall()
    assert [(v[0], v[1], v[2]) for v in votes] == [
        (vote.proposal, vote.score, vote.organisation) for vote in atelier.votes
    ]
    assert all(v[3] is None or v[3].startswith("voter ") for v in votes)  # never a name
    tags = database.execute("SELECT proposal, tag FROM proposal_tags").fetchall()
    assert sorted(tags) == sorted(
        (p.slug, tag) for p in example.proposals if not p.draft for tag in set(p.tags)
    )
    insee = example.proposal("insee")
    assert insee.team_size is not None
    assert database.execute(
        "SELECT min, max FROM team_sizes WHERE proposal = 'insee'"
    ).fetchone() == (insee.team_size.min, insee.team_size.max)
    needs = dict(database.execute("SELECT profile, count FROM team_needs WHERE proposal = 'insee'"))
    assert needs == dict(insee.required_profiles().values())
    assert any(count > 1 for count in needs.values())  # a need for more than one member


def test_which_teams_are_short_is_one_query(tmp_path: Path, example: model.Catalogue) -> None:
    # One member recorded on a team that needs at least two; the others have none.
    proposals = tuple(
        attrs.evolve(p, team=(example.candidates[0].slug,)) if p.slug == "annotation" else p
        for p in example.proposals
    )
    path = tmp_path / "short.db"
    write_sqlite(attrs.evolve(example, proposals=proposals), path)
    with closing(sqlite3.connect(path)) as db:
        short = {row[0]: row for row in db.execute("SELECT * FROM teams_short")}
    annotation = example.proposal("annotation")
    assert annotation.team_size is not None
    assert short["annotation"][4:] == (1, annotation.team_size.min - 1)
    # The example records no other team: every other proposal with a minimum is short.
    assert set(short) == {
        p.slug for p in proposals if p.team_size and p.team_size.min > len(p.team) and not p.draft
    }


def test_submitted_on_is_the_proposal_s_own_date(
    database: sqlite3.Connection, example: model.Catalogue
) -> None:
    # Not the first step of its history, which for an imported proposal is its selection.
    liria = example.proposal("liria")
    assert liria.date is not None
    (day,) = database.execute("SELECT submitted_on FROM proposals WHERE slug = 'liria'").fetchone()
    assert day == "2022-05-18"


def test_the_figures_are_those_of_ideation_show(database: sqlite3.Connection) -> None:
    # The seed workshop's season: 50 participants over two counted events, ten organisations.
    rows = dict(
        database.execute(
            "SELECT figure, value FROM figures WHERE scope = 'season' AND season = '2022'"
        ).fetchall()
    )
    assert rows["participants"] == 50
    assert rows["organisations"] == 10
    assert rows["ministries"] == 7
    assert rows["events"] == 10
    whole = database.execute(
        "SELECT count(*) FROM figures WHERE scope = 'programme' AND season IS NULL"
    ).fetchone()[0]
    assert whole == len(rows)
    assert database.execute("SELECT count(*) FROM figures WHERE definition = ''").fetchone()[0] == 0
