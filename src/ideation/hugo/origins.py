"""The round trip: what the import changed in a page, recorded so that the export gives the
page back as the site's own theme expects it.

Each imported object keeps, under its extra key ``hugo``:

- ``file``: the page's path under the content folder (``projets/impact_environnemental.md``,
  ``event/data-ia/index.md``), so that the exported page keeps its URL and its bundle;
- ``front``: the front-matter keys the import read differently, with their values as written
  (``responsible: Zoé``, ``location: Zoom``, ``wordcloud: a, b``, ``date: 2022``);
- ``made``: the keys the import wrote in their place, with the values it gave them
  (``lead``, ``location``, ``tags``, ``date``, a ``slug`` made from the file name);
- ``shortcodes``: each shortcode the import converted, with what it became;
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

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from .report import Note

__all__ = ["HUGO_KEY", "digest", "front_matter_back", "record", "shortcodes_back"]

#: The extra key under which an object keeps how its page was written.
HUGO_KEY = "hugo"


def record(
    raw: Mapping[str, Any],
    data: Mapping[str, Any],
    imported: Mapping[str, Any],
    file: str,
    shortcodes: Sequence[tuple[str, str]] = (),
    *,
    prose: Sequence[str] = (),
) -> dict[str, Any]:
    """What the import changed: ``raw`` is the page's front matter as written, ``data`` what the
    import read from it, ``imported`` the object's unstructured fields, ``prose`` the fields
    read from the body."""
    kept = {str(key) for key, value in raw.items() if str(key) in data and data[str(key)] == value}
    front = {str(key): value for key, value in raw.items() if str(key) not in kept}
    made = {
        key: imported[key]
        for key in data
        if key not in kept and key in imported and key not in ("description", HUGO_KEY)
    }
    found: dict[str, Any] = {"file": file}
    if front:
        found["front"] = front
    if made:
        found["made"] = made
    if shortcodes:
        found["shortcodes"] = [list(pair) for pair in shortcodes]
    from_prose = {key: digest(imported[key]) for key in prose if key in imported}
    if from_prose:
        found["prose"] = from_prose
    return found


def digest(value: Any) -> str:
    """A short fingerprint of a plain value, to tell later whether it changed."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def front_matter_back(
    fields: Mapping[str, Any], hugo: Mapping[str, Any], inverse: Mapping[str, str]
) -> dict[str, Any]:
    """The front matter to write: ``fields`` (an object's unstructured fields, body apart) with
    what the import changed given back as the page had it."""
    front_given = hugo.get("front")
    made_given = hugo.get("made")
    prose_given = hugo.get("prose")
    front = front_given if isinstance(front_given, Mapping) else {}
    made = made_given if isinstance(made_given, Mapping) else {}
    prose = prose_given if isinstance(prose_given, Mapping) else {}
    out: dict[str, Any] = dict(front)
    for key, value in fields.items():
        if key in made and made[key] == value:
            continue  # unchanged: the page's own keys say it, as written
        if key in prose and prose[key] == digest(value):
            continue  # unchanged: the page's prose says it
        site_key = inverse.get(key, key) if key in made else key
        out[site_key] = value
    return out


def shortcodes_back(body: str, hugo: Mapping[str, Any]) -> tuple[str, list[Note]]:
    """``body`` with each shortcode the import converted given back, where the converted text is
    still there, once: a text found twice (a ``param`` that became ``3``) could be either, and
    is left as it is."""
    pairs = hugo.get("shortcodes")
    if not isinstance(pairs, list):
        return body, []
    for pair in pairs:
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair):
            converted, original = pair
            if converted and body.count(converted) == 1:
                body = body.replace(converted, original, 1)
    return body, []
