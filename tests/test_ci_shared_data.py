"""With ``CI`` set, a test skipped because the shared data is missing fails (tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED

MISSING = SHARED / "not-there"
TESTS = f"""
import pytest

def test_needs_shared_data():
    pytest.skip("the shared corpus is not at {MISSING}")

@pytest.mark.skipif(True, reason="the c3voc schema is not at {MISSING}")
def test_marked():
    pass

def test_skips_for_another_reason():
    pytest.skip("the hugo binary is not installed")
"""


def run(tmp_path: Path, ci: bool) -> str:
    test = tmp_path / "test_sample.py"
    test.write_text(TESTS, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci:
        env["CI"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-q", "-rfs", str(test)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout


@pytest.mark.parametrize("ci", [False, True], ids=["local", "ci"])
def test_missing_shared_data_skips_locally_and_fails_in_ci(tmp_path: Path, ci: bool) -> None:
    summary = run(tmp_path, ci).strip().splitlines()[-1]
    if ci:
        # A skip in the test is a failure; a skip mark, run before the test, is an error.
        assert "1 failed, 1 skipped, 1 error" in summary
    else:
        assert "3 skipped" in summary
