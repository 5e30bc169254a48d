"""The example site's pages in a real browser, in five themes: accessible, usable on a phone,
printable (issue 12).

Each theme's site is built once; one headless Chromium (Debian's ``chromium``, driven by
Playwright with the system browser, never a downloaded one) opens the event, proposal,
proposals table, programme and calendar pages at 320, 375 and 1,280 px, in light and dark
modes where the theme has them, and checks what axe-core and a reader would find. Screenshots
of every page at every width go to ``build/test-artifacts/browser/``.

Without Chromium or Playwright the tests are skipped, except in CI (``CI`` set), where
``.ci/run`` installs Chromium and a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import itertools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ideation.export import charts

from .conftest import EXAMPLE, ROOT

pytest.importorskip("sphinx")

CHROMIUM = Path(os.environ.get("IDEATION_CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = ROOT / "build" / "test-artifacts" / "browser"
WIDTHS = (320, 375, 1280)
#: Theme name -> whether it has a dark mode (followed from the reader's system setting).
THEMES = {
    "alabaster": False,
    "furo": True,
    "pydata_sphinx_theme": True,
    "sphinx_rtd_theme": False,
    "sphinx_book_theme": True,
    # ideation's own theme on the State design system: light, dark or the system's setting.
    "ideation-dsfr": True,
}
#: The module that provides a theme, where its name is not one.
MODULES = {"ideation-dsfr": "ideation.sphinx.themes.dsfr"}
PAGES = {
    "event": "ideation/events/atelier-ideation.html",
    "proposal": "ideation/proposals/siretisation.html",
    "proposals-table": "ideation/proposals/index.html",
    "programme": "ideation/index.html",
    "calendar": "ideation/events/index.html",
    "season": "season.html",
}
#: The showcase event's headings, as a screen reader lists them (the site is in French).
EVENT_OUTLINE = [
    (1, "Atelier d’idéation du 16 mai"),
    (2, "Objectifs"),
    (2, "Programme de la journée"),
    (2, "Participation"),
    (2, "Projets"),
    (2, "Résultats"),
]
CARDS = """---
orphan: true
---

# Cartes

```{ideation:proposals}
:layout: cards
:columns: title, status, lead
```
"""
#: The season's charts, shortlist and teams: wide tables and charts, on a page of the test's own.
SEASON = """---
orphan: true
---

# La saison 2022

```{ideation:chart} participation
```

```{ideation:chart} attendance
```

```{ideation:chart} funnel
```

```{ideation:chart} timeline
```

```{ideation:shortlist} atelier-ideation
:top: 5
```

```{ideation:teams}
```
"""
#: The part of the page that holds the document (the rest is the theme's chrome).
MAIN = "document.querySelector('h1').closest('main, [role=main], article, .body') || document.body"


def _need(what: str, why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI: {why}")
    pytest.skip(f"{what} is missing: {why}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for every test."""
    if not CHROMIUM.is_file():
        _need("chromium", ".ci/run installs Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("playwright", "it is in the test extra (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module", params=sorted(THEMES))
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """A theme, and the example site built with it, with no warning."""
    theme = str(request.param)
    pytest.importorskip(MODULES.get(theme, theme))
    folder = tmp_path_factory.mktemp(theme)
    source = folder / "existing-site"
    shutil.copytree(ROOT / "examples" / "existing-site", source)
    shutil.copytree(EXAMPLE, folder / "programme-10")
    # The example has no cards: a page of the test's own shows some.
    (source / "cards.md").write_text(CARDS, encoding="utf-8")
    (source / "season.md").write_text(SEASON, encoding="utf-8")
    out = folder / "html"
    command = [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html"]
    result = subprocess.run(
        [*command, "-D", f"html_theme={theme}", str(source), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return theme, out


def _axe_source() -> str:
    axe = pytest.importorskip("axe_playwright_python")
    return (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# The document's part of the page: the theme's own chrome (sidebars, footer) is the theme's.
AXE_RUN = f"""async (RULES) => {{
  const result = await axe.run({MAIN}, {{resultTypes: ['violations'], runOnly: RULES}});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ' (' + v.impact + '): '
      + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}}"""
# How far the extension's blocks reach past the window's right edge (what is inside a scroll
# region scrolls there, not the page). A theme's own header is the theme's business.
# The words of field names that a theme breaks over two lines ("Programm|e:").
BROKEN_WORDS = r"""() => {
  const found = [];
  for (const name of document.querySelectorAll('dl.ideation-facts > dt')) {
    const walker = document.createTreeWalker(name, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set(Array.from(range.getClientRects(), box => Math.round(box.top)));
        if (lines.size > 1) found.push(word[0]);
      }
    }
  }
  return found;
}"""
#: WCAG 2.1 A and AA, and axe's best practices (headings, landmarks...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SIDEWAYS = """() => {
  const edge = document.documentElement.clientWidth;
  let worst = 0;
  for (const node of document.querySelectorAll('.ideation, .ideation *')) {
    if (node.closest('.ideation-scroll') && !node.matches('.ideation-scroll')) continue;
    const box = node.getBoundingClientRect();
    if (box.width > 0) worst = Math.max(worst, box.right - edge);
  }
  return Math.ceil(worst);
}"""


OPEN_DATA = """() => document.querySelectorAll('details.ideation-chart-data')
  .forEach(details => { details.open = true; })"""


def test_axe_finds_nothing_serious_and_no_page_scrolls_sideways(
    browser: Any, site: tuple[str, Path]
) -> None:
    theme, out = site
    axe = _axe_source()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for scheme in ("light", "dark") if THEMES[theme] else ("light",):
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 800}, color_scheme=scheme
            )
            page = context.new_page()
            for name, path in PAGES.items():
                where = f"{theme} {name} {width}px {scheme}"
                page.goto((out / path).as_uri())
                # Each chart's data table open: it must fit too.
                page.evaluate(OPEN_DATA)
                overflow = page.evaluate(SIDEWAYS)
                if overflow > 0:
                    problems.append(f"{where}: the content reaches {overflow}px past the edge")
                broken = page.evaluate(BROKEN_WORDS)
                if broken:
                    problems.append(f"{where}: field names broken inside a word: {broken}")
                page.screenshot(
                    path=ARTIFACTS / f"{theme}-{name}-{width}-{scheme}.png",
                    full_page=scheme == "light" and width != min(WIDTHS),
                )
                if width == min(WIDTHS):
                    # The narrowest width is for the layout (above): axe's rules read the same
                    # narrow layout at 375 px. The DSFR pages run axe at every width too.
                    continue
                page.add_script_tag(content=axe)
                # In dark mode only colours change: the colour rules are enough there.
                rules = ["color-contrast"] if scheme == "dark" else AXE_TAGS
                problems.extend(f"{where}: {found}" for found in page.evaluate(AXE_RUN, rules))
            context.close()
    assert not problems, "\n".join(problems)


# A heading's or caption's text, without Sphinx's permalink ("¶", "#").
TEXT = """const text = (node) => {
  const copy = node.cloneNode(true);
  copy.querySelectorAll('.headerlink').forEach(link => link.remove());
  return copy.textContent.trim();
};"""
HEADINGS = f"""() => {{ {TEXT}
  return Array.from(({MAIN}).querySelectorAll('h1, h2, h3, h4, h5, h6'))
    .filter(h => h.offsetParent !== null)
    .map(h => [Number(h.tagName[1]), text(h)]);
}}"""
TABLES = f"""() => {{ {TEXT}
  return Array.from(document.querySelectorAll('.ideation table')).map(t => [
    t.caption ? text(t.caption) : '', t.querySelectorAll('thead th').length]);
}}"""


def test_headings_follow_the_outline_and_every_table_is_named(
    browser: Any, site: tuple[str, Path]
) -> None:
    theme, out = site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems: list[str] = []
    for name, path in PAGES.items():
        page.goto((out / path).as_uri())
        headings = page.evaluate(HEADINGS)
        if not headings or headings[0][0] != 1:
            problems.append(f"{theme} {name}: the first heading is not an h1: {headings[:1]}")
        for (before, _), (level, text) in itertools.pairwise(headings):
            if level > before + 1:
                problems.append(f"{theme} {name}: h{level} {text!r} follows an h{before}")
        for caption, headers in page.evaluate(TABLES):
            if not caption or not headers:
                problems.append(f"{theme} {name}: a table without a name or header cells")
        if name == "event":
            outline = [(level, text) for level, text in headings if level <= 2]
            if outline != EVENT_OUTLINE:
                problems.append(f"{theme} event: the outline reads {outline}")
    page.close()
    assert not problems, "\n".join(problems)


FOCUSED = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  const style = getComputedStyle(a);
  const shown = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== 'none' || style.textDecorationLine.includes('underline');
  return [a.closest('.ideation') !== null && a.tagName === 'A', a.href || '', shown];
}"""
# Sphinx's permalinks show on hover only, in some themes: they are the theme's.
IDEATION_LINKS = """() => new Set(Array.from(document.querySelectorAll(
  '.ideation a[href]:not(.headerlink)'))
  .filter(a => a.offsetParent !== null).map(a => a.href)).size"""


CARD_PADDING = """() => Array.from(document.querySelectorAll('.ideation-card'),
  card => parseFloat(getComputedStyle(card).paddingLeft))"""


def test_cards_keep_their_padding(browser: Any, site: tuple[str, Path]) -> None:
    # Furo's "[role=main] .container { padding: 0 }" once put the text against the border.
    theme, out = site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto((out / "cards.html").as_uri())
    paddings = page.evaluate(CARD_PADDING)
    page.close()
    assert paddings, theme
    assert min(paddings) >= 8, (theme, paddings)


def test_the_keyboard_reaches_every_link_with_a_visible_focus(
    browser: Any, site: tuple[str, Path]
) -> None:
    theme, out = site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems: list[str] = []
    for name in ("event", "proposal", "proposals-table"):
        page.goto((out / PAGES[name]).as_uri())
        wanted = page.evaluate(IDEATION_LINKS)
        focusable = page.evaluate("document.querySelectorAll('a[href], [tabindex]').length")
        reached: set[str] = set()
        for _ in range(focusable + 5):
            page.keyboard.press("Tab")
            found = page.evaluate(FOCUSED)
            if found is None or not found[0]:
                continue
            _ours, href, shown = found
            reached.add(href)
            if not shown:
                problems.append(f"{theme} {name}: no visible focus on {href}")
        if len(reached) < wanted:
            problems.append(f"{theme} {name}: the keyboard reached {len(reached)}/{wanted} links")
    page.close()
    assert not problems, "\n".join(problems)


# A4 at 96 CSS px an inch, printed without margins: one printed page is this many px tall.
A4 = {"width": 794, "height": 1123}
# Pushes the agenda down until its heading is the last line that fits on the first page: the
# spot where, without the print rules, the heading stays behind and the table moves on.
TO_THE_FOOT = """(height) => {
  const keep = document.querySelector('.ideation-keep');
  const top = keep.getBoundingClientRect().top + window.scrollY;
  const spacer = document.createElement('div');
  spacer.style.height = ((height - (top % height) - 60 + height) % height) + 'px';
  keep.before(spacer);
}"""


def test_print_keeps_each_agenda_with_its_title(browser: Any, site: tuple[str, Path]) -> None:
    pypdf = pytest.importorskip("pypdf")
    theme, out = site
    page = browser.new_page(viewport=A4)
    page.goto((out / PAGES["event"]).as_uri())
    page.emulate_media(media="print")
    page.evaluate(TO_THE_FOOT, A4["height"])
    no_margin = dict.fromkeys(("top", "right", "bottom", "left"), "0")
    printed = page.pdf(width=f"{A4['width']}px", height=f"{A4['height']}px", margin=no_margin)
    page.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{theme}-event-print.pdf").write_bytes(printed)
    texts = [sheet.extract_text() for sheet in pypdf.PdfReader(io.BytesIO(printed)).pages]
    with_title = [index for index, text in enumerate(texts) if "Programme de la journée" in text]
    with_first_session = [index for index, text in enumerate(texts) if "Accueil café" in text]
    assert with_title, texts
    assert with_first_session[:1] == with_title[:1], (theme, with_title, with_first_session)
    # The theme's chrome is not printed: its header and sidebars (where the site's name is),
    # its footer (where every theme names Sphinx).
    assert not [text for text in texts if "Notre programme" in text or "Sphinx" in text], theme


# The smallest text of each chart as shown: the drawing's smallest size (points, 4/3 CSS px)
# times the scale the page shows the picture at (its width over the width it is drawn at).
CHART_TEXT = f"""() => Array.from(document.querySelectorAll('.ideation-chart img'))
  .filter(img => img.offsetParent !== null)
  .map(img => [img.getAttribute('src'),
    img.getBoundingClientRect().width / img.naturalWidth * {charts.TEXT_PT} * 4 / 3])"""
# Each table of the extension: laid out as a table or stacked, and how far it (or a theme's
# wrapper around it, such as Furo's) reaches past the inside of its box: its scroll region, or
# the block that holds it for the tables that have none.
TABLE_FIT = """() => Array.from(document.querySelectorAll('.ideation table.ideation-table'))
  .filter(table => table.offsetParent !== null)
  .map(table => {
    const box = table.closest('.ideation-scroll') || table.closest('.ideation');
    const inner = box.getBoundingClientRect();
    const style = getComputedStyle(box);
    const right = inner.right - parseFloat(style.borderRightWidth)
      - parseFloat(style.paddingRight);
    let reach = 0;
    for (let node = table; node !== box; node = node.parentElement) {
      reach = Math.max(reach, node.getBoundingClientRect().right - right);
    }
    return [table.className, getComputedStyle(table).display, Math.round(reach)];
  })"""


def test_charts_and_tables_fit_a_phone_and_stack_only_there(
    browser: Any, site: tuple[str, Path]
) -> None:
    """At 375 px no chart text is under 12 CSS px and every table with a scroll region is
    stacked; at 1,280 px none is stacked; at both, no table is wider than its box."""
    theme, out = site
    problems: list[str] = []
    for width in (375, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800})
        for name in ("event", "proposals-table", "season"):
            page.goto((out / PAGES[name]).as_uri())
            page.evaluate(OPEN_DATA)
            where = f"{theme} {name} {width}px"
            shown = page.evaluate(CHART_TEXT)
            if name == "season" and len(shown) != 4:
                problems.append(f"{where}: {len(shown)} chart pictures shown, not 4")
            if width == 375:
                problems.extend(
                    f"{where}: chart text at {size:.1f}px in {src}"
                    for src, size in shown
                    if size < 12
                )
            for classes, display, past in page.evaluate(TABLE_FIT):
                stacked = display == "block"
                scrolls = "ideation-counts" not in classes
                if width == 375 and scrolls and not stacked:
                    problems.append(f"{where}: {classes} is not stacked")
                if width == 1280 and stacked:
                    problems.append(f"{where}: {classes} is stacked on a wide screen")
                if past > 0:
                    problems.append(f"{where}: {classes} is {past}px wider than its box")
        page.close()
    assert not problems, "\n".join(problems)


# The DSFR's parts of a page, each as a selector that must find one visible element.
DSFR_PARTS = {
    "skip links": ".fr-skiplinks a[href='#contenu']",
    "Marianne block": ".fr-header .fr-logo",
    "service name": ".fr-header__service-title",
    "main navigation": "nav.fr-nav#navigation .fr-nav__link[href]",
    "search": "form.fr-search-bar input[name=q]",
    "footer": "footer.fr-footer",
    "display settings": "#fr-theme-modal input[value=system]",
}
AXE_PAGE = """async (RULES) => {
  const result = await axe.run(document, {resultTypes: ['violations'], runOnly: RULES});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ' (' + v.impact + '): '
      + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""
PRESENT = """(selector) => Array.from(document.querySelectorAll(selector))
  .some(node => node.getClientRects().length > 0 || node.closest('dialog, .fr-modal'))"""


@contextlib.contextmanager
def _served(folder: Path) -> Iterator[str]:
    """``folder`` over HTTP on this machine: the DSFR's script is a module, and module scripts
    and CSS masks (its icons) are not loaded from file:// pages."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()


DARK = "document.documentElement.getAttribute('data-fr-theme')"


@pytest.mark.parametrize("site", ["ideation-dsfr"], indirect=True)
def test_dsfr_pages_have_the_state_chrome_pass_axe_whole_and_never_scroll_sideways(
    browser: Any, site: tuple[str, Path]
) -> None:
    """In the DSFR theme axe runs on the whole page (the theme's chrome included) at 320,
    375 and 1,280 px in light and dark, and the page itself never scrolls sideways."""
    _theme, out = site
    with _served(out) as root:
        _check_dsfr_pages(browser, root)


def _check_dsfr_pages(browser: Any, root: str) -> None:
    axe = _axe_source()
    problems: list[str] = []
    for scheme in ("light", "dark"):
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 800}, color_scheme=scheme
            )
            page = context.new_page()
            for name, path in {**PAGES, "search": "search.html", "cards": "cards.html"}.items():
                where = f"ideation-dsfr {name} {width}px {scheme}"
                page.goto(root + path)
                # The DSFR's script sets the scheme it chose (the system's) on the page.
                page.wait_for_function(f"{DARK} === '{scheme}'")
                if page.evaluate("document.documentElement.lang") != "fr":
                    problems.append(f"{where}: the page's lang is not fr")
                for part, selector in DSFR_PARTS.items():
                    if not page.evaluate(PRESENT, selector):
                        problems.append(f"{where}: no {part} ({selector})")
                wide = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if wide > 0:
                    problems.append(f"{where}: the page scrolls {wide}px sideways")
                page.screenshot(path=ARTIFACTS / f"ideation-dsfr-{name}-{width}-{scheme}.png")
                page.add_script_tag(content=axe)
                found = page.evaluate(AXE_PAGE, AXE_TAGS)
                problems.extend(f"{where}: {problem}" for problem in found)
            context.close()
    assert not problems, "\n".join(problems)


# Each fact's name and each stacked cell's column name, with the colon as a reader sees it: the
# text, then what the stylesheet draws before and after the colon (generated content is not
# part of innerText).
COLONS = """() => {
  const drawn = (node, where) => {
    const content = getComputedStyle(node, where).content;
    return content === 'none' || content === 'normal' ? '' : JSON.parse(content);
  };
  const names = [];
  for (const dt of document.querySelectorAll('dl.ideation-facts > dt')) {
    const colon = dt.querySelector('.colon');
    if (!colon || dt.offsetParent === null) continue;
    names.push(dt.firstChild.textContent.trim() + drawn(colon, '::before') + colon.textContent);
  }
  for (const label of document.querySelectorAll('.ideation-cell-label')) {
    if (label.offsetParent !== null) names.push(label.textContent + drawn(label, '::after'));
  }
  return names;
}"""


def test_french_colons_have_a_no_break_space_before_them(
    browser: Any, site: tuple[str, Path]
) -> None:
    theme, out = site
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto((out / PAGES["event"]).as_uri())
    names = page.evaluate(COLONS)
    page.close()
    assert any(name.startswith("Date") for name in names), (theme, names)
    assert any(name.startswith("Animation") for name in names), (theme, names)
    wrong = [name for name in names if not name.endswith("\u00a0:")]
    assert not wrong, (theme, wrong)


#: The pictures the docs show of what ideation makes, taken by the test below.
PICTURES = ROOT / "docs" / "pictures"
#: The region of a page a picture keeps: the document's column, from its top, framed so that
#: the picture reads as one on the page that shows it (and without Furo's page buttons, which
#: would look like buttons of the docs' own page).
COLUMN = f"""() => {{
  document.querySelectorAll('.content-icon-container').forEach(node => node.remove());
  const column = {MAIN};
  column.style.padding = '16px';
  column.style.boxShadow = 'inset 0 0 0 1px #8a8a8a';
  const box = column.getBoundingClientRect();
  return [box.left, box.top + window.scrollY, box.width];
}}"""


@pytest.mark.parametrize("site", ["furo"], indirect=True)
def test_the_docs_pictures_are_taken_from_built_pages(
    browser: Any, site: tuple[str, Path], tmp_path: Path
) -> None:
    """The front page's picture (the showcase event in Furo) and the tutorial's last one (the
    page the tutorial builds, in Sphinx's default theme), both at 1,280 px. They go to the
    test artifacts; with ``IDEATION_UPDATE_PICTURES=1`` they replace the docs' own."""
    from .test_tutorial import TUTORIAL, _merged, _steps, follow

    _theme, out = site
    tutorial = follow(_merged(_steps(TUTORIAL.read_text(encoding="utf-8"))), tmp_path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots = {
        "front-event.png": (out / PAGES["event"], 520),
        "tutorial-result.png": (tutorial / "index.html", 760),
    }
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    for name, (path, height) in shots.items():
        page.goto(path.as_uri())
        left, top, width = page.evaluate(COLUMN)
        clip = {"x": left, "y": top, "width": width, "height": height}
        picture = page.screenshot(clip=clip, full_page=True)
        (ARTIFACTS / name).write_bytes(picture)
        if os.environ.get("IDEATION_UPDATE_PICTURES") == "1":
            PICTURES.mkdir(exist_ok=True)
            (PICTURES / name).write_bytes(picture)
        assert (PICTURES / name).read_bytes().startswith(b"\x89PNG"), name
    page.close()


FOLD = """() => {
  const picture = document.querySelector('img[src*="front-event"]');
  return picture && [picture.complete && picture.naturalWidth > 0,
    picture.getBoundingClientRect().bottom];
}"""


def test_the_front_page_shows_a_rendered_result_above_the_fold(
    browser: Any, tmp_path: Path
) -> None:
    """The docs' front page, built alone in the docs' theme (Furo): at 1,280 x 800 its picture
    of a rendered event is whole before the fold."""
    pytest.importorskip("furo")
    source = tmp_path / "docs"
    source.mkdir()
    shutil.copy(ROOT / "docs" / "index.md", source / "index.md")
    shutil.copytree(PICTURES, source / "pictures")
    (source / "conf.py").write_text(
        'project = "ideation"\nextensions = ["myst_parser"]\nhtml_theme = "furo"\n',
        encoding="utf-8",
    )
    out = tmp_path / "html"
    # The other pages of the docs are not there: their toctree entries only warn.
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto((out / "index.html").as_uri())
    found = page.evaluate(FOLD)
    page.close()
    assert found is not None, "the front page shows no picture of a rendered event"
    loaded, bottom = found
    assert loaded
    assert bottom <= 800, f"the picture ends {bottom:.0f}px down, below the fold"
