"""Bad data ends in one DataError naming every problem with its file, line and path."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ideation
import ideation.convert
from ideation import model
from ideation.errors import DataError, Problem

MANY_MISTAKES = """\
---
slug: Atelier Idéation
title: Atelier
date: 2022-05-16
timezone: Europe/Lutece
attendance:
  count: -3
sessions:
- start: 09:30
  title: Accueil
- start: 25h00
  title: Présentation
  kind: keynote
---

Body.
"""


def test_a_file_with_several_mistakes_names_each_with_its_line(tmp_path: Path) -> None:
    page = tmp_path / "atelier.md"
    page.write_text(MANY_MISTAKES, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        ideation.load(page, model.Event)
    found = {(p.line, p.path) for p in caught.value.problems}
    assert found == {
        (2, "$.slug"),
        (5, "$.timezone"),
        (7, "$.attendance.count"),
        (11, "$.sessions[1].start"),
        (13, "$.sessions[1].kind"),
    }
    assert all(p.file == str(page) for p in caught.value.problems)
    lines = str(caught.value).splitlines()
    assert lines[0].startswith(f"{page}:2: $.slug: expected a slug")
    assert f"{page}:11: $.sessions[1].start: expected a time like 09:30, got '25h00'" in lines


BAD_TEXTS = {
    "yaml": ("slug: x\ntitle: [unclosed\n", 2),
    "json": ('{"slug": "x",\n "title": }\n', 2),
    "toml": ('slug = "x"\ntitle = \n', 2),
    "markdown": ("---\nslug: x\ntitle: : :\n  - bad\n---\nbody\n", 3),
}


@pytest.mark.parametrize(("format", "case"), BAD_TEXTS.items())
def test_syntax_errors_have_their_line(format: str, case: tuple[str, int]) -> None:
    text, line = case
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Event, format, file=f"bad.{format}")
    (problem,) = caught.value.problems
    assert problem.file == f"bad.{format}"
    assert problem.line == line
    assert problem.message.startswith("not valid")


@pytest.mark.parametrize(
    ("format", "text", "line"),
    [
        ("json", '{\n  "slug": "x",\n  "title": "X",\n  "date": "soon"\n}\n', 4),
        ("toml", 'slug = "x"\ntitle = "X"\ndate = "soon"\n', 3),
        ("yaml", "slug: x\ntitle: X\ndate: soon\n", 3),
        ("markdown", "+++\nslug = 'x'\ntitle = 'X'\ndate = 'soon'\n+++\n", 4),
    ],
)
def test_value_errors_have_file_line_and_path_in_every_format(
    format: str, text: str, line: int
) -> None:
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Event, format, file="event")
    assert [(p.file, p.line, p.path) for p in caught.value.problems] == [("event", line, "$.date")]


def test_broken_catalogue_folder_reports_every_file(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "proposals").mkdir()
    (tmp_path / "programme.yaml").write_text(
        "slug: p\nname: P\norganisations:\n- slug: a\n  name: A\n  parent: nowhere\n"
    )
    (tmp_path / "events" / "one.md").write_text(
        "---\ntitle: One\ndate: 2022-01-01\nproposals:\n- ghost\n---\n"
    )
    (tmp_path / "events" / "two.yaml").write_text("title: Two\n")
    (tmp_path / "proposals" / "p.json").write_text(
        '{"title": "P", "events": ["one"], "status": "dreaming"}'
    )
    with pytest.raises(DataError) as caught:
        ideation.load(tmp_path)
    reported = {(Path(p.file or "").name, p.line, p.path) for p in caught.value.problems}
    # The references among the files that could be read are reported in the same run.
    assert reported == {
        ("two.yaml", 1, "$.date"),
        ("p.json", 1, "$.status"),
        ("programme.yaml", 6, "$.organisations[0].parent"),
        ("one.md", 5, "$.proposals[0]"),
    }
    # Once each file is right on its own, the references are all that is left.
    (tmp_path / "events" / "two.yaml").write_text("title: Two\ndate: 2022-02-01\n")
    (tmp_path / "proposals" / "p.json").write_text('{"title": "P", "events": ["one"]}')
    with pytest.raises(DataError) as caught:
        ideation.load(tmp_path)
    reported = {(Path(p.file or "").name, p.line, p.path) for p in caught.value.problems}
    assert reported == {
        ("programme.yaml", 6, "$.organisations[0].parent"),
        ("one.md", 5, "$.proposals[0]"),
    }


def test_duplicate_slugs_and_unresolved_references_are_all_reported() -> None:
    event = model.Event(slug="e", title="E", date=dt.date(2022, 1, 1), proposals=["nope"])
    with pytest.raises(DataError) as caught:
        model.Catalogue(
            programme=model.Programme(slug="p", name="P"),
            events=[event, event],
            proposals=[model.Proposal(slug="x", title="X", sponsors=["nobody"])],
        )
    assert {p.path for p in caught.value.problems} == {
        "$.events[1].slug",
        "$.events[0].proposals[0]",
        "$.events[1].proposals[0]",
        "$.proposals[0].sponsors[0]",
    }


def test_unreadable_files_are_data_errors(tmp_path: Path) -> None:
    binary = tmp_path / "event.yaml"
    binary.write_bytes(b"slug: x\ntitle: \xff\xfe\n")
    with pytest.raises(DataError, match=r"event.yaml:2: \$: expected UTF-8 text"):
        ideation.load(binary, model.Event)
    with pytest.raises(DataError, match="no such file or folder"):
        ideation.load(tmp_path / "missing.yaml", model.Event)


def test_yaml_never_runs_code() -> None:
    text = "slug: x\ntitle: !!python/object/apply:os.system ['echo hacked']\n"
    with pytest.raises(DataError, match="not valid YAML"):
        ideation.loads(text, model.Event, "yaml")


@pytest.mark.parametrize("format", ["json", "yaml", "toml", "markdown"])
@given(text=st.text(max_size=200))
def test_any_text_gives_an_object_or_a_data_error(format: str, text: str) -> None:
    problems: tuple[Problem, ...] | None = None
    try:
        event = ideation.loads(text, model.Event, format, file="fuzz")
    except DataError as error:
        problems = error.problems
    if problems is None:
        # What was accepted is a whole event, that writes and reads back the same.
        assert isinstance(event, model.Event)
        assert ideation.loads(ideation.dumps(event, format), model.Event, format) == event
    else:
        assert problems
        assert all(p.file == "fuzz" and p.message for p in problems)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.dates().map(str),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "slug",
                        "title",
                        "date",
                        "sessions",
                        "start",
                        "attendance",
                        "count",
                        "kind",
                        "history",
                        "status",
                    ]
                ),
                inner,
                max_size=4,
            )
        ),
        max_leaves=12,
    )
)
def test_any_structure_gives_an_object_or_a_data_error(data: model.PlainValue) -> None:
    for cls in (model.Event, model.Proposal, model.Catalogue):
        problems: tuple[Problem, ...] | None = None
        try:
            found = ideation.convert.structure(data, cls)
        except DataError as error:
            problems = error.problems
        if problems is None:
            assert isinstance(found, cls)
            assert ideation.convert.structure(ideation.convert.unstructure(found), cls) == found
        else:
            assert problems
            assert all(p.path.startswith("$") and p.message for p in problems)


def test_model_rejects_illegal_history_and_session_order() -> None:
    with pytest.raises(ValueError, match="cannot go from 'submitted' to 'delivered'"):
        model.Proposal(
            slug="p",
            title="P",
            history=[
                model.StatusChange(status=model.ProposalStatus.SUBMITTED, date=dt.date(2022, 1, 1)),
                model.StatusChange(status=model.ProposalStatus.DELIVERED, date=dt.date(2022, 2, 1)),
            ],
        )
    with pytest.raises(ValueError, match="agenda in time order"):
        model.Event(
            slug="e",
            title="E",
            date=dt.date(2022, 1, 1),
            sessions=[
                model.Session(start=dt.time(10), title="B"),
                model.Session(start=dt.time(9), title="A"),
            ],
        )
    with pytest.raises(ValueError, match="IANA time zone"):
        model.Event(slug="e", title="E", date=dt.date(2022, 1, 1), timezone="Mars/Olympus")
    with pytest.raises(ValueError, match="end"):
        model.Phase(slug="p", name="P", start=dt.date(2022, 2, 1), end=dt.date(2022, 1, 1))


def test_a_yaml_bomb_is_refused_not_expanded() -> None:
    # "Billion laughs": nine levels of ten aliases each, a billion values once expanded.
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    text = "slug: x\ntitle: T\ndate: 2022-01-01\n" + "\n".join(levels) + "\n"
    with pytest.raises(DataError, match="more than 500000 values once its aliases are expanded"):
        ideation.loads(text, model.Event, "yaml", file="bomb.yaml")


@pytest.mark.parametrize(
    ("format", "text"),
    [
        ("json", "[" * 100_000 + "]" * 100_000),
        ("toml", "a = " + "[" * 100_000 + "]" * 100_000),
        ("yaml", "a: " + "[" * 100_000 + "]" * 100_000),
    ],
)
def test_deeply_nested_data_is_a_data_error(format: str, text: str) -> None:
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Event, format, file="deep")
    assert "nest" in str(caught.value)


KICKOFF = """slug: kickoff
title: Kick-off
start: {value}
kind: ideation-workshop
attendance:
  count: -18
"""


@pytest.mark.parametrize(
    "value",
    [
        "2025-02-30T09:00:00",  # a day February does not have
        "2025-02-29",
        "2022-13-01",  # a month that does not exist
        "2022-05-16T25:00:00",  # an hour that does not exist
        "2022-05-16 09:00:00 +99:00",  # an offset PyYAML cannot build
    ],
)
@pytest.mark.parametrize("page", [False, True], ids=["yaml", "front-matter"])
def test_an_impossible_date_is_reported_at_its_path_with_the_rest(value: str, page: bool) -> None:
    text = KICKOFF.format(value=value)
    offset = 0
    if page:
        text, offset = f"---\n{text}---\nBody.\n", 1
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Event, "markdown" if page else "yaml", file="kickoff")
    found = [(p.line, p.path) for p in caught.value.problems]
    assert found == [(3 + offset, "$.start"), (6 + offset, "$.attendance.count")]
    assert value in caught.value.problems[0].message
    assert str(caught.value).startswith(f"kickoff:{3 + offset}: $.start: expected a date")


def test_an_impossible_date_under_an_unknown_key_is_kept_as_text() -> None:
    event = ideation.loads("slug: x\ntitle: X\ndate: 2022-05-16\nwhen: 2022-02-30\n", model.Event)
    assert event.extra == {"when": "2022-02-30"}


def test_a_session_outside_the_event_is_reported_at_its_start_and_end() -> None:
    text = (
        "slug: x\ntitle: X\nstart: 2022-05-16T09:00:00\nend: 2022-05-16T12:00:00\nsessions:\n"
        "- {start: '13:00', end: '14:00', title: late}\n"
        "- {start: '07:00', end: '08:00', title: early}\n"
    )
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Event, file="e.yaml")
    found = [(p.line, p.path, p.message.split(",")[0]) for p in caught.value.problems]
    assert found == [
        (6, "$.sessions[0].start", "expected a time within the event"),
        (6, "$.sessions[0].end", "expected a time within the event"),
        (7, "$.sessions[1].start", "expected the agenda in time order"),
        (7, "$.sessions[1].start", "expected a time within the event"),
        (7, "$.sessions[1].end", "expected a time within the event"),
    ]


@given(
    year=st.integers(0, 9999),
    month=st.integers(0, 99),
    day=st.integers(0, 99),
    front=st.sampled_from(["yaml", "markdown"]),
)
def test_any_date_shaped_value_gives_an_object_or_a_data_error(
    year: int, month: int, day: int, front: str
) -> None:
    text = f"slug: x\ntitle: X\ndate: {year:04}-{month:02}-{day:02}\n"
    if front == "markdown":
        text = f"---\n{text}---\n"
    try:
        expected: dt.date | None = dt.date(year, month, day)
    except ValueError:
        expected = None
    if expected is None:
        with pytest.raises(DataError) as caught:
            ideation.loads(text, model.Event, front, file="e")
        # The line of the date, and a message that says it is the date.
        (problem,) = caught.value.problems
        assert (problem.file, problem.line) == ("e", 3 + (front == "markdown"))
        assert "date" in problem.path + problem.message
    else:
        assert ideation.loads(text, model.Event, front).date == expected


@pytest.mark.parametrize("slug", ["abc\n", "abc\r\n", "\nabc", "a-b\n"])
def test_a_slug_with_a_line_break_is_refused_by_both_load_paths(slug: str) -> None:
    # A pattern ending in "$" also matches before a final newline: the check must see the
    # whole value, on the fast path and on the detailed one alike.
    text = json.dumps({"slug": slug, "title": "T"})
    with pytest.raises(DataError, match=r"\$\.slug: expected a slug"):
        ideation.loads(text, model.Proposal, "json")
    with pytest.raises(ValueError, match="slug"):
        model.Proposal(slug=slug, title="T")
