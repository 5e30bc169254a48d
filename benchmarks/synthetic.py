"""Synthetic catalogues for the benchmarks: the same sizes always give the same bytes.

Run: .venv/bin/python benchmarks/synthetic.py OUT [--events 200] [--proposals 2000] [--json]

Writes a catalogue folder laid out as ``examples/programme-10`` is (``programme.yaml`` with the
programme, its phases and organisations; ``events/SLUG.md``; ``proposals/SLUG.md``), through
the library's own :func:`ideation.dump`; with ``--json``, one JSON file of proposals instead
(the load benchmark's input, see "The load benchmark's proposals" below).

Each event looks like the seed workshop (``events/atelier-ideation.md``): a location, a summary,
objectives, organisers, an attendance with profiles and organisations, an agenda of five
sessions (welcome, presentation, pitches, workshops on proposals, restitution) and a paragraph
of description. Each proposal has a summary, a paragraph of description, tags, one or two
sponsor organisations, a lead, and a history of two or three status changes; every proposal is
named by one or two events (in their workshop session). Proposal titles end with their number,
so that a benchmark can look for one title (not followed by a digit) in the built pages
without matching a neighbour's.

The load benchmark's proposals (:func:`load_catalogue`, ``--json``) are shaped like those of an
open-data catalogue: each has a title, a summary, one or two sponsors and a history of three
dated steps, submitted on one of three years' days and decided 5 to 60 days apart, so that the
dates differ from proposal to proposal as real ones do. (The build benchmark's proposals, with
no event to date them, all had the same history dates, which the loader builds once per load;
and their paragraph of description, fast work for ``json.loads``, hid the cost of each object.
That shape stays available as ``--shape build``, to compare with earlier figures.)

Randomness comes from one :class:`random.Random` per object, seeded from ``seed`` and the
object's number, so that a catalogue of 2,000 proposals starts with the same proposals as one
of 500, and the same arguments always give the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path

import ideation
from ideation import model

__all__ = [
    "LOAD_SHAPES",
    "SEED",
    "catalogue",
    "event_slug",
    "load_catalogue",
    "organisations",
    "proposal_slug",
    "proposals_catalogue",
    "write_folder",
    "write_json",
]

#: The seed of every catalogue unless a caller asks for another.
SEED = 10

PROGRAMME = "programme-bench"
START = dt.date(2022, 5, 16)

# A small French vocabulary, as the programme's own pages use: plain words only, so that the
# text means the same in Markdown, in reStructuredText and in a sphinx-needs directive.
_NOUNS = (
    "données",
    "modèle",
    "classification",
    "annotation",
    "référentiel",
    "tableau",
    "registre",
    "outil",
    "prototype",
    "pipeline",
    "catalogue",
    "service",
    "indicateur",
    "carte",
    "corpus",
    "entrepôt",
    "formulaire",
    "recherche",
    "méthode",
    "application",
    "interface",
    "archive",
)
_ADJECTIVES = (
    "ouvert",
    "partagé",
    "public",
    "statistique",
    "géographique",
    "interministériel",
    "commun",
    "automatique",
    "territorial",
    "documentaire",
    "juridique",
    "sémantique",
    "national",
)
_DOMAINS = (
    "offres d'emploi",
    "décisions de justice",
    "marchés publics",
    "établissements scolaires",
    "entreprises",
    "subventions",
    "logements",
    "transports",
    "déchets",
    "forêts",
    "hôpitaux",
    "plaintes",
    "budgets locaux",
    "textes de loi",
    "achats",
    "brevets",
    "qualité de l'air",
)
_VERBS = (
    "identifier",
    "classer",
    "rapprocher",
    "publier",
    "nettoyer",
    "visualiser",
    "annoter",
    "documenter",
    "mesurer",
    "comparer",
    "prévoir",
    "relier",
    "anonymiser",
    "suivre",
)
_TAGS = (
    "nlp",
    "open data",
    "géomatique",
    "apprentissage",
    "visualisation",
    "R",
    "python",
    "qualité",
    "pseudonymisation",
    "api",
    "tableau de bord",
    "web scraping",
    "sirene",
)
_PROFILES = (
    "Data scientists",
    "Développeurs",
    "Data engineers",
    "Chefs de pôle",
    "Statisticiens",
    "Designers",
    "Chefs de projet",
)
_MINISTRIES = (
    ("interieur", "Ministère de l'Intérieur", "MI"),
    ("economie", "Ministère de l'Économie et des Finances", "MEF"),
    ("travail", "Ministère du Travail", "MT"),
    ("justice", "Ministère de la Justice", "MJ"),
    ("armees", "Ministère des Armées", "MINARM"),
    ("education", "Ministère de l'Éducation nationale", "MEN"),
    ("sante", "Ministère de la Santé", "MSS"),
    ("ecologie", "Ministère de la Transition écologique", "MTE"),
)
_UNITS = (("dnum", "Direction du numérique"), ("stats", "Service statistique"))


def event_slug(index: int) -> str:
    """The slug of the event numbered ``index`` (from 0)."""
    return f"event-{index:04d}"


def proposal_slug(index: int) -> str:
    """The slug of the proposal numbered ``index`` (from 0)."""
    return f"proposal-{index:05d}"


def _rng(seed: int, kind: str, index: int) -> random.Random:
    # One generator per object: an object's content does not depend on the catalogue's size.
    return random.Random(f"{seed}:{kind}:{index}")


def _sentence(rng: random.Random, words: int) -> str:
    parts = [rng.choice((_VERBS, _NOUNS, _ADJECTIVES, _DOMAINS)) for _ in range(words)]
    text = " ".join(rng.choice(part) for part in parts)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 14)) for _ in range(sentences))


def organisations() -> list[model.Organisation]:
    """Eight ministries, each with two directorates: 24 organisations."""
    found: list[model.Organisation] = []
    for slug, name, acronym in _MINISTRIES:
        found.append(
            model.Organisation(
                slug=slug, name=name, acronym=acronym, kind=model.OrganisationKind.MINISTRY
            )
        )
        for unit, unit_name in _UNITS:
            found.append(
                model.Organisation(
                    slug=f"{unit}-{slug}",
                    name=f"{unit_name}, {name}",
                    kind=model.OrganisationKind.DIRECTORATE,
                    parent=slug,
                )
            )
    return found


def programme() -> model.Programme:
    """The programme of every synthetic catalogue, with the seed's phases."""
    return model.Programme(
        slug=PROGRAMME,
        name="Programme de mesure",
        summary="Un programme interministériel synthétique, pour mesurer.",
        organisers=("interieur", "economie"),
        phases=(
            model.Phase(slug="qualification", name="Identification des projets"),
            model.Phase(slug="bootcamp", name="Bootcamp de lancement"),
            model.Phase(slug="journees", name="Journées de travail"),
        ),
    )


def _links(events: int, proposals: int) -> list[list[int]]:
    """For each event, the proposals its workshop names: every proposal by one or two events."""
    named: list[list[int]] = [[] for _ in range(events)]
    if not events:
        return named
    for index in range(proposals):
        named[index % events].append(index)
        # One proposal in two is also named by a second, farther event.
        if index % 2 == 0 and events > 1:
            other = (index * 7 + 3) % events
            if other == index % events:
                other = (other + 1) % events
            named[other].append(index)
    return [sorted(found) for found in named]


def _sessions(rng: random.Random, linked: Sequence[int]) -> list[model.Session]:
    kinds = model.SessionKind
    return [
        model.Session(start=dt.time(9, 30), end=dt.time(9, 45), title="Accueil café",
                      kind=kinds.WELCOME),
        model.Session(
            start=dt.time(9, 45), end=dt.time(10, 0), kind=kinds.PRESENTATION,
            title=f"Présentation du programme : {_sentence(rng, 5)[:-1].lower()}",
            facilitators=("Équipe du programme",),
        ),
        model.Session(start=dt.time(10, 0), end=dt.time(10, 30), kind=kinds.PITCH,
                      title="Pitchs des projets d'intérêt commun"),
        model.Session(
            start=dt.time(10, 30), end=dt.time(11, 45), kind=kinds.WORKSHOP,
            title="Ateliers sur les projets", description=_sentence(rng, 12),
            proposals=tuple(proposal_slug(index) for index in linked),
        ),
        model.Session(start=dt.time(11, 45), end=dt.time(12, 30), kind=kinds.RESTITUTION,
                      title="Restitution des ateliers"),
    ]  # fmt: skip


def _event(seed: int, index: int, linked: Sequence[int], orgs: Sequence[str]) -> model.Event:
    rng = _rng(seed, "event", index)
    day = START + dt.timedelta(days=index)
    kind = (model.EventKind.IDEATION_WORKSHOP, model.EventKind.WORKING_DAY)[index % 2]
    return model.Event(
        slug=event_slug(index),
        title=f"Atelier {rng.choice(_DOMAINS)} n° {index + 1}",
        kind=kind,
        start=dt.datetime.combine(day, dt.time(9, 30)),
        end=dt.datetime.combine(day, dt.time(12, 30)),
        programme=PROGRAMME,
        phase=("qualification", "bootcamp", "journees")[index % 3],
        location=model.Location(name="Lieu de la transformation publique", city="Paris"),
        summary=_sentence(rng, 10),
        objectives=(_sentence(rng, 9), _sentence(rng, 11)),
        organisers=tuple(rng.sample(orgs, 2)),
        attendance=model.Attendance(
            count=rng.randint(12, 40),
            profiles=tuple(model.Profile(name=name) for name in rng.sample(_PROFILES, 3)),
            organisations=tuple(sorted(rng.sample(orgs, rng.randint(4, 6)))),
        ),
        sessions=_sessions(rng, linked),
        description=_paragraph(rng, 4),
    )


def _history(
    rng: random.Random, date: dt.date, events: Sequence[str]
) -> tuple[model.StatusChange, ...]:
    """Two or three legal steps, a week apart, the first at the first event naming it."""
    status = model.ProposalStatus
    paths = (
        (status.SUBMITTED, status.SHORTLISTED),
        (status.SUBMITTED, status.REJECTED),
        (status.SUBMITTED, status.SHORTLISTED, status.SELECTED),
        (status.SUBMITTED, status.SELECTED, status.IN_PROGRESS),
    )
    steps = rng.choice(paths)
    return tuple(
        model.StatusChange(
            status=step,
            date=date + dt.timedelta(days=7 * number),
            event=events[0] if number == 1 and events else None,
        )
        for number, step in enumerate(steps)
    )


def _proposal(seed: int, index: int, events: Sequence[int], orgs: Sequence[str]) -> model.Proposal:
    rng = _rng(seed, "proposal", index)
    first = START + dt.timedelta(days=events[0]) if events else START
    title = (
        f"{rng.choice(_VERBS).capitalize()} les {rng.choice(_DOMAINS)} "
        f"avec un {rng.choice(_NOUNS)} {rng.choice(_ADJECTIVES)}, projet {index + 1}"
    )
    return model.Proposal(
        slug=proposal_slug(index),
        title=title,
        summary=_sentence(rng, 14),
        description=_paragraph(rng, 3),
        lead=f"Équipe {rng.choice(_NOUNS)}",
        sponsors=tuple(rng.sample(orgs, rng.randint(1, 2))),
        tags=tuple(rng.sample(_TAGS, rng.randint(2, 4))),
        history=_history(rng, first - dt.timedelta(days=14), [event_slug(i) for i in events]),
    )


def catalogue(events: int, proposals: int, *, seed: int = SEED) -> model.Catalogue:
    """A catalogue of ``events`` events and ``proposals`` proposals, the same for the same
    arguments."""
    orgs = organisations()
    slugs = [org.slug for org in orgs]
    links = _links(events, proposals)
    named_by: list[list[int]] = [[] for _ in range(proposals)]
    for event_index, linked in enumerate(links):
        for proposal_index in linked:
            named_by[proposal_index].append(event_index)
    return model.Catalogue(
        programme=programme(),
        organisations=orgs,
        events=[_event(seed, i, links[i], slugs) for i in range(events)],
        proposals=[_proposal(seed, i, named_by[i], slugs) for i in range(proposals)],
    )


def proposals_catalogue(proposals: int, *, seed: int = SEED) -> model.Catalogue:
    """A catalogue of ``proposals`` proposals and no event (the load benchmark's content)."""
    return catalogue(0, proposals, seed=seed)


def _dated_history(rng: random.Random) -> tuple[model.StatusChange, ...]:
    """Three legal steps: submitted on a day of 2020 to 2022, each next one 5 to 60 days on."""
    status = model.ProposalStatus
    paths = (
        (status.SUBMITTED, status.SHORTLISTED, status.SELECTED),
        (status.SUBMITTED, status.SHORTLISTED, status.REJECTED),
        (status.SUBMITTED, status.SHORTLISTED, status.WITHDRAWN),
        (status.SUBMITTED, status.SELECTED, status.IN_PROGRESS),
    )
    day = dt.date(2020, 1, 6) + dt.timedelta(days=rng.randrange(3 * 365))
    steps = []
    for step in rng.choice(paths):
        steps.append(model.StatusChange(status=step, date=day))
        day += dt.timedelta(days=rng.randint(5, 60))
    return tuple(steps)


def _listed_proposal(seed: int, index: int, orgs: Sequence[str]) -> model.Proposal:
    """A proposal as an open-data catalogue lists it: a title, a summary, its sponsors and a
    dated history of three steps."""
    rng = _rng(seed, "listed", index)
    title = (
        f"{rng.choice(_VERBS).capitalize()} les {rng.choice(_DOMAINS)} "
        f"avec un {rng.choice(_NOUNS)} {rng.choice(_ADJECTIVES)}, projet {index + 1}"
    )
    return model.Proposal(
        slug=proposal_slug(index),
        title=title,
        summary=_sentence(rng, 14),
        sponsors=tuple(rng.sample(orgs, rng.randint(1, 2))),
        history=_dated_history(rng),
    )


def load_catalogue(proposals: int, *, seed: int = SEED) -> model.Catalogue:
    """The load benchmark's catalogue: ``proposals`` proposals shaped like an open-data
    catalogue's (see the module's documentation), and no event."""
    orgs = organisations()
    slugs = [org.slug for org in orgs]
    return model.Catalogue(
        programme=programme(),
        organisations=orgs,
        proposals=[_listed_proposal(seed, i, slugs) for i in range(proposals)],
    )


#: The shapes of the load benchmark's file: ``realistic`` (:func:`load_catalogue`, the
#: default), and ``build`` (:func:`proposals_catalogue`, the build benchmark's proposals, the
#: file of the figures measured before December 2026).
LOAD_SHAPES = {"realistic": load_catalogue, "build": proposals_catalogue}


def write_folder(folder: Path, events: int, proposals: int, *, seed: int = SEED) -> Path:
    """Write a catalogue folder (``programme.yaml``, ``events/``, ``proposals/``) at ``folder``."""
    return ideation.dump(catalogue(events, proposals, seed=seed), folder)


def write_json(path: Path, proposals: int, *, seed: int = SEED, shape: str = "realistic") -> Path:
    """Write a catalogue of ``proposals`` proposals of ``shape`` (a key of
    :data:`LOAD_SHAPES`) as ONE JSON file at ``path``."""
    if path.suffix != ".json":
        raise ValueError(f"expected a path ending in .json, got {path}")
    if shape not in LOAD_SHAPES:
        raise ValueError(f"unknown shape {shape!r}; expected one of {sorted(LOAD_SHAPES)}")
    return ideation.dump(LOAD_SHAPES[shape](proposals, seed=seed), path)


def main(argv: Sequence[str] | None = None) -> None:
    """Write a synthetic catalogue where the command line says."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="the folder (or, with --json, the .json file)")
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--proposals", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", action="store_true", help="one JSON file of proposals")
    parser.add_argument(
        "--shape", choices=sorted(LOAD_SHAPES), default="realistic",
        help="with --json: the proposals' shape (build: the build benchmark's proposals)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.json:
        write_json(args.out, args.proposals, seed=args.seed, shape=args.shape)
    else:
        write_folder(args.out, args.events, args.proposals, seed=args.seed)
    print(args.out)


if __name__ == "__main__":
    main()
