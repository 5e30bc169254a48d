"""``ideation new proposal|event|candidate "Title"``: a new data file, commented, that validates.

For people who start from a template (in the forge's web editor, say): the file holds the
keys that matter, each with a comment saying what it takes, and the optional ones commented
out. It is written in the catalogue folder's ``proposals/``, ``events/`` or ``candidates/``
folder (``--catalogue``, the current folder by default) or where ``-o`` says, never over an
existing file, and it is checked by the loader before the command says it is done.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import TextIO

from ideation._io import write_atomically
from ideation._validators import SLUG_PATTERN
from ideation.convert import structure
from ideation.errors import DataError
from ideation.formats import loads, yaml
from ideation.model import Candidate, Event, Proposal

from ._common import EXIT_DATA, EXIT_OK, CommandError, add_command

#: What ``ideation new`` makes, the folder each goes in, and its suffix.
KINDS = {
    "proposal": ("proposals", ".md"),
    "event": ("events", ".md"),
    "candidate": ("candidates", ".yaml"),
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``new`` to the sub-commands ``sub``."""
    parser = add_command(
        sub,
        "new",
        run,
        "write a new proposal, event or candidate file from a commented template",
        "Write a new data file with the keys that matter, each commented, that validates as it "
        "is: proposals/SLUG.md, events/SLUG.md or candidates/SLUG.yaml in the catalogue folder.",
    )
    parser.add_argument("kind", choices=tuple(KINDS), help="what the file describes")
    parser.add_argument("title", metavar="TITLE", help="its title (a candidate's name)")
    parser.add_argument(
        "--catalogue",
        metavar="FOLDER",
        default=".",
        help="the catalogue folder to write into (default: the current folder)",
    )
    parser.add_argument("--slug", help="the slug (default: made from the title)")
    parser.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        help="an event's date, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of the catalogue folder"
    )


def slug_of(title: str) -> str:
    """A slug made from ``title``: ASCII letters and digits, lowercase, single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 60:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def _quoted(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar: any title, escaped.
    return json.dumps(text, ensure_ascii=False)


def template(kind: str, title: str, slug: str, day: dt.date) -> str:
    """The text of a new ``kind`` file."""
    if kind == "proposal":
        return f"""---
# A project proposal. Check it with: ideation validate FILE
# The slug is the file's name unless given; it is how pages and other files name it.
slug: {_quoted(slug)}
title: {_quoted(title)}
# One or two sentences, shown in lists and cards.
summary: {_quoted(f"What {title} is about, in a sentence or two.")}
# submitted, shortlisted, selected, in-progress, delivered, rejected or withdrawn.
status: submitted
# The problem it solves, and what it should achieve (a list).
# problem: ...
# objectives:
#   - ...
# The organisations behind it, by their slugs in programme.yaml.
# sponsors: []
# The profiles the team needs (data scientist, developer...).
# wanted_profiles: []
# repository: https://...
# tags: []
---

The description of the proposal, in Markdown: the context, the data, what is expected.
"""
    if kind == "event":
        return f"""---
# An event of the programme. Check it with: ideation validate FILE
slug: {_quoted(slug)}
title: {_quoted(title)}
# The day (YYYY-MM-DD); add start and end (09:30) for hours, timezone for the zone.
date: {day.isoformat()}
# ideation-workshop, bootcamp, working-day, meetup, webinar, closing or other.
kind: other
summary: {_quoted(f"What happens at {title}.")}
# start: 09:30
# end: 17:00
# timezone: Europe/Paris
# location:
#   name: ...
#   city: ...
# The phase and season it belongs to, by their slugs in programme.yaml.
# phase: ...
# season: ...
# The agenda, one session a line:
# sessions:
#   - {{start: "09:30", title: Welcome coffee, kind: welcome}}
---

The description of the event, in Markdown.
"""
    return f"""# A person who wishes to join a proposal's team. Check: ideation validate FILE
# Nobody is named in any published output unless consent is true.
slug: {_quoted(slug)}
name: {_quoted(title)}
consent: false
# The organisation, by its slug in programme.yaml.
# organisation: ...
# Skills, matched against proposals' wanted profiles.
skills: []
# Proposal slugs, most wanted first.
wishes: []
# For the organisers' lists only; never published.
# contact:
#   email: ...
"""


def check(kind: str, text: str, file: str) -> None:
    """Read ``text`` back as the loader reads a ``kind`` file; a :class:`DataError` if it fails."""
    if kind == "candidate":
        structure(yaml.parse(text, file).data, Candidate)
    elif kind == "event":
        loads(text, Event, "markdown", file=file)
    else:
        loads(text, Proposal, "markdown", file=file)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the new file (checked first, never over another) and print its path."""
    slug = args.slug or slug_of(args.title)
    if not SLUG_PATTERN.fullmatch(slug):
        raise CommandError(
            f"cannot make a slug from {args.title!r}: give one with --slug (lowercase letters, "
            "digits and single hyphens)"
            if not args.slug
            else f"--slug: expected lowercase letters, digits and single hyphens, got {slug!r}"
        )
    folder, suffix = KINDS[args.kind]
    path = Path(args.output) if args.output else Path(args.catalogue) / folder / f"{slug}{suffix}"
    if path.exists():
        raise CommandError(f"{path}: already exists; nothing written", EXIT_DATA)
    text = template(args.kind, args.title, slug, args.date or dt.date.today())
    try:
        check(args.kind, text, str(path))
    except DataError as error:
        for problem in error.problems:
            err.write(f"{problem}\n")
        return EXIT_DATA
    write_atomically(path, text)
    out.write(f"{path}\n")
    return EXIT_OK
