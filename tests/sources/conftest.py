"""The fixtures of the sources tests, defined in :mod:`tests.sources.helpers` so that the
command-line tests use them too."""

from __future__ import annotations

from .helpers import (  # noqa: F401 - fixtures, found by pytest by their names
    local_cache_fixture,
    published_fixture,
    server_fixture,
    site_fixture,
)
