"""The site: its config, its programme, and which of its files are events, proposals or neither."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from ideation import model
from ideation.convert import structure
from ideation.errors import DataError
from ideation.formats import json, toml, yaml
from ideation.formats._files import read_text

from .extract import slugify
from .page import DATA_FILE, HTML_SUFFIXES, INDEX, MARKDOWN_SUFFIXES, page_path
from .repairs import Candidate
from .report import Note, PageEntry

__all__ = ["classify", "content_dir", "one_language", "programme", "sections", "site_config"]

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


def site_config(site: Path, notes: list[Note]) -> tuple[dict[str, Any], str | None]:
    for name in _CONFIG_NAMES:
        path = site / name
        if path.is_file():
            try:
                data = _read_data(path)
            except DataError as error:
                notes.append(
                    Note(message=f"{name} could not be read ({error}); its settings are ignored")
                )
                return {}, name
            return (data if isinstance(data, dict) else {}), name
    return {}, None


def programme(
    site: Path,
    config: Mapping[str, Any],
    config_name: str | None,
    slug: str | None,
    notes: list[Note],
) -> tuple[model.Programme, list[model.Organisation]]:
    data_file = site / DATA_FILE
    if data_file.is_file():
        # Written by export_site: the programme and organisations as they were.
        data = _read_data(data_file)
        data = dict(data) if isinstance(data, dict) else {}
        try:
            organisations = structure(data.pop("organisations", []), list[model.Organisation])
            if slug is not None:
                data["slug"] = slug
            stored = structure(data, model.Programme)
        except DataError as error:
            raise error.in_file(str(data_file)) from None
        notes.append(Note(message=f"programme and organisations read from {DATA_FILE}"))
        return stored, organisations
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
    return structure(programme, model.Programme), []


def content_dir(site: Path, config: Mapping[str, Any]) -> Path:
    folder = config.get("contentDir") or config.get("contentdir") or "content"
    return site / str(folder)


def sections(values: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(part for part in value.strip("/").split("/") if part) for value in values]


def _in(parts: tuple[str, ...], sections: Sequence[tuple[str, ...]]) -> bool:
    return any(section and parts[: len(section)] == section for section in sections)


def classify(
    content: Path, events: Sequence[tuple[str, ...]], proposals: Sequence[tuple[str, ...]]
) -> tuple[list[PageEntry], list[Candidate]]:
    skipped: list[PageEntry] = []
    candidates: list[Candidate] = []
    files = sorted(path for path in content.rglob("*") if path.is_file())
    bundles = {
        path.parent
        for path in files
        if INDEX.fullmatch(path.stem) and path.suffix.lower() in MARKDOWN_SUFFIXES + HTML_SUFFIXES
    }
    site = content.parent
    for path in files:
        file = path.relative_to(site).as_posix()
        relative = PurePosixPath(path.relative_to(content).as_posix())
        parts = relative.parts
        suffix = path.suffix.lower()

        def skip(reason: str, file: str = file) -> None:
            skipped.append(PageEntry(file=file, outcome="skipped", reason=reason))

        if any(part.startswith(".") for part in parts):
            skip("a hidden file, which Hugo ignores")
            continue
        bundle = next((b for b in bundles if b in path.parents), None)
        if (bundle is not None and path.parent != bundle) or (
            bundle == path.parent and not INDEX.fullmatch(path.stem)
        ):
            skip(
                f"a resource of the page bundle "
                f"{bundle.relative_to(site).as_posix() if bundle else ''}, not a page"
            )
            continue
        if suffix in _OTHER_CONTENT:
            skip(
                f"a page in {_OTHER_CONTENT[suffix]}, which this import does not read "
                "(Markdown and HTML only)"
            )
            continue
        if suffix and suffix not in MARKDOWN_SUFFIXES + HTML_SUFFIXES:
            skip(f"not a page: a {suffix} file (a resource Hugo copies, or ignores)")
            continue
        if path.stem.startswith("_index"):
            section = "/".join(parts[:-1]) or "the home page"
            skip(
                f"the list page of {section}: it introduces a section, it is not an event "
                "or a proposal"
            )
            continue
        kind: type[model.Event] | type[model.Proposal]
        if _in(parts[:-1], events):
            kind = model.Event
        elif _in(parts[:-1], proposals):
            kind = model.Proposal
        else:
            where = f"section {parts[0]!r}" if len(parts) > 1 else "the root of content/"
            skip(f"a page in {where}, which is neither an events nor a proposals section")
            continue
        hugo_path = page_path(relative)
        candidate = Candidate(path=path, file=file, kind=kind, slug_from_path=hugo_path.name)
        if not suffix:
            candidate.notes.append(
                Note(
                    message="no .md suffix: Hugo does not render this file as a page; "
                    "read as Markdown anyway",
                    line=1,
                )
            )
        candidates.append(candidate)
    return skipped, candidates


def one_language(
    candidates: list[Candidate], config: Mapping[str, Any], entries: list[PageEntry]
) -> list[Candidate]:
    """Keep one page per translated page (``x.fr.md``, ``x.en.md``), in the default language.

    Hugo tells translations by a language code before the suffix, for the languages its
    config declares; the others are listed as skipped, since a catalogue holds one language.
    """
    declared = config.get("languages")
    languages = {str(key).lower() for key in declared} if isinstance(declared, dict) else set()
    if not languages:
        return candidates
    default = str(config.get("defaultContentLanguage") or "en").lower()
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
