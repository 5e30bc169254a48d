"""One front-matter splitter for this package's pages and for Hugo's: strict by default,
lenient (as Hugo reads a page) on demand, every line the file's."""

from __future__ import annotations

import json

import pytest

import ideation
from ideation import model
from ideation.errors import DataError
from ideation.formats import markdown
from ideation.formats.markdown import split_page

EVENT = "slug: atelier\ntitle: Atelier\ndate: 2022-05-16\n"


@pytest.mark.parametrize("lead", ["", "\n", "\n  \n"])
def test_keys_and_body_are_at_the_lines_of_the_file(lead: str) -> None:
    # A blank line after the opening fence counts too.
    text = f"{lead}---\n\ntitle: Atelier\n---\n\n\nLe corps.\n"
    page = split_page(text)
    blank = lead.count("\n")
    assert page.leading_blank == blank
    assert page.syntax == "yaml"
    assert page.front is not None
    assert page.front.line_of("$.title") == blank + 3
    assert (page.body, page.body_line) == ("Le corps.", blank + 7)
    assert markdown.parse(text).line_of("$.title") == blank + 3


def test_a_message_names_the_lines_of_the_file() -> None:
    text = "\n\n---\nslug: a\ntitle: A\nslug: b\n---\n"
    with pytest.raises(DataError) as raised:
        markdown.parse(text, "page.md")
    [problem] = raised.value.problems
    assert problem.line == 6
    assert "at lines 4 and 6" in problem.message


def test_a_plain_value_holding_a_colon_is_mended_only_when_lenient() -> None:
    text = "---\ntitle: Saison 2 : le programme\n---\nCorps\n"
    with pytest.raises(DataError) as raised:
        split_page(text, "page.md")
    assert raised.value.problems[0].line == 2
    page = split_page(text, "page.md", lenient=True)
    assert page.front is not None
    assert page.front.data == {"title": "Saison 2 : le programme"}
    assert [line for line, _ in page.repairs] == [2]


def test_front_matter_never_closed_is_refused_at_its_opening_line() -> None:
    with pytest.raises(DataError) as raised:
        split_page("\n---\ntitle: x\n--- not a fence\n", "page.md")
    [problem] = raised.value.problems
    assert (problem.file, problem.line) == ("page.md", 2)
    assert "never closed: expected a --- line" in problem.message


def test_four_dashes_open_no_front_matter() -> None:
    # As Hugo reads a page: a fence is three dashes (or pluses), nothing more.
    page = split_page("----\ntitle: x\n----\n")
    assert page.front is None
    assert page.body == "----\ntitle: x\n----"


@pytest.mark.parametrize(
    ("text", "body", "line"),
    [
        ('{"title": "x"}\n\nCorps\n', "Corps", 3),
        ('  {"title":\n  "x"}\nCorps\n', "Corps", 3),
        # Text after the object, on its line, is the body's start: nothing is dropped.
        ('{"title": "x"} suite\nCorps\n', " suite\nCorps", 1),
    ],
)
def test_json_front_matter_and_its_body(text: str, body: str, line: int) -> None:
    page = split_page(text)
    assert page.syntax == "json"
    assert page.front is not None
    assert page.front.data == {"title": "x"}
    assert (page.body, page.body_line) == (body, line)


def test_the_span_is_where_the_front_matter_is() -> None:
    text = "\n---\ntitle: x\n---  \nCorps\n"
    page = split_page(text)
    assert page.span is not None
    start, close, end = page.span
    assert text[start:close] == "title: x\n"
    assert text[close:end] == "---  "
    assert text[end:] == "\nCorps\n"


@pytest.mark.parametrize(
    ("description", "in_front"),
    [
        ("  \nCorps", True),  # a line of spaces first: reading a body drops it
        ("Corps  ", True),
        (" ", True),
        ("", True),
        ("\u00a0\nCorps", False),  # a no-break space is text, as Hugo reads a page
        ("  Corps", False),
    ],
)
def test_a_description_goes_where_it_reads_back_the_same(description: str, in_front: bool) -> None:
    event = ideation.loads(f"{EVENT}description: {json.dumps(description)}\n", model.Event, "yaml")
    assert event.description == description
    text = ideation.dumps(event, "markdown")
    assert ("description:" in text) is in_front
    assert ideation.loads(text, model.Event, "markdown") == event
