"""Properties of the engine: every verdict has a reason and a citation, whatever the facts;
and a run reads each table once, however many people it covers."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.awards.models import Rating
from tdkt.awards.rules import Status, evaluate
from tdkt.awards.rules.facts import (
    AwardFact,
    Facts,
    HoldFact,
    InitiativeFact,
    PersonFacts,
    UnitFacts,
    load_facts,
)
from tdkt.awards.tests import factories as af
from tests import factories as f

D = dt.date
YEARS = list(range(2018, 2027))
TITLES = [
    "advanced_worker",
    "grassroots_emulation_fighter",
    "sector_emulation_fighter",
    "sector_certificate_of_merit",
    "excellent_collective",
    "sector_emulation_flag",
]
dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2027, 1, 1))


@st.composite
def people(draw: st.DrawFn, pk: int) -> PersonFacts:
    person = PersonFacts(
        pk, f"P{pk}", f"Người {pk}", 1, draw(st.none() | dates), draw(st.booleans())
    )
    for year in draw(st.sets(st.sampled_from(YEARS))):
        rate = draw(st.none() | st.decimals(min_value=0, max_value=5, places=2))
        person.ratings[year] = (draw(st.sampled_from(Rating.values)), rate)
    for index, (code, year) in enumerate(
        draw(st.sets(st.tuples(st.sampled_from(TITLES), st.sampled_from(YEARS))))
    ):
        fact = AwardFact(
            index,
            code,
            year,
            draw(st.sampled_from(["merit", "campaign"])),
            draw(st.none() | dates),
            False,
        )
        person.awards.setdefault(code, {})[year] = fact
    for _ in range(draw(st.integers(0, 2))):
        start = draw(dates)
        person.disciplines.append(
            (
                draw(st.sampled_from(["reprimand", "warning"])),
                start,
                start + dt.timedelta(days=draw(st.integers(0, 700))),
            )
        )
    for index in range(draw(st.integers(0, 3))):
        person.initiatives.append(
            InitiativeFact(
                index,
                f"SK {index}",
                "initiative",
                draw(st.sampled_from(["grassroots", "sector", "national"])),
                draw(st.sampled_from(YEARS)),
                draw(st.none() | st.integers(1, 5)),
            )
        )
    if draw(st.booleans()):
        opened = draw(dates)
        person.holds.append(HoldFact("investigation", opened, draw(st.none() | dates), ""))
    return person


@st.composite
def worlds(draw: st.DrawFn) -> tuple[int, list[PersonFacts], UnitFacts]:
    year = draw(st.sampled_from([2023, 2024, 2025, 2026]))
    crowd = [draw(people(pk)) for pk in range(1, draw(st.integers(1, 6)) + 1)]
    unit = UnitFacts(
        1,
        "U1",
        "Đơn vị",
        draw(st.sampled_from(["provincial_court", "regional_court", "department"])),
        draw(st.none() | dates),
        None,
    )
    unit.members = [p.pk for p in crowd]
    unit.cluster_size = draw(st.integers(0, 6))
    for y in draw(st.sets(st.sampled_from(YEARS))):
        unit.ratings[y] = (
            draw(st.sampled_from(Rating.values)),
            draw(st.sampled_from(["", "superior"])),
        )
    return year, crowd, unit


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(worlds())
def test_no_verdict_lacks_a_reason_or_a_citation(reference: Facts, data) -> None:
    year, crowd, unit = data
    facts = copy.copy(reference)
    facts.year, facts.start, facts.end = year, D(year - 1, 10, 1), D(year, 9, 30)
    facts.as_of = D(year, 10, 1)
    facts.year_bounds = {}
    facts.people = {p.pk: p for p in crowd}
    facts.units = {unit.pk: unit}
    verdicts = evaluate(facts)
    assert verdicts
    for verdict in verdicts:
        assert verdict.reasons, verdict
        assert verdict.citations, verdict
        assert all(text for text in verdict.reason_texts)
        if verdict.status == Status.PASS:  # a pass never rests on an unknown condition
            assert all(r.outcome is True for r in verdict.reasons)


def _court_of(size: int):
    court = f.make_unit("Tòa án nhân dân tỉnh Bắc Ninh", code=f"PT-bn-{size}")
    for index in range(size):
        person = f.make_person(f"Trần Văn {index}", court, recruited_on=D(2015, 1, 1))
        af.rate(person, 2025, "good")
        af.award(person, "advanced_worker", 2024)
        af.initiative(person, "SK", "grassroots", 2025)
    return court


def test_one_query_per_table(db, django_assert_max_num_queries) -> None:
    budget = 24
    for size in (3, 30):
        court = _court_of(size)
        with django_assert_max_num_queries(budget):
            verdicts = evaluate(load_facts(year=2025, unit_ids={court.pk}))
        assert len({v.subject_code for v in verdicts}) == size + 1
