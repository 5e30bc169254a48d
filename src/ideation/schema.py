"""JSON Schema (draft 2020-12) of every kind of data file, generated from the model.

The schemas are built by walking the attrs classes of :mod:`ideation.model` (their fields,
types, defaults and validators), so that they cannot drift from what the loader accepts.
Editors use them for completion and inline checks (see the how-to on editor completion); CI
can use them with any JSON Schema validator.

The schemas describe data as JSON sees it, or as an editor sees a YAML file: dates, date-times
and times are text. Unknown keys are allowed (``additionalProperties: true``) because the
loader keeps them; ``ideation validate --strict`` reports them.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from typing import Literal

import attrs

from . import _validators, model
from ._version import __version__
from .model import PlainMapping, PlainValue

__all__ = ["KINDS", "SCHEMA_DIALECT", "Kind", "schema_for", "schemas"]

#: The JSON Schema dialect of the generated schemas.
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The kinds of data file that have a schema.
Kind = Literal["catalogue", "programme", "event", "proposal", "candidate"]

#: Every :data:`Kind`, in the order the documentation lists them.
KINDS: tuple[Kind, ...] = ("catalogue", "programme", "event", "proposal", "candidate")

_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_DATETIME_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$"
)
_DATE_OR_DATETIME_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?$"
)
# The converter reads 09:30, 9:30, 09:30:00 and the French 9h30 and 10h (see convert.parse_time).
_TIME_PATTERN = r"^\s*([01]?\d|2[0-3])\s*(:|h|H)\s*([0-5]\d)?(:[0-5]\d)?\s*$"

_SLUG = {
    "type": "string",
    "pattern": _validators.SLUG_PATTERN.pattern,
    "description": "A slug: lowercase letters, digits and single hyphens.",
}
_SLUG_VALIDATORS = (_validators.check_slug, _validators.optional_slug)

# Rules that join several fields, which a field-by-field walk cannot see. Each mirrors a check
# in the class's __attrs_post_init__.
_CLASS_RULES: dict[type, PlainMapping] = {
    model.Event: {
        "anyOf": [{"required": ["date"]}, {"required": ["start"]}],
    },
    model.Location: {
        "anyOf": [{"required": [key]} for key in ("name", "address", "city", "url")],
    },
}

# What each key of a data file means, by model class: the JSON Schema's property descriptions,
# which editors show on hover and the data-file reference lists. Kept here rather than in the
# model, which knows nothing of its serialisation; tests/test_schema.py checks that every field
# of every class has its line, so a new field cannot go undocumented.
_FIELD_DESCRIPTIONS: dict[type, dict[str, str]] = {
    model.Season: {
        "slug": "The season's identifier, named by events, proposals and candidates.",
        "name": "The season's name, as shown on pages (``2022``).",
        "start": "The first day of the season.",
        "end": "The last day of the season; not before ``start``.",
        "phases": "Slugs of the programme's phases the season runs through.",
        "summary": "One or two sentences that say what the season is.",
        "description": "A longer presentation, in Markdown.",
        "schedule": "The days of the phases this season runs on other days than the programme's.",
    },
    model.PhaseDates: {
        "phase": "Slug of the programme's phase this season runs on these days.",
        "start": "The phase's first day in this season.",
        "end": "The phase's last day in this season.",
    },
    model.Candidate: {
        "slug": "The candidate's identifier; defaults to the file name.",
        "name": "The person's name, shown only if ``consent`` is true.",
        "consent": "Whether the person agreed to be named on published pages.",
        "organisation": "Slug of the person's organisation.",
        "skills": "What the person can do, matched against wanted profiles without case.",
        "wishes": "Slugs of the proposals the person wishes to join, most wanted first.",
        "season": "Slug of the season the person applies for.",
        "withdrawn": "The day the person left the programme; their file stays valid.",
        "withdrawal_note": "Why or how the person left, for the organisers (needs ``withdrawn``).",
        "contact": "How the organisers reach the person; never published, consent or not.",
    },
    model.Contact: {
        "email": "The person's e-mail address.",
        "phone": "The person's phone number, as written.",
    },
    model.TeamSize: {
        "min": "The fewest members the team can work with.",
        "max": "The most members the team can take; no bound if absent.",
        "max_per_ministry": "Mixed teams: the most members of one ministry, where wishes allow.",
        "min_ministries": "Mixed teams: the fewest ministries on the team, where wishes allow.",
    },
    model.Need: {
        "profile": "A wanted profile, as in ``wanted_profiles``.",
        "count": "How many members with that profile the team needs.",
    },
    model.Vote: {
        "proposal": "Slug of the proposal voted for.",
        "score": "The score given; a plain vote is 1.",
        "voter": "Who voted: a name or an anonymous label, never published.",
        "organisation": "Slug of the organisation the vote is cast for or by.",
        "criterion": "The criterion scored, where scores are given per criterion.",
    },
    model.Catalogue: {
        "candidates": "The people who wish to join a proposal's team, with their wishes.",
        "programme": "The programme itself: its name, phases and organisers.",
        "organisations": "Every organisation the catalogue's files name by slug.",
        "events": "The programme's events: workshops, bootcamps, working days...",
        "proposals": "The project proposals, with their status and history.",
    },
    model.Programme: {
        "slug": "The programme's identifier, used in links and by events (``programme``).",
        "name": "The programme's name, as shown on pages.",
        "summary": "One or two sentences that say what the programme is.",
        "description": "A longer presentation, in Markdown.",
        "organisers": "Slugs of the organisations that run the programme.",
        "website": "The programme's own website, as a URL.",
        "phases": "The stretches of the programme, in time order.",
        "images": "Images of the programme: paths or URLs.",
        "seasons": "The rounds of the programme (one a year), each with its phases.",
        "team_size": (
            "The team size of proposals that state none; its mixed-team fields apply to all."
        ),
    },
    model.Phase: {
        "slug": "The phase's identifier, named by events and proposals (``phase``).",
        "name": "The phase's name, as shown on pages.",
        "start": "The first day of the phase.",
        "end": "The last day of the phase; not before ``start``.",
        "summary": "One or two sentences that say what happens in the phase.",
        "description": "A longer presentation, in Markdown.",
    },
    model.Organisation: {
        "slug": "The organisation's identifier, by which other files name it.",
        "name": "The organisation's full name.",
        "acronym": "A short name (``DINUM``), shown where room is short.",
        "kind": "What kind of body it is: a ministry, a directorate, an agency...",
        "parent": "Slug of the organisation this one belongs to (a directorate's ministry).",
        "website": "The organisation's website, as a URL.",
        "aliases": "Other names people give it (``DNUM (Intérieur)``), recognised on import.",
    },
    model.Event: {
        "slug": "The event's identifier; defaults to the file name.",
        "title": "The event's title, as shown on pages.",
        "kind": "What kind of gathering it is: an ideation workshop, a bootcamp...",
        "date": "The page's date, with Hugo's meaning; the event's day if ``start`` is absent.",
        "start": "When the event starts: a date-time in ``timezone``, or a date for whole days.",
        "end": "When the event ends: a date-time in ``timezone``, or the last whole day.",
        "timezone": "The IANA time zone of ``start``, ``end`` and the sessions' times.",
        "programme": "Slug of the programme the event belongs to.",
        "phase": "Slug of the programme's phase the event belongs to.",
        "location": "Where the event takes place: a place, an online URL, or both.",
        "summary": "One or two sentences that say what the event is.",
        "objectives": "What the event sets out to achieve, one line each.",
        "organisers": "Slugs of the organisations that run the event.",
        "attendance": "Who came: counts, profiles, organisations, names with consent.",
        "sessions": "The agenda, one entry per session, in time order.",
        "proposals": "Slugs of the proposals discussed at the event.",
        "outcomes": "What came out of the event, one line each.",
        "images": "Images of the event: paths or URLs.",
        "tags": "Free keywords, as Hugo's ``tags``.",
        "draft": "True for an event not yet to be published, as Hugo's ``draft``.",
        "description": "The free text about the event, in Markdown (a page's body).",
        "season": "Slug of the programme's season the event belongs to.",
        "votes": "Votes or scores given to proposals at the event, for the shortlist.",
        "replay": "The URL of the event's recording (a training's replay).",
        "slides": "The URL of the event's slides.",
    },
    model.Location: {
        "name": "The name of the place (a building, a room, a venue).",
        "address": "The street address.",
        "city": "The city.",
        "postal_code": "The postal code.",
        "country": "The country.",
        "url": "A URL: the online meeting, or the place's page.",
    },
    model.Session: {
        "start": "When the session starts, a time of day in the event's time zone.",
        "title": "What the session is, as the agenda shows it.",
        "end": "When the session ends, a time of day; not before ``start``.",
        "day": "The session's day, for an event over several days; else its first day.",
        "kind": "What happens: a welcome, a presentation, pitches, workshops, a break...",
        "room": "The room, for parallel sessions.",
        "track": "The track, for parallel sessions.",
        "description": "More about the session, in Markdown.",
        "facilitators": "Who runs the session, one name or team each.",
        "proposals": "Slugs of the proposals worked on in the session.",
    },
    model.Attendance: {
        "count": "How many people came, named or not.",
        "approximate": 'True when ``count`` is an estimate ("une trentaine"), not a head count.',
        "profiles": "The kinds of participants, with how many of each where known.",
        "organisations": "Slugs of the organisations represented.",
        "participants": "People by name; a name is shown only with their consent.",
    },
    model.Profile: {
        "name": "The kind of participant (``Data scientists``).",
        "count": "How many of them came, where it is known.",
    },
    model.Participant: {
        "name": "The person's name; shown only if ``consent`` is true.",
        "profile": "The person's profile (``Data scientist``).",
        "organisation": "Slug of the person's organisation.",
        "role": "The part the person plays: participant, facilitator, speaker, organiser.",
        "consent": "Whether the person agreed to be named on published pages.",
    },
    model.Proposal: {
        "slug": "The proposal's identifier; defaults to the file name.",
        "title": "The proposal's title, as shown on pages.",
        "date": "The page's date, with Hugo's meaning: when the proposal was written.",
        "summary": "One or two sentences that say what the proposal is.",
        "problem": "The problem the project would solve.",
        "objectives": "What the project sets out to achieve, one line each.",
        "use_cases": "Who would use the result, and for what, one line each.",
        "technical_domains": "The techniques involved (``NLP``, ``OCR``...), one each.",
        "wanted_profiles": "The profiles the project needs (``Data engineer``...), one each.",
        "resources": "Useful links: data, papers, earlier work; a URL or a URL with a title.",
        "lead": "Who leads the project, as a name (free text).",
        "sponsors": "Slugs of the organisations that carry the project.",
        "repository": "The project's code repository, as a URL.",
        "events": "Slugs of the events where the proposal was presented or worked on.",
        "phase": "Slug of the programme's phase the proposal belongs to.",
        "tags": "Free keywords, as Hugo's ``tags``.",
        "images": "Images of the proposal: paths or URLs.",
        "history": (
            "The dated status changes, in date order; each move must be legal (a step that "
            "keeps the status is a dated note)."
        ),
        "status": "Where the proposal stands now; defaults to the last status of ``history``.",
        "draft": "True for a proposal not yet to be published, as Hugo's ``draft``.",
        "description": "The free text about the proposal, in Markdown (a page's body).",
        "season": "Slug of the programme's season the proposal belongs to.",
        "continues": "Slug of the proposal of an earlier season that this one goes on from.",
        "continued_as": "Slug of the proposal that goes on from this one in a later season.",
        "team_size": "How many members the team needs (``min``) and can take (``max``).",
        "needs": "How many members per wanted profile, where one is not enough.",
        "team": "Slugs of the candidates placed on the proposal's team.",
    },
    model.StatusChange: {
        "status": "The status the proposal moved to.",
        "date": "The day it moved.",
        "note": "Why, or anything worth keeping about the move.",
        "event": "Slug of the event where it happened, if any.",
    },
    model.Link: {
        "url": "The resource's URL.",
        "title": "What the resource is, shown as the link's text.",
    },
}

_DESCRIPTIONS: dict[Kind, str] = {
    "catalogue": "A whole catalogue in one file: a programme, organisations, events, proposals.",
    "programme": "The programme file of a catalogue folder (programme.yaml), and organisations.",
    "event": "An event: an ideation workshop, a bootcamp, a working day...",
    "proposal": "A project proposal, with its status and history.",
    "candidate": "A person who wishes to join a proposal's team: skills and ranked wishes.",
}


def _first_line(text: str | None) -> str | None:
    if not text:
        return None
    return text.strip().split("\n\n")[0].replace("\n", " ")


class _Builder:
    """Walks the model classes, collecting a ``$defs`` entry for each one it meets."""

    def __init__(self) -> None:
        self.defs: dict[str, PlainMapping] = {}

    def ref(self, cl: type) -> PlainMapping:
        name = cl.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserved first: a class may refer to itself
            self.defs[name] = self.object_schema(cl)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(self, cl: type, *, optional: frozenset[str] = frozenset()) -> PlainMapping:
        attrs.resolve_types(cl)
        properties: PlainMapping = {}
        required: list[PlainValue] = []
        for field in attrs.fields(cl):
            if not field.init or field.name == "extra":
                continue
            properties[field.name] = _described(self.field_schema(field), cl, field.name)
            if field.default is attrs.NOTHING and field.name not in optional:
                required.append(field.name)
        schema: PlainMapping = {"type": "object"}
        if description := _first_line(cl.__doc__):
            schema["description"] = description
        schema["properties"] = properties
        if required:
            schema["required"] = required
        # The loader keeps keys it does not know, and writes them back.
        schema["additionalProperties"] = True
        schema.update(copy.deepcopy(_CLASS_RULES.get(cl, {})))
        return schema

    def field_schema(self, field: attrs.Attribute[object]) -> PlainMapping:
        validator = field.validator
        if validator in _SLUG_VALIDATORS:
            item: PlainMapping = dict(_SLUG)
            return {"anyOf": [item, {"type": "null"}]} if _is_optional(field.type) else item
        if validator is _validators.slug_tuple:
            return {"type": "array", "items": dict(_SLUG)}
        schema = self.type_schema(field.type)
        if validator is _validators.non_negative:
            schema = _with_minimum(schema)
        if validator is _validators.check_timezone:
            schema = {**schema, "examples": [model.DEFAULT_TIMEZONE]}
        default = field.default
        if default is attrs.NOTHING:
            return schema
        if isinstance(default, enum.Enum):
            default = default.value
        # Factories and empty tuples say nothing an editor could show.
        if isinstance(default, str | int | bool):
            schema = {**schema, "default": default}
        return schema

    def type_schema(self, tp: object) -> PlainMapping:
        """The schema of a field's type: a class, a union or a generic alias."""
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            members = [arg for arg in args if arg is not type(None)]
            if set(members) == {dt.datetime, dt.date}:
                inner = _date_or_datetime()
            elif set(members) == {int, float}:
                inner = {"type": "number"}  # a score of 3.5: an average of marks
            elif len(members) == 1:
                inner = self.type_schema(members[0])
            else:
                inner = {"anyOf": [self.type_schema(arg) for arg in members]}
            if type(None) in args:
                return {"anyOf": [inner, {"type": "null"}]}
            return inner
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0])}
        if tp is model.Link:
            # A resource may be written as a bare URL.
            return {"anyOf": [{"type": "string"}, self.ref(tp)]}
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"type": "string", "enum": [member.value for member in tp]}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is str:
            return {"type": "string"}
        if tp is dt.datetime:
            return {"type": "string", "format": "date-time", "pattern": _DATETIME_PATTERN}
        if tp is dt.date:
            return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
        if tp is dt.time:
            return {
                "type": "string",
                "pattern": _TIME_PATTERN,
                "description": "A time of day: 09:30, or the French 9h30.",
                "examples": ["09:30", "9h30"],
            }
        raise TypeError(f"no JSON Schema mapping for the type {tp!r}")


def _described(schema: PlainMapping, cl: type, name: str) -> PlainMapping:
    """``schema`` with the description of the field ``name`` of ``cl``, where it has one."""
    # A missing line leaves the key undescribed rather than breaking the schema; the tests
    # require one for every field.
    description = _FIELD_DESCRIPTIONS.get(cl, {}).get(name)
    return schema if description is None else {**schema, "description": description}


def _is_optional(tp: object) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(
        None
    ) in typing.get_args(tp)


def _with_minimum(schema: PlainMapping) -> PlainMapping:
    options = schema.get("anyOf")
    if isinstance(options, list):
        return {
            "anyOf": [
                _with_minimum(option) if isinstance(option, dict) else option for option in options
            ]
        }
    if schema.get("type") == "integer":
        return {**schema, "minimum": 0}
    return schema


def _date_or_datetime() -> PlainMapping:
    return {
        "type": "string",
        "pattern": _DATE_OR_DATETIME_PATTERN,
        "anyOf": [{"format": "date"}, {"format": "date-time"}],
        "description": "A date (2022-05-16) or a date-time (2022-05-16T09:30:00+02:00).",
    }


def schema_for(kind: Kind) -> PlainMapping:
    """The JSON Schema of one kind of data file, as a JSON-ready dict.

    ``catalogue`` is a whole catalogue in one file; ``programme`` the ``programme.yaml`` of a
    catalogue folder (the programme and its ``organisations``); ``event`` and ``proposal`` one
    page or file each, whose ``slug`` may be left out since it defaults to the file name.
    """
    builder = _Builder()
    if kind == "catalogue":
        body = builder.object_schema(model.Catalogue)
    elif kind == "programme":
        body = builder.object_schema(model.Programme)
        properties = body["properties"]
        assert isinstance(properties, dict)  # object_schema gives every object its properties
        properties["organisations"] = {
            "type": "array",
            "items": builder.ref(model.Organisation),
            "description": _FIELD_DESCRIPTIONS[model.Catalogue]["organisations"],
        }
    elif kind == "event":
        body = builder.object_schema(model.Event, optional=frozenset({"slug"}))
    elif kind == "proposal":
        body = builder.object_schema(model.Proposal, optional=frozenset({"slug"}))
    elif kind == "candidate":
        body = builder.object_schema(model.Candidate, optional=frozenset({"slug"}))
    else:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if not body.get("required"):
        body.pop("required", None)
    schema: PlainMapping = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://ideation.readthedocs.io/schema/{__version__}/{kind}.schema.json",
        "title": f"ideation {kind}",
    }
    schema.update(body)
    schema["description"] = _DESCRIPTIONS[kind]
    schema["$defs"] = dict(sorted(builder.defs.items()))
    return schema


def schemas() -> Mapping[Kind, PlainMapping]:
    """The schema of every :data:`Kind`, by kind."""
    return {kind: schema_for(kind) for kind in KINDS}
