"""What a cell of a listing shows, as parts that every writer knows.

A listing's cell is a sequence of parts: text, a status badge, a link to an object of the
catalogue, a link to a web address. The renderers make nodes from them
(:meth:`~.base.Renderer.part_node`): what a cell shows is decided once, here.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class CellText:
    """Text of a cell, as it is."""

    text: str


@attrs.frozen
class CellBadge:
    """A proposal's status as a badge (see :func:`~.nodes.badge`)."""

    label: str
    status: str


@attrs.frozen
class CellLink:
    """An object of the catalogue by its title, linked to where it is shown in full."""

    kind: str
    slug: str


@attrs.frozen
class CellURL:
    """A link to a web address, already checked (see :meth:`~.base.Renderer.url`)."""

    uri: str
    text: str


#: What a cell of a listing shows is a sequence of these.
CellPart = CellText | CellBadge | CellLink | CellURL
