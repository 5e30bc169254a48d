"""Organisations' aliases: the names forms give them, each naming one organisation only."""

from __future__ import annotations

import pytest

from ideation.errors import DataError
from ideation.model import Catalogue, Organisation, Programme

PROGRAMME = Programme(slug="p", name="P")


def test_aliases_are_kept_and_named_with_the_rest() -> None:
    dnum = Organisation(slug="dnum-interieur", name="DNUM", aliases=["DNUM (Intérieur)"])
    assert dnum.aliases == ("DNUM (Intérieur)",)
    assert dnum.names == ("dnum-interieur", "DNUM", "DNUM (Intérieur)")
    Catalogue(programme=PROGRAMME, organisations=[dnum])


@pytest.mark.parametrize(
    "alias", ["Intérieur", "  intérieur ", "DNUM (Intérieur)", "interieur", "DGGN"]
)
def test_an_alias_another_organisation_goes_by_is_a_problem(alias: str) -> None:
    organisations = [
        Organisation(
            slug="interieur", name="Intérieur", acronym="MI", aliases=["DNUM (Intérieur)"]
        ),
        Organisation(slug="gendarmerie", name="Gendarmerie", acronym="DGGN"),
        Organisation(slug="dnum-interieur", name="DNUM", aliases=[alias]),
    ]
    with pytest.raises(DataError) as caught:
        Catalogue(programme=PROGRAMME, organisations=organisations)
    (problem,) = caught.value.problems
    assert problem.path == "$.organisations[2].aliases[0]"
    assert problem.message.startswith("expected a name no other organisation goes by, got ")
