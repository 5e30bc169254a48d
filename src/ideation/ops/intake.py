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

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Literal

import attrs

from ..convert import structure
from ..errors import DataError, UsageError
from ..model import Candidate, Catalogue, Contact, PlainMapping, PlainValue, Proposal
from ._cells import (
    Item,
    convert_cell,
    field_type,
    is_list,
    normal_name,
    parse_timestamp,
    slugify,
    split_list,
)
from ._names import resolve
from ._seasons import declare_season
from ._table import Table, read_table

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
#: Which of several submissions of one proposal or person is kept, the first or the latest.
Keep = Literal["first", "latest"]
# The class each kind of row is structured as.
_CLASSES: dict[str, type[Proposal] | type[Candidate]] = {
    "proposal": Proposal,
    "candidate": Candidate,
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
        tp = field_type(cl, key)
        names = _columns_of(key, [given] if isinstance(given, str) else list(given), columns)
        if len(names) > 1 and not is_list(tp):
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
        tp = field_type(cl, key)
        value: PlainValue = None
        if is_list(tp):
            # Several columns make one list, in their order (a ranking grid's ranks).
            items: list[PlainValue] = [
                item for column in columns for item in split_list(row.get(column, ""), separator)
            ]
            value = items or None
        else:
            (column,) = columns
            text = row.get(column, "")
            if not text.strip():
                continue
            try:
                value = convert_cell(tp, text)
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
    keys = [f"title:{normal_name(title)}"] if isinstance(title, str) else []
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
        return slugify(slug)
    if kind == "proposal":
        return slugify(str(data.get("title", ""))) or "proposal"
    # A person's name goes into a file name only with their consent.
    if data.get("consent") is True:
        return slugify(str(data.get("name", ""))) or _ANONYMOUS
    return _ANONYMOUS


def _timestamp_column(columns: Sequence[str], given: str | None) -> str | None:
    if given is not None:
        try:
            return _columns_of("timestamp", [given], columns)[0]
        except UsageError:
            raise UsageError(
                f"--timestamp {given}: no such column; the columns are: "
                + ", ".join(repr(c) for c in columns)
            ) from None
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
            item.errors += resolve(item.data, catalogue, columns, list_separator)
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


def _column_problem(path: str, message: str, columns: Mapping[str, tuple[str, ...]]) -> str:
    key = re.sub(r"\[\d+\]", "", path.removeprefix("$.")).split(".")
    for length in range(len(key), 0, -1):
        dotted = ".".join(key[:length])
        if dotted in columns:
            return f"column {', '.join(repr(c) for c in columns[dotted])}: {message}"
    return f"{path}: {message}"
