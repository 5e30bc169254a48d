"""The reference pages document what the code registers, and nothing it does not.

The names are read from the code itself: the configuration values, directives, options, roles
and indices that ``ideation.sphinx`` registers in a Sphinx application, and the commands of
``ideation.cli.build_parser()``. Each must be documented in its reference page, and each name a
page documents must exist, so that the pages and the code cannot drift apart.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from io import StringIO
from typing import NamedTuple

import pytest

from .conftest import ROOT

pytest.importorskip("sphinx")

from sphinx.testing.util import SphinxTestApp

from ideation.cli import build_parser
from ideation.sphinx._config import PREFIX, config_values

EXTENSION_PAGE = ROOT / "docs" / "reference" / "sphinx-extension.md"
CLI_PAGE = ROOT / "docs" / "reference" / "cli.md"


class Registered(NamedTuple):
    """What the extension registers in a Sphinx application."""

    config: frozenset[str]
    #: Directive name (without the domain) -> its option names.
    directives: dict[str, frozenset[str]]
    roles: frozenset[str]
    indices: frozenset[str]


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> Registered:
    """The names ``ideation.sphinx`` registers, from an application that loaded it."""
    srcdir = tmp_path_factory.mktemp("project")
    (srcdir / "conf.py").write_text('extensions = ["ideation.sphinx"]\n', encoding="utf-8")
    (srcdir / "index.rst").write_text("Empty\n=====\n", encoding="utf-8")
    app = SphinxTestApp("dummy", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        domain = app.env.get_domain("ideation")
        return Registered(
            config=frozenset(name for name in app.config.values if name.startswith(PREFIX)),
            directives={
                name: frozenset(getattr(directive, "option_spec", None) or {})
                for name, directive in domain.directives.items()
            },
            roles=frozenset(domain.roles),
            indices=frozenset(index.name for index in domain.indices),
        )
    finally:
        # docutils keeps directives and roles process-wide: let go of them for later tests.
        app.cleanup()


class Heading(NamedTuple):
    level: int
    title: str
    #: The lines under the heading, up to the next heading of the same or a higher level.
    body: list[str]


def _outside_code(text: str) -> Iterator[tuple[str, bool]]:
    """Each line of a MyST page, and whether it is outside a fenced block."""
    fence: str | None = None
    for line in text.splitlines():
        match = re.match(r"^(`{3,}|~{3,})", line)
        if fence is None:
            if match:
                fence = match.group(1)
                yield line, False
            else:
                yield line, True
        else:
            if line.strip() == fence:
                fence = None
            yield line, False


def _headings(text: str) -> list[Heading]:
    """The headings of a MyST page (not the ``#`` lines of code blocks), with their sections."""
    lines = list(_outside_code(text))
    starts = [
        (index, len(match.group(1)), match.group(2).strip())
        for index, (line, outside) in enumerate(lines)
        if outside and (match := re.match(r"^(#{1,6}) (.+)$", line))
    ]
    headings = []
    for position, (index, level, title) in enumerate(starts):
        end = next(
            (later for later, other, _title in starts[position + 1 :] if other <= level),
            len(lines),
        )
        headings.append(Heading(level, title, [line for line, _ in lines[index + 1 : end]]))
    return headings


def _section(headings: list[Heading], title: str) -> Heading:
    found = [heading for heading in headings if heading.title == title]
    assert len(found) == 1, f"expected one section {title!r}, found {len(found)}"
    return found[0]


# -- the Sphinx extension ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extension_page() -> str:
    return EXTENSION_PAGE.read_text(encoding="utf-8")


def test_every_configuration_value_is_in_the_generated_list(
    registered: Registered, extension_page: str
) -> None:
    # The page lists the values with the ideation-config-values directive, which documents the
    # fields of the config object: those must be exactly the values Sphinx knows.
    assert registered.config, "the extension registered no configuration value"
    assert {value.name for value in config_values()} == registered.config
    assert re.search(
        r"^(\.\. ideation-config-values::|`{3,}\{ideation-config-values\})",
        extension_page,
        re.MULTILINE,
    ), "the page does not list the values with the ideation-config-values directive"


def test_every_configuration_value_the_page_names_exists(
    registered: Registered, extension_page: str
) -> None:
    named = set(re.findall(rf"\b{PREFIX}[a-z][a-z0-9_]*\b", extension_page))
    assert named - registered.config == set()


def test_every_directive_has_a_section_and_the_sections_name_directives(
    registered: Registered, extension_page: str
) -> None:
    directives = _section(_headings(extension_page), "Directives")
    documented = {
        match.group(1)
        for heading in _headings("\n".join(directives.body))
        if (match := re.fullmatch(r"`ideation:([a-z-]+)`", heading.title))
    }
    assert documented == set(registered.directives)


def test_every_option_of_each_directive_is_documented_under_it(
    registered: Registered, extension_page: str
) -> None:
    headings = _headings(extension_page)
    documented = {}
    for directive in registered.directives:
        section = _section(headings, f"`ideation:{directive}`")
        # Options are the terms of a definition list: a line that is just `:name:`.
        documented[directive] = {
            match.group(1)
            for line, outside in _outside_code("\n".join(section.body))
            if outside and (match := re.fullmatch(r"`:([a-z-]+):`", line.strip()))
        }
    assert documented == {name: set(options) for name, options in registered.directives.items()}


def test_every_role_is_in_the_table_of_roles(registered: Registered, extension_page: str) -> None:
    roles = _section(_headings(extension_page), "Roles")
    documented = {
        match.group(1)
        for line in roles.body
        if (match := re.match(r"^\| `ideation:([a-z-]+)` \|", line))
    }
    assert documented == set(registered.roles)


def test_every_index_is_documented(registered: Registered, extension_page: str) -> None:
    for name in registered.indices:
        assert f"`ideation-{name}`" in extension_page


# -- the command line ----------------------------------------------------------------------------


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[str]:
    """``ideation`` and every command below it, as typed: ``ideation export ical``."""
    yield " ".join(("ideation", *path))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _commands(child, (*path, name))


def test_every_command_has_a_section_with_its_help() -> None:
    commands = set(_commands(build_parser()))
    assert {"ideation", "ideation validate", "ideation export ical"} <= commands
    text = CLI_PAGE.read_text(encoding="utf-8")
    headings = {
        heading.title.strip("`")
        for heading in _headings(text)
        if re.fullmatch(r"`ideation( [a-z-]+)*`", heading.title)
    }
    helps = {
        " ".join(("ideation", *match.group(1).split()))
        for match in re.finditer(r"^`{3,}\{cli-help\}(.*)$", text, re.MULTILINE)
    }
    assert headings == commands
    assert helps == commands
