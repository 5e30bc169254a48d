"""ideation: typed data for programmes of shared projects, rendered as documentation pages.

The model classes come from :mod:`ideation.model`; :func:`load` and :func:`dump` read and write
them in JSON, YAML, TOML and Markdown with front matter. Errors in data are
:class:`~ideation.errors.DataError`, with every problem's file, line and JSON path.
"""

from ._version import __version__
from .errors import DataError, IdeationError, Problem
from .formats import dump, dumps, load, loads
from .model import (
    Attendance,
    Catalogue,
    Event,
    EventKind,
    Link,
    Location,
    Organisation,
    OrganisationKind,
    Participant,
    ParticipantRole,
    Phase,
    Profile,
    Programme,
    Proposal,
    ProposalStatus,
    Session,
    SessionKind,
    StatusChange,
)

__all__ = [
    "Attendance",
    "Catalogue",
    "DataError",
    "Event",
    "EventKind",
    "IdeationError",
    "Link",
    "Location",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "ParticipantRole",
    "Phase",
    "Problem",
    "Profile",
    "Programme",
    "Proposal",
    "ProposalStatus",
    "Session",
    "SessionKind",
    "StatusChange",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
]
