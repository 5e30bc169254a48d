"""The files other tools read: pre-commit's hook manifest and Read the Docs' configuration.

Each is checked against what it stands for: the hooks run ``ideation validate`` on the files
their pattern matches, as pre-commit would; Read the Docs builds the site as ``make docs`` does.
Where the tool's own schema is installed (pre-commit, check-jsonschema's copy of Read the Docs'
schema), the file is validated against it too.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import EXAMPLE, ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
READTHEDOCS = ROOT / ".readthedocs.yaml"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in _yaml(HOOKS)}


# -- pre-commit ----------------------------------------------------------------------------------


def test_hooks_run_the_validate_command_in_a_python_environment(
    hooks: dict[str, dict[str, Any]],
) -> None:
    assert set(hooks) == {"ideation-validate", "ideation-validate-catalogue"}
    for hook in hooks.values():
        assert {"id", "name", "entry", "language", "files"} <= set(hook)
        assert hook["language"] == "python"
        # pre-commit installs this repository with pip, which makes the console script.
        assert shlex.split(hook["entry"])[:2] == ["ideation", "validate"]
        assert "ideation" in PYPROJECT["project"]["scripts"]
    # Lone files are checked one by one; the catalogue hook gets its folders from args.
    assert hooks["ideation-validate"].get("pass_filenames", True) is True
    assert hooks["ideation-validate-catalogue"]["pass_filenames"] is False


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("data/programme.yaml", True),
        ("programme.yml", True),
        ("data/events/kickoff.md", True),
        ("site/data/proposals/siretisation.toml", True),
        ("data/events/kickoff.json", True),
        ("README.md", False),
        ("docs/conf.py", False),
        ("data/events/photos/kickoff.jpg", False),
        ("data/events/notes.txt", False),
        ("myprogramme.yaml", False),
    ],
)
def test_hooks_match_the_files_of_a_catalogue_folder(
    hooks: dict[str, dict[str, Any]], path: str, matched: bool
) -> None:
    for hook in hooks.values():
        # pre-commit matches the pattern with re.search against the path from the repo root.
        assert bool(re.search(hook["files"], path)) is matched


def _run_hook(hook: dict[str, Any], arguments: list[str]) -> subprocess.CompletedProcess[str]:
    """The hook's command as pre-commit runs it: entry, then args, then (maybe) file names."""
    command = [*shlex.split(hook["entry"]), *hook.get("args", []), *arguments]
    script = Path(sys.executable).parent / command[0]
    return subprocess.run(
        [str(script), *command[1:]], capture_output=True, text=True, timeout=120, cwd=ROOT
    )


def test_the_file_hook_passes_the_example_and_fails_a_broken_file(
    hooks: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    hook = hooks["ideation-validate"]
    files = sorted(
        path.relative_to(ROOT).as_posix()
        for path in EXAMPLE.rglob("*")
        if path.is_file() and re.search(hook["files"], path.relative_to(ROOT).as_posix())
    )
    assert "examples/programme-10/programme.yaml" in files
    assert len(files) > 10
    result = _run_hook(hook, files)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "events" / "kickoff.md"
    broken.parent.mkdir()
    broken.write_text("---\nslug: Kick Off\ntitle: Kickoff\ndate: 2026-02-03\n---\n", "utf-8")
    result = _run_hook(hook, [str(broken)])
    assert result.returncode == 1
    assert f"{broken}:2: $.slug:" in result.stdout


def test_the_catalogue_hook_validates_the_folder_given_in_args(
    hooks: dict[str, dict[str, Any]],
) -> None:
    hook = {**hooks["ideation-validate-catalogue"], "args": ["examples/programme-10"]}
    result = _run_hook(hook, [])
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_hook_manifest_is_valid_for_pre_commit() -> None:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (it is not a dependency of ideation)")
    from pre_commit.clientlib import load_manifest

    assert [hook["id"] for hook in load_manifest(str(HOOKS))] == [
        "ideation-validate",
        "ideation-validate-catalogue",
    ]


# -- Read the Docs -------------------------------------------------------------------------------


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_read_the_docs_builds_the_site_as_make_docs_does() -> None:
    config = _yaml(READTHEDOCS)
    assert config["version"] == 2
    minimum = re.fullmatch(r">=(\d+\.\d+)", PYPROJECT["project"]["requires-python"])
    assert minimum is not None
    assert _version(str(config["build"]["tools"]["python"])) >= _version(minimum[1])
    (install,) = config["python"]["install"]
    assert install == {"method": "pip", "path": ".", "extra_requirements": ["docs"]}
    assert "docs" in PYPROJECT["project"]["optional-dependencies"]
    assert config["sphinx"]["configuration"] == "docs/conf.py"
    assert config["sphinx"].get("builder", "html") == "html"
    # make docs: sphinx-build -n -W --keep-going. Read the Docs' fail_on_warning gives -W
    # --keep-going; -n comes from the configuration itself.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^SPHINXOPTS \?= -n -W --keep-going$", makefile, re.MULTILINE)
    assert config["sphinx"]["fail_on_warning"] is True
    conf = (ROOT / "docs" / "conf.py").read_text(encoding="utf-8")
    assert re.search(r"^nitpicky = True$", conf, re.MULTILINE)


def test_read_the_docs_configuration_is_valid_against_its_schema() -> None:
    spec = importlib.util.find_spec("check_jsonschema")
    if spec is None or spec.origin is None:
        pytest.skip("check-jsonschema, which ships Read the Docs' schema, is not installed")
    from jsonschema.validators import validator_for

    vendored = Path(spec.origin).parent / "builtin_schemas" / "vendor" / "readthedocs.json"
    schema = json.loads(vendored.read_text(encoding="utf-8"))
    validator = validator_for(schema)(schema)
    errors = [error.message for error in validator.iter_errors(_yaml(READTHEDOCS))]
    assert errors == []
