"""The privacy rule itself (``ideation.privacy``): what replaces each name, and what stays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import attrs
from hypothesis import given

from ideation import model
from ideation.ops.selection import rank
from ideation.privacy import (
    private_names,
    public_catalogue,
    published_folder,
    unnamed_people,
)

from .strategies import catalogues


def _catalogue(
    *,
    participants: Sequence[model.Participant] = (),
    facilitators: tuple[str, ...] = (),
    votes: Sequence[model.Vote] = (),
    lead: str | None = None,
    candidates: Sequence[model.Candidate] = (),
    team: tuple[str, ...] = (),
) -> model.Catalogue:
    event = model.Event(
        slug="workshop",
        title="Workshop",
        date=dt.date(2024, 5, 16),
        attendance=model.Attendance(count=20, participants=participants),
        sessions=[model.Session(start=dt.time(9), title="Pitches", facilitators=facilitators)],
        votes=votes,
    )
    proposals = [
        model.Proposal(slug="maps", title="Maps", lead=lead, team=team),
        model.Proposal(slug="forms", title="Forms"),
    ]
    return model.Catalogue(
        programme=model.Programme(slug="p", name="P"),
        events=[event],
        proposals=proposals,
        candidates=candidates,
    )


def test_a_catalogue_that_names_nobody_without_consent_is_given_back_as_it_is() -> None:
    catalogue = _catalogue(
        participants=[model.Participant(name="Ana", consent=True)],
        facilitators=("Équipe du lab",),
        lead="Ana",
        votes=[model.Vote(proposal="maps", organisation=None)],
    )
    assert public_catalogue(catalogue) is catalogue
    assert private_names(catalogue) == ()
    assert unnamed_people(catalogue) == 0


def test_participants_without_consent_go_and_the_count_stays() -> None:
    catalogue = _catalogue(
        participants=[
            model.Participant(name="Ana", consent=True),
            model.Participant(name="Bob", role=model.ParticipantRole.SPEAKER),
            model.Participant(name="Cyd", role=model.ParticipantRole.ORGANISER, consent=False),
        ]
    )
    public = public_catalogue(catalogue)
    attendance = public.event("workshop").attendance
    assert attendance is not None
    assert [p.name for p in attendance.participants] == ["Ana"]
    assert attendance.count == 20
    # Names not shown at all: nobody is listed.
    hidden = public_catalogue(catalogue, show_names=False).event("workshop").attendance
    assert hidden is not None
    assert hidden.participants == ()


def test_voters_get_labels_that_keep_the_counts() -> None:
    votes = [
        model.Vote(proposal="maps", voter="Marie Dupont", criterion="impact"),
        model.Vote(proposal="maps", voter="Marie Dupont", criterion="reach"),
        model.Vote(proposal="forms", voter="Jean Martin"),
        model.Vote(proposal="forms", voter="Marie Dupont"),
        model.Vote(proposal="forms", organisation=None),
    ]
    catalogue = _catalogue(votes=votes)
    public = public_catalogue(catalogue)
    event = public.event("workshop")
    assert [vote.voter for vote in event.votes] == [
        "voter 1",
        "voter 1",
        "voter 2",
        "voter 1",
        None,
    ]
    # The ranking (and its count of distinct voters) is the same from the public data.
    assert rank(event, ["maps", "forms"]) == rank(catalogue.event("workshop"), ["maps", "forms"])
    assert unnamed_people(catalogue) == 2


def test_a_lead_or_facilitator_the_data_refuses_to_name_is_left_out() -> None:
    catalogue = _catalogue(
        participants=[model.Participant(name="Marie  Dupont"), model.Participant(name="Al")],
        candidates=[model.Candidate(slug="c", name="Jean Martin")],
        facilitators=(
            "MARIE DUPONT",
            "Marielle Dupontel",
            "Équipe du lab",
            "jean martin (INSEE)",
            "Jean-Martin Roux",
        ),
        lead="Paul Roux et marie dupont",
    )
    public = public_catalogue(catalogue)
    # Compared word by word, without regard to case, spacing or punctuation: "Marielle" is
    # someone else, a short name ("Al") does not match inside a word ("lab"), and a hyphen
    # joins words as a space does.
    assert public.event("workshop").sessions[0].facilitators == (
        "Marielle Dupontel",
        "Équipe du lab",
    )
    assert public.proposal("maps").lead is None
    assert private_names(catalogue) == ("Marie  Dupont", "Al", "Jean Martin")


def test_a_lead_the_data_does_not_refuse_is_a_public_role() -> None:
    catalogue = _catalogue(
        participants=[model.Participant(name="Paul Roux", consent=True)], lead="Lina Chef"
    )
    assert public_catalogue(catalogue, show_names=False).proposal("maps").lead == "Lina Chef"


def test_candidates_without_consent_get_anonymous_slugs_and_teams_follow() -> None:
    catalogue = _catalogue(
        candidates=[
            model.Candidate(slug="marie-dupont", name="Marie Dupont", extra={"email": "m@x.fr"}),
            model.Candidate(slug="candidate-1", name="Jean Martin", organisation=None),
            model.Candidate(slug="ada-exemple", name="Ada Exemple", consent=True),
            model.Candidate(slug="candidate-3", name="candidate-3"),
        ],
        team=("marie-dupont", "ada-exemple", "candidate-1"),
    )
    public = public_catalogue(catalogue)
    assert [(c.slug, c.name, c.consent) for c in public.candidates] == [
        ("candidate-2", "candidate-2", False),  # the first number not taken
        ("candidate-1", "candidate-1", False),  # anonymous already: the slug stays
        ("ada-exemple", "Ada Exemple", True),
        ("candidate-3", "candidate-3", False),
    ]
    assert public.candidate("candidate-2").extra == {}
    assert public.proposal("maps").team == ("candidate-2", "ada-exemple", "candidate-1")
    # Names not shown: the candidate who consented is anonymous too.
    hidden = public_catalogue(catalogue, show_names=False)
    assert [c.slug for c in hidden.candidates] == [
        "candidate-2",
        "candidate-1",
        "candidate-4",
        "candidate-3",
    ]
    assert hidden.proposal("maps").team == ("candidate-2", "candidate-4", "candidate-1")


@given(catalogues())
def test_the_public_catalogue_is_valid_named_with_consent_and_stable(
    catalogue: model.Catalogue,
) -> None:
    for show_names in (True, False):
        public = public_catalogue(catalogue, show_names=show_names)
        assert public_catalogue(public, show_names=show_names) == public
        assert not private_names(public)
        for event, before in zip(public.events, catalogue.events, strict=True):
            if event.attendance is not None:
                assert before.attendance is not None
                assert all(p.consent and show_names for p in event.attendance.participants)
                assert event.attendance.count == before.attendance.count
            assert all(v.voter is None or v.voter.startswith("voter ") for v in event.votes)
            slugs = list(event.linked_proposals)
            assert rank(event, slugs) == rank(before, slugs)
        for candidate, loaded in zip(public.candidates, catalogue.candidates, strict=True):
            if show_names and loaded.consent:
                assert candidate is loaded
            else:
                assert candidate.name == candidate.slug
                assert candidate.slug.startswith("candidate-")
                assert (candidate.organisation, candidate.wishes) == (
                    loaded.organisation,
                    loaded.wishes,
                )


def test_published_folders(tmp_path: Path) -> None:
    html = tmp_path / "html"
    (html / "_static").mkdir(parents=True)
    (html / ".buildinfo").write_text("", encoding="utf-8")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "config.yaml").write_text("title: x\n", encoding="utf-8")
    assert published_folder(html / "_static" / "x.json")
    assert published_folder(html / ".doctrees" / "x.pickle")
    assert published_folder(tmp_path / "_build" / ".doctrees")
    assert published_folder(site / "content" / "events" / "x.md")
    assert published_folder(site / "public")
    assert published_folder(site / "catalogue" / "x.yaml") is None
    assert published_folder(tmp_path / "content" / "x.yaml") is None  # not a Hugo site
    assert published_folder(tmp_path / "data.yaml") is None


def test_unnamed_people_counts_what_a_file_holds() -> None:
    assert unnamed_people(model.Candidate(slug="a", name="A")) == 1
    assert unnamed_people(model.Candidate(slug="a", name="A", consent=True)) == 0
    event = _catalogue(
        participants=[model.Participant(name="A"), model.Participant(name="B", consent=True)],
        votes=[model.Vote(proposal="maps", voter="C"), model.Vote(proposal="forms", voter="C")],
    ).event("workshop")
    assert unnamed_people(event) == 2
    assert unnamed_people(attrs.evolve(event, votes=[])) == 1
    assert unnamed_people(model.Programme(slug="p", name="P")) == 0


def test_the_same_catalogue_asked_again_gives_the_same_copy_and_the_rule_follows_show_names() -> (
    None
):
    # An export of one event after another asks for the same catalogue each time: the copy is
    # made once (the extension's scaling test holds that work linear), for each show_names.
    catalogue = _catalogue(
        participants=[model.Participant(name="Ana", consent=False)],
        candidates=[model.Candidate(slug="bea", name="Béa", consent=False)],
    )
    first = public_catalogue(catalogue)
    assert first is not catalogue
    assert public_catalogue(catalogue) is first
    hidden = public_catalogue(catalogue, show_names=False)
    assert public_catalogue(catalogue, show_names=False) is hidden
    assert public_catalogue(catalogue) is first
    # Another catalogue equal to the first is made public on its own, to an equal copy.
    again = attrs.evolve(catalogue)
    assert again is not catalogue
    assert public_catalogue(again) == first
    assert "Ana" not in repr(public_catalogue(again).events)
