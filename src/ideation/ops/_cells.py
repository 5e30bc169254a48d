"""Cells of a form export read as the model's fields need them: dates, timestamps, yes/no,
lists, whole numbers; and slugs made from titles."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata

import attrs

from ..errors import UsageError
from ..model import Candidate, Contact, PlainValue, Proposal

#: What a row becomes.
Item = Proposal | Candidate

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("janvier", "janv", "jan", "january"),
            ("février", "fevrier", "févr", "fevr", "fév", "fev", "feb", "february"),
            ("mars", "mar", "march"),
            ("avril", "avr", "apr", "april"),
            ("mai", "may"),
            ("juin", "jun", "june"),
            ("juillet", "juil", "jul", "july"),
            ("août", "aout", "aug", "august"),
            ("septembre", "sept", "sep", "september"),
            ("octobre", "oct", "october"),
            ("novembre", "nov", "november"),
            ("décembre", "decembre", "déc", "dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_TRUE = {"oui", "o", "yes", "y", "true", "vrai", "1", "x", "✓"}
_FALSE = {"non", "n", "no", "false", "faux", "0", ""}


def normal_name(text: str) -> str:
    """The form in which names are compared: a slug of the whole name (accents, case, spacing
    and punctuation aside)."""
    return slugify(text, limit=1000)


def slugify(text: str, *, limit: int = 60) -> str:
    """A slug from a title: accents dropped, lowercase, hyphens, cut on a word at ``limit``."""
    # Accents go; any other mark (a typographic apostrophe, a dash) separates words.
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(
        char if char.isascii() else " " for char in decomposed if unicodedata.category(char) != "Mn"
    )
    words = re.findall(r"[a-z0-9]+", plain.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit and slug:
            break
        slug = candidate[:limit]
    return slug


_STAMP = re.compile(
    r"^(?:(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"|(?P<d2>\d{1,2})[-/.](?P<m2>\d{1,2})[-/.](?P<y2>\d{4}))"
    r"(?:[ t]+(?P<h>\d{1,2})[:h](?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*(?:(?:utc|gmt|z)\s*)?(?P<tz>[+-]\d{1,2}(?::?\d{2})?)?)?$"
)


def parse_timestamp(text: str) -> dt.datetime:
    """A form's timestamp, time of day kept: ISO (``2022-05-16 10:32:45``), French
    (``16/05/2022 10:32:45``) or Google Forms' English (``2022/05/16 10:32:45 AM GMT+2``).

    A time zone, when given, is applied, and the result given in UTC without a zone, so that
    the timestamps of one export compare; a date alone is its midnight. :exc:`ValueError` if
    ``text`` is none of these.
    """
    found = _STAMP.match(text.strip().lower())
    if found is None:
        raise ValueError(f"expected a date and time like 16/05/2022 10:32:45, got {text.strip()!r}")
    year, month, day = (
        (found["y"], found["m"], found["d"])
        if found["y"]
        else (found["y2"], found["m2"], found["d2"])
    )
    hour = int(found["h"] or 0)
    if found["ampm"]:
        if not 1 <= hour <= 12:
            raise ValueError(f"expected an hour from 1 to 12 before AM or PM, got {text.strip()!r}")
        hour = hour % 12 + (12 if found["ampm"].startswith("p") else 0)
    try:
        stamp = dt.datetime(
            int(year), int(month), int(day), hour, int(found["mi"] or 0), int(found["s"] or 0)
        )
    except ValueError:
        raise ValueError(f"expected a real date and time, got {text.strip()!r}") from None
    if found["tz"]:
        sign, digits = found["tz"][0], found["tz"][1:].replace(":", "")
        hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        offset = dt.timedelta(hours=int(hours), minutes=int(minutes))
        stamp -= offset if sign == "+" else -offset
    return stamp


def parse_date(text: str) -> dt.date:
    """A date in ISO (``2022-05-16``), French numeric (``16/05/2022``) or words (``16 mai 2022``).

    A date-time (``2022-05-16 09:30``, as spreadsheets export them, or a form's timestamp
    ``2022/05/16 10:32:45 AM GMT+2``) gives its day, as the form tool wrote it.
    """
    value = text.strip().lower()
    if (stamp := _STAMP.match(value)) is not None and stamp["h"] is not None:
        try:
            parse_timestamp(value)
        except ValueError:
            pass
        else:
            year, month, day = (
                (stamp["y"], stamp["m"], stamp["d"])
                if stamp["y"]
                else (
                    stamp["y2"],
                    stamp["m2"],
                    stamp["d2"],
                )
            )
            return dt.date(int(year), int(month), int(day))
    iso = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$", value)
    numeric = re.match(
        r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: \d{1,2}[:h]\d{2}(?::\d{2})?)?$", value
    )
    words = re.match(r"^(?:[a-zé]+\.? )?(\d{1,2})(?:er)? ([a-zéû]+)\.? (\d{4})$", value)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if numeric:
            return dt.date(int(numeric[3]), int(numeric[2]), int(numeric[1]))
        if words and words[2] in _MONTHS:
            return dt.date(int(words[3]), _MONTHS[words[2]], int(words[1]))
    except ValueError:
        pass
    raise ValueError(
        f"expected a date like 2022-05-16, 16/05/2022 or 16 mai 2022, got {text.strip()!r}"
    )


def split_list(text: str, separator: str | None = None) -> list[str]:
    """The items of a list cell: split on ``separator`` and line breaks, or, without one, on
    semicolons and line breaks."""
    pattern = r"[;\n]" if not separator else f"{re.escape(separator)}|\n"
    return [item.strip() for item in re.split(pattern, text) if item.strip()]


def _bool(text: str) -> bool:
    value = text.strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"expected yes or no (oui, non), got {text.strip()!r}")


def field_type(cl: type[Item], key: str) -> object:
    """The type of the field named by a dotted ``key`` (``team_size.min``), without ``None``.

    A contact takes any way to reach a person (``contact.chat``), as text, besides its e-mail
    and phone.
    """
    current: object = cl
    for part in key.split("."):
        if not (isinstance(current, type) and attrs.has(current)):
            raise UsageError(f"--map: {cl.__name__.lower()} has no field {key!r}")
        attrs.resolve_types(current)
        fields = {f.name: f for f in attrs.fields(current)}
        if current is Contact and part not in fields and re.fullmatch(r"[a-z][a-z0-9_]*", part):
            current = str
            continue
        if part not in fields or part == "extra":
            raise UsageError(f"--map: {cl.__name__.lower()} has no field {key!r}")
        current = _strip_none(fields[part].type)
    return current


def _strip_none(tp: object) -> object:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return members[0] if len(members) == 1 else tp
    return tp


def is_list(tp: object) -> bool:
    return typing.get_origin(tp) is tuple


def convert_cell(tp: object, text: str) -> PlainValue:
    if is_list(tp):
        items: list[PlainValue] = [*split_list(text)]
        return items
    if tp is bool:
        return _bool(text)
    if tp is int:
        try:
            return int(text.strip())
        except ValueError:
            raise ValueError(f"expected a whole number, got {text.strip()!r}") from None
    if tp is dt.datetime:
        return parse_timestamp(text)
    if tp is dt.date or set(typing.get_args(tp)) & {dt.date, dt.datetime}:
        return parse_date(text)
    return text.strip()
