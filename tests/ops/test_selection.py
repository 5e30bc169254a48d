"""Shortlisting: the stated ranking rule, the recorded outcome, and the select command."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

import ideation
from ideation import model
from ideation.cli import main
from ideation.ops.selection import rank, select

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"
pytest.importorskip("ruamel.yaml")


def _event(*votes: model.Vote) -> model.Event:
    return model.Event(slug="atelier", title="Atelier", date=dt.date(2022, 5, 16), votes=votes)


def test_ranking_sums_scores_then_counts_voters_then_slug() -> None:
    event = _event(
        model.Vote(proposal="b", score=3, voter="one"),
        model.Vote(proposal="a", score=2, voter="one"),
        model.Vote(proposal="a", score=1, voter="two"),
        model.Vote(proposal="c", score=3, voter="one", criterion="need"),
        model.Vote(proposal="d", score=1, organisation="insee"),
    )
    ranked = rank(event, ["d", "c", "b", "a", "e"])
    assert [s.proposal for s in ranked] == ["a", "b", "c", "d", "e"]
    assert [(s.total, s.voters) for s in ranked] == [(3, 2), (3, 1), (3, 1), (1, 1), (0, 0)]
    assert ranked[2].criteria == (("need", 3),)


def _catalogue() -> model.Catalogue:
    proposals = [model.Proposal(slug=slug, title=slug.upper()) for slug in ("a", "b", "c")]
    event = _event(
        model.Vote(proposal="a", score=2),
        model.Vote(proposal="b", score=1.5),
        model.Vote(proposal="c"),
    )
    return model.Catalogue(
        programme=model.Programme(slug="p", name="P"), events=[event], proposals=proposals
    )


def test_select_records_dated_steps_at_the_event_and_a_second_run_changes_nothing() -> None:
    selection = select(_catalogue(), "atelier", top=2, reject_others=True)
    statuses = {p.slug: p.status for p in selection.catalogue.proposals}
    assert statuses == {"a": "shortlisted", "b": "shortlisted", "c": "rejected"}
    step = selection.catalogue.proposal("a").history[-1]
    assert (step.date, step.event) == (dt.date(2022, 5, 16), "atelier")
    again = select(selection.catalogue, "atelier", top=2, reject_others=True)
    assert again.changed == ()


def test_threshold_and_others_left_as_they_are_by_default() -> None:
    selection = select(_catalogue(), "atelier", threshold=1.5)
    assert [p.status for p in selection.catalogue.proposals] == [
        "shortlisted",
        "shortlisted",
        "submitted",
    ]


def test_decimal_scores_add_up_as_written() -> None:
    event = _event(
        model.Vote(proposal="a", score=0.1),
        model.Vote(proposal="a", score=0.2),
        model.Vote(proposal="b", score=0.3),
        model.Vote(proposal="c", score=3.5, criterion="need"),
    )
    ranked = rank(event, ["a", "b", "c"])
    assert [(s.proposal, s.total) for s in ranked] == [("c", 3.5), ("a", 0.3), ("b", 0.3)]
    assert ranked[0].criteria == (("need", 3.5),)


def _tied() -> model.Catalogue:
    """a leads; b, c and d tie on score and voters; e trails."""
    scores = {"a": 5, "b": 3, "c": 3, "d": 3, "e": 1}
    proposals = [model.Proposal(slug=slug, title=slug.upper()) for slug in scores]
    event = _event(*(model.Vote(proposal=p, score=n) for p, n in scores.items()))
    return model.Catalogue(
        programme=model.Programme(slug="p", name="P"), events=[event], proposals=proposals
    )


def test_a_tie_at_the_cut_off_is_reported_and_none_of_the_tied_is_recorded() -> None:
    selection = select(_tied(), "atelier", top=2, reject_others=True)
    assert selection.tie is not None
    assert selection.tie.proposals == ("b", "c", "d")
    assert (selection.tie.total, selection.tie.places) == (3, 1)
    assert "tie at the cut-off: b, c, d have score 3" in selection.tie.describe()
    statuses = {p.slug: p.status.value for p in selection.catalogue.proposals}
    assert statuses == {
        "a": "shortlisted",
        "b": "submitted",
        "c": "submitted",
        "d": "submitted",
        "e": "rejected",
    }
    assert [o.tied for o in selection.outcomes] == [False, True, True, True, False]


def test_ties_include_keeps_every_tied_proposal() -> None:
    selection = select(_tied(), "atelier", top=2, ties="include")
    statuses = {p.slug: p.status.value for p in selection.catalogue.proposals}
    assert [slug for slug, status in statuses.items() if status == "shortlisted"] == [
        "a",
        "b",
        "c",
        "d",
    ]


@pytest.mark.parametrize("top", [1, 4, 5, 9])
def test_no_tie_where_the_cut_off_separates_scores(top: int) -> None:
    assert select(_tied(), "atelier", top=top).tie is None


def test_a_step_before_the_history_is_an_error_with_a_path() -> None:
    catalogue = _catalogue()
    late = catalogue.proposal("a").advance("shortlisted", dt.date(2023, 1, 1))
    import attrs

    catalogue = attrs.evolve(catalogue, proposals=[late, *catalogue.proposals[1:]])
    with pytest.raises(ideation.DataError) as error:
        select(catalogue, "atelier", top=1, status=model.ProposalStatus.SELECTED)
    assert error.value.problems[0].path == "$.proposals[0].history[1].date"


def test_advance_checks_the_lifecycle() -> None:
    proposal = model.Proposal(slug="a", title="A", status="rejected")
    with pytest.raises(ValueError, match="cannot go from 'rejected' to 'selected'"):
        proposal.advance("selected", dt.date(2022, 1, 1))


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    """A catalogue imported from the questionnaire, with the workshop's votes, in git."""
    folder = tmp_path / "workshop"
    folder.mkdir()
    shutil.copy(EXAMPLE / "programme.yaml", folder)
    intake = EXAMPLE / "intake"
    assert main(["import", "csv", str(intake / "questionnaire-2022.csv"), "-o", str(folder),
                 "--type", "proposal", "--map-file", str(intake / "questionnaire-2022.map.yaml"),
                 "--season", "2022"]) == 0  # fmt: skip
    (folder / "events").mkdir()
    shutil.copy(EXAMPLE / "events" / "atelier-ideation.md", folder / "events")
    return folder


def test_select_changes_only_status_lines_in_the_files(
    workshop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {path: path.read_text(encoding="utf-8") for path in workshop.rglob("*.md")}
    code = main(["select", str(workshop), "--event", "atelier-ideation", "--top", "6",
                 "--as", "selected", "--format", "json", "--write"])  # fmt: skip
    assert code == 0
    ranking = json.loads(capsys.readouterr().out)["ranking"]
    assert [r["proposal"] for r in ranking[:2]] == ["siretisation", "insee"]
    for path, text in before.items():
        after = path.read_text(encoding="utf-8")
        if "proposals" not in path.parts or after == text:  # the not kept are left as they are
            assert after == text
            continue
        added = after.removeprefix(text.split("\n---\n")[0])
        assert after.startswith(text.split("\n---\n")[0]), path
        assert "history:" in added
        assert "event: atelier-ideation" in added
        assert after.endswith(text[len(text.split("\n---\n")[0]) :])
    catalogue = ideation.load(workshop)
    assert isinstance(catalogue, model.Catalogue)
    assert sorted(p.status.value for p in catalogue.proposals).count("selected") == 6
    assert "rejected" not in {p.status.value for p in catalogue.proposals}  # never unasked
    # Run again: nothing to write.
    assert main(["select", str(workshop), "--event", "atelier-ideation", "--top", "6",
                 "--as", "selected", "--write"]) == 0  # fmt: skip
    assert "wrote" not in capsys.readouterr().err


def test_select_on_an_unknown_event_is_a_usage_error(
    workshop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["select", str(workshop), "--event", "nope", "--top", "1"]) == 2
    assert "no event 'nope'" in capsys.readouterr().err


def test_git_diff_after_select_shows_only_status_lines(workshop: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(workshop)}  # fmt: skip
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "import"]):
        subprocess.run(["git", *command], cwd=workshop, check=True, env=env)
    assert main(["select", str(workshop), "--event", "atelier-ideation", "--top", "6",
                 "--write"]) == 0  # fmt: skip
    diff = subprocess.run(
        ["git", "diff", "-U0"], cwd=workshop, check=True, capture_output=True, text=True, env=env
    ).stdout
    changed = [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed
    allowed = ("+history:", "+- status: ", "+  date: ", "+  note: rank ", "+  event: atelier")
    assert all(line.startswith(allowed) for line in changed), changed


def test_the_shortlist_csv_neutralises_formulas() -> None:
    from ideation.ops.selection import shortlist_csv

    catalogue = _catalogue()
    import attrs

    tricky = attrs.evolve(catalogue.proposal("a"), title='=HYPERLINK("http://x")')
    catalogue = attrs.evolve(catalogue, proposals=[tricky, *catalogue.proposals[1:]])
    text = shortlist_csv(catalogue, select(catalogue, "atelier", top=1))
    assert "'=HYPERLINK" in text


def test_teams_after_select_write_only_team_lines(
    workshop: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("scipy")
    intake = EXAMPLE / "intake"
    assert main(["import", "csv", str(intake / "candidatures-2022.csv"), "-o", str(workshop),
                 "--type", "candidate", "--map-file",
                 str(intake / "candidatures-2022.map.yaml")]) == 0  # fmt: skip
    assert main(["select", str(workshop), "--event", "atelier-ideation", "--top", "6",
                 "--as", "selected", "--write"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["teams", str(workshop), "--format", "json", "--csv", str(tmp_path / "t.csv")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"teams", "unplaced", "objective", "changes", "warnings"}
    assert sorted(result["teams"]) == sorted(
        ["siretisation", "insee", "liria", "annotation", "juripiaf", "designsystemetat"]
    )
    assert result["objective"]["placed"] == 16
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").startswith("proposal,candidate,")
    before = {path: path.read_text(encoding="utf-8") for path in workshop.rglob("*.md")}
    assert main(["teams", str(workshop), "--write"]) == 0
    catalogue = ideation.load(workshop)
    assert isinstance(catalogue, model.Catalogue)
    for slug, members in result["teams"].items():
        assert list(catalogue.proposal(slug).team) == members
    for path, text in before.items():
        after = path.read_text(encoding="utf-8")
        head = text.split("\n---\n")[0]
        if after != text:
            assert after.startswith(head)
            assert after[len(head) :].lstrip("\n").startswith("team:")


def test_teams_text_explains_ranks_and_unmet_needs(
    workshop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("scipy")
    intake = EXAMPLE / "intake"
    assert main(["import", "csv", str(intake / "candidatures-2022.csv"), "-o", str(workshop),
                 "--type", "candidate", "--map-file",
                 str(intake / "candidatures-2022.map.yaml")]) == 0  # fmt: skip
    assert main(["select", str(workshop), "--event", "atelier-ideation", "--top", "6",
                 "--as", "selected", "--write"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["teams", str(workshop)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Objective: shortfall ")
    assert "Needs that cannot all be met" in out
    assert "needs them to reach its minimum of 3" in out
