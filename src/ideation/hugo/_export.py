"""Writing a catalogue back as a Hugo site's pages.

Every file is written under the output folder, whatever the options or the data say: a section
given as ``../../x``, a slug that is not a plain name, or a symbolic link in the output folder
that leads elsewhere is refused before anything is written.

A Hugo site is published: the pages are written from :func:`ideation.privacy.public_catalogue`
of the catalogue, so nobody is named in them without their consent (participants who did not
consent are left out of the attendance, voters are never named, and a team names a candidate
who did not consent by an anonymous slug).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import attrs

from ideation import model
from ideation._io import write_run
from ideation.convert import unstructure
from ideation.errors import DataError, MissingExtraError, UsageError
from ideation.formats import yaml
from ideation.formats.markdown import split_page
from ideation.model import PlainValue
from ideation.privacy import public_catalogue

from ._dates import PRECISION_KEY, as_written, precision_key
from ._origins import HUGO_KEY, front_matter_back, shortcodes_back, shortcodes_left
from ._page import (
    DATA_FILE,
    EVENT_PAGES_KEY,
    EVENTS_LABEL,
    INDEX,
    PROPOSALS_LABEL,
    page_path,
    site_key,
)
from ._refs import refs_to_shortcodes
from ._repairs import DEFAULT_KEY_MAP, field_types
from ._report import ExportedPage, HugoExport, Note
from ._rewrite import page_back
from ._shortcodes import restore_shortcodes
from ._site import content_dir, site_config

# Characters that are no part of a folder name Hugo would serve: separators of other systems,
# and control characters.
_FORBIDDEN = frozenset("\\:\0") | frozenset(chr(code) for code in range(32))


def section_path(value: str, option: str = "section") -> PurePosixPath:
    """A section name (``actualites``, ``blog/events``) as a relative path that stays inside
    ``content/``; a :class:`~ideation.errors.UsageError` for anything else (``../x``, ``.``)."""
    parts = value.strip().strip("/").split("/")
    bad = [part for part in parts if part in ("", ".", "..") or _FORBIDDEN & set(part)]
    if bad or not value.strip().strip("/"):
        raise UsageError(
            f"{option}: expected a section folder under content/, like actualites or "
            f"blog/events, got {value!r} (no '..', '.', empty or backslash parts)"
        )
    return PurePosixPath(*parts)


def _inside(root: Path, path: Path) -> Path:
    """``path``, once checked to stay under ``root`` when every link is followed."""
    base = root.resolve()
    if not path.resolve().is_relative_to(base):
        raise UsageError(
            f"{path}: would be written outside the output folder {root} (a symbolic link, or a "
            "name that climbs out of it); nothing was written"
        )
    return path


def _page_name(slug: str) -> str:
    # Slugs are checked by the model; this guards a catalogue built some other way.
    if not slug or "/" in slug or slug in (".", "..") or _FORBIDDEN & set(slug):
        raise UsageError(f"slug {slug!r}: not a plain name, cannot be a page's file name")
    return f"{slug}.md"


def _site_name(key: str) -> str:
    """A key kept as the site's own (``hugo_sponsors``, ``hugo_description``) under the name
    the site gives it (``sponsors``, ``description``)."""
    return site_key(key, [*field_types(model.Event), *field_types(model.Proposal)])


def _plain_front(fields: Mapping[str, Any], inverse: Mapping[str, str]) -> dict[str, Any]:
    """The front matter of an object the import did not write: the model's keys, or the
    site's where ``inverse`` names them."""
    front: dict[str, Any] = {}
    for key, value in fields.items():
        front[_site_name(inverse.get(key, key))] = value
    for key in ("date", "start", "end"):
        if precision_key(key) in front and key in front:
            # A year or a month alone, as the page had it (see ideation.hugo._dates).
            front[key] = as_written(front[key], front.pop(precision_key(key)))
    history = front.get("history")
    if isinstance(history, list):
        front["history"] = [_step_as_written(step) for step in history]
    return front


def _step_as_written(step: PlainValue) -> PlainValue:
    """A step of a status history, its date as the page had it (a year, a month)."""
    if not isinstance(step, dict) or PRECISION_KEY not in step:
        return step
    written = {key: value for key, value in step.items() if key != PRECISION_KEY}
    written["date"] = as_written(step.get("date"), step[PRECISION_KEY])
    return written


def _inverses(
    site_record: Mapping[str, Any], key_map: Mapping[str, str] | None
) -> tuple[dict[str, str], dict[str, str]]:
    """Field to site key: for objects the import did not write, as ``key_map`` (or the one the
    import recorded) says; for pages the import read, the same, else the default key map they
    were read with (the import records a key map only when it is not the default)."""
    recorded = site_record.get("key_map")
    if key_map is None and isinstance(recorded, Mapping):
        key_map = recorded
    inverse = {field: key for key, field in (key_map or {}).items() if field}
    default = {field: key for key, field in DEFAULT_KEY_MAP.items()}
    return inverse, (inverse if key_map is not None else default)


def _contents(
    item: Any,
    inverses: tuple[Mapping[str, str], Mapping[str, str]],
    path_of: Callable[[str, str], str | None],
    in_place: bool = True,
) -> tuple[dict[str, Any], str | None, list[Note]]:
    """What one page says: its front matter, its body (the description), and notes on what
    the body could not carry back. A page the import read is given back as it was written
    (see ``.origins``); ``in_place`` says the page goes back to the file it came from:
    elsewhere, its original links would be wrong."""
    fields = unstructure(item)
    hugo = fields.pop(HUGO_KEY, None)
    body = fields.pop("description", None)
    lost: list[Note] = []
    if isinstance(hugo, Mapping):
        front = front_matter_back(fields, hugo, inverses[1])
        front = {_site_name(key): value for key, value in front.items()}
    else:
        front = _plain_front(fields, inverses[0])
    if body is not None and isinstance(hugo, Mapping):
        if in_place:
            # First what the roles cannot say (a link's title), then the roles themselves.
            body, lost = shortcodes_back(body, hugo)
        else:
            where = hugo.get("file")
            lost = shortcodes_left(hugo, f"the page moved from {where}")
    if body is not None:
        body = restore_shortcodes(refs_to_shortcodes(body, path_of))
    return front, body, lost


def _render(front: Mapping[str, Any], body: str | None) -> str:
    """A page written whole: YAML front matter, then the body."""
    # Written here rather than by the markdown module, whose ``description`` key is the body:
    # a Hugo page may have both.
    text = f"---\n{yaml.render(front)}---\n"
    return text if body is None else f"{text}\n{body}\n"


def _original(page: PurePosixPath, source: Path | None, root: Path) -> str | None:
    """The text the site has for ``page``: in the site imported from, else in the output."""
    for content in (source, root / "content"):
        path = None if content is None else content / page
        # Only a file of that site: a link (to a folder, say) could lead to any file.
        if (
            content is not None
            and path is not None
            and path.is_file()
            and path.resolve().is_relative_to(content.resolve())
        ):
            try:
                return path.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                return None
    return None


def _page_lines(notes: list[Note], original: str | None) -> list[Note]:
    """``notes`` whose lines count in the body, moved to the lines of the page ``original``
    (where a person finds the shortcode named); with no page, the note says "of the body"."""
    start = None
    if original is not None:
        try:
            start = split_page(
                original.replace("\r\n", "\n").removeprefix("\ufeff"), lenient=True
            ).body_line
        except DataError:
            start = None
    moved: list[Note] = []
    for note in notes:
        if note.line is None:
            moved.append(note)
        elif start is None:
            moved.append(
                attrs.evolve(note, message=f"{note.message} (line {note.line} of the body)")
            )
        else:
            moved.append(attrs.evolve(note, line=start + note.line - 1))
    return moved


def _page_text(
    page: PurePosixPath,
    contents: tuple[dict[str, Any], str | None, list[Note]],
    original: str | None,
) -> tuple[str, ExportedPage]:
    """The text of one page, and the story of how it was written (see ``.rewrite``)."""
    front, body, lost = contents
    file = f"content/{page.as_posix()}"
    lost = _page_lines(lost, original)
    reason = (
        "a new page"
        if original is None
        else "the page's front matter could not be edited in place (JSON, or mended by the import)"
    )
    try:
        rewritten = None if original is None else page_back(original, front, body)
    except MissingExtraError as error:
        # The bare package: the page is right, only not kept line for line.
        rewritten = None
        reason = (
            f"the page changed, and editing it in place needs {error.package} "
            f"(the {error.extra!r} extra)"
        )
    if rewritten is None:
        return _render(front, body), ExportedPage(
            file=file, how="written", reason=reason, notes=tuple(lost)
        )
    how: Literal["unchanged", "edited"] = "edited" if rewritten.changed else "unchanged"
    return rewritten.text, ExportedPage(
        file=file, how=how, changed=rewritten.changed, notes=tuple(lost)
    )


def _page_path(item: Any, folder: PurePosixPath) -> PurePosixPath:
    """Where a page goes under ``content/``: the file it was imported from when it is in the
    same section (its URL and its bundle kept), else ``<section>/<slug>.md``."""
    hugo = item.extra.get(HUGO_KEY)
    file = hugo.get("file") if isinstance(hugo, Mapping) else None
    if isinstance(file, str):
        try:
            path = section_path(file, "file")
        except UsageError:
            path = None
        inside = path is not None and len(path.parts) > len(folder.parts)
        if path is not None and inside and path.parts[: len(folder.parts)] == folder.parts:
            return path
    return folder / _page_name(item.slug)


def _resources(source: Path, page: PurePosixPath, root: Path) -> list[tuple[Path, Path]]:
    """The files of a page bundle in ``source`` (the site imported), beside its index page,
    as ``(from, to)``; links and anything outside the bundle are left out."""
    if not INDEX.fullmatch(PurePosixPath(page.name).stem):
        return []
    bundle = source / page.parent
    if not bundle.is_dir() or bundle.is_symlink():
        return []
    base = bundle.resolve()
    pairs: list[tuple[Path, Path]] = []
    for path in sorted(bundle.rglob("*")):
        relative = path.relative_to(bundle)
        if (
            path.is_file()
            and not path.is_symlink()
            and path.resolve().is_relative_to(base)
            and not (len(relative.parts) == 1 and INDEX.fullmatch(path.stem))
        ):
            pairs.append((path, root / "content" / page.parent / relative))
    return pairs


def _linker(
    event_dir: PurePosixPath, proposal_dir: PurePosixPath, pages: Mapping[tuple[str, str], str]
) -> Callable[[str, str], str | None]:
    """Where a cross-reference points in the site: ``pages`` gives the Hugo path of each page
    written, by role and slug, so that a page kept under its own file name is found there."""

    def path_of(role: str, name: str) -> str | None:
        if (role, name) in pages:
            return pages[role, name]
        if role == "ideation:event":
            return f"/{event_dir}/{name}"
        if role == "ideation:proposal":
            return f"/{proposal_dir}/{name}"
        if role == "ref" and name == EVENTS_LABEL:
            return f"/{event_dir}"
        if role == "ref" and name == PROPOSALS_LABEL:
            return f"/{proposal_dir}"
        return None

    return path_of


def export_site(
    catalogue: model.Catalogue,
    site: str | Path,
    *,
    events: str | None = None,
    proposals: str | None = None,
    key_map: Mapping[str, str] | None = None,
    source: str | Path | None = None,
) -> HugoExport:
    """Write ``catalogue`` as Hugo pages under ``site``; say what was written, and how.

    Events go to ``content/<events>/<slug>.md``, proposals to ``content/<proposals>/<slug>.md``,
    each written atomically, with YAML front matter and the description as the body; MyST
    cross-references in bodies become ``ref`` shortcodes again. The programme and organisations
    go to ``data/ideation/programme.yaml``. ``key_map`` (site key to model field, as for
    :func:`import_site`) writes fields under the site's own keys; by default the model's keys
    are written. Where the site already has a page (in ``source``, the site the catalogue was
    imported from, else in ``site`` itself), that page is kept and only what changed is
    written again: its key order, quoting, comments and body stay as they were (see
    ``ideation.hugo._rewrite``). Other files of the site are left alone. A section or a slug
    that would put a file outside ``site`` is a :class:`~ideation.errors.UsageError`, raised
    before any write. Nobody is named without their consent (see
    :func:`ideation.privacy.public_catalogue`): the pages are published as they are.
    """
    root = Path(site)
    recorded = catalogue.programme.extra.get(HUGO_KEY)
    site_record: Mapping[str, Any] = recorded if isinstance(recorded, Mapping) else {}
    inverses = _inverses(site_record, key_map)
    event_dir, proposal_dir = _sections(site_record, events, proposals)
    # Where each page goes is checked on the catalogue as given, before anything else looks
    # at it: a slug that would leave the site is refused first, whatever else is wrong.
    _place(catalogue, event_dir, proposal_dir)
    catalogue = public_catalogue(catalogue)
    placed, path_of = _place(catalogue, event_dir, proposal_dir)
    source_content = None if source is None else _source_content(Path(source))

    placed = [entry for entry in placed if not _in_calendar(entry[2])]
    data = unstructure(catalogue.programme)
    if catalogue.organisations:
        data["organisations"] = unstructure(catalogue.organisations)
    # The pages written as events, so that the next import takes these as events and judges
    # any other page of the section (news written since) by the usual rules.
    event_pages: list[PlainValue] = [
        *sorted(page.as_posix() for role, _, _, page in placed if role == "ideation:event")
    ]
    data[EVENT_PAGES_KEY] = event_pages
    files: list[tuple[Path, str]] = [(root / DATA_FILE, yaml.render(data))]
    copies: list[tuple[Path, Path]] = []
    pages: list[ExportedPage] = []
    for _, _, item, page in placed:
        hugo = item.extra.get(HUGO_KEY)
        in_place = isinstance(hugo, Mapping) and hugo.get("file") == page.as_posix()
        contents = _contents(item, inverses, path_of, in_place)
        text, exported = _page_text(page, contents, _original(page, source_content, root))
        files.append((root / "content" / page, text))
        pages.append(exported)
        if source_content is not None:
            copies.extend(_resources(source_content, page, root))
    written = _write(root, files, copies)
    return HugoExport(site=str(root), written=tuple(written), pages=tuple(pages))


def _in_calendar(item: model.Event | model.Proposal) -> bool:
    """Whether ``item`` is an event of a list page's calendar: it stays in that page."""
    hugo = item.extra.get(HUGO_KEY)
    return isinstance(hugo, Mapping) and bool(hugo.get("calendar"))


def _sections(
    site_record: Mapping[str, Any], events: str | None, proposals: str | None
) -> tuple[PurePosixPath, PurePosixPath]:
    """The events and proposals sections: as asked, else as the import recorded them."""
    event_dir = section_path(
        _first(site_record, "events", "actualites") if events is None else events,
        "events section",
    )
    proposal_dir = section_path(
        _first(site_record, "proposals", "projets") if proposals is None else proposals,
        "proposals section",
    )
    return event_dir, proposal_dir


def _write(
    root: Path, files: list[tuple[Path, str]], copies: list[tuple[Path, Path]]
) -> list[Path]:
    """Write the pages and copy the resources, once every path is known to stay under ``root``.

    Every path is checked before the first write, so a refusal leaves the folder as it was;
    every file is made complete beside its place before the first is renamed into place, so a
    failed write (a full disk) leaves no new file, and no folder the export made.
    """
    checked = [(_inside(root, path), text) for path, text in files]
    copies = [(origin, _inside(root, target)) for origin, target in copies]
    _inside(root, root / "content")
    written: list[Path] = []
    with write_run() as run:
        # A site without events or proposals is still a site: its content/ folder exists.
        run.folder(root / "content")
        for path, text in checked:
            if path.is_file() and path.read_bytes() == text.encode("utf-8"):
                continue  # the same bytes: rewriting would only make Hugo's watcher rebuild
            run.write(path, text)
            written.append(path)
        for origin, target in copies:
            if _same_file(origin, target):
                # Exported into the site it was read from (``-o SITE --from SITE``): the file
                # is in place already, and copying a file onto itself is an error.
                continue
            run.copy(origin, target)
            written.append(target)
    return written


def _same_file(origin: Path, target: Path) -> bool:
    """Whether ``target`` is ``origin`` itself, or a file with the same bytes already."""
    try:
        if target.samefile(origin):
            return True
        return target.stat().st_size == origin.stat().st_size and (
            target.read_bytes() == origin.read_bytes()
        )
    except OSError:
        return False


def _place(
    catalogue: model.Catalogue, event_dir: PurePosixPath, proposal_dir: PurePosixPath
) -> tuple[list[tuple[str, PurePosixPath, Any, PurePosixPath]], Callable[[str, str], str | None]]:
    """Where each page goes, and where cross-references then point."""
    placed = [
        (role, folder, item, _page_path(item, folder))
        for role, folder, items in (
            ("ideation:event", event_dir, catalogue.events),
            ("ideation:proposal", proposal_dir, catalogue.proposals),
        )
        for item in items
    ]
    pages = {(role, item.slug): f"/{page_path(page).as_posix()}" for role, _, item, page in placed}
    return placed, _linker(event_dir, proposal_dir, pages)


def _first(site_record: Mapping[str, Any], key: str, default: str) -> str:
    """The first section the import read for ``key``, or ``default``."""
    sections = site_record.get(key)
    if isinstance(sections, list | tuple) and sections and isinstance(sections[0], str):
        return sections[0]
    return default


def _source_content(source: Path) -> Path:
    """The folder of a site's pages: ``content/`` (or its config's), a Quarto project's own."""
    if not source.is_dir():
        raise UsageError(f"{source}: not a folder; expected the Hugo site the catalogue came from")
    config, _ = site_config(source, [])
    return content_dir(source, config)
