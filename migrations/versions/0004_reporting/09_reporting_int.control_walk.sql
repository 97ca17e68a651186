-- grain: a function: one place's control candidates (as known by a cut-off)
-- in, one row per day its answer changes ('state') and one per claim that
-- contested the holder ('contest') out.
--
-- The single home of design rules 3-5; control_periods, control_as_of and
-- control_daily all read its output. Evidence rank: 3 confirmed > 2 claimed >
-- 1 denied. Walking the candidates day by day in event order:
--   - the first candidate sets the controlling side;
--   - a candidate of the same side keeps the side (it may become the basis:
--     the strongest, then latest, of the side; `since` does not move);
--   - a capture by another side takes the place over, whatever its rank;
--   - a control claim by another side that held the place before ("we still
--     hold it") takes it over only if its rank is at least the basis's;
--     a control claim by a side that never held it announces a change of
--     hands and counts like a capture;
--   - a withdrawal ends the withdrawing side's control (no controller until
--     a later candidate), unless it names who took over (its target side);
--   - presence and partial never take the place over; like a capture or
--     control claim of another side that failed, they make it `contested`
--     (partial shows its share); the holder's own side's do nothing;
--   - candidates of different sides on the same day are weighed first: the
--     higher rank wins; at equal rank the place stays with the side that held
--     it before (or stays unheld). Either way the status is `contested`.
-- Nothing depends on the order of the input: within a day every candidate is
-- weighed together, and ties are broken by rank, event day, depth, statement
-- day and finally the claim's natural key (campaign/slug), never by an id.
-- Status: contradicted (rule 2) > contested > disputed (denied and
-- confirmed) > denied > corroborated (confirmed, or any corroboration) >
-- claimed.

create type reporting_int.walk_candidate as (
    claim_id integer,
    claim_key text,
    basis_place_id integer,
    depth integer,
    kind text,
    party_id integer,
    side_key text,
    target_party_id integer,
    target_side_key text,
    occurred_on date,
    stated_on date,
    rank integer,
    is_confirmed boolean,
    is_denied boolean,
    is_corroborated boolean,
    is_contradicted boolean,
    share_percent double precision
);

comment on type reporting_int.walk_candidate is
'One control claim as a candidate for one place, with its evidence as known by a knowledge cut-off (rank: 3 confirmed, 2 claimed, 1 denied). Input of reporting_int.control_walk.';

create type reporting_int.walk_step as (
    event text,
    day date,
    party_id integer,
    side_key text,
    since date,
    claim_id integer,
    basis_place_id integer,
    depth integer,
    rank integer,
    status text,
    counter_claim_id integer,
    counter_side_key text,
    counter_kind text,
    counter_share_percent double precision
);

comment on type reporting_int.walk_step is
'Output of reporting_int.control_walk. event = ''state'': from `day` on, the place is held by side_key (party_id: the controlling party; null: no controller) since `since`, on the basis of claim_id, with `status`; counter_*: the latest claim of another side that contested it. event = ''contest'': on `day`, claim_id (a capture, control or partial claim of side_key) did not take the place over from counter_claim_id.';

-- rank of evidence as known by a cut-off (design rule 3)
create function reporting_int.evidence_rank(is_confirmed boolean, is_denied boolean)
returns integer
language sql
immutable
parallel safe
return case when is_confirmed then 3 when is_denied then 1 else 2 end;

comment on function reporting_int.evidence_rank(boolean, boolean) is
'Evidence rank of a control claim (design rule 3): 3 confirmed (stated or corroborated by a source of no side, or admitted by the other side), 2 claimed, 1 denied (by another side or an independent analyst, and not confirmed).';

-- "the strongest, then latest": is candidate a a better basis than b?
create function reporting_int.is_better_basis(
    a reporting_int.walk_candidate,
    b reporting_int.walk_candidate
)
returns boolean
language sql
immutable
parallel safe
return
b.claim_id is null
or (a.rank, a.occurred_on, -a.depth, a.stated_on, a.claim_key)
> (b.rank, b.occurred_on, -b.depth, b.stated_on, b.claim_key);

comment on function reporting_int.is_better_basis(reporting_int.walk_candidate, reporting_int.walk_candidate) is
'True when candidate a is a better basis of control than b: higher rank, then later event, then nearer (direct before inherited), then later statement, then the claim''s natural key.';

create function reporting_int.control_walk(candidates reporting_int.walk_candidate[])
returns setof reporting_int.walk_step
language plpgsql
immutable
parallel safe
as $function$
declare
    candidate reporting_int.walk_candidate;
    sentinel reporting_int.walk_candidate;
    today reporting_int.walk_candidate[] := '{}';
    day_on date;
    -- the state
    holder text;                                   -- controlling side (null: none)
    holder_party integer;
    since date;
    basis reporting_int.walk_candidate;         -- basis claim (may exist with no holder)
    held text[] := '{}';                           -- sides that ever held the place
    contested boolean := false;
    counter reporting_int.walk_candidate;
    -- the day's weighing
    attempts reporting_int.walk_candidate[];
    defence reporting_int.walk_candidate;
    withdrawal reporting_int.walk_candidate;
    loser reporting_int.walk_candidate;
    best reporting_int.walk_candidate;
    top_rank integer;
    winners text[];
    winner reporting_int.walk_candidate;
    status text;
    previous reporting_int.walk_step;
    step reporting_int.walk_step;
begin
    sentinel.occurred_on := 'infinity';
    for candidate in
        select item.*
        from unnest(candidates || sentinel) as item
        order by item.occurred_on, item.claim_key
    loop
        if day_on is not null and candidate.occurred_on is distinct from day_on then
            -- weigh the day `day_on`: what tries to take the place over, what defends it
            attempts := '{}';
            defence := null;
            withdrawal := null;
            foreach best in array today loop
                if holder is not null and best.side_key = holder then
                    if best.kind in ('capture', 'control') then
                        if reporting_int.is_better_basis(best, defence) then
                            defence := best;
                        end if;
                    elsif best.kind = 'withdrawal' then
                        if reporting_int.is_better_basis(best, withdrawal) then
                            withdrawal := best;
                        end if;
                        if best.target_side_key is not null and best.target_side_key <> holder then
                            best.side_key := best.target_side_key;
                            best.party_id := best.target_party_id;
                            attempts := attempts || best;
                        end if;
                    end if;
                elsif best.kind = 'capture'
                    or (best.kind = 'control' and (
                        holder is null
                        or not (best.side_key = any(held))
                        or best.rank >= basis.rank
                    ))
                then
                    attempts := attempts || best;
                elsif best.kind = 'withdrawal'
                    and best.target_side_key is not null
                    and best.target_side_key is distinct from holder
                then
                    best.side_key := best.target_side_key;
                    best.party_id := best.target_party_id;
                    attempts := attempts || best;
                end if;
            end loop;

            if withdrawal.claim_id is not null then
                -- the holder leaves (its own claims of the day do not defend it)
                holder := null;
                holder_party := null;
                since := day_on;
                basis := withdrawal;
                contested := false;
                counter := null;
                defence := null;
            end if;

            winner := null;
            if cardinality(attempts) > 0 then
                top_rank := coalesce(defence.rank, 0);
                foreach best in array attempts loop
                    top_rank := greatest(top_rank, best.rank);
                end loop;
                winners := '{}';
                foreach best in array attempts loop
                    if best.rank = top_rank and not (best.side_key = any(winners)) then
                        winners := winners || best.side_key;
                    end if;
                end loop;
                if cardinality(winners) = 1 and coalesce(defence.rank, 0) < top_rank then
                    foreach best in array attempts loop
                        if best.side_key = winners[1] and reporting_int.is_better_basis(best, winner) then
                            winner := best;
                        end if;
                    end loop;
                end if;
            end if;

            if winner.claim_id is not null then
                -- a change of hands
                holder := winner.side_key;
                holder_party := winner.party_id;
                since := day_on;
                basis := winner;
                contested := false;
                counter := null;
                if not (holder = any(held)) then
                    held := held || holder;
                end if;
            elsif defence.claim_id is not null and reporting_int.is_better_basis(defence, basis) then
                basis := defence;
                holder_party := defence.party_id;
            end if;

            if basis.claim_id is null and cardinality(attempts) > 0 then
                -- sides that cancel out on a place nobody held: the best of their
                -- claims is the basis, the others contest it
                foreach best in array attempts loop
                    if basis.claim_id is null
                        or (best.rank, best.occurred_on, best.claim_key) > (basis.rank, basis.occurred_on, basis.claim_key)
                    then
                        basis := best;
                    end if;
                end loop;
                since := day_on;
            end if;

            -- every candidate of the day that did not decide it contests the holder
            foreach loser in array today loop
                continue when loser.kind = 'withdrawal';
                continue when loser.claim_id = basis.claim_id;
                continue when holder is not null and loser.side_key = holder;
                continue when holder is null and loser.kind in ('capture', 'control') and winner.claim_id is null
                    and cardinality(attempts) = 0;
                contested := true;
                if counter.claim_id is null
                    or (loser.rank, loser.occurred_on, loser.claim_key) > (counter.rank, counter.occurred_on, counter.claim_key)
                then
                    counter := loser;
                end if;
                if loser.kind in ('capture', 'control', 'partial') and basis.kind in ('capture', 'control') then
                    step := row(
                        'contest', day_on, loser.party_id, loser.side_key, null, loser.claim_id, loser.basis_place_id,
                        loser.depth, loser.rank, null, basis.claim_id, basis.side_key, basis.kind, null
                    );
                    return next step;
                end if;
            end loop;

            if basis.claim_id is null then
                -- nothing decides the place yet (only contesting claims): the best of them is the basis
                basis := counter;
                since := day_on;
            end if;

            status := case
                when basis.is_contradicted then 'contradicted'
                when contested then 'contested'
                when basis.is_denied and basis.is_confirmed then 'disputed'
                when basis.is_denied then 'denied'
                when basis.is_confirmed or basis.is_corroborated then 'corroborated'
                else 'claimed'
            end;
            step := row(
                'state', day_on, holder_party, holder, since, basis.claim_id, basis.basis_place_id, basis.depth,
                basis.rank, status, counter.claim_id, counter.side_key, counter.kind, counter.share_percent
            );
            if previous.day is null
                or (step.party_id, step.side_key, step.since, step.claim_id, step.basis_place_id, step.status,
                    step.counter_claim_id)
                is distinct from (previous.party_id, previous.side_key, previous.since, previous.claim_id,
                    previous.basis_place_id, previous.status, previous.counter_claim_id)
            then
                return next step;
                previous := step;
            end if;
            today := '{}';
        end if;
        day_on := candidate.occurred_on;
        today := today || candidate;
    end loop;
    return;
end
$function$;

comment on function reporting_int.control_walk(reporting_int.walk_candidate[]) is
'Design rules 3-5 for one place: walks its control candidates (as known by a cut-off) day by day and returns one ''state'' row per day its answer changes and one ''contest'' row per capture, control or partial claim that contested the holder. The one place these rules are written; see the file 09_reporting_int.control_walk.sql.';
