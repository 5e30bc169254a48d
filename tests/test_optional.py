"""A feature whose extra is missing raises MissingExtraError, which says what to install."""

from __future__ import annotations

import importlib
import pickle
import sys
from pathlib import Path

import attrs
import pytest

import ideation
from ideation._optional import require
from ideation.errors import IdeationError, MissingExtraError

from .conftest import EXAMPLE


def test_require_gives_the_module_when_it_is_there() -> None:
    assert require("json", "none", "this test") is sys.modules["json"]


def test_require_names_the_extra_and_the_package_when_it_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "ruamel.yaml", None)
    with pytest.raises(MissingExtraError) as raised:
        require("ruamel.yaml", "ops", "editing a YAML file in place")
    error = raised.value
    assert str(error) == (
        "editing a YAML file in place needs ruamel.yaml, from the 'ops' extra: "
        "pip install -e '.[ops]' in a clone of ideation "
        "(pip install 'ideation[ops]' once ideation is on PyPI)"
    )
    assert (error.module, error.extra, error.package) == ("ruamel.yaml", "ops", "ruamel.yaml")
    # An ideation error, and an ImportError (with the module's name) for code that falls back.
    assert isinstance(error, IdeationError)
    assert isinstance(error, ImportError)
    assert error.name == "ruamel.yaml"
    assert isinstance(error.__cause__, ImportError)


def test_the_error_is_on_the_front_door_and_pickles() -> None:
    assert ideation.MissingExtraError is MissingExtraError
    assert "MissingExtraError" in ideation.__all__
    error = MissingExtraError("myst_parser", "sphinx", "the Sphinx extension")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.package) == (type(error), str(error), "myst-parser")


@pytest.mark.parametrize(
    ("module", "blocked", "extra"),
    [("ideation.export.ical", "icalendar", "export"), ("ideation.ops._milp", "scipy", "ops")],
)
def test_the_modules_of_a_feature_say_which_extra_they_need(
    monkeypatch: pytest.MonkeyPatch, module: str, blocked: str, extra: str
) -> None:
    # The library and every submodule of it an earlier test may have imported: blocking the
    # top name alone lets ``from scipy.optimize import ...`` find what is cached.
    for name in [name for name in sys.modules if name.startswith(f"{blocked}.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, blocked, None)
    monkeypatch.delitem(sys.modules, module, raising=False)
    with pytest.raises(MissingExtraError) as raised:
        importlib.import_module(module)
    assert raised.value.extra == extra
    assert module not in sys.modules


def test_a_chart_drawing_needs_the_charts_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from ideation.export.charts import Words, draw, timeline_chart

    catalogue = ideation.load(EXAMPLE, ideation.Catalogue)
    chart = timeline_chart(catalogue, catalogue.events, Words())
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtraError) as raised:
        draw(chart, "svg")
    assert raised.value.extra == "charts"


def test_dump_over_a_file_without_the_ops_extra_writes_it_whole(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # In place, the file would keep its comment; written whole, it says the same data.
    path = tmp_path / "atelier-ideation.yaml"
    event = ideation.load(EXAMPLE / "events" / "atelier-ideation.md", ideation.Event)
    ideation.dump(event, path)
    path.write_text("# kept in place\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "ruamel.yaml", None)
    ideation.dump(attrs.evolve(event, title="Autre titre"), path)
    assert "# kept in place" not in path.read_text(encoding="utf-8")
    assert ideation.load(path, ideation.Event).title == "Autre titre"
