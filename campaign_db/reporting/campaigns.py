"""The campaigns a database holds (``reporting.campaigns``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .views import CampaignSummary


class UnknownCampaign(LookupError):
    """A campaign slug the database does not hold."""


def campaigns(session: Session) -> list[CampaignSummary]:
    """Every campaign, by slug."""
    return list(session.scalars(select(CampaignSummary).order_by(CampaignSummary.campaign)))


def check_campaign(session: Session, campaign: str | None) -> str | None:
    """``campaign`` if the database holds it (or it is ``"all"`` or None);
    else :class:`UnknownCampaign` listing the ones it holds."""
    if campaign is None or campaign == "all":
        return campaign
    held = [row.campaign for row in campaigns(session)]
    if campaign not in held:
        import difflib

        close = difflib.get_close_matches(campaign, held, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        listed = ", ".join(held) or "none yet (run `campaign-db up`)"
        raise UnknownCampaign(f"no campaign {campaign!r} in the database{hint} (it holds: {listed}; or 'all')")
    return campaign
