"""Proposals and organisations named as people name them in forms (a title, an acronym, an
alias), found in the catalogue; an unknown one reported with the closest known names."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from ..model import Catalogue, PlainMapping, PlainValue
from ._cells import normal_name


def resolve(
    data: PlainMapping,
    catalogue: Catalogue,
    columns: Mapping[str, tuple[str, ...]],
    separator: str | None,
) -> list[str]:
    """Proposals and organisations named as people name them (a title, an acronym, an alias)
    as slugs, in place; the problems of names that are none of these."""
    errors: list[str] = []

    def where(key: str) -> str:
        return ", ".join(repr(column) for column in columns.get(key, (key,)))

    wishes = data.get("wishes")
    if isinstance(wishes, list) and catalogue.proposals:
        names = _proposal_names(catalogue)
        texts = _rejoin([str(item) for item in wishes], separator, names)
        found = [_lookup(text, names) for text in texts]
        for text, slug in zip(texts, found, strict=True):
            if slug is None:
                errors.append(f"column {where('wishes')}: {_unknown('proposal', text, names)}")
        data["wishes"] = [slug or text for text, slug in zip(texts, found, strict=True)]
    orgs = _organisation_names(catalogue)
    for key in ("organisation", "sponsors"):
        value = data.get(key)
        given: list[PlainValue] = (
            [value] if isinstance(value, str) else value if isinstance(value, list) else []
        )
        slugs: list[PlainValue] = []
        for named in given:
            slug = _lookup(str(named), orgs)
            if slug is None and orgs:
                errors.append(f"column {where(key)}: {_unknown('organisation', str(named), orgs)}")
            slugs.append(slug or named)
        if isinstance(value, str):
            data[key] = slugs[0]
        elif isinstance(value, list):
            data[key] = slugs
    return errors


#: Each name by its normal form (accents, case, spacing and punctuation ignored): the slug it
#: names, and the name as written.
_Names = dict[str, tuple[str, str]]


def _organisation_names(catalogue: Catalogue) -> _Names:
    names: _Names = {}
    for org in catalogue.organisations:
        for name in org.names:
            names.setdefault(normal_name(name), (org.slug, org.label))
    return names


def _proposal_names(catalogue: Catalogue) -> _Names:
    names: _Names = {}
    for proposal in catalogue.proposals:
        names.setdefault(proposal.slug, (proposal.slug, proposal.title))
        names.setdefault(normal_name(proposal.title), (proposal.slug, proposal.title))
    return names


def _lookup(text: str, names: _Names) -> str | None:
    found = names.get(normal_name(text))
    return None if found is None else found[0]


def _rejoin(items: list[str], separator: str | None, names: _Names) -> list[str]:
    """The items of a list split on ``separator``, with the pieces of one name that holds the
    separator (a title with a comma) joined again."""
    if not separator:
        return items
    joined: list[str] = []
    start = 0
    while start < len(items):
        end = next(
            (
                end
                for end in range(len(items), start + 1, -1)
                if _lookup(separator.join(items[start:end]), names) is not None
            ),
            start + 1,
        )
        joined.append(separator.join(items[start:end]))
        start = end
    return joined


def _unknown(what: str, text: str, names: _Names) -> str:
    """That ``text`` names no known ``what``, and the closest known names."""
    key = normal_name(text)
    words = set(key.split("-"))
    # A known name whose words all appear in the text (an acronym in "DNUM (Intérieur)") comes
    # first, then the names that are spelt alike.
    within = sorted(
        (name for name in names if name and set(name.split("-")) <= words),
        key=lambda name: -len(name.split("-")),
    )
    alike = difflib.get_close_matches(key, list(names), n=5, cutoff=0.5)
    shown: dict[str, str] = {}
    for name in [*within, *alike]:
        slug, label = names[name]
        shown.setdefault(slug, f"{label!r} ({slug})")
    closest = list(shown.values())[:3]
    hint = "" if what != "organisation" else "; or add the name to its aliases: in programme.yaml"
    if not closest:
        return f"unknown {what} {text!r}: no known {what} has a name like it{hint}"
    return f"unknown {what} {text!r}; the closest known: {', '.join(closest)}{hint}"
