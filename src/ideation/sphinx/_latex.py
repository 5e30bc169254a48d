"""LaTeX output that compiles with Sphinx's default engine, pdflatex.

The extension writes dates and times with Babel, whose patterns (from the Unicode CLDR) hold
typographic spaces that pdflatex's default UTF-8 setup does not know: a thin space on each side
of a date range's dash (``16 mai – 6 juin 2022``), a narrow no-break space before ``AM``. One
such character stops the PDF build (``Unicode character (U+2009) not set up for use with
LaTeX``). For pdflatex, the preamble declares each of them; XeLaTeX and LuaLaTeX read Unicode
and need nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: The spaces, joiners and dashes that CLDR's date, time and number patterns use and that
#: pdflatex lacks by default, with the LaTeX typeset in their place.
PDFLATEX_CHARACTERS: Mapping[str, str] = MappingProxyType(
    {
        "\u2002": r"\enspace",  # en space
        "\u2003": r"\quad",  # em space
        "\u2004": r"\hspace{0.3333em}",  # three-per-em space
        "\u2005": r"\hspace{0.25em}",  # four-per-em space
        "\u2006": r"\hspace{0.1667em}",  # six-per-em space
        "\u2007": r"\hphantom{0}",  # figure space
        "\u2008": r"\hphantom{.}",  # punctuation space
        "\u2009": r"\hspace{0.1667em}",  # thin space: around a date range's dash
        "\u200a": r"\hspace{0.08em}",  # hair space
        "\u200b": r"\hspace{0pt}",  # zero-width space: a place to break
        "\u200e": "",  # left-to-right mark
        "\u200f": "",  # right-to-left mark
        "\u2010": "-",  # hyphen
        "\u2011": r"\mbox{-}",  # non-breaking hyphen
        "\u2060": r"\nobreak",  # word joiner
        "\u202f": r"\nobreak\hspace{0.1667em}",  # narrow no-break space: before AM, in French
        "\u2212": r"\ensuremath{-}",  # minus sign
    }
)


def pdflatex_preamble() -> str:
    """The LaTeX lines that declare :data:`PDFLATEX_CHARACTERS` to pdflatex."""
    return "".join(
        f"\\DeclareUnicodeCharacter{{{ord(character):04X}}}{{{latex}}}\n"
        for character, latex in PDFLATEX_CHARACTERS.items()
    )


def _declare_characters(app: Sphinx, config: Config) -> None:
    if config.latex_engine != "pdflatex":
        return
    # A new dict, so that the project's own latex_elements object is left as it was; its own
    # preamble comes after ours, so that it can redeclare a character.
    elements = dict(config.latex_elements)
    elements["preamble"] = pdflatex_preamble() + str(elements.get("preamble", ""))
    config.latex_elements = elements


def setup_latex(app: Sphinx) -> None:
    """Make the LaTeX builders' output compile with pdflatex."""
    app.connect("config-inited", _declare_characters)
