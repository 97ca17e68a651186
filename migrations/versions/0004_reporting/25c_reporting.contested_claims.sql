-- grain: one row per claim × contest: each denial of it, each counter-claim,
-- each later statement that contradicts it, the earlier claim it repeats,
-- each claim of another side it conflicts with.
--
-- The rows are kept as a table (derived.contested_claims, rewritten for the
-- campaigns a load or an edit touches, from the rules in
-- reporting_int.contested_claims and its building blocks
-- reporting_int.contests_*): reading one campaign, one claim or every
-- contest is a scan or an index probe, not a computation.

create view reporting.contested_claims as

select
    contests.campaign,
    contests.claim_id,
    contests.claim_date,
    contests.claimant,
    contests.claimant_party,
    contests.claim_kind,
    contests.summary,
    contests.places,
    contests.contest_kind,
    contests.contested_by,
    contests.contested_by_party,
    contests.contested_on,
    contests.contest_quote,
    contests.counter_statement,
    contests.days_after_claim,
    contests.denial_id,
    contests.counter_claim_id,
    contests.counter_claim_kind,
    contests.counter_side,
    contests.counter_campaign,
    contests.actor_side,
    contests.claim_quote,
    contests.claimant_party_code,
    contests.contested_by_party_code,
    contests.claim_campaign,
    contests.claim_slug,
    contests.counter_claim_slug
from derived.contested_claims as contests;

comment on view reporting.contested_claims is
'Every claim that was disputed, with the counter-statement: one row per claim and contest. contest_kind says how: denial (a source of another side rejected it, or an independent analyst disputed it), mutual_accusation (the accused side accused the claimant''s side of the same thing), self_contradiction (the claimant''s own side later claimed captures inside the area this claim said it controlled), repeat_claim (the same side had already claimed the place; the counter-claim is the latest earlier one), date_conflict (another passage of the same campaign dates the same event differently), conflicting_control (another side claimed the same place for the same days; both claims get a row naming the other). campaign is the claim''s campaign, or ''all'' for a contest between two campaigns'' accounts. The contested_by columns describe the denial or the counter-claim.';
comment on column reporting.contested_claims.campaign is 'The campaign of the contested claim; ''all'' for a contest found only with every campaign together (the two claims come from different accounts).';
comment on column reporting.contested_claims.claim_id is 'The contested claim (reporting.claims.claim_id).';
comment on column reporting.contested_claims.claim_date is 'When the contested claim was stated (latest possible day).';
comment on column reporting.contested_claims.claimant is 'Who made the contested claim.';
comment on column reporting.contested_claims.claimant_party is 'The claimant''s party; null for a source of no party.';
comment on column reporting.contested_claims.claim_kind is 'What the contested claim says happened (capture, control, shelling, ...).';
comment on column reporting.contested_claims.summary is 'One-line summary of the contested claim.';
comment on column reporting.contested_claims.places is 'The places this contest concerns, comma-separated: the denied place (or all the claim''s places when the whole claim is denied), the contradicted area, the repeated or disputed places, or the claim''s places.';
comment on column reporting.contested_claims.contest_kind is 'denial, mutual_accusation, self_contradiction, repeat_claim, date_conflict or conflicting_control (see the view''s description).';
comment on column reporting.contested_claims.contested_by is 'The source of the denial or of the counter-claim (for repeat_claim: of the earlier claim; for date_conflict: of the other passage).';
comment on column reporting.contested_claims.contested_by_party is 'That source''s party; null for a source of no party.';
comment on column reporting.contested_claims.contested_on is 'When the denial or counter-claim was stated (latest possible day).';
comment on column reporting.contested_claims.contest_quote is 'Verbatim text of the denial or counter-claim.';
comment on column reporting.contested_claims.counter_statement is 'For a denial: what the denying source said happened instead, where it said so.';
comment on column reporting.contested_claims.days_after_claim is 'contested_on minus claim_date, in days (negative when the counter-claim came first, as for repeat_claim).';
comment on column reporting.contested_claims.denial_id is 'For a denial: the denial''s id; null otherwise.';
comment on column reporting.contested_claims.counter_claim_id is 'For the other kinds: the counter-claim (reporting.claims.claim_id); null for a denial.';
comment on column reporting.contested_claims.counter_claim_kind is 'What the counter-claim says (capture, control, partial, ...).';
comment on column reporting.contested_claims.counter_side is 'The side the counter-claim''s actor is on.';
comment on column reporting.contested_claims.counter_campaign is 'The campaign the counter-claim belongs to.';
comment on column reporting.contested_claims.actor_side is 'The side the contested claim''s actor is on.';
comment on column reporting.contested_claims.claim_quote is 'Verbatim text of the contested claim.';
comment on column reporting.contested_claims.claimant_party_code is 'Short code of claimant_party.';
comment on column reporting.contested_claims.contested_by_party_code is 'Short code of contested_by_party.';
comment on column reporting.contested_claims.claim_campaign is 'The campaign the contested claim belongs to (equal to campaign except on ''all'' rows).';
comment on column reporting.contested_claims.claim_slug is 'The contested claim''s natural key within its campaign.';
comment on column reporting.contested_claims.counter_claim_slug is 'The counter-claim''s natural key within its campaign.';
