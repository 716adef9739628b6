"""Clauses several rules share: holds, ratings, service length, discipline, prerequisites,
initiatives and unit chains across lineage."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from tdkt.awards.models import DISCIPLINE_RANK, RATING_RANK, SCOPE_RANK
from tdkt.awards.rules.base import Check, Reason, Status, Tri
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.facts import Facts, HoldFact, InitiativeFact, PersonFacts, UnitFacts
from tdkt.core.text import search_key

ND152_ART4 = "Khoản 4 Điều 4 Nghị định 152/2025/NĐ-CP"
ND152_ART4_5 = "Khoản 5 Điều 4 Nghị định 152/2025/NĐ-CP"
DISCIPLINE_CITATION = "Khoản 4 Điều 4 Nghị định 152/2025/NĐ-CP; IND-06"
SERVICE_CITATION = "Thông tư 01/2024/TT-BNV; IND-05"
GEN03 = "Công văn 5007/BNV-TĐKT; GEN-03"
GEN05 = "Khoản 3 Điều 4 Nghị định 152/2025/NĐ-CP; GEN-05"
ORG02 = "RULES.md ORG-02 (unit_chain_policy)"
ORG03 = "RULES.md ORG-03, U-06"


def hold_clause(check: Check, holds: list[HoldFact], as_of: dt.date) -> bool:
    """GEN-06: an open hold defers the verdict; True when it did."""
    for hold in holds:
        if hold.open_on(as_of):
            check.defer(
                _(
                    "Legal hold since %(opened)s (%(kind)s%(source)s): no proposal until it is "
                    "lifted."
                ),
                ND152_ART4,
                opened=hold.opened_on,
                kind=hold.kind,
                source=f", {hold.source}" if hold.source else "",
            )
            return True
    return False


def rating_at_least(
    check: Check,
    ratings: dict[int, tuple[str, Any]],
    year: int,
    minimum: str,
    citation: str = "",
) -> Tri:
    found = ratings.get(year)
    if found is None:
        return check.cond(None, _("No rating is recorded for %(year)s."), citation, year=year)
    rating = found[0]
    key = (rating, year, minimum, citation or check.citation)
    reason = _RATED.get(key)
    if reason is None:  # a handful of distinct reasons, shared (immutable) by every verdict
        ok = RATING_RANK[rating] >= RATING_RANK[minimum]
        message = (
            _("Rated %(rating)s for %(year)s (at least %(minimum)s needed).")
            if ok
            else _("Rated %(rating)s for %(year)s; at least %(minimum)s is needed.")
        )
        reason = _RATED[key] = Reason(
            message, {"rating": rating, "year": year, "minimum": minimum}, key[3], ok
        )
    check.outcomes.append(reason.outcome)
    check.reasons.append(reason)
    return reason.outcome


_RATED: dict[tuple[str, int, str, str], Reason] = {}


@lru_cache(maxsize=65536)
def months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the 1st of the next month when that day does not exist
    (31/08 + 6 months → 01/03). Cached: staff share recruitment dates."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    try:
        return day.replace(year=year, month=month)
    except ValueError:
        return (dt.date(year, month, 1) + dt.timedelta(days=31)).replace(day=1)


def service_clause(check: Check, facts: Facts, person: PersonFacts) -> Tri:
    """IND-05: recruited_on + m months ≤ end(Y) + 1 day."""
    param = facts.param("min_service_months", facts.end)
    if param is None:
        return check.cond(
            None, _("No minimum service length is configured for %(day)s."), "GEN-00", day=facts.end
        )
    months = int(param.value)
    if person.recruited_on is None:
        return _service_on_record(check, facts, person, months, param.firm, param.legal_basis)
    recruited = person.recruited_on
    # Staff share recruitment dates: one reason per date, parameter and year, shared by every
    # verdict of the run (reasons are immutable), built the first time.
    key = (recruited, months, param.firm, param.legal_basis, facts.end)
    reason = _SERVED.get(key)
    if reason is None:
        reached = months_later(recruited, months)
        limit = facts.end + dt.timedelta(days=1)
        ok = reached <= limit
        message = (
            _(
                "Recruited on %(recruited)s: %(months)s months of service reached on "
                "%(reached)s, by the end of the year."
            )
            if ok
            else _(
                "Recruited on %(recruited)s: %(months)s months of service are reached only on "
                "%(reached)s, after %(end)s."
            )
        )
        if len(_SERVED) > 100_000:  # bounded in a long-lived process
            _SERVED.clear()
        reason = _SERVED[key] = Reason(
            message,
            {"recruited": recruited, "months": months, "reached": reached, "end": facts.end},
            f"{param.legal_basis}; IND-05",
            ok if param.firm else None,
        )
    outcome: Tri = reason.outcome
    check.outcomes.append(outcome)
    check.reasons.append(reason)
    for kind, start, end in person.leaves:
        check.note(
            _("%(kind)s %(start)s – %(end)s counts as working time."),
            ND152_ART4_5,
            kind=kind,
            start=start,
            end=end,
        )
    return outcome


_SERVED: dict[tuple[dt.date, int, bool, str, dt.date], Reason] = {}


def _service_on_record(
    check: Check, facts: Facts, person: PersonFacts, months: int, firm: bool, basis: str
) -> Tri:
    """No recruitment date: the earliest employment on record shows service since at least
    then, which settles the condition when it is long enough; otherwise it stays unknown."""
    service = person.service
    if service is None:
        return check.cond(None, _("The recruitment date is not recorded."), basis)
    since = service.first_start
    reached = months_later(since, months)
    if reached <= facts.end + dt.timedelta(days=1):
        return check.cond(
            True if firm else None,
            _(
                "The recruitment date is not recorded, but the employment history shows service "
                "since %(start)s: %(months)s months reached on %(reached)s, by the end of the "
                "year."
            ),
            f"{basis}; IND-05",
            start=since,
            months=months,
            reached=reached,
        )
    return check.cond(
        None,
        _(
            "The recruitment date is not recorded, and the employment history shows service "
            "only since %(start)s (%(months)s months on %(reached)s, after %(end)s)."
        ),
        f"{basis}; IND-05",
        start=since,
        months=months,
        reached=reached,
        end=facts.end,
    )


def discipline_floor(person: PersonFacts) -> dt.date | None:
    """The last day of the latest discipline period (≥ khiển trách): a chain year counts only
    if it starts after it (IND-06)."""
    ends = [end for level, _decided, end in person.disciplines if DISCIPLINE_RANK[level] >= 1]
    return max(ends) if ends else None


def discipline_clause(check: Check, facts: Facts, person: PersonFacts) -> Tri:
    result: Tri = True
    for level, decided, period_end in person.disciplines:
        if DISCIPLINE_RANK[level] < DISCIPLINE_RANK["reprimand"]:
            continue
        if facts.end <= period_end:
            check.cond(
                False,
                _(
                    "Disciplined (%(level)s) on %(decided)s; the discipline period runs to "
                    "%(end)s, past the end of the year."
                ),
                DISCIPLINE_CITATION,
                level=level,
                decided=decided,
                end=period_end,
            )
            result = False
        elif facts.start <= period_end:
            check.cond(
                None,
                _(
                    "The discipline period (%(level)s, %(decided)s) ends on %(end)s, inside "
                    "the year: how to count the rest of the year is not settled (U-12)."
                ),
                DISCIPLINE_CITATION,
                level=level,
                decided=decided,
                end=period_end,
            )
            if result is True:
                result = None
    return result


# Module constants: reading a member off the enum class costs ten times a global lookup.
_PASS, _FAIL = Status.PASS, Status.FAIL


def held_or_meets(holder: PersonFacts | UnitFacts, code: str, year: int, current_year: int) -> Tri:
    """`has` for a past year; `has ∨ meets` for the current one, where `meets` is this round's
    verdict (`holder.current`, set by the engine as it goes)."""
    by_year = holder.awards.get(code)
    if by_year is not None and year in by_year:
        return True
    if year == current_year:
        status = holder.current.get(code)
        if status is not None:
            return True if status == _PASS else False if status == _FAIL else None
    return False


def chain_years(
    check: Check,
    facts: Facts,
    person: PersonFacts,
    code: str,
    label: str,
    years: list[int],
    citation: str,
) -> Tri:
    """`has` for each earlier year and `(has ∨ meets)` for the current one; a year before the
    end of a discipline period does not count (IND-06); revoked awards never count (GEN-11)."""
    floor = discipline_floor(person) if person.disciplines else None
    held: list[Any] = []
    missing: list[int] = []
    pending: list[int] = []
    barred: list[int] = []
    for y in years:
        outcome = held_or_meets(person, code, y, facts.year)
        if outcome is True:
            if floor is not None and facts.bounds(y)[0] <= floor:
                barred.append(y)
            else:
                held.append(y)
        elif outcome is None:
            pending.append(y)
        else:
            missing.append(y)
    revoked = (
        sorted({a.year for a in person.revoked if a.code == code and a.year in years})
        if person.revoked
        else None
    )
    result: Tri = False if (missing or barred) else (None if pending else True)
    if pending:
        held += [f"{y}?" for y in pending]
    check.cond(
        result,
        _(
            "%(title)s needed for %(count)s consecutive years %(years)s: held %(held)s; "
            "missing %(missing)s."
        ),
        citation,
        title=label,
        count=len(years),
        years=f"{years[0]}–{years[-1]}",
        held=held,
        missing=missing,
    )
    if barred:
        check.cond(
            False,
            _(
                "Years %(years)s end before the discipline period (to %(end)s) and cannot feed "
                "a new chain."
            ),
            DISCIPLINE_CITATION,
            years=barred,
            end=floor,
        )
    if revoked:
        check.note(
            _("Revoked awards do not count: %(title)s %(years)s."),
            "GEN-11",
            title=label,
            years=revoked,
        )
    return result


def initiatives_clause(
    check: Check,
    person: PersonFacts,
    *,
    min_scope: str,
    years: range,
    needed: int,
    citation: str,
    kinds: tuple[str, ...] = ("initiative", "research"),
) -> Tri:
    """∃ unclaimed initiatives of scope ≥ min_scope recognised in `years` (GEN-03)."""
    fitting: list[InitiativeFact] = [
        i
        for i in person.initiatives
        if i.year in years and SCOPE_RANK[i.scope] >= SCOPE_RANK[min_scope] and i.kind in kinds
    ]
    free = [i for i in fitting if i.claimed_by is None]
    claimed = [i for i in fitting if i.claimed_by is not None]
    for item in claimed:
        check.note(
            _(
                "“%(name)s” was already used by another award (record %(award)s) and cannot "
                "count again."
            ),
            GEN03,
            name=item.name,
            award=item.claimed_by,
        )
    ok = len(free) >= needed
    if ok:
        return check.cond(
            True,
            _("Unused initiative or research of scope %(scope)s or wider: %(names)s."),
            citation,
            scope=min_scope,
            names=[i.name for i in free],
        )
    return check.cond(
        False,
        _(
            "Needs %(needed)s unused initiative(s) or research of scope %(scope)s or wider in "
            "%(years)s; found %(found)s."
        ),
        citation,
        needed=needed,
        scope=min_scope,
        years=f"{years[0]}–{years[-1]}",
        found=len(free),
    )


def unit_held(facts: Facts, unit: UnitFacts, code: str, year: int) -> tuple[Tri, str]:
    """Did `unit` hold `code` in `year`, following lineage by the chain policy (ORG-02)?
    Returns the outcome and an explanation for the reason."""
    override = facts.overrides.get((unit.pk, code, year))
    if override is not None:
        held, reason, reference = override
        return held, f"override ({reference}: {reason})"
    start, end = facts.bounds(year)
    existed = (unit.valid_from is None or unit.valid_from <= end) and (
        unit.valid_to is None or start <= unit.valid_to
    )
    if existed:
        return held_or_meets(unit, code, year, facts.year), ""
    steps = facts.lineage.backward.get(unit.pk, [])
    if not steps:
        return False, ""
    kind = steps[0].event.kind
    if kind in ("continues", "renamed", "converted"):
        policy = facts.param("unit_chain_policy.continues", facts.as_of)
        if policy is None or policy.value == "none":
            return False, "unit_chain_policy.continues = none"
        pred = _history_unit(facts, steps[0].predecessor)
        held = pred is not None and pred.has(code, year)
        return held, f"unit_chain_policy.continues = {policy.value}: {pred.name if pred else '?'}"
    if kind == "merged_into":
        policy = facts.param("unit_chain_policy.merged_into", facts.as_of)
        value = policy.value if policy else "none"
        preds = [_history_unit(facts, s.predecessor) for s in steps]
        holders = [(p.name, p.has(code, year)) for p in preds if p is not None]
        listing = "; ".join(f"{name}: {'có' if has else 'không'}" for name, has in holders)
        if value == "all_predecessors":
            flags = {has for _, has in holders}
            outcome: Tri = None if len(flags) > 1 else (flags.pop() if flags else False)
        elif value == "any_predecessor":
            outcome = any(has for _, has in holders)
        elif value == "name_bearer":  # the predecessor whose name the new unit kept
            bearer = [has for name, has in holders if search_key(name) == search_key(unit.name)]
            outcome = bearer[0] if len(bearer) == 1 else None
        else:
            outcome = False
        return outcome, f"unit_chain_policy.merged_into = {value}: {listing}"
    policy = facts.param("unit_chain_policy.created", facts.as_of)
    value = policy.value if policy else "start_fresh"
    return False, f"unit_chain_policy.created = {value}"


def _history_unit(facts: Facts, unit: object) -> UnitFacts | None:
    pk = getattr(unit, "pk", None)
    if pk is None:
        return None
    return facts.history_units.get(pk) or facts.units.get(pk)


def unit_existence_clause(check: Check, facts: Facts, unit: UnitFacts) -> Tri:
    """GEN-09 and ORG-03: a unit that ended during the year, or a regional court in 2025."""
    if unit.valid_to is not None and unit.valid_to < facts.end:
        return check.cond(
            None,
            _(
                "The unit ceased on %(end)s: no title of its own for the year; whether an "
                "abolished court counts as dissolved is not settled (GEN-09, §11)."
            ),
            "Thông tư 15/2025/TT-BNV; GEN-09",
            end=unit.valid_to,
        )
    if unit.valid_from is not None and unit.valid_from > facts.start:
        steps = facts.lineage.backward.get(unit.pk, [])
        if steps and steps[0].event.kind in ("merged_into", "continues", "renamed", "converted"):
            check.note(
                _(
                    "In force from %(start)s; assessed over the whole year with its "
                    "predecessors' work (COURT-06)."
                ),
                "KH 716-KH-TANDTC; COURT-06",
                start=unit.valid_from,
            )
            return True
        return check.cond(
            None,
            _(
                "The unit exists only from %(start)s: the basis for a part-year title has not "
                "been confirmed."
            ),
            ORG03,
            start=unit.valid_from,
        )
    return True
