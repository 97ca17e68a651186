"""Python access to the reporting interface: read-only ORM classes mapped
onto the ``reporting`` views, and a small typed API over them.

Example::

    from campaign_db.reporting import control_as_of
    for row in control_as_of(session, date(2020, 10, 22), campaign="aras-valley", district="Jabrayil District"):
        print(row.place_name, row.controller_side, row.status)
"""

from .campaigns import UnknownCampaign, campaigns, check_campaign
from .contests import CONTEST_KINDS, contested_claims
from .control import CONTROL_COLUMNS, ControlRow, control_as_of, control_periods, district_id_of
from .losses import losses
from .places import (
    AmbiguousPlace,
    PlaceLookupError,
    PlaceMatch,
    PlaceNotFound,
    find_places,
    resolve_place,
    suggest_places,
)
from .timeline import TimelineEntry, timeline
from .views import (
    CampaignSummary,
    ClaimFact,
    ContestedClaim,
    ControlDay,
    ControlPeriod,
    DistrictProgress,
    GazetteerPlace,
    LossReport,
    PlaceCitation,
    ReadOnlyViewError,
    ReportingView,
    SourceScore,
    reporting_metadata,
)

__all__ = [
    "CONTEST_KINDS",
    "CONTROL_COLUMNS",
    "AmbiguousPlace",
    "CampaignSummary",
    "ClaimFact",
    "ContestedClaim",
    "ControlDay",
    "ControlPeriod",
    "ControlRow",
    "DistrictProgress",
    "GazetteerPlace",
    "LossReport",
    "PlaceCitation",
    "PlaceLookupError",
    "PlaceMatch",
    "PlaceNotFound",
    "ReadOnlyViewError",
    "ReportingView",
    "SourceScore",
    "TimelineEntry",
    "UnknownCampaign",
    "campaigns",
    "check_campaign",
    "contested_claims",
    "control_as_of",
    "control_periods",
    "district_id_of",
    "find_places",
    "losses",
    "reporting_metadata",
    "resolve_place",
    "suggest_places",
    "timeline",
]
