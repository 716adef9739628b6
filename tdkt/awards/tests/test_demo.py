"""Demo history: every verdict kind appears in Thanh Hóa's 2026 table, and loading twice adds
nothing."""

from __future__ import annotations

from tdkt.awards.demo import load_demo
from tdkt.awards.models import PersonRating, StaffAccount
from tdkt.awards.queries import verdicts_for
from tdkt.awards.rules import Status
from tdkt.org.demo import load_demo as load_org_demo
from tdkt.org.models import Unit


def test_demo_shows_every_verdict_kind(db):
    load_org_demo()
    first = load_demo()
    assert first["ratings"] and first["award records"] and first["staff accounts"] == 4
    court = Unit.objects.get(code="PT-thanh_hoa")
    verdicts = verdicts_for(year=2026, unit_ids={court.pk})
    assert {v.status for v in verdicts} == set(Status)
    assert any(v.override for v in verdicts)
    ratings = PersonRating.objects.count()
    again = load_demo()
    assert not again["ratings"] and PersonRating.objects.count() == ratings
    assert StaffAccount.objects.count() == 4
