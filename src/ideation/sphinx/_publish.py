"""What an HTML build publishes for others, at the root of its output: the catalogue it rendered
(``ideation.json``), an iCalendar feed of its events (``ideation.ics``, and
``ideation-SEASON.ics`` per season), each event's own calendar file
(``ideation-events/SLUG.ics``, which the event's full view links to) and an Atom feed
(``ideation.atom``).

Every object in them carries the URL of its page in this site (``url``), so that a site that
lists ``ideation.json`` as a source (see :mod:`ideation.sources`) and a calendar that follows
the feed link back here. Only public fields are published: the catalogue is the one pages
show (nobody named without consent, no key the model does not know), made public again with
:func:`ideation.privacy.public_catalogue`, and candidates (people) are left out. URLs are
absolute with ``html_baseurl``, else relative to the published files.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urljoin

import attrs
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .. import model
from .._io import write_run
from ..errors import MissingExtraError
from ..privacy import public_catalogue
from ._config import get_config
from ._data import get_store, store_is_loaded
from ._domain import get_domain
from ._links import EVENT_CALENDARS, event_calendar_path
from ._per_build import BuildSlot

logger = logging.getLogger(__name__)

#: The published catalogue, the calendars and the feed, at the root of the HTML output.
CATALOGUE_FILE = "ideation.json"
CALENDAR_FILE = "ideation.ics"
FEED_FILE = "ideation.atom"

_Pages = dict[tuple[str, str], str]

#: Set when the build adds, changes or removes a document: where objects are shown, and so
#: their pages' URLs, may have changed with no data changed.
_DOCUMENTS_CHANGED: BuildSlot[bool] = BuildSlot(lambda: False)


def _pages(app: Sphinx) -> _Pages:
    """The URL of each object's page (its primary target), by ``(kind, slug)``."""
    base = str(app.config.html_baseurl or "")
    if base and not base.endswith("/"):
        base += "/"
    found: _Pages = {}
    for slug, _title, kind, docname, anchor, _priority in get_domain(app.env).get_objects():
        uri = app.builder.get_target_uri(docname) + (f"#{anchor}" if anchor else "")
        found[(kind, slug)] = urljoin(base, uri) if base else uri
    return found


def _merged(catalogues: Iterable[model.Catalogue]) -> model.Catalogue | None:
    """One catalogue of the build's: the first's programme, every object once (as shown)."""
    catalogues = list(catalogues)
    if not catalogues:
        return None
    seen: set[tuple[str, str]] = set()
    kept: dict[str, list[model.Organisation | model.Event | model.Proposal]] = {
        "organisations": [],
        "events": [],
        "proposals": [],
    }
    for catalogue in catalogues:
        for section in kept:
            for item in getattr(catalogue, section):
                if (section, item.slug) not in seen:
                    seen.add((section, item.slug))
                    kept[section].append(item)
    # Candidates are people, left out (see the module's documentation): so are the teams,
    # which name them, or the catalogue would refer to candidates it does not hold.
    return model.Catalogue(
        programme=catalogues[0].programme,
        organisations=[o for o in kept["organisations"] if isinstance(o, model.Organisation)],
        events=[e for e in kept["events"] if isinstance(e, model.Event)],
        proposals=[
            attrs.evolve(p, team=()) if p.team else p
            for p in kept["proposals"]
            if isinstance(p, model.Proposal)
        ],
    )


def _with_urls(catalogue: model.Catalogue, pages: _Pages) -> model.Catalogue:
    """``catalogue`` with each event's page as its ``url`` key (what the exports link to)."""
    events = [
        attrs.evolve(event, extra={"url": pages[("event", event.slug)]})
        if ("event", event.slug) in pages
        else event
        for event in catalogue.events
    ]
    return attrs.evolve(catalogue, events=events)


def published_catalogue(catalogue: model.Catalogue, pages: _Pages) -> bytes:
    """``ideation.json``: the catalogue as the loader reads it back, each object with ``url``."""
    from ..convert import unstructure  # the serialisers, only when a build publishes

    data = unstructure(catalogue, native_dates=False)
    assert isinstance(data, dict)
    programme = data.get("programme")
    if isinstance(programme, dict) and ("programme", catalogue.programme.slug) in pages:
        programme["url"] = pages[("programme", catalogue.programme.slug)]
    for section, kind in (
        ("organisations", "organisation"),
        ("events", "event"),
        ("proposals", "proposal"),
    ):
        items = data.get(section)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and (kind, item.get("slug")) in pages:
                item["url"] = pages[(kind, str(item["slug"]))]
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False, default=_json_value)
    return (text + "\n").encode()


def _json_value(value: object) -> str:
    # A date or a time a site kept under a key of its own (YAML reads them as such): written as
    # the loader reads it back, ISO 8601.
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _publish(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    try:
        _write(app)
    except OSError as error:
        logger.warning(
            "ideation: cannot publish the catalogue: %s",
            error.strerror or error,
            type="ideation",
            subtype="publish",
            location=str(error.filename or app.outdir),
        )


def _write(app: Sphinx) -> None:
    config = get_config(app.config)
    if not config.publish:
        return
    outdir = Path(app.outdir)
    unchanged = not store_is_loaded(app.env) and not _DOCUMENTS_CHANGED.get(app)
    if unchanged and _intact(outdir):
        # No document came or went or changed, no page needed the catalogue and it did not
        # change: what was published stands (a build with nothing to do loads nothing for it).
        return
    store = get_store(app.env)
    merged = _merged(store.catalogues)
    if merged is None:
        return
    # The store's catalogue is public already; said again here, as every published output does.
    catalogue = public_catalogue(merged, show_names=config.show_names)
    files = _published_files(app, catalogue)
    _write_changed(outdir, files)
    # Only the folder's calendar files, which are all this extension's: those of events gone
    # (or made drafts) are removed.
    folder = outdir / EVENT_CALENDARS
    for stale in sorted(folder.glob("*.ics")) if folder.is_dir() else ():
        if stale.relative_to(outdir).as_posix() not in files:
            stale.unlink()


def _intact(outdir: Path) -> bool:
    """Whether the catalogue and the feed are published, and no published file is empty (as
    a crash of the system may leave one: see :func:`_write_changed`)."""
    try:
        if not all((outdir / name).stat().st_size for name in (CATALOGUE_FILE, FEED_FILE)):
            return False
        calendars = [*outdir.glob("ideation*.ics"), *(outdir / EVENT_CALENDARS).glob("*.ics")]
        return all(path.stat().st_size for path in calendars)
    except OSError:
        return False


def _published_files(app: Sphinx, catalogue: model.Catalogue) -> dict[str, bytes]:
    """Every published file's bytes, by its path from the root of the output."""
    pages = _pages(app)
    files = {CATALOGUE_FILE: published_catalogue(catalogue, pages)}
    linked = _with_urls(catalogue, pages)
    from ..export.feeds import to_atom  # the exports, only when a build publishes

    base = str(app.config.html_baseurl or "") or None
    feed_url = urljoin(base.rstrip("/") + "/", FEED_FILE) if base else None
    stamp = _stamp(catalogue)
    files[FEED_FILE] = to_atom(linked, feed_url=feed_url, site_url=base, stamp=stamp)
    try:
        from ..export.ical import to_ical
    except MissingExtraError:
        logger.info("ideation: no iCalendar feed published (install ideation[export])")
        return files
    files[CALENDAR_FILE] = to_ical(linked, stamp=stamp)
    for season in linked.programme.seasons:
        files[f"ideation-{season.slug}.ics"] = to_ical(linked.in_season(season.slug), stamp=stamp)
    # One per event that is not a draft, which the event's page links to.
    for event in linked.events:
        if not event.draft:
            files[event_calendar_path(event.slug)] = to_ical(linked, event=event.slug, stamp=stamp)
    return files


def _write_changed(outdir: Path, files: dict[str, bytes]) -> None:
    """Write the files whose bytes differ from what ``outdir`` holds, all or none.

    A file left as it was keeps its modification time, so that a server, a sync or a cache
    sees it unchanged, and an edit that changes one event writes its calendar, not every
    event's. They are not flushed to the disk one by one (2 to 5 ms a file, a hundred files
    for a hundred events): readers see the old file or the new one, and a file a crash of the
    system left empty differs from its bytes, so the next build writes it again.
    """
    with write_run() as run:
        for name, data in files.items():
            path = outdir / name
            try:
                if path.stat().st_size == len(data) and path.read_bytes() == data:
                    continue
            except OSError:
                pass  # not there yet, or unreadable: written (a failure says which)
            run.write(path, data, sync=False)


def _stamp(catalogue: model.Catalogue) -> dt.datetime:
    """The moment the published files say they were made: ``SOURCE_DATE_EPOCH`` when set (as
    reproducible builds set it), else the latest event's start: the same data gives the same
    bytes, whenever and however (serially, in parallel) it is built."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    starts = [event.starts_at for event in catalogue.events]
    return max(starts, default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).astimezone(dt.UTC)


def _note_documents(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    if added or changed or removed:
        _DOCUMENTS_CHANGED.set(app, True)
    return []


def setup_publish(app: Sphinx) -> None:
    """Publish the catalogue, the calendars and the feed when an HTML build finishes."""
    app.connect("env-get-outdated", _note_documents)
    app.connect("build-finished", _publish)
