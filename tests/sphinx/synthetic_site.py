"""A synthetic site for the tests of scale: N events, five proposals per event, generated pages."""

from __future__ import annotations

from pathlib import Path

__all__ = ["proposal_title", "site"]


def proposal_title(i: int) -> str:
    """The title of proposal ``i`` in the data files :func:`site` writes."""
    return f"Proposition numéro {i}"


def _event(i: int, proposals: int) -> str:
    workshops = "\n".join(
        f"- start: '{10 + k}:00'\n  title: Atelier {k}\n"
        f"  proposals: [proposal-{(5 * i + k) % proposals}]"
        for k in range(3)
    )
    return (
        f"---\nslug: event-{i}\ntitle: Événement {i}\nstart: 2022-{1 + i % 12:02d}-"
        f"{1 + i % 28:02d}T09:00:00\nend: 2022-{1 + i % 12:02d}-{1 + i % 28:02d}T17:00:00\n"
        f"organisers: [org-{i % 3}]\nattendance:\n  count: 12\n  organisations: [org-1, org-2]\n"
        f"sessions:\n{workshops}\n---\n\nDescription de l'événement {i}.\n"
    )


def _proposal(i: int, events: int) -> str:
    return (
        f"---\nslug: proposal-{i}\ntitle: {proposal_title(i)}\nsummary: Résumé {i}.\n"
        f"sponsors: [org-{i % 3}]\nevents: [event-{i % events}]\ntags: [tag-{i % 4}]\n"
        f"history:\n- status: submitted\n  date: 2022-01-10\n---\n\nTexte de la proposition {i}.\n"
    )


def site(root: Path, events: int) -> Path:
    """A source folder with a catalogue of ``events`` events and five proposals per event."""
    proposals = 5 * events
    data = root / "data"
    (data / "events").mkdir(parents=True)
    (data / "proposals").mkdir()
    organisations = "".join(f"- slug: org-{i}\n  name: Organisation {i}\n" for i in range(3))
    (data / "programme.yaml").write_text(
        f"slug: prog\nname: Programme\norganisations:\n{organisations}", encoding="utf-8"
    )
    for i in range(events):
        (data / "events" / f"event-{i}.md").write_text(_event(i, proposals), encoding="utf-8")
    for i in range(proposals):
        (data / "proposals" / f"proposal-{i}.md").write_text(_proposal(i, events), encoding="utf-8")
    (root / "conf.py").write_text(
        'extensions = ["ideation.sphinx"]\nideation_generate_pages = True\n'
        'ideation_today = "2022-09-01"\n',
        encoding="utf-8",
    )
    (root / "index.rst").write_text(
        "Site\n====\n\n.. toctree::\n\n   ideation/index\n", encoding="utf-8"
    )
    return root


def add_proposal(root: Path, slug: str, title: str) -> Path:
    """Write a new submitted proposal ``slug`` into the site's data; its file."""
    path = root / "data" / "proposals" / f"{slug}.md"
    path.write_text(
        f"---\nslug: {slug}\ntitle: {title}\nhistory:\n- status: submitted\n"
        "  date: 2022-01-10\n---\n",
        encoding="utf-8",
    )
    return path
