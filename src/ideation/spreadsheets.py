"""Text that a spreadsheet opens as text: no cell of ours runs as a formula.

Every CSV that ideation writes (the open-data export, the shortlist and the teams of a season)
holds text from data files, which come from many people. A spreadsheet runs a cell that starts
with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or a carriage return) as a formula, so
such a cell is written with an apostrophe first, as OWASP's advice on CSV injection says.
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "neutralise"]

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text``, with an apostrophe first if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
