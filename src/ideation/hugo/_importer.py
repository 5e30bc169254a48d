"""The import of a Hugo site, step by step: open the site, sort its files, read the pages,
link them, build the objects, and check the catalogue they make."""

from __future__ import annotations

import collections
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath

import attrs

from ideation import model
from ideation._io import read_text
from ideation.convert import structure, unstructure
from ideation.errors import DataError, Problem, UsageError
from ideation.formats.markdown import split_page
from ideation.model import PlainMapping, PlainValue

from ._calendar import Dated, read_calendar
from ._extract.event import extract_event
from ._extract.proposal import extract_proposal
from ._extract.text import Found, slugify
from ._fit import set_aside, structure_page
from ._images import page_images, where_images_are
from ._names import names_to_objects
from ._news import Verdict, judge, matching_glob, page_language, site_language, time_of_day
from ._origins import HUGO_KEY, body_changes, record
from ._page import DATA_FILE, HTML_SUFFIXES, INDEX, find_raw_html, page_path, plain_mapping
from ._quarto import quarto_body
from ._refs import Resolver, resolver, shortcodes_to_refs
from ._repairs import DEFAULT_KEY_MAP, Candidate, check_key_map, failed, in_order, read_page
from ._report import Extracted, HugoImport, Note, PageEntry
from ._seasons import season, season_of
from ._shortcodes import convert_shortcodes
from ._site import Layout, classify, content_dir, one_language, programme, sections, site_config

# -- steps on one page -------------------------------------------------------------------------


def _body(
    candidate: Candidate,
    resolve: Resolver,
    site_params: Mapping[str, PlainValue],
    quarto: bool,
    root: Path,
) -> None:
    page = candidate.page
    assert page is not None
    body = page.body
    if not body:
        return
    body, notes = shortcodes_to_refs(body, resolve)
    assert page.front is not None
    front = page.front.data if isinstance(page.front.data, dict) else {}
    params = {**site_params, **{str(k).lower(): v for k, v in front.items()}}
    body, more = convert_shortcodes(body, params)
    slug = str(candidate.data.get("slug", ""))
    is_quarto = quarto or candidate.path.suffix.lower() == ".qmd"
    if is_quarto:
        # Last: the steps before keep the body's lines, so that every note gives the page's.
        body, quarto_notes = quarto_body(body, slug)
        more.extend(quarto_notes)
    bundle = bool(INDEX.fullmatch(candidate.path.stem))
    where = where_images_are(root, candidate.path, bundle=bundle, quarto=is_quarto)
    body, candidate.images, image_notes = page_images(body, slug, where)
    more.extend(image_notes)
    for line, message in [*notes, *more]:
        candidate.notes.append(Note(message=message, line=page.body_line + line - 1))
    html = find_raw_html(body)
    if candidate.path.suffix.lower() in HTML_SUFFIXES:
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


def _record(candidate: Candidate, found: Iterable[Found]) -> None:
    candidate.extracted.extend(
        Extracted(path=f.path, value=f.value, line=f.line, text=f.text) for f in found
    )


def _merge_organisations(
    known: list[model.Organisation], found: list[PlainMapping], notes: list[Note]
) -> dict[str, str]:
    """Add newly found organisations to ``known``; return how each found slug was renamed."""
    by_slug = {org.slug: org for org in known}
    by_name = {org.name.casefold(): org.slug for org in known}
    renamed: dict[str, str] = {}
    for given in found:
        data = dict(given)
        parent = data.get("parent")
        if isinstance(parent, str):
            data["parent"] = renamed.get(parent, parent)
        slug = str(data["slug"])
        same_name = by_name.get(str(data["name"]).casefold())
        existing = by_slug.get(slug)
        if same_name is not None and (
            existing is None or existing.name.casefold() == str(data["name"]).casefold()
        ):
            renamed[slug] = same_name
            continue
        if existing is not None:
            # The same acronym under another parent ("DNUM" of two ministries).
            data["slug"] = f"{slug}-{data['parent']!s}" if data.get("parent") else f"{slug}-2"
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


def _rename_orgs(data: PlainMapping, renamed: Mapping[str, str]) -> None:
    attendance = data.get("attendance")
    slugs = attendance.get("organisations") if isinstance(attendance, dict) else None
    if isinstance(attendance, dict) and isinstance(slugs, list):
        attendance["organisations"] = list(
            dict.fromkeys(
                renamed.get(slug, slug) if isinstance(slug, str) else slug for slug in slugs
            )
        )


# -- the steps of the import -------------------------------------------------------------------


@attrs.frozen
class _Site:
    """An opened site: where its pages are, its programme, and what was noticed on the way."""

    root: Path
    content: Path
    programme: model.Programme
    organisations: list[model.Organisation]
    notes: list[Note]
    #: The site's ``params``, keys in lowercase, which the ``param`` shortcode reads.
    params: Mapping[str, PlainValue]
    #: The pages an earlier ``export_site`` wrote as events (see ``SiteProgramme``).
    event_pages: frozenset[str] | None = None
    #: A Quarto project: its pages' Pandoc markup is made plain (see ``._quarto``).
    quarto: bool = False


def _sections_of(value: str | Sequence[str]) -> list[tuple[str, ...]]:
    # One section given as a string would otherwise be read letter by letter.
    return sections([value] if isinstance(value, str) else list(value))


def _check_programme_slug(programme_slug: str | None) -> None:
    if programme_slug is not None and slugify(programme_slug) != programme_slug:
        raise UsageError(
            f"programme slug: expected lowercase letters, digits and single hyphens, like "
            f"{slugify(programme_slug) or 'programme-10'!r}, got {programme_slug!r}"
        )


def _open_site(root: Path, programme_slug: str | None) -> tuple[_Site, PlainMapping]:
    """Step 1: the site's config, its content folder and its programme."""
    if not root.is_dir():
        raise UsageError(f"{root}: not a folder; expected the folder of a Hugo site")
    notes: list[Note] = []
    config, config_name = site_config(root, notes)
    content = content_dir(root, config)
    if not content.is_dir():
        raise DataError([Problem(message=_not_a_site(root, content), file=str(root))])
    found = programme(root, config, config_name, programme_slug, notes)
    given = config.get("params")
    params = {str(k).lower(): v for k, v in given.items()} if isinstance(given, dict) else {}
    site = _Site(
        root,
        content,
        found.programme,
        found.organisations,
        notes,
        params,
        found.event_pages,
        quarto=bool(config.get("quarto")),
    )
    return site, config


def _not_a_site(root: Path, content: Path) -> str:
    """Why ``root`` is no site: no content folder, and no Quarto project's settings."""
    # Three levels deep at most: a folder given by mistake (a home folder) is not searched.
    pages = (root.glob(pattern) for pattern in ("*.qmd", "*/*.qmd", "*/*/*.qmd"))
    found = [p.relative_to(root).as_posix() for p in itertools.islice(itertools.chain(*pages), 3)]
    if found:
        return (
            f"no _quarto.yml and no {content.name}/ folder, but Quarto pages "
            f"({', '.join(found)}): a Quarto project is read from the folder that holds its "
            "_quarto.yml (project: type: website); give that folder, or add the file"
        )
    return f"no {content.name}/ folder: is this the folder of a Hugo site?"


# The default sections, in the site's language first: the first that the site has is read.
# Themes name them in English whatever the site's language (Wowchemy's event/ and project/).
_DEFAULT_SECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fr": (("actualites", "evenements", "events", "event"), ("projets", "projects", "project")),
    "en": (("events", "event", "news", "actualites"), ("projects", "project", "projets")),
}


def _default_section(content: Path, names: Sequence[str]) -> str:
    return next((name for name in names if (content / name).is_dir()), names[0])


def _sections_asked(
    events: str | Sequence[str] | None,
    proposals: str | Sequence[str] | None,
    content: Path,
    language: str | None,
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], dict[str, list[tuple[str, ...]]]]:
    """The events and proposals sections to read (when not given, the first of the defaults
    of the site's language that the site has), and each with the option that named it, for
    the error that says a section is not there."""
    defaults = _DEFAULT_SECTIONS["en" if language == "en" else "fr"]
    event_names: tuple[str, ...] = defaults[0]
    proposal_names: tuple[str, ...] = defaults[1]
    if events is None:
        events = _default_section(content, event_names)
    else:
        event_names = ()
    if proposals is None:
        proposals = _default_section(content, proposal_names)
    else:
        proposal_names = ()
    event_sections = _sections_of(events)
    proposal_sections = _sections_of(proposals)
    given = {
        "default events section" if event_names else "--events": event_sections,
        "default proposals section" if proposal_names else "--proposals": proposal_sections,
    }
    return event_sections, proposal_sections, given


def _live_pages(
    layout: Layout,
    opened: _Site,
    config: Mapping[str, PlainValue],
    sections: tuple[Sequence[tuple[str, ...]], Sequence[tuple[str, ...]]],
    mapping: Mapping[str, str],
    globs: tuple[Sequence[str], Sequence[str]],
    seasons: list[tuple[Candidate, str]],
) -> tuple[list[PageEntry], list[Candidate]]:
    """Steps 2 to 3b: the site's files sorted, one language kept, the candidates read and the
    events told from news; the entries of the files left out, and the pages kept."""
    entries, candidates = classify(layout, *sections)
    candidates = one_language(candidates, config, entries)
    live = _read_pages(candidates, mapping, entries)
    _unmatched_map(mapping, candidates, opened.notes)
    live = _tell_events(
        live, opened.event_pages, globs, opened.content, entries, site_language(config), seasons
    )
    return entries, live


def _read_pages(
    candidates: Iterable[Candidate], key_map: Mapping[str, str], entries: list[PageEntry]
) -> list[Candidate]:
    """Step 3: read every candidate page; those that cannot be read go to ``entries``."""
    live: list[Candidate] = []
    for candidate in candidates:
        failure = read_page(candidate, key_map)
        if failure is not None:
            entries.append(failure)
        else:
            live.append(candidate)
    return live


def _unmatched_map(
    key_map: Mapping[str, str], candidates: Iterable[Candidate], notes: list[Note]
) -> None:
    """Step 3c: say which entries of the key map match no key in any page (a typo, or a key of
    another site), since they do nothing."""
    seen: set[str] = set()
    for candidate in candidates:
        if candidate.page is not None and candidate.page.front is not None:
            front = candidate.page.front.data
            if isinstance(front, dict):
                seen.update(str(key).strip().lower() for key in front)
    for key, target in key_map.items():
        if key not in seen and DEFAULT_KEY_MAP.get(key) != target:
            notes.append(
                Note(
                    message=f"key map {key}={target}: no page has the key {key!r}; it does nothing"
                )
            )


def _section_names(content: Path) -> list[str]:
    """The sections of a site: its folders under ``content/`` that are not page bundles."""
    names = []
    for folder in sorted(content.rglob("*")):
        relative = folder.relative_to(content)
        if (
            folder.is_dir()
            and len(relative.parts) <= 2
            and not any(part.startswith(".") for part in relative.parts)
            and not any((folder / f"index{suffix}").is_file() for suffix in (".md", ".html"))
        ):
            names.append(relative.as_posix())
    return names


def _check_sections(
    content: Path, given: Mapping[str, Sequence[tuple[str, ...]]], notes: list[Note]
) -> None:
    """Step 2: every section named exists; a default one that does not is only noted."""
    missing = [
        (option, "/".join(parts))
        for option, sections_ in given.items()
        for parts in sections_
        if not (content.joinpath(*parts)).is_dir()
    ]
    for option, name in missing:
        if option.startswith("default"):
            notes.append(
                Note(message=f"no section {name}/ under content/ (the {option}): none imported")
            )
    named = [(option, name) for option, name in missing if not option.startswith("default")]
    if named:
        have = ", ".join(_section_names(content)) or "none"
        raise UsageError(
            "; ".join(
                f"{option} {name!r}: no such section under {content}" for option, name in named
            )
            + f" (the site's sections: {have})"
        )


def _tell_events(
    live: list[Candidate],
    exported: frozenset[str] | None,
    globs: tuple[Sequence[str], Sequence[str]],
    content: Path,
    entries: list[PageEntry],
    language: str | None = None,
    seasons: list[tuple[Candidate, str]] | None = None,
) -> list[Candidate]:
    """Step 3b: the pages of an events section that are news are skipped, with the reasons;
    ``exported`` lists the pages an export wrote as events (taken as they are), ``language``
    is the one the site's config gives its pages."""
    as_events, not_events = globs
    kept: list[Candidate] = []
    times_tell = _times_tell(live)
    for candidate in live:
        if candidate.kind is not model.Event:
            kept.append(candidate)
            continue
        paths = [candidate.file, candidate.path.relative_to(content).as_posix()]
        forced = matching_glob(paths, as_events)
        refused = matching_glob(paths, not_events)
        if refused is not None:
            entries.append(_news(candidate, f"not an event: --not-events {refused!r} matches it"))
        elif forced is not None:
            candidate.reason = f"an event: --as-events {forced!r} matches it"
            kept.append(candidate)
        elif exported is not None and paths[1] in exported:
            candidate.reason = f"an event: written as one by ideation export hugo ({DATA_FILE})"
            kept.append(candidate)
        else:
            verdict = _verdict(candidate, language, times_tell)
            year = season_of(_front(candidate))
            if verdict.event:
                candidate.reason = verdict.reason
                kept.append(candidate)
            elif year is not None and seasons is not None:
                candidate.reason = f"a season's page: its title names the season {year}"
                seasons.append((candidate, year))
            else:
                entries.append(_news(candidate, verdict.reason))
    return kept


def _times_tell(live: Sequence[Candidate]) -> bool:
    """Whether a time of day in a page's date tells an event from news: not where every page of
    the events sections (three at least) has one, as a theme that dates every page at 13:00."""
    events = [c for c in live if c.kind is model.Event and c.page is not None]
    if len(events) < 3:
        return True
    return not all(time_of_day(_front(candidate)) for candidate in events)


def _front(candidate: Candidate) -> PlainMapping:
    page = candidate.page
    assert page is not None
    assert page.front is not None
    front = {str(key).strip().lower(): value for key, value in page.front.data.items()}
    front.update(candidate.data)
    return front


def _verdict(candidate: Candidate, site: str | None, times_tell: bool = True) -> Verdict:
    page = candidate.page
    assert page is not None
    assert page.front is not None
    front = _front(candidate)
    language = page_language(front, candidate.path.stem, site)
    verdict = judge(front, page.body, page.body_line, language, times_tell=times_tell)
    if not times_tell and time_of_day(front):
        reason = "a time of day in its date, as every page has: no sign"
        verdict = attrs.evolve(verdict, reasons=(*verdict.reasons, reason))
    return verdict


def _news(candidate: Candidate, reason: str) -> PageEntry:
    return PageEntry(
        file=candidate.file,
        outcome="skipped",
        reason=reason,
        notes=in_order(candidate.notes),
    )


def _link_pages(
    live: Sequence[Candidate],
    content: Path,
    events: Sequence[tuple[str, ...]],
    proposals: Sequence[tuple[str, ...]],
) -> Resolver:
    """Step 4: the resolver of ``ref`` shortcodes, from the Hugo path of every page read."""
    by_path: dict[str, tuple[str, str]] = {}
    for candidate in live:
        role = "ideation:event" if candidate.kind is model.Event else "ideation:proposal"
        relative = PurePosixPath(candidate.path.relative_to(content).as_posix())
        by_path[page_path(relative).as_posix()] = (role, str(candidate.data["slug"]))
    return resolver(by_path, events, proposals)


def _extract(candidate: Candidate, proposals: Sequence[model.Proposal]) -> None:
    """Structure from the prose of one page, each value recorded for the report."""
    page = candidate.page
    assert page is not None
    if candidate.kind is model.Event:
        converted = candidate.data.get("description")
        fields, found_orgs, found, notes = extract_event(
            page.body,
            page.body_line,
            {p.slug: p.title for p in proposals},
            candidate.data,
            converted=converted if isinstance(converted, str) else None,
        )
        candidate.organisations = found_orgs
    else:
        fields, found, notes = extract_proposal(page.body, page.body_line, candidate.data)
    candidate.data.update(fields)
    candidate.from_prose.update(fields)
    _record(candidate, found)
    candidate.notes.extend(Note(message=m, line=n) for n, m in notes)


@attrs.define
class _Built:
    """What the pages became so far: the objects, their entries, and the slugs and titles seen."""

    events: list[model.Event] = attrs.field(factory=list)
    proposals: list[model.Proposal] = attrs.field(factory=list)
    imported: list[PageEntry] = attrs.field(factory=list)
    slugs: dict[tuple[type[model.Event | model.Proposal], str], str] = attrs.field(factory=dict)
    titles: dict[tuple[type[model.Event | model.Proposal], str], str] = attrs.field(factory=dict)
    #: The page each object was built from, by ``("events" | "proposals", slug)``, to set
    #: aside what the catalogue finds does not fit (a sponsor that is no organisation).
    pages: dict[tuple[str, str], Candidate] = attrs.field(factory=dict)
    #: The programme's seasons, with those made from names (see ``._names``).
    seasons: list[model.Season] = attrs.field(factory=list)

    def images(self) -> tuple[tuple[Path, str], ...]:
        """The images of the objects built, as ``(file in the site, path in the catalogue)``."""
        return tuple(
            (copy.source, f"{kind}/{copy.target}")
            for (kind, _), candidate in sorted(self.pages.items())
            for copy in candidate.images
        )


def _with_origins(
    candidate: Candidate, item: model.Event | model.Proposal, content: Path
) -> model.Event | model.Proposal:
    """``item`` with the record of how its page was written (see ``.origins``)."""
    page = candidate.page
    assert page is not None
    assert page.front is not None
    raw = page.front.data if isinstance(page.front.data, dict) else {}
    fields = unstructure(item)
    description = fields.get("description")
    found = record(
        plain_mapping(raw),
        candidate.read,
        fields,
        candidate.path.relative_to(content).as_posix(),
        body_changes(page.body, description)
        if isinstance(description, str) and description
        else (),
        prose=sorted(candidate.from_prose - set(candidate.read)),
    )
    file = found["file"]
    if set(found) == {"file"} and PurePosixPath(str(file)).name == f"{item.slug}.md":
        # A page as the export writes it: there is nothing to give back.
        return item
    return attrs.evolve(item, extra={**item.extra, HUGO_KEY: found})


def _build_one(candidate: Candidate, site: _Site, built: _Built, entries: list[PageEntry]) -> None:
    """Step 5, for one page: the object it describes, or a failed entry."""
    slug = candidate.data.get("slug")
    key = (candidate.kind, str(slug))
    if key in built.slugs:
        problem = Problem(
            message=f"slug {slug!r} is already the slug of {built.slugs[key]}", path="$.slug"
        )
        entries.append(failed(candidate, [problem]))
        return
    known, seasons = len(site.organisations), len(built.seasons)
    if candidate.organisations:
        renamed = _merge_organisations(site.organisations, candidate.organisations, candidate.notes)
        _rename_orgs(candidate.data, renamed)
    names_to_objects(candidate, site.organisations, built.seasons)
    try:
        item = structure_page(candidate)
    except DataError as error:
        # The organisations and seasons found on a page that failed are not the catalogue's.
        del site.organisations[known:]
        del built.seasons[seasons:]
        entries.append(failed(candidate, error.problems))
        return
    item = _with_origins(candidate, item, site.content)
    built.slugs[key] = candidate.file
    title_key = (candidate.kind, item.title.strip().casefold())
    if title_key in built.titles:
        # Copies of a page under another name are common; say so, do not guess which wins.
        candidate.notes.append(
            Note(message=f"same title as {built.titles[title_key]}: the same page twice?")
        )
    built.titles.setdefault(title_key, candidate.file)
    is_event = isinstance(item, model.Event)
    built.pages["events" if is_event else "proposals", item.slug] = candidate
    if isinstance(item, model.Event):
        built.events.append(item)
    else:
        built.proposals.append(item)
    built.imported.append(
        PageEntry(
            file=candidate.file,
            outcome="imported-event" if is_event else "imported-proposal",
            reason=candidate.reason or "a page of the proposals section",
            line=1,
            slug=item.slug,
            notes=in_order(candidate.notes),
            extracted=tuple(candidate.extracted),
        )
    )


def _build(
    live: list[Candidate], site: _Site, resolve: Resolver, extract: bool, entries: list[PageEntry]
) -> _Built:
    """Step 5: the objects the pages describe, proposals first, so that events can link their
    workshop topics to them; where two pages claim a slug, the one whose file is named after it
    keeps it."""
    live.sort(
        key=lambda c: (
            c.kind is model.Event,
            c.data.get("slug") != slugify(c.slug_from_path),
            c.file,
        )
    )
    built = _Built(seasons=list(site.programme.seasons))
    for candidate in live:
        _body(candidate, resolve, site.params, site.quarto, site.root)
        if extract:
            _extract(candidate, built.proposals)
        _build_one(candidate, site, built, entries)
    return built


def _seasons(
    pages: Sequence[tuple[Candidate, str]],
    site: _Site,
    resolve: Resolver,
    entries: list[PageEntry],
) -> _Site:
    """Step 5d: season pages as the programme's seasons (see ``._seasons``)."""
    known = {item.slug: item for item in site.programme.seasons}
    added: list[model.Season] = []
    for candidate, slug in pages:
        _body(candidate, resolve, site.params, site.quarto, site.root)
        file = candidate.path.relative_to(site.content).as_posix()
        found: model.Season | None = known.get(slug)
        if found is not None and found.extra.get(HUGO_KEY) == {"file": file}:
            # The programme's data file has it, written there by an export of this site.
            said = f"the season {slug!r} of the programme, as its data file has it"
        elif found is not None:
            found, said = None, f"the season {slug!r}, which the programme has already"
        else:
            found, said = season(slug, candidate.data, file)
            if found is not None:
                added.append(found)
                known[slug] = found
        entries.append(
            PageEntry(
                file=candidate.file,
                outcome="imported-season" if found is not None else "skipped",
                reason=f"{candidate.reason}: {said}",
                slug=slug if found is not None else None,
                notes=in_order(candidate.notes),
            )
        )
    if not added:
        return site
    programme = attrs.evolve(site.programme, seasons=(*site.programme.seasons, *added))
    return attrs.evolve(site, programme=programme)


def _calendars(
    layout: Layout,
    events: Sequence[tuple[str, ...]],
    extract: bool,
    built: _Built,
    entries: list[PageEntry],
) -> None:
    """Step 5c: the dated events listed in an events section's list page (a training
    calendar); with ``extract`` they are imported, else the list page's entry says so."""
    for entry in list(entries):
        path = layout.root / entry.file
        relative = path.relative_to(layout.content).parts
        if not (entry.outcome == "skipped" and entry.reason.startswith("the list page of")):
            continue
        if tuple(relative[:-1]) not in events:
            continue
        try:
            page = split_page(read_text(path), entry.file, lenient=True)
        except DataError:
            continue
        dated = read_calendar(page.body, page.body_line)
        if not dated:
            continue
        if not extract:
            note = Note(message=f"a calendar of {len(dated)} dated events: --extract imports them")
            entries[entries.index(entry)] = attrs.evolve(entry, notes=(*entry.notes, note))
            continue
        entries.remove(entry)
        for item in dated:
            _calendar_event(item, entry.file, built, entries)


def _calendar_event(item: Dated, file: str, built: _Built, entries: list[PageEntry]) -> None:
    """One event of a calendar, built, or a failed entry at its line."""
    slug = str(item.data["slug"])  # read_calendar always gives a str slug
    if any(event.slug == slug for event in built.events):
        problem = Problem(message=f"slug {slug!r} is taken already", path="$.slug")
    else:
        # The export leaves it in the list page it came from (see ideation.hugo._export).
        data: PlainMapping = {**item.data, HUGO_KEY: {"file": file, "calendar": True}}
        try:
            event = structure(data, model.Event)
        except DataError as error:
            problem = error.problems[0]
        else:
            built.events.append(event)
            found = tuple(
                Extracted(path=f"$.{key}", value=value, line=item.line, text=item.text.strip())
                for key, value in item.data.items()
            )
            built.imported.append(
                PageEntry(
                    file=file,
                    outcome="imported-event",
                    reason="an event of the calendar listed in this page",
                    line=item.line,
                    slug=slug,
                    extracted=found,
                )
            )
            return
    reason = f"{problem.path}: {problem.message}"
    entries.append(PageEntry(file=file, outcome="failed", reason=reason, line=item.line))


def _repository_key(url: str | None) -> str | None:
    """A repository URL as compared: no scheme, no ``www.``, no ``.git``, no final slash."""
    if not url or not url.strip():
        return None
    key = re.sub(r"^[a-z]+://(www\.)?", "", url.strip().casefold())
    return re.sub(r"(\.git)?/*$", "", key) or None


def _season(proposal: model.Proposal, file: str) -> tuple[str, str]:
    """What tells two seasons apart: the folder of the page, and the year of its date."""
    folder = file.rsplit("/", 1)[0]
    return folder, str(proposal.date.year) if proposal.date is not None else ""


def _probable_duplicates(built: _Built) -> None:
    """Step 5b: name proposals that are probably one project under two slugs (renamed between
    seasons): the same repository, or the same lead in another season."""
    files = {e.slug: e.file for e in built.imported if e.outcome == "imported-proposal"}
    # A lead of several projects in one season tells nothing: only a lead's one project counts.
    per_season = collections.Counter(
        (p.lead.strip().casefold(), _season(p, files[p.slug])) for p in built.proposals if p.lead
    )

    def only_one(proposal: model.Proposal) -> bool:
        lead = (proposal.lead or "").strip().casefold()
        return per_season[lead, _season(proposal, files[proposal.slug])] == 1

    found: dict[str, list[str]] = {}
    for first, second in itertools.combinations(built.proposals, 2):
        same = None
        repo = _repository_key(first.repository)
        if repo is not None and repo == _repository_key(second.repository):
            same = f"the same repository, {first.repository}"
        elif (
            first.lead
            and second.lead
            and first.lead.strip().casefold() == second.lead.strip().casefold()
            and _season(first, files[first.slug]) != _season(second, files[second.slug])
            and only_one(first)
            and only_one(second)
        ):
            same = f"the same lead, {first.lead}, in another season"
        if same is not None:
            for one, other in ((first, second), (second, first)):
                found.setdefault(one.slug, []).append(
                    f"probably the same project as {files[other.slug]} (slug {other.slug!r}): "
                    f"{same}"
                )
    built.imported = [
        attrs.evolve(e, notes=(*e.notes, *(Note(message=m) for m in found[e.slug])))
        if e.outcome == "imported-proposal" and e.slug in found
        else e
        for e in built.imported
    ]


def _under(path: str, prefix: str) -> str | None:
    """``path`` relative to ``prefix`` (``$.events[2].phase`` under ``$.events[2]`` is
    ``$.phase``), or ``None`` when it is not under it."""
    if path == prefix:
        return "$"
    if path.startswith(prefix) and path[len(prefix)] in ".[":
        return "$" + path[len(prefix) :]
    return None


def _blame(
    problems: Iterable[Problem],
    items: Mapping[str, Sequence[model.Event | model.Proposal]],
) -> dict[tuple[str, str], list[Problem]]:
    """The catalogue's problems by the object they are about, as ``(kind, slug)``; a problem
    with no object (the programme's own data is wrong) is ``("", "")``."""
    blamed: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        owner, relative = ("", ""), problem.path
        for kind, objects in items.items():
            for index, item in enumerate(objects):
                # The catalogue names each object by its place in the lists it was given.
                under = _under(problem.path, f"$.{kind}[{index}]")
                if under is not None:
                    owner, relative = (kind, item.slug), under
        blamed.setdefault(owner, []).append(attrs.evolve(problem, path=relative))
    return blamed


def _record_site(
    site: _Site,
    events: Sequence[tuple[str, ...]],
    proposals: Sequence[tuple[str, ...]],
    key_map: Mapping[str, str],
) -> _Site:
    """How the site was read (sections, key map), with the programme, for the export to write
    it back the same way; nothing when it was read the default way."""
    record = {
        "events": ["/".join(parts) for parts in events],
        "proposals": ["/".join(parts) for parts in proposals],
        "key_map": {key: target for key, target in key_map.items() if target},
    }
    if record == {"events": ["actualites"], "proposals": ["projets"], "key_map": DEFAULT_KEY_MAP}:
        return site
    extra = {**site.programme.extra, HUGO_KEY: record}
    return attrs.evolve(site, programme=attrs.evolve(site.programme, extra=extra))


def _catalogue(site: _Site, built: _Built, entries: list[PageEntry]) -> model.Catalogue:
    """Step 6: the catalogue of what was built; a page whose references do not resolve (an
    event naming a proposal that failed, say) moves from imported to failed."""
    while True:
        events = sorted(built.events, key=lambda e: e.slug)
        proposals = sorted(built.proposals, key=lambda p: p.slug)
        try:
            return model.Catalogue(
                programme=site.programme,
                organisations=site.organisations,
                events=events,
                proposals=proposals,
            )
        except DataError as error:
            blamed = _blame(error.problems, {"events": events, "proposals": proposals})
            if ("", "") in blamed:
                # The programme's own data (data/ideation/programme.yaml) is wrong.
                raise
            for (kind, slug), problems in blamed.items():
                if not _refit(kind, slug, problems, built, site.content):
                    _fail_built(kind, slug, problems, built, entries)


def _refit(kind: str, slug: str, problems: Sequence[Problem], built: _Built, content: Path) -> bool:
    """Build an object again with what the catalogue refused set aside (see ``._fit``);
    whether it could be."""
    candidate = built.pages.get((kind, slug))
    if candidate is None or not set_aside(candidate, problems):
        return False
    try:
        item = _with_origins(candidate, structure_page(candidate), content)
    except DataError:
        return False
    if isinstance(item, model.Event):
        built.events = [item if e.slug == slug else e for e in built.events]
    else:
        built.proposals = [item if p.slug == slug else p for p in built.proposals]
    outcome = "imported-event" if kind == "events" else "imported-proposal"
    built.imported = [
        attrs.evolve(e, notes=in_order(candidate.notes), extracted=tuple(candidate.extracted))
        if e.outcome == outcome and e.slug == slug
        else e
        for e in built.imported
    ]
    return True


def _fail_built(
    kind: str, slug: str, problems: Sequence[Problem], built: _Built, entries: list[PageEntry]
) -> None:
    if kind == "events":
        built.events = [item for item in built.events if item.slug != slug]
    else:
        built.proposals = [item for item in built.proposals if item.slug != slug]
    outcome = "imported-event" if kind == "events" else "imported-proposal"
    (page,) = [e for e in built.imported if e.outcome == outcome and e.slug == slug]
    built.imported.remove(page)
    reason = "; ".join(f"{p.path}: {p.message}" for p in problems)
    entries.append(
        attrs.evolve(page, outcome="failed", reason=reason, problems=tuple(problems), slug=None)
    )


def import_site(
    site: str | Path,
    *,
    events: str | Sequence[str] | None = None,
    proposals: str | Sequence[str] | None = None,
    key_map: Mapping[str, str] | None = None,
    extract: bool = False,
    programme_slug: str | None = None,
    as_events: Sequence[str] = (),
    not_events: Sequence[str] = (),
) -> HugoImport:
    """Read a Hugo site's ``content/`` into a catalogue, and say what became of every file.

    ``events`` and ``proposals`` name the sections (folders under ``content/``, ``a/b`` for a
    nested one) whose pages are events and proposals (by default the first the site has of
    ``actualites``, ``evenements``, ``events``, ``event`` and of ``projets``, ``projects``,
    ``project``, in English first for a site whose language is English); a section named that
    does not exist is a :class:`~ideation.errors.UsageError`
    that lists the site's sections. The pages of an events section that are news, not events,
    are skipped with the reasons (see ``ideation.hugo._news``); ``as_events`` and
    ``not_events`` are globs of pages (``actualites/2023-*``) that decide instead.
    ``key_map`` maps site keys onto model fields (``{"responsible": "lead"}``); ``None``
    means ``DEFAULT_KEY_MAP``, a mapping replaces it.
    ``extract`` reads structure out of the prose, each value reported.
    ``programme_slug`` overrides the slug made from the site's title.

    Pages that fail are in the report, not in the catalogue; a site folder that does not exist
    is a :class:`~ideation.errors.UsageError`, one without ``content/`` a
    :class:`~ideation.errors.DataError`.
    """
    root = Path(site)
    mapping = check_key_map(DEFAULT_KEY_MAP if key_map is None else key_map)
    _check_programme_slug(programme_slug)
    opened, config = _open_site(root, programme_slug)
    event_sections, proposal_sections, given = _sections_asked(
        events, proposals, opened.content, site_language(config)
    )
    _check_sections(opened.content, given, opened.notes)
    layout = Layout(opened.root, opened.content, quarto=bool(config.get("quarto")))
    season_pages: list[tuple[Candidate, str]] = []
    entries, live = _live_pages(
        layout,
        opened,
        config,
        (event_sections, proposal_sections),
        mapping,
        (as_events, not_events),
        season_pages,
    )
    resolve = _link_pages(live, opened.content, event_sections, proposal_sections)
    built = _build(live, opened, resolve, extract, entries)
    if len(built.seasons) != len(opened.programme.seasons):
        programme = attrs.evolve(opened.programme, seasons=tuple(built.seasons))
        opened = attrs.evolve(opened, programme=programme)
    opened = _seasons(season_pages, opened, resolve, entries)
    _calendars(layout, event_sections, extract, built, entries)
    _probable_duplicates(built)
    if not (root / DATA_FILE).is_file():
        # A site an export wrote has the record in its data file already.
        opened = _record_site(opened, event_sections, proposal_sections, mapping)
    catalogue = _catalogue(opened, built, entries)
    entries.extend(built.imported)
    entries.sort(key=lambda entry: entry.file)
    kept = {
        (kind, item.slug)
        for kind, items in (("events", catalogue.events), ("proposals", catalogue.proposals))
        for item in items
    }
    built.pages = {key: page for key, page in built.pages.items() if key in kept}
    return HugoImport(
        catalogue=catalogue,
        entries=tuple(entries),
        site=str(root),
        notes=tuple(opened.notes),
        images=built.images(),
    )
