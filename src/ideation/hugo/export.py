"""Writing a catalogue back as a Hugo site's pages."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from ideation import model
from ideation.convert import unstructure
from ideation.formats import yaml
from ideation.formats._files import write_atomically

from .page import DATA_FILE, EVENTS_LABEL, HUGO_DESCRIPTION, PROPOSALS_LABEL
from .refs import refs_to_shortcodes

__all__ = ["export_site"]


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
    are written. Other files of the site are left alone.
    """
    root = Path(site)
    inverse = {field: key for key, field in (key_map or {}).items()}
    event_dir = PurePosixPath(events.strip("/"))
    proposal_dir = PurePosixPath(proposals.strip("/"))

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

    written: list[Path] = []
    # A site without events or proposals is still a site: its content/ folder exists.
    (root / "content").mkdir(parents=True, exist_ok=True)
    data = unstructure(catalogue.programme)
    if catalogue.organisations:
        data["organisations"] = unstructure(catalogue.organisations)
    target = root / DATA_FILE
    write_atomically(target, yaml.render(data))
    written.append(target)
    for folder, items in ((event_dir, catalogue.events), (proposal_dir, catalogue.proposals)):
        for item in items:
            front: dict[str, Any] = {}
            body: str | None = None
            for key, value in unstructure(item).items():
                if key == "description":
                    body = refs_to_shortcodes(value, path_of)
                elif key == HUGO_DESCRIPTION:
                    front["description"] = value
                else:
                    front[inverse.get(key, key)] = value
            # Written here rather than by the markdown module, whose ``description`` key is the
            # body: a Hugo page may have both.
            text = f"---\n{yaml.render(front)}---\n"
            if body is not None:
                text += f"\n{body}\n"
            path = root / "content" / folder / f"{item.slug}.md"
            write_atomically(path, text)
            written.append(path)
    return written
