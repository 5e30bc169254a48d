"""Validators shared by the model classes.

They sit here, beside :mod:`ideation.errors`, rather than in :mod:`ideation.model`: the
converter's fast path and the JSON Schema recognise them on the model's fields, and a private
module of one package is not imported by another.

Messages follow one pattern, as attrs' own validators do: the field, what was expected, what
arrived. The field is given apart from the message (a :class:`~ideation.errors.FieldError`),
relative to the object checked; whoever reports the error (the converter) puts it below the
object's own path.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from typing import TypeVar, cast

import attrs

from .errors import FieldError, FieldTypeError

T = TypeVar("T")
Count = TypeVar("Count", bound=int | None)

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _shown(value: object) -> str:
    # Cut short: a message quotes no more of a file than the value at fault, and not all of a
    # long one (a slug of a megabyte); repr escapes control characters.
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    shown = repr(value)
    return f"{shown if len(shown) <= 60 else shown[:57] + '...'} ({type(value).__name__})"


def check_slug(instance: object, attribute: attrs.Attribute[T], value: T) -> None:
    """Check that ``value`` is a slug: lowercase ASCII letters and digits, single hyphens."""
    if not isinstance(value, str) or not SLUG_PATTERN.fullmatch(value):
        raise FieldError(
            attribute.name,
            "expected a slug of lowercase letters, digits and single hyphens "
            f"(like 'atelier-ideation'), got {_shown(value)}",
        )


def optional_slug(instance: object, attribute: attrs.Attribute[T], value: T) -> None:
    """Like :func:`check_slug`, and ``None`` is accepted."""
    if value is not None:
        check_slug(instance, attribute, value)


def slug_tuple(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[object, ...]
) -> None:
    """Check that every item of a tuple is a slug."""
    # Nearly every tuple read is valid: one pass of the pattern over it first, then the loop
    # that names the bad item (an item that is not text makes the pattern raise TypeError).
    try:
        if all(map(SLUG_PATTERN.fullmatch, cast("tuple[str, ...]", value))):
            return
    except TypeError:
        pass
    for index, item in enumerate(value):
        if not isinstance(item, str) or not SLUG_PATTERN.fullmatch(item):
            raise FieldError(
                f"{attribute.name}[{index}]",
                "expected a slug of lowercase letters, digits and "
                f"single hyphens, got {_shown(item)}",
            )


def str_tuple(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[object, ...]
) -> None:
    """Check that every item of a tuple is a string."""
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise FieldTypeError(f"{attribute.name}[{index}]", f"expected text, got {_shown(item)}")


def non_negative(instance: object, attribute: attrs.Attribute[Count], value: Count) -> None:
    """Check that a count is not negative (``None`` means unknown)."""
    if value is not None and value < 0:
        raise FieldError(attribute.name, f"expected a count of 0 or more, got {value}")


def check_timezone(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Check that ``value`` names an IANA time zone that exists, like ``Europe/Paris``."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise FieldError(
            attribute.name, f"expected an IANA time zone like 'Europe/Paris', got {_shown(value)}"
        ) from None


def local_datetime(value: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """``value`` as a naive wall-clock time in ``zone``.

    A naive ``value`` is already a wall-clock time there; an aware one (a Hugo date carries an
    offset, often a stale one) is converted to the zone first.
    """
    if value.tzinfo is None:
        return value
    return value.astimezone(zone).replace(tzinfo=None)


def check_order(name: str, start: dt.date | dt.time | None, end: dt.date | dt.time | None) -> None:
    """Check that ``end`` is not before ``start`` when both are known."""
    if start is not None and end is not None and end < start:  # type: ignore[operator]
        raise FieldError(
            name, f"the end ({end.isoformat()}) is before the start ({start.isoformat()})"
        )


def frozen_mapping(value: Mapping[str, object] | None) -> dict[str, object]:
    """Copy a mapping of unknown keys so that later changes to the source do not leak in."""
    return dict(value or {})


def to_tuple(value: Iterable[object] | None) -> tuple[object, ...]:
    """Accept any iterable (a list from a data file) where the model keeps a tuple."""
    # Every field of every object goes through here, defaults included: the two common cases
    # come first, before the isinstance checks against abstract classes, which cost more.
    if type(value) is tuple:
        return value
    if type(value) is list:
        return tuple(value)
    if value is None:
        return ()
    if isinstance(value, str | bytes | Mapping):
        # A lone string would otherwise become a tuple of characters.
        raise TypeError(f"expected a list, got {_shown(value)}")
    return tuple(value)
