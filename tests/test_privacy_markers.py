"""No output meant to be published names anyone without their consent: the class of leak, tested
with markers.

A copy of the example catalogue gets a unique marker as the name of every kind of person who
did not consent (a participant in each role, a facilitator and a lead the data records as not
consenting, a candidate whose slug is made from a name, with an e-mail in a key the model does
not know, and a voter). The example Sphinx site is built from it, and every export is run; then
every byte of the build folder (pages, doctrees, pickles, search index, images) and of each
published export is searched for the marker, in any case.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import ideation
from ideation import model
from ideation.cli import EXIT_OK, EXIT_USAGE, main
from ideation.hugo import export_site
from ideation.privacy import private_names, public_catalogue

from .conftest import EXAMPLE, ROOT

MARK = "ZZMARKER"
NEEDLE = MARK.lower().encode()
#: A person who consented: named where names are shown, so that "no marker" is not "no names".
CONSENTING = "Camille Consentante"
CANDIDATE_SLUG = "zzmarker-dupont"


def _marked() -> model.Catalogue:
    catalogue = ideation.load(EXAMPLE, model.Catalogue)
    workshop = catalogue.event("atelier-ideation")
    assert workshop.attendance is not None
    people = [
        model.Participant(name=f"{MARK}-participant", organisation="insee"),
        model.Participant(name=f"{MARK}-speaker", role=model.ParticipantRole.SPEAKER),
        model.Participant(name=f"{MARK}-organiser", role=model.ParticipantRole.ORGANISER),
        model.Participant(
            name=f"{MARK}-facilitator", role=model.ParticipantRole.FACILITATOR, consent=False
        ),
        model.Participant(name=f"{MARK}-lead"),
        model.Participant(name=CONSENTING, profile="Data scientist", consent=True),
    ]
    sessions = list(workshop.sessions)
    sessions[1] = attrs.evolve(
        sessions[1], facilitators=(*sessions[1].facilitators, f"{MARK}-facilitator")
    )
    votes = list(workshop.votes)
    votes[0] = attrs.evolve(votes[0], voter=f"{MARK}-voter")
    votes[3] = attrs.evolve(votes[3], voter=f"{MARK}-voter")
    workshop = attrs.evolve(
        workshop,
        attendance=attrs.evolve(workshop.attendance, participants=people),
        sessions=sessions,
        votes=votes,
    )
    candidate = model.Candidate(
        slug=CANDIDATE_SLUG,
        name=f"{MARK}-candidate",
        organisation="insee",
        skills=["Data scientist"],
        wishes=["siretisation", "insee"],
        season="2022",
        extra={"email": f"{MARK}-email@example.org"},
    )
    siretisation = catalogue.proposal("siretisation")
    proposals = [
        attrs.evolve(
            proposal,
            lead=f"{MARK}-lead et {proposal.lead}",
            team=(CANDIDATE_SLUG, "candidate-1"),
        )
        if proposal is siretisation
        else proposal
        for proposal in catalogue.proposals
    ]
    return attrs.evolve(
        catalogue,
        events=[workshop if e.slug == workshop.slug else e for e in catalogue.events],
        proposals=proposals,
        candidates=[*catalogue.candidates, candidate],
    )


@pytest.fixture
def marked(tmp_path: Path) -> Path:
    """The marked catalogue, as a folder beside the example site (``../programme-10``)."""
    folder = ideation.dump(_marked(), tmp_path / "programme-10")
    # Not a vacuous test: the data holds every marker, the candidate's file name included.
    text = b"".join(path.read_bytes() for path in folder.rglob("*") if path.is_file()).lower()
    for kind in ("participant", "speaker", "organiser", "facilitator", "lead", "voter"):
        assert f"{MARK}-{kind}".lower().encode() in text
    assert (folder / "candidates" / f"{CANDIDATE_SLUG}.yaml").is_file()
    return folder


def _holding(folder: Path, needle: bytes = NEEDLE) -> list[str]:
    """The files under ``folder`` whose bytes hold ``needle``, in any case."""
    return sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and needle in path.read_bytes().lower()
    )


# -- the Sphinx site -----------------------------------------------------------------------

PEOPLE_PAGE = """\
---
orphan: true
---
# Les personnes

```{ideation:attendance} atelier-ideation
```

```{ideation:shortlist} atelier-ideation
:top: 6
```

```{ideation:teams}
:season: 2022
```
"""


def _site(tmp_path: Path, show_names: bool) -> Path:
    site = Path(shutil.copytree(ROOT / "examples" / "existing-site", tmp_path / "site"))
    (site / "people.md").write_text(PEOPLE_PAGE, encoding="utf-8")
    with (site / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"ideation_show_names = {show_names}\n")
    return site


@pytest.mark.sphinx
@pytest.mark.parametrize(
    ("builder", "show_names"),
    [("html", False), ("html", True), ("text", True), ("latex", True)],
    ids=["html-names-off", "html-names-on", "text", "latex"],
)
def test_no_marker_in_any_byte_of_a_sphinx_build(
    marked: Path, tmp_path: Path, builder: str, show_names: bool
) -> None:
    site = _site(tmp_path, show_names)
    out = tmp_path / "out"
    # As the audit ran it: the doctrees (and the store's file) go to OUT/.doctrees.
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", builder, str(site), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (out / ".doctrees" / "ideation-store.pickle").is_file()
    assert _holding(out) == []
    # The generated pages' stubs, written into the source folder, name nobody either.
    assert _holding(site) == []
    shown = _holding(out, CONSENTING.lower().encode())
    if builder == "html":
        # Names on: the person who consented is on the pages; off: nowhere, store included.
        assert bool([path for path in shown if path.endswith(".html")]) == show_names
        assert show_names or shown == []
    # A public role is still shown: the rule leaves out only the names the data refuses.
    assert _holding(out, "Lab IA".lower().encode())


# -- the exports ---------------------------------------------------------------------------


def _export(*argv: str) -> None:
    assert main(list(argv)) == EXIT_OK


def test_no_marker_in_any_published_export(
    marked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    catalogue = str(marked)
    _export("export", "ical", catalogue, "--sessions", "-o", str(out / "programme.ics"))
    _export("export", "jsonld", catalogue, "-o", str(out / "programme.jsonld"))
    _export("export", "schedule", catalogue, "-o", str(out / "schedule.json"))
    _export("export", "csv", catalogue, "-o", str(out / "csv"))
    _export("export", "sqlite", catalogue, "-o", str(out / "programme.db"))
    _export("export", "hugo", catalogue, "-o", str(out / "hugo"))
    capsys.readouterr()
    written = sorted(str(path.relative_to(out)) for path in out.rglob("*") if path.is_file())
    assert len(written) >= 10, written
    assert _holding(out) == []
    # The facilitators the data does not refuse are the schedule's persons still.
    assert "Équipe du Lab IA" in (out / "schedule.json").read_text(encoding="utf-8")
    # The team keeps its members, the one who did not consent under an anonymous slug that
    # is also the candidates table's (the foreign key holds).
    with sqlite3.connect(out / "programme.db") as db:
        members = db.execute(
            "SELECT candidate, name FROM team_members JOIN candidates ON candidate = slug "
            "WHERE proposal = 'siretisation' ORDER BY candidate"
        ).fetchall()
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert members == [("candidate-1", None), ("candidate-16", None)]


def test_the_library_exports_name_nobody_without_consent(marked: Path) -> None:
    # Called from Python, not through the command: the exports filter themselves.
    from ideation.export.jsonld import catalogue_to_jsonld, to_jsonld
    from ideation.export.opendata import to_opendata
    from ideation.export.schedule import schedule

    catalogue = _marked()
    texts = [
        to_jsonld(catalogue),
        repr(catalogue_to_jsonld(catalogue)),
        repr(schedule(catalogue)),
        *to_opendata(catalogue).values(),
    ]
    assert [text for text in texts if MARK.lower() in text.lower()] == []


def test_convert_says_its_output_is_private_and_refuses_a_published_folder(
    marked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.yaml"
    assert main(["convert", str(marked), str(copy)]) == EXIT_OK
    err = capsys.readouterr().err
    # 5 participants and 16 candidates without consent, and one voter.
    assert "names 22 people who did not consent to be named" in err
    assert NEEDLE in copy.read_bytes().lower()  # the data, whole: the consent flags with it

    site = tmp_path / "hugo"
    site.mkdir()
    (site / "hugo.toml").write_text('title = "Site"\n', encoding="utf-8")
    sphinx_out = tmp_path / "html"
    sphinx_out.mkdir()
    (sphinx_out / ".buildinfo").write_text("# Sphinx build info version 1\n", encoding="utf-8")
    for target in (site / "content" / "data.yaml", sphinx_out / "_static" / "data.json"):
        assert main(["convert", str(marked), str(target)]) == EXIT_USAGE
        assert "not written" in capsys.readouterr().err
        assert not target.exists()
    # Data that names nobody without consent may go anywhere.
    target = site / "data" / "programme.json"
    assert main(["convert", str(marked / "programme.yaml"), str(target)]) == EXIT_OK
    assert "note:" not in capsys.readouterr().err


# -- the Hugo export of a catalogue made by hand -------------------------------------------


def _by_hand() -> model.Catalogue:
    programme = model.Programme(
        slug="p", name="Programme", seasons=[model.Season(slug="s", name="S")]
    )
    event = model.Event(
        slug="workshop",
        title="Workshop",
        date=dt.date(2024, 5, 16),
        attendance=model.Attendance(
            count=30,
            participants=[
                model.Participant(name="Marie Refuse", consent=False),
                model.Participant(name="Jean Silence"),  # consent missing: false
                model.Participant(name="Nadia Accepte", consent=True),
            ],
        ),
        sessions=[
            model.Session(
                start=dt.time(9, 30),
                title="Pitches",
                facilitators=["Marie Refuse", "Équipe du lab"],
            )
        ],
        votes=[
            model.Vote(proposal="maps", voter="Paul Votant"),
            model.Vote(proposal="maps", voter="paul votant", criterion="impact"),
        ],
        proposals=["maps"],
    )
    proposal = model.Proposal(
        slug="maps", title="Maps", lead="MARIE  refuse", team=["louise-candidate"], season="s"
    )
    candidate = model.Candidate(slug="louise-candidate", name="Louise Candidate", season="s")
    return model.Catalogue(
        programme=programme, events=[event], proposals=[proposal], candidates=[candidate]
    )


NOT_CONSENTING = ("Marie Refuse", "Jean Silence", "Paul Votant", "Louise", "louise-candidate")


def test_the_hugo_export_of_a_catalogue_made_by_hand_names_nobody_without_consent(
    tmp_path: Path,
) -> None:
    catalogue = _by_hand()
    assert set(private_names(catalogue)) == {"Marie Refuse", "Jean Silence", "Louise Candidate"}
    export_site(catalogue, tmp_path / "site")
    text = "\n".join(path.read_text(encoding="utf-8") for path in (tmp_path / "site").rglob("*.*"))
    assert [name for name in NOT_CONSENTING if name.casefold() in text.casefold()] == []
    assert "Nadia Accepte" in text
    assert "Équipe du lab" in text
    assert "candidate-1" in text  # the team, by its member's anonymous slug


def test_exporting_again_over_pages_that_named_people_takes_the_names_out(
    tmp_path: Path,
) -> None:
    # A site written by an export before the rule: its pages hold every participant. The
    # export edits such pages in place; the names must go, not stay as the page had them.
    catalogue = _by_hand()
    site = tmp_path / "site"
    page = site / "content" / "actualites" / "workshop.md"
    page.parent.mkdir(parents=True)
    page.write_text(_unfiltered_page(catalogue), encoding="utf-8")
    assert "Marie Refuse" in page.read_text(encoding="utf-8")
    export_site(catalogue, site, events="actualites")
    text = page.read_text(encoding="utf-8")
    assert [name for name in NOT_CONSENTING if name.casefold() in text.casefold()] == []
    assert "Nadia Accepte" in text


def _unfiltered_page(catalogue: model.Catalogue) -> str:
    """The event's page as an export that copied the data whole wrote it."""
    from ideation.convert import unstructure
    from ideation.formats import yaml

    fields = unstructure(catalogue.event("workshop"))
    body = fields.pop("description", None)
    assert body is None or isinstance(body, str)
    return f"---\n{yaml.render(fields)}---\n" + ("" if body is None else f"\n{body}\n")


def test_public_catalogue_is_what_the_store_keeps(marked: Path) -> None:
    # The same rule, whoever applies it: the store keeps the public catalogue (without keys
    # the model does not know), so what its pages show is what the exports write.
    loaded = ideation.load(marked, model.Catalogue)
    public = public_catalogue(loaded)
    assert [c.slug for c in public.candidates][-1] == "candidate-16"
    assert public.proposal("siretisation").lead is None
    assert f"{MARK}-facilitator" not in public.event("atelier-ideation").sessions[1].facilitators
