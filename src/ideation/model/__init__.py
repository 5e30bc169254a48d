"""The domain model: attrs classes only, with no I/O, no formats and no Sphinx.

Every class is frozen, with keyword-only arguments; validation happens at construction, so an
object that exists is a valid one.
"""

from .catalogue import Catalogue
from .event import DEFAULT_TIMEZONE, Event, EventKind, Location, Session, SessionKind
from .organisation import Organisation, OrganisationKind
from .people import Attendance, Participant, ParticipantRole, Profile
from .programme import Phase, Programme
from .proposal import TRANSITIONS, Link, Proposal, ProposalStatus, StatusChange

__all__ = [
    "DEFAULT_TIMEZONE",
    "TRANSITIONS",
    "Attendance",
    "Catalogue",
    "Event",
    "EventKind",
    "Link",
    "Location",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "ParticipantRole",
    "Phase",
    "Profile",
    "Programme",
    "Proposal",
    "ProposalStatus",
    "Session",
    "SessionKind",
    "StatusChange",
]
