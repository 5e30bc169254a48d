"""A page given back as its site wrote it: only what changed is written again.

The export knows what a page's front matter and body should say; the page the site had (in the
site the catalogue was imported from, or already in the output folder) knows how the site wrote
it: key order, quoting, comments, TOML or YAML, blank lines, line ends. :func:`page_back` keeps
that text and edits it where the data differ:

- a key whose value is the same as the page's (as Hugo reads it: ``'2023-06-13T13:00:00Z'``
  quoted is the same date as unquoted) keeps its line, byte for byte;
- a key whose value changed is written again in place, in the style the page gave it (a quoted
  text stays quoted), through :func:`ideation.formats.writeback.edit_mapping`;
- a key the data no longer has is removed, and a new key goes after the others;
- the body is kept as it was when it says the same, else replaced.

A page that says the same in every key and in its body comes back byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import attrs

from ideation.errors import DataError
from ideation.formats.markdown import split_page
from ideation.formats.writeback import edit_mapping, round_trip_errors

from ._page import plain_mapping

# The front matters the round-trip writers can edit in place.
_EDITABLE = ("yaml", "toml")
_GONE = object()


@attrs.frozen
class Rewritten:
    """A page's new text, and what changed in it: the keys written again, added or removed,
    and ``body`` when the body was replaced."""

    text: str
    changed: tuple[str, ...]


def _as_date(value: str) -> dt.date | None:
    """A text that reads as a date or a date-time, as Hugo reads a quoted date."""
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2})?", text):
        return None
    try:
        return dt.datetime.fromisoformat(text) if len(text) > 10 else dt.date.fromisoformat(text)
    except ValueError:
        return None


def same_value(page: Any, data: Any) -> bool:
    """Whether ``page`` (a value as the page gave it) and ``data`` say the same to Hugo."""
    if type(page) is type(data) and page == data:
        return True
    if isinstance(page, Mapping) and isinstance(data, Mapping):
        return page.keys() == data.keys() and all(same_value(page[k], data[k]) for k in page)
    if isinstance(page, list) and isinstance(data, list):
        return len(page) == len(data) and all(map(same_value, page, data))
    if isinstance(page, str) and isinstance(data, dt.date):
        return _as_date(page) == data
    if isinstance(data, str) and isinstance(page, dt.date):
        return _as_date(data) == page
    if isinstance(page, bool) or isinstance(data, bool):
        return False  # True == 1 in Python, not in a page
    if isinstance(page, int | float) and isinstance(data, int | float):
        return page == data
    return False


def _edited(old: Mapping[str, Any], front: Mapping[str, Any], syntax: str) -> dict[str, Any]:
    """The page's data with the changes of ``front`` applied, keys in the page's order."""
    new: dict[str, Any] = {}
    for key, value in old.items():
        if key in front:
            new[key] = value if same_value(value, front[key]) else front[key]
    for key, value in front.items():
        if key not in new:
            new[key] = value
    if syntax == "toml":
        # TOML has no null: a key with no value is left out.
        new = {key: value for key, value in new.items() if value is not None}
    return new


def _front_back(
    text: str, syntax: str, old: dict[str, Any], front: Mapping[str, Any], mended: bool
) -> tuple[str, list[str]] | None:
    """``text`` (a front matter that reads as ``old``) edited to say ``front``, and the keys
    that changed; ``None`` when it cannot be edited. ``mended`` says the text reads only once
    mended (a plain value holding ``': '``): left as it is when nothing changed, else
    written again whole, since the round-trip writers cannot read it."""
    new = _edited(old, front, syntax)
    changed = [key for key in {**old, **new} if old.get(key, _GONE) != new.get(key, _GONE)]
    if not changed:
        return text, []
    if mended:
        return None
    # Without the round-trip writers (the ops extra), edit_mapping raises MissingExtraError,
    # which is none of these and goes to the caller.
    cannot_edit: tuple[type[Exception], ...] = (ValueError, TypeError, *round_trip_errors())
    try:
        return edit_mapping(text, syntax, old, new), changed
    except cannot_edit:
        return None  # a layout the round-trip writers cannot edit: written again whole


def page_back(original: str, front: Mapping[str, Any], body: str | None) -> Rewritten | None:
    """The text of the page ``original`` once it says ``front`` and ``body``, changed only
    where they differ from it; ``None`` when ``original`` has no YAML or TOML front matter
    that can be edited.

    A front matter that changed is edited with ruamel.yaml or tomlkit (the ``ops`` extra);
    without them, :class:`~ideation.errors.MissingExtraError`. A page whose front matter says
    the same needs neither."""
    bom = "\ufeff" if original.startswith("\ufeff") else ""
    text = original.removeprefix(bom)
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    try:
        page = split_page(text, lenient=True)
    except DataError:
        return None
    if page.syntax not in _EDITABLE or page.span is None or page.front is None:
        return None
    if not isinstance(page.front.data, dict):
        return None
    start, close, end = page.span
    syntax = page.syntax
    old = plain_mapping(page.front.data)
    edited = _front_back(text[start:close], syntax, old, front, bool(page.repairs))
    if edited is None:
        return None
    front_text, changed = edited
    rest = text[end:]
    if (body or "") != page.body:
        rest = f"\n\n{body}\n" if body else "\n"
        changed.append("body")
    result = text[:start] + front_text + text[close:end] + rest
    return Rewritten(bom + (result.replace("\n", "\r\n") if crlf else result), tuple(changed))
