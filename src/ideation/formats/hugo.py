"""A whole Hugo site: import its pages into a catalogue, and write a catalogue back as pages.

:func:`import_site` reads a site's ``content/`` folder. Pages of the *events* sections
(``actualites`` on the reference site) become :class:`~ideation.Event` objects, pages of the
*proposals* sections (``projets``) :class:`~ideation.Proposal` objects; every other file is
listed as skipped, with why, and a page that cannot be read or does not describe a valid object
is listed as failed, with its file, line and the problems found. Nothing is dropped silently:
the :class:`HugoImport` it returns has one :class:`PageEntry` per file under ``content/``.

Real sites are messy, and the import takes them as Hugo does: keys in any case and with spaces
around them, empty values (``github:`` with nothing after it) left out, a list where one text
was expected joined, a comma-separated text where a list was expected split (``wordcloud: a,
b``), dates quoted or bare, blank lines before the front matter, pages with no final newline.
Every such repair is noted in the report.

Site-specific keys are mapped onto the model by a key map (:data:`DEFAULT_KEY_MAP`, for the
reference site: ``responsible`` is the lead, ``github`` the repository, ``wordcloud`` the tags).
The front matter's ``description`` (Hugo's meta description) becomes the ``summary`` when the
page has none, since the model's ``description`` is the page's body.

**Cross-references.** Hugo's ``{{< ref "…" >}}`` and ``relref`` shortcodes only make sense to
Hugo, so they are turned into MyST role syntax, which the Sphinx extension resolves through
its domain whatever the layout of the generated pages: a reference to an imported event or
proposal becomes ``{ideation:event}`text <slug>``` or ``{ideation:proposal}`text <slug>```,
and a reference to an events or proposals section (``{{< ref "/projets" >}}``) becomes
``{ref}`text <ideation-proposals>```, the label Sphinx gives the ``ideation`` domain's index of
proposals (``ideation-events`` for events, the label an index of events would get).
Relative Markdown links were the alternative; they were not chosen because a link's target is
a file path, which depends on where the Sphinx project puts its pages, while a role names the
object itself. A reference to any other page (``/programme``)
becomes a plain root-relative link, as Hugo would have rendered it. :func:`export_site` turns
roles back into ``ref`` shortcodes, so the exported site still builds, and importing it again
gives the same bodies, byte for byte. Other shortcodes, and raw HTML, are kept as they are and
flagged in the report.

**Structure from prose** (``extract=True``) reads agendas, attendance, organisations and
workshop topics out of event pages, and objectives, use cases, technical domains, wanted
profiles, resources and the problem out of proposal pages; see
``ideation.formats._hugo_extract``. Each value found is listed in the report, with its line.

:func:`export_site` writes ``content/<events section>/<slug>.md`` and
``content/<proposals section>/<slug>.md`` pages whose front matter keeps Hugo's meaning for
``title``, ``date``, ``slug``, ``summary``, ``images``, ``tags`` and ``draft``, the rest being
readable by templates as ``.Params``; the programme and its organisations go to
``data/ideation/programme.yaml`` (``.Site.Data.ideation.programme`` in templates), which
:func:`import_site` reads back, so that import, export and import again give an equal
catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import attrs

from ideation import model
from ideation.convert import structure
from ideation.errors import DataError, Problem, UsageError

from . import json, toml, yaml
from ._document import Document
from ._files import read_text
from ._hugo_export import export_site
from ._hugo_extract import Found, extract_event, extract_proposal, slugify
from ._hugo_page import (
    DATA_FILE,
    EVENTS_LABEL,
    HUGO_DESCRIPTION,
    PROPOSALS_LABEL,
    Page,
    Target,
    find_raw_html,
    plain,
    shortcodes_to_refs,
    split_page,
)
from ._hugo_report import Extracted, HugoImport, Note, Outcome, PageEntry

__all__ = [
    "DEFAULT_KEY_MAP",
    "EVENTS_LABEL",
    "PROPOSALS_LABEL",
    "Extracted",
    "HugoImport",
    "Note",
    "Outcome",
    "PageEntry",
    "export_site",
    "import_site",
]

#: Site keys read as model fields, for the reference site.
DEFAULT_KEY_MAP: Mapping[str, str] = {
    "responsible": "lead",
    "github": "repository",
    "wordcloud": "tags",
}
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
_HTML_SUFFIXES = (".html", ".htm")
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
_TEXT_FIELDS = frozenset({"title", "summary", "lead", "repository", "problem", "slug"})
# Fields given in a page's front matter as one comma-separated text rather than a list.
_COMMA_LISTS = frozenset({"tags", "technical_domains", "wanted_profiles"})


# -- the site ----------------------------------------------------------------------------------


def _read_data(path: Path) -> Any:
    reader = {".toml": toml, ".json": json}.get(path.suffix, yaml)
    return reader.parse(read_text(path), str(path)).data


def _site_config(site: Path, notes: list[Note]) -> tuple[dict[str, Any], str | None]:
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


def _programme(
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


def _content_dir(site: Path, config: Mapping[str, Any]) -> Path:
    folder = config.get("contentDir") or config.get("contentdir") or "content"
    return site / str(folder)


# -- one page ----------------------------------------------------------------------------------


@attrs.define
class _Candidate:
    """A page of an events or proposals section, on its way to becoming an object."""

    path: Path
    file: str
    kind: type[model.Event] | type[model.Proposal]
    slug_from_path: str
    notes: list[Note] = attrs.field(factory=list)
    page: Page | None = None
    data: dict[str, Any] = attrs.field(factory=dict)
    lines: dict[str, int] = attrs.field(factory=dict)
    extracted: list[Extracted] = attrs.field(factory=list)
    organisations: list[dict[str, Any]] = attrs.field(factory=list)

    def line_of(self, path: str) -> int | None:
        document = Document(self.data, self.lines)
        return document.line_of(path)


_FIELD_TYPES: dict[type[Any], dict[str, Any]] = {}


def _field_types(cl: type[Any]) -> dict[str, Any]:
    if cl not in _FIELD_TYPES:
        attrs.resolve_types(cl)
        _FIELD_TYPES[cl] = {
            f.name: f.type for f in attrs.fields(cl) if f.init and f.name != "extra"
        }
    return _FIELD_TYPES[cl]


def _is_text_list(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple and typing.get_args(tp)[:1] == (str,)


def _is_text(tp: Any) -> bool:
    return tp is str or (
        typing.get_origin(tp) in (typing.Union, __import__("types").UnionType)
        and set(typing.get_args(tp)) == {str, type(None)}
    )


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _repair(key: str, value: Any, tp: Any, line: int | None, notes: list[Note]) -> tuple[bool, Any]:
    """A front-matter value as the model's field wants it; ``(False, _)`` to leave it out."""
    if value is None or value == "" or value == []:
        notes.append(Note(message=f"{key}: empty, left out", line=line))
        return False, None
    if _is_text(tp) and isinstance(value, list) and value:
        texts = [_scalar_text(item) for item in value]
        if all(text is not None for text in texts):
            joined = ", ".join(t for t in texts if t is not None)
            notes.append(
                Note(
                    message=f"{key}: a list where one text was expected, joined as {joined!r}",
                    line=line,
                )
            )
            return True, joined
    if _is_text_list(tp) and isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value)
        if key in _COMMA_LISTS:
            items = [item.strip() for item in text.split(",") if item.strip()]
            notes.append(
                Note(
                    message=f"{key}: one text where a list was expected, split on commas into "
                    f"{len(items)} items",
                    line=line,
                )
            )
        else:
            items = [text.strip()]
            notes.append(
                Note(
                    message=f"{key}: one text where a list was expected, read as a list of one",
                    line=line,
                )
            )
        return (True, items) if items else (False, None)
    if _is_text_list(tp) and isinstance(value, list):
        repaired = [
            _scalar_text(item) if _scalar_text(item) is not None else item for item in value
        ]
        kept = [
            item.strip() if isinstance(item, str) else item
            for item in repaired
            if item not in (None, "")
        ]
        if len(kept) != len(value):
            notes.append(
                Note(message=f"{key}: {len(value) - len(kept)} empty items left out", line=line)
            )
        return (True, kept) if kept else (False, None)
    if _is_text(tp) and isinstance(value, str) and value != value.strip():
        return True, value.strip()
    return True, value


def _front_matter(candidate: _Candidate, key_map: Mapping[str, str]) -> None:
    """The page's front matter, keys mapped and values repaired, in ``candidate.data``."""
    page = candidate.page
    assert page is not None
    assert page.front is not None
    raw = page.front.data
    fields = _field_types(candidate.kind)
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    kind_name = candidate.kind.__name__.lower()
    for original, value in raw.items():
        line = page.front.line_of(f"$.{original}")
        key = str(original).strip().lower()
        if key != original:
            # Hugo reads front-matter keys whatever their case.
            candidate.notes.append(
                Note(message=f"key {str(original)!r} read as {key!r}", line=line)
            )
        if key in key_map:
            target = key_map[key]
            if target in fields:
                candidate.notes.append(
                    Note(message=f"{key} read as the {kind_name}'s {target}", line=line)
                )
                key = target
        elif key == "description" and key not in key_map:
            if "summary" not in raw and isinstance(value, str) and value.strip():
                candidate.notes.append(
                    Note(
                        message="description (Hugo's meta description) read as the summary",
                        line=line,
                    )
                )
                key = "summary"
            else:
                candidate.notes.append(
                    Note(
                        message="description (Hugo's meta description) kept as "
                        f"{HUGO_DESCRIPTION}: the body is the description",
                        line=line,
                    )
                )
                key = HUGO_DESCRIPTION
        if key in fields:
            keep, value = _repair(key, value, fields[key], line, candidate.notes)
            if not keep:
                continue
        if key in data:
            if (
                _is_text_list(fields.get(key))
                and isinstance(data[key], list)
                and isinstance(value, list)
            ):
                data[key] = data[key] + [v for v in value if v not in data[key]]
                candidate.notes.append(
                    Note(message=f"{str(original)!r} merged into {key}", line=line)
                )
                continue
            candidate.notes.append(
                Note(
                    message=f"{key} given twice: {str(original)!r} kept under its own name",
                    line=line,
                )
            )
            key = str(original)
        data[key] = plain(value)
        if line is not None:
            lines[f"$.{key}"] = line
        for path, number in page.front.lines.items():
            if path.startswith((f"$.{original}.", f"$.{original}[")):
                lines[f"$.{key}" + path[len(f"$.{original}") :]] = number + page.front.offset
    candidate.data, candidate.lines = data, lines


def _slug(candidate: _Candidate) -> None:
    data = candidate.data
    given = data.get("slug")
    line = candidate.line_of("$.slug") if "slug" in data else 1
    source = (
        str(given)
        if isinstance(given, str | int) and str(given).strip()
        else candidate.slug_from_path
    )
    made = slugify(source)
    if not made:
        return
    if made != source:
        where = "slug" if "slug" in data else "file name"
        candidate.notes.append(
            Note(message=f"{where} {source!r} gives the slug {made!r}", line=line)
        )
    data["slug"] = made
    if "slug" not in candidate.lines and line is not None:
        candidate.lines["$.slug"] = line


_DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _date_from_name(candidate: _Candidate) -> None:
    if (
        candidate.kind is model.Event
        and "date" not in candidate.data
        and "start" not in candidate.data
    ):
        match = _DATED_NAME.match(candidate.path.stem)
        if match:
            try:
                day = dt.date.fromisoformat(match[1])
            except ValueError:
                return
            candidate.data["date"] = day
            candidate.notes.append(
                Note(
                    message=f"no date in the front matter: {day.isoformat()} taken from the "
                    "file name"
                )
            )


# -- the import --------------------------------------------------------------------------------


def _sections(values: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(part for part in value.strip("/").split("/") if part) for value in values]


def _in(parts: tuple[str, ...], sections: Sequence[tuple[str, ...]]) -> bool:
    return any(section and parts[: len(section)] == section for section in sections)


# A bundle's page, in the default language or another one: index.md, index.en.md.
_INDEX = re.compile(r"index(\.[A-Za-z-]+)?")


def _page_path(relative: PurePosixPath) -> PurePosixPath:
    """The Hugo path of a page: ``projets/liria`` for ``projets/liria.md`` or a bundle's
    ``projets/liria/index.md``."""
    if _INDEX.fullmatch(relative.stem):
        return relative.parent
    return relative.with_suffix("")


def _classify(
    content: Path, events: Sequence[tuple[str, ...]], proposals: Sequence[tuple[str, ...]]
) -> tuple[list[PageEntry], list[_Candidate]]:
    skipped: list[PageEntry] = []
    candidates: list[_Candidate] = []
    files = sorted(path for path in content.rglob("*") if path.is_file())
    bundles = {
        path.parent
        for path in files
        if _INDEX.fullmatch(path.stem)
        and path.suffix.lower() in _MARKDOWN_SUFFIXES + _HTML_SUFFIXES
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
            bundle == path.parent and not _INDEX.fullmatch(path.stem)
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
        if suffix and suffix not in _MARKDOWN_SUFFIXES + _HTML_SUFFIXES:
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
        page_path = _page_path(relative)
        candidate = _Candidate(path=path, file=file, kind=kind, slug_from_path=page_path.name)
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


def _in_order(notes: Iterable[Note]) -> tuple[Note, ...]:
    """Notes by line; those about the whole page last."""
    return tuple(sorted(notes, key=lambda note: (note.line is None, note.line or 0)))


def _one_language(
    candidates: list[_Candidate], config: Mapping[str, Any], entries: list[PageEntry]
) -> list[_Candidate]:
    """Keep one page per translated page (``x.fr.md``, ``x.en.md``), in the default language.

    Hugo tells translations by a language code before the suffix, for the languages its
    config declares; the others are listed as skipped, since a catalogue holds one language.
    """
    declared = config.get("languages")
    languages = {str(key).lower() for key in declared} if isinstance(declared, dict) else set()
    if not languages:
        return candidates
    default = str(config.get("defaultContentLanguage") or "en").lower()
    groups: dict[tuple[Any, ...], list[tuple[str | None, _Candidate]]] = {}
    for candidate in candidates:
        name = candidate.slug_from_path
        match = re.fullmatch(r"(?P<base>.+)\.(?P<lang>[A-Za-z-]+)", name)
        stem = _INDEX.fullmatch(candidate.path.stem)
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
    kept: list[_Candidate] = []
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


def _failed(candidate: _Candidate, problems: Iterable[Problem]) -> PageEntry:
    located = [
        Problem(
            message=p.message,
            path=p.path,
            file=candidate.file,
            line=p.line if p.line is not None else candidate.line_of(p.path),
        )
        for p in problems
    ]
    first = next((p.line for p in located if p.line is not None), 1)
    reason = "; ".join(p.message if p.path == "$" else f"{p.path}: {p.message}" for p in located)
    return PageEntry(
        file=candidate.file,
        outcome="failed",
        reason=reason,
        line=first,
        notes=_in_order(candidate.notes),
        extracted=tuple(candidate.extracted),
        problems=tuple(located),
    )


def _read_page(candidate: _Candidate, key_map: Mapping[str, str]) -> PageEntry | None:
    """Read and normalise a candidate page; a :class:`PageEntry` if it failed already."""
    try:
        text = read_text(candidate.path)
        candidate.page = split_page(text, candidate.file)
    except DataError as error:
        return _failed(candidate, error.problems)
    page = candidate.page
    for line, message in page.repairs:
        candidate.notes.append(Note(message=message, line=line))
    if page.leading_blank:
        candidate.notes.append(
            Note(
                message=f"{page.leading_blank} blank lines before the front matter ignored", line=1
            )
        )
    if page.front is None:
        return _failed(
            candidate,
            [
                Problem(
                    message="no front matter: a page needs at least a title (and an event a "
                    "date) between --- lines",
                    line=1,
                )
            ],
        )
    if not isinstance(page.front.data, dict):
        return _failed(
            candidate,
            [
                Problem(
                    message="expected the front matter to be a mapping of keys to values",
                    line=page.body_line,
                )
            ],
        )
    if text and not text.endswith("\n"):
        candidate.notes.append(
            Note(message="no final newline (harmless)", line=text.count("\n") + 1)
        )
    _front_matter(candidate, key_map)
    _slug(candidate)
    _date_from_name(candidate)
    return None


def _resolver(
    by_path: Mapping[str, tuple[str, str]],
    events: Sequence[tuple[str, ...]],
    proposals: Sequence[tuple[str, ...]],
) -> Any:
    def resolve(target: str) -> Target:
        path = PurePosixPath(target.split("#", 1)[0].strip("/"))
        if path.suffix.lower() in _MARKDOWN_SUFFIXES + _HTML_SUFFIXES:
            path = path.with_suffix("")
        if path.name.startswith("_index") or path.name == "index":
            path = path.parent
        parts = path.parts
        key = "/".join(parts)
        if key in by_path:
            return Target(*by_path[key])
        # A relative ref ("liria.md") names a page by its file name alone.
        by_name = [value for full, value in by_path.items() if full.rsplit("/", 1)[-1] == key]
        if len(by_name) == 1:
            return Target(*by_name[0])
        if parts and parts in events:
            return Target("ref", EVENTS_LABEL)
        if parts and parts in proposals:
            return Target("ref", PROPOSALS_LABEL)
        return Target("", f"/{key}/" if key else "/")

    return resolve


def _body(candidate: _Candidate, resolve: Any) -> None:
    page = candidate.page
    assert page is not None
    body = page.body
    if not body:
        return
    body, notes = shortcodes_to_refs(body, resolve)
    for line, message in notes:
        candidate.notes.append(Note(message=message, line=page.body_line + line - 1))
    html = find_raw_html(body)
    if candidate.path.suffix.lower() in _HTML_SUFFIXES:
        candidate.notes.append(
            Note(message="an HTML page: its body is raw HTML, kept as is", line=page.body_line)
        )
    elif html:
        tags = sorted({tag for _, tag in html})
        candidate.notes.append(
            Note(
                message=f"raw HTML kept as is ({', '.join(f'<{t}>' for t in tags)}); "
                "Sphinx shows it only where raw HTML is allowed",
                line=page.body_line + html[0][0] - 1,
            )
        )
    candidate.data["description"] = body


def _record(candidate: _Candidate, found: Iterable[Found]) -> None:
    candidate.extracted.extend(
        Extracted(path=f.path, value=f.value, line=f.line, text=f.text) for f in found
    )


def _merge_organisations(
    known: list[model.Organisation], found: list[dict[str, Any]], notes: list[Note]
) -> dict[str, str]:
    """Add newly found organisations to ``known``; return how each found slug was renamed."""
    by_slug = {org.slug: org for org in known}
    by_name = {org.name.casefold(): org.slug for org in known}
    renamed: dict[str, str] = {}
    for data in found:
        data = dict(data)
        if data.get("parent") is not None:
            data["parent"] = renamed.get(data["parent"], data["parent"])
        slug = data["slug"]
        same_name = by_name.get(str(data["name"]).casefold())
        existing = by_slug.get(slug)
        if same_name is not None and (
            existing is None or existing.name.casefold() == str(data["name"]).casefold()
        ):
            renamed[slug] = same_name
            continue
        if existing is not None:
            # The same acronym under another parent ("DNUM" of two ministries).
            data["slug"] = f"{slug}-{data['parent']}" if data.get("parent") else f"{slug}-2"
            notes.append(
                Note(
                    message=f"organisation slug {slug!r} already used: {data['name']!r} is "
                    f"{data['slug']!r}"
                )
            )
        try:
            organisation = structure(data, model.Organisation)
        except DataError as error:
            notes.append(Note(message=f"organisation {data['name']!r} left out: {error}"))
            continue
        known.append(organisation)
        by_slug[organisation.slug] = organisation
        by_name[organisation.name.casefold()] = organisation.slug
        renamed[slug] = organisation.slug
    return renamed


def _rename_orgs(data: dict[str, Any], renamed: Mapping[str, str]) -> None:
    attendance = data.get("attendance")
    if isinstance(attendance, dict) and isinstance(attendance.get("organisations"), list):
        attendance["organisations"] = list(
            dict.fromkeys(renamed.get(slug, slug) for slug in attendance["organisations"])
        )


_ITEM = re.compile(r"^\$\.(?P<kind>events|proposals)\[(?P<index>\d+)\]")


def _catalogue(
    programme: model.Programme,
    organisations: list[model.Organisation],
    built: dict[str, list[Any]],
    imported: list[PageEntry],
    entries: list[PageEntry],
) -> model.Catalogue:
    """The catalogue of what was built; a page whose references do not resolve (an event
    naming a proposal that failed, say) moves from ``imported`` to ``entries`` as failed."""
    while True:
        events = sorted(built["events"], key=lambda e: e.slug)
        proposals = sorted(built["proposals"], key=lambda p: p.slug)
        try:
            return model.Catalogue(
                programme=programme,
                organisations=organisations,
                events=events,
                proposals=proposals,
            )
        except DataError as error:
            blamed: dict[tuple[str, str], list[Problem]] = {}
            for problem in error.problems:
                match = _ITEM.match(problem.path)
                if match is None:
                    # The programme's own data (data/ideation/programme.yaml) is wrong.
                    raise
                item = (events if match["kind"] == "events" else proposals)[int(match["index"])]
                relative = "$" + problem.path[match.end() :]
                blamed.setdefault((match["kind"], item.slug), []).append(
                    attrs.evolve(problem, path=relative)
                )
            for (kind, slug), problems in blamed.items():
                built[kind] = [item for item in built[kind] if item.slug != slug]
                outcome = "imported-event" if kind == "events" else "imported-proposal"
                (page,) = [e for e in imported if e.outcome == outcome and e.slug == slug]
                imported.remove(page)
                reason = "; ".join(f"{p.path}: {p.message}" for p in problems)
                entries.append(
                    attrs.evolve(
                        page, outcome="failed", reason=reason, problems=tuple(problems), slug=None
                    )
                )


def _check_key_map(key_map: Mapping[str, str]) -> dict[str, str]:
    known = set(_field_types(model.Event)) | set(_field_types(model.Proposal))
    checked: dict[str, str] = {}
    for key, field in key_map.items():
        if field not in known:
            raise UsageError(
                f"key map: {key!r} is mapped to {field!r}, which is not a field of an event or a "
                f"proposal (known: {', '.join(sorted(known))})"
            )
        checked[key.strip().lower()] = field
    return checked


def import_site(
    site: str | Path,
    *,
    events: Sequence[str] = ("actualites",),
    proposals: Sequence[str] = ("projets",),
    key_map: Mapping[str, str] | None = None,
    extract: bool = False,
    programme_slug: str | None = None,
) -> HugoImport:
    """Read a Hugo site's ``content/`` into a catalogue, and say what became of every file.

    ``events`` and ``proposals`` name the sections (folders under ``content/``, ``a/b`` for a
    nested one) whose pages are events and proposals. ``key_map`` maps site keys onto model
    fields (``{"responsible": "lead"}``); ``None`` means :data:`DEFAULT_KEY_MAP`, a mapping
    replaces it. ``extract`` reads structure out of the prose, each value reported.
    ``programme_slug`` overrides the slug made from the site's title.

    Pages that fail are in the report, not in the catalogue; a site folder that does not exist
    is a :class:`~ideation.errors.UsageError`, one without ``content/`` a
    :class:`~ideation.errors.DataError`.
    """
    root = Path(site)
    if not root.is_dir():
        raise UsageError(f"{root}: not a folder; expected the folder of a Hugo site")
    mapping = _check_key_map(DEFAULT_KEY_MAP if key_map is None else key_map)
    # One section given as a string would otherwise be read letter by letter.
    events = [events] if isinstance(events, str) else list(events)
    proposals = [proposals] if isinstance(proposals, str) else list(proposals)
    if programme_slug is not None and slugify(programme_slug) != programme_slug:
        raise UsageError(
            f"programme slug: expected lowercase letters, digits and single hyphens, like "
            f"{slugify(programme_slug) or 'programme-10'!r}, got {programme_slug!r}"
        )
    site_notes: list[Note] = []
    config, config_name = _site_config(root, site_notes)
    content = _content_dir(root, config)
    if not content.is_dir():
        raise DataError(
            [
                Problem(
                    message=f"no {content.name}/ folder: is this the folder of a Hugo site?",
                    file=str(root),
                )
            ]
        )
    programme, organisations = _programme(root, config, config_name, programme_slug, site_notes)
    event_sections, proposal_sections = _sections(events), _sections(proposals)
    entries, candidates = _classify(content, event_sections, proposal_sections)
    candidates = _one_language(candidates, config, entries)

    live: list[_Candidate] = []
    for candidate in candidates:
        failure = _read_page(candidate, mapping)
        if failure is not None:
            entries.append(failure)
        else:
            live.append(candidate)

    by_path: dict[str, tuple[str, str]] = {}
    for candidate in live:
        role = "ideation:event" if candidate.kind is model.Event else "ideation:proposal"
        by_path[
            _page_path(PurePosixPath(candidate.path.relative_to(content).as_posix())).as_posix()
        ] = (role, candidate.data["slug"])
    resolve = _resolver(by_path, event_sections, proposal_sections)

    # Proposals first, so that events can link their workshop topics to them.
    # Where two pages claim a slug, the one whose file is named after it keeps it.
    live.sort(
        key=lambda c: (
            c.kind is model.Event,
            c.data.get("slug") != slugify(c.slug_from_path),
            c.file,
        )
    )
    built: dict[str, list[Any]] = {"events": [], "proposals": []}
    seen: dict[tuple[type[Any], str], str] = {}
    titled: dict[tuple[type[Any], str], str] = {}
    imported: list[PageEntry] = []
    for candidate in live:
        _body(candidate, resolve)
        page = candidate.page
        assert page is not None
        if extract and candidate.kind is model.Event:
            fields, found_orgs, found, notes = extract_event(
                page.body,
                page.body_line,
                {p.slug: p.title for p in built["proposals"]},
                candidate.data,
            )
            candidate.data.update(fields)
            candidate.organisations = found_orgs
            _record(candidate, found)
            candidate.notes.extend(Note(message=m, line=n) for n, m in notes)
        elif extract:
            fields, found, notes = extract_proposal(page.body, page.body_line, candidate.data)
            candidate.data.update(fields)
            _record(candidate, found)
            candidate.notes.extend(Note(message=m, line=n) for n, m in notes)
        slug = candidate.data.get("slug")
        key = (candidate.kind, str(slug))
        if key in seen:
            entries.append(
                _failed(
                    candidate,
                    [
                        Problem(
                            message=f"slug {slug!r} is already the slug of {seen[key]}",
                            path="$.slug",
                        )
                    ],
                )
            )
            continue
        known = len(organisations)
        if candidate.organisations:
            renamed = _merge_organisations(organisations, candidate.organisations, candidate.notes)
            _rename_orgs(candidate.data, renamed)
        try:
            item = structure(candidate.data, candidate.kind)
        except DataError as error:
            # The organisations found on a page that failed are not the catalogue's.
            del organisations[known:]
            entries.append(_failed(candidate, error.problems))
            continue
        seen[key] = candidate.file
        title_key = (candidate.kind, item.title.strip().casefold())
        if title_key in titled:
            # Copies of a page under another name are common; say so, do not guess which wins.
            candidate.notes.append(
                Note(message=f"same title as {titled[title_key]}: the same page twice?")
            )
        titled.setdefault(title_key, candidate.file)
        is_event = candidate.kind is model.Event
        built["events" if is_event else "proposals"].append(item)
        imported.append(
            PageEntry(
                file=candidate.file,
                outcome="imported-event" if is_event else "imported-proposal",
                reason=f"a page of the {'events' if is_event else 'proposals'} section",
                line=1,
                slug=item.slug,
                notes=_in_order(candidate.notes),
                extracted=tuple(candidate.extracted),
            )
        )
    catalogue = _catalogue(programme, organisations, built, imported, entries)
    entries.extend(imported)
    entries.sort(key=lambda entry: entry.file)
    return HugoImport(
        catalogue=catalogue, entries=tuple(entries), site=str(root), notes=tuple(site_notes)
    )
