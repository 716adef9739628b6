"""Demo history: every verdict kind appears in Thanh Hóa's 2026 table, the 2026 moves show
comments on file and missing, and loading twice adds nothing."""

from __future__ import annotations

import datetime as dt

from tdkt.awards.demo import load_demo
from tdkt.awards.models import (
    EligibilityRun,
    PersonRating,
    ReviewFlag,
    Revocation,
    StaffAccount,
    TransferComment,
)
from tdkt.awards.queries import verdicts_for
from tdkt.awards.rules import Status
from tdkt.org.demo import load_demo as load_org_demo
from tdkt.org.models import Employment, Unit


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
    assert not again["revocations"] and not again["saved eligibility runs"]
    assert not again["ratings"] and PersonRating.objects.count() == ratings
    assert StaffAccount.objects.count() == 4


def test_demo_moves_show_comments_on_file_and_missing(db):
    """Two transfers from Nghệ An to Thanh Hóa in 2026 (one with Nghệ An's comments) and one
    secondment from Thanh Hóa to Nghệ An (no host comments yet)."""
    load_org_demo()
    load_demo()
    assert TransferComment.objects.count() == 1
    moved = set(
        Employment.objects.filter(start=dt.date(2026, 5, 1), kind="transfer").values_list(
            "person_id", flat=True
        )
    )
    seconded = Employment.objects.get(kind="secondment", start=dt.date(2026, 1, 1)).person_id
    court = Unit.objects.get(code="PT-thanh_hoa")
    verdicts = {
        v.subject_id: v
        for v in verdicts_for(year=2026, unit_ids={court.pk})
        if v.code == "advanced_worker"
    }
    commented = TransferComment.objects.get().person_id
    assert len(moved) == 2 and commented in moved
    (other,) = moved - {commented}
    assert verdicts[commented].status == Status.PASS
    assert verdicts[other].status == Status.REVIEW
    assert verdicts[seconded].status == Status.REVIEW
    assert verdicts[seconded].unit_id != Unit.objects.get(code="PT-nghe_an").pk


def test_demo_revokes_an_award_flags_what_counted_it_and_saves_a_run(db):
    load_org_demo()
    counts = load_demo()
    assert counts["revocations"] == 1 and counts["saved eligibility runs"] == 1
    revocation = Revocation.objects.get()
    assert revocation.award.distinction.code == "advanced_worker" and revocation.award.revoked
    flag = ReviewFlag.objects.get()
    assert flag.award.distinction.code == "grassroots_emulation_fighter"
    assert flag.award.person_id == revocation.award.person_id and flag.status == "open"
    run = EligibilityRun.objects.get()
    assert run.year == 2026 and run.unit_id == Unit.objects.get(code="PT-thanh_hoa").pk
