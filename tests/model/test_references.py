"""Every kind of reference the catalogue checks is reported, at its own path, when it fails."""

from __future__ import annotations

import pytest

import ideation
from ideation import model
from ideation.errors import DataError

BROKEN = """
programme:
  slug: p
  name: P
  organisers: [no-org-1]
  phases: [{slug: ph, name: Ph}]
  seasons: [{slug: '2022', name: '2022'}]
organisations:
- {slug: org, name: Org, parent: no-org-2}
events:
- slug: e
  title: E
  start: 2022-05-16T09:30:00
  programme: other
  phase: no-phase
  season: no-season
  organisers: [no-org-3]
  proposals: [no-prop-1]
  sessions:
  - {start: '09:30', title: S, proposals: [no-prop-2]}
  attendance:
    organisations: [no-org-4]
    participants: [{name: A, organisation: no-org-5}]
  votes:
  - {proposal: no-prop-3, organisation: no-org-6}
proposals:
- slug: a
  title: A
  phase: no-phase
  season: no-season
  sponsors: [no-org-7]
  events: [no-event-1]
  continues: no-prop-4
  team: [no-candidate]
candidates:
- {slug: c, name: C, organisation: no-org-8, season: no-season, wishes: [no-prop-5]}
"""

EXPECTED = {
    "$.programme.organisers[0]",
    "$.organisations[0].parent",
    "$.events[0].programme",
    "$.events[0].phase",
    "$.events[0].season",
    "$.events[0].organisers[0]",
    "$.events[0].proposals[0]",
    "$.events[0].sessions[0].proposals[0]",
    "$.events[0].attendance.organisations[0]",
    "$.events[0].attendance.participants[0].organisation",
    "$.events[0].votes[0].proposal",
    "$.events[0].votes[0].organisation",
    "$.proposals[0].phase",
    "$.proposals[0].season",
    "$.proposals[0].sponsors[0]",
    "$.proposals[0].events[0]",
    "$.proposals[0].continues",
    "$.proposals[0].team[0]",
    "$.candidates[0].organisation",
    "$.candidates[0].season",
    "$.candidates[0].wishes[0]",
}


def test_every_broken_reference_is_reported_at_its_path() -> None:
    with pytest.raises(DataError) as caught:
        ideation.loads(BROKEN, model.Catalogue, "yaml")
    paths = {problem.path for problem in caught.value.problems}
    assert paths >= EXPECTED
    for problem in caught.value.problems:
        assert problem.line is not None, problem


GOOD = """
programme:
  slug: p
  name: P
  phases: [{slug: ph, name: Ph}]
  seasons: [{slug: '2022', name: '2022'}]
organisations:
- {slug: org, name: Org}
events:
- {slug: e, title: E, date: 2022-05-16}
candidates:
- {slug: c, name: C}
proposals:
- {slug: a, title: A, phase: ph, season: '2022', sponsors: [org], events: [e], team: [c]}
- {slug: b, title: B, history: [{status: submitted, date: 2022-05-16, event: e}]}
"""


@pytest.mark.parametrize(
    ("broken", "path"),
    [
        ("phase: no-phase", "$.proposals[2].phase"),
        ("season: no-season", "$.proposals[2].season"),
        ("sponsors: [org, no-org]", "$.proposals[2].sponsors[1]"),
        ("events: [e, no-event]", "$.proposals[2].events[1]"),
        ("history: [{status: submitted, date: 2022-05-16, event: no-event}]", None),
        ("team: [c, no-candidate]", "$.proposals[2].team[1]"),
        ("continues: no-prop", "$.proposals[2].continues"),
        ("continued_as: no-prop", "$.proposals[2].continued_as"),
    ],
)
def test_one_broken_reference_among_good_ones_is_reported(broken: str, path: str | None) -> None:
    # Good references are checked together, and only a failing check looks for the paths: one
    # bad reference in one proposal is still found, alone.
    text = GOOD + f"- {{slug: x, title: X, {broken}}}\n"
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Catalogue, "yaml")
    (problem,) = caught.value.problems
    assert problem.path == (path or "$.proposals[2].history[0].event")


def test_continuations_named_on_both_sides_must_agree() -> None:
    agreed = GOOD.replace("{slug: a, title: A,", "{slug: a, title: A, continued_as: x,")
    agreed += "- {slug: x, title: X, continues: a}\n"
    assert ideation.loads(agreed, model.Catalogue, "yaml").proposal("x").continues == "a"
    with pytest.raises(DataError) as caught:
        ideation.loads(agreed + "- {slug: y, title: Y, continues: a}\n", model.Catalogue, "yaml")
    assert [p.path for p in caught.value.problems] == ["$.proposals[3].continues"]


def test_a_slug_given_twice_is_reported_at_its_second_place() -> None:
    proposals = [model.Proposal(slug=slug, title="P") for slug in ("a", "b", "c", "a", "b")]
    problems = model.reference_problems(None, proposals=proposals)
    assert [p.path for p in problems] == ["$.proposals[3].slug", "$.proposals[4].slug"]
