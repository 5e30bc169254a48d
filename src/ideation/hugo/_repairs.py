"""One page of an events or proposals section, read and repaired into plain data for the model.

Real sites are messy, and pages are read as Hugo reads them: keys in any case and with spaces
around them, empty values left out, a list where one text was expected joined, a
comma-separated text where a list was expected split, dates quoted or bare. Every repair is
noted, with its line, for the report.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from ideation import model
from ideation._io import read_text
from ideation.convert import model_fields
from ideation.errors import DataError, Problem, UsageError
from ideation.formats import Document
from ideation.formats.markdown import Page, split_page
from ideation.model import PlainMapping, PlainValue

from ._dates import PRECISION_KEY, last_day, precision_key, read_date
from ._extract.text import plain_inline, slugify
from ._images import ImageCopy
from ._origins import HUGO_KEY
from ._page import HUGO_DESCRIPTION, own_key, plain
from ._report import Extracted, Note, PageEntry

# What a repository's address looks like: a URL, an SSH address, or host/path.
_REPOSITORY = re.compile(r"(?:https?|git|ssh)://\S|git@\S|[\w-]+(?:\.[\w-]+)+/\S")
# A name a key can be moved aside under: snake_case, as the model's keys are.
_ASIDE = re.compile(r"[a-z][a-z0-9_]*")

DEFAULT_KEY_MAP: Mapping[str, str] = {
    "responsible": "lead",
    "github": "repository",
    "wordcloud": "tags",
}
# Fields given in a page's front matter as one comma-separated text rather than a list.
_COMMA_LISTS = frozenset({"tags", "technical_domains", "wanted_profiles"})


@attrs.define
class Candidate:
    """A page of an events or proposals section, on its way to becoming an object."""

    path: Path
    file: str
    kind: type[model.Event] | type[model.Proposal]
    slug_from_path: str
    notes: list[Note] = attrs.field(factory=list)
    page: Page | None = None
    data: dict[str, PlainValue] = attrs.field(factory=dict)
    lines: dict[str, int] = attrs.field(factory=dict)
    extracted: list[Extracted] = attrs.field(factory=list)
    organisations: list[PlainMapping] = attrs.field(factory=list)
    #: Why the page is an event or a proposal, for the report.
    reason: str = ""
    #: The precision of each date given as a year or a month only (``date``, ``start``, ``end``).
    precisions: dict[str, str] = attrs.field(factory=dict)
    #: What the front matter gave, once read (before the prose adds to it).
    read: dict[str, PlainValue] = attrs.field(factory=dict)
    #: The fields the prose gave (``extract=True``), which the export leaves to the prose.
    from_prose: set[str] = attrs.field(factory=set)
    #: The front-matter key each key of ``data`` was read from, as the page wrote it.
    keys: dict[str, str] = attrs.field(factory=dict)
    #: The local images of the body, to copy beside the page's data file.
    images: list[ImageCopy] = attrs.field(factory=list)

    def line_of(self, path: str) -> int | None:
        document = Document(self.data, self.lines)
        return document.line_of(path)


def field_types(cl: type[attrs.AttrsInstance]) -> dict[str, object]:
    """The fields of ``cl`` a front matter may set, with their types."""
    attrs.resolve_types(cl)
    return {name: field.type for name, field in model_fields(cl).items()}


def _is_text_list(tp: object) -> bool:
    return typing.get_origin(tp) is tuple and typing.get_args(tp)[:1] == (str,)


def _is_text(tp: object) -> bool:
    return tp is str or (
        typing.get_origin(tp) in (typing.Union, types.UnionType)
        and set(typing.get_args(tp)) == {str, type(None)}
    )


def _scalar_text(value: PlainValue) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _repair(
    key: str, value: PlainValue, tp: object, line: int | None, notes: list[Note]
) -> tuple[bool, PlainValue]:
    """A front-matter value as the model's field wants it; ``(False, _)`` to leave it out."""
    if value is None or value == "" or value == []:
        notes.append(Note(message=f"{key}: empty, left out", line=line))
        return False, None
    if _is_text(tp) and isinstance(value, list) and value:
        texts = [_scalar_text(item) for item in value]
        if all(text is not None for text in texts):
            joined = ", ".join(t for t in texts if t is not None)
            notes.append(
                Note(
                    message=f"{key}: a list where one text was expected, joined as {joined!r}",
                    line=line,
                )
            )
            return True, joined
    if _is_text_list(tp) and isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value)
        items: list[PlainValue]
        if key in _COMMA_LISTS:
            items = [item.strip() for item in text.split(",") if item.strip()]
            notes.append(
                Note(
                    message=f"{key}: one text where a list was expected, split on commas into "
                    f"{len(items)} items",
                    line=line,
                )
            )
        else:
            items = [text.strip()]
            notes.append(
                Note(
                    message=f"{key}: one text where a list was expected, read as a list of one",
                    line=line,
                )
            )
        return (True, items) if items else (False, None)
    if _is_text_list(tp) and isinstance(value, list):
        repaired = [
            _scalar_text(item) if _scalar_text(item) is not None else item for item in value
        ]
        kept: list[PlainValue] = [
            item.strip() if isinstance(item, str) else item
            for item in repaired
            if item not in (None, "")
        ]
        if len(kept) != len(value):
            notes.append(
                Note(message=f"{key}: {len(value) - len(kept)} empty items left out", line=line)
            )
        return (True, kept) if kept else (False, None)
    if _is_text(tp) and isinstance(value, str) and value != value.strip():
        return True, value.strip()
    return True, value


def _date(key: str, value: PlainValue, line: int | None, candidate: Candidate) -> PlainValue:
    """A date as Hugo sites write it (a year, a month, words) as a day; see ``.dates``."""
    read = read_date(value)
    if read is None:
        return value
    day, precision = read
    if precision == "day":
        message = f"{key}: {value!r} read as {day.isoformat()}"
    else:
        # An end given as a year or a month lasts to its last day; anything else starts then.
        which = "last" if key == "end" else "first"
        day = last_day(day, precision) if key == "end" else day
        message = (
            f"{key}: {value!r} is a {precision} only, read as its {which} day, "
            f"{day.isoformat()}; {precision_key(key)}: {precision} keeps it, and the export "
            f"writes {value!r} back"
        )
        candidate.precisions[key] = precision
    candidate.notes.append(Note(message=message, line=line))
    return day


def _history(value: PlainValue, line: int | None, notes: list[Note]) -> PlainValue:
    """A status history whose steps are dated by a year or a month (``date: 2022``): each
    read as its first day, its precision kept in the step."""
    if not isinstance(value, list):
        return value
    steps: list[PlainValue] = []
    for step in value:
        read = read_date(step.get("date")) if isinstance(step, dict) else None
        if not isinstance(step, dict) or read is None:
            steps.append(step)
            continue
        day, precision = read
        kept: dict[str, PlainValue] = {**step, "date": day}
        if precision != "day":
            kept[PRECISION_KEY] = precision
        notes.append(
            Note(
                message=f"history: {step['date']!r} read as {day.isoformat()}"
                + (f" ({precision} only, kept as {PRECISION_KEY})" if precision != "day" else ""),
                line=line,
            )
        )
        steps.append(kept)
    return steps


def _location(value: PlainValue, line: int | None, notes: list[Note]) -> PlainValue:
    """A location given as one text (``Zoom``, ``BercyLab, Paris``, a URL), as the model's
    mapping; themes such as Wowchemy write it so."""
    if not isinstance(value, str) or not value.strip():
        return value
    text = value.strip()
    if re.match(r"https?://", text):
        notes.append(Note(message="location: a URL, read as the online place's url", line=line))
        return {"url": text}
    notes.append(Note(message="location: one text, read as the place's name", line=line))
    return {"name": text}


def _description_key(
    candidate: Candidate, value: PlainValue, raw: Mapping[str, PlainValue], line: int | None
) -> str:
    """Where a page's ``description`` (Hugo's meta description) goes: the summary, or aside."""
    if "summary" not in raw and isinstance(value, str) and value.strip():
        candidate.notes.append(
            Note(message="description (Hugo's meta description) read as the summary", line=line)
        )
        return "summary"
    candidate.notes.append(
        Note(
            message="description (Hugo's meta description) kept as "
            f"{HUGO_DESCRIPTION}: the body is the description",
            line=line,
        )
    )
    return HUGO_DESCRIPTION


def _target(
    candidate: Candidate, key: str, value: PlainValue, key_map: Mapping[str, str], line: int | None
) -> str:
    """The model field a front-matter key is read as (a dotted path for a nested one)."""
    page = candidate.page
    assert page is not None
    assert page.front is not None
    target = key_map.get(key)
    fields = field_types(candidate.kind)
    head = target.split(".", 1)[0] if target else None
    kind_name = candidate.kind.__name__.lower()
    if target and head in fields:
        candidate.notes.append(Note(message=f"{key} read as the {kind_name}'s {target}", line=line))
        return target
    if target == "" and key in fields:
        # ``--map sponsors=``: the site's own vocabulary, never forced into the model's.
        kept = own_key(key)
        candidate.notes.append(
            Note(
                message=f"{key} kept as the site's own, as {kept} (not the {kind_name}'s "
                f"{key}): the key map says {key}=",
                line=line,
            )
        )
        return kept
    if target and "." not in target:
        # ``--map events=site_events``: moved aside, under a name the model does not read.
        candidate.notes.append(
            Note(message=f"{key} kept as the site's own, moved aside as {target}", line=line)
        )
        return target
    if key == "description" and key not in key_map:
        return _description_key(candidate, value, page.front.data, line)
    return key


def _value(
    candidate: Candidate, key: str, value: PlainValue, line: int | None
) -> tuple[bool, PlainValue]:
    """The value as the model wants it; ``(False, _)`` to leave it out."""
    fields = field_types(candidate.kind)
    if key == "location" and candidate.kind is model.Event:
        value = _location(value, line, candidate.notes)
    if key in ("date", "start", "end") and candidate.kind is model.Event:
        value = _date(key, value, line, candidate)
    elif key == "date":
        # A proposal's date, a year or a month alone included (``date: 2022``).
        value = _date(key, value, line, candidate)
    elif key == "history" and candidate.kind is model.Proposal:
        value = _history(value, line, candidate.notes)
    plain = plain_inline(value, urls=True) if isinstance(value, str) else None
    if key == "summary" and isinstance(value, str) and plain != value.strip():
        # The model's summary is text, shown as written everywhere (pages, feeds, JSON-LD):
        # Markdown there would show as written. A link keeps its address, in parentheses.
        value = plain
        candidate.notes.append(
            Note(
                message="summary: its Markdown (links, emphasis) read as plain text, a link as "
                "its text and address; the page's own is kept for the export",
                line=line,
            )
        )
    if key in fields:
        return _repair(key, value, fields[key], line, candidate.notes)
    return True, value


def _set_dotted(
    data: dict[str, PlainValue], target: str, value: PlainValue, notes: list[Note]
) -> None:
    """Set ``location.name`` in ``data``: the mapping is made, or a text there made one."""
    head, *rest = target.split(".")
    current = data.get(head)
    if head == "location" and isinstance(current, str):
        current = _location(current, None, notes)
    if not isinstance(current, dict):
        current = {}
    data[head] = current
    for step in rest[:-1]:
        inner = current.get(step)
        if not isinstance(inner, dict):
            inner = current[step] = {}
        current = inner
    current[rest[-1]] = plain(value)


def _front_matter(candidate: Candidate, key_map: Mapping[str, str]) -> None:
    """The page's front matter, keys mapped and values repaired, in ``candidate.data``."""
    page = candidate.page
    assert page is not None
    assert page.front is not None
    fields = field_types(candidate.kind)
    data: dict[str, PlainValue] = {}
    lines: dict[str, int] = {}
    dotted: list[tuple[str, PlainValue, int | None]] = []
    for original, value in page.front.data.items():
        line = page.front.line_of(f"$.{original}")
        lowered = str(original).strip().lower()
        key = _target(candidate, lowered, value, key_map, line)
        if key == lowered and key not in fields:
            # A key the model does not know is kept as the page wrote it, for the export.
            key = str(original).strip()
        elif key.lower() == key and key != original and str(original).strip().lower() == key:
            # Hugo reads front-matter keys whatever their case.
            candidate.notes.append(
                Note(message=f"key {str(original)!r} read as {key!r}", line=line)
            )
        if "." in key:
            dotted.append((key, value, line))
            continue
        keep, value = _value(candidate, key, value, line)
        if not keep:
            continue
        if key == "repository" and not _REPOSITORY.match(str(value).strip()):
            # A repository is an address; names (a list of ministries) are the site's own.
            written = str(original).strip()
            key = own_key(written) if written.lower() in fields else written
            candidate.notes.append(
                Note(
                    message=f"{written}: not a repository's address, kept as the site's own, "
                    f"as {key}",
                    line=line,
                )
            )
            value = page.front.data[original]
        if key in data:
            before = data[key]
            if (
                _is_text_list(fields.get(key))
                and isinstance(before, list)
                and isinstance(value, list)
            ):
                data[key] = before + [v for v in value if v not in before]
                candidate.notes.append(
                    Note(message=f"{str(original)!r} merged into {key}", line=line)
                )
                continue
            candidate.notes.append(
                Note(
                    message=f"{key} given twice: {str(original)!r} kept under its own name",
                    line=line,
                )
            )
            key = str(original)
        data[key] = plain(value)
        candidate.keys[key] = str(original).strip()
        _lines_of(page.front, str(original), key, line, lines)
    for target, value, line in dotted:
        _set_dotted(data, target, value, candidate.notes)
        if line is not None:
            lines[f"$.{target}"] = line
    _theme_keys(candidate, data, lines)
    for key, precision in candidate.precisions.items():
        data.setdefault(precision_key(key), precision)
    candidate.data, candidate.lines = data, lines


def _lines_of(
    front: Document, original: str, key: str, line: int | None, lines: dict[str, int]
) -> None:
    """Record the lines of ``original`` and of what is under it, as the lines of ``key``."""
    if line is not None:
        lines[f"$.{key}"] = line
    for path, number in front.lines.items():
        if path.startswith((f"$.{original}.", f"$.{original}[")):
            lines[f"$.{key}" + path[len(f"$.{original}") :]] = number + front.offset


# Wowchemy / Hugo Blox write an event's address as a mapping of their own.
_ADDRESS_KEYS = {
    "street": "address",
    "city": "city",
    "postcode": "postal_code",
    "country": "country",
}


def _has_time(value: PlainValue) -> bool:
    """Whether a front-matter date holds a time of day (a date-time, or its ISO text)."""
    if isinstance(value, str):
        if not re.search(r"\d[T ]\d{2}:\d{2}", value):
            return False
        try:
            dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return False
        return True
    return isinstance(value, dt.datetime)


def _theme_keys(candidate: Candidate, data: dict[str, PlainValue], lines: dict[str, int]) -> None:
    """Keys of the common academic theme (Wowchemy / Hugo Blox) read as the model's, with no
    key map: ``date_end`` is the end, ``address`` goes into the location. The others
    (``all_day``, ``event``, ``event_url``, ``authors``) are kept under their own names; a
    project's ``url_code`` is its repository."""
    notes = candidate.notes
    if candidate.kind is model.Proposal:
        code = data.get("url_code")
        if isinstance(code, str) and code.strip() and "repository" not in data:
            data["repository"] = code.strip()
            del data["url_code"]
            lines["$.repository"] = lines.get("$.url_code", 1)
            notes.append(
                Note(message="url_code read as the repository", line=lines["$.repository"])
            )
        return
    if "date_end" in data and "end" not in data:
        data["end"] = data.pop("date_end")
        if "$.date_end" in lines:
            lines["$.end"] = lines["$.date_end"]
        notes.append(Note(message="date_end read as the event's end", line=lines.get("$.end")))
    date = data.get("date")
    if data.get("all_day") is False and _has_time(date) and "start" not in data:
        # The theme's timed event: its date is when it starts, not only which day.
        data["start"] = date
        notes.append(
            Note(message="all_day: false: the date is the event's start", line=lines.get("$.date"))
        )
    address = data.get("address")
    if isinstance(address, dict) and not isinstance(data.get("location"), str):
        given = data.get("location")
        location: dict[str, PlainValue] = given if isinstance(given, dict) else {}
        moved = {
            _ADDRESS_KEYS.get(str(key), str(key)): str(value)
            for key, value in address.items()
            if value not in (None, "")
        }
        if moved:
            # Keys the model does not have (region) stay in the location, kept as they are.
            data["location"] = {**moved, **location}
            del data["address"]
            notes.append(
                Note(
                    message=f"address read into the location ({', '.join(sorted(moved))})",
                    line=lines.get("$.address"),
                )
            )


def _featured(candidate: Candidate) -> None:
    """Name a bundle's featured image (``featured.jpg``, as Wowchemy themes have it)."""
    if not candidate.path.stem.startswith("index"):
        return
    for image in sorted(candidate.path.parent.glob("featured.*")):
        candidate.notes.append(
            Note(
                message=f"featured image {image.name}: a resource of the bundle, which stays in "
                "the site; it is not copied into the catalogue"
            )
        )


def _slug(candidate: Candidate) -> None:
    data = candidate.data
    given = data.get("slug")
    line = candidate.line_of("$.slug") if "slug" in data else 1
    source = (
        str(given)
        if isinstance(given, str | int) and str(given).strip()
        else candidate.slug_from_path
    )
    made = slugify(source)
    if not made:
        return
    if made != source:
        where = "slug" if "slug" in data else "file name"
        candidate.notes.append(
            Note(message=f"{where} {source!r} gives the slug {made!r}", line=line)
        )
    data["slug"] = made
    if "slug" not in candidate.lines and line is not None:
        candidate.lines["$.slug"] = line


_DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _date_from_name(candidate: Candidate) -> None:
    if (
        candidate.kind is model.Event
        and "date" not in candidate.data
        and "start" not in candidate.data
    ):
        match = _DATED_NAME.match(candidate.path.stem)
        if match:
            try:
                day = dt.date.fromisoformat(match[1])
            except ValueError:
                return
            candidate.data["date"] = day
            candidate.notes.append(
                Note(
                    message=f"no date in the front matter: {day.isoformat()} taken from the "
                    "file name"
                )
            )


def in_order(notes: Iterable[Note]) -> tuple[Note, ...]:
    """Notes by line; those about the whole page last."""
    return tuple(sorted(notes, key=lambda note: (note.line is None, note.line or 0)))


def failed(candidate: Candidate, problems: Iterable[Problem]) -> PageEntry:
    located = [
        Problem(
            message=p.message,
            path=p.path,
            file=candidate.file,
            line=p.line if p.line is not None else candidate.line_of(p.path),
        )
        for p in problems
    ]
    first = next((p.line for p in located if p.line is not None), 1)
    reason = "; ".join(p.message if p.path == "$" else f"{p.path}: {p.message}" for p in located)
    return PageEntry(
        file=candidate.file,
        outcome="failed",
        reason=reason,
        line=first,
        notes=in_order(candidate.notes),
        extracted=tuple(candidate.extracted),
        problems=tuple(located),
    )


def read_page(candidate: Candidate, key_map: Mapping[str, str]) -> PageEntry | None:
    """Read and normalise a candidate page; a :class:`PageEntry` if it failed already."""
    try:
        text = read_text(candidate.path)
        candidate.page = split_page(text, candidate.file, lenient=True)
    except DataError as error:
        return failed(candidate, error.problems)
    page = candidate.page
    for line, message in page.repairs:
        candidate.notes.append(Note(message=message, line=line))
    if page.leading_blank:
        candidate.notes.append(
            Note(
                message=f"{page.leading_blank} blank lines before the front matter ignored", line=1
            )
        )
    if page.front is None:
        return failed(
            candidate,
            [
                Problem(
                    message="no front matter: a page needs at least a title (and an event a "
                    "date) between --- lines",
                    line=1,
                )
            ],
        )
    if not isinstance(page.front.data, dict):
        return failed(
            candidate,
            [
                Problem(
                    message="expected the front matter to be a mapping of keys to values",
                    line=page.body_line,
                )
            ],
        )
    if text and not text.endswith("\n"):
        candidate.notes.append(
            Note(message="no final newline (harmless)", line=text.count("\n") + 1)
        )
    _front_matter(candidate, key_map)
    _featured(candidate)
    _slug(candidate)
    _date_from_name(candidate)
    candidate.read = dict(candidate.data)
    return None


def _dotted_ok(target: str) -> bool:
    """Whether ``location.name`` names a field of an event or a proposal, step by step."""
    head, *rest = target.split(".")
    types_ = [field_types(model.Event).get(head), field_types(model.Proposal).get(head)]
    for tp in types_:
        for step in rest:
            options = [t for t in (*typing.get_args(tp), tp) if attrs.has(t)]
            tp = field_types(options[0]).get(step) if options else None
        if tp is not None:
            return True
    return False


def check_key_map(key_map: Mapping[str, str]) -> dict[str, str]:
    """The key map with its keys as Hugo reads them; a target that is no field of an event or a
    proposal (``location.name`` for a nested one) is a :class:`~ideation.errors.UsageError`.
    A key mapped to ``""`` is read under its own name."""
    known = set(field_types(model.Event)) | set(field_types(model.Proposal))
    checked: dict[str, str] = {}
    for key, field in key_map.items():
        target = field.strip()
        if target and not (target in known or ("." in target and _dotted_ok(target))):
            near = difflib.get_close_matches(target, sorted(known), n=1, cutoff=0.75)
            if "." in target or not _ASIDE.fullmatch(target) or near or target == HUGO_KEY:
                hint = f"did you mean {near[0]!r}? " if near else ""
                raise UsageError(
                    f"key map: {key!r} is mapped to {field!r}, which is not a field of an event "
                    f"or a proposal; {hint}(known: {', '.join(sorted(known))}; a nested one as "
                    "location.name; a new snake_case name, far from any field's, moves the key "
                    "aside under that name)"
                )
        checked[key.strip().lower()] = target
    return checked
