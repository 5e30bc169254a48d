"""The organisers' lists: who is in each team, and how to reach them. Private, never published.

Unlike every other export, these lists are made from the catalogue itself, not from
:func:`ideation.privacy.public_catalogue`: they hold each member's name (consent or not) and
contact, for the people who run the programme and must reach them. A team is the one recorded
in the proposal's file (``team``), in its order; a member whose slug names no candidate is
listed with that slug alone, so that the list shows the gap instead of hiding it.

:func:`team_rows` gives the rows; :func:`teams_csv` and :func:`teams_xlsx` write them (the
XLSX needs ``openpyxl``, ``ideation[ops]``). Cells that a spreadsheet would run as a formula
are written with an apostrophe first, as in every CSV ideation writes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import TypedDict

from ideation._optional import require
from ideation._spreadsheets import neutralise
from ideation.model import Candidate, Catalogue, Organisation, PlainValue, Proposal

__all__ = ["COLUMNS", "TeamRow", "team_rows", "teams_csv", "teams_xlsx"]


class TeamRow(TypedDict):
    """One member of one team, as the organisers' lists give them."""

    season: str
    proposal: str
    title: str
    member: str
    name: str
    organisation: str
    ministry: str
    wish_rank: int | None
    email: str
    phone: str
    other_contact: str
    withdrawn: str


#: The columns of the lists, in order, with their headings.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("season", "Season"),
    ("proposal", "Proposal"),
    ("title", "Title"),
    ("member", "Member"),
    ("name", "Name"),
    ("organisation", "Organisation"),
    ("ministry", "Ministry"),
    ("wish_rank", "Wish rank"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("other_contact", "Other contact"),
    ("withdrawn", "Withdrawn"),
)


def _ministry(catalogue: Catalogue, organisation: Organisation) -> Organisation:
    """The top of ``organisation``'s parents (a directorate's ministry), or itself."""
    ancestors = catalogue.ancestors(organisation.slug)
    return ancestors[-1] if ancestors else organisation


def _plain_text(value: PlainValue) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_plain_text(item) for item in value)
    return "" if value is None else str(value)


def _row(catalogue: Catalogue, proposal: Proposal, slug: str) -> TeamRow:
    try:
        member: Candidate | None = catalogue.candidate(slug)
    except KeyError:
        member = None
    organisation = ministry = ""
    if member is not None and member.organisation is not None:
        try:
            org = catalogue.organisation(member.organisation)
        except KeyError:
            organisation = member.organisation
        else:
            organisation = org.name
            ministry = _ministry(catalogue, org).name
    contact = None if member is None else member.contact
    withdrawn = None if member is None else member.withdrawn
    return TeamRow(
        season=proposal.season or "",
        proposal=proposal.slug,
        title=proposal.title,
        member=slug,
        name="" if member is None else member.name,
        organisation=organisation,
        ministry=ministry,
        wish_rank=None if member is None else member.rank_of(proposal.slug),
        email="" if contact is None or contact.email is None else contact.email,
        phone="" if contact is None or contact.phone is None else contact.phone,
        other_contact=""
        if contact is None
        else "; ".join(f"{key}: {_plain_text(value)}" for key, value in contact.extra.items()),
        withdrawn="" if withdrawn is None else str(withdrawn),
    )


def team_rows(catalogue: Catalogue, *, season: str | None = None) -> Iterator[TeamRow]:
    """One row per member of each recorded team, proposals in catalogue order, members in
    their team's order; only the proposals of ``season`` when it is given."""
    for proposal in catalogue.proposals:
        if season is not None and proposal.season != season:
            continue
        for slug in proposal.team:
            yield _row(catalogue, proposal, slug)


def _values(row: TeamRow) -> tuple[str | int | None, ...]:
    return (
        row["season"],
        row["proposal"],
        row["title"],
        row["member"],
        row["name"],
        row["organisation"],
        row["ministry"],
        row["wish_rank"],
        row["email"],
        row["phone"],
        row["other_contact"],
        row["withdrawn"],
    )


def teams_csv(rows: Sequence[TeamRow]) -> str:
    """The rows as CSV (RFC 4180, CRLF line ends), with a header line."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(heading for _, heading in COLUMNS)
    for row in rows:
        writer.writerow(
            "" if value is None else neutralise(value) if isinstance(value, str) else value
            for value in _values(row)
        )
    return stream.getvalue()


def teams_xlsx(rows: Sequence[TeamRow]) -> bytes:
    """The rows as an XLSX workbook of one sheet, ``Teams``, its header row frozen."""
    require("openpyxl", "ops", "writing a spreadsheet (.xlsx)")
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "Teams"
    sheet.append([heading for _, heading in COLUMNS])
    for row in rows:
        sheet.append(_values(row))
        # Text is text: a name or note that starts with = is not run as a formula.
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
