"""Intake: the answers of a form tool's export (CSV or XLSX) as proposal or candidate files.

One data file per row. The columns are mapped to the model's fields by the user (``KEY=COLUMN``;
a dotted key such as ``team_size.min`` fills a nested field, ``contact.email`` a candidate's
contact); a list field may take several columns, in order (a ranking grid's one column per
rank), named one by one or by a pattern with ``*``. Cells are read as the field needs them:
lists split on semicolons and line breaks, or on the separator the form tool joins answers
with (Google Forms: ``", "``); dates in ISO or French (``16/05/2022``, ``16 mai 2022``); yes/no
in French or English. Organisations are recognised by slug, name, acronym or one of their
``aliases``; proposals (in wishes) by slug or title.

Each row gets a report, numbered as the spreadsheet numbers it (the header is row 1, blank rows
count): imported (and where), skipped as a duplicate of an existing proposal (same title or
same repository) or candidate (same name or e-mail) or as a repeated submission (the first or
the latest kept, by the form's timestamp), or failed, with the column and the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import types
import typing
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Literal

import attrs

from .._optional import require
from .._spreadsheets import check_csv_encoding, check_xlsx
from ..convert import structure
from ..errors import DataError, UsageError
from ..model import Candidate, Catalogue, Contact, PlainMapping, PlainValue, Proposal

__all__ = [
    "TIMESTAMP_COLUMNS",
    "Intake",
    "Keep",
    "Kind",
    "RowReport",
    "Table",
    "declare_season",
    "import_rows",
    "parse_timestamp",
    "read_table",
]

#: What each row of a table becomes, a proposal or a candidate.
Kind = Literal["proposal", "candidate"]
#: Which of several submissions of one proposal or person is kept: the first or the latest.
Keep = Literal["first", "latest"]
#: What a row becomes.
Item = Proposal | Candidate
_CLASSES: dict[str, type[Proposal] | type[Candidate]] = {
    "proposal": Proposal,
    "candidate": Candidate,
}
_FOLDERS = {"proposal": "proposals", "candidate": "candidates"}
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
_ANONYMOUS = "candidate"
#: The names form tools give the column of each answer's date and time (Google Forms'
#: ``Horodateur``), found without regard to case when no ``timestamp`` column is named.
TIMESTAMP_COLUMNS = (
    "horodateur",
    "horodatage",
    "timestamp",
    "date de soumission",
    "date et heure",
    "submitted at",
    "submission date",
    "completion time",
    "heure de fin",
)
_TRUE = {"oui", "o", "yes", "y", "true", "vrai", "1", "x", "✓"}
_FALSE = {"non", "n", "no", "false", "faux", "0", ""}


@attrs.frozen(kw_only=True)
class Table:
    """The rows of a spreadsheet: the header, then each row as a mapping of column to text."""

    columns: tuple[str, ...]
    rows: tuple[Mapping[str, str], ...]
    #: How the file was read, ``xlsx`` or the CSV encoding and delimiter (``cp1252, ';'``).
    read_as: str
    #: The spreadsheet's number of each row (the header is row 1, blank rows count); empty
    #: for rows numbered 2, 3, 4... in order.
    numbers: tuple[int, ...] = ()
    #: The blank rows between the header and the last answer, by their number: skipped, and
    #: said in the report, since they shift the numbers of the rows below.
    blank: tuple[int, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.numbers and len(self.numbers) != len(self.rows):
            raise ValueError("expected one number per row")

    def numbered(self) -> Iterator[tuple[int, Mapping[str, str]]]:
        """Each row with its spreadsheet number."""
        numbers = self.numbers or range(2, len(self.rows) + 2)
        return zip(numbers, self.rows, strict=True)


# -- reading ---------------------------------------------------------------------------------


def _decode(raw: bytes) -> tuple[str, str]:
    """The text of a CSV export and its encoding: UTF-8 (with or without BOM), else Windows-1252.

    French exports from office tools are often Windows-1252; every byte sequence decodes as it
    except a few unassigned bytes, which Latin-1 then reads.
    """
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding), encoding.replace("utf-8-sig", "utf-8")
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:20_000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        # One column, or a header the sniffer cannot decide on: the header line tells.
        first = sample.split("\n", 1)[0]
        delimiter = max(";,\t|", key=first.count)

        class Guessed(csv.excel):
            pass

        Guessed.delimiter = delimiter
        return Guessed


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(header: Sequence[object], body: Sequence[Sequence[object]], read_as: str) -> Table:
    columns = [_cell(name) for name in header]
    seen: set[str] = set()
    for index, name in enumerate(columns):
        if not name:
            columns[index] = name = f"column {index + 1}"
        if name in seen:
            raise DataError.single(f"the column {name!r} appears twice in the header")
        seen.add(name)
    rows = []
    numbers: list[int] = []
    blank: list[int] = []
    # The spreadsheet's numbers: the header is row 1 and every row below counts, blank or not
    # (a CSV record spanning lines, a cell with a line break, is one row).
    for number, values in enumerate(body, start=2):
        cells = [_cell(value) for value in values]
        if not any(cells):
            blank.append(number)
            continue
        rows.append(dict(zip(columns, [*cells, *[""] * len(columns)], strict=False)))
        numbers.append(number)
    # Blank rows after the last answer are how exports end, not worth a word.
    last = numbers[-1] if numbers else 1
    return Table(
        columns=tuple(columns),
        rows=tuple(rows),
        read_as=read_as,
        numbers=tuple(numbers),
        blank=tuple(number for number in blank if number < last),
    )


#: The largest CSV file :func:`read_table` reads: far above a form export of a season.
MAX_CSV_BYTES = 64 * 1024 * 1024


def read_table(path: Path) -> Table:
    """Read a CSV file (encoding and delimiter sniffed) or the first sheet of an XLSX file."""
    # Refused before they are read: an XLSX that inflates without bound or declares entities,
    # a CSV past the size of any real form export, or one whose rows mix encodings.
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        check_xlsx(path)
        return _read_xlsx(path)
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise DataError.single(
                f"refused: the file holds {size / 1_048_576:.1f} MiB, more than the "
                f"{MAX_CSV_BYTES // 1_048_576} MiB a form export may hold",
                file=str(path),
            )
        raw = path.read_bytes()
    except OSError as error:
        raise DataError.single(f"cannot read the file: {error.strerror}", file=str(path)) from None
    check_csv_encoding(raw, str(path))
    text, encoding = _decode(raw)
    dialect = _dialect(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    if not rows:
        raise DataError.single("expected a header line, found an empty file", file=str(path))
    return _table(rows[0], list(rows[1:]), f"CSV, {encoding}, delimiter {dialect.delimiter!r}")


def _read_xlsx(path: Path) -> Table:
    import zipfile

    require("openpyxl", "ops", "reading a spreadsheet (.xlsx)")
    from openpyxl import load_workbook

    try:
        # Read-only and values only: formulas are not evaluated, macros never run.
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise DataError.single(f"cannot read the spreadsheet: {error}", file=str(path)) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    if not rows:
        raise DataError.single("expected a header line, found an empty sheet", file=str(path))
    return _table(rows[0], rows[1:], "XLSX, first sheet")


# -- cells -----------------------------------------------------------------------------------


def _slugify(text: str, *, limit: int = 60) -> str:
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


def _parse_date(text: str) -> dt.date:
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


def _split(text: str, separator: str | None = None) -> list[str]:
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


def _field_type(cl: type[Item], key: str) -> object:
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


def _is_list(tp: object) -> bool:
    return typing.get_origin(tp) is tuple


def _convert(tp: object, text: str) -> PlainValue:
    if _is_list(tp):
        items: list[PlainValue] = [*_split(text)]
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
        return _parse_date(text)
    return text.strip()


# -- rows ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RowReport:
    """What became of one row: ``imported``, ``skipped`` or ``failed``, and why.

    ``row`` is the spreadsheet's number of the row (the header is row 1, blank rows count).
    """

    row: int
    outcome: Literal["imported", "skipped", "failed"]
    slug: str | None = None
    file: str | None = None
    reason: str | None = None


@attrs.frozen(kw_only=True)
class Intake:
    """What :func:`import_rows` made of a table."""

    #: Each object made, with the report of its row.
    made: tuple[tuple[RowReport, Item], ...]
    #: The reports of the rows skipped or failed.
    others: tuple[RowReport, ...]
    #: What may be wrong with the whole import though no row failed (list cells that hold
    #: commas when no list separator was given), and the blank rows skipped.
    warnings: tuple[str, ...] = ()


def _loose(name: str) -> str:
    return " ".join(name.casefold().split())


def _columns_of(key: str, given: Sequence[str], columns: Sequence[str]) -> list[str]:
    """The columns ``given`` for ``key``, in order: each by name (exactly, else without regard
    to case and spacing) or by a pattern where ``*`` stands for any text (in header order)."""
    loose = {_loose(name): name for name in columns}
    found: list[str] = []
    for column in given:
        name = column if column in columns else loose.get(_loose(column))
        if name is not None:
            found.append(name)
            continue
        if "*" in column:
            pattern = re.compile(".*".join(re.escape(part) for part in _loose(column).split("*")))
            matched = [name for name in columns if pattern.fullmatch(_loose(name))]
            if matched:
                found.extend(matched)
                continue
        raise UsageError(
            f"--map {key}={column}: no such column; the columns are: "
            + ", ".join(repr(c) for c in columns)
        )
    return list(dict.fromkeys(found))


def _check_map(
    kind: Kind, mapping: Mapping[str, str | Sequence[str]], columns: Sequence[str]
) -> dict[str, tuple[str, ...]]:
    """The mapping of field to columns, checked: every field exists, every column is there,
    and only a list field takes several columns."""
    cl = _CLASSES[kind]
    found: dict[str, tuple[str, ...]] = {}
    for key, given in mapping.items():
        tp = _field_type(cl, key)
        names = _columns_of(key, [given] if isinstance(given, str) else list(given), columns)
        if len(names) > 1 and not _is_list(tp):
            raise UsageError(
                f"--map {key}: {len(names)} columns ({', '.join(map(repr, names))}) for a field "
                "that holds one value; only a list field (wishes, skills...) takes several"
            )
        found[key] = tuple(names)
    title = "title" if kind == "proposal" else "name"
    if title not in found:
        raise UsageError(f"--map: expected a column for {title!r}, the {kind}'s {title}")
    return found


def _row_data(
    kind: Kind,
    mapping: Mapping[str, tuple[str, ...]],
    row: Mapping[str, str],
    separator: str | None,
) -> tuple[PlainMapping, list[str]]:
    cl = _CLASSES[kind]
    data: PlainMapping = {}
    errors: list[str] = []
    for key, columns in mapping.items():
        tp = _field_type(cl, key)
        value: PlainValue = None
        if _is_list(tp):
            # Several columns make one list, in their order (a ranking grid's ranks).
            items: list[PlainValue] = [
                item for column in columns for item in _split(row.get(column, ""), separator)
            ]
            value = items or None
        else:
            (column,) = columns
            text = row.get(column, "")
            if not text.strip():
                continue
            try:
                value = _convert(tp, text)
            except ValueError as error:
                errors.append(f"column {column!r}: {error}")
                continue
        if value is None:
            continue
        target = data
        *parents, last = key.split(".")
        for part in parents:
            child = target.setdefault(part, {})
            assert isinstance(child, dict)  # made here, by the line above
            target = child
        target[last] = value
    return data, errors


def _normal_title(text: str) -> str:
    return _slugify(text, limit=1000)


def _normal_repository(text: str | None) -> str | None:
    if not text:
        return None
    return re.sub(r"(\.git)?/*$", "", text.strip().casefold().replace("http://", "https://"))


def _keys(kind: Kind, data: Mapping[str, PlainValue] | Item) -> list[str]:
    """What tells a proposal (title, repository) or a person (name, e-mail) apart, from an
    object or from a row's data."""

    def get(name: str) -> PlainValue:
        if isinstance(data, Mapping):
            return data.get(name)
        value = getattr(data, name, None)
        if isinstance(value, Contact):
            return {"email": value.email}
        return value if isinstance(value, str) else None

    if kind == "candidate":
        name, contact = get("name"), get("contact")
        keys = [f"name:{_loose(name)}"] if isinstance(name, str) else []
        email = contact.get("email") if isinstance(contact, dict) else None
        if isinstance(email, str) and email.strip():
            keys.append(f"e-mail:{email.strip().casefold()}")
        return keys
    title, repository = get("title"), get("repository")
    keys = [f"title:{_normal_title(title)}"] if isinstance(title, str) else []
    if isinstance(repository, str) and (normal := _normal_repository(repository)):
        keys.append(f"repository:{normal}")
    return keys


class _Seen:
    """What is already in the catalogue and in the rows imported so far."""

    def __init__(self, kind: Kind, existing: Sequence[Item], taken: set[str]) -> None:
        self.kind = kind
        self.slugs = set(taken) | {item.slug for item in existing}
        self.keys: dict[str, str] = {}
        for item in existing:
            for key in _keys(kind, item):
                self.keys.setdefault(key, item.slug)

    def duplicate(self, item: Item) -> str | None:
        for key in _keys(self.kind, item):
            if key in self.keys:
                return f"same {key.split(':', 1)[0]} as {self.keys[key]!r}"
        return None

    def free_slug(self, base: str, *, numbered: bool = False) -> str:
        slug, number = (f"{base}-1", 2) if numbered else (base, 2)
        while slug in self.slugs:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def add(self, item: Item) -> None:
        self.slugs.add(item.slug)
        for key in _keys(self.kind, item):
            self.keys.setdefault(key, item.slug)


def _base_slug(kind: Kind, data: Mapping[str, PlainValue]) -> str:
    slug = data.get("slug")
    if isinstance(slug, str) and slug:
        return _slugify(slug)
    if kind == "proposal":
        return _slugify(str(data.get("title", ""))) or "proposal"
    # A person's name goes into a file name only with their consent.
    if data.get("consent") is True:
        return _slugify(str(data.get("name", ""))) or _ANONYMOUS
    return _ANONYMOUS


def _timestamp_column(columns: Sequence[str], given: str | None) -> str | None:
    if given is not None:
        return _columns_of("--timestamp", [given], columns)[0]
    loose = {_loose(name): name for name in columns}
    return next((loose[name] for name in TIMESTAMP_COLUMNS if name in loose), None)


class _Parsed:
    """A row read: its data, its problems, when it was submitted."""

    def __init__(self, number: int, data: PlainMapping, errors: list[str]) -> None:
        self.number = number
        self.data = data
        self.errors = errors
        self.stamp: dt.datetime | None = None

    def order(self) -> tuple[dt.datetime, int]:
        # Rows without a timestamp are in the order the form tool wrote them.
        return (self.stamp or dt.datetime.min, self.number)


def _replaced(kind: Kind, parsed: Sequence[_Parsed], keep: Keep) -> dict[int, str]:
    """The rows that are repeated submissions of another row, each with why it is skipped."""
    groups: dict[str, list[_Parsed]] = {}
    for item in parsed:
        if not item.errors:
            for key in _keys(kind, item.data):
                groups.setdefault(key, []).append(item)
    replaced: dict[int, str] = {}
    for key, items in groups.items():
        if len(items) < 2:
            continue
        ordered = sorted(items, key=_Parsed.order)
        kept = ordered[-1] if keep == "latest" else ordered[0]
        when = f", submitted {kept.stamp:%Y-%m-%d %H:%M:%S}" if kept.stamp else ""
        other = (
            "--keep first keeps the first" if keep == "latest" else "--keep latest keeps the latest"
        )
        for item in items:
            if item is not kept and item.number not in replaced:
                replaced[item.number] = (
                    f"a repeated submission (same {key.split(':', 1)[0]}): the {keep} one, "
                    f"row {kept.number}{when}, is kept ({other})"
                )
    return replaced


def import_rows(
    table: Table,
    kind: Kind,
    mapping: Mapping[str, str | Sequence[str]],
    *,
    catalogue: Catalogue | None = None,
    taken: set[str] | None = None,
    defaults: Mapping[str, PlainValue] | None = None,
    list_separator: str | None = None,
    keep: Keep = "first",
    timestamp: str | None = None,
) -> Intake:
    """Turn each row into a proposal or candidate; say what became of every row.

    ``mapping`` gives each field its column, or its columns in order for a list field (a
    ranking grid's one column per rank); a column may be a pattern with ``*``. ``catalogue``
    holds what exists already (duplicates are skipped, slugs kept unique, organisations and
    proposals named as people name them are found, and unknown ones reported with the closest
    known names), and ``taken`` the slugs of files already in the output folder. ``defaults``
    are fields given to every row that does not set them (``season``). ``list_separator`` is
    what the form tool joins several answers with (Google Forms: ``", "``). Of several
    submissions of one proposal or person in the table, ``keep`` keeps the first or the latest,
    by the ``timestamp`` column (found by its usual names when not given: see
    :data:`TIMESTAMP_COLUMNS`), else by row.
    """
    columns = _check_map(kind, mapping, table.columns)
    stamp_column = _timestamp_column(table.columns, timestamp)
    existing: Sequence[Item] = (
        ()
        if catalogue is None
        else catalogue.proposals
        if kind == "proposal"
        else catalogue.candidates
    )
    seen = _Seen(kind, existing, taken or set())
    parsed: list[_Parsed] = []
    warnings: list[str] = []
    for number, row in table.numbered():
        item = _Parsed(number, *_row_data(kind, columns, row, list_separator))
        if stamp_column is not None and row.get(stamp_column, "").strip():
            try:
                item.stamp = parse_timestamp(row[stamp_column])
            except ValueError as error:
                item.errors.append(f"column {stamp_column!r}: {error}")
        for key, value in (defaults or {}).items():
            item.data.setdefault(key, value)
        if catalogue is not None and not item.errors:
            item.errors += _resolve(item.data, catalogue, columns, list_separator)
        parsed.append(item)
    replaced = _replaced(kind, parsed, keep)
    commas: dict[str, list[int]] = {}
    made: list[tuple[RowReport, Item]] = []
    others: list[RowReport] = []
    for entry in parsed:
        number, data = entry.number, entry.data
        if entry.errors:
            others.append(RowReport(row=number, outcome="failed", reason="; ".join(entry.errors)))
            continue
        if number in replaced:
            others.append(RowReport(row=number, outcome="skipped", reason=replaced[number]))
            continue
        if list_separator is None:
            for key in _commas(data, columns):
                commas.setdefault(key, []).append(number)
        base = _base_slug(kind, data)
        # People who did not agree to be named get numbers, never their name.
        data["slug"] = seen.free_slug(base, numbered=base == _ANONYMOUS and "slug" not in data)
        try:
            made_item = structure(data, _CLASSES[kind])
        except DataError as error:
            reason = "; ".join(_column_problem(p.path, p.message, columns) for p in error.problems)
            others.append(RowReport(row=number, outcome="failed", reason=reason))
            continue
        if (duplicate := seen.duplicate(made_item)) is not None:
            others.append(RowReport(row=number, outcome="skipped", reason=duplicate))
            continue
        seen.add(made_item)
        made.append((RowReport(row=number, outcome="imported", slug=made_item.slug), made_item))
    if table.blank:
        warnings.append(
            f"blank {_rows(table.blank)} skipped; the rows below keep the spreadsheet's numbers"
        )
    for key, numbers in commas.items():
        named = ", ".join(repr(column) for column in columns[key])
        warnings.append(
            f"column {named}, {_rows(numbers)}: list cells hold commas; if they join several "
            "answers (as Google Forms joins checkboxes), give --list-separator ', '"
        )
    return Intake(made=tuple(made), others=tuple(others), warnings=tuple(warnings))


def _rows(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(number) for number in numbers[:10])
    more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _commas(data: Mapping[str, PlainValue], columns: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The list fields of ``data`` with an item that holds a comma (and no known name)."""
    return [
        key
        for key in columns
        if isinstance(items := data.get(key), list)
        and any(isinstance(item, str) and "," in item for item in items)
    ]


# -- names as people give them ----------------------------------------------------------------


def _resolve(
    data: PlainMapping,
    catalogue: Catalogue,
    columns: Mapping[str, tuple[str, ...]],
    separator: str | None,
) -> list[str]:
    """Proposals and organisations named as people name them (a title, an acronym, an alias)
    as slugs, in place; the problems of names that are none of these."""
    errors: list[str] = []

    def where(key: str) -> str:
        return ", ".join(repr(column) for column in columns.get(key, (key,)))

    wishes = data.get("wishes")
    if isinstance(wishes, list) and catalogue.proposals:
        names = _proposal_names(catalogue)
        texts = _rejoin([str(item) for item in wishes], separator, names)
        found = [_lookup(text, names) for text in texts]
        for text, slug in zip(texts, found, strict=True):
            if slug is None:
                errors.append(f"column {where('wishes')}: {_unknown('proposal', text, names)}")
        data["wishes"] = [slug or text for text, slug in zip(texts, found, strict=True)]
    orgs = _organisation_names(catalogue)
    for key in ("organisation", "sponsors"):
        value = data.get(key)
        given: list[PlainValue] = (
            [value] if isinstance(value, str) else value if isinstance(value, list) else []
        )
        slugs: list[PlainValue] = []
        for named in given:
            slug = _lookup(str(named), orgs)
            if slug is None and orgs:
                errors.append(f"column {where(key)}: {_unknown('organisation', str(named), orgs)}")
            slugs.append(slug or named)
        if isinstance(value, str):
            data[key] = slugs[0]
        elif isinstance(value, list):
            data[key] = slugs
    return errors


#: Each name by its normal form (accents, case, spacing and punctuation ignored): the slug it
#: names, and the name as written.
_Names = dict[str, tuple[str, str]]


def _organisation_names(catalogue: Catalogue) -> _Names:
    names: _Names = {}
    for org in catalogue.organisations:
        for name in org.names:
            names.setdefault(_normal_title(name), (org.slug, org.label))
    return names


def _proposal_names(catalogue: Catalogue) -> _Names:
    names: _Names = {}
    for proposal in catalogue.proposals:
        names.setdefault(proposal.slug, (proposal.slug, proposal.title))
        names.setdefault(_normal_title(proposal.title), (proposal.slug, proposal.title))
    return names


def _lookup(text: str, names: _Names) -> str | None:
    found = names.get(_normal_title(text))
    return None if found is None else found[0]


def _rejoin(items: list[str], separator: str | None, names: _Names) -> list[str]:
    """The items of a list split on ``separator``, with the pieces of one name that holds the
    separator (a title with a comma) joined again."""
    if not separator:
        return items
    joined: list[str] = []
    start = 0
    while start < len(items):
        end = next(
            (
                end
                for end in range(len(items), start + 1, -1)
                if _lookup(separator.join(items[start:end]), names) is not None
            ),
            start + 1,
        )
        joined.append(separator.join(items[start:end]))
        start = end
    return joined


def _unknown(what: str, text: str, names: _Names) -> str:
    """That ``text`` names no known ``what``, and the closest known names."""
    key = _normal_title(text)
    words = set(key.split("-"))
    # A known name whose words all appear in the text (an acronym in "DNUM (Intérieur)") comes
    # first, then the names that are spelt alike.
    within = sorted(
        (name for name in names if name and set(name.split("-")) <= words),
        key=lambda name: -len(name.split("-")),
    )
    alike = difflib.get_close_matches(key, list(names), n=5, cutoff=0.5)
    shown: dict[str, str] = {}
    for name in [*within, *alike]:
        slug, label = names[name]
        shown.setdefault(slug, f"{label!r} ({slug})")
    closest = list(shown.values())[:3]
    hint = "" if what != "organisation" else "; or add the name to its aliases: in programme.yaml"
    if not closest:
        return f"unknown {what} {text!r}: no known {what} has a name like it{hint}"
    return f"unknown {what} {text!r}; the closest known: {', '.join(closest)}{hint}"


def _column_problem(path: str, message: str, columns: Mapping[str, tuple[str, ...]]) -> str:
    key = re.sub(r"\[\d+\]", "", path.removeprefix("$.")).split(".")
    for length in range(len(key), 0, -1):
        dotted = ".".join(key[:length])
        if dotted in columns:
            return f"column {', '.join(repr(c) for c in columns[dotted])}: {message}"
    return f"{path}: {message}"


# -- seasons ----------------------------------------------------------------------------------


def declare_season(text: str, suffix: str, slug: str, name: str | None = None) -> str:
    """The text of a programme file (``suffix``: ``.yaml``, ``.json``...) with one more season,
    ``slug`` (named ``name``, by default its slug), at the end of its ``seasons``.

    A YAML file is changed in place, a line added, so that its comments and layout stay; a JSON
    file is written again. :exc:`~ideation.errors.UsageError` if the file cannot take it (a
    TOML file, a YAML file whose seasons are written inline): the season is added by hand.
    """
    entry: PlainMapping = {"slug": slug, "name": name or slug}
    if suffix.lower() == ".json":
        import json

        data = json.loads(text)
        if isinstance(data, dict) and isinstance(data.get("programme", data), dict):
            target = data.get("programme", data)
            assert isinstance(target, dict)
            seasons = target.setdefault("seasons", [])
            if isinstance(seasons, list):
                seasons.append(entry)
                return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif suffix.lower() in (".yaml", ".yml"):
        made = _yaml_with_season(text, entry)
        if made is not None:
            return made
    raise UsageError(
        f"cannot add the season {slug!r} to a programme file like this one: add it to its "
        "seasons by hand"
    )


def _yaml_with_season(text: str, entry: PlainMapping) -> str | None:
    import json

    import yaml

    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    # Strings written as JSON strings, which YAML reads as they are.
    item = [
        f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in entry.items()
    ]
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"seasons:\s*(#.*)?$", line.rstrip())),
        None,
    )
    if start is None and any(re.match(r"seasons\s*:", line) for line in lines):
        return None  # written inline (seasons: [...]): not a line to add to
    if start is None:
        new = [*lines, "seasons:\n", f"- {item[0]}\n", *(f"  {part}\n" for part in item[1:])]
    else:
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][0] in " -#\t"):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        dashes = [
            line[: len(line) - len(line.lstrip())]
            for line in lines[start + 1 : end]
            if line.lstrip().startswith("- ")
        ]
        dash = dashes[0] if dashes else ""
        added = [f"{dash}- {item[0]}\n", *(f"{dash}  {part}\n" for part in item[1:])]
        new = [*lines[:end], *added, *lines[end:]]
    made = "".join(new)
    try:
        data = yaml.safe_load(made)
    except yaml.YAMLError:
        return None
    # Checked, not trusted: the new text must hold the season, last, and nothing else changed.
    target = data.get("programme", data) if isinstance(data, dict) else None
    seasons = target.get("seasons") if isinstance(target, dict) else None
    if not isinstance(seasons, list) or not seasons or seasons[-1] != entry:
        return None
    before = yaml.safe_load(text)
    if (
        isinstance(before, dict)
        and isinstance(data, dict)
        and {k: v for k, v in before.items() if k != "seasons"}
        != {k: v for k, v in data.items() if k != "seasons"}
    ):
        return None
    return made
