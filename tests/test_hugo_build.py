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

DATA = Path(__file__).parent / "data" / "hugo"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "programme10-2022"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "programme-10"
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


def build(catalogue: Catalogue, tmp_path: Path, **sections: str) -> Path:
    site = tmp_path / "site"
    shutil.copytree(DATA / "client", site)
    export_site(catalogue, site, **sections)
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


@pytest.mark.parametrize("extract", [False, True], ids=["plain", "extract"])
def test_hugo_reads_back_the_messy_site(extract: bool, tmp_path: Path) -> None:
    catalogue = import_site(DATA / "messy", extract=extract).catalogue
    public = build(catalogue, tmp_path)
    for event in catalogue.events:
        check(event, read(public, "actualites", event.slug))
    for proposal in catalogue.proposals:
        check(proposal, read(public, "projets", proposal.slug))


def test_hugo_reads_back_the_real_site(tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    catalogue = import_site(CORPUS, extract=True).catalogue
    public = build(catalogue, tmp_path)
    for event in catalogue.events:
        check(event, read(public, "actualites", event.slug))
    for proposal in catalogue.proposals:
        check(proposal, read(public, "projets", proposal.slug))
    seed = read(public, "actualites", "atelier-ideation")
    assert seed["params"]["attendance"]["count"] == 25
    assert '{{< ref "/projets" >}}' in seed["body"]


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
