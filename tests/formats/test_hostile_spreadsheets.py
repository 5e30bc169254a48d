"""Spreadsheets from untrusted people: ``ideation import csv`` reads them bounded, or refuses.

An XLSX file is a zip archive of XML parts: its size once inflated is bounded (from the zip
directory before anything is inflated, and while inflating), as are the rows and columns a
sheet spans; XML declaring entities is refused. A CSV file mixing UTF-8 with rows in another
encoding is reported row by row, not read whole as Windows-1252.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from ideation import _spreadsheets as spreadsheets
from ideation._spreadsheets import check_csv_encoding, check_xlsx
from ideation.cli import main
from ideation.errors import DataError

openpyxl = pytest.importorskip("openpyxl")

SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A valid export: a header and one answer."""
    book = openpyxl.Workbook()
    book.active.append(["Titre"])
    book.active.append(["Un projet"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    return path


def _replace(path: Path, parts: dict[str, bytes]) -> Path:
    """``path`` with some parts replaced (or added), written to a new file beside it."""
    with zipfile.ZipFile(path) as source:
        kept = {name: source.read(name) for name in source.namelist()}
    kept.update(parts)
    out = path.with_name(f"changed-{path.name}")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in kept.items():
            target.writestr(name, data)
    return out


def _sheet(body: str, head: str = "") -> bytes:
    declaration = '<?xml version="1.0" encoding="UTF-8"?>'
    return f'{declaration}{head}<worksheet xmlns="{MAIN}">{body}</worksheet>'.encode()


def _import(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["import", "csv", str(path), "-o", str(out), "--type", "proposal",
                 "--map", "title=Titre"])  # fmt: skip
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_valid_export_passes_and_is_imported(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check_xlsx(workbook)
    code, output = _import(workbook, tmp_path / "out", capsys)
    assert code == 0, output
    assert (tmp_path / "out" / "proposals" / "un-projet.md").is_file()


# -- zip bombs -------------------------------------------------------------------------------


def _zip_bomb(path: Path, base: Path, size: int) -> Path:
    """A workbook whose sheet inflates to about ``size`` bytes of blanks, built without
    compressing them: one compressed megabyte, repeated (its CRC is not computed, and does not
    matter: the directory's sizes give the bomb away)."""
    with zipfile.ZipFile(base) as source:
        parts = {name: source.read(name) for name in source.namelist() if name != SHEET}
    megabyte = 1 << 20
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b" " * megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = size // megabyte
    bomb = block * count + compressor.flush()
    entries = [
        (name, zlib.compress(data)[2:-4], len(data), zlib.crc32(data))
        for name, data in parts.items()
    ]
    entries.append((SHEET, bomb, count * megabyte, 0))
    path.write_bytes(_raw_zip(entries))
    return path


def _raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive of deflated entries: (name, deflated data, size, CRC)."""
    out, directory = b"", b""
    for name, data, size, crc in entries:
        encoded = name.encode()
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size,
            len(encoded), 0, 0, 0, 0, 0, len(out),
        ) + encoded  # fmt: skip
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0
        ) + encoded + data  # fmt: skip
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(out), 0
    )
    return out + directory + end


@pytest.fixture
def inflated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The bytes inflated from zip archives during the test."""
    counted: list[int] = []
    read = zipfile.ZipExtFile.read

    def counting(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = read(self, n)
        counted.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    return counted


def test_a_zip_bomb_is_refused_from_its_directory_before_anything_is_inflated(
    workbook: Path, tmp_path: Path, inflated: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = _zip_bomb(tmp_path / "bomb.xlsx", workbook, 2560 << 20)
    assert 2_000_000 < bomb.stat().st_size < 3_000_000  # a 2.6 MB file, 2.5 GiB inflated
    inflated.clear()
    with pytest.raises(
        DataError, match=r"refused: its parts inflate to 2560\.\d MiB, more than the 64 MiB"
    ):
        check_xlsx(bomb)
    assert sum(inflated) == 0
    code, output = _import(bomb, tmp_path / "out", capsys)
    assert code == 1
    assert "refused: its parts inflate to" in output
    assert "internal error" not in output


def test_a_directory_that_lies_about_sizes_is_caught_while_inflating(
    workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inflated: list[int]
) -> None:
    bomb = _zip_bomb(tmp_path / "bomb.xlsx", workbook, 200 << 20)
    # As if the directory stated nothing: the parts are counted as they are inflated.
    monkeypatch.setattr(spreadsheets, "_stated_size", lambda parts: 0)
    inflated.clear()
    with pytest.raises(DataError, match="inflate to more than their directory says"):
        check_xlsx(bomb)
    assert sum(inflated) <= spreadsheets.MAX_XLSX_BYTES + (1 << 20)


def test_a_part_smaller_in_the_directory_than_its_data_is_refused(
    workbook: Path, tmp_path: Path, inflated: list[int]
) -> None:
    # The directory says 1,000 bytes, the data inflates to a gigabyte: zipfile stops at the
    # size stated, and the part's checksum (or its cut-short XML) gives it away.
    bomb = _zip_bomb(tmp_path / "bomb.xlsx", workbook, 1 << 30)
    data = bytearray(bomb.read_bytes())
    name = SHEET.encode()
    # The uncompressed size, in the sheet's local header and in its directory entry.
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        at = data.index(signature)
        while data[at + name_at : at + name_at + len(name)] != name:
            at = data.index(signature, at + 4)
        struct.pack_into("<I", data, at + size_at, 1000)
    bomb.write_bytes(bytes(data))
    inflated.clear()
    with pytest.raises(DataError, match=r"not a valid XLSX file|not well-formed"):
        check_xlsx(bomb)
    assert sum(inflated) < 1 << 20  # not a gigabyte


# -- XML and sheets --------------------------------------------------------------------------

ENTITIES = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'


@pytest.mark.parametrize("part", [SHEET, "xl/sharedStrings.xml", "[Content_Types].xml"])
def test_xml_declaring_entities_is_a_clear_error(
    workbook: Path, part: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    changed = _replace(workbook, {part: _sheet("<sheetData/>", ENTITIES)})
    with pytest.raises(DataError, match=r"declares a document type or entities"):
        check_xlsx(changed)
    code, output = _import(changed, tmp_path / "out", capsys)
    assert code == 1
    assert "internal error" not in output


def test_a_declaration_split_across_reads_is_seen(workbook: Path) -> None:
    padding = " " * ((1 << 20) - 45)  # puts "<!DOCTYPE" across the first megabyte's end
    changed = _replace(
        workbook, {SHEET: f'<?xml version="1.0"?>{padding}{ENTITIES}<worksheet/>'.encode()}
    )
    with pytest.raises(DataError, match="declares a document type"):
        check_xlsx(changed)


@pytest.mark.parametrize(
    "data",
    [
        _sheet("<sheetData/>").decode().replace("UTF-8", "UTF-16").encode("utf-16"),
        _sheet("<sheetData/>").decode().replace("UTF-8", "ISO-8859-1").encode(),
        b"<worksheet><sheetData>",
    ],
    ids=["utf-16", "latin-1", "not well formed"],
)
def test_xml_in_another_encoding_or_broken_is_refused(workbook: Path, data: bytes) -> None:
    with pytest.raises(DataError, match=r"another encoding than UTF-8|not well-formed"):
        check_xlsx(_replace(workbook, {SHEET: data}))


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ('<sheetData><row r="1"/><row r="1048576"><c r="A1048576"/></row></sheetData>', "rows"),
        ('<sheetData><row r="1"><c r="XFD1"><v>1</v></c></row></sheetData>', "columns"),
        ('<dimension ref="A1:XFD1048576"/><sheetData/>', "columns"),
        ("<sheetData>" + "<row/>" * 10_001 + "</sheetData>", "rows"),
        ("<sheetData><row>" + "<c/>" * 257 + "</row></sheetData>", "columns"),
    ],
)
def test_a_sheet_spanning_too_many_rows_or_columns_is_refused(
    workbook: Path, body: str, what: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    changed = _replace(workbook, {SHEET: _sheet(body)})
    with pytest.raises(DataError, match=f"the sheet spans more than \\d+ {what}"):
        check_xlsx(changed)
    code, output = _import(changed, tmp_path / "out", capsys)
    assert code == 1
    assert "spans more than" in output


def test_a_file_that_is_no_zip_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"Titre\nUn projet\n")
    with pytest.raises(DataError, match="not a valid XLSX file"):
        check_xlsx(path)


# -- CSV encodings ---------------------------------------------------------------------------


def _mixed(path: Path, rows: list[tuple[str, str]]) -> Path:
    """A CSV file whose rows are each in the encoding given."""
    path.write_bytes(b"".join(text.encode(encoding) + b"\r\n" for text, encoding in rows))
    return path


def test_rows_in_another_encoding_than_the_rest_are_reported_one_by_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _mixed(
        tmp_path / "export.csv",
        [
            ("Titre;Résumé", "utf-8"),
            ("Données partagées;Été", "utf-8"),
            ("", "utf-8"),  # a blank line: a row of the spreadsheet all the same
            ('"Sur deux\nlignes";ok', "utf-8"),
            ("Mauvais encodage;café", "cp1252"),
            ("Bien;déjà", "utf-8"),
            ("Encore;œuvre", "cp1252"),
        ],
    )
    with pytest.raises(DataError) as caught:
        check_csv_encoding(source.read_bytes(), str(source))
    assert [(p.line, p.message.split(":")[0]) for p in caught.value.problems] == [
        (6, "row 5"),
        (8, "row 7"),
    ]
    assert "0xE9" in caught.value.problems[0].message
    code, output = _import(source, tmp_path / "out", capsys)
    assert code == 1
    assert f"{source}:6: $: row 5: not UTF-8" in output
    assert not (tmp_path / "out" / "proposals").exists()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_file_in_one_encoding_is_read_as_such(tmp_path: Path, encoding: str) -> None:
    source = _mixed(tmp_path / "export.csv", [("Titre;Résumé", encoding), ("Été;œuvre", encoding)])
    check_csv_encoding(source.read_bytes(), str(source))


def test_the_library_reader_refuses_what_the_command_refuses(
    workbook: Path, tmp_path: Path, inflated: list[int]
) -> None:
    # ideation.ops.intake.read_table is the library's way in: guarded as the command is.
    from ideation.ops.intake import read_table

    bomb = _zip_bomb(tmp_path / "bomb.xlsx", workbook, 2560 << 20)
    inflated.clear()
    with pytest.raises(DataError, match="refused: its parts inflate to"):
        read_table(bomb)
    assert sum(inflated) == 0
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes("Titre\nÉtude\n".encode() + "Réseau\n".encode("cp1252"))
    with pytest.raises(DataError, match="not UTF-8"):
        read_table(mixed)
