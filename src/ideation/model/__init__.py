"""The domain model: attrs classes only, with no I/O, no formats and no Sphinx.

Every class is frozen, with keyword-only arguments; validation happens at construction, so an
object that exists is a valid one. The modules behind this one are private: every name is
imported from here (or from :mod:`ideation`, for the classes).
"""

from ._candidate import Candidate, Contact, Need, TeamSize, Vote
from ._catalogue import Catalogue, reference_problems
from ._event import DEFAULT_TIMEZONE, Event, EventKind, Location, Session, SessionKind
from ._organisation import Organisation, OrganisationKind
from ._people import Attendance, Participant, ParticipantRole, Profile
from ._plain import PlainMapping, PlainValue
from ._programme import Phase, Programme
from ._proposal import TRANSITIONS, Link, Proposal, ProposalStatus, StatusChange
from ._season import PhaseDates, Season

__all__ = [
    "DEFAULT_TIMEZONE",
    "TRANSITIONS",
    "Attendance",
    "Candidate",
    "Catalogue",
    "Contact",
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
    "PhaseDates",
    "PlainMapping",
    "PlainValue",
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
    "reference_problems",
]
