"""Words and dates as the reader reads them: labels through Sphinx's translation machinery.

Labels are marked with ``_()`` from the ``ideation`` message catalog shipped in ``locale/``;
Sphinx loads the catalog of the project's ``language``. Dates and times are formatted by Babel
for that language.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_time
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation, init

from ..model import EventKind, ProposalStatus, SessionKind
from ._compat import forget_message_catalog
from ._config import get_config
from ._data import get_summary

#: The name of the extension's message catalog (``locale/<lang>/LC_MESSAGES/ideation.mo``).
CATALOG = "ideation"
#: Where the catalogs are shipped, in the package.
LOCALE_DIR = str(Path(__file__).resolve().parent / "locale")

_ = get_translation(CATALOG)


def translate(message: str) -> str:
    """``message`` in the project's language (the string itself where there is no translation)."""
    return str(_(message))


def status_label(status: ProposalStatus) -> str:
    """A proposal status as the reader reads it (``in-progress`` -> "In progress")."""
    labels = {
        ProposalStatus.SUBMITTED: _("Submitted"),
        ProposalStatus.SHORTLISTED: _("Shortlisted"),
        ProposalStatus.SELECTED: _("Selected"),
        ProposalStatus.IN_PROGRESS: _("In progress"),
        ProposalStatus.DELIVERED: _("Delivered"),
        ProposalStatus.REJECTED: _("Rejected"),
        ProposalStatus.WITHDRAWN: _("Withdrawn"),
    }
    return str(labels[status])


def event_kind_label(kind: EventKind) -> str:
    """An event kind as the reader reads it."""
    labels = {
        EventKind.IDEATION_WORKSHOP: _("Ideation workshop"),
        EventKind.BOOTCAMP: _("Bootcamp"),
        EventKind.WORKING_DAY: _("Working day"),
        EventKind.MEETUP: _("Meetup"),
        EventKind.WEBINAR: _("Webinar"),
        EventKind.CLOSING: _("Closing event"),
        EventKind.COMMITTEE: _("Committee"),
        EventKind.HACKATHON: _("Hackathon"),
        EventKind.TRAINING: _("Training"),
        EventKind.OTHER: _("Event"),
    }
    return str(labels[kind])


def session_kind_label(kind: SessionKind) -> str:
    """A session kind as the reader reads it."""
    labels = {
        SessionKind.WELCOME: _("Welcome"),
        SessionKind.PRESENTATION: _("Presentation"),
        SessionKind.PITCH: _("Pitches"),
        SessionKind.WORKSHOP: _("Workshop"),
        SessionKind.BREAK: _("Break"),
        SessionKind.MEAL: _("Meal"),
        SessionKind.RESTITUTION: _("Restitution"),
        SessionKind.TALK: _("Talk"),
        SessionKind.DISCUSSION: _("Discussion"),
        SessionKind.CLOSING: _("Closing"),
        SessionKind.OTHER: _("Other"),
    }
    return str(labels[kind])


def locale_for(language: str | None) -> Locale:
    """The Babel locale of a Sphinx ``language`` (English when unset or unknown)."""
    try:
        return Locale.parse(language or "en", sep="_" if "_" in (language or "") else "-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


# Babel formats a date in tens of microseconds, and a site shows the same few hundred days
# thousands of times (a history step, an agenda's times): each is formatted once per process.
@functools.lru_cache(maxsize=8192)
def format_day(day: dt.date, language: str | None) -> str:
    """A day in words (``16 mai 2022``, ``May 16, 2022``)."""
    return format_date(day, format="long", locale=locale_for(language))


@functools.lru_cache(maxsize=8192)
def format_days(first: dt.date, last: dt.date, language: str | None) -> str:
    """A span of days (``13–14 juin 2022``); one day when ``first`` is ``last``."""
    if first == last:
        return format_day(first, language)
    return format_interval(first, last, skeleton="yMMMMd", locale=locale_for(language))


@functools.lru_cache(maxsize=8192)
def format_clock(moment: dt.time | dt.datetime, language: str | None) -> str:
    """A time of day, short (``09:30``, ``9:30 AM``)."""
    if isinstance(moment, dt.datetime):
        moment = moment.time()
    return format_time(moment, format="short", locale=locale_for(language))


def _load_catalog(app: Sphinx, config: Config) -> None:
    # What add_message_catalog() does, for the language of ideation_language when it is set:
    # the project's language is not always the data's. Any catalog an earlier build in this
    # process loaded is dropped first where Sphinx lets it be (see ._compat), as
    # sphinx.locale.init() would merge into it. The
    # project's own locale_dirs come first, so that a project can add a language (an
    # ideation.mo of its own) or reword a label.
    language = get_config(config).labels_language(config)
    project_dirs = [Path(app.srcdir, folder) for folder in config.locale_dirs]
    forget_message_catalog(CATALOG)
    init([*project_dirs, LOCALE_DIR], language, CATALOG)


#: Above this many documents to read, Sphinx may read them in parallel (it does from 6 on, when
#: ``-j`` allows), and such a build formats dates anyway.
_MANY_DOCUMENTS = 5

#: The day and time formatted to load a language's data (any would do).
_SAMPLE = dt.datetime(2000, 1, 1, 9, 30)


def prepare_formatting(language: str | None) -> None:
    """Load Babel's data for ``language``: its locale, and the date, interval and time formats
    that :func:`format_day`, :func:`format_days` and :func:`format_clock` use.

    Babel loads them on first use, in each process: about 60 ms of a reading process's time
    on Sphinx 7.4, for each of the processes a parallel build forks to read a batch of pages.
    Loaded once before the processes are forked, they are inherited instead.
    """
    locale = locale_for(language)
    day = _SAMPLE.date()
    format_date(day, format="long", locale=locale)
    format_interval(day, day + dt.timedelta(days=1), skeleton="yMMMMd", locale=locale)
    format_time(_SAMPLE.time(), format="short", locale=locale)


def _before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    # Only for a build that reads many pages (one that reads a page or two, an edited page of
    # prose say, may format no date at all, and reads in one process anyway) and has a
    # catalogue to show.
    if len(docnames) > _MANY_DOCUMENTS and get_summary(env).loaded:
        prepare_formatting(get_config(env.config).labels_language(env.config))


def setup_labels(app: Sphinx) -> None:
    """Load the message catalog shipped with the package once the configuration is known, and
    Babel's data for the labels' language before a build reads its pages."""
    app.connect("config-inited", _load_catalog)
    app.connect("env-before-read-docs", _before_reading)
