"""From plain data to model objects and back: the one front of the conversion rules.

:func:`structure` builds objects; :func:`unstructure` gives their plain data; the time and date
parsers read the values the formats hand over as the model wants them. There are two paths
behind :func:`structure`, and nothing above this package chooses between them: generated code
(``_fast``) builds valid data about five times faster than cattrs, and gives up at the first
problem; the configured cattrs converter (``_cattrs``) then runs, to report every problem with
its JSON path. Both are private.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

import attrs

from .. import _validators, model
from ..model import PlainValue
from ._cattrs import configured as _configured
from ._cattrs import (
    data_errors,
    describe,
    is_date_union,
    model_fields,
    parse_date,
    parse_date_or_datetime,
    parse_datetime,
    parse_time,
    unstructure,
)
from ._cattrs import structure as _structure_detailed

if TYPE_CHECKING:
    from ._fast import FastStructurer, Rules

__all__ = [
    "describe",
    "model_fields",
    "parse_date",
    "parse_date_or_datetime",
    "parse_datetime",
    "parse_time",
    "structure",
    "unstructure",
]

T = TypeVar("T")


def structure(data: PlainValue, cl: type[T], *, again: Callable[[], PlainValue] | None = None) -> T:
    """Build a ``cl`` from plain data.

    Raise :class:`~ideation.errors.DataError` listing every problem found, each with its JSON
    path. Valid data is built the fast way; data with a problem goes the detailed way, which
    finds them all.

    With ``again``, ``data`` is used up as it is built (its lists of objects are emptied as
    their objects are made, so that a large file's data and objects are not both held whole),
    and ``again()`` gives the same data anew for the detailed way if there is a problem.
    """
    built: T | None = _structure_fast(data, cl, consume=again is not None)
    if built is not None:
        return built
    return _structure_detailed(data if again is None else again(), cl)


# -- the fast path: what it borrows from the detailed converter, and which of the model's
# converters and validators depend on the value alone.

_SLUG = _validators.SLUG_PATTERN.fullmatch


@functools.cache
def _fast_path_errors() -> tuple[type[Exception], ...]:
    # A model check reading a value of a type it did not expect may raise these too; the
    # detailed path, which checks types first, is the one to say what is wrong.
    return (*data_errors(), LookupError, AttributeError)


def _structure_fast(data: PlainValue, cl: type[T], *, consume: bool) -> T | None:
    """A ``cl`` built from valid plain data, fast; ``None`` if the data has a problem (which
    says nothing of what it is). With ``consume``, ``data`` is used up."""
    try:
        built: T = _fast_structurer(consume=consume).structure(data, cl)
    except _fast_path_errors():
        return None
    return built


def _delegate(value: PlainValue, tp: object) -> object:
    # The detailed converter, made when valid data first needs it (a date that is a datetime, a
    # number where text is wanted), not with the fast path: most loads never do.
    return _configured(native_dates=True).structure(value, cast("type[object]", tp))


def _rules() -> Rules:
    from ._fast import Inline, Rules

    # The history's check (the proposal's lifecycle): the value alone decides.
    history = attrs.fields(model.Proposal).history.validator
    assert history is not None
    return Rules(
        delegate=_delegate,
        is_date_union=is_date_union,
        pure_converters=frozenset({_validators.to_tuple}),
        pure_validators=frozenset(
            {
                _validators.check_slug,
                _validators.optional_slug,
                _validators.slug_tuple,
                _validators.str_tuple,
                _validators.non_negative,
                _validators.check_timezone,
                history,
            }
        ),
        # to_tuple gives a tuple back as it is; frozen_mapping copies a dict so that the caller's
        # later changes do not leak in, and the fast path's dicts of unknown keys are its own.
        identity_converters=frozenset({_validators.to_tuple, _validators.frozen_mapping}),
        implied_validators={_validators.str_tuple: tuple[str, ...]},
        # A history's steps repeat from proposal to proposal (the same status on the day of the
        # same event): each is built once per load.
        shared=frozenset({model.StatusChange}),
        # The slug checks as one C call each (the pattern's match) rather than a Python call: the
        # fast hooks make text of every slug field and tuples of text of every slug list, and
        # anything else makes the match raise TypeError, which gives up.
        inline={
            _validators.check_slug: Inline("_slug(value)", {"_slug": _SLUG}),
            _validators.optional_slug: Inline("value is None or _slug(value)", {"_slug": _SLUG}),
            _validators.slug_tuple: Inline(
                "_all(_map(_slug, value))", {"_slug": _SLUG, "_all": all, "_map": map}
            ),
        },
    )


@functools.cache
def _fast_structurer(*, consume: bool) -> FastStructurer:
    # Made on first use, like the converters: making its hooks compiles code for every class.
    from ._cattrs import MODEL_CLASSES
    from ._fast import FastStructurer

    return FastStructurer(MODEL_CLASSES, _rules(), consume=consume)
