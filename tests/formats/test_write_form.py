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


def _indent_phases(text: str) -> str:
    """The programme file with its phases' list indented two columns (its other lists not)."""
    out, inside = [], False
    for line in text.split("\n"):
        if line.startswith("phases:"):
            inside = True
        elif inside and line and not line.startswith((" ", "-")):
            inside = False
        elif inside and line:
            line = "  " + line
        out.append(line)
    return "\n".join(out)


def test_an_edit_keeps_each_lists_own_indentation_and_the_closing_comments(
    tmp_path: Path,
) -> None:
    pytest.importorskip("ruamel.yaml")
    catalogue = Path(shutil.copytree(EXAMPLE, tmp_path / "catalogue"))
    path = catalogue / "programme.yaml"
    text = _indent_phases(path.read_text(encoding="utf-8")).rstrip("\n") + "\n# The end.\n"
    path.write_text(text, encoding="utf-8")
    programme = ideation.load(path, ideation.Programme)
    last = programme.phases[-1]
    changed = attrs.evolve(
        programme,
        phases=(
            *programme.phases[:-1],
            attrs.evolve(last, name=f"{last.name} (bis)"),
            ideation.Phase(slug="bilan", name="Bilan"),
        ),
        website="https://example.org/",
        images=("https://example.org/logo.png",),
    )
    ideation.dump(changed, path)
    after = path.read_text(encoding="utf-8")
    before_lines, after_lines = text.splitlines(), after.splitlines()
    # Three lines changed or came: the website, the phase's name, and the new phase (two
    # lines), indented as its neighbours, before the comment that closes the list.
    removed = [line for line in before_lines if line not in after_lines]
    added = [line for line in after_lines if line not in before_lines]
    assert removed == [f"website: {programme.website}", f"    name: {last.name}"]
    assert added == [
        "website: https://example.org/",
        f"    name: {last.name} (bis)",
        "  - slug: bilan",
        "    name: Bilan",
        "images:",
        "- https://example.org/logo.png",
    ]
    # A new key goes last, and the file's closing comment after it.
    assert after.endswith("- https://example.org/logo.png\n# The end.\n")
    assert after.index("    name: Bilan") < after.index("# The 2022 season")
    assert ideation.load(path, ideation.Programme) == changed
