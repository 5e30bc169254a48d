"""The site: its config, its programme, and which of its files are events, proposals or neither."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import attrs

from ideation import model
from ideation._io import outside, read_text
from ideation.convert import structure
from ideation.errors import DataError, Problem
from ideation.formats import json, toml, yaml

from ._extract.text import slugify
from ._page import DATA_FILE, EVENT_PAGES_KEY, HTML_SUFFIXES, INDEX, MARKDOWN_SUFFIXES, page_path
from ._repairs import Candidate
from ._report import Note, PageEntry

_OTHER_CONTENT = {
    ".org": "Org",
    ".adoc": "AsciiDoc",
    ".asciidoc": "AsciiDoc",
    ".ad": "AsciiDoc",
    ".rst": "reStructuredText",
    ".pdc": "Pandoc",
    ".pandoc": "Pandoc",
}
_CONFIG_NAMES = tuple(
    f"{folder}{stem}.{suffix}"
    for folder in ("", "config/_default/")
    for stem in ("hugo", "config")
    for suffix in ("toml", "yaml", "yml", "json")
)


def _read_data(path: Path) -> Any:
    reader = {".toml": toml, ".json": json}.get(path.suffix, yaml)
    return reader.parse(read_text(path), str(path)).data


_QUARTO_NAMES = ("_quarto.yml", "_quarto.yaml")


def _quarto_config(data: Mapping[str, Any]) -> dict[str, Any]:
    """A Quarto project's settings under Hugo's names: the title, description and URL."""
    website = data.get("website") if isinstance(data.get("website"), dict) else {}
    assert isinstance(website, dict)
    config: dict[str, Any] = {"quarto": True}
    for key, hugo in (("title", "title"), ("description", "description"), ("site-url", "baseURL")):
        value = website.get(key) or data.get(key)
        if isinstance(value, str) and value.strip():
            config[hugo] = value.strip()
    return config


def _site_file(site: Path, name: str | PurePosixPath, notes: list[Note]) -> bool:
    """Whether the site has a file ``name`` to read: one inside the site. A symbolic link that
    leads out of it (or cannot be followed) is not read, and a note says so."""
    path = site / name
    if not path.exists() and not path.is_symlink():
        return False
    why = outside(path, site, "the site")
    if why is not None:
        notes.append(Note(message=f"{name}: {why}"))
        return False
    return path.is_file()


def site_config(site: Path, notes: list[Note]) -> tuple[dict[str, Any], str | None]:
    """The site's settings and the name of the file they came from (``None`` without one); a
    Quarto project's ``_quarto.yml`` is read too, its settings under Hugo's names."""
    for name in _QUARTO_NAMES:
        if _site_file(site, name, notes):
            data = _settings_file(site / name, notes)
            return ({"quarto": True} if data is None else _quarto_config(data)), name
    for name in _CONFIG_NAMES:
        if _site_file(site, name, notes):
            return _settings_file(site / name, notes) or {}, name
    return {}, None


def _settings_file(path: Path, notes: list[Note]) -> dict[str, Any] | None:
    """A settings file's mapping (empty if it holds something else); ``None``, with a note,
    when it cannot be read."""
    try:
        data = _read_data(path)
    except DataError as error:
        notes.append(
            Note(message=f"{path.name} could not be read ({error}); its settings are ignored")
        )
        return None
    return data if isinstance(data, dict) else {}


@attrs.frozen
class SiteProgramme:
    """A site's programme and organisations, and the pages an export wrote as events."""

    programme: model.Programme
    organisations: list[model.Organisation] = attrs.field(factory=list)
    #: The pages (relative to the content folder) that ``export_site`` listed as events in
    #: :data:`DATA_FILE`; ``None`` when the site has no such list.
    event_pages: frozenset[str] | None = None


def _event_pages(listed: object, notes: list[Note]) -> frozenset[str] | None:
    if listed is None:
        return None
    if isinstance(listed, list) and all(isinstance(page, str) for page in listed):
        return frozenset(PurePosixPath(page).as_posix() for page in listed)
    notes.append(
        Note(
            message=f"{EVENT_PAGES_KEY} in {DATA_FILE} is not a list of pages: the pages of the "
            "events section are judged one by one"
        )
    )
    return None


def programme(
    site: Path,
    config: Mapping[str, Any],
    config_name: str | None,
    slug: str | None,
    notes: list[Note],
) -> SiteProgramme:
    """The site's programme: as ``export_site`` wrote it in :data:`DATA_FILE`, else made from
    the site's settings (its title, description and address)."""
    data_file = site / DATA_FILE
    if _site_file(site, DATA_FILE, notes):
        # Written by export_site: the programme and organisations as they were.
        data = _read_data(data_file)
        data = dict(data) if isinstance(data, dict) else {}
        event_pages = _event_pages(data.pop(EVENT_PAGES_KEY, None), notes)
        try:
            organisations = structure(data.pop("organisations", []), list[model.Organisation])
            if slug is not None:
                data["slug"] = slug
            stored = structure(data, model.Programme)
        except DataError as error:
            raise error.in_file(str(data_file)) from None
        notes.append(Note(message=f"programme and organisations read from {DATA_FILE}"))
        return SiteProgramme(stored, organisations, event_pages)
    title = config.get("title")
    name = str(title).strip() if title else site.resolve().name
    if not title:
        notes.append(
            Note(
                message="no site title in a config file: the programme is named after the folder, "
                f"{name!r}"
            )
        )
    programme: dict[str, Any] = {"slug": slug or slugify(name) or "programme", "name": name}
    if isinstance(config.get("description"), str) and config["description"].strip():
        programme["summary"] = config["description"].strip()
    if isinstance(config.get("baseURL") or config.get("baseurl"), str):
        programme["website"] = config.get("baseURL") or config.get("baseurl")
    if config_name is not None:
        notes.append(
            Note(message=f"programme {programme['slug']!r} from the title in {config_name}")
        )
    return SiteProgramme(structure(programme, model.Programme))


def content_dir(site: Path, config: Mapping[str, Any]) -> Path:
    """Where the pages are: ``content/`` (or the config's ``contentDir``), or a Quarto
    project's own folder.

    A content folder out of the site (a ``contentDir`` of ``../x`` or ``/etc``, or a symbolic
    link leading out) is a :class:`~ideation.errors.DataError`: only the site's files are read.
    """
    if config.get("quarto"):
        return site
    folder = config.get("contentDir") or config.get("contentdir") or "content"
    content = site / str(folder)
    if content.exists() or content.is_symlink():
        why = outside(content, site, "the site")
        if why is not None:
            raise DataError([Problem(message=f"the content folder: {why}", file=str(content))])
    return content


def sections(values: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(part for part in value.strip("/").split("/") if part) for value in values]


def _in(parts: tuple[str, ...], sections: Sequence[tuple[str, ...]]) -> bool:
    return any(section and parts[: len(section)] == section for section in sections)


@attrs.frozen
class Layout:
    """Where a site's pages are and what they look like: a Hugo site, or a Quarto project."""

    root: Path
    content: Path
    quarto: bool = False

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The suffixes of the pages the site renders."""
        return (*MARKDOWN_SUFFIXES, *HTML_SUFFIXES, *((".qmd",) if self.quarto else ()))

    @property
    def tool(self) -> str:
        return "Quarto" if self.quarto else "Hugo"


def _ignored(layout: Layout, relative: PurePosixPath) -> str | None:
    """Why the site's tool ignores a file altogether, or ``None``."""
    parts = relative.parts
    if any(part.startswith(".") for part in parts):
        return f"a hidden file, which {layout.tool} ignores"
    if layout.quarto and relative.as_posix() in _QUARTO_NAMES:
        return "the Quarto project's settings (its title names the programme)"
    if layout.quarto and any(part.startswith("_") for part in parts):
        # Quarto leaves out names starting with "_", its output (_site/) and cache (_freeze/).
        return (
            "a name starting with _, which Quarto does not render (its output, its cache, a draft)"
        )
    return None


def _resource(layout: Layout, path: Path, bundles: set[Path]) -> str | None:
    """Why a file is a resource of a page bundle (an image beside ``index.md``), or ``None``."""
    bundle = next((b for b in bundles if b in path.parents), None)
    if bundle is None or (path.parent == bundle and INDEX.fullmatch(path.stem)):
        return None
    return f"a resource of the page bundle {bundle.relative_to(layout.root).as_posix()}, not a page"


def _not_a_page(layout: Layout, suffix: str) -> str | None:
    """Why a file is no page the site renders, or ``None`` when it is one."""
    if suffix in layout.suffixes:
        return None
    if suffix in _OTHER_CONTENT:
        return (
            f"a page in {_OTHER_CONTENT[suffix]}, which this import does not read "
            "(Markdown and HTML only)"
        )
    if suffix == ".qmd":
        return "a Quarto page, which Hugo does not render (import the Quarto project instead)"
    if suffix == ".ipynb":
        return "a Jupyter notebook, which this import does not read (Markdown pages only)"
    if not suffix:
        return (
            f"no {'.md or .qmd' if layout.quarto else '.md or .html'} suffix: "
            f"{layout.tool} does not render this file as a page, it copies it as it is"
        )
    if suffix not in layout.suffixes:
        return f"not a page: a {suffix} file (a resource {layout.tool} copies, or ignores)"
    return None


def _list_page(relative: PurePosixPath, sections: Sequence[tuple[str, ...]]) -> str | None:
    """The section a list page introduces (``_index.md``, or ``index.qmd`` at a section's root)."""
    parts = relative.parts
    if relative.stem.startswith("_index") or (
        INDEX.fullmatch(relative.stem) and tuple(parts[:-1]) in sections
    ):
        return "/".join(parts[:-1]) or "the home page"
    return None


def classify(
    layout: Layout, events: Sequence[tuple[str, ...]], proposals: Sequence[tuple[str, ...]]
) -> tuple[list[PageEntry], list[Candidate]]:
    """Sort the files of a site: the candidate events and proposals, and the files skipped,
    each with the reason."""
    files, skipped = _content_files(layout)
    sections = [*events, *proposals]
    bundles = _bundles(layout, files, sections)
    candidates: list[Candidate] = []
    for path in files:
        file = path.relative_to(layout.root).as_posix()
        relative = PurePosixPath(path.relative_to(layout.content).as_posix())
        kind = _kind(relative, events, proposals)
        reason = _why_skipped(layout, path, relative, sections, bundles, kind)
        if reason is not None or kind is None:
            skipped.append(PageEntry(file=file, outcome="skipped", reason=reason or ""))
            continue
        slug_from_path = page_path(relative).name
        candidates.append(Candidate(path=path, file=file, kind=kind, slug_from_path=slug_from_path))
    return skipped, candidates


def _content_files(layout: Layout) -> tuple[list[Path], list[PageEntry]]:
    """The files of the content folder, and the links skipped for leaving the site.

    A file that is a symbolic link is read only if it stays in the site; folders that are
    links are not entered at all (rglob does not follow them).
    """
    files: list[Path] = []
    skipped: list[PageEntry] = []
    for path in sorted(layout.content.rglob("*")):
        why = outside(path, layout.root, "the site") if path.is_symlink() else None
        if why is not None:
            file = path.relative_to(layout.root).as_posix()
            skipped.append(PageEntry(file=file, outcome="skipped", reason=why))
        elif path.is_file():
            files.append(path)
    return files, skipped


def _bundles(layout: Layout, files: list[Path], sections: list[tuple[str, ...]]) -> set[Path]:
    """The folders that are page bundles: an index page outside the sections' own roots."""
    return {
        path.parent
        for path in files
        if INDEX.fullmatch(path.stem)
        and path.suffix.lower() in layout.suffixes
        and tuple(path.parent.relative_to(layout.content).parts) not in sections
        # An index page at the root is the home page, not a bundle holding the whole site.
        and path.parent != layout.content
    }


def _kind(
    relative: PurePosixPath,
    events: Sequence[tuple[str, ...]],
    proposals: Sequence[tuple[str, ...]],
) -> type[model.Event] | type[model.Proposal] | None:
    """What a page in this folder describes, by its section."""
    if _in(relative.parts[:-1], events):
        return model.Event
    if _in(relative.parts[:-1], proposals):
        return model.Proposal
    return None


def _why_skipped(
    layout: Layout,
    path: Path,
    relative: PurePosixPath,
    sections: list[tuple[str, ...]],
    bundles: set[Path],
    kind: type[model.Event] | type[model.Proposal] | None,
) -> str | None:
    """Why a file is not a candidate page, or ``None`` when it is one."""
    reason = (
        _ignored(layout, relative)
        or _resource(layout, path, bundles)
        or _not_a_page(layout, path.suffix.lower())
    )
    if reason is not None:
        return reason
    section = _list_page(relative, sections)
    if section is not None:
        return (
            f"the list page of {section}: it introduces a section, it is not an event or a proposal"
        )
    if kind is None:
        where = (
            f"section {relative.parts[0]!r}"
            if len(relative.parts) > 1
            else f"the root of {_where(layout)}"
        )
        return f"a page in {where}, which is neither an events nor a proposals section"
    return None


def _where(layout: Layout) -> str:
    return "the project" if layout.quarto else f"{layout.content.name}/"


# ISO 639-1 codes: the language a name like "page.de.md" can be a translation into.
_ISO_639_1 = frozenset(
    {
        "aa",
        "ab",
        "ae",
        "af",
        "ak",
        "am",
        "an",
        "ar",
        "as",
        "av",
        "ay",
        "az",
        "ba",
        "be",
        "bg",
        "bh",
        "bi",
        "bm",
        "bn",
        "bo",
        "br",
        "bs",
        "ca",
        "ce",
        "ch",
        "co",
        "cr",
        "cs",
        "cu",
        "cv",
        "cy",
        "da",
        "de",
        "dv",
        "dz",
        "ee",
        "el",
        "en",
        "eo",
        "es",
        "et",
        "eu",
        "fa",
        "ff",
        "fi",
        "fj",
        "fo",
        "fr",
        "fy",
        "ga",
        "gd",
        "gl",
        "gn",
        "gu",
        "gv",
        "ha",
        "he",
        "hi",
        "ho",
        "hr",
        "ht",
        "hu",
        "hy",
        "hz",
        "ia",
        "id",
        "ie",
        "ig",
        "ii",
        "ik",
        "io",
        "is",
        "it",
        "iu",
        "ja",
        "jv",
        "ka",
        "kg",
        "ki",
        "kj",
        "kk",
        "kl",
        "km",
        "kn",
        "ko",
        "kr",
        "ks",
        "ku",
        "kv",
        "kw",
        "ky",
        "la",
        "lb",
        "lg",
        "li",
        "ln",
        "lo",
        "lt",
        "lu",
        "lv",
        "mg",
        "mh",
        "mi",
        "mk",
        "ml",
        "mn",
        "mr",
        "ms",
        "mt",
        "my",
        "na",
        "nb",
        "nd",
        "ne",
        "ng",
        "nl",
        "nn",
        "no",
        "nr",
        "nv",
        "ny",
        "oc",
        "oj",
        "om",
        "or",
        "os",
        "pa",
        "pi",
        "pl",
        "ps",
        "pt",
        "qu",
        "rm",
        "rn",
        "ro",
        "ru",
        "rw",
        "sa",
        "sc",
        "sd",
        "se",
        "sg",
        "si",
        "sk",
        "sl",
        "sm",
        "sn",
        "so",
        "sq",
        "sr",
        "ss",
        "st",
        "su",
        "sv",
        "sw",
        "ta",
        "te",
        "tg",
        "th",
        "ti",
        "tk",
        "tl",
        "tn",
        "to",
        "tr",
        "ts",
        "tt",
        "tw",
        "ty",
        "ug",
        "uk",
        "ur",
        "uz",
        "ve",
        "vi",
        "vo",
        "wa",
        "wo",
        "xh",
        "yi",
        "yo",
        "za",
        "zh",
        "zu",
    }
)
_TRANSLATED = re.compile(r"(?P<base>.+)\.(?P<lang>[a-z]{2})(?:-[a-z0-9]{2,8})?", re.I)


def _undeclared_translations(
    candidates: list[Candidate], languages: set[str], entries: list[PageEntry]
) -> list[Candidate]:
    """Skip ``x.de.md`` beside ``x.md`` when the site has no ``de``: a translation into a
    language the site does not declare, which Hugo would publish as another page, ``x.de``."""
    names = {(c.kind, c.path.parent, c.slug_from_path): c for c in candidates}
    kept: list[Candidate] = []
    for candidate in candidates:
        match = _TRANSLATED.fullmatch(candidate.slug_from_path)
        original = (
            names.get((candidate.kind, candidate.path.parent, match["base"])) if match else None
        )
        if (
            match is None
            or original is None
            or match["lang"].lower() not in _ISO_639_1
            or match["lang"].lower() in languages
        ):
            kept.append(candidate)
            continue
        entries.append(
            PageEntry(
                file=candidate.file,
                outcome="skipped",
                reason=f"a translation of {original.file} into {match['lang']!r}, a language the "
                f"site does not declare (it has {', '.join(sorted(languages))}); Hugo would "
                f"publish it as another page, {candidate.slug_from_path!r}",
            )
        )
    return kept


def one_language(
    candidates: list[Candidate], config: Mapping[str, Any], entries: list[PageEntry]
) -> list[Candidate]:
    """Keep one page per translated page (``x.fr.md``, ``x.en.md``), in the default language.

    Hugo tells translations by a language code before the suffix, for the languages its
    config declares; the others are listed as skipped, since a catalogue holds one language.
    """
    declared = config.get("languages")
    languages = {str(key).lower() for key in declared} if isinstance(declared, dict) else set()
    default = str(config.get("defaultContentLanguage") or "en").lower()
    candidates = _undeclared_translations(candidates, languages | {default}, entries)
    if not languages:
        return candidates
    groups: dict[tuple[Any, ...], list[tuple[str | None, Candidate]]] = {}
    for candidate in candidates:
        name = candidate.slug_from_path
        match = re.fullmatch(r"(?P<base>.+)\.(?P<lang>[A-Za-z-]+)", name)
        stem = INDEX.fullmatch(candidate.path.stem)
        language = None
        if stem and stem[1] and stem[1][1:].lower() in languages:
            language = stem[1][1:].lower()
        elif match and match["lang"].lower() in languages:
            language = match["lang"].lower()
            candidate.slug_from_path = match["base"]
        key = (
            candidate.kind,
            candidate.path.parent if not stem else candidate.path.parent.parent,
            candidate.slug_from_path,
        )
        groups.setdefault(key, []).append((language, candidate))
    kept: list[Candidate] = []
    for group in groups.values():
        group.sort(key=lambda item: (item[0] not in (None, default), item[1].file))
        (_, first), others = group[0], group[1:]
        kept.append(first)
        for language, other in others:
            entries.append(
                PageEntry(
                    file=other.file,
                    outcome="skipped",
                    reason=f"the {language} translation of {first.file}: a catalogue holds one "
                    f"language, {default}",
                )
            )
    return kept
