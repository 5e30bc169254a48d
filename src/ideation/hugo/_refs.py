"""Hugo's ``ref``/``relref`` shortcodes and the Sphinx cross-references they become, both ways."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePosixPath

import attrs

from ._page import EVENTS_LABEL, HTML_SUFFIXES, MARKDOWN_SUFFIXES, PROPOSALS_LABEL

#: Labels the Sphinx extension gives the lists of events and of proposals.
SectionLabels = Mapping[str, str]

# The target may be quoted or, without spaces, bare: {{< ref "/projets" >}}, {{< ref /projets >}}.
_REF = r"\{\{[<%]\s*(?:ref|relref)\s+(?:\"(?P<target>[^\"]*)\"|(?P<bare>[^\s\"<>%{}]+))\s*[>%]\}\}"
# ``[text]({{< ref "x" >}} "title")``: a Markdown link whose destination is a ref shortcode.
_LINKED_REF = re.compile(
    r"\[(?P<text>[^\]]*)\]\(\s*" + _REF + r"(?:\s+\"(?P<title>[^\"]*)\")?\s*\)"
)
_BARE_REF = re.compile(_REF)
_ROLE = re.compile(r"\{(?P<role>ideation:event|ideation:proposal|ref)\}`(?P<content>[^`]*)`")


@attrs.frozen
class Target:
    """What a ``ref`` shortcode points to: an object of the catalogue, a list, or a page."""

    role: str  # "ideation:event", "ideation:proposal", "ref", or "" for a plain link
    name: str  # a slug, a label, or a URL path


Resolver = Callable[[str], Target]


def _role(role: str, name: str, text: str | None) -> str:
    if text is None or text == name:
        return f"{{{role}}}`{name}`"
    return f"{{{role}}}`{text} <{name}>`"


def shortcodes_to_refs(
    body: str, resolve: Resolver, converted: list[tuple[str, str]] | None = None
) -> tuple[str, list[tuple[int, str]]]:
    """Replace ``ref``/``relref`` shortcodes by MyST cross-references; say what was done.

    Return the new body and notes as ``(line in the body, message)``, 1-based. A conversion
    that :func:`refs_to_shortcodes` cannot undo exactly (a link's title dropped, a page outside
    the catalogue) is added to ``converted`` as ``(what it became, the original)``.
    """
    notes: list[tuple[int, str]] = []
    pairs = converted if converted is not None else []

    def line_at(position: int) -> int:
        return body.count("\n", 0, position) + 1

    def convert(match: re.Match[str], text: str | None, target: str, title: str | None) -> str:
        found = resolve(target)
        position = match.start()
        shown = f'{{{{< ref "{target}" >}}}}'
        if found.role:
            result = _role(found.role, found.name, text)
        else:
            result = f"[{text if text is not None else found.name}]({found.name})"
        dropped = f', its title "{title}" dropped' if title else ""
        notes.append((line_at(position), f"shortcode {shown} became {result}{dropped}"))
        if title or not found.role:
            pairs.append((result, match[0]))
        return result

    body = _LINKED_REF.sub(lambda m: convert(m, m["text"], m["target"], m["title"]), body)
    body = _BARE_REF.sub(lambda m: convert(m, None, m["target"] or m["bare"], None), body)
    return body, notes


def refs_to_shortcodes(body: str, path_of: Callable[[str, str], str | None]) -> str:
    """The reverse of :func:`shortcodes_to_refs`, for writing pages that Hugo builds.

    ``path_of(role, name)`` gives the Hugo path a cross-reference points to, or ``None`` to
    leave it as it is.
    """

    def convert(match: re.Match[str]) -> str:
        content = match["content"]
        labelled = re.fullmatch(r"(?P<text>.*?)\s*<(?P<name>[^<>]+)>", content, re.S)
        text, name = (labelled["text"], labelled["name"]) if labelled else (None, content)
        path = path_of(match["role"], name)
        if path is None:
            return match[0]
        shortcode = f'{{{{< ref "{path}" >}}}}'
        return shortcode if text is None else f"[{text}]({shortcode})"

    return _ROLE.sub(convert, body)


def resolver(
    by_path: Mapping[str, tuple[str, str]],
    events: Sequence[tuple[str, ...]],
    proposals: Sequence[tuple[str, ...]],
) -> Resolver:
    """A resolver of ``ref`` targets, given the Hugo path of every imported page."""

    def resolve(target: str) -> Target:
        path = PurePosixPath(target.split("#", 1)[0].strip("/"))
        if path.suffix.lower() in MARKDOWN_SUFFIXES + HTML_SUFFIXES:
            path = path.with_suffix("")
        if path.name.startswith("_index") or path.name == "index":
            path = path.parent
        parts = path.parts
        key = "/".join(parts)
        if key in by_path:
            return Target(*by_path[key])
        # A relative ref ("liria.md") names a page by its file name alone.
        by_name = [value for full, value in by_path.items() if full.rsplit("/", 1)[-1] == key]
        if len(by_name) == 1:
            return Target(*by_name[0])
        if parts and parts in events:
            return Target("ref", EVENTS_LABEL)
        if parts and parts in proposals:
            return Target("ref", PROPOSALS_LABEL)
        return Target("", f"/{key}/" if key else "/")

    return resolve
