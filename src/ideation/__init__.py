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
    Candidate,
    Catalogue,
    Event,
    EventKind,
    Link,
    Location,
    Need,
    Organisation,
    OrganisationKind,
    Participant,
    ParticipantRole,
    Phase,
    Profile,
    Programme,
    Proposal,
    ProposalStatus,
    Season,
    Session,
    SessionKind,
    StatusChange,
    TeamSize,
    Vote,
)

__all__ = [
    "Attendance",
    "Candidate",
    "Catalogue",
    "DataError",
    "Event",
    "EventKind",
    "IdeationError",
    "Link",
    "Location",
    "Need",
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
    "Season",
    "Session",
    "SessionKind",
    "StatusChange",
    "TeamSize",
    "Vote",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
]
