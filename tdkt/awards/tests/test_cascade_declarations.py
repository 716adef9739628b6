"""The awards each rule declares it counts (`COUNTS`, `MEMBER_COUNTS`, GEN-11 cascade) are
exactly what the rule reads: every declared award can turn the verdict worse when it is
revoked (a case is searched for each), and no undeclared award ever does (a property over
random worlds). Rules are called directly, with "meets" of this round preset to fail, so
`has ∨ meets` reads the records alone."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from collections.abc import Iterator
from types import ModuleType

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tdkt.awards.rules import MODULES, Status
from tdkt.awards.rules.base import Check
from tdkt.awards.rules.collective import gather
from tdkt.awards.rules.facts import (
    HISTORY_YEARS,
    AwardFact,
    Entry,
    Facts,
    InitiativeFact,
    Members,
    PersonFacts,
    UnitFacts,
)

D = dt.date
YEAR = 2026
RANK = {Status.FAIL: 0, Status.REVIEW: 1, Status.PASS: 2}
OFFSETS = range(-HISTORY_YEARS, 1)


def _entry(facts: Facts, rule: str) -> Entry:
    return next(e for e in facts.catalogue if e.rule == rule)


def _codes(facts: Facts, subject: str) -> list[str]:
    return sorted({e.code for e in facts.catalogue if e.subject in (subject, "both")})


def _at(facts: Facts, year: int) -> Facts:
    world = copy.copy(facts)
    world.year, world.start, world.end = year, D(year - 1, 10, 1), D(year, 9, 30)
    world.as_of, world.year_bounds, world._params_on = D(year, 10, 1), {}, {}
    return world


def _award(pk: int, code: str, year: int, kind: str = "merit") -> AwardFact:
    return AwardFact(pk, code, year, kind, D(year, 11, 20), False)


def _person(facts: Facts, *, pk: int, rating: str, initiatives: bool) -> PersonFacts:
    person = PersonFacts(pk, f"P{pk}", f"Người {pk}", 1, D(2000, 1, 1))
    for offset in OFFSETS:
        person.ratings[YEAR + offset] = (rating, None)
        for code in _codes(facts, "individual"):
            person.awards.setdefault(code, {})[YEAR + offset] = _award(pk, code, YEAR + offset)
    if initiatives:
        person.initiatives = [
            InitiativeFact(10 * y + i, f"SK {y}.{i}", "initiative", "national", y, None)
            for y in range(YEAR - 5, YEAR + 1)
            for i in range(2)
        ]
    return person


def _unit(facts: Facts, *, rating: str, members: list[int]) -> UnitFacts:
    unit = UnitFacts(1, "U1", "Tòa án", "provincial_court", None, None)
    unit.members, unit.cluster_size = members, 3
    for offset in OFFSETS:
        unit.ratings[YEAR + offset] = (rating, "superior")
        for code in _codes(facts, "collective"):
            unit.awards.setdefault(code, {})[YEAR + offset] = _award(1, code, YEAR + offset)
    return unit


def _functions(module: ModuleType) -> list[object]:
    return list({id(f): f for f in module.REGIMES.values()}.values())


def _statuses(facts: Facts, module: ModuleType, rule: str, subject: object) -> list[Status]:
    """The verdict of every regime of the rule on `subject`, with nothing met this round."""
    codes = {e.code for e in facts.catalogue}
    for holder in (subject, *facts.people.values()):
        holder.current = dict.fromkeys(codes, Status.FAIL.value)  # type: ignore[attr-defined]
    if isinstance(subject, UnitFacts):  # what the engine keeps of the members for collectives
        subject.seen = Members()
        gather(subject.seen, [facts.people[pk] for pk in subject.members], facts)
    entry = _entry(facts, rule)
    found = []
    for function in _functions(module):
        check = Check(rule)
        function(check, facts, subject, entry)  # type: ignore[operator]
        found.append(check.status)
    return found


def _drops(before: list[Status], after: list[Status]) -> bool:
    return any(RANK[b] > RANK[a] for b, a in zip(before, after, strict=True))


def _without(holder: PersonFacts | UnitFacts, code: str, year: int) -> None:
    del holder.awards[code][year]


def _kept_only(holder: PersonFacts | UnitFacts, code: str, years: set[int]) -> None:
    holder.awards[code] = {y: a for y, a in holder.awards.get(code, {}).items() if y in years}


def _subsets(offsets: tuple[int, ...], offset: int) -> Iterator[set[int]]:
    """Sets of the declared offsets that contain `offset`, smallest first (a few hundred)."""
    others = [o for o in offsets if o != offset]
    for size in range(len(others) + 1):
        for combo in itertools.islice(itertools.combinations(others, size), 200):
            yield {offset, *combo}


def _worlds(reference: Facts, kind: str) -> Iterator[Facts]:
    for rating, initiatives in itertools.product(("excellent", "good"), (True, False)):
        facts = _at(reference, YEAR)
        member = _person(facts, pk=7, rating=rating, initiatives=initiatives)
        facts.people = {7: member}
        facts.units = {1: _unit(facts, rating=rating, members=[7])}
        if kind == "person":
            facts.people[1] = _person(facts, pk=1, rating=rating, initiatives=initiatives)
        yield facts


DECLARED = [
    (rule, members, code, offset)
    for rule, module in MODULES.items()
    for members, counts in ((False, module.COUNTS), (True, getattr(module, "MEMBER_COUNTS", {})))
    for code, offsets in counts.items()
    for offset in offsets
]


def test_every_rule_declares_what_it_counts() -> None:
    for module in MODULES.values():
        assert isinstance(module.COUNTS, dict), module.__name__
        for counts in (module.COUNTS, getattr(module, "MEMBER_COUNTS", {})):
            assert all(all(o <= 0 for o in offsets) for offsets in counts.values())


@pytest.mark.parametrize(("rule", "members", "code", "offset"), DECLARED)
def test_each_declared_award_can_flip_the_verdict(
    reference: Facts, rule: str, members: bool, code: str, offset: int
) -> None:
    """A world where the verdict is worse once that one award is revoked."""
    module = MODULES[rule]
    declared = (module.MEMBER_COUNTS if members else module.COUNTS)[code]
    kinds = [k for k in ("person", "unit") if module.SUBJECT in (k, "both")]
    for kind in ["unit"] if members else kinds:
        for world in _worlds(reference, kind):
            subject = world.people[1] if kind == "person" else world.units[1]
            holder = world.people[7] if members else subject
            if code not in holder.awards:
                continue
            for years in _subsets(declared, offset):
                facts = copy.deepcopy(world)
                subject = facts.people[1] if kind == "person" else facts.units[1]
                holder = facts.people[7] if members else subject
                _kept_only(holder, code, {YEAR + o for o in years})
                before = _statuses(facts, module, rule, subject)
                _without(holder, code, YEAR + offset)
                if _drops(before, _statuses(facts, module, rule, subject)):
                    return
    pytest.fail(f"{rule}: revoking {code} at {offset:+d} never changes the verdict")


# --- soundness: nothing undeclared matters ----------------------------------------------------


def _dense(draw: st.DrawFn, keys: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Most keys: a chain rule shows what it reads only when most of the chain is there."""
    return [key for key in keys if draw(st.integers(0, 9)) < 8]


@st.composite
def worlds(draw: st.DrawFn, reference: Facts) -> Facts:
    facts = _at(reference, draw(st.sampled_from([2024, 2025, 2026])))
    years = list(range(facts.year - 7, facts.year + 1))
    person_codes, unit_codes = _codes(facts, "individual"), _codes(facts, "collective")
    people = {}
    for pk in (1, 2):
        person = PersonFacts(pk, f"P{pk}", f"Người {pk}", 1, D(2000, 1, 1))
        for y in years:
            rating = draw(st.sampled_from(["excellent", "excellent", "good", "completed", ""]))
            if rating:
                person.ratings[y] = (rating, None)
        for code, y in _dense(draw, [(c, y) for c in person_codes for y in years]):
            kind = draw(st.sampled_from(["merit", "merit", "merit", "campaign"]))
            day = D(y - draw(st.integers(-1, 2)), 11, 20)
            person.awards.setdefault(code, {})[y] = AwardFact(pk, code, y, kind, day, False)
        for index in range(draw(st.integers(0, 4))):
            scope = draw(st.sampled_from(["grassroots", "sector", "national"]))
            y = draw(st.sampled_from(years[-6:]))
            person.initiatives.append(
                InitiativeFact(index, f"SK {index}", "initiative", scope, y, None)
            )
        people[pk] = person
    unit = UnitFacts(1, "U1", "Tòa án", "provincial_court", None, None)
    unit.members, unit.cluster_size = [1, 2], draw(st.integers(0, 4))
    for y in years:
        unit.ratings[y] = (draw(st.sampled_from(["excellent", "good"])), "superior")
    for code, y in _dense(draw, [(c, y) for c in unit_codes for y in years]):
        unit.awards.setdefault(code, {})[y] = _award(1, code, y)
    facts.people, facts.units = people, {1: unit}
    return facts


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failure names rule, code, year
)
@given(data=st.data())
def test_no_undeclared_award_changes_a_verdict(reference: Facts, data: st.DataObject) -> None:
    facts = data.draw(worlds(reference))
    unit = facts.units[1]
    for rule, module in MODULES.items():
        people: list[PersonFacts | UnitFacts] = [*facts.people.values()]
        by_kind: dict[str, list[PersonFacts | UnitFacts]] = {"person": people, "unit": [unit]}
        subjects = by_kind.get(module.SUBJECT, [*people, unit])
        for subject in subjects:
            before = _statuses(facts, module, rule, subject)
            holders = [subject] + ([*facts.people.values()] if subject is unit else [])
            for holder in holders:
                declared = (
                    module.COUNTS if holder is subject else getattr(module, "MEMBER_COUNTS", {})
                )
                for code, by_year in list(holder.awards.items()):
                    for y in list(by_year):
                        removed = by_year.pop(y)
                        after = _statuses(facts, module, rule, subject)
                        by_year[y] = removed
                        if _drops(before, after):
                            assert y - facts.year in declared.get(code, ()), (rule, code, y)
