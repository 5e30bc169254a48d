"""Writing a catalogue back as a Hugo site's pages.

Every file is written under the output folder, whatever the options or the data say: a section
given as ``../../x``, a slug that is not a plain name, or a symbolic link in the output folder
that leads elsewhere is refused before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from ideation import model
from ideation.convert import unstructure
from ideation.errors import UsageError
from ideation.formats import yaml
from ideation.formats._files import write_atomically

from .dates import PRECISION_KEY, as_written
from .page import DATA_FILE, EVENTS_LABEL, HUGO_DESCRIPTION, PROPOSALS_LABEL
from .refs import refs_to_shortcodes
from .shortcodes import restore_shortcodes

__all__ = ["export_site", "section_path"]

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


def _page(item: Any, inverse: Mapping[str, str], path_of: Callable[[str, str], str | None]) -> str:
    """The text of one page: YAML front matter, then the description as the body."""
    front: dict[str, Any] = {}
    body: str | None = None
    for key, value in unstructure(item).items():
        if key == "description":
            body = restore_shortcodes(refs_to_shortcodes(value, path_of))
        elif key == HUGO_DESCRIPTION:
            front["description"] = value
        else:
            front[inverse.get(key, key)] = value
    if PRECISION_KEY in front and "date" in front:
        # A year or a month alone, as the page had it (see ideation.hugo.dates).
        front["date"] = as_written(front["date"], front.pop(PRECISION_KEY))
    # Written here rather than by the markdown module, whose ``description`` key is the body:
    # a Hugo page may have both.
    text = f"---\n{yaml.render(front)}---\n"
    if body is not None:
        text += f"\n{body}\n"
    return text


def _linker(
    event_dir: PurePosixPath, proposal_dir: PurePosixPath
) -> Callable[[str, str], str | None]:
    def path_of(role: str, name: str) -> str | None:
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
    events: str = "actualites",
    proposals: str = "projets",
    key_map: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write ``catalogue`` as Hugo pages under ``site``; return the files written.

    Events go to ``content/<events>/<slug>.md``, proposals to ``content/<proposals>/<slug>.md``,
    each written atomically, with YAML front matter and the description as the body; MyST
    cross-references in bodies become ``ref`` shortcodes again. The programme and organisations
    go to ``data/ideation/programme.yaml``. ``key_map`` (site key to model field, as for
    :func:`import_site`) writes fields under the site's own keys; by default the model's keys
    are written. Other files of the site are left alone. A section or a slug that would put a
    file outside ``site`` is a :class:`~ideation.errors.UsageError`, raised before any write.
    """
    root = Path(site)
    inverse = {field: key for key, field in (key_map or {}).items()}
    event_dir = section_path(events, "events section")
    proposal_dir = section_path(proposals, "proposals section")
    path_of = _linker(event_dir, proposal_dir)

    data = unstructure(catalogue.programme)
    if catalogue.organisations:
        data["organisations"] = unstructure(catalogue.organisations)
    files: list[tuple[Path, str]] = [(root / DATA_FILE, yaml.render(data))]
    for folder, items in ((event_dir, catalogue.events), (proposal_dir, catalogue.proposals)):
        for item in items:
            path = root / "content" / folder / _page_name(item.slug)
            files.append((path, _page(item, inverse, path_of)))
    # Every path is checked before the first write, so a refusal leaves the folder as it was.
    checked = [(_inside(root, path), text) for path, text in files]
    _inside(root, root / "content")
    # A site without events or proposals is still a site: its content/ folder exists.
    (root / "content").mkdir(parents=True, exist_ok=True)
    for path, text in checked:
        write_atomically(path, text)
    return [path for path, _ in checked]
