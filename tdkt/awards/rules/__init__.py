"""The eligibility engine: facts in, verdicts out (STYLE.md §2).

One module per title or form; each maps the versions of its rule (`RuleVersion`, chosen by the
date of the council session) to the function that checks them. `evaluate(facts)` runs every
catalogue entry in force on the session date against every person and unit of the facts, in
memory: individuals first, so collectives and higher titles can build on this round's verdicts.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from types import ModuleType
from typing import Any

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
from tdkt.awards.rules.facts import Entry, Facts, PersonFacts, RuleRow, UnitFacts

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


def _subjects(facts: Facts, kind: str, entry: Entry) -> list[PersonFacts | UnitFacts]:
    subjects: list[PersonFacts | UnitFacts] = []
    if kind in ("person", "both") and entry.subject in ("individual", "both"):
        subjects.extend(facts.people.values())
    if kind in ("unit", "both") and entry.subject in ("collective", "both"):
        subjects.extend(facts.units.values())
    return subjects


def evaluate(facts: Facts) -> list[Verdict]:
    """Every subject against every entry in force; the cyclic garbage collector is paused, since
    a national run holds millions of small objects and would be scanned again and again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _evaluate(facts)
    finally:
        if collecting:
            gc.enable()


def _evaluate(facts: Facts) -> list[Verdict]:
    entries = [e for e in facts.catalogue if e.rule in MODULES and e.in_force(facts.as_of)]
    entries.sort(key=lambda e: (MODULES[e.rule].ORDER, e.rank))
    verdicts: list[Verdict] = []
    for entry in entries:
        module = MODULES[entry.rule]
        regimes: dict[str, Evaluate] = module.REGIMES
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
            function = None
        else:
            head = Head(
                entry.code,
                entry.name,
                entry.is_title,
                entry.rule,
                current.version,
                current.legal_basis,
                facts.as_of,
            )
            function = regimes[current.version]
        code = entry.code
        simple = function is not None and current is not None and current.firm and not others
        basis = head.legal_basis
        decisions = facts.decisions
        append = verdicts.append
        for subject in _subjects(facts, module.SUBJECT, entry):
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
                kind = "p" if isinstance(subject, PersonFacts) else "u"
                verdict.override = decisions.get((kind, subject.pk, code))
                if verdict.override is not None:  # what builds on it follows the decision
                    subject.current[code] = verdict.override[0]
            append(verdict)
    return verdicts


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


__all__: list[Any] = ["MODULES", "Status", "Verdict", "evaluate"]
