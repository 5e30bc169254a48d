"""What every format refuses at load, with the line of the first offending character.

Each rule is tested in every format that can break it: JSON, YAML, TOML and Markdown with
YAML, TOML or JSON front matter.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ideation
from ideation import model
from ideation._io import MAX_BYTES
from ideation.errors import DataError
from ideation.formats._document import MAX_DEPTH

HEAD = {"slug": "deep", "title": "Deep", "date": "2022-05-16"}


def _nested(depth: int) -> object:
    # ``depth`` lists and mappings, one inside the other, around a number.
    value: object = 1
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


def _json(data: dict[str, object]) -> str:
    return json.dumps(data, indent=1)


def _yaml(data: dict[str, object]) -> str:
    # Flow style nested inside block style: YAML as people write it.
    return "".join(f"{key}: {json.dumps(value)}\n" for key, value in data.items())


def _toml_tables(depth: int) -> str:
    keys = ".".join(["t"] * (depth - 1))
    return 'slug = "deep"\ntitle = "Deep"\ndate = 2022-05-16\n\n[' + keys + "]\nleaf = 1\n"


def _toml_dotted(depth: int) -> str:
    keys = ".".join(["t"] * depth)  # the last key holds the value, not a table
    return 'slug = "deep"\ntitle = "Deep"\ndate = 2022-05-16\n' + keys + " = 1\n"


# Each gives a text whose data holds ``depth`` mappings and lists, one inside the other.
DEEP: dict[str, Callable[[int], tuple[str, str]]] = {
    "json": lambda depth: (_json({**HEAD, "extra": _nested(depth - 1)}), "json"),
    "yaml": lambda depth: (_yaml({**HEAD, "extra": _nested(depth - 1)}), "yaml"),
    "toml-tables": lambda depth: (_toml_tables(depth), "toml"),
    "toml-dotted": lambda depth: (_toml_dotted(depth), "toml"),
    "md-yaml": lambda depth: (
        f"---\n{_yaml({**HEAD, 'extra': _nested(depth - 1)})}---\nBody\n",
        "markdown",
    ),
    "md-json": lambda depth: (
        f"{_json({**HEAD, 'extra': _nested(depth - 1)})}\nBody\n",
        "markdown",
    ),
    "md-toml": lambda depth: (f"+++\n{_toml_dotted(depth)}+++\nBody\n", "markdown"),
}


@pytest.mark.parametrize("case", list(DEEP))
def test_one_level_too_deep_is_refused_with_its_line(case: str) -> None:
    text, format = DEEP[case](MAX_DEPTH + 1)
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Event, format, file="deep")
    (problem,) = caught.value.problems
    assert f"nested more than {MAX_DEPTH} levels deep" in problem.message
    assert problem.line is not None
    assert problem.line > 1
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("case", list(DEEP))
def test_the_deepest_data_accepted_goes_through_every_writer(case: str, tmp_path: Path) -> None:
    text, format = DEEP[case](MAX_DEPTH)
    event = ideation.loads(text, model.Event, format, file="deep")
    for target in ("json", "yaml", "toml", "markdown"):
        again = ideation.loads(ideation.dumps(event, target), model.Event, target)
        assert again.extra == event.extra
    # Sphinx pickles what it keeps of a build.
    assert pickle.loads(pickle.dumps(event)) == event


@pytest.mark.parametrize(
    ("format", "text"),
    [
        ("json", '{"slug": "x",\n"a": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ("yaml", "slug: x\na: " + "[" * 100_000 + "]" * 100_000),
        ("toml", 'slug = "x"\na = ' + "[" * 100_000 + "]" * 100_000),
        ("markdown", '{"slug": "x",\n"a": ' + "[" * 100_000 + "]" * 100_000 + "}\nBody"),
    ],
)
def test_too_deep_for_the_parser_is_refused_with_its_line(format: str, text: str) -> None:
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Event, format, file="deep")
    (problem,) = caught.value.problems
    assert "nested" in problem.message
    assert problem.line == 2


DUPLICATES = {
    "json": ('{\n"slug": "a",\n"title": "T",\n"slug": "b"\n}', "json", 2, 4, "$.slug"),
    "json-nested": (
        '{"slug": "a", "title": "T",\n"attendance": {\n"count": 1,\n"count": 2}}',
        "json",
        3,
        4,
        "$.attendance.count",
    ),
    "yaml": ("slug: a\ntitle: T\nslug: b\n", "yaml", 1, 3, "$.slug"),
    "yaml-nested": (
        "slug: a\ntitle: T\nsessions:\n- start: '09:30'\n  title: a\n  start: '10:00'\n",
        "yaml",
        4,
        6,
        "$.sessions[0].start",
    ),
    "md-yaml": ("---\nslug: a\ntitle: T\nslug: b\n---\nBody\n", "markdown", 2, 4, "$.slug"),
    "md-json": (
        '{\n"slug": "a",\n"title": "T",\n"slug": "b"\n}\nBody\n',
        "markdown",
        2,
        4,
        "$.slug",
    ),
    "toml": ('slug = "a"\ntitle = "T"\nslug = "b"\n', "toml", None, 3, "$"),
}


@pytest.mark.parametrize("case", list(DUPLICATES))
def test_a_key_given_twice_is_refused_naming_both_lines(case: str) -> None:
    text, format, first, second, path = DUPLICATES[case]
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Event, format, file="dup")
    (problem,) = caught.value.problems
    assert problem.line == second
    assert problem.path == path
    if first is not None:
        assert f"given twice, at lines {first} and {second}" in problem.message


def test_consent_given_twice_is_not_taken_from_the_last() -> None:
    text = (
        "slug: a\ntitle: T\ndate: 2022-05-16\nattendance:\n  participants:\n"
        "  - name: Ada\n    consent: false\n    consent: true\n"
    )
    with pytest.raises(DataError, match=r"dup:8: \$\.attendance\.participants\[0\]\.consent"):
        ideation.loads(text, model.Event, file="dup")


def test_an_alias_bomb_is_refused_at_the_alias_that_explodes() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for name, previous in zip("bcdefg", "abcdef", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(DataError) as caught:
        ideation.loads("\n".join(lines) + "\n", model.Event, "yaml", file="bomb")
    (problem,) = caught.value.problems
    assert problem.line == 6  # f: the first alias whose expansion passes the limit
    assert "aliases are expanded" in problem.message


@pytest.mark.parametrize("format", ["yaml", "markdown"])
@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b"])
def test_a_control_character_is_refused_on_one_line_with_its_line(
    format: str, character: str
) -> None:
    text = f"slug: a\ntitle: T\n\nsummary: 'x{character}'\n"
    if format == "markdown":
        text = f"---\n{text}---\n"
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Event, format, file="ctl")
    (problem,) = caught.value.problems
    assert problem.line == (4 if format == "yaml" else 5)
    assert f"U+{ord(character):04X}" in problem.message
    assert "position" not in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".toml", ".md"])
@pytest.mark.parametrize("text", ["", "\n\n", "  \n"])
def test_an_empty_file_is_said_to_be_empty_at_line_1(
    tmp_path: Path, suffix: str, text: str
) -> None:
    path = tmp_path / "events" / f"empty{suffix}"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        ideation.load(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (
        1,
        "the file is empty: expected a mapping of keys to values",
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("- x\n" * (MAX_BYTES // 4 + 1))
    with pytest.raises(DataError) as caught:
        ideation.load(path, model.Catalogue)
    message = caught.value.problems[0].message
    assert message.startswith("refused: the file holds 8.0 MiB, more than the 8 MiB")
    assert "alias" not in message


def test_a_folder_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    catalogue = ideation.load(
        Path(__file__).parents[2] / "examples" / "programme-10", model.Catalogue
    )
    # A value no format can write, in the last proposal: rendering fails after the others.
    last = catalogue.proposals[-1]
    broken = attrs.evolve(last, extra={"unwritable": object()})
    catalogue = attrs.evolve(catalogue, proposals=(*catalogue.proposals[:-1], broken))
    target = tmp_path / "out"
    with pytest.raises(Exception, match="object"):
        ideation.dump(catalogue, target)
    assert not target.exists()


@pytest.mark.parametrize("block", [True, False], ids=["block-over-1-MiB", "flow-under-1-MiB"])
def test_a_long_plain_list_is_refused_for_its_values_not_for_aliases(block: bool) -> None:
    # Counted before composing (a text over 1 MiB) or after (under it): the same message.
    from ideation.formats.yaml import MAX_VALUES

    if block:
        text, line = "- x\n" * (MAX_VALUES + 10), MAX_VALUES
    else:
        text, line = "[" + ",".join(["x"] * (MAX_VALUES + 10)) + "]\n", 1
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Catalogue, "yaml", file="long")
    (problem,) = caught.value.problems
    assert problem.message == (
        f"refused: the YAML holds more than {MAX_VALUES} values, the most a data file may hold"
    )
    assert problem.line == line


def test_a_big_alias_bomb_is_refused_before_it_is_composed() -> None:
    head = "pad: " + json.dumps("x" * (1024 * 1024)) + "\n"
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for name, previous in zip("bcdefg", "abcdef", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(DataError) as caught:
        ideation.loads(head + "\n".join(lines) + "\n", model.Event, "yaml", file="bomb")
    (problem,) = caught.value.problems
    assert problem.line == 7
    assert problem.message.endswith("values once its aliases are expanded")


@pytest.mark.parametrize("target", ["catalogue.json", "catalogue.yaml", "catalogue.toml", "folder"])
def test_the_deepest_event_converts_to_every_catalogue_form_and_back(
    tmp_path: Path, target: str
) -> None:
    # Depth counts from the object: an event as deep as its own page allows stays readable
    # once nested in a one-file catalogue (two levels further down), and back.
    example = Path(__file__).parents[2] / "examples" / "programme-10"
    catalogue = ideation.load(example, model.Catalogue)
    first = catalogue.events[0]
    deep = attrs.evolve(first, extra={"deep": _nested(MAX_DEPTH - 1)})
    catalogue = attrs.evolve(catalogue, events=(deep, *catalogue.events[1:]))
    path = ideation.dump(catalogue, tmp_path / target.replace("folder", ""))
    assert ideation.load(path, model.Catalogue) == catalogue
    deeper = attrs.evolve(first, extra={"deep": [_nested(MAX_DEPTH - 1)]})
    too_deep = attrs.evolve(catalogue, events=(deeper, *catalogue.events[1:]))
    path = ideation.dump(too_deep, tmp_path / f"too-deep-{target}".replace("-folder", ""))
    with pytest.raises(DataError, match="nested more than 50 levels deep"):
        ideation.load(path, model.Catalogue)


@pytest.mark.parametrize(
    ("format", "template", "line"),
    [
        ("json", '{{"slug": "a",\n"title": "T",\n"n": {}}}', 3),
        ("yaml", "slug: a\ntitle: T\nn: {}\n", 3),
        ("toml", 'slug = "a"\ntitle = "T"\nn = {}\n', 3),
        ("markdown", "---\nslug: a\ntitle: T\nn: {}\n---\n", 4),
        ("markdown", '{{"slug": "a",\n"title": "T",\n"n": {}}}\nBody', 3),
        ("markdown", '+++\nslug = "a"\ntitle = "T"\nn = {}\n+++\n', 4),
    ],
)
def test_a_number_too_long_to_read_is_a_problem_with_its_line(
    format: str, template: str, line: int
) -> None:
    with pytest.raises(DataError) as caught:
        ideation.loads(template.format("7" * 5000), model.Event, format, file="n")
    (problem,) = caught.value.problems
    assert problem.line == line
    assert problem.message.endswith("a number has more than 4300 digits")


@st.composite
def _shapes(draw: st.DrawFn) -> tuple[int, object]:
    # A value of a drawn depth, each level a list or a mapping, with siblings at random levels.
    depth = draw(st.integers(1, MAX_DEPTH + 5))
    value: object = draw(st.integers(0, 9) | st.text("ab", max_size=3))
    for _ in range(depth):
        if draw(st.booleans()):
            value = [value, *draw(st.lists(st.integers(0, 9), max_size=2))]
        else:
            value = {"k": value, **draw(st.dictionaries(st.sampled_from("xyz"), st.integers()))}
    return depth, value


@given(shape=_shapes(), format=st.sampled_from(["json", "yaml", "toml", "markdown"]))
def test_any_depth_is_refused_exactly_past_the_limit_in_every_format(
    shape: tuple[int, object], format: str
) -> None:
    depth, value = shape
    event = model.Event(slug="e", title="E", date=dt.date(2022, 5, 16), extra={"deep": value})
    text = ideation.dumps(event, format)
    if 1 + depth <= MAX_DEPTH:  # the event's own mapping is the first level
        assert ideation.loads(text, model.Event, format) == event
    else:
        with pytest.raises(DataError) as caught:
            ideation.loads(text, model.Event, format, file="deep")
        (problem,) = caught.value.problems
        assert problem.path.startswith("$.deep")
        assert problem.line is not None


_trees = st.recursive(
    st.integers(0, 9),
    lambda inner: (
        st.lists(inner, min_size=1, max_size=3)
        | st.dictionaries(st.sampled_from("abcdef"), inner, min_size=1, max_size=4)
    ),
    max_leaves=12,
)


@given(
    tree=_trees,
    format=st.sampled_from(["json", "yaml", "md-yaml", "md-json"]),
    pick=st.integers(0, 10_000),
)
def test_a_key_given_twice_anywhere_is_refused_naming_both_lines(
    tree: object, format: str, pick: int
) -> None:
    data = {"slug": "e", "title": "E", "date": "2022-05-16", "n": 1, "tree": tree}
    syntax = "json" if format.endswith("json") else "yaml"
    text = json.dumps(data, indent=1) if syntax == "json" else ideation.dumps(data, "yaml")
    lines = text.splitlines()
    # A line that holds one key and a number: a copy of it just above repeats the key.
    candidates = [
        index
        for index, line in enumerate(lines)
        if not line.lstrip().startswith("- ")
        and ": " in line
        and line.rstrip(",").rstrip()[-1:].isdigit()
    ]
    index = candidates[pick % len(candidates)]
    copy = lines[index].rstrip(",") + ("," if syntax == "json" else "")
    lines.insert(index, copy)
    text, first = "\n".join(lines) + "\n", index + 1
    if format.startswith("md-"):
        text = f"---\n{text}---\n" if syntax == "yaml" else text
    offset = 1 if format == "md-yaml" else 0
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Event, "markdown" if format.startswith("md") else format)
    (problem,) = caught.value.problems
    assert f"given twice, at lines {first + offset} and {first + offset + 1}" in problem.message
    assert problem.line == first + offset + 1
