"""Fixtures of the Sphinx extension's tests: building copies of the test roots, the example data."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx_roots import EXAMPLES, ROOTS, Builder

# The tests build with sphinx.testing's SphinxTestApp directly rather than through its pytest
# plugin: pytest refuses ``pytest_plugins`` in a conftest below the root, and the whole suite
# runs from the root.


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A copy of the example catalogue that a test may edit."""
    return Path(shutil.copytree(EXAMPLES, tmp_path / "catalogue"))


@pytest.fixture
def build(tmp_path: Path) -> Iterator[Builder]:
    """Build a copy of test root ``roots/test-<root>`` and return the application.

    ``conf`` overrides configuration values; ``ideation_catalogue`` defaults to the example
    catalogue. Building the same ``srcdir`` again is an incremental build.
    """
    apps: list[SphinxTestApp] = []
    counter = itertools.count()

    def run(
        root: str, buildername: str = "html", *, srcdir: Path | None = None, **conf: Any
    ) -> SphinxTestApp:
        if srcdir is None:
            srcdir = tmp_path / f"{root}-{buildername}-{next(counter)}"
        if not srcdir.exists():
            shutil.copytree(ROOTS / f"test-{root}", srcdir)
        # docutils registers nodes and directives process-wide: the previous application must
        # let go of them before the next one registers its own.
        while apps:
            apps.pop().cleanup()
        conf.setdefault("ideation_catalogue", str(EXAMPLES))
        # Sphinx 8 shows each warning's [type.subtype]; 7.4 does when asked.
        conf.setdefault("show_warning_types", True)
        parallel = conf.pop("parallel", 0)
        app = SphinxTestApp(
            buildername,
            srcdir=srcdir,
            confoverrides=conf,
            status=StringIO(),
            warning=StringIO(),
            parallel=parallel,
        )
        apps.append(app)
        app.build()
        return app

    yield run
    for app in apps:
        app.cleanup()
