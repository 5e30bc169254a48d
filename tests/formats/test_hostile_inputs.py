"""Data files from untrusted people: values that load or write wrongly without a word.

Each rule is a class of inputs: keys that YAML reads as one (``true`` and ``True``), keys
merged in twice (``<<``), numbers JSON cannot hold (``.nan``), control characters in any text,
dates out of range, and sets written in an order that changes from run to run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import ideation
from ideation import model
from ideation.errors import DataError

HEAD = "slug: x\ntitle: X\ndate: 2022-01-01\n"


def _problems(text: str, format: str = "yaml") -> list[tuple[int | None, str, str]]:
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Event, format, file="f")
    return [(p.line, p.path, p.message) for p in caught.value.problems]


# -- keys YAML reads as one ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("true", "True"),
        ("true", "yes"),
        ("null", "~"),
        ("1", "0x1"),
        ("1", "1.0"),
        ("1", "'1'"),  # told apart by YAML, kept under one name among unknown keys
        ("True", "'True'"),
        ("2022-01-01", "'2022-01-01'"),
        ("a", "'a'"),
        ("a", '"\\x61"'),
    ],
)
def test_keys_read_as_the_same_are_given_twice(first: str, second: str) -> None:
    ((line, path, message),) = _problems(f"{HEAD}extra:\n  {first}: 1\n  {second}: 2\n")
    assert line == 6
    assert path.startswith("$.extra.")
    assert "is given twice, at lines 5 and 6" in message


def test_keys_given_twice_on_one_line_are_refused() -> None:
    ((line, path, _),) = _problems(f"{HEAD}extra: {{a: 1, a: 2}}\n")
    assert (line, path) == (4, "$.extra.a")


def test_keys_yaml_tells_apart_are_kept() -> None:
    event = ideation.loads(f"{HEAD}extra:\n  1: a\n  2: b\n  'x': c\n", model.Event, "yaml")
    assert event.extra["extra"] == {1: "a", 2: "b", "x": "c"}


# -- merge keys ------------------------------------------------------------------------------

ANCHORS = "anchors:\n  a: &a {k: 1, a: 1}\n  b: &b {k: 2, b: 2}\n"


@pytest.mark.parametrize(
    "merge",
    ["  <<: [*a, *b]\n", "  <<: *a\n  <<: *b\n", "  <<: [*a, {<<: *b}]\n"],
)
def test_a_key_two_merged_mappings_give_is_refused(merge: str) -> None:
    problems = _problems(f"{HEAD}{ANCHORS}extra:\n{merge}")
    assert [(path, "two merged mappings" in message) for _, path, message in problems] == [
        ("$.extra.k", True)
    ]


def test_a_key_of_the_mapping_itself_overrides_merged_ones() -> None:
    text = f"{HEAD}{ANCHORS}extra:\n  <<: [*a, *b]\n  k: 3\n"
    event = ideation.loads(text, model.Event, "yaml")
    assert event.extra["extra"] == {"k": 3, "a": 1, "b": 2}


def test_a_merged_key_kept_under_the_name_of_another_is_refused() -> None:
    text = f"{HEAD}base: &base {{1: merged}}\nextra:\n  <<: *base\n  '1': mine\n"
    ((line, path, message),) = _problems(text)
    assert (line, path) == (7, "$.extra.1")
    assert "merged in" in message


def test_one_mapping_merged_twice_over_is_no_conflict() -> None:
    text = f"{HEAD}{ANCHORS}  c: &c {{<<: *a, c: 3}}\nextra:\n  <<: [*a, *c]\n"
    event = ideation.loads(text, model.Event, "yaml")
    assert event.extra["extra"] == {"k": 1, "a": 1, "c": 3}


# -- numbers JSON cannot hold ----------------------------------------------------------------


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_nan_and_infinity_are_never_written_into_json(value: str) -> None:
    event = ideation.loads(f"{HEAD}unknown:\n  deep: [1, {value}]\n", model.Event, "yaml")
    for format, front_matter in (("json", "yaml"), ("markdown", "json")):
        with pytest.raises(DataError) as caught:
            ideation.dumps(event, format, front_matter=front_matter)  # type: ignore[arg-type]
        ((path, message),) = [(p.path, p.message) for p in caught.value.problems]
        assert path == "$.unknown.deep[1]"
        assert "no NaN or infinity" in message
    # YAML and TOML hold them.
    for format in ("yaml", "toml"):
        again = ideation.loads(ideation.dumps(event, format), model.Event, format)
        assert repr(again.extra) == repr(event.extra)


def test_a_json_file_is_not_left_half_written_by_a_nan(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text(json.dumps({"slug": "x", "title": "X", "date": "2022-01-01"}))
    before = path.read_text()
    event = ideation.loads(f"{HEAD}k: .nan\n", model.Event, "yaml")
    with pytest.raises(DataError, match="no NaN"):
        ideation.dump(event, path)
    assert path.read_text() == before


@pytest.mark.parametrize("name", ["NaN", "Infinity", "-Infinity"])
def test_json_files_holding_nan_are_refused_at_their_line(name: str) -> None:
    text = f'{{"slug": "x", "title": "X", "note": "{name}",\n "date": "2022-01-01",\n "k": {name}}}'
    ((line, _, message),) = _problems(text, "json")
    assert line == 3
    assert f"{name} is no JSON value" in message


# -- sets ------------------------------------------------------------------------------------

_DUMP_SET = """
import sys, pathlib, ideation
from ideation import model
text = "slug: x\\ntitle: X\\ndate: 2022-01-01\\nk: !!set {delta, alpha, echo, charlie, bravo}\\n"
event = ideation.loads(text, model.Event, "yaml")
folder = pathlib.Path(sys.argv[1])
print(ideation.dumps(event, "yaml"))
for name, old in (("e.yaml", "slug: x\\ntitle: X\\ndate: 2022-01-01\\nk: 1\\n"),
                  ("e.md", "---\\nslug: x\\ntitle: X\\ndate: 2022-01-01\\nk: 1\\n---\\n"),
                  ("e.json", '{"slug": "x", "title": "X", "date": "2022-01-01", "k": 1}\\n')):
    path = folder / name
    path.write_text(old)
    ideation.dump(event, path)  # edited in place
    print(path.read_text())
"""


def test_a_set_is_written_in_the_same_order_whatever_the_hash_seed(tmp_path: Path) -> None:
    outputs = set()
    for seed in ("1", "2", "3"):
        folder = tmp_path / seed
        folder.mkdir()
        done = subprocess.run(
            [sys.executable, "-c", _DUMP_SET, str(folder)],
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    (output,) = outputs
    assert "alpha: null\n  bravo: null\n  charlie: null\n  delta: null\n  echo: null" in output
    assert '"alpha",\n    "bravo",' in output


# -- control characters ----------------------------------------------------------------------

CONTROLS = [chr(code) for code in range(32) if chr(code) not in "\t\n\r"]


@pytest.mark.parametrize("character", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(
    ("format", "text", "line", "path"),
    [
        ("yaml", 'slug: x\ntitle: X\ndate: 2022-01-01\nsummary: "a{e}b"\n', 4, "$.summary"),
        ("yaml", 'slug: x\ntitle: X\ndate: 2022-01-01\nk:\n- ["{e}"]\n', 5, "$.k[0][0]"),
        ("json", '{{"slug": "x", "title": "X",\n"date": "2022-01-01",\n"k": "{u}"}}', 3, "$.k"),
        ("toml", 'slug = "x"\ntitle = "X"\ndate = 2022-01-01\n\nk = "{u}"\n', 5, "$.k"),
        (
            "markdown",
            "---\nslug: x\ntitle: X\ndate: 2022-01-01\n---\n\nOne.\nT{raw}o.\n",
            8,
            "$.description",
        ),
        ("markdown", "No front matter.\n\nT{raw}o.\n", 3, "$.description"),
        ("markdown", '+++\nslug = "x"\ntitle = "{u}"\ndate = 2022-01-01\n+++\n', 3, "$.title"),
        ("markdown", '{{"slug": "x",\n"title": "{u}", "date": "2022-01-01"}}\n', 2, "$.title"),
    ],
)
def test_control_characters_are_refused_in_every_text_with_their_line(
    character: str, format: str, text: str, line: int, path: str
) -> None:
    escapes = {"e": f"\\x{ord(character):02x}", "u": f"\\u{ord(character):04x}", "raw": character}
    problems = _problems(text.format(**escapes), format)
    assert problems == [
        (
            line,
            path,
            f"the control character U+{ord(character):04X} is not allowed in text "
            "(tab and line breaks are the only ones that are)",
        )
    ]


def test_a_control_character_in_a_key_is_shown_escaped() -> None:
    ((line, path, _),) = _problems(f'{HEAD}"a\\x1b[31mb": 1\n')
    assert (line, path) == (4, "$.a\\u001b[31mb")


def test_a_json_file_with_a_control_escape_is_refused_by_the_fast_path_too(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text(json.dumps({"slug": "x", "title": "a\x00b", "date": "2022-01-01"}))
    with pytest.raises(DataError, match=r"e.json:1: \$.title: the control character U\+0000"):
        ideation.load(path, model.Event)


@pytest.mark.parametrize(
    ("text", "fast"),
    [("C:\\build", True), ("\\frac\\beta", True), ("\\\x08", False), ("a\x0c", False)],
)
def test_the_fast_json_path_gives_up_on_control_escapes_only(text: str, fast: bool) -> None:
    from ideation.formats.json import decode_valid

    assert decode_valid(json.dumps({"k": text}))[0] is fast


def test_tabs_and_line_breaks_are_text() -> None:
    text = f'{HEAD}summary: "a\\tb\\nc\\rd"\n'
    assert ideation.loads(text, model.Event, "yaml").summary == "a\tb\nc\rd"


# -- dates out of range ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("format", "text", "value"),
    [
        ("yaml", "slug: x\ntitle: X\n\n\ndate: {v}\n", "9999-12-31T23:59:59-05:00"),
        ("yaml", "slug: x\ntitle: X\n\n\ndate: {v}\n", "0001-01-01T00:00:00+05:00"),
        ("yaml", "slug: x\ntitle: X\n\n\ndate: {v}\n", "99999-01-01"),
        ("yaml", "slug: x\ntitle: X\n\n\ndate: {v}\n", "2022-13-45"),
        ("markdown", "---\nslug: x\ntitle: X\n\ndate: {v}\n---\n", "0001-01-01T00:00:00+05:00"),
        (
            "json",
            '{{"slug": "x", "title": "X",\n\n\n\n "date": "{v}"}}',
            "9999-12-31T23:00:00-05:00",
        ),
        ("toml", 'slug = "x"\ntitle = "X"\n\n\ndate = {v}\n', "9999-12-31T23:59:59-05:00"),
        ("toml", 'slug = "x"\ntitle = "X"\n\n\ndate = {v}\n', "2022-13-45"),
        ("toml", 'slug = "x"\ntitle = "X"\n\n\ndate = {v}\n', "99999-01-01"),
    ],
)
def test_dates_out_of_range_are_reported_at_their_line_and_path(
    format: str, text: str, value: str
) -> None:
    for load in (
        lambda: ideation.loads(text.format(v=value), model.Event, format, file="f"),
        lambda: ideation.loads(text.format(v=value), model.Proposal, format, file="f"),
    ):
        with pytest.raises(DataError) as caught:
            load()
        ((line, path, message),) = [(p.line, p.path, p.message) for p in caught.value.problems]
        assert (line, path) == (5, "$.date"), message
        assert value in message


def test_a_date_time_out_of_range_in_a_history_is_at_its_own_path() -> None:
    text = (
        "slug: p\ntitle: P\nhistory:\n- status: submitted\n  date: 2022-01-01\n"
        "- status: shortlisted\n  date: 9999-12-31T23:59:59-05:00\n"
    )
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Proposal, "yaml")
    assert [(p.line, p.path) for p in caught.value.problems] == [(7, "$.history[1].date")]
