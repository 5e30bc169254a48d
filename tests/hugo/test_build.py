"""A real client: Hugo itself builds the exported pages and reads back the catalogue's values.

The site in ``tests/data/hugo/client`` renders each page as JSON (its title, date, slug and
``.Params``); the test exports catalogues into a copy of it, runs ``hugo``, and compares what
Hugo read with the catalogue. ``.ci/run`` installs Debian's ``hugo`` package where it is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ideation.convert import unstructure
from ideation.hugo import export_site, import_site
from ideation.model import Catalogue, Event, Proposal

DATA = Path(__file__).parents[1] / "data" / "hugo"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "programme10-2022"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programme-10"
HUGO = shutil.which("hugo")

pytestmark = pytest.mark.skipif(
    HUGO is None, reason="the hugo binary is not installed (apt-get install hugo)"
)

# Keys whose meaning is Hugo's own: compared one by one, not as parameters.
_HUGO_KEYS = {"title", "date", "slug", "description"}


def _hugo_date(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S%z")[:-2] + ":" + value.strftime("%z")[-2:]
    return f"{value.isoformat()}T00:00:00+00:00"


def build(
    catalogue: Catalogue, tmp_path: Path, *, events: str | None = None, proposals: str | None = None
) -> Path:
    site = tmp_path / "site"
    shutil.copytree(DATA / "client", site)
    export_site(catalogue, site, events=events, proposals=proposals)
    assert HUGO is not None
    done = subprocess.run(
        [HUGO, "--source", str(site), "--destination", str(site / "public"), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return site / "public"


def read(public: Path, section: str, slug: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((public / section / slug / "index.json").read_text("utf-8"))
    return data


def check(item: Event | Proposal, page: dict[str, Any]) -> None:
    assert page["title"] == item.title
    assert page["slug"] == item.slug
    if item.date is not None:
        assert page["date"] == _hugo_date(item.date)
    params = page["params"]
    for key, value in unstructure(item, native_dates=False).items():
        if key in _HUGO_KEYS:
            continue
        # Hugo lowercases parameter names; ours are lowercase already.
        assert params[key] == value, key
    if item.description:
        assert "{ideation:" not in page["body"]
        assert page["body"].strip().splitlines()[0] == item.description.splitlines()[0]


ROUNDTRIP = Path(__file__).parents[1] / "data" / "hugo-roundtrip"
WOWCHEMY = Path(__file__).parents[1] / "data" / "hugo-wowchemy"


def hugo_build(site: Path, public: Path) -> dict[str, Any]:
    """Build ``site`` with the round-trip fixture's tiny theme; every page's JSON by its URL."""
    for name in ("config.toml", "config.yaml", "hugo.toml", "_quarto.yml"):
        (site / name).unlink(missing_ok=True)
    shutil.copy(ROUNDTRIP / "config.toml", site / "config.toml")
    shutil.copytree(ROUNDTRIP / "layouts", site / "layouts", dirs_exist_ok=True)
    assert HUGO is not None
    done = subprocess.run(
        [HUGO, "--source", str(site), "--destination", str(public), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pages = {}
    for path in sorted(public.rglob("*")):
        if path.is_file():
            relative = path.relative_to(public).as_posix()
            pages[relative] = (
                json.loads(path.read_text("utf-8")) if path.suffix == ".json" else path.read_bytes()
            )
    return pages


def round_trip(
    original: Path, tmp_path: Path, **options: Any
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Build ``original``; import it, export it into a copy without its pages, build that.
    Return both builds and the files of the pages that did not import."""
    result = import_site(original, **options)
    before_site = tmp_path / "before"
    shutil.copytree(original, before_site)
    for entry in result.entries:
        if entry.outcome == "failed":
            # Hugo cannot build them either (broken YAML...): the site is compared without them.
            (before_site / entry.file).unlink()
    before = hugo_build(before_site, tmp_path / "public-before")
    after_site = tmp_path / "after"
    shutil.copytree(original, after_site, ignore=shutil.ignore_patterns("content"))
    events = options.get("events", ["actualites"])[0]
    proposals = options.get("proposals", ["projets"])[0]
    export_site(result.catalogue, after_site, events=events, proposals=proposals, source=original)
    after = hugo_build(after_site, tmp_path / "public-after")
    failed = [
        e.file
        for e in result.entries
        if e.outcome != "imported-event" and e.outcome != "imported-proposal"
    ]
    return before, after, failed


def test_the_round_trip_fixture_builds_the_same_pages(tmp_path: Path) -> None:
    before, after, _ = round_trip(ROUNDTRIP, tmp_path)
    assert sorted(before) == sorted(after)  # the same URLs, resources included
    for url, page in before.items():
        assert after[url] == page, url
    assert "projets/impact_environnemental/index.json" in before
    assert before["projets/carte-scolaire/index.json"]["lead"] == ["Alice Martin", "Bob Durand"]


def test_the_wowchemy_bundles_build_the_same_pages(tmp_path: Path) -> None:
    before, after, _ = round_trip(WOWCHEMY, tmp_path, events=["event"], proposals=["project"])
    assert sorted(before) == sorted(after)
    for url, page in before.items():
        assert after[url] == page, url


@pytest.mark.parametrize("extract", [False, True], ids=["plain", "extract"])
def test_the_messy_site_keeps_its_urls_and_text(extract: bool, tmp_path: Path) -> None:
    before, after, skipped = round_trip(DATA / "messy", tmp_path, extract=extract)
    imported = {url for url in before if url in after}
    # Only pages that did not import (broken YAML, no front matter, a taken slug) are missing.
    assert len(before) - len(imported) <= len([f for f in skipped if f.endswith(".md")])
    assert set(after) <= set(before)
    for url in imported:
        if url.endswith(".json"):
            assert after[url]["content"] == before[url]["content"], url
            assert after[url]["title"] == before[url]["title"], url
            if not extract:
                assert after[url]["params"] == before[url]["params"], url


def test_the_real_site_keeps_its_urls_and_text(tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    before, after, _ = round_trip(CORPUS, tmp_path)
    pages = [url for url in before if url.startswith(("actualites/", "projets/"))]
    assert pages
    for url in pages:
        assert after[url] == before[url], url


def test_hugo_reads_back_the_example_catalogue(tmp_path: Path) -> None:
    from ideation import load

    catalogue = load(EXAMPLE)
    assert isinstance(catalogue, Catalogue)
    public = build(catalogue, tmp_path, events="events", proposals="proposals")
    for event in catalogue.events:
        page = read(public, "events", event.slug)
        assert page["title"] == event.title
        assert page["params"]["kind"] == event.kind.value
        assert len(page["params"].get("sessions", [])) == len(event.sessions)
    for proposal in catalogue.proposals:
        check(proposal, read(public, "proposals", proposal.slug))
