"""YAML, read with a safe loader only, with the line of every value kept for error messages.

The loader follows YAML 1.2 for numbers: ``10:30`` is the text "10:30", not the sexagesimal
number 630 that YAML 1.1 makes of it, because agendas are full of such times.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from ..errors import DataError, Problem
from ._document import Document

__all__ = ["NAME", "SUFFIXES", "parse", "render"]

NAME = "yaml"
SUFFIXES = (".yaml", ".yml")


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


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # PyYAML reads anything shaped like a date as one, and a day that does not exist
    # (2025-02-30) ends in a bare ValueError that would stop the whole file. Kept as the text it
    # is, the value reaches the converter, which refuses it at its own path and line while the
    # rest of the file is still checked.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _Dumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """Block style, keys in the order given, and no aliases: files meant for people and git."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Multi-line text as a literal block keeps descriptions readable in the file.
    if "\n" in value and not value.startswith((" ", "\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_datetime(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.ScalarNode:
    # ISO 8601 with a "T", as Hugo and most tools write it; PyYAML would put a space there.
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(dt.datetime, _represent_datetime)


#: How many values a document may hold once its aliases are expanded: far more than any
#: catalogue, far fewer than a "billion laughs" document, which would otherwise hang the loader
#: (and every tool that walks what it returns).
MAX_VALUES = 500_000


class _TooLarge(yaml.YAMLError):
    """The document expands, through its aliases, to more than :data:`MAX_VALUES` values."""


def _record_lines(root: yaml.Node, lines: dict[str, int]) -> None:
    # A walk of the expanded tree, with a stack rather than recursion, so that neither a deep
    # document nor a document of many aliases can exhaust the interpreter.
    stack: list[tuple[yaml.Node, str]] = [(root, "$")]
    walked = 0
    while stack:
        node, path = stack.pop()
        walked += 1
        if walked > MAX_VALUES:
            raise _TooLarge(f"more than {MAX_VALUES} values once its aliases are expanded")
        # A key's line is the line of its value's path, set before the value is walked.
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    child = f"{path}.{key.value}"
                    lines[child] = key.start_mark.line + 1
                    stack.append((value, child))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{index}]") for index, item in enumerate(node.value))


def _compose(text: str) -> tuple[Any, dict[str, int]]:
    # One pass: the node tree gives both the data and the line of every path.
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        if node is None:
            return None, lines
        _record_lines(node, lines)
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def line_table(text: str) -> dict[str, int]:
    """The line of every JSON path in a YAML (or JSON) text; empty if it does not parse."""
    try:
        return _compose(text)[1]
    except yaml.YAMLError:
        return {}


def parse(text: str, file: str | None = None) -> Document:
    """Read YAML text safely; a syntax error is a :class:`DataError` with its line."""
    try:
        data, lines = _compose(text)
    except yaml.MarkedYAMLError as error:
        # The context ("while parsing a flow sequence") points where the broken construct
        # starts, which is where a person should look; the problem may be at the end of the text.
        mark = error.context_mark or error.problem_mark
        message = f"not valid YAML: {error.problem or error.context}"
        if error.context and error.problem:
            message = f"not valid YAML: {error.problem} ({error.context})"
        line = mark.line + 1 if mark is not None else None
        raise DataError([Problem(message=message, file=file, line=line)]) from None
    except _TooLarge as error:
        raise DataError([Problem(message=f"refused: the YAML holds {error}", file=file)]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(message=f"not valid YAML: {error}", file=file)]) from None
    except RecursionError:
        raise DataError(
            [Problem(message="refused: the YAML is nested too deeply", file=file)]
        ) from None
    except (ValueError, OverflowError) as error:
        # Any other value PyYAML's constructors cannot make, rather than a traceback.
        raise DataError([Problem(message=f"not valid YAML: {error}", file=file)]) from None
    return Document(data, lines)


def render(data: Any) -> str:
    """YAML text for plain ``data``, keys in the order given."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
