"""The three Sphinx sites of the build benchmark, written for one synthetic catalogue.

- the **ideation** site: ``extensions = ["ideation.sphinx"]``, the catalogue, generated pages;
- the **hand-written** site: the same visible text, page for page, in plain reStructuredText,
  which is what a user would write instead of the extension;
- the **sphinx-needs** site: the same text as sphinx-needs objects (an ``event`` and a
  ``proposal`` need type, the text as each need's content).

The hand-written pages are made from the ideation site's own output: each built page's
``<div class="body">`` is turned back into reStructuredText (titles, rubrics, field lists,
bullet lists, tables, links as ``:doc:`` references), and the toctrees are copied from the
generated stubs. So the two sites show the same text for whatever the extension renders today,
and the word counts checked by ``run.py`` say when they do not.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString  # bs4 does not re-export it in its __all__

__all__ = [
    "PAGES",
    "body_of",
    "html_to_rst",
    "page_words",
    "toctrees_of",
    "write_hand_site",
    "write_ideation_site",
    "write_needs_site",
]

#: The folder of the generated pages, in every site.
PAGES = "ideation"

_COMMON_CONF = """\
project = "Benchmark"
html_sidebars = {"**": []}
exclude_patterns = ["_build", "catalogue"]
"""

_ROOT = f"""\
Benchmark
=========

.. toctree::

   {PAGES}/index
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_ideation_site(root: Path, catalogue: Path) -> Path:
    """A site with the extension, ``catalogue`` copied into it, and generated pages on."""
    shutil.copytree(catalogue, root / "catalogue")
    _write(
        root / "conf.py",
        _COMMON_CONF + 'extensions = ["ideation.sphinx"]\n'
        'ideation_catalogue = ["catalogue"]\nideation_generate_pages = True\n',
    )
    _write(root / "index.rst", _ROOT)
    return root


# -- reading the built pages --------------------------------------------------------------


def body_of(html: str) -> Tag:
    """The ``<div class="body">`` of a built page, without permalinks and scripts."""
    soup = BeautifulSoup(html, "html.parser")
    body = soup.find("div", class_="body")
    if not isinstance(body, Tag):
        raise ValueError("no <div class='body'> in the page")
    for tag in body.find_all(["script", "style"]):
        tag.decompose()
    for tag in body.find_all("a", class_="headerlink"):
        tag.decompose()
    return body


_WORD = re.compile(r"\w+")


def page_words(html: str) -> int:
    """The number of words a reader sees in the page's body (0 for a page without one, as
    sphinx-needs' ``permalink.html``)."""
    if 'class="body"' not in html:
        return 0
    return len(_WORD.findall(body_of(html).get_text(" ")))


# -- HTML back to reStructuredText --------------------------------------------------------

_ESCAPE = re.compile(r"([\\*`_|])")
_SPACE = re.compile(r"\s+")
_HEADINGS = {"h1": "=", "h2": "-", "h3": "~", "h4": "^"}


def _text(value: str) -> str:
    return _ESCAPE.sub(r"\\\1", _SPACE.sub(" ", value))


def _doc_target(href: str, docname: str) -> str | None:
    """The document an internal link goes to, absolute; None for a link within the page."""
    path = href.split("#", 1)[0]
    if not path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
    return "/" + joined.removesuffix(".html")


def _inline_pieces(node: Tag, docname: str) -> Iterator[tuple[str, bool]]:
    """(text, is_markup) pieces of an inline run; ("", False) marks where an element ends,
    which a reader's text extraction treats as a word boundary."""
    for child in node.children:
        if isinstance(child, NavigableString):
            yield _text(str(child)), False
            continue
        if not isinstance(child, Tag) or "target" in child.get_attribute_list("class"):
            continue
        if child.name in ("strong", "b", "em", "i"):
            inner = _text(child.get_text()).strip()
            mark = "**" if child.name in ("strong", "b") else "*"
            if inner:
                yield f"{mark}{inner}{mark}", True
        elif child.name == "a":
            yield _link(child, docname)
        elif child.name == "br":
            yield " ", False
        else:
            yield "", False
            yield from _inline_pieces(child, docname)
            yield "", False


def _link(anchor: Tag, docname: str) -> tuple[str, bool]:
    label = _SPACE.sub(" ", anchor.get_text()).strip()
    href = str(anchor.get("href", ""))
    if "external" in anchor.get_attribute_list("class"):
        return f"`{_text(label)} <{href}>`__", True
    target = _doc_target(href, docname)
    if target is None or not label:
        return _text(label), False
    # Inside a role, only backquotes and angle brackets would need care; titles have neither.
    return f":doc:`{label.replace('`', '')} <{target}>`", True


# What reStructuredText allows right before inline markup starts, and right after it ends.
_BEFORE_MARKUP = "-:/'\"<([{"
_AFTER_MARKUP = "-.,:;!?\\/'\")]}>"


def _joint(out: str, text: str, markup: bool, previous_markup: bool, boundary: bool) -> str:
    """What goes between ``out`` and the next piece ``text``."""
    if not out or out[-1].isspace() or text[0].isspace():
        return ""
    # Two elements meeting between words: the built page's text reads them as two words.
    if boundary and (out[-1].isalnum() or previous_markup) and (text[0].isalnum() or markup):
        return " "
    if (previous_markup and text[0] not in _AFTER_MARKUP) or (
        markup and out[-1] not in _BEFORE_MARKUP
    ):
        return "\\ "
    return ""


def inline(node: Tag, docname: str) -> str:
    """An inline run as one line of reStructuredText."""
    out = ""
    previous_markup = boundary = False
    for text, markup in _inline_pieces(node, docname):
        if not text:
            boundary = True
            continue
        out += _joint(out, text, markup, previous_markup, boundary) + text
        previous_markup = boundary = markup
    line = _SPACE.sub(" ", out).strip()
    # A paragraph that starts like a list item or an enumeration would become one.
    if re.match(r"([-+*#•]|\d+[.)]|\(\d+\))(\s|$)", line):
        line = "\\" + line
    return line


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def _item_block(first: str, body: str) -> str:
    pad = " " * len(first)
    return first + _indent(body, pad).lstrip() if body else first.rstrip()


def _list(node: Tag, docname: str) -> str:
    ordered = node.name == "ol"
    items = []
    for number, item in enumerate(node.find_all("li", recursive=False), start=1):
        marker = f"{number}. " if ordered else "- "
        items.append(_item_block(marker, blocks(item, docname)))
    return "\n\n".join(items)


def _fields(node: Tag, docname: str) -> str:
    lines = []
    for term in node.find_all("dt", recursive=False):
        name = _text(term.get_text()).strip().rstrip(":").strip()
        definition = term.find_next_sibling("dd")
        body = blocks(definition, docname) if isinstance(definition, Tag) else ""
        if "field-list" in node.get_attribute_list("class"):
            lines.append(_item_block(f":{name}: ", body))
        else:
            lines.append(name + "\n" + _indent(body, "   "))
    return (
        "\n".join(lines) if "field-list" in node.get_attribute_list("class") else "\n\n".join(lines)
    )


def _table(node: Tag, docname: str) -> str:
    caption = node.find("caption")
    title = _text(caption.get_text()).strip() if isinstance(caption, Tag) else ""
    rows = node.find_all("tr")
    thead = node.find("thead")
    head = len(thead.find_all("tr")) if isinstance(thead, Tag) else 0
    stub = 1 if node.find("th", scope="row") else 0
    out = [f".. list-table:: {title}".rstrip(), f"   :header-rows: {head}"]
    if stub:
        out.append(f"   :stub-columns: {stub}")
    out.append("")
    for row in rows:
        cells = row.find_all(["th", "td"], recursive=False)
        for index, cell in enumerate(cells):
            marker = "   * - " if index == 0 else "     - "
            content = blocks(cell, docname) or "\\ "
            out.append(_item_block(marker, content))
    return "\n".join(out)


def _heading(node: Tag, docname: str) -> str:
    title = inline(node, docname)
    if "rubric" in node.get_attribute_list("class"):
        return f".. rubric:: {title}"
    return f"{title}\n{_HEADINGS[node.name] * (len(title) + 2)}"


def _block(node: Tag, docname: str) -> str | None:
    classes = node.get_attribute_list("class")
    if node.name in _HEADINGS:
        return _heading(node, docname)
    if node.name == "p" or (node.name == "span" and "target" not in classes):
        return inline(node, docname)
    if node.name in ("ul", "ol"):
        return _list(node, docname)
    if node.name == "dl":
        return _fields(node, docname)
    if node.name == "table":
        return _table(node, docname)
    if node.name == "div" and "toctree-wrapper" in classes:
        return None
    if node.name == "blockquote":
        return _indent(blocks(node, docname), "   ")
    if node.name in ("section", "div", "nav", "figure"):
        return blocks(node, docname)
    if node.name in ("strong", "em", "a"):
        return inline(node.parent, docname) if node.parent else None
    return None


def blocks(node: Tag, docname: str) -> str:
    """The block children of ``node`` as reStructuredText, separated by blank lines."""
    parts: list[str] = []
    loose = [c for c in node.children if isinstance(c, NavigableString) and str(c).strip()]
    if loose and not node.find(["p", "ul", "ol", "dl", "table", "div", "section"]):
        # A cell or item whose text is not wrapped in a paragraph.
        return inline(node, docname)
    for child in node.children:
        if isinstance(child, Tag):
            text = _block(child, docname)
            if text:
                parts.append(text)
    return "\n\n".join(parts)


def html_to_rst(html: str, docname: str) -> str:
    """The reStructuredText that shows the body of the built page ``html`` (of ``docname``)."""
    return blocks(body_of(html), docname) + "\n"


_TOCTREE = re.compile(r"^\.\. toctree::\n(?:(?:   .*)?\n)*", re.MULTILINE)


def toctrees_of(source: str) -> list[str]:
    """The toctree directives of a reStructuredText source, each as written."""
    return [match.group(0).rstrip() + "\n" for match in _TOCTREE.finditer(source)]


# -- the hand-written and sphinx-needs sites ----------------------------------------------


def _pages(ideation_root: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(docname, reStructuredText body, toctrees) for each generated page of the ideation
    site, built into ``_build/html``."""
    html_root = ideation_root / "_build" / "html"
    # Index pages are .rst stubs; the page of one event or proposal is a .ideation stub.
    stubs = (ideation_root / PAGES).rglob("*")
    for source in sorted(path for path in stubs if path.suffix in (".rst", ".ideation")):
        docname = source.relative_to(ideation_root).with_suffix("").as_posix()
        html = (html_root / f"{docname}.html").read_text(encoding="utf-8")
        yield docname, html_to_rst(html, docname), toctrees_of(source.read_text("utf-8"))


def write_hand_site(root: Path, ideation_root: Path) -> Path:
    """The hand-written site: each generated page as the plain reStructuredText that shows
    the same text (the ideation site must have been built into ``_build/html``)."""
    _write(root / "conf.py", _COMMON_CONF)
    _write(root / "index.rst", _ROOT)
    for docname, body, toctrees in _pages(ideation_root):
        _write(root / f"{docname}.rst", "\n".join([body, *toctrees]))
    return root


_NEEDS_CONF = """\
extensions = ["sphinx_needs"]
needs_types = [
    {"directive": "event", "title": "Event", "prefix": "E_", "color": "#BFD8D2", "style": "node"},
    {"directive": "proposal", "title": "Proposal", "prefix": "P_", "color": "#FEDCD2",
     "style": "node"},
]
# Only the content: the text shown is the same as the other sites', and the need's title is
# the page's title.
needs_layouts = {"bench": {"grid": "content", "layout": {}}}
needs_default_layout = "bench"
"""


def _need_id(docname: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", posixpath.basename(docname).upper())


def _as_need(docname: str, body: str, kind: str) -> str:
    """A page whose title is the page's and whose text is one need's content."""
    title, _, rest = body.partition("\n")
    underline, _, content = rest.partition("\n")
    links = sorted(
        {_need_id(target) for target in re.findall(r"<(/[^>]*/proposals/[^>]*)>", content)}
    )
    options = [f"   :id: {_need_id(docname)}"]
    if kind == "event" and links:
        options.append(f"   :links: {', '.join(links)}")
    return "\n".join(
        [
            title,
            underline,
            "",
            f".. {kind}:: {title}",
            *options,
            "",
            _indent(content.strip(), "   "),
        ]
    )


def write_needs_site(root: Path, ideation_root: Path) -> Path:
    """The sphinx-needs site: each event and proposal page a need of its type; the lists the
    same reStructuredText as the hand-written site's."""
    _write(root / "conf.py", _COMMON_CONF + _NEEDS_CONF)
    _write(root / "index.rst", _ROOT)
    for docname, body, toctrees in _pages(ideation_root):
        kind = docname.split("/")[1] if docname.count("/") == 2 else ""
        is_object = kind in ("events", "proposals") and not docname.endswith("/index")
        text = _as_need(docname, body, kind.removesuffix("s")) if is_object else body
        _write(root / f"{docname}.rst", "\n".join([text, *toctrees]))
    return root
