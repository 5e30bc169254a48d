"""What only HTML output gets: the stylesheet, and each event's schema.org JSON-LD.

Both are added for HTML builders only; other builders get the same pages without them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.util.docutils import SphinxTranslator

from .data import get_store
from .nodes import jsonld_node

__all__ = ["STYLESHEET", "event_jsonld", "setup_html"]

#: The stylesheet's name in the HTML output's ``_static`` folder.
STYLESHEET = "ideation.css"
_STATIC = Path(__file__).resolve().parent / "static"


def event_jsonld(builder: Builder, slug: str, docname: str) -> str | None:
    """The JSON-LD of event ``slug`` as shown on ``docname``, safe inside a ``<script>``."""
    # Imported when a page is written, so that loading the extension stays cheap.
    from ..export.jsonld import event_to_jsonld

    found = get_store(builder.env).event(slug)
    if found is None:
        return None
    catalogue, event = found
    base = str(getattr(builder.config, "html_baseurl", "") or "")
    url = f"{base.rstrip('/')}/{builder.get_target_uri(docname)}" if base else None
    data = event_to_jsonld(event, catalogue=catalogue, url=url)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    # "</script>" or "<!--" in the data would end or upset the script element: "<" only occurs
    # inside JSON strings, where "\u003c" is the same character.
    return text.replace("<", "\\u003c")


def _visit_html(translator: SphinxTranslator, node: jsonld_node) -> None:
    builder = translator.builder
    docname = builder.current_docname if isinstance(builder, StandaloneHTMLBuilder) else ""
    text = event_jsonld(builder, str(node["event"]), docname)
    if text is not None:  # None: the event is gone from the catalogue since the page was read
        body: Any = getattr(translator, "body")  # noqa: B009 - the HTML translator's output list
        body.append(f'<script type="application/ld+json">{text}</script>\n')
    raise nodes.SkipNode


def _skip(translator: SphinxTranslator, node: jsonld_node) -> None:
    raise nodes.SkipNode


def _add_static_path(app: Sphinx, config: Config) -> None:
    # Through html_static_path, Sphinx copies the stylesheet before it writes the pages, and
    # so links it with the checksum suffix (?v=...) the other stylesheets get: a browser does
    # not keep an old copy after an upgrade. Added when the configuration is read, before it
    # is compared with the previous build's, so that it does not count as a change.
    static = str(_STATIC)
    paths = list(getattr(config, "html_static_path", []))
    if static not in paths:
        config.html_static_path = [*paths, static]


def _builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(STYLESHEET)


def setup_html(app: Sphinx) -> None:
    """Add the stylesheet to HTML builders, and the JSON-LD node with a visitor per builder."""
    skip = (_skip, None)
    app.add_node(
        jsonld_node,
        html=(_visit_html, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _builder_inited)
