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
from sphinx.locale import get_translation, init

from ..model import EventKind, ProposalStatus, SessionKind
from ._compat import forget_message_catalog
from ._config import get_config

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


def setup_labels(app: Sphinx) -> None:
    """Load the message catalog shipped with the package once the configuration is known."""
    app.connect("config-inited", _load_catalog)
