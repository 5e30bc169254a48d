"""The import of a Hugo site, step by step: open the site, sort its files, read the pages,
link them, build the objects, and check the catalogue they make."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import attrs

from ideation import model
from ideation.convert import structure
from ideation.errors import DataError, Problem, UsageError

from .extract import Found, extract_event, extract_proposal, slugify
from .page import HTML_SUFFIXES, find_raw_html, page_path
from .refs import Resolver, resolver, shortcodes_to_refs
from .repairs import DEFAULT_KEY_MAP, Candidate, check_key_map, failed, in_order, read_page
from .report import Extracted, HugoImport, Note, PageEntry
from .site import classify, content_dir, one_language, programme, sections, site_config

__all__ = ["import_site"]


# -- steps on one page -------------------------------------------------------------------------


def _body(candidate: Candidate, resolve: Resolver) -> None:
    page = candidate.page
    assert page is not None
    body = page.body
    if not body:
        return
    body, notes = shortcodes_to_refs(body, resolve)
    for line, message in notes:
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


# -- the steps of the import -------------------------------------------------------------------


@attrs.frozen
class _Site:
    """An opened site: where its pages are, its programme, and what was noticed on the way."""

    root: Path
    content: Path
    programme: model.Programme
    organisations: list[model.Organisation]
    notes: list[Note]


def _sections_of(value: str | Sequence[str]) -> list[tuple[str, ...]]:
    # One section given as a string would otherwise be read letter by letter.
    return sections([value] if isinstance(value, str) else list(value))


def _check_programme_slug(programme_slug: str | None) -> None:
    if programme_slug is not None and slugify(programme_slug) != programme_slug:
        raise UsageError(
            f"programme slug: expected lowercase letters, digits and single hyphens, like "
            f"{slugify(programme_slug) or 'programme-10'!r}, got {programme_slug!r}"
        )


def _open_site(root: Path, programme_slug: str | None) -> tuple[_Site, dict[str, Any]]:
    """Step 1: the site's config, its content folder and its programme."""
    if not root.is_dir():
        raise UsageError(f"{root}: not a folder; expected the folder of a Hugo site")
    notes: list[Note] = []
    config, config_name = site_config(root, notes)
    content = content_dir(root, config)
    if not content.is_dir():
        raise DataError(
            [
                Problem(
                    message=f"no {content.name}/ folder: is this the folder of a Hugo site?",
                    file=str(root),
                )
            ]
        )
    stored, organisations = programme(root, config, config_name, programme_slug, notes)
    return _Site(root, content, stored, organisations, notes), config


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
        by_path[page_path(relative).as_posix()] = (role, candidate.data["slug"])
    return resolver(by_path, events, proposals)


def _extract(candidate: Candidate, proposals: Sequence[model.Proposal]) -> None:
    """Structure from the prose of one page, each value recorded for the report."""
    page = candidate.page
    assert page is not None
    if candidate.kind is model.Event:
        fields, found_orgs, found, notes = extract_event(
            page.body, page.body_line, {p.slug: p.title for p in proposals}, candidate.data
        )
        candidate.organisations = found_orgs
    else:
        fields, found, notes = extract_proposal(page.body, page.body_line, candidate.data)
    candidate.data.update(fields)
    _record(candidate, found)
    candidate.notes.extend(Note(message=m, line=n) for n, m in notes)


@attrs.define
class _Built:
    """What the pages became so far: the objects, their entries, and the slugs and titles seen."""

    events: list[model.Event] = attrs.field(factory=list)
    proposals: list[model.Proposal] = attrs.field(factory=list)
    imported: list[PageEntry] = attrs.field(factory=list)
    slugs: dict[tuple[type[Any], str], str] = attrs.field(factory=dict)
    titles: dict[tuple[type[Any], str], str] = attrs.field(factory=dict)


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
    known = len(site.organisations)
    if candidate.organisations:
        renamed = _merge_organisations(site.organisations, candidate.organisations, candidate.notes)
        _rename_orgs(candidate.data, renamed)
    try:
        item = structure(candidate.data, candidate.kind)
    except DataError as error:
        # The organisations found on a page that failed are not the catalogue's.
        del site.organisations[known:]
        entries.append(failed(candidate, error.problems))
        return
    built.slugs[key] = candidate.file
    title_key = (candidate.kind, item.title.strip().casefold())
    if title_key in built.titles:
        # Copies of a page under another name are common; say so, do not guess which wins.
        candidate.notes.append(
            Note(message=f"same title as {built.titles[title_key]}: the same page twice?")
        )
    built.titles.setdefault(title_key, candidate.file)
    is_event = isinstance(item, model.Event)
    if isinstance(item, model.Event):
        built.events.append(item)
    else:
        built.proposals.append(item)
    built.imported.append(
        PageEntry(
            file=candidate.file,
            outcome="imported-event" if is_event else "imported-proposal",
            reason=f"a page of the {'events' if is_event else 'proposals'} section",
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
    built = _Built()
    for candidate in live:
        _body(candidate, resolve)
        if extract:
            _extract(candidate, built.proposals)
        _build_one(candidate, site, built, entries)
    return built


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
                _fail_built(kind, slug, problems, built, entries)


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
    events: str | Sequence[str] = ("actualites",),
    proposals: str | Sequence[str] = ("projets",),
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
    mapping = check_key_map(DEFAULT_KEY_MAP if key_map is None else key_map)
    event_sections, proposal_sections = _sections_of(events), _sections_of(proposals)
    _check_programme_slug(programme_slug)
    opened, config = _open_site(root, programme_slug)
    entries, candidates = classify(opened.content, event_sections, proposal_sections)
    candidates = one_language(candidates, config, entries)
    live = _read_pages(candidates, mapping, entries)
    resolve = _link_pages(live, opened.content, event_sections, proposal_sections)
    built = _build(live, opened, resolve, extract, entries)
    catalogue = _catalogue(opened, built, entries)
    entries.extend(built.imported)
    entries.sort(key=lambda entry: entry.file)
    return HugoImport(
        catalogue=catalogue, entries=tuple(entries), site=str(root), notes=tuple(opened.notes)
    )
