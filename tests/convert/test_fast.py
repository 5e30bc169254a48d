"""The fast load path: the same objects as the detailed path, which still reports every problem.

Valid data is built by generated structure functions (``ideation.convert._fast``); the detailed
converter runs only when they give up. These tests hold the two paths to each other: equal
objects from valid data, never an object from data the detailed path refuses, and the detailed
path (with its lines) taken only when there is a problem to report.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ideation
from ideation import _io, convert, model
from ideation.convert import _cattrs, _fast
from ideation.errors import DataError
from ideation.formats import FORMATS, _load
from ideation.formats import json as json_format
from ideation.formats import yaml as yaml_format

from .. import strategies

# -- equal objects ---------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["json", "yaml", "toml"])
def test_the_fast_and_detailed_paths_build_equal_catalogues(format: str) -> None:
    @given(strategies.catalogues())
    def check(catalogue: model.Catalogue) -> None:
        # The data as the format's own parser gives it: text dates in JSON, native in YAML.
        data = FORMATS[format].parse(ideation.dumps(catalogue, format)).data
        detailed = _cattrs.structure(data, model.Catalogue)
        assert (
            convert._structure_fast(data, model.Catalogue, consume=False) == detailed == catalogue
        )
        consumed = convert._structure_fast(copy.deepcopy(data), model.Catalogue, consume=True)
        assert consumed == catalogue

    check()


@given(strategies.proposals(), strategies.events())
def test_fast_objects_hold_the_same_types_as_detailed_ones(
    proposal: model.Proposal, event: model.Event
) -> None:
    for obj in (proposal, event):
        data = convert.unstructure(obj, native_dates=False)
        fast = convert._structure_fast(data, type(obj), consume=False)
        assert fast is not None
        for field in attrs.fields(type(obj)):
            assert type(getattr(fast, field.name)) is type(getattr(obj, field.name)), field.name


def test_fast_objects_are_frozen_and_hash_like_detailed_ones() -> None:
    data: model.PlainMapping = {
        "slug": "a",
        "title": "A",
        "tags": ["x"],
        "history": [],
        "x_unknown": [1],
    }
    fast = convert._structure_fast(data, model.Proposal, consume=False)
    detailed = _cattrs.structure(data, model.Proposal)
    assert fast == detailed
    assert hash(fast) == hash(detailed)
    assert fast is not None
    assert fast.extra == {"x_unknown": [1]}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fast.title = "B"  # type: ignore[misc]


def _objects_in(value: object) -> Iterator[object]:
    """Every model object in ``value``, itself included, through fields and tuples."""
    cl = type(value)
    if attrs.has(cl):
        yield value
        fields: tuple[attrs.Attribute[object], ...] = attrs.fields(cl)
        for field in fields:
            yield from _objects_in(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _objects_in(item)


@given(strategies.catalogues())
def test_fast_objects_are_of_their_class_itself(catalogue: model.Catalogue) -> None:
    # Built in a twin of their class (see _fast.twin_of), they leave it as their class.
    data = convert.unstructure(catalogue, native_dates=False)
    fast = convert._structure_fast(data, model.Catalogue, consume=False)
    assert fast == catalogue
    for built in _objects_in(fast):
        assert type(built) in _cattrs.MODEL_CLASSES, type(built)


def test_every_model_class_is_built_in_a_twin() -> None:
    # A class Python cannot switch an object to is built slot by slot, slower: say so here.
    twinned = {cl for cl in _cattrs.MODEL_CLASSES if _fast.twin_of(cl) is not None}
    assert twinned == {cl for cl in _cattrs.MODEL_CLASSES if "__slots__" in cl.__dict__}


@given(strategies.proposals(), st.randoms(use_true_random=False))
def test_the_order_of_the_keys_makes_no_difference(proposal: model.Proposal, random: Any) -> None:
    data = convert.unstructure(proposal, native_dates=False)
    keys = list(data)
    random.shuffle(keys)
    shuffled = {key: data[key] for key in keys}
    assert convert._structure_fast(shuffled, model.Proposal, consume=False) == proposal


def test_data_of_more_shapes_than_kept_is_built_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    # Past the shapes a class keeps code for, the code of any shape builds the same objects.
    monkeypatch.setattr(_fast, "MAX_SHAPES", 0)
    structurer = _fast.FastStructurer(_cattrs.MODEL_CLASSES, convert._rules(), consume=False)
    data = _catalogue_data()
    data["proposals"][1]["x_unknown"] = {"a": [1]}
    del data["proposals"][2]["history"]
    built = structurer.structure(copy.deepcopy(data), model.Catalogue)
    assert built == _cattrs.structure(data, model.Catalogue)
    assert built.proposals[1].extra == {"x_unknown": {"a": [1]}}


def test_a_shape_without_a_required_key_gives_up() -> None:
    assert convert._structure_fast({"title": "A"}, model.Proposal, consume=False) is None
    assert convert._structure_fast({"slug": "a"}, model.Proposal, consume=False) is None


# -- equal history steps, built once --------------------------------------------------------


def _with_steps(steps: list[Any]) -> dict[str, Any]:
    """A catalogue whose proposal ``i`` has ``steps[i]`` as its one-step history."""
    data = _catalogue_data(0)
    data["events"] = [{"slug": "atelier", "title": "Atelier", "date": "2022-05-02"}]
    data["proposals"] = [
        {"slug": f"proposal-{index}", "title": "P", "history": [step]}
        for index, step in enumerate(steps)
    ]
    return data


def test_equal_history_steps_are_one_object_in_a_load() -> None:
    catalogue = convert._structure_fast(_catalogue_data(), model.Catalogue, consume=False)
    assert catalogue is not None
    first, second = catalogue.proposals[0].history, catalogue.proposals[1].history
    assert first == second
    assert all(a is b for a, b in zip(first, second, strict=True))
    # Within one load only: another load builds its own.
    again = convert._structure_fast(_catalogue_data(), model.Catalogue, consume=False)
    assert again is not None
    assert again.proposals[0].history[0] is not first[0]


def test_only_steps_of_the_same_text_are_shared() -> None:
    step = {"status": "submitted", "date": "2022-05-02"}
    variants = [
        step,
        {**step, "event": "atelier"},
        {**step, "note": "atelier"},
        {**step, "note": None},
        {**step, "x_more": "y"},
        {**step, "note": 1},
    ]
    steps = [copy.deepcopy(variant) for variant in variants * 2]
    catalogue = convert._structure_fast(_with_steps(steps), model.Catalogue, consume=False)
    assert catalogue == _cattrs.structure(_with_steps(steps), model.Catalogue)
    assert catalogue is not None
    built = [proposal.history[0] for proposal in catalogue.proposals]
    first, repeated = built[: len(variants)], built[len(variants) :]
    # Text only: the same text is the same step; None, a number or an unknown key is not shared.
    assert [a is b for a, b in zip(first, repeated, strict=True)] == [True] * 3 + [False] * 3
    assert len({id(step) for step in first}) == len(variants)
    assert first[0] == first[3]  # a note of None is no note


@pytest.mark.parametrize("value", [True, 1.0, "x"])
def test_a_shared_step_never_stands_for_data_the_detailed_path_refuses(value: object) -> None:
    # 1 == 1.0 == True as keys: read alone, a note of 1 is the text "1" and a note of True is
    # refused, so a step must not be taken for another whose values are only equal.
    step = {"status": "submitted", "date": "2022-05-02"}
    steps = [{**step, "note": 1}, {**step, "note": value}]
    fast = convert._structure_fast(_with_steps(steps), model.Catalogue, consume=False)
    try:
        detailed = _cattrs.structure(_with_steps(steps), model.Catalogue)
    except DataError:
        assert fast is None
    else:
        assert fast == detailed


# -- never accepting what the detailed path refuses ------------------------------------------


def _places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in plain data: each key of each mapping and each item of each list."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key)
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*path, index)
            yield from _places(value, (*path, index))


def _replace(data: Any, place: tuple[Any, ...], value: Any) -> None:
    for step in place[:-1]:
        data = data[step]
    data[place[-1]] = value


_ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(["", "A", "a", "x-1", "submitted", "delivered", "2022-02-30", "2022-05-16"]),
    st.sampled_from(["2022-05-16T09:30:00", "25h00", "09:30", "Europe/Nowhere", "ministry"]),
    st.lists(st.sampled_from(["a", "b", 1]), max_size=2),
    st.dictionaries(st.sampled_from(["slug", "name", "title", "x"]), st.just("a"), max_size=2),
)


@given(strategies.catalogues(), st.data())
def test_the_fast_path_never_accepts_what_the_detailed_path_refuses(
    catalogue: model.Catalogue, data: st.DataObject
) -> None:
    plain = convert.unstructure(catalogue, native_dates=False)
    places = list(_places(plain))
    if places:
        _replace(plain, data.draw(st.sampled_from(places)), data.draw(_ODD_VALUES))
    fast = convert._structure_fast(copy.deepcopy(plain), model.Catalogue, consume=False)
    try:
        detailed = _cattrs.structure(plain, model.Catalogue)
    except DataError:
        assert fast is None
    else:
        assert fast is None or fast == detailed


# -- the detailed path, and lines, only for problems -----------------------------------------


@pytest.fixture
def detailed_calls(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each call of the detailed converter, and of the JSON line table, by any loader."""
    calls: list[object] = []

    def spy(name: str, real: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return real(*args, **kwargs)

        return wrapper

    # The front's name for the detailed path, through which every loader goes.
    monkeypatch.setattr(convert, "_structure_detailed", spy("structure", _cattrs.structure))
    # The JSON reader's line table is YAML's (imported there): the spy replaces it where the
    # JSON reader looks it up.
    monkeypatch.setattr(json_format, "line_table", spy("lines", yaml_format.line_table))
    return calls


def _catalogue_data(proposals: int = 3) -> dict[str, Any]:
    return {
        "programme": {"slug": "p10", "name": "Programme 10 %"},
        "organisations": [{"slug": "insee", "name": "INSEE", "kind": "institute"}],
        "proposals": [
            {
                "slug": f"proposal-{index}",
                "title": f"Proposal {index}",
                "status": "shortlisted",
                "tags": ["nlp", "open-data"],
                "sponsors": ["insee"],
                "history": [
                    {"status": "submitted", "date": "2022-05-02"},
                    {"status": "shortlisted", "date": "2022-05-16"},
                ],
            }
            for index in range(proposals)
        ],
    }


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_a_valid_json_catalogue_is_loaded_without_the_detailed_path(
    tmp_path: Path, detailed_calls: list[object]
) -> None:
    catalogue = ideation.load(_write(tmp_path / "catalogue.json", _catalogue_data()))
    assert isinstance(catalogue, model.Catalogue)
    assert len(catalogue.proposals) == 3
    assert detailed_calls == []


def test_a_valid_folder_is_loaded_without_the_detailed_path(
    detailed_calls: list[object],
) -> None:
    ideation.load(Path(__file__).parents[2] / "examples" / "programme-10")
    assert "structure" not in detailed_calls


def test_an_invalid_json_catalogue_reports_every_problem_with_its_line(
    tmp_path: Path, detailed_calls: list[object]
) -> None:
    data = _catalogue_data()
    data["proposals"][0]["slug"] = "Proposal Zero"
    data["proposals"][1]["history"][1]["date"] = "2022-02-30"
    data["proposals"][2]["sponsors"] = ["nobody"]
    data["organisations"][0]["kind"] = "guild"
    path = _write(tmp_path / "catalogue.json", data)
    with pytest.raises(DataError) as caught:
        ideation.load(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    found = {(p.path, p.file, p.line) for p in caught.value.problems}
    expected = {
        ("$.proposals[0].slug", '"Proposal Zero"'),
        ("$.proposals[1].history[1].date", '"2022-02-30"'),
        ("$.organisations[0].kind", '"guild"'),
        # The references among the objects that build are checked in the same run.
        ("$.proposals[2].sponsors[0]", '"nobody"'),
    }
    for json_path, text in expected:
        line = next(number for number, line in enumerate(lines, 1) if text in line)
        assert (json_path, str(path), line) in found
    assert len(caught.value.problems) == 4
    assert "structure" in detailed_calls
    assert "lines" in detailed_calls


def test_an_unknown_sponsor_is_reported_at_its_line(tmp_path: Path) -> None:
    data = _catalogue_data()
    data["proposals"][2]["sponsors"] = ["nobody"]
    path = _write(tmp_path / "catalogue.json", data)
    with pytest.raises(DataError) as caught:
        ideation.load(path)
    (problem,) = caught.value.problems
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problem.path == "$.proposals[2].sponsors[0]"
    assert lines[problem.line - 1].strip() == '"nobody"'  # type: ignore[operator]


def test_the_fast_path_gives_the_same_errors_as_before(tmp_path: Path) -> None:
    data = _catalogue_data()
    data["proposals"][1]["status"] = "delivered"
    data["proposals"][2]["x_deep"] = [[[[1]]]]
    path = _write(tmp_path / "catalogue.json", data)
    with pytest.raises(DataError) as fast:
        ideation.load(path)
    document = json_format.parse(path.read_text(encoding="utf-8"), str(path))
    with pytest.raises(DataError) as detailed:
        _load.build(document, model.Catalogue, str(path))
    assert fast.value.problems == detailed.value.problems


# -- limits the fast path must keep ----------------------------------------------------------


def _nested(levels: int) -> Any:
    value: Any = "bottom"
    for _ in range(levels):
        value = [value]
    return value


def test_an_unknown_value_too_deep_is_refused_with_its_line(tmp_path: Path) -> None:
    data = _catalogue_data(1)
    data["proposals"][0]["x_deep"] = _nested(60)
    path = _write(tmp_path / "catalogue.json", data)
    with pytest.raises(DataError) as caught:
        ideation.load(path)
    (problem,) = caught.value.problems
    assert "nested more than 50 levels deep" in problem.message
    assert problem.line is not None


def test_an_unknown_value_deep_but_within_the_limit_is_kept(tmp_path: Path) -> None:
    data = _catalogue_data(1)
    data["proposals"][0]["x_deep"] = _nested(40)  # past the fast path's margin, within the limit
    catalogue = ideation.load(_write(tmp_path / "catalogue.json", data), model.Catalogue)
    assert catalogue.proposals[0].extra["x_deep"] == _nested(40)


def test_a_key_given_twice_is_refused_at_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.json"
    text = json.dumps(_catalogue_data(1), indent=2).replace(
        '"title": "Proposal 0",', '"title": "Proposal 0",\n      "title": "Again",'
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        ideation.load(path)
    lines = text.splitlines()
    again = next(number for number, line in enumerate(lines, 1) if '"Again"' in line)
    assert [(p.line, "is given twice" in p.message) for p in caught.value.problems] == [
        (again, True)
    ]


def _objects(value: Any) -> int:
    """How many objects with at least one key ``value`` holds, itself included."""
    if isinstance(value, dict):
        return bool(value) + sum(_objects(item) for item in value.values())
    if isinstance(value, list):
        return sum(_objects(item) for item in value)
    return 0


def _with_a_key_twice(value: Any, twice: int, seen: list[int], indent: str = "") -> str:
    """JSON text of ``value``, one key or item a line, in which the object with at least one
    key numbered ``twice`` (in the order written) gives its first key twice."""
    inner = indent + "  "
    if isinstance(value, list):
        items = [_with_a_key_twice(item, twice, seen, inner) for item in value]
        return "[" + ",".join(f"\n{inner}{item}" for item in items) + f"\n{indent}]"
    if not isinstance(value, dict) or not value:
        return json.dumps(value)
    number = seen[0]
    seen[0] += 1
    pairs = [
        f"{json.dumps(key)}: {_with_a_key_twice(item, twice, seen, inner)}"
        for key, item in value.items()
    ]
    if number == twice:
        pairs.insert(0, pairs[0])
    return "{" + ",".join(f"\n{inner}{pair}" for pair in pairs) + f"\n{indent}}}"


@given(strategies.catalogues(), st.data())
def test_a_key_given_twice_at_any_depth_is_refused_as_the_detailed_path_does(
    catalogue: model.Catalogue, data: st.DataObject
) -> None:
    plain = convert.unstructure(catalogue, native_dates=False)
    # Unknown keys too: their objects are kept as they are, at any depth.
    plain["x_more"] = {"a": [{"b": {"c": 1}}]}
    proposals = plain.get("proposals")
    if isinstance(proposals, list) and proposals and isinstance(proposals[0], dict):
        proposals[0]["x_more"] = {"d": {"e": None}}
    twice = data.draw(st.integers(0, _objects(plain) - 1))
    text = _with_a_key_twice(plain, twice, [0])
    with pytest.raises(DataError) as fast:
        ideation.loads(text, model.Catalogue, "json", file="catalogue.json")
    with pytest.raises(DataError) as detailed:
        json_format.parse(text, "catalogue.json")
    assert fast.value.problems == detailed.value.problems
    for problem in fast.value.problems:
        assert "is given twice" in problem.message
        assert problem.line is not None


@pytest.mark.parametrize("escaped", ["\\ud83d\\ude00", "\\ud800", "\\\\ud800", "\\udc00x"])
def test_a_key_given_twice_is_found_past_escapes_yaml_refuses(escaped: str) -> None:
    # JSON escapes a character past U+FFFF as two UTF-16 surrogates (json.dumps does, for an
    # emoji); YAML, which finds the lines, refuses them: they must not hide the line.
    text = f'{{\n  "{escaped}": "{escaped}",\n  "b": 1,\n  "b": 2\n}}'
    with pytest.raises(DataError) as caught:
        ideation.loads(text, model.Proposal, "json", file="p.json")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("$.b", 4)
    assert "given twice, at lines 3 and 4" in problem.message


def test_a_json_file_larger_than_other_formats_allow_is_read(tmp_path: Path) -> None:
    data = _catalogue_data(1)
    data["proposals"][0]["description"] = "x" * (_io.MAX_BYTES + 1)
    catalogue = ideation.load(_write(tmp_path / "catalogue.json", data), model.Catalogue)
    assert len(catalogue.proposals[0].description or "") == _io.MAX_BYTES + 1


def test_a_json_file_over_its_own_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_io, "MAX_JSON_BYTES", 1024)
    data = _catalogue_data(1)
    data["proposals"][0]["description"] = "x" * 2048
    with pytest.raises(DataError) as caught:
        ideation.load(_write(tmp_path / "catalogue.json", data))
    assert caught.value.problems[0].message.startswith("refused: the file holds")


def test_consuming_empties_the_long_lists_as_objects_are_built() -> None:
    # A list of one chunk or less is a small part of the data, and is built in one go.
    count = _fast._CHUNK + 1
    data = _catalogue_data(count)
    catalogue = convert._structure_fast(data, model.Catalogue, consume=True)
    assert catalogue is not None
    assert len(catalogue.proposals) == count
    assert data["proposals"] == [None] * count


def test_loads_of_json_text_takes_the_fast_path_too(detailed_calls: list[object]) -> None:
    text = json.dumps(_catalogue_data(), indent=2)
    assert len(ideation.loads(text, model.Catalogue, "json").proposals) == 3
    assert detailed_calls == []
    with pytest.raises(DataError) as caught:
        ideation.loads(text.replace('"proposal-1"', '"Proposal 1"'), model.Catalogue, "json")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (
        "$.proposals[1].slug",
        text.count("\n", 0, text.index('"proposal-1"')) + 1,
    )
    assert "structure" in detailed_calls
