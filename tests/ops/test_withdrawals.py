"""A candidate who withdraws: a valid file, a note never published, a re-run that keeps others."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import ideation
from ideation import model
from ideation.privacy import public_catalogue
from ideation.schema import schema_for


def _catalogue(*people: model.Candidate, team: tuple[str, ...] = ()) -> model.Catalogue:
    return model.Catalogue(
        programme=model.Programme(slug="p", name="P"),
        proposals=[model.Proposal(slug="alpha", title="A", status="selected", team=team)],
        candidates=people,
    )


def test_a_withdrawn_candidate_on_a_recorded_team_is_valid() -> None:
    text = (
        "programme: {slug: p, name: P}\n"
        "proposals:\n- {slug: alpha, title: A, status: selected, team: [ana]}\n"
        "candidates:\n- {slug: ana, name: Ana, withdrawn: 2023-06-01, withdrawal_note: moved}\n"
    )
    catalogue = ideation.loads(text, model.Catalogue, "yaml")
    ana = catalogue.candidate("ana")
    assert ana.withdrawn == dt.date(2023, 6, 1)
    assert ana.is_withdrawn


def test_a_note_without_a_date_is_one_clear_problem() -> None:
    text = (
        "programme: {slug: p, name: P}\n"
        "candidates:\n- {slug: ana, name: Ana, withdrawal_note: moved}\n"
    )
    with pytest.raises(ideation.DataError, match=r"withdrawal_note: expected a withdrawal date"):
        ideation.loads(text, model.Catalogue, "yaml")


def test_the_schema_describes_both_fields() -> None:
    properties = schema_for("candidate")["properties"]
    assert isinstance(properties, dict)
    assert {"withdrawn", "withdrawal_note"} <= set(properties)


@pytest.mark.parametrize("show_names", [True, False])
def test_the_note_is_never_public_and_the_date_stays(show_names: bool) -> None:
    ana = model.Candidate(
        slug="ana",
        name="Ana",
        consent=True,
        withdrawn=dt.date(2023, 6, 1),
        withdrawal_note="left for a post at Ana's new office",
    )
    public = public_catalogue(_catalogue(ana, team=("ana",)), show_names=show_names)
    (candidate,) = public.candidates
    assert candidate.withdrawal_note is None
    assert candidate.withdrawn == dt.date(2023, 6, 1)


def test_a_rerun_removes_the_withdrawn_and_notes_it_dated_without_names() -> None:
    pytest.importorskip("scipy")
    from ideation.ops.teams import plan_teams

    ana = model.Candidate(slug="ana", name="Ana", wishes=["alpha"], withdrawn=dt.date(2023, 6, 1))
    bob = model.Candidate(slug="bob", name="Bob", wishes=["alpha"])
    cy = model.Candidate(slug="cy", name="Cy", wishes=["alpha"])
    plan = plan_teams(_catalogue(ana, bob, cy, team=("ana", "bob")), today=dt.date(2023, 7, 1))
    assert plan.teams.teams["alpha"] == ("bob", "cy")
    assert [(c.candidate, c.before, c.after) for c in plan.moved] == [("ana", "alpha", None)]
    assert plan.moved[0].reason == "withdrew on 2023-06-01"
    proposal = plan.catalogue.proposal("alpha")
    assert proposal.team == ("bob", "cy")
    note = proposal.history[-1]
    assert (note.status, note.date) == (model.ProposalStatus.SELECTED, dt.date(2023, 6, 1))
    assert note.note == "team: 1 member(s) withdrew; 1 member(s) joined"


def _people(*slugs: str) -> list[model.Candidate]:
    return [model.Candidate(slug=s, name=s.upper(), wishes=["alpha", "beta"]) for s in slugs]


def _two(
    team_a: tuple[str, ...], team_b: tuple[str, ...], *people: model.Candidate
) -> model.Catalogue:
    size = model.TeamSize(max=2)
    return model.Catalogue(
        programme=model.Programme(slug="p", name="P"),
        proposals=[
            model.Proposal(slug="alpha", title="A", status="selected", team=team_a, team_size=size),
            model.Proposal(slug="beta", title="B", status="selected", team=team_b, team_size=size),
        ],
        candidates=people,
    )


def test_pins_exclusions_and_from_scratch_say_who_moved_and_why() -> None:
    pytest.importorskip("scipy")
    from ideation.ops.teams import plan_teams

    catalogue = _two(("ana",), ("bob",), *_people("ana", "bob", "cy"))
    kept = plan_teams(catalogue)
    assert kept.moved == ()  # nobody moves by default
    assert kept.teams.placements == {"ana": "alpha", "bob": "beta", "cy": "alpha"}
    pinned = plan_teams(catalogue, pins={"bob": "alpha"}, exclude=["ana"])
    reasons = {c.candidate: c.reason for c in pinned.moved}
    assert reasons == {
        "ana": "excluded by the organiser (--exclude)",
        "bob": "pinned to alpha by the organiser (--pin)",
    }
    scratch = plan_teams(catalogue, from_scratch=True)
    # From scratch, bob's first wish may win him alpha: whoever moves, the output says why.
    assert "bob" in {c.candidate for c in scratch.moved}
    assert {c.reason for c in scratch.moved} == {"teams recomputed from scratch (--from-scratch)"}


def test_a_recorded_team_beyond_its_maximum_or_a_person_on_two_teams_is_kept_and_warned() -> None:
    pytest.importorskip("scipy")
    from ideation.ops.teams import plan_teams

    catalogue = _two(("ana", "bob", "cy"), ("cy",), *_people("ana", "bob", "cy", "dee"))
    plan = plan_teams(catalogue)
    assert plan.teams.teams["alpha"] == ("ana", "bob", "cy")  # as recorded: nobody leaves
    assert plan.teams.teams["beta"] == ("dee",)
    assert plan.warnings == (
        "alpha: 3 members recorded, beyond its maximum of 2: kept as recorded, nobody joins",
        "cy is recorded on alpha and on beta: kept on alpha",
    )


def test_a_second_run_after_the_withdrawal_changes_nothing() -> None:
    pytest.importorskip("scipy")
    from ideation.ops.teams import plan_teams

    ana, bob, cy = _people("ana", "bob", "cy")
    ana = attrs.evolve(ana, withdrawn=dt.date(2023, 6, 1))
    first = plan_teams(_two(("ana",), ("bob",), ana, bob, cy), today=dt.date(2023, 6, 2))
    again = plan_teams(first.catalogue, today=dt.date(2023, 6, 3))
    assert again.changes == ()
    assert again.catalogue == first.catalogue
