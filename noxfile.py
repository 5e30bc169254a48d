"""The supported-versions matrix: every Sphinx and Python that ``pyproject.toml`` promises.

``make test`` runs it (``make matrix`` alone). Each session makes its own virtual environment
with uv, installs ideation from this tree with the Sphinx and myst-parser of its row, and runs
the extension's tests there:

- ``sphinx-full``: every Sphinx test (``tests/sphinx``) and the example site, at the two ends
  of the range: the oldest Sphinx on the oldest Python, the newest on the newest. (The main
  environment of ``make test`` runs the whole suite on the newest Sphinx its Python takes.)
- ``sphinx``: every other Sphinx of the range on every Python: the example site and a site
  written by someone else in every builder the docs name, ``-j 2`` against ``-j 1``, a rebuild
  after an edit, rST and MyST, the compat module's paths and the chart rebuild
  (``tests/sphinx/test_example_site_builders.py`` and its neighbours below).

Interpreters come from ``PATH``, and from pyenv's folder where pyenv keeps them. A Python the
machine lacks is skipped with nox's message on a developer's machine, and fails the run in CI
(nox's ``--error-on-missing-interpreters`` is on where ``CI`` is set).
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv"
nox.options.reuse_existing_virtualenvs = False
nox.options.sessions = ["sphinx-full", "sphinx"]

PYTHONS = ("3.11", "3.12", "3.13")
OLDEST_PYTHON, NEWEST_PYTHON = PYTHONS[0], PYTHONS[-1]

#: Each Sphinx series of the range, with the myst-parser that goes with it. ``None``: the newest
#: release the Python of the session can install.
SPHINX_SERIES: dict[str, tuple[str, str]] = {
    "7.4": ("sphinx==7.4.*", "myst-parser==4.0.*"),
    "8.1": ("sphinx==8.1.*", "myst-parser==4.0.*"),
    "8.2": ("sphinx==8.2.*", "myst-parser==5.*"),
    "newest": ("sphinx>=9,<10", "myst-parser>=5,<6"),
}
OLDEST_SPHINX, NEWEST_SPHINX = "7.4", "newest"

#: What the sessions on the middle of the range run: the checks a user of each version meets.
CHECKS = (
    "tests/sphinx/test_example_site_builders.py",
    "tests/sphinx/test_compat.py",
    "tests/sphinx/test_charts.py::test_a_chart_left_out_for_want_of_matplotlib_is_drawn_once_it_is_installed",
)
#: The libraries the tests themselves use (the suite's own configuration is pyproject.toml's).
TEST_TOOLS = (
    "pytest>=8.0",
    "hypothesis>=6.100",
    # What the published files are checked with (tests/sphinx/test_publish.py).
    "jsonschema>=4.20",
    "feedparser>=6.0",
)
#: The themes the full Sphinx tests build with (as each supports the Sphinx of the row).
THEMES = ("furo", "pydata-sphinx-theme")


def _with_pyenv_interpreters() -> None:
    # pyenv's shims answer `python3.12` only for the versions pyenv has made current: the
    # interpreters themselves sit in pyenv's folder, put first on PATH for nox to find.
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    folders = [str(path / "bin") for path in sorted(root.glob("3.*")) if (path / "bin").is_dir()]
    if folders:
        os.environ["PATH"] = os.pathsep.join([*reversed(folders), os.environ.get("PATH", "")])


_with_pyenv_interpreters()


def _install(session: nox.Session, series: str, extras: str, *themes: str) -> None:
    sphinx, myst = SPHINX_SERIES[series]
    session.install("-e", f".[{extras}]", sphinx, myst, *TEST_TOOLS, *themes)
    session.run(
        "python",
        "-c",
        "import sphinx, myst_parser, docutils, sys; "
        "print('Python', sys.version.split()[0], '| Sphinx', sphinx.__version__, "
        "'| myst-parser', myst_parser.__version__, '| docutils', docutils.__version__)",
    )


def _pytest(session: nox.Session, *paths: str) -> None:
    session.run("pytest", "-q", "-p", "no:cacheprovider", *paths, *session.posargs)


#: The tag of the sessions ``make test`` runs after the checks, on their core, and of the others,
#: which it runs beside them: the two lanes then take about as long (``nox -t LANE``).
BESIDE_CHECKS, MATRIX = "beside-checks", "matrix"
#: The Python whose sessions on the middle of the range run after the checks (four of them).
PYTHON_BESIDE_CHECKS = "3.12"


def _param(python: str, series: str) -> nox.param:
    lane = BESIDE_CHECKS if python == PYTHON_BESIDE_CHECKS else MATRIX
    return nox.param(python, series, id=f"{python}-{series}", tags=[lane])


@nox.session(name="sphinx-full")
@nox.parametrize(
    ("python", "series"),
    [_param(OLDEST_PYTHON, OLDEST_SPHINX), _param(NEWEST_PYTHON, NEWEST_SPHINX)],
)
def sphinx_full(session: nox.Session, series: str) -> None:
    """Every Sphinx test at the two ends of the supported range."""
    _install(session, series, "sphinx,charts,export,ops", *THEMES)
    _pytest(session, "tests/sphinx", "tests/test_existing_site.py")


_MIDDLE = [
    (python, series)
    for series in SPHINX_SERIES
    for python in PYTHONS
    if (python, series) not in {(OLDEST_PYTHON, OLDEST_SPHINX), (NEWEST_PYTHON, NEWEST_SPHINX)}
]


@nox.session(name="sphinx")
@nox.parametrize(("python", "series"), [_param(python, series) for python, series in _MIDDLE])
def sphinx_checks(session: nox.Session, series: str) -> None:
    """The checks a user meets, on every other Sphinx of the range and every Python."""
    _install(session, series, "sphinx,charts")
    _pytest(session, *CHECKS)
