"""Unsafe URLs in every URL field of the data: no page links to them, no JSON-LD holds them."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from sphinx_roots import Builder

import ideation
from ideation import model
from ideation.urls import safe_url

# The same spellings as the exports' tests (tests/strategies.py), kept here as the Sphinx tests
# import from their own folder.
UNSAFE = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript%3Aalert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
)


def hostile_catalogue(path: Path) -> None:
    """A catalogue with an unsafe URL in every URL field, one spelling per object."""
    events, proposals, organisations = [], [], []
    for index, url in enumerate(UNSAFE):
        organisations.append(model.Organisation(slug=f"o{index}", name=f"O{index}", website=url))
        events.append(
            model.Event(
                slug=f"e{index}",
                title=f"Event </script><!-- {index}",
                start=dt.datetime(2022, 5, 16, 9, 30),
                location=model.Location(name="Room", url=url),
                images=(url,),
                organisers=(f"o{index}",),
                extra={"url": url},
                description=f"[a link]({url.strip()}) and ![an image]({url.strip()})",
            )
        )
        proposals.append(
            model.Proposal(
                slug=f"p{index}",
                title=f"Proposal {index}",
                repository=url,
                images=(url,),
                resources=[model.Link(url=url, title="resource")],
                sponsors=(f"o{index}",),
                events=(f"e{index}",),
            )
        )
    programme = model.Programme(
        slug="hostile", name="Hostile", website=UNSAFE[0], images=UNSAFE, organisers=("o0",)
    )
    ideation.dump(
        model.Catalogue(
            programme=programme, organisations=organisations, events=events, proposals=proposals
        ),
        path,
    )


class Links(HTMLParser):
    """Every URL-valued attribute of a page, and the text of its JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src", "action", "formaction", "poster", "srcset"} and value:
                self.urls.append(value)
        self._in_jsonld = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.scripts.append(data)
            self._in_jsonld = False


def test_no_page_links_to_an_unsafe_url(build: Builder, tmp_path: Path) -> None:
    data = tmp_path / "hostile.yaml"
    hostile_catalogue(data)
    app = build("hostile", ideation_catalogue=str(data))
    pages = sorted(Path(app.outdir).rglob("*.html"))
    scripts = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        links = Links()
        links.feed(text)
        for url in links.urls:
            assert safe_url(url) == url, (page.name, url)
        for script in links.scripts:
            scripts += 1
            assert "<" not in script
            found = json.loads(script)
            for url in re.findall(r'"(?:url|sameAs|image|@id)": "([^"]*)"', json.dumps(found)):
                assert url.startswith("urn:uuid:") or safe_url(url) == url, (page.name, url)
        assert "alert(1)" not in "".join(links.urls)
    assert scripts == len(UNSAFE)  # every event page carries its JSON-LD
