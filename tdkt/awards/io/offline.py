"""Facts read from a workbook in the history format, with the seed catalogue and parameters of
`data.py`: `tdkt eligibility --input` checks a file before it is imported, without touching the
database."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext, gettext_noop

from tdkt.awards import data
from tdkt.awards.io.columns import HISTORY
from tdkt.awards.io.history import read_rows
from tdkt.awards.io.names import NameIndex
from tdkt.awards.rules.facts import AwardFact, Entry, Facts, Param, PersonFacts, RuleRow, UnitFacts
from tdkt.core.errors import InputError, RowError
from tdkt.org.io.reading import read_table

UNMATCHED = gettext_noop(
    "“%(name)s” matches no title or form (rows %(rows)s); map it in the import page, or use a "
    "name of the catalogue."
)


def seed_reference(facts: Facts) -> None:
    for key, scope, value, start, end, basis, confidence in data.parameters():
        facts.params.setdefault((key, scope), []).append(
            Param(value, basis, confidence == "C", start, end)
        )
    for rule_id, version, start, end, basis, confidence in data.RULE_VERSIONS:
        facts.rules.setdefault(rule_id, []).append(
            RuleRow(rule_id, version, start, end, basis, confidence == "C")
        )
    for rows, is_title in ((data.TITLES, True), (data.FORMS, False)):
        for code, short, name, _aliases, subject, _level, _basis, rule, period, rank in rows:
            facts.catalogue.append(
                Entry(code, name, short, is_title, subject, rule, period, rank, None, None)
            )


def facts_from_workbook(
    content: bytes, filename: str, *, year: int, as_of: dt.date | None, scope: str | None
) -> Facts:
    """People, ratings and awards of the file; units are the unit codes it names (`scope`
    keeps one of them). Court years run 01/10 – 30/09."""
    table = read_table(content, filename, HISTORY)
    rows, errors, unmatched = read_rows(table, NameIndex.from_seed())
    errors += [
        RowError(
            row=numbers[0],
            column=table.headers.get("distinction", ""),
            message=gettext(UNMATCHED) % {"name": name, "rows": ", ".join(map(str, numbers))},
            value=name,
        )
        for name, numbers in unmatched.items()
    ]
    if errors:
        raise InputError(errors)
    start, end = dt.date(year - 1, 10, 1), dt.date(year, 9, 30)
    facts = Facts(year=year, as_of=as_of or end + dt.timedelta(days=1), start=start, end=end)
    seed_reference(facts)
    codes = sorted({r.unit_code for r in rows if scope in (None, "", "sector", r.unit_code)})
    units = {
        code: UnitFacts(i, code, code, "department", None, None) for i, code in enumerate(codes, 1)
    }
    people: dict[str, PersonFacts] = {}
    for row in rows:
        unit = units.get(row.unit_code)
        if unit is None:
            continue
        person = people.get(row.person_code)
        if person is None:
            person = PersonFacts(
                len(people) + 1,
                row.person_code,
                row.full_name or row.person_code,
                unit.pk,
                row.recruited_on,
            )
            people[row.person_code] = person
        if row.recruited_on:
            person.recruited_on = row.recruited_on
        if row.rating:
            person.ratings[row.year] = (row.rating, None)
        if row.target is not None:
            fact = AwardFact(
                row.number,
                row.target.code,
                row.year,
                row.values["commendation_type"],
                row.values["decision_date"],
                row.values.get("revoked", False),
                row.values["decision_number"],
            )
            if fact.revoked:
                person.revoked.append(fact)
            else:
                person.awards.setdefault(fact.code, {})[row.year] = fact
        if row.year == year and person.pk not in unit.members:
            unit.members.append(person.pk)
    facts.people = {p.pk: p for p in people.values()}
    facts.units = {u.pk: u for u in units.values()}
    return facts
