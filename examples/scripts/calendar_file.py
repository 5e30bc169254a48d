"""Write a programme's events to an iCalendar file that calendar apps can subscribe to.

Usage: python calendar_file.py OUTPUT.ics [CATALOGUE] [BASE_URL]

With BASE_URL (where the site is published), each event's description ends with the link to
its page, as calendar apps show the description but ignore the URL property.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ideation
from ideation.export.ical import to_ical

DEFAULT = Path(__file__).resolve().parents[1] / "programme-10"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    catalogue = ideation.load(argv[1] if len(argv) > 1 else DEFAULT, ideation.Catalogue)
    url = argv[2] if len(argv) > 2 else None
    Path(argv[0]).write_bytes(to_ical(catalogue, url=url))
    print(f"{len(catalogue.events)} events written to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
