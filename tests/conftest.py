"""Shared fixtures: where the example and the real corpus are."""

from __future__ import annotations

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
settings.load_profile("default")


@pytest.fixture
def corpus() -> Path:
    """The real Hugo site of the programme 10%, or a skip where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS
