"""Shared fixtures: where the example and the real corpus are; how CI treats missing data."""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pluggy
import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "programme-10"
# The shared data (the real corpus, the c3voc schema) sits beside the repository in the
# project's workspace, not inside it.
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "programme10-2022"
SEED_PAGE = CORPUS / "content" / "actualites" / "2022-05-16_atelier.md"

settings.register_profile(
    "default", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# CI runs the same examples every time (a red build then means a change broke something, not
# that a new example turned up); runs on a developer's machine keep exploring, and keep what
# they find in .hypothesis/ to replay it.
# 60 examples a property (25 before): the whole CI=1 pytest run took 1 min 45 s on the shared
# two-core machine of development; 75 took up to 3 min 30 s there under load, 100 2 min 45 s.
settings.register_profile(
    "ci", parent=settings.get_profile("default"), derandomize=True, max_examples=60
)
# A long search, for a developer who wants one: HYPOTHESIS_PROFILE=deep make pytest.
settings.register_profile("deep", parent=settings.get_profile("default"), max_examples=1000)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)


@pytest.fixture
def corpus() -> Path:
    """The real Hugo site of the programme 10%, or a skip where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pluggy.Result[pytest.TestReport], None]:
    """Where ``CI`` is set, a test skipped for want of the shared data fails instead.

    On a developer's machine without ``../shared`` those tests skip; in CI a missing folder
    would otherwise leave the run green with part of the suite never run. Every test says
    where it looked in its skip reason, so this one place recognises them all.
    """
    outcome = yield
    report = outcome.get_result()
    if not (report.skipped and os.environ.get("CI")) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if str(SHARED) in reason:
        report.outcome = "failed"
        report.longrepr = f"CI is set, and the shared data this test needs is missing: {reason}"
