"""Shared fixtures: where the example and the real corpus are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "programme-10"
# The shared corpus sits beside the repository in the project's workspace, not inside it.
CORPUS = ROOT.parent / "shared" / "corpus" / "programme10-2022"
SEED_PAGE = CORPUS / "content" / "actualites" / "2022-05-16_atelier.md"

settings.register_profile(
    "default", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# CI runs the same examples every time (a red build then means a change broke something, not
# that a new example turned up); runs on a developer's machine keep exploring, and keep what
# they find in .hypothesis/ to replay it.
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
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
