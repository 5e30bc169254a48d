"""What pages show from the data: JSON-LD, escaping, raw HTML, names with consent, images."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx_roots import Builder, warnings_of

SEED = "events/atelier-ideation.md"


def _edit(catalogue: Path, old: str, new: str) -> None:
    path = catalogue / SEED
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _jsonld(page: str) -> list[dict[str, object]]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    return [json.loads(text) for text in found]


def test_event_pages_carry_jsonld_in_html_only(build: Builder) -> None:
    app = build("seed", "html")
    (data,) = _jsonld((app.outdir / "index.html").read_text(encoding="utf-8"))
    assert data["@type"] == "Event"
    assert data["name"] == "Atelier d'idéation du 16 mai"
    latex = build("seed", "latex")
    assert "ld+json" not in "".join(
        p.read_text(encoding="utf-8") for p in latex.outdir.glob("*.tex")
    )


def test_text_from_data_is_escaped(build: Builder, catalogue: Path) -> None:
    _edit(catalogue, "title: Atelier d'idéation du 16 mai", "title: Atelier </script><b>x</b>")
    _edit(catalogue, "Une matinée pour", "Une <em>matinée</em> pour")
    app = build("seed", "html", ideation_catalogue=str(catalogue))
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "</script><b>" not in page
    assert "<em>matinée</em>" not in page
    assert "&lt;em&gt;matinée&lt;/em&gt;" in page
    (data,) = _jsonld(page)
    assert data["name"] == "Atelier </script><b>x</b>"


def test_raw_html_on_request(build: Builder, catalogue: Path) -> None:
    _edit(catalogue, "Une matinée pour", "Une <em>matinée</em> pour")
    app = build("seed", "html", ideation_catalogue=str(catalogue), ideation_raw_html=True)
    assert "<em>matinée</em>" in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_names_only_with_consent_and_setting(build: Builder, catalogue: Path) -> None:
    _edit(
        catalogue,
        "  organisations:\n  - menjs",
        "  participants:\n"
        "  - name: Camille Consent\n    consent: true\n    organisation: insee\n"
        "  - name: Dominique Discret\n"
        "  organisations:\n  - menjs",
    )
    hidden = build("seed", "html", ideation_catalogue=str(catalogue))
    page = (hidden.outdir / "index.html").read_text(encoding="utf-8")
    assert "Camille Consent" not in page
    assert "Dominique Discret" not in page
    shown = build("seed", "html", ideation_catalogue=str(catalogue), ideation_show_names=True)
    page = (shown.outdir / "index.html").read_text(encoding="utf-8")
    assert "Camille Consent (INSEE)" in page
    assert "Dominique Discret" not in page


def test_site_absolute_images_need_a_base_url(build: Builder) -> None:
    without = build("seed", "html")
    assert "<img" not in (without.outdir / "index.html").read_text(encoding="utf-8")
    with_base = build("seed", "html", ideation_image_base_url="https://example.org/")
    page = (with_base.outdir / "index.html").read_text(encoding="utf-8")
    assert 'src="https://example.org/img/photo_atelier_ideation.jpg"' in page
    assert warnings_of(with_base) == ""


def test_a_wrongly_typed_setting_is_a_warning(build: Builder) -> None:
    app = build("seed", "html", ideation_show_names=2)
    assert "ideation_show_names: expected True or False, got 2" in warnings_of(app)


def test_markdown_descriptions_stay_inside_the_page(build: Builder, catalogue: Path) -> None:
    _edit(
        catalogue,
        "Une matinée pour",
        "## Un titre\n\nUne note[^1], ![photo](/img/x.jpg), [un lien](javascript:alert(1)) et "
        "[un autre](https://example.org/).\n\n[^1]: La note.\n\nUne matinée pour",
    )
    app = build("seed", "html", ideation_catalogue=str(catalogue), nitpicky=True)
    assert warnings_of(app) == ""
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="javascript:' not in page
    assert "un lien" in page
    assert 'href="https://example.org/"' in page
    assert "x.jpg" not in page.split("application/ld+json")[0]  # no base URL: no image
    # A description's heading is a real heading, one level under the object's title.
    assert re.search(r'<h([2-6]) class="rubric">Un titre</h\1>', page)
    assert "La note." in page


def test_cross_references_in_descriptions_resolve(build: Builder, catalogue: Path) -> None:
    # What the Hugo import writes for a page's ref shortcodes; it crashed the build once.
    _edit(
        catalogue,
        "dans la section\n[Projets 10 %](/projets/).",
        "dans la section {ref}`Projets 10 % <ideation-proposals>`, dont\n"
        "{ideation:proposal}`siretisation`.",
    )
    app = build("seed", "html", ideation_catalogue=str(catalogue), nitpicky=True)
    assert warnings_of(app) == ""
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="ideation-proposals.html"' in page
    assert re.search(
        r'href="proposals\.html#ideation-proposal-siretisation"[^>]*>.*?SIRETisation', page
    )
