"""The store keeps the public catalogue (``ideation.privacy``) and knows when candidates change.

A candidate's file is named after its slug, which may be the candidate's name: the store knows
the candidates' files only as their folder. Editing one must still re-read the pages that list
candidates (the teams), and the anonymous slugs the store gives must stay consistent with the
teams that name them when only some files are read again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx_roots import Builder, copy_root, touch_later, warnings_of

from ideation.sphinx._data import STORE_FILE, get_store

pytest.importorskip("scipy")


def _add_candidate(catalogue: Path, slug: str, name: str) -> Path:
    path = catalogue / "candidates" / f"{slug}.yaml"
    path.write_text(
        f"slug: {slug}\nname: {name}\norganisation: insee\nskills:\n- Data scientist\n"
        "wishes:\n- siretisation\nseason: '2022'\n",
        encoding="utf-8",
    )
    touch_later(path)
    return path


def test_a_candidate_edit_rereads_the_teams_and_names_nobody(
    build: Builder, catalogue: Path, tmp_path: Path
) -> None:
    srcdir = copy_root("operations", tmp_path / "operations")
    (srcdir / "bad.rst").unlink()  # its warnings are another test's
    conf = {"ideation_catalogue": str(catalogue), "ideation_show_names": True}
    first = build("operations", "text", srcdir=srcdir, **conf)
    assert warnings_of(first) == ""
    before = dict(first.env.all_docs)

    # A candidate whose file (and slug) is made from a name, and a team that names them.
    _add_candidate(catalogue, "zoe-secret", "Zoé Secret")
    proposal = catalogue / "proposals" / "siretisation.md"
    text = proposal.read_text(encoding="utf-8")
    proposal.write_text(text.replace("\nlead:", "\nteam:\n- zoe-secret\nlead:", 1), "utf-8")
    touch_later(proposal)
    second = build("operations", "text", srcdir=srcdir, **conf)
    assert warnings_of(second) == ""
    after = dict(second.env.all_docs)
    assert before["index"] != after["index"]  # the teams page was read again
    store = get_store(second.env)
    (public,) = store.catalogues
    assert public.proposal("siretisation").team == ("candidate-16",)
    assert public.candidate("candidate-16").name == "candidate-16"
    for folder in (Path(second.outdir), Path(second.doctreedir)):
        found = [p for p in folder.rglob("*") if p.is_file() and b"zoe" in p.read_bytes().lower()]
        assert found == []

    # Only the candidate's file changes: the proposal is not reused with a stale slug.
    path = catalogue / "candidates" / "zoe-secret.yaml"
    path.write_text(path.read_text("utf-8").replace("insee", "dinum"), "utf-8")
    touch_later(path)
    third = build("operations", "text", srcdir=srcdir, **conf)
    assert warnings_of(third) == ""
    assert third.env.all_docs["index"] != after["index"]
    (public,) = get_store(third.env).catalogues
    assert public.candidate("candidate-16").organisation == "dinum"
    assert public.proposal("siretisation").team == ("candidate-16",)
    assert b"zoe" not in (Path(third.doctreedir) / STORE_FILE).read_bytes().lower()

    # Another file changes: the renamed candidate and the team that names them are read again
    # with it, and get the same slug.
    liria = catalogue / "proposals" / "liria.md"
    liria.write_text(liria.read_text("utf-8").replace("title: OCR", "title: Lecture OCR"), "utf-8")
    touch_later(liria)
    fourth = build("operations", "text", srcdir=srcdir, **conf)
    assert warnings_of(fourth) == ""
    (public,) = get_store(fourth.env).catalogues
    assert public.proposal("siretisation").team == ("candidate-16",)
    assert public.proposal("liria").title.startswith("Lecture OCR")
