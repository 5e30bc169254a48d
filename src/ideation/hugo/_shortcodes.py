"""Hugo shortcodes other than ``ref``: their MyST equivalent, a plain link, or nothing shown.

Only Hugo runs shortcodes; left in a body, ``{{< youtube abc >}}`` would show as raw markup in
the Sphinx pages. The common ones become Markdown that says the same thing:

- ``figure`` -> an image, ``![alt](src "caption")``;
- ``youtube``, ``vimeo``, ``dailymotion`` -> a link to the video, with its title;
- ``gist`` -> a link to the gist; Quarto's ``video`` -> a link to the video;
- ``highlight`` (with its closing tag) -> a fenced code block in the same language;
- ``param`` -> the value of the page's (or the site's) parameter, when it is a plain value.

Any other shortcode is named in the report with its line, and never shown: alone on its line it
becomes a MyST comment (``% {{< note >}}``), which Sphinx does not show and
:func:`restore_shortcodes` turns back into the shortcode for the export; inside a line it is
removed (a paired one keeps the text between its tags). Escaped shortcodes
(``{{</* x */>}}``) are text for Hugo too, and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ideation.model import PlainValue

# {{< name args >}}, {{% name args %}}, {{< /name >}}, {{< name args />}}; not {{</* ... */>}}.
_SHORTCODE = re.compile(
    r"\{\{(?P<open>[<%])\s*(?!/\*)(?P<close>/)?\s*(?P<name>[A-Za-z][\w.-]*)"
    r"(?P<args>(?:[^>%{}\"`\n]|\"[^\"\n]*\"|`[^`\n]*`)*?)\s*/?\s*[>%]\}\}"
)
_HIGHLIGHT = re.compile(
    r"\{\{[<%]\s*highlight\s+(?P<args>[^>%}]*?)\s*[>%]\}\}\n?(?P<code>.*?)\n?"
    r"\{\{[<%]\s*/highlight\s*[>%]\}\}",
    re.S,
)
_ARG = re.compile(
    r"(?:(?P<key>[\w-]+)=)?(?:\"(?P<dq>[^\"]*)\"|`(?P<bq>[^`]*)`|(?P<bare>[^\s\"`]+))"
)
_COMMENT = re.compile(
    r"^(?P<indent>[ \t]*)% (?P<shortcode>\{\{[<%].*[>%]\}\})(?P<rest>[ \t]*)$", re.M
)
_INDENTED_COMMENT = re.compile(r"^[ \t]+(?P<comment>% \{\{[<%])", re.M)
_ID = re.compile(r"[A-Za-z0-9_-]+")
_VIDEOS = {
    "youtube": ("YouTube", "https://www.youtube.com/watch?v={}"),
    "vimeo": ("Vimeo", "https://vimeo.com/{}"),
    "dailymotion": ("Dailymotion", "https://www.dailymotion.com/video/{}"),
}


def _args(text: str) -> tuple[list[str], dict[str, str]]:
    positional: list[str] = []
    named: dict[str, str] = {}
    for match in _ARG.finditer(text):
        value = next(v for v in (match["dq"], match["bq"], match["bare"]) if v is not None)
        if match["key"]:
            named[match["key"].lower()] = value
        else:
            positional.append(value)
    return positional, named


def _escape(text: str) -> str:
    return re.sub(r"([\[\]\\`*_])", r"\\\1", text)


def _figure(named: Mapping[str, str], positional: list[str]) -> str | None:
    src = named.get("src") or (positional[0] if positional else None)
    if not src or any(c in src for c in " ()<>"):
        return None
    caption = named.get("caption") or named.get("title") or ""
    alt = named.get("alt") or caption
    title = f' "{caption.replace(chr(34), chr(39))}"' if caption else ""
    return f"![{_escape(alt)}]({src}{title})"


def _video(name: str, named: Mapping[str, str], positional: list[str]) -> str | None:
    ident = named.get("id") or (positional[0] if positional else None)
    if ident is None or not _ID.fullmatch(ident):
        return None
    site, url = _VIDEOS[name]
    title = named.get("title") or f"{site} video {ident}"
    return f"[{_escape(title)}]({url.format(ident)})"


def _link(url: str, named: Mapping[str, str], label: str) -> str | None:
    """A link to a web address (Quarto's ``video`` shortcode), or ``None`` for anything else."""
    if not re.fullmatch(r"https?://[^\s()<>]+", url):
        return None
    return f"[{_escape(named.get('title') or label)}]({url})"


def _gist(positional: list[str]) -> str | None:
    if len(positional) < 2 or not all(_ID.fullmatch(p) for p in positional[:2]):
        return None
    user, ident = positional[:2]
    return f"[Gist {user}/{ident}](https://gist.github.com/{user}/{ident})"


def _param(positional: list[str], params: Mapping[str, PlainValue]) -> str | None:
    if not positional:
        return None
    value: PlainValue | Mapping[str, PlainValue] = params
    for step in positional[0].split("."):
        value = value.get(step.lower()) if isinstance(value, Mapping) else None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return _escape(str(value))
    return None


def _known(name: str, args: str, params: Mapping[str, PlainValue]) -> str | None:
    positional, named = _args(args)
    if name == "figure":
        return _figure(named, positional)
    if name in _VIDEOS:
        return _video(name, named, positional)
    if name == "gist":
        return _gist(positional)
    if name == "video":
        return _link(named.get("src") or (positional[0] if positional else ""), named, "Video")
    if name == "param":
        return _param(positional, params)
    return None


def _highlight(match: re.Match[str]) -> str:
    positional, _ = _args(match["args"])
    language = positional[0] if positional and _ID.fullmatch(positional[0]) else ""
    code = match["code"]
    fence = "````" if "```" in code else "```"
    return f"{fence}{language}\n{code}\n{fence}"


def convert_shortcodes(
    body: str, params: Mapping[str, Any], converted: list[tuple[str, str]] | None = None
) -> tuple[str, list[tuple[int, str]]]:
    """``body`` with its shortcodes converted, and notes as ``(line in the body, message)``.

    ``params`` are the values ``param`` reads: the page's front matter over the site's
    ``params``, keys in lowercase. Each conversion is added to ``converted`` as ``(what it
    became, the shortcode)``, for the export to give back.
    """
    pairs = converted if converted is not None else []
    notes: list[tuple[int, str]] = []
    original = body

    def line_at(text: str, position: int) -> int:
        return text.count("\n", 0, position) + 1

    def highlight(match: re.Match[str]) -> str:
        result = _highlight(match)
        pairs.append((result, match[0]))
        notes.append((line_at(original, match.start()), "shortcode highlight became a code block"))
        return result

    body = _HIGHLIGHT.sub(highlight, body)

    def convert(match: re.Match[str]) -> str:
        name, line = match["name"].lower(), line_at(body, match.start())
        shown = match[0] if len(match[0]) <= 80 else match[0][:77] + "..."
        result = None if match["close"] else _known(name, match["args"], params)
        if result is not None:
            pairs.append((result, match[0]))
            notes.append((line, f"shortcode {shown} became {result}"))
            return result
        start = body.rfind("\n", 0, match.start()) + 1
        end = body.find("\n", match.end())
        before, after = body[start : match.start()], body[match.end() : end if end >= 0 else None]
        if before.strip() == "%" and before.endswith("% ") and not after.strip():
            # Hidden already (a page written by the export, imported again, or a pass before).
            if not passes:
                notes.append((line, f"shortcode {shown} is unknown here: hidden as a comment"))
            return match[0]
        if not before.strip() and not after.strip():
            notes.append((line, f"shortcode {shown} is unknown here: hidden as a comment"))
            return f"% {match[0]}"
        notes.append((line, f"shortcode {shown} is unknown here: removed from the text"))
        return ""

    passes: list[str] = []
    result = _SHORTCODE.sub(convert, body)
    while result != body:
        # Removing a shortcode can join the text around it into a new one ({{<{{< x >}}y>}}).
        passes.append(body)
        body = result
        result = _SHORTCODE.sub(convert, body)
    # A MyST comment starts its line: a hidden shortcode loses its indent.
    return _INDENTED_COMMENT.sub(r"\g<comment>", result), notes


def restore_shortcodes(body: str) -> str:
    """The reverse of hiding unknown shortcodes as comments, for the export."""
    return _COMMENT.sub(lambda m: m["indent"] + m["shortcode"] + m["rest"], body)
