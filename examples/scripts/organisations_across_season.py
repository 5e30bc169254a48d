"""Count, for each organisation, the events of a season where it was represented.

Usage: python organisations_across_season.py [CATALOGUE]

Sub-units count for their parent too (Gendarmerie nationale counts for the Ministère de
l'Intérieur), once per event. Attendance lists organisations, not people, so this counts
presence, which is what a programme team reports to the ministries that lend their experts.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import ideation

DEFAULT = Path(__file__).resolve().parents[1] / "programme-10"


def represented_at(catalogue: ideation.Catalogue) -> Counter[str]:
    """How many events each organisation (or one of its sub-units) attended."""
    counts: Counter[str] = Counter()
    for event in catalogue.events:
        if event.attendance is None:
            continue
        present: set[str] = set()
        for slug in event.attendance.organisations:
            present.add(slug)
            present.update(parent.slug for parent in catalogue.ancestors(slug))
        counts.update(present)
    return counts


def main(argv: list[str]) -> int:
    catalogue = ideation.load(argv[0] if argv else DEFAULT, ideation.Catalogue)
    counts = represented_at(catalogue)
    attended = sum(event.attendance.count or 0 for event in catalogue.events if event.attendance)
    print(f"{catalogue.programme.name}: {attended} attendances over {len(catalogue.events)} events")
    for organisation in catalogue.organisations:
        if organisation.parent is None and counts[organisation.slug]:
            print(f"{counts[organisation.slug]:3}  {organisation.name}")
            for child in catalogue.children(organisation.slug):
                if counts[child.slug]:
                    print(f"{counts[child.slug]:3}    {child.label}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
