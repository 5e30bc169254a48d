"""YAML, read with a safe loader only, with the line of every value kept for error messages.

The loader follows YAML 1.2 for numbers: ``10:30`` is the text "10:30", not the sexagesimal
number 630 that YAML 1.1 makes of it, because agendas are full of such times.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

import yaml

from ..errors import DataError, Problem
from ..model import PlainValue
from ._document import (
    MAX_DEPTH,
    Document,
    FrontMatter,
    check_controls,
    deep_bracket_line,
    depth_of,
    number_problem,
    set_order,
    shown_key,
)

__all__ = ["NAME", "NATIVE_DATES", "SUFFIXES", "parse", "render"]

NAME = "yaml"
SUFFIXES = (".yaml", ".yml")
NATIVE_DATES = True


# libyaml's parser and emitter where PyYAML was built with them (its wheels are): the same safe
# constructor and representer, several times faster on big catalogues.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A safe loader without YAML 1.1's sexagesimal numbers."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    # YAML 1.1's own patterns, less the sexagesimal forms: what SafeDumper quotes, this reads.
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?"
        r"|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> dt.date | str:
    # PyYAML reads anything shaped like a date as one, and a day that does not exist
    # (2025-02-30) ends in a bare ValueError that would stop the whole file. Kept as the text it
    # is, the value reaches the converter, which refuses it at its own path and line while the
    # rest of the file is still checked.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        text: str = node.value  # a scalar node's value is its text
        return text


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _Dumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """Block style, keys in the order given, and no aliases: files meant for people and git."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Multi-line text as a literal block keeps descriptions readable in the file.
    if "\n" in value and not value.startswith((" ", "\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_datetime(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.ScalarNode:
    # ISO 8601 with a "T", as Hugo and most tools write it; PyYAML would put a space there.
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _represent_set(
    dumper: yaml.SafeDumper, value: set[PlainValue] | frozenset[PlainValue]
) -> yaml.Node:
    # In a stable order: a set's own order changes from run to run (PYTHONHASHSEED), and so
    # would the file. The order is the one the formats without sets write their lists in.
    items = dict.fromkeys(set_order(value))
    return dumper.represent_mapping("tag:yaml.org,2002:set", items)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(set, _represent_set)
_Dumper.add_representer(frozenset, _represent_set)
_Dumper.add_representer(dt.datetime, _represent_datetime)


#: How many values a document may hold once its aliases are expanded: far more than any
#: catalogue, far fewer than a "billion laughs" document, which would otherwise hang the loader
#: (and every tool that walks what it returns).
MAX_VALUES = 500_000


class _Refused(yaml.YAMLError):
    """The document breaks a limit; ``line`` is where the first offending character is."""

    def __init__(self, message: str, line: int | None, path: str = "$") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path


class _Duplicates(yaml.YAMLError):
    """Keys given twice in one mapping: (path, message, line) for each."""

    def __init__(self, found: list[tuple[str, str, int]]) -> None:
        super().__init__(f"{len(found)} duplicate key(s)")
        self.found = found


#: Texts longer than this are counted before they are composed, so that a file of too many
#: values is refused in a second or two rather than after building every node.
_COUNT_FIRST = 1024 * 1024


def _too_many_values(text: str) -> _Refused | None:
    """Where ``text`` passes :data:`MAX_VALUES` values, aliases expanded, if it does.

    The count runs on the parser's events, without building the document: what each anchor
    holds is remembered, so an alias counts as the values it stands for, and the line given
    is that of the value (or alias) that passes the limit.
    """
    sizes: dict[str, int] = {}
    anchors: list[str | None] = []
    counts = [0]  # values in each collection being read, the document's at the bottom
    total = 0
    for event in yaml.parse(text, Loader=_Loader):
        size = 0
        if isinstance(event, yaml.AliasEvent):
            size = sizes.get(event.anchor or "", 1)
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.CollectionStartEvent):
            anchors.append(event.anchor)
            counts.append(1)
            total += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            size = counts.pop()
            anchor = anchors.pop()
            if anchor:
                sizes[anchor] = size
        counts[-1] += size
        if not isinstance(event, yaml.CollectionEndEvent):
            total += size
        if total > MAX_VALUES:
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            if isinstance(event, yaml.AliasEvent):
                return _Refused(
                    f"more than {MAX_VALUES} values once its aliases are expanded", line
                )
            return _Refused(f"more than {MAX_VALUES} values, the most a data file may hold", line)
    return None


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"

#: How a key is told from the others: the name it is kept under (its text, as unknown keys
#: are kept) and the value YAML reads (itself for text); its spelling and line, to report it;
#: and its node, as a mapping merged twice over gives the same key twice.
_Key = tuple[str, object, str, int, int]
#: Makes the value of a scalar node, as the loader would.
_Construct = Callable[[yaml.ScalarNode], object]


def _key(node: yaml.ScalarNode, construct: _Construct) -> _Key:
    line = node.start_mark.line + 1
    if node.tag == _STR:
        return node.value, node.value, node.value, line, id(node)
    try:
        value = construct(node)
        hash(value)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        # Refused when the document is built, with the reason.
        return node.value, node.value, node.value, line, id(node)
    return str(value), value, node.value, line, id(node)


class _Keys:
    """The keys of a mapping seen so far, to tell which one repeats an earlier one.

    Two keys are the same when YAML reads the same value (``true``, ``True`` and ``yes``; ``1``
    and ``1.0``, which Python's mappings take as one key) or when they are kept under the same
    name (``1`` and ``"1"``, both kept as ``"1"`` among unknown keys): either way one of the two
    values would be lost without a word.
    """

    def __init__(self) -> None:
        self.names: dict[str, _Key] = {}
        self.values: dict[object, _Key] = {}

    def same_as(self, key: _Key) -> _Key | None:
        earlier = self.names.get(key[0])
        if earlier is None:
            earlier = self.values.get(key[1])
        return earlier

    def add(self, key: _Key) -> None:
        self.names.setdefault(key[0], key)
        self.values.setdefault(key[1], key)


def _sources(node: yaml.MappingNode) -> list[tuple[int, yaml.MappingNode]]:
    """The mappings merged into ``node`` by its ``<<`` keys, each with the line that merges it."""
    found = []
    for key, value in node.value:
        if not (isinstance(key, yaml.ScalarNode) and key.tag == _MERGE):
            continue
        items = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for item in items:
            if isinstance(item, yaml.MappingNode):  # anything else is refused on construction
                found.append((item.start_mark.line + 1, item))
    return found


def _effective_keys(
    node: yaml.MappingNode, construct: _Construct, memo: dict[int, list[_Key]]
) -> list[_Key]:
    """The keys ``node`` holds once its merges are applied (the first of each)."""
    if id(node) in memo:
        return memo[id(node)]
    memo[id(node)] = []  # a mapping that merges itself holds nothing more
    keys = _Keys()
    held: list[_Key] = []
    merged = [
        key for _, source in _sources(node) for key in _effective_keys(source, construct, memo)
    ]
    local = [
        _key(key, construct)
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE
    ]
    for key in [*local, *merged]:  # a key of the mapping itself wins over a merged one
        if keys.same_as(key) is None:
            keys.add(key)
            held.append(key)
    memo[id(node)] = held
    return held


def _duplicate_keys(
    node: yaml.MappingNode, path: str, construct: _Construct, memo: dict[int, list[_Key]]
) -> list[tuple[str, str, int]]:
    """The keys of ``node`` that repeat another: (path, message, line) for each.

    A key given twice in the mapping is one; so is a key that two merged mappings (``<<``)
    both give, unless the mapping gives it itself (which is what merging is for), and a key of
    the mapping that only the name it is kept under makes the same as a merged one.
    """
    found = []
    local = _Keys()
    merges = False
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        if key_node.tag == _MERGE:
            merges = True  # "<<" merges another mapping in: it may be given more than once
            continue
        key = _key(key_node, construct)
        earlier = local.same_as(key)
        if earlier is None:
            local.add(key)
            continue
        found.append((f"{path}.{shown_key(key[2])}", _twice(earlier, key), key[3]))
    merged = _Keys()
    for line, source in _sources(node) if merges else ():
        for key in _effective_keys(source, construct, memo):
            mine = local.same_as(key)
            if mine is not None:
                if mine[1] != key[1] or type(mine[1]) is not type(key[1]):
                    # Two keys YAML tells apart (1 and "1") but kept under one name.
                    found.append(
                        (f"{path}.{shown_key(mine[2])}", _twice(key, mine, merged=True), mine[3])
                    )
                continue
            earlier = merged.same_as(key)
            if earlier is None:
                merged.add(key)
                continue
            if earlier[4] == key[4]:
                continue  # one mapping merged in twice over (through another): the same key
            message = (
                f"the key {key[2]!r} is given by two merged mappings (<<), at lines "
                f"{earlier[3]} and {key[3]}: give it in this mapping itself, as which one "
                "wins depends on the order of the merges"
            )
            found.append((f"{path}.{shown_key(key[2])}", message, line))
    return found


def _twice(earlier: _Key, key: _Key, *, merged: bool = False) -> str:
    message = f"the key {key[2]!r} is given twice, at lines {earlier[3]} and {key[3]}"
    if earlier[2] != key[2]:
        message += f" (written {earlier[2]!r} and {key[2]!r}, which are read as the same key)"
    elif type(earlier[1]) is not type(key[1]):
        message += (
            f" (read as {type(earlier[1]).__name__} and {type(key[1]).__name__}, "
            "which are kept under the same name)"
        )
    if merged:
        message += f"; the one at line {earlier[3]} is merged in (<<)"
    return message


def _record_lines(
    root: yaml.Node,
    lines: dict[str, int] | None,
    *,
    limits: bool = True,
    construct: _Construct | None = None,
) -> None:
    # A walk of the expanded tree, with a stack rather than recursion, so that neither a deep
    # document nor a document of many aliases can exhaust the interpreter. With ``limits``, a
    # document that nests too deeply, holds too many values or repeats a key is refused. With
    # ``lines`` None, the walk only checks (the lines are found again if a problem needs one).
    stack: list[tuple[yaml.Node, str, int]] = [(root, "$", 1)]
    walked = 0
    checked: set[int] = set()
    duplicates: list[tuple[str, str, int]] = []
    memo: dict[int, list[_Key]] = {}
    while stack:
        node, path, depth = stack.pop()
        walked += 1
        if limits and walked > MAX_VALUES:
            raise _Refused(f"more than {MAX_VALUES} values once its aliases are expanded", None)
        # A key's line is the line of its value's path, set before the value is walked.
        if lines is not None:
            lines.setdefault(path, node.start_mark.line + 1)
        if not isinstance(node, yaml.CollectionNode):
            continue
        if limits and depth > MAX_DEPTH:
            message = f"nested more than {MAX_DEPTH} levels deep"
            raise _Refused(message, node.start_mark.line + 1, path)
        if isinstance(node, yaml.MappingNode):
            if construct is not None and id(node) not in checked:
                checked.add(id(node))
                duplicates.extend(_duplicate_keys(node, path, construct, memo))
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    child = f"{path}.{key.value}"
                    if lines is not None:
                        lines[child] = key.start_mark.line + 1
                    stack.append((value, child, depth_of(child, depth)))
        else:
            for index, item in enumerate(node.value):
                child = f"{path}[{index}]"
                stack.append((item, child, depth_of(child, depth)))
    if duplicates:
        raise _Duplicates(sorted(duplicates, key=lambda found: found[2]))


def _compose(text: str) -> PlainValue:
    # One pass over the node tree checks it and gives the data; the line of each path is found
    # only when a problem asks for one (line_table, from the same text).
    if len(text) > _COUNT_FIRST and (refused := _too_many_values(text)) is not None:
        raise refused
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _record_lines(node, None, construct=loader.construct_object)
        data: PlainValue = loader.construct_document(node)
        return data
    finally:
        loader.dispose()


def line_table(text: str) -> dict[str, int]:
    """The line of every JSON path in a YAML (or JSON) text; empty if it does not parse."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        if node is not None:
            _record_lines(node, lines, limits=False)
        return lines
    except (yaml.YAMLError, RecursionError):
        return {}
    finally:
        loader.dispose()


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _syntax_problem(error: yaml.YAMLError, text: str, file: str | None) -> Problem:
    if isinstance(error, yaml.MarkedYAMLError):
        # The context ("while parsing a flow sequence") points where the broken construct
        # starts, which is where a person should look; the problem may be at the end of the text.
        mark = error.context_mark or error.problem_mark
        if "nesting depth" in str(error.problem):  # libyaml's own limit, below Python's
            line = deep_bracket_line(text) or (mark.line + 1 if mark else None)
            message = f"refused: the YAML is nested more than {MAX_DEPTH} levels deep"
            return Problem(message=message, file=file, line=line)
        message = f"not valid YAML: {_one_line(error.problem or error.context or '')}"
        if error.context and error.problem:
            message = f"not valid YAML: {_one_line(error.problem)} ({_one_line(error.context)})"
        return Problem(message=message, file=file, line=mark.line + 1 if mark else None)
    if isinstance(error, yaml.reader.ReaderError):
        # A character YAML does not allow (a NUL byte, say): its line, not its offset (which
        # libyaml counts in bytes). The character is an int or a str, depending on the reader.
        character = error.character
        if isinstance(character, int):
            character = chr(character)
        found = text.find(character) if isinstance(character, str) and character else -1
        line = text.count("\n", 0, found) + 1 if found >= 0 else None
        shown = f"U+{ord(character):04X}" if isinstance(character, str) and character else "?"
        return Problem(
            message=f"not valid YAML: the control character {shown} is not allowed in YAML text",
            file=file,
            line=line,
        )
    return Problem(message=f"not valid YAML: {_one_line(str(error))}", file=file)


def parse(text: str, file: str | None = None) -> Document:
    """Read YAML text safely; a syntax error is a :class:`~ideation.errors.DataError` with its line.

    Refused, each with its line: a key given twice in a mapping, data nested more than
    ``MAX_DEPTH`` levels, more than ``MAX_VALUES``
    values once aliases are expanded, and text holding a control character (but tab and line
    breaks).
    """
    try:
        data = _compose(text)
    except _Duplicates as error:
        raise DataError(
            Problem(message=message, path=path, file=file, line=line)
            for path, message, line in error.found
        ) from None
    except _Refused as error:
        if error.line is None:  # too many values: the count on events tells where, and how
            error = _too_many_values(text) or error
        message = f"refused: the YAML holds {error.message}"
        raise DataError(
            [Problem(message=message, path=error.path, file=file, line=error.line)]
        ) from None
    except RecursionError:
        raise DataError(
            [
                Problem(
                    message=f"refused: the YAML is nested more than {MAX_DEPTH} levels deep",
                    file=file,
                    line=deep_bracket_line(text),
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise DataError([_syntax_problem(error, text, file)]) from None
    except (ValueError, OverflowError) as error:
        # Any other value PyYAML's constructors cannot make, rather than a traceback; an
        # integer too long for Python to read gets the line of its digits.
        if "digits" in str(error):
            raise DataError([number_problem(text, file, "YAML")]) from None
        message = f"not valid YAML: {_one_line(str(error))}"
        raise DataError([Problem(message=message, file=file)]) from None
    document = Document(data, lambda: line_table(text))
    # A control character can only come from an escape ("\0"): YAML refuses them as they are.
    return check_controls(document, file) if "\\" in text else document


def render(
    data: PlainValue | Mapping[str, PlainValue], *, front_matter: FrontMatter = "yaml"
) -> str:
    """YAML text for plain ``data``, keys in the order given.

    ``front_matter`` is for pages only; it is taken so that every format is called alike.
    """
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
