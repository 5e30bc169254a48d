"""Which URLs from data files may be written into an output: one rule for every output.

Data files are untrusted text (proposals arrive by pull request), and their URLs end up as
links in HTML pages, in JSON-LD that search engines read, in calendars and schedules that other
programs turn into links. A ``javascript:`` or ``data:`` URL there runs code or shows forged
content when someone follows it, so every output asks :func:`safe_url` first.

A URL is **safe** when, read as a browser reads it, it either

- has no scheme: a relative path (``images/a.png``), a site path (``/projets/``), a fragment
  (``#agenda``), a query, or a network path (``//example.org/a``), or
- has one of the schemes of :data:`SAFE_SCHEMES`: ``http``, ``https``, ``mailto``, ``ftp``.

Browsers ignore some characters when they read a scheme: spaces and control characters before
it, tabs and line breaks anywhere (``java\\tscript:``), and the case (``JaVaScRiPt:``). Text
that is decoded once more before use may hide a scheme behind character references
(``javascript&#58;``) or percent-escapes (``javascript%3A``), or behind compatibility forms of
a character (a full-width colon). The rule decodes all of those before it reads the scheme, so
every such spelling of an unsafe scheme is refused. A URL that holds any other control
character is refused too: no real URL does.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote

__all__ = ["SAFE_SCHEMES", "safe_url", "url_scheme"]

#: The schemes a URL from the data may have (the web, mail and file transfer).
SAFE_SCHEMES = frozenset({"ftp", "http", "https", "mailto"})

# What the WHATWG URL parser strips from either end (C0 controls and space), and what it
# removes wherever it appears (tab, line feed, carriage return).
_ENDS = "".join(chr(code) for code in range(0x21))
_IGNORED = re.compile("[\t\n\r]")
# Any other control character (C0, DEL, C1) or a Unicode line or paragraph separator.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)
# Decoding stops here: each round removes at least one level of escaping, and no honest URL
# is escaped more than a few times over.
_ROUNDS = 4


def _as_read(url: str) -> str:
    """``url`` as a browser reads it: without what the parser strips from it or ignores in it."""
    return _IGNORED.sub("", url.strip(_ENDS))


def url_scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser reads it, in lowercase; ``None`` for a relative URL."""
    found = _SCHEME.match(_as_read(url))
    return None if found is None else found[1].lower()


def _spellings(url: str) -> list[str]:
    """``url`` and what it becomes when decoded again, once per kind of escape, a few times."""
    seen = [url]
    current = url
    for _ in range(_ROUNDS):
        decoded = unicodedata.normalize("NFKC", unquote(html.unescape(current)))
        if decoded == current:
            break
        seen.append(decoded)
        current = decoded
    return seen


def safe_url(url: str) -> str | None:
    """``url`` as it may be written into an output, or ``None`` when it is not safe.

    The URL comes back as a browser would read it: spaces and control characters at either end
    removed, and tabs and line breaks inside it removed. See the module's documentation for
    what is safe; for instance ``https://example.org`` and ``images/a.png`` pass, while
    ``javascript:alert(1)``, ``" JaVa\\tScRiPt:alert(1)"``, ``javascript&#58;alert(1)`` and
    ``data:text/html,...`` do not.
    """
    read = _as_read(url)
    for spelling in _spellings(read):
        if _CONTROL.search(spelling):
            return None
        scheme = url_scheme(spelling)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            return None
    return read
