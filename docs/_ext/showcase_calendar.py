"""Write the showcase catalogue's iCalendar feed into the source folder, for a download link.

A calendar feed is a file to subscribe to, not a page. It is made when the builder starts, from
the catalogue the extension loaded for the build, at ``showcase_calendar``
(a path relative to the source folder), so that ``{download}`` can link to it like to any
other file. As with generated pages, the file is written only when its text changes, so that
an unchanged catalogue leaves the next build incremental.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ideation._io import write_atomically
from ideation.export.ical import to_ical
from ideation.sphinx._data import get_store


def _write_feed(app: Sphinx) -> None:
    if not app.config.showcase_calendar:
        return
    # The catalogue the extension loaded for this build (at builder-inited, before this).
    store = get_store(app.env)
    catalogue = store.programme(None)
    if catalogue is None:
        return  # the data has problems, which the extension reports as warnings
    # The feed's time stamp is the data's, not the build's: the same data gives the same file.
    newest = max(path.stat().st_mtime for path in store.all_files)
    stamp = dt.datetime.fromtimestamp(int(newest), tz=dt.UTC)
    target = Path(app.srcdir) / app.config.showcase_calendar
    # iCalendar lines end in CRLF; the text is written as it is, with no newline translation.
    text = to_ical(catalogue, stamp=stamp).decode("utf-8")
    if not target.is_file() or target.read_bytes().decode("utf-8") != text:
        write_atomically(target, text)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("showcase_calendar", "", "env", types=[str])
    # After the extension's own builder-inited handlers (400, 500), which load the catalogue.
    app.connect("builder-inited", _write_feed, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
