"""``ideation show``: the programme, its phases, its events by date, its proposals by status and
its figures (those of :mod:`ideation.export.figures`, as ``ideation:figures`` shows them)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TextIO

from ideation.export.figures import Figures, figures
from ideation.model import Catalogue, Event
from ideation.sources import Origin, assemble, is_sources_file

from ._common import EXIT_OK, CommandError, add_catalogue_argument, add_command, load_catalogue


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``show`` to the sub-commands ``sub``."""
    parser = add_command(
        sub,
        "show",
        run,
        "summarise a catalogue",
        "Print the programme, its phases, its events by date, its proposals by status and its "
        "figures (participants, organisations, events, workshops, proposals, teams).",
    )
    add_catalogue_argument(parser)
    parser.add_argument(
        "--season",
        metavar="SLUG",
        help="only the events and proposals of this season (and those they continue)",
    )
    parser.add_argument(
        "--origins",
        action="store_true",
        help="with a sources file: also where each object comes from (source@commit:file:line, "
        "and its page in the forge)",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the summary of the catalogue, or of one of its seasons."""
    origins: list[str] = []
    if is_sources_file(args.catalogue):
        assembled = assemble(args.catalogue)
        catalogue = assembled.catalogue
        if args.origins:
            origins = origin_lines(assembled.origins)
    elif args.origins:
        raise CommandError("--origins: expected a sources file (sources.toml) as CATALOGUE")
    else:
        catalogue = load_catalogue(args.catalogue)
    if args.season is not None:
        seasons = [season.slug for season in catalogue.programme.seasons]
        if args.season not in seasons:
            known = ", ".join(seasons) or "none"
            raise CommandError(f"--season: no season {args.season!r} (the seasons: {known})")
    # The figures count from the whole catalogue: a season's working days may not name it.
    found = figures(catalogue, season=args.season)
    if args.season is not None:
        catalogue = catalogue.in_season(args.season)
    out.write("\n".join([*summary(catalogue), *figure_lines(found), *origins]) + "\n")
    return EXIT_OK


def origin_lines(origins: Mapping[tuple[str, str], Origin]) -> list[str]:
    """The lines of ``ideation show --origins``: each object, where it comes from, and its page
    in the forge when the forge is known."""
    lines = ["", "Origins"]
    for (kind, slug), origin in sorted(origins.items()):
        lines.append(f"  {kind} {slug}: {origin}")
        if origin.view_url:
            lines.append(f"    {origin.view_url}")
    return lines


def summary(catalogue: Catalogue) -> list[str]:
    """The lines ``ideation show`` prints for ``catalogue``."""
    programme = catalogue.programme
    lines = [f"{programme.name} ({programme.slug})"]
    if programme.website:
        lines.append(f"  {programme.website}")
    lines.append(
        f"  {len(programme.phases)} phases, {len(catalogue.organisations)} organisations, "
        f"{len(catalogue.events)} events, {len(catalogue.proposals)} proposals"
    )
    if programme.phases:
        lines += ["", "Phases"]
        for phase in programme.phases:
            span = " → ".join(
                day.isoformat() for day in (phase.start, phase.end) if day is not None
            )
            lines.append(f"  {span or '(no dates)':<25} {phase.name} ({phase.slug})")
    return lines + _events(catalogue) + _proposals(catalogue)


def _events(catalogue: Catalogue) -> list[str]:
    lines = ["", "Events"]
    for event in catalogue.events_in_order():
        extras = (
            f", {event.attendance.count} participants"
            if event.attendance and event.attendance.count
            else ""
        )
        lines.append(
            f"  {_when(event):<25} {event.title} ({event.slug}; {event.kind.value}{extras})"
        )
    if not catalogue.events:
        lines.append("  (none)")
    return lines


def _proposals(catalogue: Catalogue) -> list[str]:
    lines = ["", "Proposals"]
    for status, proposals in catalogue.proposals_by_status().items():
        lines.append(f"  {status.value} ({len(proposals)})")
        lines.extend(f"    {proposal.slug}: {proposal.title}" for proposal in proposals)
    if not catalogue.proposals:
        lines.append("  (none)")
    return lines


def _when(event: Event) -> str:
    starts, ends = event.starts_at, event.ends_at
    # An event with only a page date has no known hours (the exports say the same).
    if event.all_day or event.start is None:
        if ends is not None and ends.date() != starts.date():
            return f"{starts.date().isoformat()} → {ends.date().isoformat()}"
        return starts.date().isoformat()
    text = f"{starts.date().isoformat()} {starts:%H:%M}"
    if ends is not None:
        text += f"–{ends:%H:%M}" if ends.date() == starts.date() else f" → {ends:%Y-%m-%d %H:%M}"
    return text


def figure_lines(found: Figures) -> list[str]:
    """The figures, as ``ideation show`` prints them under its other sections."""

    def by(counts: dict[str, int]) -> str:
        return ", ".join(f"{name} {count}" for name, count in counts.items())

    participants = f"{'about ' if found.participants_approximate else ''}{found.participants}"
    if found.events_uncounted:
        participants += f" ({found.events_counted} of {found.events} events give a head count)"
    events = by({kind.value: n for kind, n in found.events_by_kind.items()})
    statuses = by({status.value: n for status, n in found.proposals_by_status.items()})
    return [
        "",
        "Figures",
        f"  participants: {participants}",
        f"  organisations represented: {len(found.organisations)} "
        f"({len(found.ministries)} ministries; {len(found.units)} units)",
        f"  events: {found.events}" + (f" ({events})" if events else ""),
        f"  workshop sessions: {found.workshops}; trainings: {found.trainings}",
        f"  proposals: {found.proposals}" + (f" ({statuses})" if statuses else ""),
        f"  teams recorded: {found.teams}; people placed: {found.people_placed}",
    ]
