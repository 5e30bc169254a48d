"""Write changes back into data files that people edit, without noise in the diff.

Only what changed between two versions of an object is applied to the file as it stands:
comments, key order, quoting, line breaks, indentation and a Markdown page's body stay as they
were for everything else. YAML goes through ruamel.yaml's round-trip mode (it constructs only
plain mappings, lists and scalars: no Python object can be named from a file), TOML through
tomlkit, JSON through the standard library with the file's indentation.

ruamel.yaml and tomlkit come with the ``ops`` extra, and are imported only when a file is edited:
without them, editing YAML or TOML raises :class:`~ideation.errors.MissingExtraError` (an
:exc:`ImportError`), and callers that can write the whole file instead do so.
"""

from __future__ import annotations

import enum
import functools
import io
import json
import re
from collections.abc import Mapping, MutableMapping, MutableSequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias, TypeVar

import attrs

from .._io import read_text_with_form, write_bytes_atomically
from .._optional import require
from ..convert import unstructure
from ..errors import DataError, Problem
from ..model import PlainValue
from . import json as json_format
from ._document import set_order
from .markdown import holds_as_body

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode
    from ruamel.yaml.representer import RoundTripRepresenter

__all__ = [
    "edit_mapping",
    "round_trip_errors",
    "write_changes",
]

_FENCES = {"---": "yaml", "+++": "toml"}
_FRONT = re.compile(r"\A(?P<open>---|\+\+\+)[ \t]*\n(?P<data>.*?\n)?(?P=open)[ \t]*(\n|\Z)", re.S)
_JSON_FRONT = re.compile(r"\A\{")


class _Missing(enum.Enum):
    # A key that one version of the data does not have (``None`` is a value a key can hold).
    MISSING = enum.auto()


_MISSING = _Missing.MISSING

T = TypeVar("T")

#: A value of one version of the data under a key, or :data:`_MISSING`.
_Value: TypeAlias = PlainValue | Literal[_Missing.MISSING]


def apply_changes(node: object, old: PlainValue, new: PlainValue) -> object:
    """``node`` (a file as ruamel.yaml, tomlkit or json parsed it) with the changes from
    ``old`` to ``new`` (plain data) applied.

    Keys and items that did not change are left as the parser gave them, with their comments
    and style; a list that only grew keeps its items and gains the new ones at its end.
    """
    if old == new:
        return node
    if isinstance(old, dict) and isinstance(new, dict) and isinstance(node, MutableMapping):
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                node.pop(key, None)
            elif key not in old:
                node[key] = new[key]
            elif old[key] == new[key]:
                continue  # a key the file may not write out (a slug its name gives)
            elif key not in node:
                node[key] = new[key]
            else:
                node[key] = apply_changes(node[key], old[key], new[key])
        return node
    if (
        isinstance(old, list)
        and isinstance(new, list)
        and isinstance(node, MutableSequence)
        and len(node) == len(old)
    ):
        for index, (before, after) in enumerate(zip(old, new, strict=False)):
            if before != after:
                node[index] = apply_changes(node[index], before, after)
        for item in new[len(old) :]:
            node.append(item)
        del node[len(new) :]
        return node
    return _same_style(node, new)


def _changed_in_place(document: T, old: PlainValue, new: PlainValue) -> T:
    """``document`` (a file's top-level mapping, as its parser gave it) with the changes from
    ``old`` to ``new`` applied where it stands."""
    if apply_changes(document, old, new) is not document:
        # Only a file that holds a mapping loads as an object, and so is edited.
        raise ValueError("expected a mapping of keys to values at the top of the file")
    return document


def _same_style(node: object, new: PlainValue) -> object:
    """``new`` in the style the file gave the value it replaces: a quoted text stays quoted."""
    if not (isinstance(new, str) and isinstance(node, str) and type(node) is not str):
        return new
    # The node came from one of the two parsers: only that one's module is looked at.
    if type(node).__module__.startswith("ruamel."):
        from ruamel.yaml.scalarstring import ScalarString

        return type(node)(new) if isinstance(node, ScalarString) else new
    if not type(node).__module__.startswith("tomlkit."):
        return new
    import tomlkit
    from tomlkit.items import String, StringType

    if isinstance(node, String):
        literal = node.type in (StringType.SLL, StringType.MLL)
        multiline = node.type in (StringType.MLB, StringType.MLL)
        # A literal string cannot hold its own quote, nor a line break unless multi-line.
        if literal and ("'" in new or ("\n" in new and not multiline)):
            literal = False
        return tomlkit.string(new, literal=literal, multiline=multiline)
    return new


def _plain(obj: object, present: object, *, native: bool) -> PlainValue:
    """``obj`` as plain data, with the file's own keys even where they hold a default.

    The serialiser leaves defaults out (a status that the history implies); a key the file
    writes out must still follow a change, or the file would contradict itself.
    """
    data = unstructure(obj, native_dates=native)
    cls = type(obj)
    if not (attrs.has(cls) and isinstance(data, dict) and isinstance(present, Mapping)):
        return data
    for field in attrs.fields(cls):
        if field.init and field.name in present and field.name not in data:
            data[field.name] = unstructure(getattr(obj, field.name), native_dates=native)
    return data


def _yaml() -> YAML:
    require("ruamel.yaml", "ops", "editing a YAML file in place")
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.Representer = _representer()
    return yaml


@functools.cache
def _representer() -> type[RoundTripRepresenter]:
    """ruamel.yaml's round-trip representer, with sets in a stable order, as the YAML format
    writes them (a set's own order changes from run to run)."""
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        pass

    def represent_set(
        representer: RoundTripRepresenter, data: set[PlainValue] | frozenset[PlainValue]
    ) -> MappingNode:
        items = dict.fromkeys(set_order(data))
        return representer.represent_mapping("tag:yaml.org,2002:set", items)

    Representer.add_representer(set, represent_set)
    Representer.add_representer(frozenset, represent_set)
    return Representer


_KEY_LINE = r"^( *)[^\s#:-][^:\n]*:[ \t]*(#.*)?\n"


def _indents(text: str) -> tuple[int, int]:
    """The file's own mapping indent and list-dash offset, so that new lines look like old ones.

    ruamel.yaml applies one indentation to the whole file it writes; guessing it from the file
    keeps the lines nobody changed byte for byte.
    """
    mapping = re.search(_KEY_LINE + r"( *)[^\s#-][^:\n]*:", text, re.M)
    dash = re.search(_KEY_LINE + r"( *)- ", text, re.M)
    indent = len(mapping[3]) - len(mapping[1]) if mapping else 0
    offset = len(dash[3]) - len(dash[1]) if dash else 0
    return (indent if indent > 0 else 2), max(offset, 0)


_KEY = r"""(?P<key>"[^"\n]*"|'[^'\n]*'|[^\s#:\-'"][^:\n]*?|-[^\s:][^:\n]*?):(\s|$)"""


def _blocks(text: str, indent: int = 0) -> tuple[str, dict[str, str]] | None:
    """The lines before the first key at ``indent``, and each such key's lines.

    A key's block runs to the next key at that indent, so comments between two keys travel with
    the first, as ruamel.yaml attaches them. ``None`` when the text is not a block mapping.
    """
    pattern = re.compile(rf"^ {{{indent}}}{_KEY}")
    head: list[str] = []
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines(keepends=True):
        match = pattern.match(line)
        if match:
            key = match["key"].strip("'\"")
            if key in blocks:
                return None
            current = blocks[key] = [line]
        elif current is None:
            if line.strip() and not line.lstrip().startswith("#"):
                return None
            head.append(line)
        else:
            current.append(line)
    return "".join(head), {key: "".join(lines) for key, lines in blocks.items()}


def _trailing(block: str, indent: int) -> tuple[str, str]:
    """``block`` without its trailing comments and blank lines, and those lines.

    Only comments that stand at ``indent`` or to its left count: a line further in belongs to
    the block's value (a ``#`` line of a literal text, say).
    """
    lines = block.splitlines(keepends=True)
    cut = len(lines)
    while cut > 1:
        line = lines[cut - 1]
        stripped = line.lstrip(" ")
        if stripped.strip() and not (
            stripped.startswith("#") and len(line) - len(stripped) <= indent
        ):
            break
        cut -= 1
    return "".join(lines[:cut]), "".join(lines[cut:])


def _before_tail(parts: list[str], added: list[str], indent: int) -> list[str]:
    """``parts`` with ``added`` put after the last part's content but before the comments that
    close it (the file's last comment stays last)."""
    if not added or not parts:
        return [*parts, *added]
    content, tail = _trailing(parts[-1], indent)
    return [*parts[:-1], content, *added, tail]


def _splice(original: str, emitted: str, old: _Value, new: _Value, indent: int = 0) -> str:
    """``emitted`` for what changed, ``original`` for everything else, key by key.

    ruamel.yaml keeps comments and quoting but folds long plain text its own way; taking its
    output only for the keys (and list items) that changed keeps every other line of the file
    byte for byte, however deep the change is (a proposal in a one-file catalogue).
    """
    split_original, split_emitted = _blocks(original, indent), _blocks(emitted, indent)
    if not (split_original and split_emitted and isinstance(old, dict) and isinstance(new, dict)):
        return emitted
    head, before = split_original
    _, after = split_emitted
    parts = []
    for key, block in before.items():
        if key not in after:
            continue  # removed
        value_old, value_new = old.get(key, _MISSING), new.get(key, _MISSING)
        if value_old == value_new:
            parts.append(block)
        else:
            parts.append(_splice_value(block, after[key], value_old, value_new))
    added = [block for key, block in after.items() if key not in before]
    return head + "".join(_before_tail(parts, added, indent))


def _nested_indent(text: str) -> int | None:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return len(line) - len(line.lstrip(" "))
    return None


def _shift(text: str, by: int) -> str | None:
    """``text`` with every line that holds something moved ``by`` columns (left when
    negative); ``None`` when a line has too few leading spaces to move left."""
    lines = text.splitlines(keepends=True)
    if by >= 0:
        return "".join(" " * by + line if line.strip() else line for line in lines)
    if any(line.strip() and not line.startswith(" " * -by) for line in lines):
        return None
    return "".join(line[-by:] if line.strip() else line for line in lines)


def _splice_value(original: str, emitted: str, old: _Value, new: _Value) -> str:
    """One key's block: its nested keys or list items spliced where the layouts agree.

    A file may indent its lists in more than one way (``key:\n- item`` here, ``key:\n  -
    item`` there), and the emitter writes the whole file one way: what it wrote for this key
    is first moved to the key's own indentation, so that unchanged items stay as they are and
    new ones look like their neighbours.
    """
    first, _, rest = original.partition("\n")
    emitted_first, _, emitted_rest = emitted.partition("\n")
    indent, emitted_indent = _nested_indent(rest), _nested_indent(emitted_rest)
    if first != emitted_first or indent is None or emitted_indent is None:
        return emitted
    if indent != emitted_indent:
        shifted = _shift(emitted_rest, indent - emitted_indent)
        if shifted is None:
            return emitted
        emitted_rest = shifted
        emitted = f"{emitted_first}\n{emitted_rest}"
    if isinstance(old, dict) and isinstance(new, dict):
        return f"{first}\n" + _splice(rest, emitted_rest, old, new, indent)
    if isinstance(old, list) and isinstance(new, list):
        items, emitted_items = _items(rest, indent), _items(emitted_rest, indent)
        if items is None or emitted_items is None:
            return emitted
        if len(items) != len(old) or len(emitted_items) != len(new):
            return emitted
        spliced = [
            _splice_item(items[i], emitted_items[i], old[i], new[i], indent)
            for i in range(min(len(old), len(new)))
        ]
        added = emitted_items[len(old) :]
        return f"{first}\n" + "".join(_before_tail(spliced, added, indent))
    return emitted


def _items(text: str, indent: int) -> list[str] | None:
    """The items of a block list whose dashes stand at ``indent``."""
    dash = " " * indent + "- "
    items: list[list[str]] = []
    for line in text.splitlines(keepends=True):
        if line.startswith(dash) or line.rstrip("\n") == dash.rstrip():
            items.append([line])
        elif items:
            items[-1].append(line)
        elif line.strip() and not line.lstrip().startswith("#"):
            return None
    return ["".join(item) for item in items]


def _splice_item(original: str, emitted: str, old: _Value, new: _Value, indent: int) -> str:
    if old == new:
        return original
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return emitted
    # A list item "- key: value" is a mapping two columns in, once its dash is blanked.
    lead = " " * indent
    blank = lead + "  "
    inner = _splice(
        original.replace(lead + "- ", blank, 1),
        emitted.replace(lead + "- ", blank, 1),
        old,
        new,
        indent + 2,
    )
    return inner.replace(blank, lead + "- ", 1) if inner.startswith(blank) else emitted


def _edit_yaml(text: str, before: object, after: object, body: bool = False) -> str:
    yaml = _yaml_for(text)
    node = yaml.load(text)
    old, new = _pair(node, before, after, native=True, body=body)
    return _dump_yaml(yaml, text, node, old, new)


def _yaml_for(text: str) -> YAML:
    yaml = _yaml()
    indent, offset = _indents(text)
    yaml.indent(mapping=indent, sequence=offset + 2, offset=offset)
    # No folding of long text by the emitter: what it writes is only the keys that changed.
    yaml.width = 10_000
    return yaml


def _dump_yaml(yaml: YAML, text: str, node: object, old: PlainValue, new: PlainValue) -> str:
    if old == new:
        return text
    out = io.StringIO()
    yaml.dump(apply_changes(node, old, new), out)
    return _splice(text, out.getvalue(), old, new)


def _edit_toml(text: str, before: object, after: object, body: bool = False) -> str:
    require("tomlkit", "ops", "editing a TOML file in place")
    import tomlkit

    document = tomlkit.parse(text)
    old, new = _pair(document, before, after, native=True, body=body)
    return tomlkit.dumps(_changed_in_place(document, old, new))


def edit_mapping(
    text: str, syntax: str, old: Mapping[str, PlainValue], new: Mapping[str, PlainValue]
) -> str:
    """The YAML or TOML ``text`` of a mapping, once its plain data goes from ``old`` to ``new``.

    For a caller that knows both versions as plain data (a Hugo page's front matter). Raises
    the parser's own error when ``text`` does not parse.
    """
    if syntax == "toml":
        require("tomlkit", "ops", "editing a TOML front matter in place")
        import tomlkit

        return tomlkit.dumps(_changed_in_place(tomlkit.parse(text), dict(old), dict(new)))
    yaml = _yaml_for(text)
    return str(_dump_yaml(yaml, text, yaml.load(text), dict(old), dict(new)))


@functools.cache
def round_trip_errors() -> tuple[type[Exception], ...]:
    """The errors ruamel.yaml and tomlkit raise on text they cannot parse or write, for an
    ``except`` clause; a library that is not installed has none (and raises nothing)."""
    errors: list[type[Exception]] = []
    try:
        from ruamel.yaml.error import YAMLError

        errors.append(YAMLError)
    except ImportError:
        pass
    try:
        from tomlkit.exceptions import TOMLKitError

        errors.append(TOMLKitError)
    except ImportError:
        pass
    return tuple(errors)


def _pair(
    node: object, before: object, after: object, *, native: bool, body: bool
) -> tuple[PlainValue, PlainValue]:
    old, new = _plain(before, node, native=native), _plain(after, node, native=native)
    if body and isinstance(old, dict) and isinstance(new, dict):
        # A page's description is its body, handled apart from the front matter; one a body
        # cannot hold as it is (empty, blank...) is in the front matter, as render() writes it.
        for side in (old, new):
            if holds_as_body(side.get("description")):
                side.pop("description")
    return old, new


def _edit_json(text: str, before: object, after: object) -> str:
    data: PlainValue = json.loads(text)
    old, new = _pair(data, before, after, native=False, body=False)
    indent_match = re.search(r"\n([ \t]+)\S", text)
    indent = len(indent_match[1]) if indent_match else None
    # As the whole file would be written: a set as a list, and no NaN (a DataError).
    rendered = json_format.to_text(_changed_in_place(data, old, new), indent=indent)
    return rendered + ("\n" if text.endswith("\n") else "")


def _edit_markdown(text: str, before: object, after: object) -> str:
    body_old = getattr(before, "description", None)
    body_new = getattr(after, "description", None)
    match = _FRONT.match(text)
    if match is None:
        raise ValueError("expected front matter between --- or +++ lines at the top of the page")
    fence = match["open"]
    data = match["data"] or ""
    edit = _edit_yaml if _FENCES[fence] == "yaml" else _edit_toml
    front = edit(data, before, after, True)
    body = text[match.end() :]
    if body_old != body_new:
        # The body is the description: rewritten only when the description changed (and left
        # empty when the front matter holds it).
        body = f"\n{body_new}\n" if holds_as_body(body_new) else ""
    return f"{fence}\n{front}{fence}\n{body}"


def changed_text(path: Path, text: str, before: object, after: object) -> str:
    """The text of ``path`` (now ``text``) once the changes from ``before`` to ``after`` apply."""
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        if _JSON_FRONT.match(text):
            raise ValueError("pages with JSON front matter are not edited in place")
        return _edit_markdown(text, before, after)
    if suffix in (".yaml", ".yml"):
        return _edit_yaml(text, before, after)
    if suffix == ".toml":
        return _edit_toml(text, before, after)
    if suffix == ".json":
        return _edit_json(text, before, after)
    raise ValueError(f"no in-place editing for {suffix or 'files without a suffix'}")


def write_changes(path: Path, before: object, after: object) -> bool:
    """Apply the changes from ``before`` to ``after`` to the file ``path``, atomically.

    Return whether the file changed. A file whose format cannot be edited in place is a
    :class:`~ideation.errors.DataError` that names it; the file is then left as it was.
    """
    # Read once: the text, and its byte-order mark and line breaks, which the edit keeps.
    text, form = read_text_with_form(path)
    try:
        updated = changed_text(path, text, before, after)
    except ValueError as error:
        raise DataError([Problem(message=f"cannot write back: {error}", file=str(path))]) from None
    if updated == text:
        return False
    write_bytes_atomically(path, form.encode(updated))
    return True
