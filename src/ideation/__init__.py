"""ideation: typed data for programmes of shared projects, rendered as documentation pages.

The model classes come from :mod:`ideation.model`; :func:`load` and :func:`dump` read and write
them in JSON, YAML, TOML and Markdown with front matter. Errors in data are
:class:`~ideation.errors.DataError`, with every problem's file, line and JSON path.
"""

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    DataError,
    FieldError,
    FieldErrors,
    IdeationError,
    MissingExtraError,
    Problem,
    UsageError,
)
from .model import (
    Attendance,
    Candidate,
    Catalogue,
    Contact,
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
    PhaseDates,
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

if TYPE_CHECKING:
    from .formats import dump, dumps, load, loads

__all__ = [
    "Attendance",
    "Candidate",
    "Catalogue",
    "Contact",
    "DataError",
    "Event",
    "EventKind",
    "FieldError",
    "FieldErrors",
    "IdeationError",
    "Link",
    "Location",
    "MissingExtraError",
    "Need",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "ParticipantRole",
    "Phase",
    "PhaseDates",
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
    "UsageError",
    "Vote",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
]

#: The names that come from :mod:`ideation.formats`, imported on first use: the loaders bring
#: in YAML, TOML and the converters, which the model alone (or a Sphinx build with nothing to
#: read again) does not need.
_FROM_FORMATS = frozenset({"dump", "dumps", "load", "loads"})


def __getattr__(name: str) -> Any:
    if name in _FROM_FORMATS:
        from .formats import dump, dumps, load, loads

        # Kept as the module's own names: later lookups no longer come here.
        globals().update(dump=dump, dumps=dumps, load=load, loads=loads)
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_FROM_FORMATS})
