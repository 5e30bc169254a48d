"""The rows of a form tool's export: a CSV file (encoding and delimiter sniffed) or the first
sheet of an XLSX file, each row with the number a spreadsheet gives it."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from .._io import read_bytes_bounded
from .._optional import require
from .._spreadsheets import check_csv_encoding, check_xlsx
from ..errors import DataError


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
    #: The blank rows between the header and the last answer, by their number, which are
    #: skipped and said in the report, since they shift the numbers of the rows below.
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
    raw = read_bytes_bounded(path, MAX_CSV_BYTES, "a form export")
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
