"""The domain model: attrs classes only, with no I/O, no formats and no Sphinx.

Every class is frozen, with keyword-only arguments; validation happens at construction, so an
object that exists is a valid one.
"""

from .candidate import Candidate, Need, TeamSize, Vote
from .catalogue import Catalogue
from .event import DEFAULT_TIMEZONE, Event, EventKind, Location, Session, SessionKind
from .organisation import Organisation, OrganisationKind
from .people import Attendance, Participant, ParticipantRole, Profile
from .programme import Phase, Programme
from .proposal import TRANSITIONS, Link, Proposal, ProposalStatus, StatusChange
from .season import Season

__all__ = [
    "DEFAULT_TIMEZONE",
    "TRANSITIONS",
    "Attendance",
    "Candidate",
    "Catalogue",
    "Event",
    "EventKind",
    "Link",
    "Location",
    "Need",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "ParticipantRole",
    "Phase",
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
]
