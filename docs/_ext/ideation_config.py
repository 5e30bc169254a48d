"""An ``ideation-config-values`` directive: the extension's settings, from its config object.

Each field of :class:`ideation.sphinx._config.IdeationConfig` becomes a ``confval`` entry (so
pages link to it with ``{confval}`ideation_catalogue```), with its default and the text kept in
the field's metadata: the reference cannot drift from what the extension registers.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ideation.sphinx._config import config_values


class IdeationConfigValues(SphinxDirective):
    """Every ``ideation_*`` configuration value, as ``confval`` entries."""

    def run(self) -> list[nodes.Node]:
        lines: list[str] = []
        for value in config_values():
            lines += [
                f".. confval:: {value.name}",
                f"   :default: ``{value.default!r}``",
                "",
                f"   {value.doc}",
                "",
                f"   Changing it re-reads {'every page' if value.rebuild == 'env' else 'nothing'}.",
                "",
            ]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="ideation-config-values"), 0, container)
        return list(container.children)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("ideation-config-values", IdeationConfigValues)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
