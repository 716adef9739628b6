"""`record_vote_result` and `apply_council_outcomes` on their own: no meetings app needed."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.awards.models import CouncilVoteResult
from tdkt.awards.queries import verdicts_for
from tdkt.awards.rules import Status
from tdkt.awards.rules.base import Reason
from tdkt.awards.services import record_vote_result, reviewed_year
from tdkt.awards.tests import factories as af
from tdkt.awards.votes import apply_council_outcomes, is_council_vote
from tdkt.core.models import AuditEvent
from tdkt.org.models import Unit
from tests import factories as f

D = dt.date
CSTDCS = "grassroots_emulation_fighter"


def _people(court, n):
    people = []
    for i in range(n):
        p = f.make_person(f"Lê Văn Số {i}", court, start=D(2015, 1, 1), recruited_on=D(2015, 1, 1))
        for year in (2023, 2024, 2025):
            af.rate(p, year, "excellent")
        people.append(p)
    return people


def _record(court, people, *, agree, passes=None, code=CSTDCS, ballot_id=1):
    return record_vote_result(
        actor="test",
        council_unit_id=court.pk,
        title_code=code,
        meeting_date=D(2025, 11, 20),
        ballot_id=ballot_id,
        round=1,
        threshold="80%",
        base=21,
        needed=17,
        final_hash="ab" * 32,
        candidates=[
            {"person_id": p.pk, "unit_id": None, "agree": agree, "passes": agree >= 17}
            for p in people
        ],
    )


def test_reviewed_year_is_the_court_year_before_the_session(world):
    assert reviewed_year(D(2025, 11, 20)) == 2025
    assert reviewed_year(D(2025, 9, 30)) == 2024


def test_a_code_outside_the_catalogue_or_a_conference_records_nothing(world, court):
    (p,) = _people(court, 1)
    assert _record(court, [p], agree=20, code="not_a_title") == 0
    assert (
        record_vote_result(
            actor="test",
            council_unit_id=None,
            title_code=CSTDCS,
            meeting_date=D(2025, 11, 20),
            ballot_id=1,
            round=1,
            threshold="2/3",
            base=6,
            needed=4,
            final_hash="",
            candidates=[],
        )
        == 0
    )
    assert not CouncilVoteResult.objects.exists()


def test_a_second_round_replaces_the_first_and_is_audited(world, court):
    (p,) = _people(court, 1)
    assert _record(court, [p], agree=15) == 1
    assert _record(court, [p], agree=15) == 0  # idempotent
    assert _record(court, [p], agree=18, ballot_id=2) == 1
    result = CouncilVoteResult.objects.get()
    assert (result.agree, result.passes, result.ballot_id) == (18, True, 2)
    events = list(AuditEvent.objects.filter(code="awards.vote_result.recorded").order_by("pk"))
    assert [e.after["agree"] for e in events] == [15, 18]
    assert events[-1].before["agree"] == 15


def test_which_council_settles_which_vote(world):
    grassroots = Reason("vote ≥ 80 %% of all members of the grassroots council", {}, "", None)
    sector = Reason("vote ≥ 90 %% of all members of the court-sector council", {}, "", None)
    staff = Reason("vote ≥ 90 %% of all staff at the staff meeting", {}, "", None)
    assert is_council_vote(grassroots, Unit.Level.PROVINCIAL)
    assert not is_council_vote(sector, Unit.Level.PROVINCIAL)
    assert is_council_vote(sector, Unit.Level.SUPREME)
    assert not is_council_vote(staff, Unit.Level.PROVINCIAL)


@pytest.mark.parametrize("n", [3, 30])
def test_applying_outcomes_costs_two_queries(world, court, n, django_assert_max_num_queries):
    people = _people(court, n)
    _record(court, people[: n // 2 or 1], agree=20)
    _record(court, people[n // 2 or 1 :], agree=10, ballot_id=2)
    verdicts = verdicts_for(year=2025, unit_ids={court.pk})
    with django_assert_max_num_queries(2):
        apply_council_outcomes(verdicts, year=2025)
    statuses = [v.status for v in verdicts if v.code == CSTDCS and v.subject_kind == "person"]
    assert statuses.count(Status.PASS) == (n // 2 or 1)
    assert statuses.count(Status.FAIL) == n - (n // 2 or 1)
