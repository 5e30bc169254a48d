"""schema.org JSON-LD: events as ``Event``, proposals as ``Project``, programmes as ``EventSeries``.

The output carries what search engines require for event rich results (``name``,
``startDate``, and a ``location`` that is a ``Place`` with an address or a ``VirtualLocation``
with a URL), and what they recommend where the data has it: ``endDate``, ``description``,
``image``, ``organizer``, ``eventStatus`` and ``eventAttendanceMode``. Dates carry their UTC
offset, computed in the event's time zone; an event that takes whole days has plain dates.

:func:`event_to_jsonld` gives the dict that a page embeds in a
``<script type="application/ld+json">`` element; the Sphinx extension does that for each event
page.

Privacy: the whole-catalogue functions describe :func:`ideation.privacy.public_catalogue` of the
catalogue; no function writes a person (organisers and sponsors are organisations).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from urllib.parse import urljoin

from ideation.export import event_url, select_events, stable_uuid
from ideation.model import (
    Catalogue,
    Event,
    Location,
    PlainMapping,
    PlainValue,
    Programme,
    Proposal,
    Session,
)
from ideation.privacy import public_catalogue
from ideation.urls import safe_url

__all__ = [
    "CONTEXT",
    "catalogue_to_jsonld",
    "dumps",
    "event_to_jsonld",
    "programme_to_jsonld",
    "proposal_to_jsonld",
    "to_jsonld",
]

#: The JSON-LD context of every document.
CONTEXT = "https://schema.org"

_SCHEMA = "https://schema.org/"
# What must not appear as itself in JSON-LD that a page embeds: "<" and ">" ("</script>",
# "<!--"), "&" (character references in XHTML), and the two Unicode line separators that old
# JavaScript parsers read as line breaks. Inside JSON strings, their escapes are the same text.
_SCRIPT_ESCAPES = str.maketrans({char: f"\\u{ord(char):04x}" for char in "<>&\u2028\u2029"})


def _compact(data: PlainMapping) -> PlainMapping:
    # Leave out what is unknown: an empty value says nothing and may fail a checker.
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def dumps(data: PlainValue, *, indent: int | None = 2, sort_keys: bool = False) -> str:
    """``data`` as JSON text that is safe to embed in an HTML ``<script>`` element as it is.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so that a ``</script>`` or ``<!--``
    in the data cannot end or upset the element; the JSON means the same. Every JSON-LD text
    that ideation writes, in a file or in a page, comes from here.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    return text.translate(_SCRIPT_ESCAPES)


def _url(url: str | None) -> str | None:
    return None if url is None else safe_url(url) or None


def _moment(value: dt.datetime | None) -> str | None:
    return None if value is None else value.replace(microsecond=0).isoformat()


def _address(location: Location) -> PlainMapping | None:
    address = _compact(
        {
            "@type": "PostalAddress",
            "streetAddress": location.address,
            "postalCode": location.postal_code,
            "addressLocality": location.city,
            "addressCountry": location.country,
        }
    )
    return address if len(address) > 1 else None


def _location(location: Location | None) -> list[PlainMapping]:
    if location is None:
        return []
    places: list[PlainMapping] = []
    if location.name or location.address or location.city:
        places.append(
            _compact(
                {
                    "@type": "Place",
                    "name": location.name or location.city,
                    "address": _address(location),
                }
            )
        )
    if online := _url(location.url):
        places.append({"@type": "VirtualLocation", "url": online})
    return places


def _attendance_mode(location: Location | None) -> str:
    places = {place["@type"] for place in _location(location)}
    if places == {"VirtualLocation"}:
        return _SCHEMA + "OnlineEventAttendanceMode"
    if places == {"Place", "VirtualLocation"}:
        return _SCHEMA + "MixedEventAttendanceMode"
    return _SCHEMA + "OfflineEventAttendanceMode"


def _one_or_many(items: Sequence[PlainValue]) -> PlainValue:
    if not items:
        return None
    return items[0] if len(items) == 1 else list(items)


def _images(images: tuple[str, ...], base: str | None) -> list[PlainValue]:
    # Search engines want absolute image URLs; a site path is resolved against the page.
    safe = [url for url in map(_url, images) if url]
    return [urljoin(base, image) if base else image for image in safe]


def _organisation(slug: str, catalogue: Catalogue | None) -> PlainMapping:
    if catalogue is not None:
        try:
            organisation = catalogue.organisation(slug)
        except KeyError:
            pass
        else:
            return _compact(
                {
                    "@type": "Organization",
                    "name": organisation.name,
                    "alternateName": organisation.acronym,
                    "url": _url(organisation.website),
                    "identifier": organisation.slug,
                }
            )
    return {"@type": "Organization", "name": slug, "identifier": slug}


def programme_to_jsonld(programme: Programme, catalogue: Catalogue | None = None) -> PlainMapping:
    """The programme as a schema.org ``EventSeries`` (without ``@context``)."""
    return _compact(
        {
            "@type": "EventSeries",
            "@id": f"urn:uuid:{stable_uuid(programme.slug)}",
            "name": programme.name,
            "identifier": programme.slug,
            "url": _url(programme.website),
            "description": " ".join(programme.summary.split()) if programme.summary else None,
            "organizer": [_organisation(slug, catalogue) for slug in programme.organisers],
        }
    )


def _session(event: Event, session: Session, url: str | None) -> PlainMapping:
    return _compact(
        {
            "@type": "Event",
            "name": session.title,
            "startDate": _moment(event.session_start(session)),
            "endDate": _moment(event.session_end(session)),
            "description": " ".join(session.description.split()) if session.description else None,
            "location": _one_or_many(_location(event.location)),
            "eventAttendanceMode": _attendance_mode(event.location),
            "eventStatus": _SCHEMA + "EventScheduled",
            "url": url,
        }
    )


def event_to_jsonld(
    event: Event, catalogue: Catalogue | None = None, url: str | None = None
) -> PlainMapping:
    """``event`` as a schema.org ``Event``, ready to embed as JSON-LD in its page.

    ``catalogue`` (optional) gives the organisers' names and the programme, written as the
    ``superEvent``; ``url`` is the event page's own URL, which also resolves relative image
    paths. The agenda's sessions become ``subEvent`` entries.
    """
    programme = catalogue.programme if catalogue is not None else None
    url = _url(url)
    base = url or (_url(programme.website) if programme is not None else None)
    programme_slug = programme.slug if programme is not None else event.programme or ""
    if event.all_day:
        start: str | None = event.first_day.isoformat()
        end: str | None = event.last_day.isoformat()
    else:
        start, end = _moment(event.starts_at), _moment(event.ends_at)
    data: PlainMapping = {
        "@context": CONTEXT,
        "@type": "Event",
        "@id": f"{url}#event"
        if url
        else f"urn:uuid:{stable_uuid(programme_slug, 'event', event.slug)}",
        "name": event.title,
        "identifier": event.slug,
        "url": url,
        "startDate": start,
        "endDate": end,
        "eventStatus": _SCHEMA + "EventScheduled",
        "eventAttendanceMode": _attendance_mode(event.location),
        "location": _one_or_many(_location(event.location)),
        "description": " ".join(event.summary.split()) if event.summary else None,
        "image": _images(event.images, base),
        "organizer": [_organisation(slug, catalogue) for slug in event.organisers],
        "keywords": ", ".join(event.tags) or None,
        "subEvent": [_session(event, session, url) for session in event.sessions],
        "superEvent": programme_to_jsonld(programme, catalogue) if programme is not None else None,
    }
    return _compact(data)


def proposal_to_jsonld(
    proposal: Proposal, catalogue: Catalogue | None = None, url: str | None = None
) -> PlainMapping:
    """``proposal`` as a schema.org ``Project``, its status as an ``additionalProperty``."""
    events: list[PlainValue] = []
    for slug in proposal.events:
        try:
            title = catalogue.event(slug).title if catalogue is not None else slug
        except KeyError:
            title = slug
        events.append({"@type": "Event", "name": title, "identifier": slug})
    url = _url(url)
    base = url or (_url(catalogue.programme.website) if catalogue is not None else None)
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "Project",
            "name": proposal.title,
            "identifier": proposal.slug,
            "url": url,
            "description": " ".join(proposal.summary.split()) if proposal.summary else None,
            "image": _images(proposal.images, base),
            "keywords": ", ".join(proposal.tags) or None,
            "sponsor": [_organisation(slug, catalogue) for slug in proposal.sponsors],
            "sameAs": _url(proposal.repository),
            "event": events,
            "additionalProperty": [
                {"@type": "PropertyValue", "name": "status", "value": proposal.status.value}
            ],
        }
    )


def catalogue_to_jsonld(catalogue: Catalogue, *, url: str | None = None) -> PlainMapping:
    """The whole catalogue as one JSON-LD ``@graph``: the programme, its events, its proposals.

    ``url`` is a template of event page URLs with ``{slug}`` (see
    :func:`ideation.export.event_url`).
    """
    catalogue = public_catalogue(catalogue)
    graph: list[PlainValue] = [programme_to_jsonld(catalogue.programme, catalogue)]
    for event in select_events(catalogue):
        node = event_to_jsonld(event, catalogue, event_url(event, url))
        node.pop("@context")
        graph.append(node)
    for proposal in catalogue.proposals:
        if not proposal.draft:
            node = proposal_to_jsonld(proposal, catalogue)
            node.pop("@context")
            graph.append(node)
    return {"@context": CONTEXT, "@graph": graph}


def to_jsonld(catalogue: Catalogue, *, event: str | None = None, url: str | None = None) -> str:
    """JSON-LD text of the whole catalogue, or of the one event ``event``."""
    catalogue = public_catalogue(catalogue)
    if event is None:
        data = catalogue_to_jsonld(catalogue, url=url)
    else:
        (chosen,) = select_events(catalogue, event)
        data = event_to_jsonld(chosen, catalogue, event_url(chosen, url))
    return dumps(data) + "\n"
