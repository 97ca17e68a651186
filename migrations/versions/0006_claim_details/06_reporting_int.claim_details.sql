-- grain: one row per claim, with its campaign, its claimant (the source that
-- made it), the parties and sides involved, and whether the claimant speaks
-- for no side.
--
-- Revision 0004's view, with the same columns, now read from
-- derived.claim_details, where the rule (reporting_int.claim_descriptions)
-- keeps its rows. One relation instead of eighteen: a rule that joins it is
-- planned with it, and asking about a few claims reads those claims only.

create or replace view reporting_int.claim_details as

select
    details.claim_id,
    details.claim_slug,
    details.campaign,
    details.campaign_id,
    details.campaign_title,
    details.claim_key,
    details.claim_kind,
    details.is_control_claim,
    details.document_id,
    details.source_id,
    details.claimant,
    details.claimant_kind,
    details.claimant_party_id,
    details.claimant_party,
    details.claimant_party_code,
    details.claimant_side_key,
    details.claimant_side,
    details.is_independent_source,
    details.actor_party_id,
    details.actor_party,
    details.actor_party_code,
    details.actor_side_key,
    details.actor_side,
    details.target_party_id,
    details.target_party,
    details.target_party_code,
    details.target_side_key,
    details.target_side,
    details.stated_from,
    details.stated_on,
    details.stated_time,
    details.occurred_from,
    details.occurred_to,
    details.occurred_time,
    details.hedge,
    details.event_key,
    details.same_as_campaign,
    details.same_as_slug,
    details.summary,
    details.quote,
    details.note
from derived.claim_details as details;
