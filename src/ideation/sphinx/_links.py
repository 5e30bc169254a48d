"""The links under an object's full view that lead out of the page: "Edit this file" (to the
forge's web editor, or the site's own with ``ideation_edit_url``), "Page on <site>" (the home
page of an object read from another site's catalogue) and an event's own ``.ics`` file.

The first two are known when the page is read, from the object's origin in the data store
(:mod:`._origins`). The calendar file exists only where the build publishes it (an HTML
build with ``ideation_publish`` on and the iCalendar library installed): the page holds a
:class:`calendar_link` placeholder, which :func:`resolve_calendar_links` turns into a link
when the page is written, or removes.
"""

from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx.application import Sphinx

from ..errors import MissingExtraError
from ._config import IdeationConfig, get_config
from ._data import Store, get_store
from ._labels import translate
from ._nodes import para

#: The folder of the HTML output that holds one ``SLUG.ics`` per event (see :mod:`._publish`).
EVENT_CALENDARS = "ideation-events"


def event_calendar_path(slug: str) -> str:
    """The path of event ``slug``'s own ``.ics``, from the root of the HTML output."""
    return f"{EVENT_CALENDARS}/{slug}.ics"


class calendar_link(nodes.General, nodes.Element):
    """Where an event's own ``.ics`` is linked, if the build publishes it (``event``: slug)."""


def origin_links(store: Store, config: IdeationConfig, kind: str, slug: str) -> list[nodes.Node]:
    """The paragraph of links to the object's file in its forge and to its home page; nothing
    when it has neither."""
    origin = store.origin(kind, slug)
    if origin is None:
        return []
    links: list[nodes.Node] = []
    edit = origin.edit_page(config.edit_url)
    if edit is not None:
        text = translate("Edit this file")
        links.append(nodes.reference(text, text, refuri=edit, classes=["ideation-edit"]))
    if origin.home_url is not None:
        text = translate("Page on %(site)s") % {"site": origin.home_site or origin.home_url}
        if links:
            links.append(nodes.Text(" — "))
        links.append(nodes.reference(text, text, refuri=origin.home_url, classes=["ideation-home"]))
    return [para(*links, classes=["ideation-origin"])] if links else []


def resolve_calendar_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each :class:`calendar_link` of a page being written as a link to its event's ``.ics``,
    where the build writes it; removed everywhere else (other builders,
    ``ideation_publish = False``, no iCalendar library, a draft, an event gone)."""
    found = list(doctree.findall(calendar_link))
    if not found:
        return
    published = _published(app)
    for node in found:
        slug = str(node.get("event", ""))
        event = get_store(app.env).event(slug) if published else None
        if event is None or event[1].draft:
            node.parent.remove(node)
            continue
        page = app.builder.get_target_uri(docname)
        text = translate("Add to my calendar (.ics)")
        link = nodes.reference(
            text,
            text,
            refuri=_relative(page, event_calendar_path(slug)),
            classes=["ideation-ics"],
        )
        node.replace_self(para(link, classes=["ideation-calendar"]))


def _relative(page: str, path: str) -> str:
    """``path`` (from the output's root) as a link from the page whose address is ``page``
    (``a/b.html``, or ``a/b/`` as ``dirhtml`` writes it)."""
    folder = page.split("#", 1)[0].rpartition("/")[0]
    return posixpath.relpath(path, folder or ".")


def _published(app: Sphinx) -> bool:
    if app.builder.format != "html" or not get_config(app.config).publish:
        return False
    return _calendars_published()


def _calendars_published() -> bool:
    """Whether a build can publish calendars: the iCalendar library is installed."""
    try:
        # The exports, only when a page is written.
        from ..export.ical import to_ical  # noqa: F401 - imported to know it can be
    except MissingExtraError:
        return False
    return True


def _skip(translator: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_links(app: Sphinx) -> None:
    """Resolve the calendar links when pages are written."""
    # Skipped by every writer, should one meet a placeholder left (a builder that writes a
    # page it did not resolve one by one).
    skip = (_skip, None)
    app.add_node(calendar_link, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    # Once the page is resolved for its builder, which the link depends on (its address
    # from the page, whether the builder publishes at all).
    app.connect("doctree-resolved", resolve_calendar_links)
