"""``ideation-dsfr``: a Sphinx HTML theme built on the State design system (DSFR).

Opt in with ``html_theme = "ideation-dsfr"`` (Sphinx finds it through the ``sphinx.html_themes``
entry point of the ``ideation`` package; the ``ideation[dsfr]`` extra installs nothing more).
The DSFR's files are vendored in ``static/dsfr`` at the version in ``VERSION`` (see
``scripts/refresh-dsfr``), under the Etalab 2.0 licence and the DSFR's terms of use: the
State's identity (the Marianne block, "République française") is for sites of the French State.
Other organisations set ``html_theme_options = {"state_identity": "false", "operator": "..."}``.

The pages get the DSFR header (service name, search, display settings), the main navigation
from the root document's toctree, a side menu of the current section, a breadcrumb, the footer
with the mandatory links, skip links and ``lang``; the display settings (light, dark, system)
are the DSFR's own. The navigation is computed here, from the documented environment
attributes (``toctree_includes``, ``titles``), and handed to the templates.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

__all__ = ["NAME", "setup"]

#: The theme's name, as ``html_theme`` gives it.
NAME = "ideation-dsfr"
_FOLDER = Path(__file__).resolve().parent
#: How deep the side menu goes under its section.
_DEPTH = 2

_WORDS = {
    "en": {
        "skip": "Skip links",
        "content": "Content",
        "menu": "Menu",
        "search": "Search",
        "footer": "Footer",
        "home": "Home",
        "close": "Close",
        "main_menu": "Main menu",
        "display": "Display settings",
        "display_legend": "Choose a theme to customise how the site looks.",
        "light": "Light theme",
        "dark": "Dark theme",
        "system": "System",
        "system_hint": "Follows your system's setting",
        "breadcrumb": "You are here:",
        "show_breadcrumb": "Show the breadcrumb",
        "in_section": "In this section",
        "accessibility": "Accessibility",
        "legal": "Legal notice",
        "personal_data": "Personal data",
        "cookies": "Cookies",
        "licence": (
            "Unless a third party's intellectual property is stated, the content of this site "
            "is available under the etalab-2.0 licence."
        ),
        "new_window": "new window",
        "colon": ":",
    },
    "fr": {
        "skip": "Accès rapide",
        "content": "Contenu",
        "menu": "Menu",
        "search": "Rechercher",
        "footer": "Pied de page",
        "home": "Accueil",
        "close": "Fermer",
        "main_menu": "Menu principal",
        "display": "Paramètres d’affichage",
        "display_legend": "Choisissez un thème pour personnaliser l’apparence du site.",
        "light": "Thème clair",
        "dark": "Thème sombre",
        "system": "Système",
        "system_hint": "Utilise les paramètres système",
        "breadcrumb": "vous êtes ici :",
        "show_breadcrumb": "Voir le fil d’Ariane",
        "in_section": "Dans cette rubrique",
        "accessibility": "Accessibilité",
        "legal": "Mentions légales",
        "personal_data": "Données personnelles",
        "cookies": "Gestion des cookies",
        "licence": (
            "Sauf mention explicite de propriété intellectuelle détenue par des tiers, les "
            "contenus de ce site sont proposés sous licence etalab-2.0."
        ),
        "new_window": "nouvelle fenêtre",
        # French typography: a no-break space before a colon.
        "colon": "\u00a0:",
    },
}


class NavItem(TypedDict):
    """A link of the main navigation or of the side menu."""

    title: str
    url: str
    #: The page shown is this one.
    current: bool
    #: The page shown is this one or under it.
    open: bool
    children: list[NavItem]


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if isinstance(title, nodes.Node) else docname


def _parents(env: BuildEnvironment, root: str) -> dict[str, str]:
    """Each document's parent in the toctree, from the root down (the first parent wins)."""
    parents: dict[str, str] = {}
    queue = [root]
    while queue:
        docname = queue.pop(0)
        for child in env.toctree_includes.get(docname, []):
            if child not in parents and child != root:
                parents[child] = docname
                queue.append(child)
    return parents


def _chain(parents: dict[str, str], pagename: str) -> list[str]:
    """``pagename`` and its ancestors, nearest first."""
    chain = [pagename]
    while chain[-1] in parents and parents[chain[-1]] not in chain:
        chain.append(parents[chain[-1]])
    return chain


def _items(
    app: Sphinx, pagename: str, docnames: list[str], chain: list[str], depth: int
) -> list[NavItem]:
    env = app.env
    return [
        NavItem(
            title=_title(env, docname),
            url=app.builder.get_relative_uri(pagename, docname),
            current=docname == pagename,
            open=docname in chain,
            children=(
                _items(app, pagename, env.toctree_includes.get(docname, []), chain, depth - 1)
                if depth > 1
                else []
            ),
        )
        for docname in docnames
        if docname in env.all_docs
    ]


def _page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, object],
    doctree: nodes.document | None,
) -> None:
    """Hand the templates the navigation and the theme's words in the page's language."""
    theme = getattr(app.builder, "theme", None)
    if getattr(theme, "name", None) != NAME:
        return
    env = app.env
    root = app.config.root_doc
    parents = _parents(env, root)
    chain = _chain(parents, pagename)
    top = env.toctree_includes.get(root, [])
    context["dsfr_nav"] = _items(app, pagename, top, chain, 1)
    section = next((doc for doc in chain if parents.get(doc) == root), None)
    if section is not None and env.toctree_includes.get(section):
        context["dsfr_side_title"] = _title(env, section)
        context["dsfr_side_url"] = app.builder.get_relative_uri(pagename, section)
        children = env.toctree_includes[section]
        context["dsfr_side"] = _items(app, pagename, children, chain, _DEPTH)
    else:
        context["dsfr_side"] = []
    language = str(app.config.language or "en").split("_")[0].split("-")[0]
    context["dsfr_words"] = _WORDS["fr" if language == "fr" else "en"]
    context["dsfr_version"] = (_FOLDER / "VERSION").read_text(encoding="utf-8").strip()


def setup(app: Sphinx) -> dict[str, object]:
    """Register the theme and the navigation it shows."""
    app.add_html_theme(NAME, str(_FOLDER))
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
