"""An Atom feed (RFC 4287) of a programme's events, for feed readers and for partner sites that
re-post events by following the feed rather than by copying them.

The feed is written with the standard library's ``xml.etree.ElementTree``, which escapes
every text from the data. Only public fields are written (see :mod:`ideation.privacy`), and a
URL from the data only if :func:`ideation.urls.safe_url` takes it.
"""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from ..model import Catalogue, Event
from ..privacy import public_catalogue
from ..urls import safe_url
from . import event_url, select_events, stable_uuid

__all__ = ["ATOM_NAMESPACE", "to_atom"]

#: The XML namespace of Atom.
ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _updated(event: Event) -> dt.datetime:
    """When the event's entry last changed: Hugo's ``lastmod`` if the page gives one, else
    the event's start (the same on every run, unlike the moment of the export)."""
    lastmod = event.extra.get("lastmod")
    if isinstance(lastmod, str):
        try:
            moment = dt.datetime.fromisoformat(lastmod)
        except ValueError:
            moment = None
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=event.zone)
    return event.starts_at


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NAMESPACE}}}{tag}", attributes)
    element.text = text
    return element


def _link(parent: ET.Element, href: str | None, rel: str, kind: str | None = None) -> None:
    safe = safe_url(href) if href else None
    if safe:
        attributes = {"href": safe, "rel": rel}
        if kind is not None:
            attributes["type"] = kind
        ET.SubElement(parent, f"{{{ATOM_NAMESPACE}}}link", attributes)


def to_atom(
    catalogue: Catalogue,
    *,
    url: str | None = None,
    feed_url: str | None = None,
    site_url: str | None = None,
    season: str | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The Atom feed of ``catalogue``'s events (drafts left out), the latest first, as UTF-8.

    ``url`` is a template of event page URLs with ``{slug}`` (see
    :func:`ideation.export.event_url`); ``feed_url`` is where the feed itself is published (its
    ``self`` link, and its id), ``site_url`` the site's home. ``season`` keeps only that
    season's events. The feed's ``updated`` is its latest entry's, or ``stamp`` (now by
    default) when it has none, so that the same catalogue gives the same bytes.
    """
    catalogue = public_catalogue(catalogue)
    if season is not None:
        catalogue = catalogue.in_season(season)
    programme = catalogue.programme
    events = sorted(select_events(catalogue), key=lambda event: event.starts_at, reverse=True)
    ET.register_namespace("", ATOM_NAMESPACE)
    feed = ET.Element(f"{{{ATOM_NAMESPACE}}}feed")
    feed_id = safe_url(feed_url) if feed_url else None
    parts = (programme.slug, "atom", *((season,) if season else ()))
    _text(feed, "id", feed_id or stable_uuid(*parts).urn)
    _text(feed, "title", programme.name)
    if programme.summary:
        _text(feed, "subtitle", programme.summary)
    moments = [_updated(event) for event in events]
    latest = max(moments) if moments else (stamp or dt.datetime.now(dt.UTC))
    _text(feed, "updated", _when(latest))
    author = ET.SubElement(feed, f"{{{ATOM_NAMESPACE}}}author")
    _text(author, "name", programme.name)
    _link(feed, feed_url, "self", "application/atom+xml")
    _link(feed, site_url or programme.website, "alternate", "text/html")
    _text(feed, "generator", "ideation", uri="https://ideation.readthedocs.io/")
    for event, moment in zip(events, moments, strict=True):
        entry = ET.SubElement(feed, f"{{{ATOM_NAMESPACE}}}entry")
        _text(entry, "id", stable_uuid(programme.slug, "event", event.slug).urn)
        _text(entry, "title", event.title)
        _text(entry, "updated", _when(moment))
        _link(entry, event_url(event, url), "alternate", "text/html")
        ET.SubElement(entry, f"{{{ATOM_NAMESPACE}}}category", {"term": event.kind.value})
        lines = [_day(event)]
        if event.summary:
            lines.append(event.summary)
        _text(entry, "summary", "\n\n".join(lines))
    ET.indent(feed)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _day(event: Event) -> str:
    first, last = event.first_day, event.last_day
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
