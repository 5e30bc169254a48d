"""Charts of a programme: the data of each chart, and its drawing as SVG or PDF bytes.

Four kinds of chart, each a pure function from model objects to a :class:`Chart`:

- :func:`attendance_chart`: who came to a set of events, by organisation (a ministry and its
  sub-units counted together) and by profile;
- :func:`funnel_chart`: how far proposals went along their lifecycle, and which left it;
- :func:`timeline_chart`: the programme's phases and events on a time axis;
- :func:`participation_chart`: attendance and organisations represented, event by event.

A :class:`Chart` holds everything a reader needs without the picture: a title, a sentence that
says what it shows (the text alternative) and its data as a table. :func:`draw` makes the picture
with matplotlib (the ``ideation[charts]`` extra), which is imported only there, so the data side
works without it.

Words go through a :class:`Words` object, so a caller can put them in the reader's language
(the Sphinx extension passes its translations and Babel's formats); the default is English.

Each chart is drawn in two layouts: ``wide`` (:data:`WIDE_INCHES` across, for a page's column)
and ``narrow`` (:data:`NARROW_INCHES`, for a phone), both with no text smaller than
:data:`TEXT_PT` points (12.7 CSS px at their own size), so that a page can show the layout that
fits its column without shrinking the text. The drawing has an opaque light background and dark
ink (``INK``, 10:1), so it reads the same on a light or a dark page; count axes tick at whole
numbers; a legend sits outside the plot, never over a bar; the title is left to the page (the
picture's caption), and is kept in the SVG's ``<title>`` for screen readers.

The drawing is deterministic: the same chart gives the same bytes (no dates in the files, a fixed
hash salt for SVG ids, the fonts shipped with matplotlib), so builds can be compared byte by byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from ideation._optional import require
from ideation.model import Catalogue, Event, Proposal, ProposalStatus

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.typing import RcKeyType

__all__ = [
    "EXITS",
    "FORMATS",
    "KINDS",
    "LAYOUTS",
    "LIFECYCLE",
    "NARROW_INCHES",
    "PALETTE",
    "TEXT_PT",
    "WIDE_INCHES",
    "Bars",
    "Chart",
    "Format",
    "Layout",
    "Span",
    "Spans",
    "Words",
    "attendance_chart",
    "chart_key",
    "draw",
    "funnel_chart",
    "participation_chart",
    "timeline_chart",
]

#: A file format of a drawing.
Format = Literal["svg", "pdf"]
#: A drawing's layout, ``wide`` for a page's column or ``narrow`` for a phone's.
Layout = Literal["wide", "narrow"]
#: The layouts :func:`draw` makes.
LAYOUTS: tuple[Layout, ...] = ("wide", "narrow")
#: The width of the wide layout in inches, 614 CSS px (96 an inch).
WIDE_INCHES = 6.4
#: The width of the narrow layout in inches, 288 CSS px.
NARROW_INCHES = 3.0
#: The size of the smallest text of a drawing, in points (a point is 4/3 CSS px).
TEXT_PT = 9.5
#: The kinds of chart, as ``ideation:chart`` names them.
KINDS = ("attendance", "funnel", "timeline", "participation")
#: The file formats :func:`draw` makes: SVG for web pages, PDF for LaTeX.
FORMATS: tuple[Format, ...] = ("svg", "pdf")
#: The main path of a proposal, in order.
LIFECYCLE = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.SHORTLISTED,
    ProposalStatus.SELECTED,
    ProposalStatus.IN_PROGRESS,
    ProposalStatus.DELIVERED,
)
#: The ways out of the lifecycle.
EXITS = (ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN)
#: Okabe and Ito's palette, told apart by readers with any common colour blindness, and readable
#: on light and dark backgrounds alike.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
#: Hatches that tell series apart where colour would be the only cue.
HATCHES = ("", "//", "..", "xx", "\\\\", "oo")
#: The text and lines: 10:1 on the drawing's own background (:data:`PAPER`).
INK = "#3d3d3d"
#: The drawing's background, opaque so that the ink keeps its contrast on a dark page.
PAPER = "#ffffff"


def _identity(text: str) -> str:
    return text


@attrs.frozen
class Words:
    """How a chart says things: translated labels, and days and numbers in the reader's format."""

    text: Callable[[str], str] = _identity
    day: Callable[[dt.date], str] = dt.date.isoformat
    number: Callable[[int], str] = str


@attrs.frozen
class Bars:
    """A panel of horizontal bars: one row per label, one bar per series."""

    title: str
    axis: str
    labels: tuple[str, ...]
    #: The series, each a name and one value per label (``None`` when unknown, drawn as no bar).
    series: tuple[tuple[str, tuple[int | None, ...]], ...]
    #: Rows drawn with a pattern, to set them apart without colour (the exits of a funnel).
    marked: frozenset[int] = frozenset()


@attrs.frozen
class Span:
    """A row of a timeline: a phase from ``start`` to ``end``, or an event (one day or more)."""

    label: str
    start: dt.date
    end: dt.date
    is_event: bool


@attrs.frozen
class Spans:
    """A panel of spans on a time axis, with today marked when given."""

    title: str
    spans: tuple[Span, ...]
    today: dt.date | None = None
    today_label: str = "Today"


Panel = Bars | Spans


@attrs.frozen
class Chart:
    """A chart: what it is called, what it shows in words, its panels and its data table."""

    kind: str
    title: str
    description: str
    panels: tuple[Panel, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: What the drawing leaves out, in a sentence a page shows beside it ("" when nothing is).
    note: str = ""


def chart_key(chart: Chart, size: tuple[float, float], extra: str = "") -> str:
    """A short hash of everything that makes the chart's files: the name they are stored under."""
    matplotlib = require("matplotlib", "charts", "drawing a chart")

    text = json.dumps(
        # The style is part of it: a change of style must not reuse the files of the old one.
        [repr(chart), size, extra, matplotlib.__version__, sorted(_RC.items())],
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


# -- data ----------------------------------------------------------------------------------------


def _top(catalogue: Catalogue, slug: str) -> str:
    """The organisation at the top of ``slug``'s family (its ministry), or itself."""
    ancestors = catalogue.ancestors(slug)
    return ancestors[-1].slug if ancestors else slug


def _org_name(catalogue: Catalogue, slug: str) -> str:
    try:
        organisation = catalogue.organisation(slug)
    except KeyError:
        return slug
    return organisation.acronym or organisation.name


def _count(value: int | None, words: Words) -> str:
    return "–" if value is None else words.number(value)


def _attendance_counts(
    catalogue: Catalogue, events: Sequence[Event]
) -> tuple[list[tuple[str, int]], list[tuple[str, int]], bool]:
    """Units represented by organisation family and people by profile, largest first; and
    whether the profiles were counted in people (else in events attended)."""
    families: dict[str, int] = {}
    profiles: dict[str, list[int | None]] = {}
    for event in events:
        if event.attendance is None:
            continue
        for slug in event.attendance.organisations:
            top = _top(catalogue, slug)
            families[top] = families.get(top, 0) + 1
        for profile in event.attendance.profiles:
            profiles.setdefault(profile.name, []).append(profile.count)
    counted = any(count is not None for counts in profiles.values() for count in counts)
    profile_values = {
        name: sum(c for c in counts if c is not None) if counted else len(counts)
        for name, counts in profiles.items()
    }
    return (
        sorted(families.items(), key=_largest_first),
        sorted(profile_values.items(), key=_largest_first),
        counted,
    )


def _largest_first(item: tuple[str, int]) -> tuple[int, str]:
    """Sort key: the largest count first, then by name."""
    return -item[1], item[0]


def attendance_chart(catalogue: Catalogue, events: Sequence[Event], words: Words) -> Chart:
    """Who came to ``events``: units represented by organisation family, and people by profile.

    An organisation counts once per event for each of its units there: a ministry whose
    gendarmerie and digital directorate came counts two. Profiles count people where the data
    gives a number, and otherwise the events the profile was seen at.
    """
    t = words.text
    org_rows, profile_rows, counted = _attendance_counts(catalogue, events)
    org_labels = tuple(_org_name(catalogue, slug) for slug, _ in org_rows)
    org_values = tuple(value for _, value in org_rows)
    panels: list[Panel] = [
        Bars(
            t("By organisation"),
            t("Units represented"),
            org_labels,
            ((t("Units represented"), org_values),),
        )
    ]
    profile_axis = t("People") if counted else t("Events attended")
    if profile_rows:
        panels.append(
            Bars(
                t("By profile"),
                profile_axis,
                tuple(name for name, _ in profile_rows),
                ((profile_axis, tuple(v for _, v in profile_rows)),),
            )
        )
    rows = [
        (t("Organisation"), label, words.number(value))
        for label, value in zip(org_labels, org_values, strict=True)
    ]
    rows += [(t("Profile"), name, words.number(value)) for name, value in profile_rows]
    description = t(
        "Attendance by organisation and by profile. Events: {events}; organisations "
        "represented: {organisations}; profiles: {profiles}."
    ).format(
        events=words.number(len(events)),
        organisations=words.number(len(org_rows)),
        profiles=words.number(len(profile_rows)),
    )
    return Chart(
        kind="attendance",
        title=t("Attendance"),
        description=description,
        panels=tuple(panels),
        headers=(t("Grouped by"), t("Name"), t("Count")),
        rows=tuple(rows),
    )


def _furthest(proposal: Proposal) -> int:
    """How far along the lifecycle ``proposal`` went (0: submitted, which every proposal was)."""
    steps = [change.status for change in proposal.history] + [proposal.status]
    return max((LIFECYCLE.index(s) for s in steps if s in LIFECYCLE), default=0)


def funnel_chart(
    proposals: Sequence[Proposal],
    words: Words,
    status: Callable[[ProposalStatus], str] = str,
) -> Chart:
    """How many ``proposals`` reached each step of the lifecycle, and how many left it.

    A proposal reached a step if its history or its status shows that step or a later one;
    every proposal was submitted. ``status`` gives a status's label in the reader's language.
    """
    t = words.text
    reached = tuple(
        sum(1 for p in proposals if _furthest(p) >= index) for index in range(len(LIFECYCLE))
    )
    left = tuple(sum(1 for p in proposals if p.status is exit_) for exit_ in EXITS)
    now = {s: sum(1 for p in proposals if p.status is s) for s in (*LIFECYCLE, *EXITS)}
    labels = tuple(status(s) for s in (*LIFECYCLE, *EXITS))
    values: tuple[int | None, ...] = (*reached, *left)
    rows = tuple(
        (label, _count(value, words), words.number(now[s]))
        for label, value, s in zip(labels, values, (*LIFECYCLE, *EXITS), strict=True)
    )
    description = t(
        "Proposals by the furthest step they reached. Proposals: {total}; selected: "
        "{selected}; delivered: {delivered}; left the lifecycle: {left}."
    ).format(
        total=words.number(len(proposals)),
        selected=words.number(reached[LIFECYCLE.index(ProposalStatus.SELECTED)]),
        delivered=words.number(reached[-1]),
        left=words.number(sum(left)),
    )
    return Chart(
        kind="funnel",
        title=t("Proposals along their lifecycle"),
        description=description,
        panels=(
            Bars(
                t("Proposals that reached each step or a later one"),
                t("Proposals"),
                labels,
                ((t("Proposals"), values),),
                marked=frozenset(range(len(LIFECYCLE), len(labels))),
            ),
        ),
        headers=(t("Status"), t("Reached"), t("Now")),
        rows=rows,
    )


def timeline_chart(
    catalogue: Catalogue, events: Sequence[Event], words: Words, today: dt.date | None = None
) -> Chart:
    """The programme's dated phases and ``events`` on a time axis, ``today`` marked if given.

    A phase without both dates has no bar; it is still in the table, with the dates it has.
    """
    t = words.text
    spans: list[Span] = [
        Span(phase.name, phase.start, phase.end, is_event=False)
        for phase in catalogue.programme.phases
        if phase.start is not None and phase.end is not None
    ]
    spans += [Span(e.title, e.first_day, e.last_day, is_event=True) for e in events]
    rows: list[tuple[str, ...]] = []
    for phase in catalogue.programme.phases:
        rows.append(
            (
                t("Phase"),
                phase.name,
                words.day(phase.start) if phase.start else "–",
                words.day(phase.end) if phase.end else "–",
            )
        )
    for event in events:
        rows.append(
            (t("Event"), event.title, words.day(event.first_day), words.day(event.last_day))
        )
    description = t(
        "Phases and events of {programme} on a time axis. Phases: {phases}; events: {events}."
    ).format(
        phases=words.number(len(catalogue.programme.phases)),
        events=words.number(len(events)),
        programme=catalogue.programme.name,
    )
    if spans:
        first = min(span.start for span in spans)
        last = max(span.end for span in spans)
        description += " " + t("From {first} to {last}.").format(
            first=words.day(first), last=words.day(last)
        )
    if today is not None:
        description += " " + t("Today is {today}.").format(today=words.day(today))
    return Chart(
        kind="timeline",
        title=t("Timeline"),
        description=description,
        panels=(Spans(catalogue.programme.name, tuple(spans), today, t("Today")),),
        headers=(t("Kind"), t("Name"), t("Start"), t("End")),
        rows=tuple(rows),
    )


def participation_chart(events: Sequence[Event], words: Words) -> Chart:
    """Event by event: how many people came, and how many organisations were represented.

    Events without attendance data are in the table with dashes; the drawing leaves them out,
    and the chart's :attr:`~Chart.note` says how many it left out.
    """
    t = words.text
    people: list[int | None] = []
    organisations: list[int | None] = []
    for event in events:
        attendance = event.attendance
        people.append(attendance.count if attendance else None)
        organisations.append(
            len(attendance.organisations) if attendance and attendance.organisations else None
        )
    labels = tuple(f"{words.day(e.first_day)} · {e.title}" for e in events)
    known = [count for count in people if count is not None]
    drawn = [
        i for i, pair in enumerate(zip(people, organisations, strict=True)) if pair != (None,) * 2
    ]
    note = ""
    if len(drawn) < len(events):
        note = t(
            "{left} of the {events} events have no attendance data: the chart leaves them out, "
            "and the table shows them with dashes."
        ).format(left=words.number(len(events) - len(drawn)), events=words.number(len(events)))
    description = t(
        "Participants and organisations represented, event by event. Events: {events}; "
        "with a count: {known}; participations in all: {total}."
    ).format(
        events=words.number(len(events)),
        known=words.number(len(known)),
        total=words.number(sum(known)),
    )
    rows = tuple(
        (words.day(e.first_day), e.title, _count(p, words), _count(o, words))
        for e, p, o in zip(events, people, organisations, strict=True)
    )
    return Chart(
        kind="participation",
        title=t("Participation over the season"),
        description=description,
        panels=(
            Bars(
                t("Participation by event"),
                t("Count"),
                tuple(labels[i] for i in drawn),
                (
                    (t("Participants"), tuple(people[i] for i in drawn)),
                    (t("Organisations"), tuple(organisations[i] for i in drawn)),
                ),
            ),
        ),
        headers=(t("Date"), t("Event"), t("Participants"), t("Organisations")),
        rows=rows,
        note=note,
    )


# -- drawing -------------------------------------------------------------------------------------

_RC: dict[RcKeyType, str | int | float | bool] = {
    "svg.hashsalt": "ideation",
    "svg.fonttype": "path",
    # Type 3: matplotlib subsets the font itself (Type 42 goes through fontTools, which logs).
    "pdf.fonttype": 3,
    "font.family": "DejaVu Sans",
    # Every text of a drawing (ticks, bar labels, legends, titles) is at least this size: the
    # smaller named sizes ("small", "x-small") are not used.
    "font.size": TEXT_PT,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.titlesize": TEXT_PT,
    "axes.labelsize": TEXT_PT,
    "xtick.labelsize": TEXT_PT,
    "ytick.labelsize": TEXT_PT,
    "legend.fontsize": TEXT_PT,
    "axes.facecolor": PAPER,
    "figure.facecolor": PAPER,
    "savefig.facecolor": PAPER,
    "savefig.transparent": False,
    "path.simplify": False,
    # Text comes from data files: a "$" in a title must not start a formula (or fail to parse).
    "text.parse_math": False,
}
#: How many characters of a row's label fit on one line, by layout.
_WRAP: dict[Layout, int] = {"wide": 38, "narrow": 20}


def _wrap(label: str, width: int = 38, most: int = 2) -> str:
    """A long label on at most ``most`` lines, ellipsised after that."""
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1][: width - 1] + "…"]
    return "\n".join(lines)


def _title(title: str, layout: Layout) -> str:
    """A panel's title, wrapped to the width of its plot."""
    return _wrap(title, 76, 2) if layout == "wide" else _wrap(title, 17, 4)


def _draw_bars(axes: Axes, panel: Bars, words: Words, layout: Layout) -> None:
    from matplotlib.ticker import MaxNLocator

    count = len(panel.series)
    height = 0.8 / max(count, 1)
    positions = range(len(panel.labels))
    for number, (name, values) in enumerate(panel.series):
        label: str | None = name
        for row, value in zip(positions, values, strict=True):
            if value is None:
                continue
            hatch = HATCHES[number % len(HATCHES)]
            colour = PALETTE[number % len(PALETTE)]
            if row in panel.marked:
                hatch, colour = "//", PALETTE[5]
            y = row - 0.4 + height * (number + 0.5)
            bar = axes.barh(
                y,
                value,
                height=height * 0.9,
                color=colour,
                hatch=hatch,
                edgecolor=INK,
                linewidth=0.5,
                label=label,
            )
            label = None  # one legend entry per series
            axes.bar_label(bar, labels=[words.number(value)], padding=3, color=INK)
    axes.set_yticks(list(positions), [_wrap(label, _WRAP[layout]) for label in panel.labels])
    # Counts: ticks at whole numbers only (never "0.5 participants").
    axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4 if layout == "narrow" else 8))
    axes.invert_yaxis()
    axes.set_xlabel(panel.axis)
    # Over the plot, beside the row labels: as wide as the plot is in a narrow layout.
    axes.set_title(_title(panel.title, layout), loc="left", color=INK)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(x=0.15)


def _month_starts(first: dt.date, last: dt.date, most: int = 8) -> list[dt.date]:
    """The first day of each month from ``first`` to ``last``, thinned to at most ``most``."""
    months, day = [], dt.date(first.year, first.month, 1)
    while day <= last:
        months.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    step = max(1, -(-len(months) // most))
    return months[::step]


def _draw_spans(axes: Axes, panel: Spans, words: Words, layout: Layout) -> None:
    # Days as ordinals: the axis needs no date converter, and the ticks are ours to name.
    for row, span in enumerate(panel.spans):
        start = span.start.toordinal()
        axes.barh(
            row,
            span.end.toordinal() - start + 1,
            left=start,
            height=0.6,
            color=PALETTE[1] if span.is_event else PALETTE[0],
            hatch="" if span.is_event else "//",
            edgecolor=INK,
            linewidth=0.5,
        )
    labels = [_wrap(span.label, _WRAP[layout]) for span in panel.spans]
    axes.set_yticks(range(len(panel.spans)), labels)
    axes.invert_yaxis()
    if panel.spans:
        ticks = _month_starts(
            min(span.start for span in panel.spans),
            max(span.end for span in panel.spans),
            3 if layout == "narrow" else 8,
        )
        axes.set_xticks([t.toordinal() for t in ticks], [words.day(t) for t in ticks])
    if panel.today is not None:
        today = panel.today.toordinal()
        axes.axvline(today, color=PALETTE[5], linestyle="--", linewidth=1.2)
        # Above the plot, where no bar is.
        axes.annotate(
            f"{panel.today_label} · {words.day(panel.today)}",
            (today, 1),
            xycoords=("data", "axes fraction"),
            xytext=(0, 3),
            textcoords="offset points",
            horizontalalignment="center",
            color=INK,
        )
    for label in axes.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
    axes.set_title(_title(panel.title, layout), loc="left", color=INK, pad=18)
    axes.spines[["top", "right"]].set_visible(False)


def _rows(panel: Panel) -> int:
    return len(panel.labels) if isinstance(panel, Bars) else len(panel.spans)


def _figure_size(
    chart: Chart, size: tuple[float, float] | None, layout: Layout
) -> tuple[float, float]:
    if size is not None:
        return size
    rows = sum(
        max(_rows(panel), 1) * (len(panel.series) if isinstance(panel, Bars) else 1)
        for panel in chart.panels
    )
    # Taller rows where labels wrap onto two lines in a narrow layout.
    per_row = 0.36 if layout == "wide" else 0.5
    width = WIDE_INCHES if layout == "wide" else NARROW_INCHES
    return (width, min(1.6 + per_row * rows + 0.9 * len(chart.panels), 16.0))


def draw(
    chart: Chart,
    form: Format,
    words: Words | None = None,
    size: tuple[float, float] | None = None,
    layout: Layout = "wide",
) -> bytes:
    """The chart drawn as ``form`` (``svg`` or ``pdf``) bytes in ``layout``; needs matplotlib.

    The SVG carries the chart's title and description as ``<title>`` and ``<desc>``; the PDF
    as its Title and Subject; the title is not drawn (the page shows it once, as the caption).
    ``size`` is in inches (width, height); by default the width is the layout's and the height
    grows with the number of rows.
    """
    require("matplotlib", "charts", "drawing a chart")
    import matplotlib
    from matplotlib.figure import Figure

    words = words or Words()
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=_figure_size(chart, size, layout), layout="constrained")
        heights = [max(_rows(panel), 1) for panel in chart.panels] or [1]
        grid = figure.subplots(len(heights), 1, squeeze=False, height_ratios=heights)
        for axes, panel in zip(grid[:, 0], chart.panels, strict=False):
            if isinstance(panel, Bars):
                _draw_bars(axes, panel, words, layout)
            else:
                _draw_spans(axes, panel, words, layout)
        handles, labels = [], []
        for axes in grid[:, 0]:
            found = axes.get_legend_handles_labels()
            if len(found[1]) > 1:
                handles += found[0]
                labels += found[1]
        if handles:
            # Under the plots, outside them: a legend never covers a bar.
            figure.legend(handles, labels, loc="outside lower left", ncols=2, frameon=False)
        stream = io.BytesIO()
        if form == "svg":
            figure.savefig(stream, format="svg", metadata={"Date": None})
            return _label_svg(stream.getvalue(), chart.title, chart.description)
        figure.savefig(
            stream,
            format="pdf",
            metadata={"CreationDate": None, "Title": chart.title, "Subject": chart.description},
        )
        return stream.getvalue()


_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def _label_svg(data: bytes, title: str, description: str) -> bytes:
    """``data`` with ``<title>`` and ``<desc>`` first in the root element, for screen readers."""
    match = _SVG_OPEN.search(data)
    if match is None:  # pragma: no cover - matplotlib always writes an <svg> element
        return data
    opening = match.group(0)[:-1] + b' role="img" aria-labelledby="ideation-t ideation-d">'
    inner = (
        f'\n <title id="ideation-t">{html.escape(title)}</title>'
        f'\n <desc id="ideation-d">{html.escape(description)}</desc>'
    ).encode()
    return data[: match.start()] + opening + inner + data[match.end() :]
