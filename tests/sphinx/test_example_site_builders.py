"""The example site, as a team adds ideation to it, on whichever Sphinx this environment has.

These are the checks the supported-versions matrix (``noxfile.py``) runs on every Sphinx of the
range: the example site (``examples/existing-site``, MyST, three lines of ``conf.py``) and an
rST site build under ``-n -W --keep-going`` with every builder the docs name, in parallel, and
again after one proposal's title is edited; and a site written by someone else takes the
extension in three lines.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_SITE = ROOT / "examples" / "existing-site"
EXAMPLE_DATA = ROOT / "examples" / "programme-10"
ROOTS = Path(__file__).parent / "roots"

pytestmark = pytest.mark.sphinx


def sphinx_build(*args: str | Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -n -W --keep-going -q ARGS`` in a new process; a hang fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-n", "-W", "--keep-going", "-q", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the example site and of its data, which a test may edit."""
    shutil.copytree(EXAMPLE_DATA, tmp_path / "programme-10")
    return Path(shutil.copytree(EXAMPLE_SITE, tmp_path / "existing-site"))


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "latex", "text", "gettext"])
def test_the_example_site_builds_with_every_builder(site: Path, builder: str) -> None:
    out = site.parent / builder
    result = sphinx_build("-b", builder, site, out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    written = "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in out.rglob("*")
        if path.suffix in {".html", ".tex", ".txt", ".pot"}
    )
    if builder == "gettext":
        # The data is shown as written: none of it is offered to the site's translators.
        assert "Gendarmerie nationale" not in written
    else:
        assert "Gendarmerie nationale" in written


def _retitle(data: Path, slug: str, title: str) -> None:
    page = data / "proposals" / f"{slug}.md"
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    (at,) = [index for index, line in enumerate(lines) if line.startswith("title:")]
    lines[at] = f"title: {title}\n"
    page.write_text("".join(lines), encoding="utf-8")


def test_a_parallel_build_gives_the_bytes_of_a_serial_one_and_follows_an_edit(
    site: Path,
) -> None:
    serial, parallel = site.parent / "serial", site.parent / "parallel"
    for out, jobs in ((serial, "1"), (parallel, "2")):
        result = sphinx_build("-j", jobs, "-b", "html", site, out)
        assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(serial) for p in serial.rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel) for p in parallel.rglob("*.html"))
    for page in pages:
        assert (serial / page).read_bytes() == (parallel / page).read_bytes(), page

    # Edit one proposal's title, build again (incrementally, in parallel): every page that
    # names it shows the new title, none the old one.
    _retitle(site.parent / "programme-10", "siretisation", "Un titre tout neuf")
    result = sphinx_build("-j", "2", "-b", "html", site, parallel)
    assert result.returncode == 0, result.stderr
    own = (parallel / "ideation" / "proposals" / "siretisation.html").read_text(encoding="utf-8")
    assert "Un titre tout neuf" in own
    listing = (parallel / "index.html").read_text(encoding="utf-8")
    assert "Un titre tout neuf" in listing


def test_a_quickstart_site_takes_the_extension_in_three_lines(tmp_path: Path) -> None:
    # A site this project did not write: the one sphinx-quickstart makes (reStructuredText,
    # the Sphinx of this environment's own conf.py and theme), then the three lines the how-to
    # gives, and one directive and one role on its index page.
    site = tmp_path / "their-site"
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx.cmd.quickstart",
            "-q",
            "-p",
            "Their docs",
            "-a",
            "Them",
            "-l",
            "en",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    with (site / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "\n"
            'extensions += ["ideation.sphinx"]\n'
            f"ideation_catalogue = [{str(EXAMPLE_DATA)!r}]\n"
            'ideation_language = "fr"\n'
        )
    with (site / "index.rst").open("a", encoding="utf-8") as index:
        index.write(
            "\nThe workshop was :ideation:event:`atelier-ideation`.\n\n"
            ".. ideation:event:: atelier-ideation\n\n"
            ".. ideation:proposals::\n   :status: selected\n"
        )
    for builder in ("html", "latex", "text"):
        result = sphinx_build("-b", builder, site, tmp_path / builder)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    text = (tmp_path / "text" / "index.txt").read_text(encoding="utf-8")
    assert "Accueil café" in text
    assert "SIRETisation" in text
