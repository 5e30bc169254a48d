"""Values one handler of a build leaves for another: per application, never on it."""

from __future__ import annotations

import gc
import weakref
from typing import TYPE_CHECKING, cast

from ideation.sphinx._per_build import _VALUES, BuildSlot

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class _App:
    """Stands for a Sphinx application: any object that can be weakly referenced."""


def _app() -> Sphinx:
    return cast("Sphinx", _App())


def test_a_slot_gives_its_default_until_set_and_after_it_is_taken() -> None:
    slot: BuildSlot[list[str]] = BuildSlot(list)
    app = _app()
    assert slot.get(app) == []
    slot.set(app, ["a"])
    assert slot.get(app) == ["a"]
    assert slot.take(app) == ["a"]
    assert slot.get(app) == []
    assert vars(app) == {}  # nothing is set on the host


def test_each_build_has_its_own_values_which_go_with_it() -> None:
    slot: BuildSlot[bool] = BuildSlot(lambda: False)
    first, second = _app(), _app()
    slot.set(first, True)
    assert slot.get(second) is False
    assert any(app is first for app in _VALUES)
    gone = weakref.ref(first)
    del first
    gc.collect()
    assert gone() is None  # the table held it weakly: the build's values went with it
