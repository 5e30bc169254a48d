"""One Hugo page: where it is, and its body made portable.

A page is split into front matter and body by :func:`ideation.formats.markdown.split_page`,
leniently (``lenient=True``): blank lines before the opening ``---`` and plain YAML values
holding ``": "`` are read as Hugo reads them, and each repair is noted. The front matter itself
is read by this package's own safe YAML and TOML readers.

Bodies keep their Markdown and raw HTML as they are, with two exceptions, both reversible:
Hugo's ``ref``/``relref`` shortcodes become cross-references (see :func:`shortcodes_to_refs`),
and leading blank lines and trailing white space are dropped, as every other format of the
package does, so that a body read here, written and read again is the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from ideation.model import PlainMapping, PlainValue

#: The label a ``ref`` to an events section becomes (``{ref}`text <ideation-events>```).
EVENTS_LABEL = "ideation-events"
#: The label a ``ref`` to a proposals section becomes.
PROPOSALS_LABEL = "ideation-proposals"
#: Where :func:`export_site` writes the programme and organisations, under the site.
DATA_FILE = PurePosixPath("data/ideation/programme.yaml")
#: The key of :data:`DATA_FILE` that lists the pages :func:`export_site` wrote as events
#: (relative to the content folder): the next import takes those, and only those, as events
#: without judging them, since the site's events section may hold news too.
EVENT_PAGES_KEY = "event_pages"
#: The key a page's own ``description`` (Hugo's meta description) is kept under, since the
#: model's ``description`` is the page's body.
HUGO_DESCRIPTION = "hugo_description"
#: The prefix of a site key kept as the site's own where its name is a model field
#: (``sponsors`` as ``hugo_sponsors``): the export writes it back under its own name.
OWN_PREFIX = "hugo_"


def own_key(key: str) -> str:
    """The name a site key is kept under as the site's own: ``sponsors`` as ``hugo_sponsors``
    when the model has a field ``sponsors``; :data:`HUGO_DESCRIPTION` is one of these."""
    return f"{OWN_PREFIX}{key}"


def site_key(key: str, fields: Iterable[str]) -> str:
    """The site key a kept key was read from: ``hugo_sponsors`` is ``sponsors`` where
    ``sponsors`` is one of ``fields``; any other key is itself."""
    if key.startswith(OWN_PREFIX) and key[len(OWN_PREFIX) :] in set(fields):
        return key[len(OWN_PREFIX) :]
    return key


#: The suffixes of the pages Hugo renders.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
HTML_SUFFIXES = (".html", ".htm")
# A bundle's page, in the default language or another one: index.md, index.en.md.
INDEX = re.compile(r"index(\.[A-Za-z-]+)?")


def page_path(relative: PurePosixPath) -> PurePosixPath:
    """The Hugo path of a page: ``projets/liria`` for ``projets/liria.md`` or a bundle's
    ``projets/liria/index.md``."""
    if INDEX.fullmatch(relative.stem):
        return relative.parent
    return relative.with_suffix("")


# -- raw HTML --------------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?/?>")


def find_raw_html(body: str) -> list[tuple[int, str]]:
    """Raw HTML tags in a Markdown body, outside code, as ``(line in the body, tag)``."""
    found: list[tuple[int, str]] = []
    fenced = False
    for number, line in enumerate(body.split("\n"), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for match in _TAG.finditer(_INLINE_CODE.sub("", line)):
            found.append((number, match[1].lower()))
    return found


def plain(data: PlainValue) -> PlainValue:
    """``data`` with mapping keys as text: YAML lets keys be numbers or dates."""
    if isinstance(data, dict):
        return {str(key): plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain(item) for item in data]
    return data


def plain_mapping(data: Mapping[object, PlainValue]) -> PlainMapping:
    """A front matter's mapping with its keys, and those under them, as text."""
    return {str(key): plain(value) for key, value in data.items()}
