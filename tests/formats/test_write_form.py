"""An in-place write keeps how the file was written: its byte-order mark and its line breaks."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest

import ideation

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", ["programme.yaml", "proposals/liria.md"])
def test_an_edit_keeps_the_bom_and_the_line_breaks(
    tmp_path: Path, bom: bool, newline: str, name: str
) -> None:
    pytest.importorskip("ruamel.yaml")
    catalogue = Path(shutil.copytree(EXAMPLE, tmp_path / "catalogue"))
    path = catalogue / name
    text = path.read_text(encoding="utf-8")
    path.write_bytes(("\ufeff" if bom else "").encode() + text.replace("\n", newline).encode())
    kind = ideation.Programme if name.endswith(".yaml") else ideation.Proposal
    loaded = ideation.load(path, kind)
    changed = (
        attrs.evolve(loaded, name="Un autre nom")
        if isinstance(loaded, ideation.Programme)
        else attrs.evolve(loaded, title="Un autre titre")
    )
    ideation.dump(changed, path)
    written = path.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") == bom
    assert written.count(b"\r\n") == (written.count(b"\n") if newline == "\r\n" else 0)
    # Only the edited line differs.
    before = text.splitlines()
    after = written.decode("utf-8-sig").replace("\r\n", "\n").splitlines()
    assert len(before) == len(after)
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1
    assert ideation.load(path, kind) == changed
