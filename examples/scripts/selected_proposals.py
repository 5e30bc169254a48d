"""List the proposals a programme took on, with their leads.

Usage: python selected_proposals.py [CATALOGUE]

A proposal is "taken on" once it has been selected: its status is selected, in progress or
delivered.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ideation
from ideation import ProposalStatus

TAKEN_ON = {ProposalStatus.SELECTED, ProposalStatus.IN_PROGRESS, ProposalStatus.DELIVERED}
DEFAULT = Path(__file__).resolve().parents[1] / "programme-10"


def main(argv: list[str]) -> int:
    catalogue = ideation.load(argv[0] if argv else DEFAULT, ideation.Catalogue)
    for proposal in sorted(catalogue.proposals, key=lambda p: p.title.casefold()):
        if proposal.status in TAKEN_ON:
            sponsors = ", ".join(catalogue.organisation(s).label for s in proposal.sponsors)
            lead = proposal.lead or "no lead yet"
            print(proposal.title)
            print(f"    {proposal.status.value} - {lead} ({sponsors or 'no sponsor'})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
