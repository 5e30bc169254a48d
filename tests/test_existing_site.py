"""The example "existing site" builds on its own, as a team's own Sphinx site would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT

pytest.importorskip("sphinx")


@pytest.mark.sphinx
def test_existing_site_builds_with_no_warning_and_shows_the_programme(tmp_path: Path) -> None:
    # A copy, so that the pages the extension generates land in the copy, not in examples/.
    site = tmp_path / "existing-site"
    shutil.copytree(ROOT / "examples" / "existing-site", site)
    shutil.copytree(EXAMPLE, tmp_path / "programme-10")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "-n",
            "-q",
            "-b",
            "html",
            str(site),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "Atelier d’idéation du 16 mai" in index
    assert "Gendarmerie nationale" in index
    assert (tmp_path / "html" / "ideation" / "proposals" / "siretisation.html").is_file()
    assert "Pierre-Etienne Devineau" in index  # the projects table shows each lead
