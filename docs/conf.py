"""Sphinx configuration of the ideation documentation."""

from __future__ import annotations

import ideation

project = "ideation"
author = "The ideation contributors"
copyright = "2026, The ideation contributors"
release = ideation.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "ideation"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
nitpicky = True
nitpick_ignore_regex = [
    # Type aliases and private names that autodoc prints in signatures.
    ("py:class", r"attrs?\..*"),
    ("py:class", r".*\.T"),
]

intersphinx_mapping = {}
