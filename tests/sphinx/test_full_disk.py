"""A build whose extension writes fail (a full disk, a read-only folder) warns and goes on.

The saved catalogue, the generated pages and the chart images are the extension's own writes:
each failure is a warning of type ``ideation.write`` naming the file the user knows, never a
traceback, and the next build, with room again, makes what was missing.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx_roots import Builder, warnings_of

pytestmark = pytest.mark.sphinx


def _full_disk(monkeypatch: pytest.MonkeyPatch, *, where: Callable[[Path], bool]) -> None:
    """Every file made under a path ``where`` accepts fails as a full disk would."""
    real = os.open

    def full(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and where(Path(os.fsdecode(path))):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fsdecode(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full)


def test_a_full_disk_for_the_saved_catalogue_and_the_pages_is_a_warning(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = tmp_path / "project"
    with monkeypatch.context() as patch:
        _full_disk(
            patch,
            where=lambda path: (
                "ideation-store" in path.name
                or "ideation-pages" in path.name
                or "/ideation/" in path.as_posix()
            ),
        )
        app = build("generated", "html", srcdir=srcdir)
    warnings = warnings_of(app)
    assert "Traceback" not in warnings
    written = [line for line in warnings.splitlines() if "[ideation.write]" in line]
    assert written
    assert all("no space left on device" in line for line in written)
    assert not any(".tmp" in line for line in written)  # the file the user knows
    # With room again, the next build makes what was missing, with no warning.
    again = build("generated", "html", srcdir=srcdir)
    assert "[ideation.write]" not in warnings_of(again)
    assert (Path(again.outdir) / "ideation" / "proposals" / "liria.html").is_file()


def test_a_chart_that_cannot_be_written_shows_its_table(
    build: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    srcdir = tmp_path / "charts"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["ideation.sphinx"]\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "Charts\n======\n\n.. ideation:chart:: funnel\n", encoding="utf-8"
    )
    with monkeypatch.context() as patch:
        _full_disk(patch, where=lambda path: "ideation-funnel" in path.name)
        app = build("charts", "html", srcdir=srcdir)
    warnings = warnings_of(app)
    assert "could not write the chart" in warnings
    assert "[ideation.write]" in warnings
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "<img" not in page
    assert "ideation-chart-table" in page
