"""The performance benchmark (benchmarks/run.py) runs, and compares sites that show the same text.

Speed is never asserted here: a quick run checks that the benchmark works, that its three sites
show the same words, that the figures it reports are all there, and that the incremental build
it measures stays correct.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import run  # noqa: E402
import sites  # noqa: E402
import synthetic  # noqa: E402

HAS_NEEDS = importlib.util.find_spec("sphinx_needs") is not None
NEEDS_MISSING = "sphinx-needs is not installed (pip install -r benchmarks/requirements.txt)"

KEYS = {
    "full_ratio",
    "needs_ratio",
    "incremental_ratio",
    "reread_docs",
    "noop_ratio",
    "parallel_ratio",
    "control_parallel_ratio",
    "build_rss_ratio",
    "load_ratio",
    "load_cpu_ratio",
    "load_rss_ratio",
    "load_per_s",
    "load_shape",
    "incremental_correct",
    "parallel_identical",
    "words",
    "words_equal",
    "medians",
    "machine",
}


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The figures of one quick run, as ``--json`` prints them."""
    folder = tmp_path_factory.mktemp("bench")
    argv = ["--quick", "--json", "--quiet", "--keep", str(folder / "sites")]
    if not HAS_NEEDS:
        argv.append("--no-needs")
    args = run.parse(argv)
    result = run.measure(args, folder / "sites")
    # What --json prints must be JSON.
    decoded: dict[str, Any] = json.loads(json.dumps(run.strict(result), allow_nan=False))
    return decoded


@pytest.mark.sphinx
def test_quick_run_reports_every_figure(quick: dict[str, Any]) -> None:
    assert set(quick) >= KEYS
    for key in ("ideation.full", "hand.full", "ideation.noop", "ideation.incremental"):
        assert quick["medians"][key] > 0
    assert quick["machine"]["cpu_count"]
    assert quick["load_per_s"] > 0
    assert quick["load_shape"] == "realistic"
    # What the figures were measured with, so that results of two Sphinx versions can be told
    # apart.
    for name in ("python", "sphinx", "myst_parser", "docutils", "ideation", "started"):
        assert quick["machine"][name]


@pytest.mark.sphinx
def test_sites_show_the_same_words(quick: dict[str, Any]) -> None:
    words = quick["words"]
    assert words["ideation"] > 1000
    assert abs(words["hand"] - words["ideation"]) <= words["ideation"] / 100
    assert quick["words_hand_pages_off"] == 0
    assert quick["words_equal"]


@pytest.mark.sphinx
@pytest.mark.skipif(not HAS_NEEDS, reason=NEEDS_MISSING)
def test_needs_site_shows_the_same_words(quick: dict[str, Any]) -> None:
    words = quick["words"]
    assert abs(words["needs"] - words["ideation"]) <= words["ideation"] / 100


@pytest.mark.sphinx
def test_incremental_build_measured_is_correct(quick: dict[str, Any]) -> None:
    """The edit re-reads some pages, and every page that showed the title shows the new one."""
    assert quick["reread_docs"] >= 1
    assert quick["incremental_correct"] is True
    assert quick["parallel_identical"] is True


def test_synthetic_catalogue_is_the_same_bytes(tmp_path: Path) -> None:
    first = synthetic.write_folder(tmp_path / "a", 4, 30)
    second = synthetic.write_folder(tmp_path / "b", 4, 30)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert len(files) == 1 + 4 + 30
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes()


@given(st.integers(1, 12), st.integers(0, 60))
def test_every_proposal_is_named_by_one_or_two_events(events: int, proposals: int) -> None:
    catalogue = synthetic.catalogue(events, proposals)
    for proposal in catalogue.proposals:
        assert 1 <= len(catalogue.events_for_proposal(proposal.slug)) <= 2
        assert 2 <= len(proposal.history) <= 3


@pytest.mark.parametrize("shape", sorted(synthetic.LOAD_SHAPES))
def test_one_json_file_of_proposals(tmp_path: Path, shape: str) -> None:
    import ideation

    path = synthetic.write_json(tmp_path / "proposals.json", 25, shape=shape)
    catalogue = ideation.load(path)
    assert isinstance(catalogue, ideation.Catalogue)
    assert len(catalogue.proposals) == 25
    assert catalogue == synthetic.LOAD_SHAPES[shape](25)


def test_load_catalogue_is_shaped_like_a_real_one() -> None:
    """Each proposal of the load benchmark has a summary, sponsors and a history of three dated
    steps, and the dates differ from proposal to proposal (the loader builds equal steps once
    per load, so one set of dates for all would flatter it)."""
    proposals = synthetic.load_catalogue(300).proposals
    for proposal in proposals:
        assert proposal.summary
        assert 1 <= len(proposal.sponsors) <= 2
        assert len(proposal.history) == 3
    assert len({proposal.history for proposal in proposals}) == len(proposals)
    assert len({proposal.history[0].date for proposal in proposals}) > 200


@pytest.mark.parametrize(
    ("html", "rst"),
    [
        ("<p>a *star* and a `tick` and x_</p>", r"a \*star\* and a \`tick\` and x\_"),
        ("<p>- not a list</p>", r"\- not a list"),
        ("<p>see <strong>this</strong>, then</p>", "see **this**, then"),
        ('<p><span class="l">Status</span><span>Selected</span></p>', "Status Selected"),
    ],
)
def test_html_back_to_rst_keeps_text(html: str, rst: str) -> None:
    page = f'<html><body><div class="body">{html}</div></body></html>'
    assert sites.html_to_rst(page, "ideation/index").strip() == rst
