"""The origins the data store keeps for the links out of a page: public parts only, and a
home page from another site's data linked only when it is a web address."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sphinx_roots import EXAMPLES
from tests.sources.helpers import (  # noqa: F401 - fixtures, found by pytest by their names
    PARTNER,
    local_cache_fixture,
    server_fixture,
)

from ideation.formats import load_with_sources
from ideation.sources import assemble, lock
from ideation.sphinx._origins import PageOrigin, assembled_origins, local_origins

pytestmark = pytest.mark.usefixtures("local_cache")


def test_a_local_catalogue_knows_its_files_from_its_folder_and_no_candidate() -> None:
    _catalogue, sources = load_with_sources(EXAMPLES)
    origins = local_origins(EXAMPLES, sources.objects)
    assert origins[("event", "bootcamp")] == PageOrigin(path="events/bootcamp.md")
    assert origins[("programme", "programme-10")].path == "programme.yaml"
    assert any(kind == "candidate" for kind, _slug in sources.objects)
    assert not any(kind == "candidate" for kind, _slug in origins)
    template = "https://forge.example/edit/main/cat/{path}"
    assert origins[("event", "bootcamp")].edit_page(template) == (
        "https://forge.example/edit/main/cat/events/bootcamp.md"
    )
    assert origins[("event", "bootcamp")].edit_page(None) is None


@pytest.mark.parametrize(
    ("url", "home"),
    [
        ("https://partner.example/events/x/", "https://partner.example/events/x/"),
        ("javascript:alert(1)", None),
        (" JaVa\tScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("ftp://partner.example/x", None),
    ],
)
def test_a_home_page_from_another_site_is_linked_only_if_it_is_a_web_address(
    server: tuple[str, Path], tmp_path: Path, url: str, home: str | None
) -> None:
    base, folder = server
    partner = json.loads(json.dumps(PARTNER))
    partner["events"][0]["url"] = url
    (folder / "ideation.json").write_text(json.dumps(partner), encoding="utf-8")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[sources.partner]\nurl = "{base}/ideation.json"\n', encoding="utf-8")
    lock(sources)
    assembled = assemble(sources)
    origins = assembled_origins(sources, assembled, assembled.catalogue)
    origin = origins[("event", "partner-meetup")]
    assert origin.home_url == home
    assert (origin.source, origin.edit_url, origin.local) == ("partner", None, False)
    assert origin.edit_page("https://forge.example/edit/main/{path}") is None


def test_a_local_source_of_a_sources_file_knows_its_files_from_its_folder(
    tmp_path: Path,
) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "site" / "catalogue")
    sources = tmp_path / "site" / "sources.toml"
    sources.write_text('[sources.own]\npath = "catalogue"\n', encoding="utf-8")
    assembled = assemble(sources)
    origins = assembled_origins(sources, assembled, assembled.catalogue)
    bootcamp = origins[("event", "bootcamp")]
    assert (bootcamp.source, bootcamp.path, bootcamp.local) == ("own", "events/bootcamp.md", True)
    assert bootcamp.line is not None
    assert bootcamp.edit_page("https://forge.example/edit/main/catalogue/{path}") == (
        "https://forge.example/edit/main/catalogue/events/bootcamp.md"
    )
    assert not any(kind == "candidate" for kind, _slug in origins)
    assert not any(str(tmp_path) in repr(origin) for origin in origins.values())
