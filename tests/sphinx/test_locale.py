"""The French catalog shipped in the package: complete, and compiled from its source."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import ideation.sphinx

PACKAGE = Path(ideation.sphinx.__file__).parent
MESSAGES = PACKAGE / "locale" / "fr" / "LC_MESSAGES"
# The ways the extension marks a label for translation.
MARKED = re.compile(
    r"""(?:\b_|translate|rubric)\(["']([^"']+)["']\)"""  # _("Agenda"), translate('Time')
    r"""|^\s+\("([A-Z][^"]+)","""  # a fact's label: ("Date", [...])
    r"""|\(\n\s+"([A-Z][^"]+)",\n""",  # the same, formatted over several lines
    re.MULTILINE,
)


def _catalog(kind: str) -> dict[str, str]:
    path = MESSAGES / f"ideation.{kind}"
    with path.open("rb") as stream:
        catalog = read_po(stream) if kind == "po" else read_mo(stream)
    return {str(message.id): str(message.string) for message in catalog if message.id}


def test_the_compiled_catalog_matches_its_source() -> None:
    assert _catalog("mo") == _catalog("po"), "run: pybabel compile -D ideation -d " + str(
        PACKAGE / "locale"
    )


def test_every_label_has_a_french_translation() -> None:
    marked = {
        label
        for source in PACKAGE.rglob("*.py")
        for found in MARKED.findall(source.read_text(encoding="utf-8"))
        for label in found
        if label
    }
    assert {"Time", "Agenda", "Participants", "Organisers"} <= marked
    translations = _catalog("po")
    missing = sorted(label for label in marked if not translations.get(label))
    assert missing == []
