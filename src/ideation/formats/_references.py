"""The references of a catalogue read only in part, so that one run reports them with the rest.

A catalogue is checked whole (slugs given once, every reference resolving) when it is built; a
catalogue with a broken file cannot be built. Its references are still checked here, among the
objects that could be built: a reference to an object whose file (or entry) is broken is not
reported, as that object exists, and the problem to fix is the one in its own file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

import attrs

from .. import model
from ..convert import structure
from ..errors import DataError, Problem
from ..model import PlainValue, reference_problems

#: By kind, the slugs of objects that exist but could not be built; ``None`` for a kind whose
#: objects could not be told at all (see :func:`~ideation.model.reference_problems`).
Unbuilt = dict[str, set[str] | None]

T = TypeVar("T")
_ITEM = re.compile(r"^\$\.(organisations|events|proposals|candidates)\[(\d+)\]")


def raw_slugs(value: object) -> set[str] | None:
    """The slugs a list of objects names, read from the plain data; ``None`` if it is no list."""
    if value is None:
        return set()
    if not isinstance(value, list):
        return None
    return {
        item["slug"]
        for item in value
        if isinstance(item, dict) and isinstance(item.get("slug"), str)
    }


def unbuilt_of_programme(data: Mapping[str, PlainValue], unbuilt: Unbuilt) -> None:
    """Add the phases and seasons of a programme that could not be built to ``unbuilt``."""
    unbuilt["phases"] = raw_slugs(data.get("phases"))
    unbuilt["seasons"] = raw_slugs(data.get("seasons"))


def catalogue_references(data: PlainValue) -> list[Problem]:
    """The reference problems of a one-file catalogue's plain ``data`` that could not be built
    whole: those among the objects that build, with their paths in the file."""
    if not isinstance(data, dict):
        return []
    unbuilt: Unbuilt = {}
    programme: model.Programme | None = None
    raw = data.get("programme")
    try:
        programme = structure(raw, model.Programme)
    except DataError:
        if isinstance(raw, dict):
            unbuilt_of_programme(raw, unbuilt)
    positions: dict[str, list[int]] = {}

    def built_of(key: str, cl: type[T]) -> list[T]:
        built, positions[key] = _build_each(data.get(key), cl, key, unbuilt)
        return built

    found = reference_problems(
        programme,
        built_of("organisations", model.Organisation),
        built_of("events", model.Event),
        built_of("proposals", model.Proposal),
        built_of("candidates", model.Candidate),
        unbuilt=unbuilt,
    )
    return [_at_position(problem, positions) for problem in found]


def _build_each(
    value: PlainValue, cl: type[T], key: str, unbuilt: Unbuilt
) -> tuple[list[T], list[int]]:
    """The objects of a list that build, and the position of each in the list."""
    if value is None:
        return [], []
    if not isinstance(value, list):
        unbuilt[key] = None
        return [], []
    objects: list[T] = []
    where: list[int] = []
    missing: set[str] = set()
    for index, item in enumerate(value):
        try:
            objects.append(structure(item, cl))
        except DataError:
            missing |= raw_slugs([item]) or set()
        else:
            where.append(index)
    if missing:
        unbuilt[key] = missing
    return objects, where


def _at_position(problem: Problem, positions: Mapping[str, list[int]]) -> Problem:
    # The checks number the objects built; the file numbers every entry of its lists.
    match = _ITEM.match(problem.path)
    if match is None:
        return problem
    position = positions[match[1]][int(match[2])]
    path = f"$.{match[1]}[{position}]{problem.path[match.end() :]}"
    return attrs.evolve(problem, path=path)


def merge(problems: Iterable[Problem], more: Iterable[Problem]) -> list[Problem]:
    """``problems`` then those of ``more`` that are not among them already."""
    listed = list(problems)
    seen = set(listed)
    listed.extend(problem for problem in more if problem not in seen)
    return listed
