"""Intake: the answers of a form tool's export (CSV or XLSX) as proposal or candidate files.

One data file per row. The columns are mapped to the model's fields by the user (``KEY=COLUMN``;
a dotted key such as ``team_size.min`` fills a nested field); cells are read as the field needs
them: lists split on semicolons and line breaks, dates in ISO or French (``16/05/2022``,
``16 mai 2022``), yes/no in French or English. Each row gets a report: imported (and where),
skipped as a duplicate of an existing proposal (same title or same repository) or candidate
(same name), or failed, with the column and the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import types
import typing
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from .._optional import require
from .._spreadsheets import check_csv_encoding, check_xlsx
from ..convert import structure
from ..errors import DataError, UsageError
from ..model import Candidate, Catalogue, Proposal

__all__ = ["Kind", "RowReport", "Table", "import_rows", "read_table"]

#: What each row of a table becomes, a proposal or a candidate.
Kind = Literal["proposal", "candidate"]
_CLASSES: dict[str, type[Any]] = {"proposal": Proposal, "candidate": Candidate}
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
_TRUE = {"oui", "o", "yes", "y", "true", "vrai", "1", "x", "✓"}
_FALSE = {"non", "n", "no", "false", "faux", "0", ""}


@attrs.frozen(kw_only=True)
class Table:
    """The rows of a spreadsheet: the header, then each row as a mapping of column to text."""

    columns: tuple[str, ...]
    rows: tuple[Mapping[str, str], ...]
    #: How the file was read, ``xlsx`` or the CSV encoding and delimiter (``cp1252, ';'``).
    read_as: str


@attrs.frozen(kw_only=True)
class RowReport:
    """What became of one row: ``imported``, ``skipped`` or ``failed``, and why."""

    row: int
    outcome: Literal["imported", "skipped", "failed"]
    slug: str | None = None
    file: str | None = None
    reason: str | None = None


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
    for values in body:
        cells = [_cell(value) for value in values]
        if not any(cells):
            continue  # blank lines at the end of exports
        rows.append(dict(zip(columns, [*cells, *[""] * len(columns)], strict=False)))
    return Table(columns=tuple(columns), rows=tuple(rows), read_as=read_as)


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


def _parse_date(text: str) -> dt.date:
    """A date in ISO (``2022-05-16``), French numeric (``16/05/2022``) or words (``16 mai 2022``).

    A date-time (``2022-05-16 09:30``, as spreadsheets export them) gives its day.
    """
    value = text.strip().lower()
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


def _split(text: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;\n]", text) if item.strip()]


def _bool(text: str) -> bool:
    value = text.strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"expected yes or no (oui, non), got {text.strip()!r}")


def _field_type(cl: type[Any], key: str) -> Any:
    """The type of the field named by a dotted ``key`` (``team_size.min``), without ``None``."""
    current: Any = cl
    for part in key.split("."):
        if attrs.has(current):
            attrs.resolve_types(current)
        fields = {f.name: f for f in attrs.fields(current)} if attrs.has(current) else {}
        if part not in fields or part == "extra":
            raise UsageError(f"--map: {cl.__name__.lower()} has no field {key!r}")
        current = _strip_none(fields[part].type)
    return current


def _strip_none(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return members[0] if len(members) == 1 else tp
    return tp


def _convert(tp: Any, text: str) -> Any:
    if typing.get_origin(tp) is tuple:
        return _split(text)
    if tp is bool:
        return _bool(text)
    if tp is int:
        try:
            return int(text.strip())
        except ValueError:
            raise ValueError(f"expected a whole number, got {text.strip()!r}") from None
    if tp in (dt.date, dt.datetime) or set(typing.get_args(tp)) & {dt.date, dt.datetime}:
        return _parse_date(text)
    return text.strip()


# -- rows ------------------------------------------------------------------------------------


def _check_map(kind: Kind, mapping: Mapping[str, str], columns: Sequence[str]) -> dict[str, str]:
    """The mapping of field to column, checked: every field exists, every column is there.

    Columns are matched exactly, then without regard to case and spacing.
    """
    cl = _CLASSES[kind]
    found: dict[str, str] = {}
    loose = {" ".join(name.casefold().split()): name for name in columns}
    for key, column in mapping.items():
        _field_type(cl, key)
        name = column if column in columns else loose.get(" ".join(column.casefold().split()))
        if name is None:
            raise UsageError(
                f"--map {key}={column}: no such column; the columns are: "
                + ", ".join(repr(c) for c in columns)
            )
        found[key] = name
    title = "title" if kind == "proposal" else "name"
    if title not in found:
        raise UsageError(f"--map: expected a column for {title!r}, the {kind}'s {title}")
    return found


def _row_data(
    kind: Kind, mapping: Mapping[str, str], row: Mapping[str, str]
) -> tuple[dict[str, Any], list[str]]:
    cl = _CLASSES[kind]
    data: dict[str, Any] = {}
    errors: list[str] = []
    for key, column in mapping.items():
        text = row.get(column, "")
        if not text.strip():
            continue
        try:
            value = _convert(_field_type(cl, key), text)
        except ValueError as error:
            errors.append(f"column {column!r}: {error}")
            continue
        target = data
        *parents, last = key.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    return data, errors


def _normal_title(text: str) -> str:
    return _slugify(text, limit=1000)


def _normal_repository(text: str | None) -> str | None:
    if not text:
        return None
    return re.sub(r"(\.git)?/*$", "", text.strip().casefold().replace("http://", "https://"))


class _Seen:
    """What is already in the catalogue and in the rows imported so far."""

    def __init__(self, kind: Kind, existing: Sequence[Any], taken: set[str]) -> None:
        self.kind = kind
        self.slugs = set(taken) | {item.slug for item in existing}
        self.keys: dict[str, str] = {}
        for item in existing:
            for key in self.keys_of(item):
                self.keys.setdefault(key, item.slug)

    def keys_of(self, item: Any) -> list[str]:
        if self.kind == "candidate":
            return [f"name:{' '.join(item.name.casefold().split())}"]
        keys = [f"title:{_normal_title(item.title)}"]
        if repository := _normal_repository(item.repository):
            keys.append(f"repository:{repository}")
        return keys

    def duplicate(self, item: Any) -> str | None:
        for key in self.keys_of(item):
            if key in self.keys:
                return f"same {key.split(':', 1)[0]} as {self.keys[key]!r}"
        return None

    def free_slug(self, base: str, *, numbered: bool = False) -> str:
        slug, number = (f"{base}-1", 2) if numbered else (base, 2)
        while slug in self.slugs:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def add(self, item: Any) -> None:
        self.slugs.add(item.slug)
        for key in self.keys_of(item):
            self.keys.setdefault(key, item.slug)


def _base_slug(kind: Kind, data: Mapping[str, Any]) -> str:
    if isinstance(data.get("slug"), str) and data["slug"]:
        return _slugify(data["slug"])
    if kind == "proposal":
        return _slugify(str(data.get("title", ""))) or "proposal"
    # A person's name goes into a file name only with their consent.
    if data.get("consent") is True:
        return _slugify(str(data.get("name", ""))) or _ANONYMOUS
    return _ANONYMOUS


def import_rows(
    table: Table,
    kind: Kind,
    mapping: Mapping[str, str],
    *,
    catalogue: Catalogue | None = None,
    taken: set[str] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> tuple[list[tuple[RowReport, Any]], list[RowReport]]:
    """Turn each row into a proposal or candidate; say what became of every row.

    ``catalogue`` holds what exists already (duplicates are skipped, slugs kept unique), and
    ``taken`` the slugs of files already in the output folder. ``defaults`` are fields given to
    every row that does not set them (``season``). Return the objects made, each with its
    report, and the reports of the rows skipped or failed.
    """
    columns = _check_map(kind, mapping, table.columns)
    existing = () if catalogue is None else getattr(catalogue, _FOLDERS[kind])
    seen = _Seen(kind, existing, taken or set())
    made: list[tuple[RowReport, Any]] = []
    others: list[RowReport] = []
    for number, row in enumerate(table.rows, start=2):  # row 1 is the header
        data, errors = _row_data(kind, columns, row)
        if errors:
            others.append(RowReport(row=number, outcome="failed", reason="; ".join(errors)))
            continue
        for key, value in (defaults or {}).items():
            data.setdefault(key, value)
        if catalogue is not None:
            _resolve(data, catalogue)
        base = _base_slug(kind, data)
        # People who did not agree to be named get numbers, never their name.
        data["slug"] = seen.free_slug(base, numbered=base == _ANONYMOUS and "slug" not in data)
        try:
            item = structure(data, _CLASSES[kind])
        except DataError as error:
            reason = "; ".join(_column_problem(p.path, p.message, columns) for p in error.problems)
            others.append(RowReport(row=number, outcome="failed", reason=reason))
            continue
        if (duplicate := seen.duplicate(item)) is not None:
            others.append(RowReport(row=number, outcome="skipped", reason=duplicate))
            continue
        seen.add(item)
        made.append((RowReport(row=number, outcome="imported", slug=item.slug), item))
    return made, others


def _resolve(data: dict[str, Any], catalogue: Catalogue) -> None:
    """Proposals and organisations named as people name them (a title, an acronym) as slugs."""
    if isinstance(data.get("wishes"), list):
        data["wishes"] = [_wish(item, catalogue) for item in data["wishes"]]
    if isinstance(data.get("organisation"), str):
        data["organisation"] = _organisation(data["organisation"], catalogue)
    if isinstance(data.get("sponsors"), list):
        data["sponsors"] = [_organisation(item, catalogue) for item in data["sponsors"]]


def _organisation(text: str, catalogue: Catalogue) -> str:
    names: dict[str, str] = {}
    for org in catalogue.organisations:
        for name in (org.slug, org.name, org.acronym):
            if name:
                names.setdefault(" ".join(name.casefold().split()), org.slug)
    return names.get(" ".join(text.casefold().split()), text)


def _wish(text: str, catalogue: Catalogue) -> str:
    """A wish named by slug or by title (as forms list proposals) as the proposal's slug."""
    titles = {_normal_title(p.title): p.slug for p in catalogue.proposals}
    slugs = {p.slug for p in catalogue.proposals}
    if text in slugs:
        return text
    return titles.get(_normal_title(text), text)


def _column_problem(path: str, message: str, columns: Mapping[str, str]) -> str:
    key = re.sub(r"\[\d+\]", "", path.removeprefix("$.")).split(".")
    for length in range(len(key), 0, -1):
        dotted = ".".join(key[:length])
        if dotted in columns:
            return f"column {columns[dotted]!r}: {message}"
    return f"{path}: {message}"
