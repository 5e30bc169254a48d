"""The ``ideation`` domain: links across pages, ``:any:``, the inventory, the index, merging."""

from __future__ import annotations

import posixpath

from sphinx.util.inventory import InventoryFile
from sphinx_roots import Builder, warnings_of

from ideation.sphinx._domain import IdeationDomain, ObjectEntry, get_domain


def test_links_prefer_the_page_that_shows_an_object_in_full(build: Builder) -> None:
    app = build("domain", "html", nitpicky=True)
    assert warnings_of(app) == ""
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="event.html#ideation-event-atelier-ideation"' in index  # :any:
    assert 'href="annotation.html#ideation-proposal-annotation"' in index
    assert 'href="proposals.html#ideation-proposal-siretisation"' in index
    # No page defines the organisation: its name, unlinked, and no warning.
    assert "Direction de l’animation de la recherche" in index


def test_inventory_lists_objects_for_intersphinx(build: Builder) -> None:
    app = build("domain", "html")
    with (app.outdir / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "https://example.org", posixpath.join)
    assert "atelier-ideation" in inventory["ideation:event"]
    proposals = inventory["ideation:proposal"]
    assert {"annotation", "siretisation"} <= set(proposals)


def test_domain_index_groups_proposals_by_status(build: Builder) -> None:
    app = build("domain", "html")
    page = (app.outdir / "ideation-proposals.html").read_text(encoding="utf-8")
    assert page.index("Selected") < page.index("In progress") < page.index("Rejected")
    assert "SIRETisation" in page


def test_clear_and_merge(build: Builder) -> None:
    app = build("domain", "dummy")
    domain = get_domain(app.env)
    assert ("event", "atelier-ideation") in domain.objects
    other = {
        "objects": {("event", "new-event"): {"other": ObjectEntry("a", "New", True)}},
        "documents": {"other": {("event", "new-event")}},
        "shown": {"other": {("event", "new-event"), ("proposal", "liria")}},
        "listings": {"other": {"event"}},
        "rows": {},
        "wanted": {},
    }
    domain.merge_domaindata({"other"}, other)
    assert domain.find(("event", "new-event")) == ("other", ObjectEntry("a", "New", True))
    assert "other" in domain.documents_listing("event")
    assert "other" in domain.documents_showing({("proposal", "liria")})
    domain.clear_doc("other")
    domain.clear_doc("event")
    assert domain.find(("event", "new-event")) is None
    assert domain.find(("event", "atelier-ideation")) is None
    assert "other" not in domain.documents_listing("event")
    assert "other" not in domain.documents_showing({("proposal", "liria")})
    assert IdeationDomain.name == "ideation"
