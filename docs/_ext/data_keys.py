"""A ``data-keys`` directive: the keys of a data file kind, as tables made from its JSON Schema.

``{data-keys} event`` lists every key of an event file and of the objects nested in it (a
session, an attendance...), with its type, whether it is required, its default and its
description, all read from :func:`ideation.schema.schema_for`. The schema is generated from the
model, so this reference cannot drift from what the loader accepts.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ideation._validators import SLUG_PATTERN
from ideation.schema import KINDS, schema_for

# JSON Schema's type names, as the reader of a data file would say them.
_PLAIN = {
    "string": "text",
    "integer": "whole number",
    "boolean": "true or false",
    "object": "mapping",
}


def _type_of(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return f"{schema['$ref'].rsplit('/', 1)[-1]} (below)"
    if "anyOf" in schema and "type" not in schema:
        kinds = [_type_of(option) for option in schema["anyOf"] if option.get("type") != "null"]
        nullable = any(option.get("type") == "null" for option in schema["anyOf"])
        return " or ".join(kinds) + (" (optional)" if nullable else "")
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    if "enum" in schema:
        return "one of " + ", ".join(f"``{value}``" for value in schema["enum"])
    formats = [schema.get("format")] + [option.get("format") for option in schema.get("anyOf", [])]
    if any(formats):
        return " or ".join(str(name) for name in formats if name)
    if schema.get("pattern") == SLUG_PATTERN.pattern:
        return "slug"
    if "examples" in schema and kind == "string":
        return f"text, like ``{schema['examples'][0]}``"
    return _PLAIN.get(str(kind), str(kind))


def _description(schema: dict[str, Any]) -> str:
    if "description" in schema:
        return str(schema["description"])
    for option in schema.get("anyOf", []):
        if "description" in option:
            return str(option["description"])
    return ""


class DataKeys(SphinxDirective):
    """Tables of the keys of one kind of data file, from its JSON Schema."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        if kind not in KINDS:
            raise self.error(f"unknown data file kind {kind!r}; expected one of {', '.join(KINDS)}")
        schema = schema_for(kind)  # type: ignore[arg-type]
        result: list[nodes.Node] = [self._table(kind, schema)]
        for name, definition in schema.get("$defs", {}).items():
            result.append(self._table(name, definition))
        return result

    def _table(self, title: str, schema: dict[str, Any]) -> nodes.Node:
        # Built as nodes, not as reStructuredText text: in a MyST page, nested text would be
        # parsed as Markdown.
        required = set(schema.get("required", []))
        header = ["key", "type", "required", "default", "description"]
        rows = [
            [
                f"``{key}``",
                _type_of(value),
                "yes" if key in required else "",
                f"``{value['default']}``" if "default" in value else "",
                _description(value),
            ]
            for key, value in schema.get("properties", {}).items()
        ]
        table = nodes.table(classes=["data-keys"])
        table += nodes.title(title, title)
        group = nodes.tgroup(cols=len(header))
        table += group
        for width in (15, 25, 8, 12, 40):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += _row(header)
        group += head
        body = nodes.tbody()
        for row in rows:
            body += _row(row)
        group += body
        self.set_source_info(table)
        return table


def _cell_text(text: str) -> nodes.paragraph:
    """A paragraph where ``double backquoted`` parts are literals."""
    paragraph = nodes.paragraph()
    for index, part in enumerate(text.split("``")):
        if part:
            paragraph += nodes.literal(part, part) if index % 2 else nodes.Text(part)
    return paragraph


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += _cell_text(cell)
        row += entry
    return row


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("data-keys", DataKeys)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
