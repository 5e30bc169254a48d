"""A season declared in a programme file: one entry added, the rest of the file as it was."""

from __future__ import annotations

import re

from ..errors import UsageError
from ..model import PlainMapping


def declare_season(text: str, suffix: str, slug: str, name: str | None = None) -> str:
    """The text of a programme file (``suffix``: ``.yaml``, ``.json``...) with one more season,
    ``slug`` (named ``name``, by default its slug), at the end of its ``seasons``.

    A YAML file is changed in place, a line added, so that its comments and layout stay; a JSON
    file is written again. :exc:`~ideation.errors.UsageError` if the file cannot take it (a
    TOML file, a YAML file whose seasons are written inline): the season is added by hand.
    """
    entry: PlainMapping = {"slug": slug, "name": name or slug}
    if suffix.lower() == ".json":
        import json

        data = json.loads(text)
        if isinstance(data, dict) and isinstance(data.get("programme", data), dict):
            target = data.get("programme", data)
            assert isinstance(target, dict)
            seasons = target.setdefault("seasons", [])
            if isinstance(seasons, list):
                seasons.append(entry)
                return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif suffix.lower() in (".yaml", ".yml"):
        made = _yaml_with_season(text, entry)
        if made is not None:
            return made
    raise UsageError(
        f"cannot add the season {slug!r} to a programme file like this one: add it to its "
        "seasons by hand"
    )


def _yaml_with_season(text: str, entry: PlainMapping) -> str | None:
    import json

    import yaml

    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    # Values written as JSON strings, which YAML reads as they are (a slug of digits stays text);
    # the keys are the model's own.
    item = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in entry.items()]
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"seasons:\s*(#.*)?$", line.rstrip())),
        None,
    )
    if start is None and any(re.match(r"seasons\s*:", line) for line in lines):
        return None  # written inline (seasons: [...]): not a line to add to
    if start is None:
        new = [*lines, "seasons:\n", f"- {item[0]}\n", *(f"  {part}\n" for part in item[1:])]
    else:
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][0] in " -#\t"):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        dashes = [
            line[: len(line) - len(line.lstrip())]
            for line in lines[start + 1 : end]
            if line.lstrip().startswith("- ")
        ]
        dash = dashes[0] if dashes else ""
        added = [f"{dash}- {item[0]}\n", *(f"{dash}  {part}\n" for part in item[1:])]
        new = [*lines[:end], *added, *lines[end:]]
    made = "".join(new)
    try:
        data = yaml.safe_load(made)
    except yaml.YAMLError:
        return None
    # Checked, not trusted: the new text must hold the season, last, and nothing else changed.
    target = data.get("programme", data) if isinstance(data, dict) else None
    seasons = target.get("seasons") if isinstance(target, dict) else None
    if not isinstance(seasons, list) or not seasons or seasons[-1] != entry:
        return None
    before = yaml.safe_load(text)
    if (
        isinstance(before, dict)
        and isinstance(data, dict)
        and {k: v for k, v in before.items() if k != "seasons"}
        != {k: v for k, v in data.items() if k != "seasons"}
    ):
        return None
    return made
