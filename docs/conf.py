"""Sphinx configuration of the ideation documentation."""

from __future__ import annotations

import sys
from pathlib import Path

import ideation

# Local extensions of these docs (the cli-help and data-keys directives, API doc comments).
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "ideation"
author = "The ideation contributors"
copyright = "2026, The ideation contributors"
release = ideation.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "api_docs",
    "cli_help",
    "data_keys",
    "ideation.sphinx",
    "ideation_config",
    "showcase_calendar",
]
# The example catalogue, shown by the Sphinx extension: a page per event and per proposal is
# written under showcase/programme-10/ at each build (that folder is ignored by git). The data
# is French, so the extension's labels and dates are too, while the rest of the site is English.
ideation_catalogue = ["../examples/programme-10"]
ideation_generate_pages = True
ideation_pages_folder = "showcase/programme-10"
ideation_language = "fr"
# The showcase's events as a calendar feed, linked from the showcase page.
showcase_calendar = "showcase/programme-10/programme-10.ics"

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# snippets/ is the examples' own Sphinx project (tests/sphinx/test_snippets.py builds it): the
# reference page shows its files with literalinclude, never as pages of this site.
exclude_patterns = ["_build", "snippets"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "ideation"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
nitpicky = True
# The docs build offline (CI reaches no documentation site), so there is no intersphinx
# inventory for the standard library and third-party packages: their names in signatures are
# known not to resolve, and are listed here rather than silenced wholesale.
nitpick_ignore_regex = [
    ("py:class", r"(datetime|collections\.abc|typing|pathlib|types|zoneinfo|enum)\..*"),
    ("py:class", r"(argparse|uuid)\..*"),
    ("py:class", r"(attrs?|cattrs|yaml|docutils|sphinx|icalendar)\..*"),
    ("py:class", r"(dt|Path|Any|Mapping|Sequence|Iterable|Callable|ModuleType|T)"),
    ("py:class", r"ideation\..*\.T"),
    ("py:class", r"(ProposalStatus|Problem|StatusChange|Link|Event|Session|Location|Attendance)"),
    ("py:class", r"(Profile|Participant|Organisation|Phase|Programme|Proposal|Catalogue)"),
    ("py:class", r"(EventKind|SessionKind|ParticipantRole|OrganisationKind|FrontMatter|Loadable)"),
    ("py:obj", r"ideation\..*\.T"),
    ("py:class", r"(Candidate|Season|Vote|TeamSize|Need)"),
]

# Examples in the docs name files relative to the docs folder, as a reader in docs/ would.
doctest_global_setup = f"import os\nos.chdir({str(Path(__file__).resolve().parent)!r})"
