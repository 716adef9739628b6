"""The eligibility engine: facts in, verdicts out (STYLE.md §2).

One module per title or form; each maps the versions of its rule (`RuleVersion`, chosen by the
date of the council session) to the function that checks them. `evaluate(facts)` runs every
catalogue entry in force on the session date against every person and unit of the facts, in
memory: individuals first, so collectives and higher titles can build on this round's verdicts.
`stream_verdicts` gives the same verdicts a part of the people at a time (a national run).
"""

from __future__ import annotations

import datetime as dt
import gc
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from types import ModuleType
from typing import Any, NamedTuple

from tdkt.awards.models import Discipline, Hold, Initiative, Leave, Rating
from tdkt.awards.rules import (
    advanced_collective,
    advanced_worker,
    commendation_certificate,
    excellent_collective,
    government_emulation_flag,
    grassroots_emulation_fighter,
    national_emulation_fighter,
    pm_certificate_of_merit,
    sector_certificate_of_merit,
    sector_emulation_fighter,
    sector_emulation_flag,
    state_orders,
)
from tdkt.awards.rules.base import Check, Head, Status, Verdict, register_labels
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.collective import gather
from tdkt.awards.rules.facts import (
    Entry,
    Facts,
    Members,
    PersonFacts,
    RuleRow,
    UnitFacts,
    load_parts,
    paused_gc,
)

MODULES: dict[str, ModuleType] = {
    module.__name__.rsplit(".", 1)[1]: module
    for module in (
        advanced_worker,
        grassroots_emulation_fighter,
        sector_emulation_fighter,
        national_emulation_fighter,
        commendation_certificate,
        sector_certificate_of_merit,
        pm_certificate_of_merit,
        advanced_collective,
        excellent_collective,
        sector_emulation_flag,
        government_emulation_flag,
        state_orders,
    )
}

register_labels(
    {
        **dict(Rating.choices),
        **dict(Initiative.Scope.choices),
        **dict(Discipline.Level.choices),
        **dict(Hold.Kind.choices),
        **dict(Leave.Kind.choices),
    }
)

Evaluate = Callable[..., None]


def _versions(facts: Facts, rule_id: str) -> tuple[RuleRow | None, list[RuleRow]]:
    """The version in force on the session date, and every version in force at some point of
    the qualifying year (U-22: a year that straddles a change is checked under each)."""
    rows = facts.rules.get(rule_id, [])
    current = next(
        (
            r
            for r in reversed(rows)
            if r.valid_from <= facts.as_of and (r.valid_to is None or facts.as_of <= r.valid_to)
        ),
        None,
    )
    spanned = facts.rule_versions(rule_id, facts.start, facts.end)
    return current, spanned


def evaluate(facts: Facts) -> list[Verdict]:
    """Every subject of `facts` against every entry in force, all in memory: a unit's or a
    person's page, a workbook, the tests. The people's verdicts come first, then the units'."""
    collecting = gc.isenabled()  # see `paused_gc`
    gc.disable()
    try:
        run = _Run(facts)
        verdicts = run.people(facts)
        verdicts += run.units(facts)
        return verdicts
    finally:
        if collecting:
            gc.enable()


def evaluate_parts(parts: Iterable[Facts]) -> Iterator[list[Verdict]]:
    """The verdicts of `evaluate` for facts read a part of the people at a time (`load_parts`):
    each part's people's verdicts, then the units'. A collective reads of its members only what
    `collective.gather` kept as their part passed, so each part (facts and verdicts) can be
    dropped once consumed."""
    run: _Run | None = None
    facts: Facts | None = None
    for facts in parts:
        if run is None:
            run = _Run(facts)
        yield run.people(facts)
    if run is not None and facts is not None:
        yield run.units(facts)


def stream_verdicts(
    *, year: int, unit_ids: set[int] | None, as_of: dt.date | None = None, chunk: int | None = None
) -> Iterator[list[Verdict]]:
    """`evaluate(load_facts(...))` a part of `chunk` (default `facts.CHUNK`) people at a time
    (a national run, an export to a file): memory holds one part, whatever the size of the
    sector. The cyclic garbage collector stays paused until the last part is consumed."""
    with paused_gc():
        yield from evaluate_parts(
            load_parts(year=year, unit_ids=unit_ids, as_of=as_of, chunk=chunk)
        )


class _Plan(NamedTuple):
    """One catalogue entry of a run: its module's function for the version in force."""

    entry: Entry
    head: Head
    current: RuleRow | None
    function: Evaluate | None
    others: list[tuple[RuleRow, Evaluate]]  # the other versions of the year (U-22)
    simple: bool  # a firm version, the same over the year: the function alone decides


class _Run:
    """The entries in force, in order (individuals first, so that collectives and higher titles
    build on this round's verdicts), split by the kind of subject they apply to."""

    def __init__(self, facts: Facts) -> None:
        entries = [e for e in facts.catalogue if e.rule in MODULES and e.in_force(facts.as_of)]
        entries.sort(key=lambda e: (MODULES[e.rule].ORDER, e.rank))
        self.for_people: list[_Plan] = []
        self.for_units: list[_Plan] = []
        for entry in entries:
            module = MODULES[entry.rule]
            plan = _plan(facts, entry, module.REGIMES)
            if module.SUBJECT in ("person", "both") and entry.subject in ("individual", "both"):
                self.for_people.append(plan)
            if module.SUBJECT in ("unit", "both") and entry.subject in ("collective", "both"):
                self.for_units.append(plan)
        for unit in facts.units.values():
            unit.seen = Members()

    def people(self, facts: Facts) -> list[Verdict]:
        """The verdicts of the people of `facts`; then what the units' rules need of them."""
        verdicts: list[Verdict] = []
        subjects = list(facts.people.values())
        for plan in self.for_people:
            _verdicts(facts, plan, subjects, "p", verdicts)
        people, part = facts.people, facts.part
        for unit in facts.units.values():
            members = unit.members
            if part is not None:  # a part's members: a slice of the ids, sorted
                members = members[bisect_left(members, part[0]) : bisect_right(members, part[1])]
            if members:
                gather(unit.seen, [people[pk] for pk in members if pk in people], facts)
        return verdicts

    def units(self, facts: Facts) -> list[Verdict]:
        verdicts: list[Verdict] = []
        subjects = list(facts.units.values())
        for plan in self.for_units:
            _verdicts(facts, plan, subjects, "u", verdicts)
        return verdicts


def _plan(facts: Facts, entry: Entry, regimes: dict[str, Evaluate]) -> _Plan:
    current, spanned = _versions(facts, entry.rule)
    others = [
        (r, regimes[r.version])
        for r in spanned
        if current is not None
        and r.version != current.version
        and r.version in regimes
        and regimes[r.version] is not regimes.get(current.version)
    ]
    if current is None or current.version not in regimes:
        head = Head(entry.code, entry.name, entry.is_title, entry.rule, "", "", facts.as_of)
        return _Plan(entry, head, current, None, others, False)
    head = Head(
        entry.code,
        entry.name,
        entry.is_title,
        entry.rule,
        current.version,
        current.legal_basis,
        facts.as_of,
    )
    return _Plan(
        entry, head, current, regimes[current.version], others, current.firm and not others
    )


def _verdicts(
    facts: Facts,
    plan: _Plan,
    subjects: list[PersonFacts] | list[UnitFacts],
    kind: str,
    verdicts: list[Verdict],
) -> None:
    """`plan` against each subject (`kind`: "p" people, "u" units), onto `verdicts`."""
    entry, head, current, function, others, simple = plan
    code = entry.code
    basis = head.legal_basis
    decisions = facts.decisions
    append = verdicts.append
    for subject in subjects:
        if simple:  # the common case, without a call per verdict
            check = Check(basis)
            function(check, facts, subject, entry)  # type: ignore[misc]
        else:
            check = _one(facts, entry, subject, current, function, others)
        # Check.status, inlined: a call less per verdict
        outcomes = check.outcomes
        if check.deferred:
            status = DEFERRED
        elif False in outcomes:
            status = FAIL
        elif not outcomes or None in outcomes:
            status = REVIEW
        else:
            status = PASS
        subject.current[code] = status
        verdict = Verdict(subject, head, status, check.reasons, check.remaining)
        if decisions:
            verdict.override = decisions.get((kind, subject.pk, code))
            if verdict.override is not None:  # what builds on it follows the decision
                subject.current[code] = verdict.override[0]
        append(verdict)


DEFERRED, FAIL, REVIEW, PASS = Status.DEFERRED, Status.FAIL, Status.REVIEW, Status.PASS


def _one(
    facts: Facts,
    entry: Entry,
    subject: PersonFacts | UnitFacts,
    current: RuleRow | None,
    function: Evaluate | None,
    others: list[tuple[RuleRow, Evaluate]],
) -> Check:
    if current is None or function is None:
        check = Check(entry.code)
        check.cond(
            None,
            _("No version of the rule is in force on %(day)s (GEN-00)."),
            "GEN-00",
            day=facts.as_of,
        )
        return check
    check = Check(current.legal_basis)
    if not current.firm:
        check.cond(
            None,
            _(
                "Rule version %(version)s (%(basis)s) is not confirmed; a named "
                "administrator must confirm it."
            ),
            "RULES.md §0.2.2",
            version=current.version,
            basis=current.legal_basis,
        )
    function(check, facts, subject, entry)
    for row, other in others:
        alt = Check(row.legal_basis)
        other(alt, facts, subject, entry)
        if alt.status != check.status and Status.DEFERRED not in (alt.status, check.status):
            check.cond(
                None,
                _(
                    "The year straddles a change of rule: under %(old)s the result is "
                    "“%(alt)s”, under %(new)s “%(cur)s” (U-22)."
                ),
                "RULES.md GEN-00, U-22",
                old=row.legal_basis,
                alt=str(alt.status),
                new=current.legal_basis,
                cur=str(check.status),
            )
    return check


__all__: list[Any] = [
    "MODULES",
    "Status",
    "Verdict",
    "evaluate",
    "evaluate_parts",
    "stream_verdicts",
]
