"""The round trip: what the import changed in a page, recorded so that the export gives the
page back as the site's own theme expects it.

Each imported object keeps, under its extra key ``hugo``:

- ``file``: the page's path under the content folder (``projets/impact_environnemental.md``,
  ``event/data-ia/index.md``), so that the exported page keeps its URL and its bundle;
- ``front``: the front-matter keys the import read differently, with their values as written
  (``responsible: Zoé``, ``location: Zoom``, ``wordcloud: a, b``, ``date: 2022``);
- ``made``: the keys the import wrote in their place, with the values it gave them
  (``lead``, ``location``, ``tags``, ``date``, a ``slug`` made from the file name);
- ``shortcodes``: each change the import made to the body (a shortcode converted, hidden or
  removed), with its place (see :func:`body_changes`);
- ``prose``: the fields read from the page's prose (``--extract``), each with a digest of its
  value: the prose says them, so the export leaves them out of the front matter while they
  hold that value (a copy in the front matter would outlive an edit of the prose, and win
  over it at the next import).

The export writes ``front`` back where the object still holds the values in ``made``; where a
person changed a value since, the new value is written, under the site's own key when the
site's key map names one. Importing the exported page again gives the same record, so import,
export and import again give an equal catalogue.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import re
from collections.abc import Mapping, Sequence

from ideation.model import PlainValue

from ._report import Note

#: The extra key under which an object keeps how its page was written.
HUGO_KEY = "hugo"


def record(
    raw: Mapping[str, PlainValue],
    data: Mapping[str, PlainValue],
    imported: Mapping[str, PlainValue],
    file: str,
    shortcodes: Sequence[Mapping[str, PlainValue]] = (),
    *,
    prose: Sequence[str] = (),
) -> dict[str, PlainValue]:
    """What the import changed: ``raw`` is the page's front matter as written, ``data`` what the
    import read from it, ``imported`` the object's unstructured fields, ``prose`` the fields
    read from the body."""
    kept = {str(key) for key, value in raw.items() if str(key) in data and data[str(key)] == value}
    # A value the object holds as its default (``draft: false``) is left out of its fields:
    # the page's own line is given back as written, like any key read differently.
    dropped = {key for key in kept if key not in imported}
    front = {str(key): value for key, value in raw.items() if str(key) not in kept - dropped}
    made = {
        key: imported[key]
        for key in data
        if key not in kept and key in imported and key not in ("description", HUGO_KEY)
    }
    found: dict[str, PlainValue] = {"file": file}
    if front:
        found["front"] = front
    if made:
        found["made"] = made
    if shortcodes:
        found["shortcodes"] = [dict(change) for change in shortcodes]
    from_prose: dict[str, PlainValue] = {
        key: digest(imported[key]) for key in prose if key in imported
    }
    if from_prose:
        found["prose"] = from_prose
    return found


def digest(value: PlainValue) -> str:
    """A short fingerprint of a plain value, to tell later whether it changed."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def front_matter_back(
    fields: Mapping[str, PlainValue], hugo: Mapping[str, PlainValue], inverse: Mapping[str, str]
) -> dict[str, PlainValue]:
    """The front matter to write: ``fields`` (an object's unstructured fields, body apart) with
    what the import changed given back as the page had it."""
    front_given = hugo.get("front")
    made_given = hugo.get("made")
    prose_given = hugo.get("prose")
    front = front_given if isinstance(front_given, Mapping) else {}
    made = made_given if isinstance(made_given, Mapping) else {}
    prose = prose_given if isinstance(prose_given, Mapping) else {}
    out: dict[str, PlainValue] = dict(front)
    for key, value in fields.items():
        if key in made and made[key] == value:
            continue  # unchanged: the page's own keys say it, as written
        if key in prose and prose[key] == digest(value):
            continue  # unchanged: the page's prose says it
        mapped = inverse.get(key, key)
        # The page's own key where it had one, filled now (``github:`` left empty at import).
        own = key in made or (mapped != key and _as_written(front, mapped) in front)
        site_key = _as_written(out, mapped if own else key)
        if key in made and site_key in front:
            value = _shaped_like(front[site_key], made[key], value)
        out[site_key] = value
    for key in made:
        if key not in fields:
            # Removed since the import: the page's own key goes too.
            out.pop(_as_written(out, inverse.get(key, key)), None)
    return out


def _shaped_like(raw: PlainValue, made: PlainValue, new: PlainValue) -> PlainValue:
    """``new`` in the shape the page gave the value it replaces: the page wrote ``raw``, which
    the import read as ``made`` (``Zoom`` as ``{name: Zoom}``, ``a, b`` as a list, a list of
    leads as one text), so that the site's theme reads the new value as it read the old."""
    if isinstance(made, Mapping) and not isinstance(raw, Mapping | list) and len(made) == 1:
        ((name, value),) = made.items()
        if value == raw and isinstance(new, Mapping) and list(new) == [name]:
            return new[name]
    if isinstance(raw, str) and isinstance(made, list) and isinstance(new, list):
        texts = [item for item in new if isinstance(item, str) and "," not in item]
        if len(texts) == len(new):
            return ", ".join(texts)
    joined = isinstance(raw, list) and made == ", ".join(str(item) for item in raw)
    if joined and isinstance(new, str):
        return [part.strip() for part in new.split(",") if part.strip()]
    return new


def _as_written(front: Mapping[str, PlainValue], key: str) -> str:
    """``key`` as the page writes it (``Date``, `` title``), where the page has it."""
    folded = key.strip().casefold()
    return next((k for k in front if k.strip().casefold() == folded), key)


_SHORTCODE = re.compile(r"\{\{[<%]\s*(?!/\*)/?\s*(?P<name>[A-Za-z][\w.-]*)[^\n]*?[>%]\}\}")


def body_changes(raw: str, converted: str) -> list[dict[str, PlainValue]]:
    """Where the import changed a page's body (shortcodes converted, hidden or removed), for
    the export to give each back at its place.

    ``raw`` is the body as the page had it, ``converted`` the description. Each change is a
    mapping: ``shortcode`` (the text the page had) and ``became`` (what the description has
    instead), ``at`` (its line and column in the description), ``lines`` and ``context`` (how
    many lines of the description hold it, and a digest of them, to find it again after edits
    elsewhere), and ``line`` (its line in the page's body, for people: the body, not the
    page, so that the record stays the same whatever front matter is written above it).
    """
    before, after = raw.split("\n"), converted.split("\n")
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    changes: list[dict[str, PlainValue]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            # Line for line: each changed line is found again on its own.
            blocks = [(i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1)]
        else:
            blocks = [_anchored(i1, i2, j1, j2, len(after))]
        for b1, b2, a1, a2 in blocks:
            old, new = "\n".join(before[b1:b2]), "\n".join(after[a1:a2])
            if old != new:
                changes.append(_change(old, new, b1, (a1, a2), after))
    return changes


def _anchor(lines: list[str], first: int, last: int) -> tuple[int, int]:
    """The lines ``first:last`` of ``lines``, with the lines around them until they are found
    once only in ``lines`` and are not all blank: what finds the change again after lines are
    added or removed elsewhere (two identical lines, each with a change, stay apart)."""

    def weak(a: int, b: int) -> bool:
        window = lines[a:b]
        if not "".join(window).strip():
            return True
        size = b - a
        return sum(lines[k : k + size] == window for k in range(len(lines) - size + 1)) > 1

    while weak(first, last) and (first > 0 or last < len(lines)):
        first, last = max(first - 1, 0), min(last + 1, len(lines))
    return first, last


def _change(
    old: str, new: str, line: int, block: tuple[int, int], after: list[str]
) -> dict[str, PlainValue]:
    """One change: ``old`` (lines of the page from index ``line``) became ``new`` (the lines
    ``block`` of the description ``after``)."""
    start = _common(old, new)
    end = _common(old[start:][::-1], new[start:][::-1])
    a1, a2 = _anchor(after, *block)
    column = sum(len(text) + 1 for text in after[a1 : block[0]]) + start
    return {
        "shortcode": old[start : len(old) - end],
        "became": new[start : len(new) - end],
        "at": [a1 + 1, column],
        "lines": a2 - a1,
        "context": digest("\n".join(after[a1:a2])),
        "line": line + 1 + old.count("\n", 0, start),
    }


def _anchored(i1: int, i2: int, j1: int, j2: int, size: int) -> tuple[int, int, int, int]:
    """A block of lines added or removed, with the line before (or after) it to anchor it."""
    if i1 == i2 or j1 == j2:
        if j1 > 0:
            return i1 - 1, i2, j1 - 1, j2
        if j2 < size:
            return i1, i2 + 1, j1, j2 + 1
    return i1, i2, j1, j2


def _common(a: str, b: str) -> int:
    """The length of the longest common start of ``a`` and ``b``."""
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def _place(
    change: Mapping[str, PlainValue],
    lines: list[str],
    starts: list[int],
    taken: list[tuple[int, int]],
) -> int | None:
    """Where ``change`` is in the description whose ``lines`` start at ``starts``, or ``None``
    when the lines around it are no longer there; the nearest place to where it was that
    overlaps none of the spans already ``taken`` (two identical lines, each with its change)."""
    at, count, context = change.get("at"), change.get("lines"), change.get("context")
    if not (isinstance(at, list) and len(at) == 2 and isinstance(count, int) and count >= 1):
        return None  # a record written by hand, or damaged: nothing to find
    line, column = at
    if not (isinstance(line, int) and isinstance(column, int) and column >= 0):
        return None
    became = str(change.get("became", ""))
    found = [
        k
        for k in range(len(lines) - count + 1)
        if digest("\n".join(lines[k : k + count])) == context
    ]
    for k in sorted(found, key=lambda k: (abs(k - (line - 1)), k)):
        text = "\n".join(lines[k : k + count])
        # The lines are the same as at the import; the column must still point into them.
        if column + len(became) > len(text) or text[column : column + len(became)] != became:
            return None
        start, end = starts[k] + column, starts[k] + column + len(became)
        if not any((s < end and start < e) or s == start == end == e for s, e in taken):
            return start
    return None


_CHANGED = "the text around it changed since the import"


def _lost(change: Mapping[str, PlainValue], why: str = _CHANGED) -> Note | None:
    """A note naming the shortcodes of ``change`` that the export cannot give back, if any,
    and ``why``.

    References (``ref``, ``relref``) and shortcodes hidden as comments come back anyway: the
    export turns roles and comments back into shortcodes wherever they now are.
    """
    original, became = str(change.get("shortcode", "")), str(change.get("became", ""))
    lost = [
        m[0]
        for m in _SHORTCODE.finditer(original)
        if m["name"] not in ("ref", "relref") and m[0] not in became
    ]
    if not lost:
        return None
    shown = ", ".join(lost)
    line = change.get("line")
    return Note(
        line=line if isinstance(line, int) else None,
        message=f"{shown}: not given back, {why}",
    )


def shortcodes_left(hugo: Mapping[str, PlainValue], why: str) -> list[Note]:
    """A note for each shortcode of the record ``hugo`` that a page written elsewhere than
    its own file leaves out, and ``why``."""
    changes = hugo.get("shortcodes")
    notes = (
        [_lost(change, why) for change in changes or () if isinstance(change, Mapping)]
        if isinstance(changes, list)
        else []
    )
    return [note for note in notes if note is not None]


def shortcodes_back(body: str, hugo: Mapping[str, PlainValue]) -> tuple[str, list[Note]]:
    """``body`` with each change the import made to the page's body given back at its place
    (see :func:`body_changes`), and a note for each shortcode that could not be.

    A change is found again by the lines that hold it, so that edits elsewhere in the
    description do not stop it; two changes that would overlap keep the first.
    """
    changes = hugo.get("shortcodes")
    if not isinstance(changes, list):
        return body, []
    lines = body.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    spans: list[tuple[int, int, str]] = []
    lost: list[Note] = []
    for change in changes:
        if isinstance(change, list):
            body = _pair_back(body, change)  # a catalogue written before positions were kept
            continue
        if not isinstance(change, Mapping):
            continue
        became, original = change.get("became"), change.get("shortcode")
        taken = [(s, e) for s, e, _ in spans]
        start = _place(change, lines, starts, taken) if isinstance(became, str) else None
        if start is None or not isinstance(original, str) or not isinstance(became, str):
            note = _lost(change)
            lost.extend([note] if note else [])
            continue
        spans.append((start, start + len(became), original))
    for start, end, original in sorted(spans, reverse=True):
        body = body[:start] + original + body[end:]
    return body, lost


def _pair_back(body: str, pair: list[PlainValue]) -> str:
    """``(what it became, the shortcode)``, given back where the text is found once."""
    if len(pair) != 2:
        return body
    converted, original = pair
    texts = isinstance(converted, str) and isinstance(original, str)
    if texts and converted and body.count(str(converted)) == 1:
        body = body.replace(str(converted), str(original), 1)
    return body
