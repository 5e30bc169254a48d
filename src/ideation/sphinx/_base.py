"""What every feature shares: the renderer core for one document, and the directive base.

A :class:`Renderer` renders for one document: it records in the ``ideation`` domain the objects
the document shows (so that it is read again when their data changes) and those it defines,
and links to objects with ``pending_xref`` nodes that the domain resolves once every document
is read. Each feature (:mod:`.events`, :mod:`.proposals`, :mod:`.programme`) subclasses it
with what it renders.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar, TypeVar

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.addnodes import pending_xref
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import model
from ..urls import safe_url, url_scheme
from ._cells import CellBadge, CellLink, CellPart, CellText, CellURL
from ._config import IdeationConfig, get_config
from ._data import Store, get_store
from ._description import Description, is_remote
from ._domain import ROLES, Location, ObjectEntry, get_domain, unknown_object
from ._labels import format_day, translate
from ._nodes import anchor, badge, bullets, field, has, is_block, para, plain

#: The attribute of a node that holds the ``:heading-level:`` of the headings inside it.
LEVEL_ATTRIBUTE = "ideation_heading_level"

#: What a directive's ``option_spec`` maps option names to: converters of the option text.
OptionSpec = dict[str, Callable[[str], object]]


logger = logging.getLogger(__name__)


@attrs.frozen
class _Holder:
    """What holds an id on the page being read: an inline target, or a full view."""

    node: nodes.Element
    full: bool


@attrs.define(kw_only=True)
class Renderer:
    """Renders model objects into nodes for one document being read."""

    env: BuildEnvironment
    config: IdeationConfig
    store: Store
    #: Where warnings about what is rendered point to.
    location: Location = None

    @property
    def docname(self) -> str:
        """The document rendered for: the one being read."""
        return self.env.docname

    @property
    def language(self) -> str | None:
        """The language of labels and dates: ``ideation_language``, else the project's."""
        return self.config.labels_language(self.env.config)

    # -- bookkeeping ---------------------------------------------------------------------------

    def depend(self, kind: str, slug: str) -> None:
        """Re-read this document when the data of ``(kind, slug)`` changes, appears or goes."""
        get_domain(self.env).note_shown(self.docname, (kind, slug))

    def depend_on_kind(self, kind: str) -> None:
        """Re-read this document when any object of ``kind`` (or the programme) changes,
        appears or goes."""
        get_domain(self.env).note_listing(self.docname, kind)

    def _ids(self) -> dict[str, _Holder]:
        # temp_data lives while one document is read: ids are unique per document. Each id
        # maps to what holds it, so that a full view can take an id over from a list entry.
        used = self.env.temp_data.setdefault("ideation_ids", {})
        assert isinstance(used, dict)
        return used

    def define(
        self, kind: str, slug: str, title: str, *, primary: bool, name: str, status: str = ""
    ) -> None:
        """Record that this document defines ``(kind, slug)`` at anchor ``name``.

        With generated pages on, every object has its own generated page, which is where links
        go: a hand-written page that also shows the object in full defines a secondary target,
        and is not a duplicate.
        """
        if primary and self.config.generate_pages:
            primary = self.docname.startswith(self.config.pages_folder + "/")
        entry = ObjectEntry(anchor=name, title=title, primary=primary, status=status)
        get_domain(self.env).note_object(kind, slug, entry)

    def target(
        self, kind: str, slug: str, title: str, *, primary: bool, status: str = ""
    ) -> list[nodes.Node]:
        """An inline target defining ``(kind, slug)``, or nothing if the anchor is taken."""
        name = anchor(kind, slug)
        used = self._ids()
        if name in used:
            return []
        node = nodes.target("", "", ids=[name])
        used[name] = _Holder(node=node, full=False)
        self.define(kind, slug, title, primary=primary, name=name, status=status)
        return [node]

    def _frame_id(self, kind: str, slug: str) -> str:
        """The id of a full view of ``(kind, slug)``: never empty, never one the page has.

        A section without an id breaks Sphinx's table of contents, so a full view always gets
        one. It takes the object's anchor from an inline target of a list shown earlier on the
        page (links then go to the full view, the target is dropped); an object shown in full
        twice on one page gets a numbered anchor the second time.
        """
        name = anchor(kind, slug)
        used = self._ids()
        holder = used.get(name)
        if holder is not None and not holder.full:
            if holder.node.parent is not None:
                holder.node.parent.remove(holder.node)
            del used[name]
        if name in used:
            name = next(f"{name}-{n}" for n in itertools.count(2) if f"{name}-{n}" not in used)
        return name

    def xref(self, kind: str, slug: str, text: str | None = None) -> nodes.Node:
        """A link to an object; its title, unlinked, when no page defines it."""
        title = text if text is not None else self.link_title(kind, slug)
        self.depend(kind, slug)
        role = ROLES[kind]
        reference = pending_xref(
            "",
            refdomain="ideation",
            reftype=role,
            reftarget=slug,
            refexplicit=text is not None,
            refwarn=False,
            refdoc=self.docname,
            ideation_known=self.store.title(kind, slug) is not None,
        )
        reference += nodes.inline(title, title, classes=["xref", "ideation", f"ideation-{role}"])
        return reference

    def link_title(self, kind: str, slug: str) -> str:
        """The text of a link to an object: its title, or its slug if the catalogue has none."""
        return self.store.title(kind, slug) or slug

    # -- common pieces ---------------------------------------------------------------------------

    def frame(
        self, kind: str, slug: str, title: str, *, heading: bool, status: str = ""
    ) -> nodes.Element:
        """The section (or, without a heading, the container) that shows one object in full."""
        name = self._frame_id(kind, slug)
        classes = ["ideation", f"ideation-{kind}", *self.language_classes()]
        frame: nodes.Element
        if heading:
            frame = nodes.section(ids=[name], classes=classes)
            frame += nodes.title(title, title)
        else:
            frame = nodes.container(ids=[name], classes=classes)
        self._ids()[name] = _Holder(node=frame, full=True)
        self.define(kind, slug, title, primary=True, name=name, status=status)
        return frame

    def rubric(self, label: str) -> nodes.rubric:
        """A heading inside an object's frame, in the labels' language.

        Its level is set once the page is read, from the sections around it
        (:mod:`ideation.sphinx._outline`): a rubric, unlike a section, can sit anywhere (in a
        list, an admonition) and stays out of the table of contents.
        """
        text = translate(label)
        return nodes.rubric(text, text, classes=["ideation-rubric"])

    def language_classes(self) -> list[str]:
        """``language-xx`` when the labels' language is not the page's (HTML writes it as the
        ``lang`` attribute, WCAG 3.1.2), else nothing."""
        own = self.config.language
        page = self.env.config.language or "en"
        if own is None or _base_language(own) == _base_language(page):
            return []
        return [f"language-{own.replace('_', '-')}"]

    def box(self, *classes: str) -> nodes.container:
        """The container of what a directive shows, in the labels' language."""
        return nodes.container(classes=["ideation", *classes, *self.language_classes()])

    def url(self, path: str) -> str | None:
        """A link or image path from the data as a URL; site-absolute paths need a base URL.

        Only web and mail schemes pass: data is text to show, and a ``javascript:`` link in a
        data file must not become one in the site.
        """
        checked = safe_url(path)  # the one rule of every output: see ideation.urls
        if checked is None or url_scheme(checked) is not None:
            return checked
        path = checked
        if path.startswith("#"):
            return path
        base = self.config.image_base_url
        return None if base is None else f"{base}/{path.lstrip('/')}"

    def images(self, paths: Sequence[str], alt: str) -> list[nodes.Node]:
        """The images that can be shown (site-absolute paths need ``ideation_image_base_url``);
        only remote ones, since Sphinx would copy any other from the disk."""
        found: list[nodes.Node] = []
        for path in paths:
            uri = self.url(path)
            if uri is not None and is_remote(uri):
                found.append(nodes.image(uri=uri, alt=alt, classes=["ideation-image"]))
        return found

    def markdown(self, text: str, kind: str, slug: str) -> list[nodes.Node]:
        """The description of ``(kind, slug)`` as nodes, through the restricted parser.

        Headings become rubrics, raw HTML becomes text unless ``ideation_raw_html`` is on,
        links and images need a safe URL, and directives and roles outside the allow-list of
        :mod:`ideation.sphinx._description` are refused with a warning at the data file.
        """
        files = self.store.files_of(kind, slug)
        parser = Description(
            env=self.env,
            file=files[0] if len(files) == 1 else None,
            raw_html=self.config.raw_html,
            url=self.url,
        )
        return parser.parse(text)

    def organisation_label(self, organisation: model.Organisation) -> str:
        """An organisation's name, with its acronym where it has one."""
        if organisation.acronym and organisation.acronym != organisation.name:
            return f"{organisation.name} ({organisation.acronym})"
        return organisation.name

    def organisation_tree(
        self, catalogue: model.Catalogue, slugs: Sequence[str], *, define: bool = False
    ) -> nodes.bullet_list:
        """Organisations as a list, each under the nearest of its parents that is listed too."""
        listed = [slug for slug in dict.fromkeys(slugs) if has(catalogue.organisation, slug)]
        present = set(listed)

        def parent(slug: str) -> str | None:
            for ancestor in catalogue.ancestors(slug):
                if ancestor.slug in present:
                    return ancestor.slug
            return None

        children: dict[str | None, list[str]] = {}
        for slug in listed:
            children.setdefault(parent(slug), []).append(slug)

        def items(under: str | None) -> list[list[nodes.Node]]:
            found = []
            for slug in children.get(under, []):
                organisation = catalogue.organisation(slug)
                label = self.organisation_label(organisation)
                paragraph = para()
                if define:
                    paragraph.extend(
                        self.target("organisation", slug, organisation.name, primary=True)
                    )
                paragraph += self.xref("organisation", slug, label)
                item: list[nodes.Node] = [paragraph]
                if children.get(slug):
                    item.append(bullets(items(slug)))
                found.append(item)
            return found

        return bullets(items(None), classes=["ideation-organisations"])

    def facts(self, fields: Iterable[tuple[str, list[nodes.Node]]]) -> list[nodes.Node]:
        """A field list of the facts that are known: a field whose body is empty, or holds
        only empty text (a card's lead when the proposal has none), is left out, so that no
        label ever stands over nothing."""
        field_list = nodes.field_list(classes=["ideation-facts"])
        for label, body in fields:
            if any(node.astext().strip() for node in body):
                field_list += field(
                    translate(label), *[para(*body)] if not is_block(body) else body
                )
        return [field_list] if field_list.children else []

    def day(self, day: dt.date) -> str:
        """A day in the document's language."""
        return format_day(day, self.language)

    def link(self, url: str | None, title: str | None = None) -> list[nodes.Node]:
        """A link to ``url`` (its text ``title``, else the URL); the text alone if unsafe."""
        return [self.part_node(part) for part in self.link_parts(url, title)]

    def link_parts(self, url: str | None, title: str | None = None) -> list[CellPart]:
        """:meth:`link` as the parts of a cell."""
        if not url:
            return []
        uri = self.url(url)
        text = title or url
        return [CellText(text) if uri is None else CellURL(uri, text)]

    def part_node(self, part: CellPart) -> nodes.Node:
        """The node of one part of a cell (see :mod:`.cells`)."""
        if isinstance(part, CellText):
            return plain(part.text)
        if isinstance(part, CellBadge):
            return badge(part.label, part.status)
        if isinstance(part, CellLink):
            return self.xref(part.kind, part.slug)
        return nodes.reference(part.text, part.text, refuri=part.uri)


def _base_language(tag: str) -> str:
    return tag.replace("-", "_").split("_")[0].casefold()


def heading_level(value: str) -> int:
    """``:heading-level:``: a heading level from 1 to 6."""
    try:
        level = int(value.strip())
    except ValueError:
        level = 0
    if not 1 <= level <= 6:
        raise ValueError(f"expected a heading level from 1 to 6, got {value!r}")
    return level


R = TypeVar("R", bound=Renderer)


class IdeationDirective(SphinxDirective):
    """A directive of the ``ideation`` domain.

    Nothing a directive is given crashes the build: an unknown slug or filter value is a
    warning of type ``ideation`` (subtype ``ref`` or ``filter``) at the directive's line.
    """

    has_content = False
    final_argument_whitespace = False
    option_spec: ClassVar[OptionSpec] = {}

    def renderer(self) -> Renderer:
        """A renderer for the current document."""
        return self.renderer_of(Renderer)

    def renderer_of(self, kind: Callable[..., R]) -> R:
        """A renderer of class ``kind`` (a feature's) for the current document."""
        return kind(
            env=self.env,
            config=get_config(self.config),
            store=get_store(self.env),
            location=self.where(),
        )

    def where(self) -> tuple[str, int]:
        """Where warnings about this directive point: the document and line."""
        return (self.env.docname, self.lineno)

    def warn(self, subtype: str, message: str, *args: object) -> None:
        """Report a problem with what the directive was given; never raise."""
        logger.warning(
            message, *args, type="ideation", subtype=subtype, location=self.get_location()
        )

    def unknown(self, kind: str, slug: str) -> None:
        """Report an unknown slug, and re-read this page when the object appears."""
        unknown_object(self.env, (kind, slug), self.get_location())

    def levelled(self, found: list[nodes.Node]) -> list[nodes.Node]:
        """``found``, with the level ``:heading-level:`` gives to the headings inside it."""
        level = self.options.get("heading-level")
        if level is not None:
            for node in found:
                if isinstance(node, nodes.Element):
                    node[LEVEL_ATTRIBUTE] = level
        return found

    def heading(self) -> bool:
        """Whether to show the object's title as a section heading (``:no-heading:`` hides it)."""
        return "no-heading" not in self.options

    def under_own_heading(self) -> bool:
        """Whether the directive comes right after a heading of the page, nothing in between."""
        # reStructuredText's state knows the node being filled; MyST's mock state does not
        # (asking it raises), but its renderer does.
        renderer = getattr(self.state, "_renderer", None)
        parent = getattr(renderer, "current_node", None) if renderer else self.state.parent
        return (
            isinstance(parent, nodes.section)
            and len(parent.children) == 1
            and isinstance(parent[0], nodes.title)
        )

    def event(self, slug: str) -> tuple[model.Catalogue, model.Event] | None:
        """The event ``slug``, or ``None`` after a warning."""
        found = get_store(self.env).event(slug)
        if found is None:
            self.unknown("event", slug)
        return found


#: ``:heading-level:`` sets the level of the headings inside (1 to 6) where the page's outline
#: does not give the right one.
HEADING_LEVEL_OPTION: OptionSpec = {"heading-level": heading_level}
#: The options of a directive that shows one object: ``:no-heading:`` hides its title.
HEADING_OPTION: OptionSpec = {"no-heading": directives.flag, **HEADING_LEVEL_OPTION}
