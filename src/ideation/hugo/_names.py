"""Names to objects: a site key that holds organisation or season names, read as the model's
references to them.

The model refers to organisations and seasons by slug (a proposal's ``sponsors``, an event's
``organisers``, a ``season``); sites write names (``who: [Ministère de la Culture, INSEE]``,
``promos: [Promo 2022]``). Each name is matched with an organisation of the catalogue by its
slug, name, acronym or one of its aliases (case and accents aside), or with a season by its
slug or name. A name that matches none becomes a new organisation or season when the key was
mapped onto the field by the key map (``--map who=sponsors``, ``--map promos=season``): the
site says these are names of such things. On a page's own ``sponsors:`` a name that matches
nothing is left for the catalogue to refuse, which keeps it as the site's own (see ``._fit``).
Each match and each creation is a note for the report.
"""

from __future__ import annotations

from ideation import model
from ideation.model import PlainValue

from ._extract.text import fold, slugify
from ._repairs import Candidate
from ._report import Note

#: The fields that name organisations, by the kind of object that has them.
_ORGANISATION_FIELDS = {model.Event: ("organisers",), model.Proposal: ("sponsors",)}


def _organisation(
    name: str, known: list[model.Organisation], create: bool, notes: list[Note], where: str
) -> str | None:
    folded = fold(name.strip())
    for organisation in known:
        names = [organisation.slug, organisation.name, organisation.acronym or ""]
        if folded in {fold(n) for n in (*names, *organisation.aliases) if n}:
            if organisation.slug != name:
                notes.append(
                    Note(message=f"{where}: {name!r} is the organisation {organisation.slug!r}")
                )
            return organisation.slug
    slug = slugify(name)
    if not create or not slug:
        return None
    acronym = name.strip() if " " not in name.strip() and name.strip().isupper() else None
    created = model.Organisation(slug=slug, name=name.strip(), acronym=acronym)
    known.append(created)
    notes.append(Note(message=f"{where}: organisation {slug!r} created for {name!r}"))
    return slug


def _season(
    name: str, known: list[model.Season], create: bool, notes: list[Note], where: str
) -> str | None:
    folded = fold(name.strip())
    for season in known:
        if folded in (fold(season.slug), fold(season.name)):
            return season.slug
    slug = slugify(name)
    if not create or not slug:
        return None
    known.append(model.Season(slug=slug, name=name.strip()))
    notes.append(Note(message=f"{where}: season {slug!r} created for {name!r}"))
    return slug


def names_to_objects(
    candidate: Candidate,
    organisations: list[model.Organisation],
    seasons: list[model.Season],
) -> None:
    """Read the names in ``candidate``'s organisation and season fields as slugs, matching or
    (for a key the key map mapped there) creating the organisations and seasons named;
    ``organisations`` and ``seasons`` are the catalogue's so far, added to in place."""
    data = candidate.data
    for key in _ORGANISATION_FIELDS.get(candidate.kind, ()):
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            continue
        mapped = candidate.keys.get(key, key).lower() != key
        where = candidate.keys.get(key, key)
        slugs: list[PlainValue] = []
        for name in value:
            assert isinstance(name, str)
            slug = _organisation(name, organisations, mapped, candidate.notes, where)
            slugs.append(slug if slug is not None else name)
        data[key] = list(dict.fromkeys(slugs))
    given = data.get("season")
    if isinstance(given, list) and len(given) == 1:
        given = given[0]
    if isinstance(given, str | int) and not isinstance(given, bool):
        mapped = candidate.keys.get("season", "season").lower() != "season"
        where = candidate.keys.get("season", "season")
        slug = _season(str(given), seasons, mapped, candidate.notes, where)
        if slug is not None:
            data["season"] = slug
