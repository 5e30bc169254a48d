"""What one handler of a build leaves for another handler of the same build.

Sphinx's events pass nothing from one handler to the next: what one notes (the navigation
before reading, the pages to write again once reading is done) waits beside the application,
which lives for one build and is not pickled. It waits in a table keyed by the application
rather than on it as an attribute: an extension does not add attributes to its host's objects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar, cast
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_T = TypeVar("_T")

#: Each application's values, by slot; an application gone takes its values with it.
_VALUES: WeakKeyDictionary[Sphinx, dict[object, object]] = WeakKeyDictionary()


class BuildSlot(Generic[_T]):
    """One value the handlers of a build share: ``default()`` until a handler sets it."""

    def __init__(self, default: Callable[[], _T]) -> None:
        self.default = default

    def get(self, app: Sphinx) -> _T:
        """The value set for ``app``'s build, or the default."""
        values = _VALUES.get(app, {})
        return cast(_T, values[self]) if self in values else self.default()

    def set(self, app: Sphinx, value: _T) -> None:
        """Leave ``value`` for the next handler of ``app``'s build."""
        _VALUES.setdefault(app, {})[self] = value

    def take(self, app: Sphinx) -> _T:
        """The value, set back to the default: for a handler that uses it up."""
        values = _VALUES.get(app, {})
        return cast(_T, values.pop(self)) if self in values else self.default()
