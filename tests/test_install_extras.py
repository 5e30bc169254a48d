"""Every install the docs give works: the wheel, bare and with each extra alone.

The wheel is built once (``pip wheel``), then installed into fresh virtual environments, one per
install the docs name: bare, each extra alone (``sphinx``, ``export``, ``charts``, ``ops``), and
``sphinx,charts`` for the example site. Dependencies come from the package index, as a user's
would. In each, the commands that the README, ``docs/install.md``, ``docs/quickstart.md`` and
``docs/tutorial.md`` show are run on ``examples/programme-10`` and on the real Hugo site: the
bare package must do everything but the features of an extra, and a feature whose extra is
missing must say so in one line and exit with code 2, never with a traceback.

The environments are made by one session fixture, three at a time, with ``--without-pip``: the
test's own pip installs into each (``pip --python``). The whole module takes about a minute
and a half on two cores; ``-m "not install"`` leaves it out.
"""

from __future__ import annotations

import concurrent.futures
import filecmp
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import CORPUS, EXAMPLE, ROOT

#: Each install: its name and the extras it asks for.
INSTALLS: dict[str, tuple[str, ...]] = {
    "bare": (),
    "sphinx": ("sphinx",),
    "export": ("export",),
    "charts": ("charts",),
    "ops": ("ops",),
    "sphinx,charts": ("sphinx", "charts"),
}
#: The installs the docs' commands run in: the bare package and each extra alone.
ALONE = ("bare", "sphinx", "export", "charts", "ops")

#: What each extra brings, as the modules its packages provide.
BRINGS: dict[str, tuple[str, ...]] = {
    "sphinx": ("sphinx", "myst_parser", "docutils"),
    "export": ("icalendar",),
    "charts": ("matplotlib",),
    "ops": ("scipy", "ruamel.yaml", "openpyxl", "tomlkit"),
}
OPTIONAL = tuple(module for modules in BRINGS.values() for module in modules)

#: The commands (and sub-commands) this module runs; every one the docs show must be here.
COVERED = {
    ("validate",),
    ("show",),
    ("convert",),
    ("schema",),
    ("export", "csv"),
    ("export", "jsonld"),
    ("export", "ical"),
    ("import", "hugo"),
    ("import", "csv"),
    ("select",),
    ("teams",),
}
#: The pages whose commands a reader copies.
PAGES = ("README.md", "docs/install.md", "docs/quickstart.md", "docs/tutorial.md")

BIN = "Scripts" if os.name == "nt" else "bin"


@dataclass(frozen=True)
class Install:
    """A virtual environment with the wheel installed, or why it could not be made."""

    name: str
    extras: tuple[str, ...]
    root: Path
    problem: str | None = None

    def run(self, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run ``args`` in this environment (its scripts first on ``PATH``), from ``cwd``."""
        if self.problem is not None:
            pytest.fail(self.problem)
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
        }
        env["PATH"] = f"{self.root / BIN}{os.pathsep}{env.get('PATH', '')}"
        return subprocess.run(
            [str(arg) for arg in args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def ideation(self, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
        return self.run(self.root / BIN / "ideation", *args, cwd=cwd)

    def python(self, code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return self.run(self.root / BIN / "python", "-c", textwrap.dedent(code), cwd=cwd)

    def has(self, extra: str) -> bool:
        return extra in self.extras


def _build_wheel(folder: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    wheels = sorted(folder.glob("ideation-*.whl"))
    assert result.returncode == 0, result.stderr
    assert len(wheels) == 1, wheels
    return wheels[0]


def _install(wheel: Path, root: Path, name: str, extras: tuple[str, ...]) -> Install:
    """A fresh environment at ``root`` with ``wheel[extras]`` installed from the index."""
    requirement = f"ideation[{','.join(extras)}] @ {wheel.as_uri()}" if extras else str(wheel)
    # The test's own pip installs into the new environment: no pip bootstrap per environment.
    # No byte-compiling either: each command compiles what it imports, a fraction of the files.
    pip = [sys.executable, "-m", "pip", "--python", str(root / BIN / "python")]
    steps = [
        [sys.executable, "-m", "venv", "--without-pip", str(root)],
        [*pip, "install", "-q", "--no-compile", requirement],
    ]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            problem = f"{shlex.join(step)} failed:\n{result.stdout}{result.stderr}"
            return Install(name, extras, root, problem)
    return Install(name, extras, root)


@pytest.fixture(scope="session")
def installs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Install]:
    """Every install of :data:`INSTALLS`, made once for the session."""
    base = tmp_path_factory.mktemp("installs")
    wheel = _build_wheel(base / "dist")
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        futures = {
            name: pool.submit(_install, wheel, base / name.replace(",", "-"), name, extras)
            for name, extras in INSTALLS.items()
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.fixture(params=ALONE)
def install(request: pytest.FixtureRequest, installs: dict[str, Install]) -> Install:
    """The bare install, then each extra alone."""
    return installs[request.param]


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    """The standard output of a command that must succeed."""
    assert result.returncode == 0, f"{shlex.join(result.args)}\n{result.stdout}{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


def _said(result: subprocess.CompletedProcess[str]) -> str:
    """Both outputs of a command that must succeed: the messages go to standard error."""
    return _ok(result) + result.stderr


def _needs(result: subprocess.CompletedProcess[str], extra: str) -> None:
    """A command stopped for want of ``extra``: exit code 2, one line that names it."""
    assert result.returncode == 2, f"{shlex.join(result.args)}\n{result.stdout}{result.stderr}"
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ideation: error: ")
    assert f"from the {extra!r} extra" in lines[0]
    assert f"pip install -e '.[{extra}]'" in lines[0]


# -- what each install holds -------------------------------------------------------------------


@pytest.mark.install
def test_each_install_holds_its_extras_and_no_other(install: Install, tmp_path: Path) -> None:
    out = _ok(
        install.python(
            f"""
            import importlib.util, json, ideation

            def found(module):
                try:
                    return importlib.util.find_spec(module) is not None
                except ModuleNotFoundError:  # its parent package is missing
                    return False

            present = [module for module in {OPTIONAL!r} if found(module)]
            print(json.dumps({{"file": ideation.__file__, "present": present}}))
            """,
            cwd=tmp_path,
        )
    )
    found = json.loads(out)
    # The installed wheel runs, not the repository's source.
    assert Path(found["file"]).is_relative_to(install.root)
    expected = [module for extra in install.extras for module in BRINGS[extra]]
    assert sorted(found["present"]) == sorted(expected)


# -- the commands of the README and the docs ----------------------------------------------------


@pytest.mark.install
def test_the_commands_the_docs_show(install: Install, tmp_path: Path) -> None:
    run = install.ideation
    assert _ok(run("--help", cwd=tmp_path)).startswith("usage: ideation")
    # The help of a command whose extra is missing is still there.
    assert "iCalendar" in _ok(run("export", "ical", "--help", cwd=tmp_path))
    assert "no problems" in _said(run("validate", EXAMPLE, cwd=tmp_path))
    assert "atelier-ideation" in _ok(run("show", EXAMPLE, cwd=tmp_path))
    assert "properties" in json.loads(_ok(run("schema", "event", cwd=tmp_path)))
    event = EXAMPLE / "events" / "atelier-ideation.md"
    _ok(run("convert", event, "atelier.json", cwd=tmp_path))
    assert json.loads((tmp_path / "atelier.json").read_text("utf-8"))["slug"] == "atelier-ideation"
    _ok(run("export", "csv", EXAMPLE, "-o", "csv", cwd=tmp_path))
    assert {path.name for path in (tmp_path / "csv").iterdir()} >= {
        "events.csv",
        "proposals.csv",
        "datapackage.json",
    }
    assert json.loads(_ok(run("export", "jsonld", EXAMPLE, cwd=tmp_path)))

    ical = run("export", "ical", EXAMPLE, "-o", "programme.ics", cwd=tmp_path)
    if install.has("export"):
        _ok(ical)
        assert (tmp_path / "programme.ics").read_text("utf-8").startswith("BEGIN:VCALENDAR")
    else:
        _needs(ical, "export")
        assert not (tmp_path / "programme.ics").exists()


@pytest.mark.install
def test_the_season_commands_need_the_ops_extra(install: Install, tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(EXAMPLE, catalogue)
    intake = catalogue / "intake"
    # Reading form answers from CSV needs no extra (a spreadsheet would).
    answers = intake / "questionnaire-2022.csv"
    mapping = intake / "questionnaire-2022.map.yaml"
    imported = install.ideation(
        *("import", "csv", answers, "-o", catalogue, "--type", "proposal", "--map-file", mapping),
        cwd=tmp_path,
    )
    _ok(imported)
    select = install.ideation(
        "select", catalogue, "--event", "atelier-ideation", "--top", "6", "--write", cwd=tmp_path
    )
    teams = install.ideation("teams", catalogue, "--write", cwd=tmp_path)
    if install.has("ops"):
        assert "siretisation" in _ok(select)
        _ok(teams)
    else:
        _needs(select, "ops")
        _needs(teams, "ops")


@pytest.mark.install
def test_the_quickstart_runs(install: Install) -> None:
    """The quickstart's examples, run by doctest from the docs folder as the docs build does."""
    page = (ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```\{doctest\}\n(.*?)^```$", page, re.M | re.S)
    assert len(blocks) >= 2
    examples = "\n".join(blocks)
    result = install.python(
        f"""
        import doctest, sys
        parser = doctest.DocTestParser()
        test = parser.get_doctest({examples!r}, {{}}, "quickstart", "quickstart.md", 0)
        runner = doctest.DocTestRunner()
        runner.run(test)
        sys.exit(1 if runner.failures or not runner.tries else 0)
        """,
        cwd=ROOT / "docs",
    )
    _ok(result)


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site imported by the environment under test: what every install must write."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    out = tmp_path_factory.mktemp("reference") / "catalogue"
    command = ["import", "hugo", str(CORPUS), "-o", str(out), "--extract"]
    result = subprocess.run(
        [sys.executable, "-m", "ideation", *command],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out


def _same_tree(left: Path, right: Path) -> list[str]:
    """The files that differ between two folders, or are in one only."""
    compared = filecmp.dircmp(left, right)
    differ = [*compared.left_only, *compared.right_only, *compared.diff_files]
    for name in compared.common_dirs:
        differ += [f"{name}/{file}" for file in _same_tree(left / name, right / name)]
    return differ


@pytest.mark.install
def test_import_hugo_of_the_real_site(install: Install, imported: Path, tmp_path: Path) -> None:
    # The README's form; the round-trip writers (ops) are not needed to write a new catalogue.
    _ok(install.ideation("import", "hugo", CORPUS, "-o", "catalogue", "--extract", cwd=tmp_path))
    assert _same_tree(tmp_path / "catalogue", imported) == []
    assert "no problems" in _said(install.ideation("validate", "catalogue", cwd=tmp_path))


# -- the Sphinx extension ----------------------------------------------------------------------


@pytest.mark.install
def test_the_tutorial_works_with_the_sphinx_extra(
    installs: dict[str, Install], tmp_path: Path
) -> None:
    """docs/tutorial.md, step by step, in the install it gives: ``ideation[sphinx]``."""
    from .test_tutorial import INSTALL, TUTORIAL, File, _merged, _steps

    sphinx = installs["sphinx"]
    cwd = tmp_path
    built = False
    for step in _merged(_steps(TUTORIAL.read_text(encoding="utf-8"))):
        if isinstance(step, File):
            (cwd / step.path).write_text(step.text, encoding="utf-8")
        elif step.line.startswith(INSTALL):
            continue
        elif step.line.startswith("cd "):
            cwd = cwd / shlex.split(step.line)[1]
        else:
            printed = _said(sphinx.run("bash", "-c", step.line, cwd=cwd))
            if step.output:
                assert [line.rstrip() for line in printed.strip().splitlines()] == step.output
            built = built or step.line.startswith("sphinx-build")
    assert built
    assert "Kickoff workshop" in (cwd / "_build" / "html" / "index.html").read_text("utf-8")


@pytest.mark.install
def test_the_example_site_builds_with_sphinx_and_charts(
    installs: dict[str, Install], tmp_path: Path
) -> None:
    # A copy: the pages the extension generates land beside the copy, not in examples/.
    site = tmp_path / "existing-site"
    shutil.copytree(ROOT / "examples" / "existing-site", site)
    shutil.copytree(EXAMPLE, tmp_path / "programme-10")
    build = ["sphinx-build", "-n", "-W", "--keep-going", "-q", "-b", "html", ".", "_build/html"]
    result = installs["sphinx,charts"].run(*build, cwd=site)
    _ok(result)
    assert result.stderr == ""
    index = (site / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Atelier d’idéation du 16 mai" in index


# -- the docs say what is tested here (no install needed) --------------------------------------


def _shown_commands() -> set[tuple[str, ...]]:
    """The ``ideation`` commands of the console blocks of :data:`PAGES`, as (command, format)."""
    shown: set[tuple[str, ...]] = set()
    for page in PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        for block in re.findall(r"^```console\n(.*?)^```$", text, re.M | re.S):
            for line in block.splitlines():
                words = shlex.split(line.removeprefix("$ "), comments=True)
                if words[:1] != ["ideation"] or len(words) < 2:
                    continue
                two = (words[1], words[2]) if words[1] in ("export", "import") else (words[1],)
                shown.add(two)
    return shown


def test_every_command_the_docs_show_is_run_here() -> None:
    shown = _shown_commands()
    assert ("validate",) in shown  # the parsing works
    assert shown - COVERED == set()


def test_the_install_page_and_the_readme_name_every_extra() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    install = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([\w-]+)` \|", install, re.M)
    assert sorted(rows) == sorted(extras)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Install", 1)[1].split("\n## ", 1)[0]
    for extra in BRINGS:
        assert f"`{extra}`" in section, extra
