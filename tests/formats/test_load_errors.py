"""Errors that carry their path: model checks say where and what apart; nothing is re-parsed."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable

import pytest

from ideation import model
from ideation.convert._cattrs import problems_from
from ideation.errors import FieldError, FieldErrors, FieldTypeError, Problem


def test_a_message_that_looks_like_a_path_stays_a_message() -> None:
    # Only a FieldError gives a path; text before a colon is never read as one.
    assert problems_from(ValueError("end: is a word here"), "$.x") == [
        Problem(path="$.x", message="end: is a word here")
    ]


@pytest.mark.parametrize(
    ("build", "path", "message"),
    [
        (lambda: model.Event(slug="Bad", title="t", date=dt.date(2022, 5, 16)), "slug", "slug"),
        (lambda: model.Event(slug="x", title="t"), "date", "expected a date or a start"),
        (
            lambda: model.Event(slug="x", title="t", date=dt.date(2022, 5, 16), tags=("a", 1)),
            "tags[1]",
            "expected text",
        ),
        (
            lambda: model.Proposal(
                slug="p",
                title="t",
                history=(
                    model.StatusChange(
                        status=model.ProposalStatus.DELIVERED, date=dt.date(2022, 1, 1)
                    ),
                ),
                status="submitted",
            ),
            "status",
            "the last status of the history",
        ),
    ],
)
def test_model_checks_raise_path_and_message_apart(
    build: Callable[[], object], path: str, message: str
) -> None:
    with pytest.raises(FieldError) as raised:
        build()
    assert raised.value.path == path
    assert message in raised.value.message
    assert str(raised.value) == f"{path}: {raised.value.message}"


def test_a_wrong_type_is_still_a_type_error() -> None:
    with pytest.raises(TypeError):
        model.Event(slug="x", title="t", date=dt.date(2022, 5, 16), tags=("a", 1))
    assert issubclass(FieldTypeError, FieldError)


def test_field_errors_pickle() -> None:
    errors = FieldErrors([FieldError("a", "one"), FieldTypeError("b[0]", "two")])
    again = pickle.loads(pickle.dumps(errors))
    assert [(e.path, e.message, type(e)) for e in again.errors] == [
        ("a", "one", FieldError),
        ("b[0]", "two", FieldTypeError),
    ]
