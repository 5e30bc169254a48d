"""Spreadsheets: text that they open as text, and files from them that are safe to read.

No cell of ours runs as a formula: every CSV that ideation writes (the open-data export, the
shortlist and the teams of a season) holds text from data files, which come from many people. A
spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or a
carriage return) as a formula, so such a cell is written with an apostrophe first, as OWASP's
advice on CSV injection says.

Files that come from spreadsheets (the exports of a form tool, which ``ideation import csv``
reads) are checked before they are read: :func:`check_xlsx` and :func:`check_csv_encoding`.

Private, and at the top of the package because the exports, :mod:`ideation.ops` and the command
line share it; :func:`neutralise` is public as :func:`ideation.export.opendata.neutralise`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataError, Problem

if TYPE_CHECKING:
    import csv
    import zipfile

# zipfile, expat and csv are imported where a file is checked: the exports and the shortlist
# import this module for neutralise() only.

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text``, with an apostrophe first if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# -- reading spreadsheets that other people send ---------------------------------------------
#
# ``ideation import csv`` reads a form tool's export, which anyone may have made: a 2.6 MB XLSX
# can inflate to gigabytes (a zip bomb), declare entities that expand without end, or name a
# cell a million rows down so that the reader pads every row in between. An XLSX file is
# checked whole before openpyxl reads it; a CSV file's bytes are checked row by row.

#: The most an XLSX file may hold once inflated: the sum of its parts, as its zip directory
#: states them (checked before anything is inflated) and as they are inflated (checked while
#: they are, as the directory may lie). An export of 10,000 answers of 50 columns holds about
#: 20 MiB.
MAX_XLSX_BYTES = 64 * 1024 * 1024
#: The most parts (files in the zip archive) an XLSX file may hold: a workbook has a dozen.
MAX_XLSX_PARTS = 10_000
#: The most rows and columns a sheet may span (a cell's place, not only cells with values:
#: a reader pads the rows and cells in between).
MAX_ROWS = 10_000
MAX_COLUMNS = 256

_CHUNK = 1024 * 1024
# Declarations that let XML expand or fetch entities; no part of an XLSX file has one.
_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# Byte-order marks and first bytes of XML that is not in UTF-8 (UTF-16, UTF-32, EBCDIC), in
# which a declaration above would not be seen.
_OTHER_ENCODINGS = (
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00\x00\xfe\xff",
    b"\x00<",
    b"<\x00",
    b"\x4c\x6f\xa7\x94",
)
_XML_DECLARATION = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_CELL = re.compile(r"^([A-Za-z]{1,3})(\d+)$")
_AREA = re.compile(r"^\$?([A-Za-z]{1,3})\$?\d+(?::\$?([A-Za-z]{1,3})\$?\d+)?$")


class _Refused(Exception):
    """An XLSX file breaks a rule; the message says which."""


def check_xlsx(path: Path) -> None:
    """Refuse an XLSX file that could not be read safely and in bounded time, before any
    spreadsheet library reads it: a :class:`~ideation.errors.DataError` saying why.

    Refused: a file that is no zip archive; more than :data:`MAX_XLSX_PARTS` parts; parts
    inflating to more than :data:`MAX_XLSX_BYTES` in all (told from the zip directory before
    anything is inflated, and counted while inflating); an encrypted part; XML declaring a
    document type or entities (``<!DOCTYPE``, ``<!ENTITY``), in another encoding than UTF-8,
    or not well formed; a sheet spanning more than :data:`MAX_ROWS` rows or
    :data:`MAX_COLUMNS` columns. A zip bomb is refused from its directory, in milliseconds.
    """
    import zipfile
    import zlib

    try:
        _check_archive(path)
    except _Refused as refused:
        raise DataError.single(f"refused: {refused}", file=str(path)) from None
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error, NotImplementedError) as error:
        # EOFError and zlib.error: a part cut short or corrupt; NotImplementedError: a
        # compression method zipfile does not read.
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise DataError.single(
            f"cannot read the spreadsheet: not a valid XLSX file ({reason})", file=str(path)
        ) from None


def _check_archive(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        if len(parts) > MAX_XLSX_PARTS:
            raise _Refused(
                f"the file holds {len(parts)} parts, more than the {MAX_XLSX_PARTS} an XLSX "
                "file may hold"
            )
        stated = _stated_size(parts)
        if stated > MAX_XLSX_BYTES:
            raise _Refused(_too_big(f"its parts inflate to {stated / 1_048_576:.1f} MiB"))
        inflated = 0
        for part in parts:
            if part.flag_bits & 0x1:
                raise _Refused(f"the part {part.filename!r} is encrypted")
            inflated = _check_part(archive, part, inflated)


def _stated_size(parts: list[zipfile.ZipInfo]) -> int:
    """What the parts inflate to, as the zip directory states it."""
    return sum(part.file_size for part in parts)


def _too_big(what: str) -> str:
    return f"{what}, more than the {MAX_XLSX_BYTES // 1_048_576} MiB a spreadsheet may hold"


def _check_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo, inflated: int) -> int:
    """Inflate one part, counting, and check its XML; the bytes inflated so far, after it."""
    sheet = _SheetExtent(part.filename)
    tail = b""
    first = True
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            inflated += len(chunk)
            if inflated > MAX_XLSX_BYTES:
                raise _Refused(_too_big("its parts inflate to more than their directory says"))
            if first:
                _check_encoding(part.filename, chunk)
                sheet.is_xml = chunk.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
                first = False
            # A declaration may straddle two chunks: the end of the last one is looked at too.
            if _DECLARATIONS.search(tail + chunk):
                raise _Refused(
                    f"the part {part.filename!r} declares a document type or entities "
                    "(<!DOCTYPE or <!ENTITY), which a spreadsheet never needs"
                )
            tail = chunk[-16:]
            if sheet.is_xml:
                sheet.feed(chunk)
    if sheet.is_xml:
        sheet.close()
    return inflated


def _check_encoding(name: str, head: bytes) -> None:
    if head.startswith(_OTHER_ENCODINGS):
        raise _Refused(f"the part {name!r} is XML in another encoding than UTF-8")
    declared = _XML_DECLARATION.match(head.lstrip(b"\xef\xbb\xbf"))
    if declared and declared[1].strip().lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        encoding = declared[1].decode("ascii", "replace")
        raise _Refused(f"the part {name!r} is XML in another encoding than UTF-8 ({encoding})")


class _SheetExtent:
    """Parses an XML part as it is inflated; for a worksheet, checks the rows and columns its
    cells span (as a reader pads them: from ``A1`` to the last row and column named)."""

    def __init__(self, name: str) -> None:
        from xml.parsers import expat

        self.errors = expat.ExpatError
        self.name = name
        self.is_xml = False
        self.root: str | None = None
        self.row = 0
        self.column = 0
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self._start
        self.parser.StartDoctypeDeclHandler = self._refuse
        self.parser.EntityDeclHandler = self._refuse

    def _refuse(self, *_: object) -> None:
        raise _Refused(f"the part {self.name!r} declares a document type or entities")

    def feed(self, data: bytes) -> None:
        try:
            self.parser.Parse(data, False)
        except self.errors as error:
            raise _Refused(f"the part {self.name!r} is not well-formed XML ({error})") from None

    def close(self) -> None:
        try:
            self.parser.Parse(b"", True)
        except self.errors as error:
            raise _Refused(f"the part {self.name!r} is not well-formed XML ({error})") from None

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition("}")[2]
        if self.root is None:
            self.root = local
        if self.root != "worksheet":
            return
        if local == "row":
            given = attributes.get("r", "")
            self.row = int(given) if given.isdigit() else self.row + 1
            self.column = 0
            if self.row > MAX_ROWS:
                raise _Refused(f"the sheet spans more than {MAX_ROWS} rows")
        elif local == "c":
            cell = _CELL.match(attributes.get("r", ""))
            self.column = _column(cell[1]) if cell else self.column + 1
            if cell and int(cell[2]) > MAX_ROWS:
                raise _Refused(f"the sheet spans more than {MAX_ROWS} rows")
            if self.column > MAX_COLUMNS:
                raise _Refused(f"the sheet spans more than {MAX_COLUMNS} columns")
        elif local == "dimension":
            # The sheet's stated area: a reader pads every row to its last column.
            area = _AREA.match(attributes.get("ref", ""))
            if area and _column(area[2] or area[1]) > MAX_COLUMNS:
                raise _Refused(f"the sheet spans more than {MAX_COLUMNS} columns")


def _column(letters: str) -> int:
    """``A`` -> 1, ``Z`` -> 26, ``AA`` -> 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def check_csv_encoding(raw: bytes, file: str) -> None:
    """Refuse a CSV export that mixes encodings: mostly UTF-8, with rows in another one.

    A file that is UTF-8 throughout is read as such, and one with no UTF-8 at all as
    Windows-1252 (as office tools export French text); one with both (a UTF-8 export with a
    row pasted from another file) would be read whole as Windows-1252, its UTF-8 text turned
    into mojibake. Each row that is not UTF-8 is a problem at its line, with its row number as
    the import and a spreadsheet count them (the header is row 1, blank rows count, a cell on
    two lines is one row).
    """
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        return
    text = raw.decode("utf-8-sig", errors="surrogateescape")
    # Bytes that are not UTF-8 become lone surrogates; any other character past ASCII is UTF-8.
    if not any(character > "\x7f" and not "\udc80" <= character <= "\udcff" for character in text):
        return  # no UTF-8 at all: one encoding (Windows-1252), read as such
    import csv
    import io

    problems = []
    reader = csv.reader(io.StringIO(text, newline=""), _delimiter(text))
    start = 1
    for number, cells in enumerate(reader, start=1):
        bad = next((cell for cell in cells if _NOT_UTF8.search(cell)), None)
        if bad is not None:
            found = _NOT_UTF8.search(bad)
            assert found is not None
            byte = ord(found[0]) - 0xDC00
            problems.append(
                Problem(
                    message=f"row {number}: not UTF-8, unlike the rest of the file (the byte "
                    f"0x{byte:02X}, {bytes([byte]).decode('cp1252', 'replace')!r} in "
                    "Windows-1252): save the export again as UTF-8",
                    file=file,
                    line=start,
                )
            )
        start = reader.line_num + 1
    if problems:
        raise DataError(problems)


_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def _delimiter(text: str) -> type[csv.Dialect] | csv.Dialect:
    import csv

    sample = text[:20_000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        first = sample.split("\n", 1)[0]

        class Guessed(csv.excel):
            delimiter = max(";,\t|", key=first.count)

        return Guessed
