"""The detailed path: the one configured cattrs converter, and its errors as problems.

Private to :mod:`ideation.convert`, whose front chooses when this path runs: when the fast one
(``_fast``) gives up, to find every problem with its path. The model knows nothing of
serialisation: every rule of how a value is written in a data file lives here. Two flavours
exist, as in ``cattrs.preconf``: one for formats that only know text (JSON), where dates are
ISO 8601 strings, and one for formats with native dates (YAML, TOML).

Keys the model does not know are kept: structuring puts them in the object's ``extra`` mapping,
and unstructuring writes them back after the known keys, so that nothing in a file is lost.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, TypeAlias, TypeVar, overload

import attrs

from .. import model
from ..errors import DataError, FieldError, FieldErrors, Problem
from ..model import PlainMapping, PlainValue

if TYPE_CHECKING:
    import cattrs

# cattrs (and the fast path) are imported where a converter is made or its errors are read,
# not with this module: a Sphinx build with nothing to read imports the extension, and so this
# module, without converting anything (importing cattrs took about 15 ms of such a build).

T = TypeVar("T")

#: A field of a model class, whatever the type of its value.
Field: TypeAlias = "attrs.Attribute[object]"

MODEL_CLASSES: frozenset[type] = frozenset(
    getattr(model, name) for name in model.__all__ if attrs.has(getattr(model, name))
)

_MODEL_ENUMS: frozenset[type[enum.Enum]] = frozenset(
    getattr(model, name)
    for name in model.__all__
    if isinstance(getattr(model, name), type) and issubclass(getattr(model, name), enum.Enum)
)


# What bad data raises on its way into the model: the hooks and validators raise ValueError,
# TypeError and KeyError (a missing key); datetime raises OverflowError past year 9999; cattrs
# groups them. Anything else (an AttributeError, a missing hook) is a bug in this package and
# is left to surface as one, rather than be reported as a problem in the user's data.
@functools.cache
def data_errors() -> tuple[type[Exception], ...]:
    # A function, for cattrs' own error (see above): an ``except`` clause evaluates it only
    # when something was raised.
    from cattrs.errors import BaseValidationError

    return (ValueError, TypeError, KeyError, OverflowError, RecursionError, BaseValidationError)


_TIME = re.compile(r"^\s*(?P<h>\d{1,2})\s*(?::|h|H)\s*(?P<m>\d{2})?(?::(?P<s>\d{2}))?\s*$")


def describe(value: object) -> str:
    """A short description of a value found in data, for messages: ``'25h00'``, ``a list``."""
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    shown = repr(value)  # a date, bytes from YAML's !!binary...: cut short as text is
    return f"{shown if len(shown) <= 60 else shown[:57] + '...'} ({type(value).__name__})"


# -- structuring scalars ---------------------------------------------------------------------


def _structure_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    # YAML and TOML read `title: 2022` as a number; text was meant.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"expected text, got {describe(value)}")


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise TypeError(f"expected a whole number, got {describe(value)}")


def _structure_number(value: object, _: object) -> int | float:
    """A whole or decimal number (a score of 3.5: an average of marks), kept as written."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value):
            return value
    elif isinstance(value, str):
        text = value.strip()
        try:
            number: int | float = int(text) if text.lstrip("-").isdigit() else float(text)
        except ValueError:
            pass
        else:
            if math.isfinite(number):
                return number
    raise TypeError(f"expected a number like 3 or 3.5, got {describe(value)}")


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    raise TypeError(f"expected true or false, got {describe(value)}")


def parse_time(value: object) -> dt.time:
    """Read a time of day: ``09:30``, ``9:30``, ``09:30:00`` or the French ``9h30`` and ``10h``."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str) and (match := _TIME.match(value)):
        hour, minute, second = int(match["h"]), int(match["m"] or 0), int(match["s"] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute, second)
    raise ValueError(f"expected a time like 09:30, got {describe(value)}")


_DATE_SHAPE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")


def _why(value: object, error: ValueError) -> str:
    # A value shaped like a date whose day or hour does not exist (2025-02-30) says which part
    # is wrong, as Python tells it ("day is out of range for month").
    reason = str(error)
    impossible = "out of range" in reason or "must be in" in reason
    if isinstance(value, str) and _DATE_SHAPE.match(value) and impossible:
        return f" ({reason})"
    return ""


def parse_date(value: object) -> dt.date:
    """Read a calendar date: ``2022-05-16`` (a date-time is refused: a date was expected)."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date like 2022-05-16, got the date-time {value.isoformat()}")
    if isinstance(value, dt.date):
        return value
    why = ""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as error:
            why = _why(value, error)
    raise ValueError(f"expected a date like 2022-05-16, got {describe(value)}{why}")


# Date-times within a day of the ends of the calendar (years 1 and 9999) cannot be moved to
# another time zone, or to UTC, without leaving it: the model, a calendar export or a sort
# would fail on one with an OverflowError, far from its line. They are refused where they stand.
_EARLIEST = dt.datetime(1, 1, 2)
_LATEST = dt.datetime(9999, 12, 30, 23, 59, 59, 999999)


def _in_range(value: dt.datetime) -> dt.datetime:
    if _EARLIEST <= value.replace(tzinfo=None) <= _LATEST:
        return value
    raise ValueError(
        f"expected a date-time between {_EARLIEST.date()} and {_LATEST.date()}, got "
        f"{value.isoformat()}: too near the end of the calendar to be moved to another time zone"
    )


def parse_datetime(value: object) -> dt.datetime:
    """Read a date-time: ``2022-05-16T09:30:00``, with or without an offset.

    A date-time within a day of the ends of the calendar (years 1 and 9999) is refused.
    """
    if isinstance(value, dt.datetime):
        return _in_range(value)
    return _in_range(_read_datetime(value, "a date-time like 2022-05-16T09:30:00+02:00"))


def _read_datetime(value: object, expected: str) -> dt.datetime:
    why = ""
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError as error:
            why = _why(value, error)
    raise ValueError(f"expected {expected}, got {describe(value)}{why}")


def parse_date_or_datetime(value: object) -> dt.date:
    """Read a date (``2022-05-16``) or a date-time, as Hugo's ``date`` key allows both."""
    if isinstance(value, dt.datetime):
        return _in_range(value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value.strip()) == 10:
        return parse_date(value)
    expected = "a date like 2022-05-16 or a date-time like 2022-05-16T09:30:00+02:00"
    return _in_range(_read_datetime(value, expected))


def _structure_enum(value: object, cl: type[enum.Enum]) -> enum.Enum:
    try:
        return cl(value)
    except ValueError:
        choices = ", ".join(repr(member.value) for member in cl)
        raise ValueError(f"expected one of {choices}, got {describe(value)}") from None


def is_date_union(tp: object) -> bool:
    args = set(typing.get_args(tp)) - {type(None)}
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and args == {
        dt.datetime,
        dt.date,
    }


def _is_tuple(tp: object) -> bool:
    return typing.get_origin(tp) is tuple


# -- model classes, with unknown keys kept ---------------------------------------------------


def model_fields(cl: type) -> dict[str, attrs.Attribute[object]]:
    """The fields of model class ``cl`` that a data file sets, by name: every ``__init__``
    field but ``extra`` (the unknown keys). The one definition for the converter, the
    command's unknown-key check and the Hugo import."""
    fields: tuple[Field, ...] = attrs.fields(cl)
    return {f.name: f for f in fields if f.init and f.name != "extra"}


def _validate(field: Field, value: object) -> None:
    # A field's validator names the field (``tags[2]``); the note added for the field gives
    # that step already, so the error is made relative to the field's value (``[2]``).
    assert field.validator is not None
    try:
        field.validator(None, field, value)
    except (FieldError, FieldErrors) as error:
        raise _below(error, field.name) from None


def _below(error: FieldError | FieldErrors, name: str) -> FieldError | FieldErrors:
    if isinstance(error, FieldErrors):
        return FieldErrors(_below_one(inner, name) for inner in error.errors)
    return _below_one(error, name)


def _below_one(error: FieldError, name: str) -> FieldError:
    if error.path == name or error.path.startswith((f"{name}.", f"{name}[")):
        return type(error)(error.path[len(name) :], error.message)
    return error


def _make_structure_hook(
    converter: cattrs.Converter, cl: type
) -> Callable[[PlainValue, type], object]:
    # Written out rather than generated by cattrs so that a field's validator runs as soon as the
    # field is structured: a bad slug is reported together with a bad date in the same pass,
    # instead of waiting until every other field is right.
    from cattrs.errors import AttributeValidationNote, ClassValidationError

    attrs.resolve_types(cl)
    fields = model_fields(cl)
    required = [f for f in fields.values() if f.default is attrs.NOTHING]

    def structure_model(data: PlainValue, target: type) -> object:
        if not isinstance(data, Mapping):
            raise TypeError(f"expected a mapping of keys to values, got {describe(data)}")
        values: dict[str, object] = {}
        extra: dict[str, PlainValue] = {}
        errors: list[Exception] = []
        for key, value in data.items():
            field = fields.get(key) if isinstance(key, str) else None
            if field is None or field.type is None:
                extra[str(key)] = value
                continue
            try:
                structured = converter.structure(value, field.type)
                if field.validator is not None:
                    _validate(field, structured)
            except data_errors() as error:
                error.add_note(AttributeValidationNote(f"@ {key}", key, field.type))
                errors.append(error)
            else:
                values[field.alias or field.name] = structured
        for field in required:
            if field.name not in data:
                missing = KeyError(field.name)
                missing.add_note(AttributeValidationNote(f"@ {field.name}", field.name, field.type))
                errors.append(missing)
        if errors:
            raise ClassValidationError(f"While structuring {cl.__name__}", errors, cl)
        if extra:
            values["extra"] = extra
        return target(**values)

    return structure_model


def _make_unstructure_hook(
    converter: cattrs.Converter, cl: type
) -> Callable[[object], PlainMapping]:
    # `extra` is merged in below, after the known keys. The private indexes (``init=False``)
    # are never written: cattrs leaves such fields out by itself (since 23.2, the floor).
    from cattrs.gen import make_dict_unstructure_fn, override

    generated: Callable[[object], PlainMapping] = make_dict_unstructure_fn(
        cl, converter, _cattrs_omit_if_default=True, extra=override(omit=True)
    )

    def unstructure_model(obj: object) -> PlainMapping:
        data: PlainMapping = generated(obj)
        extra: Mapping[str, PlainValue] = getattr(obj, "extra", {})
        for key, value in extra.items():
            data.setdefault(key, value)
        return data

    return unstructure_model


def _iso_time(value: dt.time) -> str:
    if value.second or value.microsecond:
        return value.isoformat()
    return value.isoformat(timespec="minutes")


def _make_converter(*, native_dates: bool) -> cattrs.Converter:
    import cattrs

    converter = cattrs.Converter()
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook_func(lambda tp: tp == int | float, _structure_number)
    converter.register_structure_hook(bool, _structure_bool)
    # Registered class by class: the model's enums are StrEnums, and singledispatch would
    # otherwise hand them to the str hook above.
    for enum_class in _MODEL_ENUMS:
        converter.register_structure_hook(enum_class, _structure_enum)
        converter.register_unstructure_hook(enum_class, lambda member: member.value)
    converter.register_structure_hook(dt.time, lambda value, _: parse_time(value))
    converter.register_structure_hook(dt.date, lambda value, _: parse_date(value))
    converter.register_structure_hook(dt.datetime, lambda value, _: parse_datetime(value))
    converter.register_structure_hook_func(
        is_date_union, lambda value, _: parse_date_or_datetime(value)
    )

    def structure_tuple(value: PlainValue, tp: type[tuple[object, ...]]) -> tuple[object, ...]:
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
            raise TypeError(f"expected a list, got {describe(value)}")
        # cattrs' own tuple handling, once the text-or-mapping case (which it would iterate) is out.
        return converter._structure_tuple(value, tp)

    converter.register_structure_hook_func(_is_tuple, structure_tuple)
    converter.register_unstructure_hook_func(
        _is_tuple, lambda value: [converter.unstructure(item) for item in value]
    )
    converter.register_unstructure_hook(dt.time, _iso_time)
    if not native_dates:
        converter.register_unstructure_hook(dt.date, dt.date.isoformat)
        converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    else:
        converter.register_unstructure_hook(dt.date, lambda value: value)
        converter.register_unstructure_hook(dt.datetime, lambda value: value)
    # Factories, not hooks made here: a class's hook is made when first needed, after every
    # hook it builds on (its fields' classes) is registered.
    converter.register_structure_hook_factory(
        lambda tp: tp in MODEL_CLASSES, lambda tp: _make_structure_hook(converter, tp)
    )
    converter.register_unstructure_hook_factory(
        lambda tp: tp in MODEL_CLASSES, lambda tp: _make_unstructure_hook(converter, tp)
    )
    # A resource may be written as a bare URL.
    link_hook = _make_structure_hook(converter, model.Link)
    converter.register_structure_hook_func(
        lambda tp: tp is model.Link,
        lambda value, cl: model.Link(url=value) if isinstance(value, str) else link_hook(value, cl),
    )
    return converter


@functools.cache
def configured(*, native_dates: bool) -> cattrs.Converter:
    # Made on first use, not on import: a Sphinx build with nothing to read imports the
    # extension, and so this module, without ever converting data.
    return _make_converter(native_dates=native_dates)


def structure(data: PlainValue, cl: type[T]) -> T:
    """Build a ``cl`` from plain data, or raise a :class:`~ideation.errors.DataError` listing
    every problem, each with its JSON path."""
    try:
        built: T = configured(native_dates=True).structure(data, cl)
    except data_errors() as error:
        raise DataError(problems_from(error)) from None
    return built


@overload
def unstructure(obj: attrs.AttrsInstance, *, native_dates: bool = True) -> PlainMapping: ...
@overload
def unstructure(obj: object, *, native_dates: bool = True) -> PlainValue: ...
def unstructure(obj: object, *, native_dates: bool = True) -> PlainValue:
    """Plain data for ``obj``: known keys in field order, defaults left out, unknown keys after
    (a mapping for a model object, a list for a tuple of them)."""
    data: PlainValue = configured(native_dates=native_dates).unstructure(obj)
    return data


# -- errors ----------------------------------------------------------------------------------


def _leaf_problem(error: BaseException, path: str) -> Problem:
    if isinstance(error, KeyError):
        return Problem(path=path, message="expected a value, found none: this key is required")
    return Problem(path=path, message=str(error) or type(error).__name__)


def problems_from(error: BaseException, path: str = "$") -> list[Problem]:
    """The problems that a structuring ``error`` stands for, with their JSON paths."""
    if isinstance(error, DataError):
        return [problem.within(path) for problem in error.problems]
    if isinstance(error, FieldErrors):
        return [problem for inner in error.errors for problem in problems_from(inner, path)]
    if isinstance(error, FieldError):
        # The check names its place below ``path``: "" (the value itself), "[2]", ".end"...
        below = error.path if not error.path or error.path[0] in ".[" else f".{error.path}"
        return [Problem(path=path + below, message=error.message)]
    from cattrs.errors import (
        AttributeValidationNote,
        ClassValidationError,
        IterableValidationError,
        IterableValidationNote,
    )

    if isinstance(error, ClassValidationError | IterableValidationError):
        with_notes, without_notes = error.group_exceptions()
        problems: list[Problem] = []
        for inner, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                problems.extend(problems_from(inner, f"{path}.{note.name}"))
            elif isinstance(note, IterableValidationNote):
                problems.extend(problems_from(inner, f"{path}[{note.index}]"))
            else:  # pragma: no cover - cattrs attaches one of the two notes above
                problems.extend(problems_from(inner, path))
        for inner in without_notes:
            problems.extend(problems_from(inner, path))
        return problems
    if isinstance(error, BaseExceptionGroup):
        return [problem for inner in error.exceptions for problem in problems_from(inner, path)]
    return [_leaf_problem(error, path)]
