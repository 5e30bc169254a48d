"""The restricted parser for text from data files: security-sensitive.

Descriptions (of a programme, an event, a proposal) come from data files, and data files come
from many people: proposals arrive by pull request. Their text is untrusted, and nothing in it
may make the build read a file, fetch a URL or run anything. It is parsed as MyST Markdown with:

- docutils' ``file_insertion_enabled`` off, so that no directive reads a file or a URL;
- no raw output unless ``ideation_raw_html`` is on: the ``raw`` directive is refused (and
  with the setting on, it takes its content inline only, never ``:file:`` or ``:url:``), the
  ``raw`` role cannot be made (the ``role`` directive is refused), and the raw HTML of Markdown
  is turned into text by the cleaner. (docutils' ``raw_enabled`` setting is left on for MyST's
  sake: off, MyST deletes the raw HTML of Markdown instead of letting it be shown as text.);
- an allow-list of the directives and roles a description needs (below). Anything else (the
  ``include`` family, ``literalinclude``, ``csv-table`` or ``raw`` with ``:file:`` or ``:url:``,
  ``:download:``, directives of other extensions...) is refused before it runs: a warning of
  type ``ideation``, subtype ``description``, located at the data file and the line of the
  directive or role; a refused directive is left out, a refused role is shown as its text.
  The same holds inside ``{eval-rst}`` blocks, whose reStructuredText goes through the same
  look-up.

Allowed, and why:

- admonitions (``note``, ``warning``, ``tip``...; ``admonition``, ``seealso``): text in a box;
- ``code-block``, ``code``, ``sourcecode``, ``math``: text shown as written, nothing run;
- ``image``, ``figure``: by URL, or a catalogue image. The renderer turns every image path into
  a URL (a web URL, or a site path under ``ideation_image_base_url``) or drops the image; a
  relative path is a catalogue image, an image file beside the data file (the Hugo import
  copies a page's images to ``events/<slug>/``): it is shown only when it resolves, symbolic
  links followed, to a file with an image suffix inside the data file's own folder, and is
  otherwise left out with a warning (type ``ideation``, subtype ``image``) at the data file and
  line. No other file of the build's disk is ever read or copied;
- ``list-table``, ``table``, ``csv-table``: tables written inline (``:file:``, ``:url:`` refused);
- ``raw``: only with ``ideation_raw_html`` on, inline content only;
- roles: the ``ideation`` roles and the standard cross-references (``ref``, ``doc``, ``term``,
  ``numref``, ``any``), and inline text roles (``math``, ``code``, ``abbr``, ``sub``, ``sup``,
  ``kbd``...). ``download`` is not among them: it copies a file into the output.

What the parse gives is cleaned for the page: headings become rubrics (a description adds no
section to the page), ids and names are dropped (they would clash with the page's) but for
explicit anchors (``(name)=``), which keep their id for the text's ``#name`` links, raw HTML
becomes text unless allowed, links and images need a safe URL, footnotes become notes.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

import attrs
from docutils import nodes
from docutils.frontend import Values, get_default_settings
from docutils.parsers.rst import Directive, directives, roles
from docutils.parsers.rst.languages import get_language as get_language_rst
from docutils.parsers.rst.states import Inliner
from docutils.utils import Reporter, new_document
from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.docutils_ import Parser as MystParser
from myst_parser.parsers.mdit import create_md_parser
from sphinx.addnodes import literal_emphasis, literal_strong, pending_xref, seealso
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The directives a description may use (``raw`` only with ``ideation_raw_html``).
ALLOWED_DIRECTIVES = frozenset(
    {
        "admonition",
        "attention",
        "caution",
        "danger",
        "error",
        "hint",
        "important",
        "note",
        "tip",
        "warning",
        "seealso",
        "code-block",
        "code",
        "sourcecode",
        "math",
        "image",
        "figure",
        "list-table",
        "table",
        "csv-table",
    }
)
#: The roles a description may use; ``""`` is the default role (single backquotes in rST).
ALLOWED_ROLES = frozenset(
    {
        "",
        "ideation:event",
        "ideation:proposal",
        "ideation:programme",
        "ideation:org",
        "ideation:session",
        "ref",
        "doc",
        "term",
        "numref",
        "any",
        "math",
        "code",
        "literal",
        "emphasis",
        "strong",
        "abbr",
        "sub",
        "sup",
        "subscript",
        "superscript",
        "kbd",
        "title-reference",
    }
)
#: The nodes a description may put in a page: those that every builder the docs name (HTML,
#: LaTeX, EPUB, text, man, Texinfo, gettext) knows how to write. What the allowed directives
#: and roles and Markdown make is among them; anything else a parse gives (a substitution, a
#: citation, a node of another extension...) is a warning at the data file, and is shown as its
#: text or left out (see :meth:`Description._clean`), so that no description can stop a build.
ALLOWED_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Text,
    # Blocks.
    nodes.paragraph,
    nodes.literal_block,
    nodes.doctest_block,
    nodes.math_block,
    nodes.block_quote,
    nodes.attribution,
    nodes.line_block,
    nodes.line,
    nodes.transition,
    nodes.rubric,
    nodes.container,
    nodes.caption,
    nodes.legend,
    nodes.figure,
    nodes.image,
    # Lists.
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.list_item,
    nodes.definition_list,
    nodes.definition_list_item,
    nodes.term,
    nodes.classifier,
    nodes.definition,
    nodes.field_list,
    nodes.field,
    nodes.field_name,
    nodes.field_body,
    # Tables.
    nodes.table,
    nodes.tgroup,
    nodes.colspec,
    nodes.thead,
    nodes.tbody,
    nodes.row,
    nodes.entry,
    nodes.title,
    # Admonitions.
    nodes.admonition,
    nodes.attention,
    nodes.caution,
    nodes.danger,
    nodes.error,
    nodes.hint,
    nodes.important,
    nodes.note,
    nodes.tip,
    nodes.warning,
    seealso,
    # Inline.
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.math,
    nodes.reference,
    nodes.inline,
    nodes.superscript,
    nodes.subscript,
    nodes.title_reference,
    nodes.abbreviation,
    pending_xref,
    literal_emphasis,
    literal_strong,
    # What the cleaner makes of footnotes.
    nodes.footnote,
    nodes.footnote_reference,
    nodes.label,
)
#: What is left out without a word: nothing of it would show (a comment, a link target).
_SILENT = (nodes.system_message, nodes.target, nodes.comment)
#: Nodes that define rather than show: left out, with a warning.
_DEFINITIONS = (nodes.substitution_definition, nodes.citation, nodes.pending)

#: A relative image path: a catalogue image, beside the data file (no scheme, no ``/``, no ``#``).
_LOCAL = re.compile(r"(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^/#\\]")
#: The suffixes of the catalogue images a description may show.
_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"})

#: Options that would make an allowed directive read a file or fetch a URL.
REFUSED_OPTIONS = ("file", "url")


@functools.cache
def _default_settings() -> Values:
    # Building docutils' default settings is slow (milliseconds), and a page may show dozens of
    # descriptions: build them once, and give each parse its own copy.
    return get_default_settings(MystParser)


class _Renderer(DocutilsRenderer):
    """MyST's docutils renderer, always given the document to fill.

    MyST's own ``setup_render`` builds a spare empty document at every render (the default of
    an ``options.get``, evaluated even when a document is given), which costs as much as
    parsing a short description. This one sets up the same state from the given document.
    """

    # MyST leaves the options' values untyped (each key holds its own kind of value): an
    # override takes what the method it overrides takes.
    def setup_render(self, options: dict[str, Any], env: MutableMapping[str, object]) -> None:
        """Set up the per-render state, as MyST does, from ``options["document"]``."""
        self.md_env = env
        self.md_options = options
        self.md_config = options["myst_config"]
        self.document = options["document"]
        self.current_node = options.get("current_node", self.document)
        self.reporter = self.document.reporter
        self.language_module_rst = get_language_rst(  # type: ignore[assignment]
            self.document.settings.language_code
        )
        self._heading_offset = 0
        self._level_to_section = {0: self.document}
        self._heading_slugs = {}


@functools.cache
def _markdown() -> MarkdownIt:
    # Building a Markdown parser with MyST's plugins takes longer than parsing a description:
    # build it once. Descriptions use MyST's defaults, whatever the site's own MyST settings,
    # and a description's own front matter sets nothing.
    return create_md_parser(MdParserConfig(), _Renderer)


#: The characters of plain prose, which Markdown gives no meaning to inside a line that starts
#: with a letter: with letters, digits and spaces, a text made of them only is paragraphs of
#: text (see :func:`plain_paragraphs`).
PLAIN_PUNCTUATION = frozenset(",.;:'\"?!()/%’«»…–—°€")


def plain_paragraphs(text: str) -> list[list[str]] | None:
    """The paragraphs of ``text`` (each a list of lines) if it is plain prose, which MyST would
    parse as those paragraphs of text; ``None`` if it may hold any Markdown.

    Plain: blocks separated by one empty line, lines with no space around them that start with
    a letter and hold only letters, digits, spaces and :data:`PLAIN_PUNCTUATION`. Most
    descriptions are, and parsing them as Markdown took most of a generated page's reading.
    """
    blocks = [block.split("\n") for block in text.split("\n\n")]
    for lines in blocks:
        for line in lines:
            if not line or not line[0].isalpha() or line != line.strip():
                return None
            if not all(c.isalnum() or c == " " or c in PLAIN_PUNCTUATION for c in line):
                return None
    return blocks


def _parse_markdown(text: str, document: nodes.document) -> None:
    """Fill ``document`` with ``text`` parsed as MyST Markdown, with the cached parser."""
    limit = getattr(document.settings, "line_length_limit", None)
    if limit is not None and any(len(line) > limit for line in text.split("\n")):
        # As MyST's own parser does: a line this long is refused, not parsed.
        document += nodes.paragraph(text, text)
        return
    paragraphs = plain_paragraphs(text)
    if paragraphs is not None:
        _add_paragraphs(paragraphs, document)
        return
    render_markdown(text, document)


def render_markdown(text: str, document: nodes.document) -> None:
    """Fill ``document`` with ``text`` as MyST renders it, with the parser every description
    shares (no quick path for plain prose, no line-length check)."""
    markdown = _markdown()
    markdown.options["document"] = document
    try:
        markdown.render(text)
    finally:
        # The parser is kept for the next description; the document must not be.
        del markdown.options["document"]
        markdown.renderer.__dict__.pop("document", None)


def _add_paragraphs(paragraphs: list[list[str]], document: nodes.document) -> None:
    """The paragraphs of plain prose, as MyST makes them: a text per line, a line break between
    them, the source and line of each paragraph."""
    line = 1
    for lines in paragraphs:
        paragraph = nodes.paragraph()
        for index, text in enumerate(lines):
            if index:
                paragraph += nodes.Text("\n")
            paragraph += nodes.Text(text)
        document += paragraph
        paragraph.source = document["source"]
        paragraph.line = line
        line += len(lines) + 1


#: How a directive's option is read from its text (docutils' option spec values).
_OptionReader = Callable[[str], object]


class _AnyOption(dict[str, _OptionReader]):
    """An option spec that accepts every option, so that a refused directive is parsed whole."""

    def __missing__(self, key: str) -> _OptionReader:
        return directives.unchanged


@attrs.define
class _Refusals:
    """The directives and roles refused during one parse: (what, name, line in the text)."""

    found: list[tuple[str, str, int]] = attrs.field(factory=list)

    def add(self, what: str, name: str, line: int | None) -> None:
        self.found.append((what, name, line or 1))


def _refused_directive(name: str, refusals: _Refusals) -> type[Directive]:
    class Refused(Directive):
        has_content = True
        optional_arguments = 100
        final_argument_whitespace = True
        # A placeholder key makes the spec non-empty, which docutils needs to parse options.
        option_spec: ClassVar[dict[str, _OptionReader]] = _AnyOption({"-": directives.unchanged})

        def run(self) -> list[nodes.Node]:
            refusals.add("directive", name, self.lineno)
            return []

    return Refused


def _guarded(cls: type[Directive], name: str, refusals: _Refusals) -> type[Directive]:
    """``cls``, refusing the options that would read a file or fetch a URL."""
    if not set(cls.option_spec or {}) & set(REFUSED_OPTIONS):
        return cls

    class Guarded(cls):  # type: ignore[valid-type,misc]
        def run(self) -> list[nodes.Node]:
            options = [option for option in REFUSED_OPTIONS if option in self.options]
            if options:
                refusals.add("directive", f"{name} :{options[0]}:", self.lineno)
                return []
            found: list[nodes.Node] = super().run()
            return found

    return Guarded


#: What a role gives: its nodes, and its messages.
_RoleResult = tuple[list[nodes.Node], list[nodes.system_message]]


def _refused_role(name: str, refusals: _Refusals) -> Callable[..., _RoleResult]:
    def role(
        typ: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        options: Mapping[str, object] | None = None,
        content: Sequence[str] = (),
    ) -> _RoleResult:
        refusals.add("role", name, lineno)
        return [nodes.Text(text)], []

    return role


class _LanguageModule(Protocol):
    """What docutils reads of a language module (``docutils.parsers.rst.languages.en``)."""

    labels: dict[str, str]
    author_separators: list[str]
    bibliographic_fields: list[str]


#: A role function as docutils calls it. Its result is left open: docutils' stubs type it as
#: references only, where a role gives any nodes (text, here), so no precise type matches both.
_RoleFunction = Callable[..., Any]


class _Restricted:
    """Directive and role look-ups that let through only what a description may use.

    docutils finds a directive or a role by calling ``directives.directive`` and
    ``roles.role``; while a description is parsed (a ``with`` block), these look-ups are this
    object's, and what they let through is looked up by the ones in place before (Sphinx's,
    which know the domains), as Sphinx's own dispatchers chain. They are put back on leaving
    the block, whatever happens in it.
    """

    def __init__(self, refusals: _Refusals, *, raw_html: bool) -> None:
        self.refusals = refusals
        self.allowed = ALLOWED_DIRECTIVES | ({"raw"} if raw_html else set())
        # The look-ups in place before the block, set again on entering it.
        self._directive_before = directives.directive
        self._role_before = roles.role
        self._active = False

    def __enter__(self) -> _Restricted:
        self._directive_before, self._role_before = directives.directive, roles.role
        self._active = True
        directives.directive = self.directive
        roles.role = self.role
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._active:
            directives.directive, roles.role = self._directive_before, self._role_before
            self._active = False

    def directive(
        self, directive_name: str, language_module: _LanguageModule, document: nodes.document
    ) -> tuple[type[Directive] | None, list[nodes.system_message]]:
        name = directive_name.strip().lower()
        if name not in self.allowed:
            return _refused_directive(name, self.refusals), []
        assert self._active
        cls, messages = self._directive_before(directive_name, language_module, document)
        return (None if cls is None else _guarded(cls, name, self.refusals)), messages

    def role(
        self, role_name: str, language_module: _LanguageModule, lineno: int, reporter: Reporter
    ) -> tuple[_RoleFunction | None, list[nodes.system_message]]:
        name = role_name.strip().lower()
        if name not in ALLOWED_ROLES:
            return _refused_role(name, self.refusals), []
        assert self._active
        return self._role_before(role_name, language_module, lineno, reporter)


@attrs.define(kw_only=True)
class Description:
    """Parses the description of one object, read from ``file``, for the page being read.

    ``url`` turns a link or image path of the text into the URL to use, or ``None`` when it
    may not be linked (an unsafe scheme, a site path without a base URL).
    """

    env: BuildEnvironment
    file: Path | None
    raw_html: bool
    url: Callable[[str], str | None]
    #: The nodes the cleaner refused during the last parse.
    _refused_nodes: _Refusals = attrs.field(init=False, factory=lambda: _Refusals())

    def parse(self, text: str) -> list[nodes.Node]:
        """``text`` as nodes to put in the page; refused directives and roles are warnings."""
        settings = copy.copy(_default_settings())
        settings.file_insertion_enabled = False
        # Raw output is refused by the allow-list and the cleaner (see the module's docstring).
        settings.raw_enabled = True
        # Problems of Markdown syntax are not worth a build warning: the text is shown as
        # written. What is refused for safety is reported below, at the data file.
        settings.report_level = 5
        settings.halt_level = 5
        settings.warning_stream = False
        # The build environment, as for any page: roles in a description (a cross-reference
        # written by the Hugo import, say) need it, and resolve like the page's own.
        settings.env = self.env
        document = new_document(str(self.file or "<description>"), settings)
        refusals = _Refusals()
        with _Restricted(refusals, raw_html=self.raw_html), logging.suppress_logging():
            _parse_markdown(text, document)
        self._refused_nodes = _Refusals()
        found = [node for child in list(document.children) for node in self._clean(child)]
        for what, name, line in [*refusals.found, *self._refused_nodes.found]:
            self._warn(what, name, text, line)
        # Nodes remember the document they were parsed in, and that one's settings hold the
        # build environment: left so, every page's pickled doctree would carry a copy of the
        # environment (the whole catalogue with it). Detached, they follow the page's document.
        settings.env = None
        for top in found:
            for node in top.findall():
                node.document = None  # type: ignore[assignment]
        return found

    def _warn(self, what: str, name: str, text: str, line: int) -> None:
        location = None
        if self.file is not None:
            location = f"{self.file}:{_line_in_file(self.file, text) + line - 1}"
        if what == "image":
            logger.warning(
                "image %s; it is left out",
                name,
                type="ideation",
                subtype="image",
                location=location,
            )
            return
        if what == "markup":
            logger.warning(
                "a description from a data file may not hold %r markup (a substitution, a "
                "citation, another extension's element...); it is shown as text or left out",
                name,
                type="ideation",
                subtype="description",
                location=location,
            )
            return
        logger.warning(
            "the %s %r is not allowed in a description from a data file; it is left out "
            "(descriptions may not read files or fetch URLs)",
            what,
            name,
            type="ideation",
            subtype="description",
            location=location,
        )

    # -- cleaning ------------------------------------------------------------------------------

    def _clean(self, node: nodes.Node) -> list[nodes.Node]:
        if isinstance(node, nodes.target) and not node.get("refuri") and node.get("names"):
            # A heading's anchor (``(name)=``; the Hugo import writes Quarto's ``{#id}`` so):
            # the text's links to ``#name`` land on it. Only the page's HTML holds its id; no
            # label is made, so it can clash with no cross-reference of the site.
            name = str(node["names"][0])
            return [nodes.container("", ids=[name], classes=["ideation-anchor"])]
        if isinstance(node, _SILENT):
            return []
        if not isinstance(node, ALLOWED_NODES) and not isinstance(node, nodes.raw | nodes.section):
            return self._refuse_node(node)
        if isinstance(node, nodes.raw):
            if self.raw_html and node.get("format") == "html" and not node.get("source"):
                return [node]
            text = node.astext()
            return (
                [nodes.Text(text)] if isinstance(node.parent, nodes.TextElement) else [_para(text)]
            )
        if isinstance(node, nodes.section):
            return self._section(node)
        if isinstance(node, nodes.reference) and not node.get("refuri"):
            uri = self.url(str(node.get("refname", "")))
            if uri is None:
                return self._children(node)
            return [nodes.reference("", "", *self._children(node), refuri=uri)]
        if isinstance(node, nodes.reference) and self.url(str(node["refuri"])) is None:
            return self._children(node)
        if isinstance(node, nodes.image):
            given = str(node.get("uri", ""))
            uri = self._catalogue_image(given, node) if _LOCAL.match(given) else self.url(given)
            if uri is None or not (is_remote(uri) or _LOCAL.match(given)):
                return []
            node["uri"] = uri
            # A scaled image is measured by reading its file: there is no file to read.
            node.attributes.pop("scale", None)
        # Footnotes would need the page's own numbering: they become a mark and a note.
        if isinstance(node, nodes.footnote_reference):
            return [nodes.superscript(node.astext(), node.astext())]
        if isinstance(node, nodes.footnote):
            return [self._footnote(node)]
        if isinstance(node, nodes.Element):
            # Ids and names of the description would clash with the page's own.
            node["ids"], node["names"] = [], []
            node.children, old = [], node.children
            for child in old:
                for cleaned_child in self._clean(child):
                    node.append(cleaned_child)
        return [node]

    def _catalogue_image(self, given: str, node: nodes.Element) -> str | None:
        """The path Sphinx copies a catalogue image from (``/`` is the source folder), or
        ``None``, with a warning, when ``given`` names no image beside the data file."""
        line = node.line or getattr(node.parent, "line", None)
        if self.file is None:
            self._refused_nodes.add(
                "image", f"{given}: no single data file to find it beside", line
            )
            return None
        folder = self.file.parent
        try:
            real = (folder / given).resolve(strict=True)
            inside = real.is_relative_to(folder.resolve(strict=True))
        except (OSError, RuntimeError):  # RuntimeError: a loop of links, before Python 3.13
            self._refused_nodes.add("image", f"{given}: no such file beside {self.file.name}", line)
            return None
        if not inside or not real.is_file() or real.suffix.lower() not in _IMAGE_SUFFIXES:
            why = "not an image file inside the data file's folder"
            self._refused_nodes.add("image", f"{given}: {why}", line)
            return None
        return "/" + Path(os.path.relpath(real, self.env.srcdir)).as_posix()

    def _refuse_node(self, node: nodes.Node) -> list[nodes.Node]:
        """A node no description may hold: reported, then shown as its text (or left out
        when it only defines something)."""
        line = getattr(node, "line", None)
        name = getattr(node, "tagname", type(node).__name__)
        if isinstance(node, _DEFINITIONS):
            self._refused_nodes.add("markup", name, line)
            return []
        self._refused_nodes.add("markup", name, line)
        text = node.astext()
        if not text:
            return []
        parent = node.parent
        inline = isinstance(node, nodes.Inline) or isinstance(parent, nodes.TextElement)
        return [nodes.Text(text)] if inline else [_para(text)]

    def _section(self, node: nodes.section) -> list[nodes.Node]:
        title = node.next_node(nodes.title)
        cleaned: list[nodes.Node] = []
        if title is not None:
            cleaned.append(nodes.rubric(title.astext(), "", *self._children(title)))
        for child in node.children:
            if child is not title:
                cleaned.extend(self._clean(child))
        return cleaned

    def _footnote(self, node: nodes.footnote) -> nodes.container:
        label = node.next_node(nodes.label)
        note = nodes.container(classes=["ideation-footnote"])
        for child in node.children:
            if child is not label:
                note.extend(self._clean(child))
        if label is not None and note.children and isinstance(note[0], nodes.paragraph):
            mark = label.astext()
            note[0].insert(0, nodes.superscript(mark, mark))
            note[0].insert(1, nodes.Text(" "))
        return note

    def _children(self, node: nodes.Element) -> list[nodes.Node]:
        return [cleaned for child in list(node.children) for cleaned in self._clean(child)]


def is_remote(uri: str) -> bool:
    """Whether Sphinx takes image ``uri`` for a remote one; any other it reads from the disk.

    Sphinx copies an image whose path has no ``://`` from the source folder (or, through
    ``..``, from anywhere) into the output: an image from the data must be remote. A site path
    under an ``ideation_image_base_url`` that is itself a path (``/static``) is left out.
    """
    return "://" in uri


def _para(text: str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    paragraph += nodes.Text(text)
    return paragraph


def _line_in_file(file: Path, text: str) -> int:
    """The line of ``file`` where ``text`` (a description read from it) starts; 1 if unknown.

    The loader keeps no line per value, and a description is written verbatim in every format
    but JSON (a Markdown body, a YAML block): its first line is found as written, or as JSON
    escapes it.
    """
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first:
        return 1
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    escaped = json.dumps(first, ensure_ascii=False)[1:-1]
    for number, line in enumerate(lines, start=1):
        if first in line or escaped in line:
            return number - _blank_lead(text)
    return 1


def _blank_lead(text: str) -> int:
    """How many blank lines ``text`` starts with (the first line of text is after them)."""
    count = 0
    for line in text.splitlines():
        if line.strip():
            break
        count += 1
    return count
