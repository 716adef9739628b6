"""Revoking an award (GEN-11): the money to recover, the cascade to the later awards that
counted it (two levels, members' collectives, unit chains across lineage), the review
decisions, the audit rows, and the verdicts that change by themselves."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.awards.models import AwardRecord, ReviewFlag, Revocation
from tdkt.awards.revocation import keep_award, recovery_for, revoke_award, revoke_flagged
from tdkt.awards.rules import Status
from tdkt.awards.tests import factories as af
from tdkt.core.errors import WorkflowError
from tdkt.core.models import AuditEvent
from tests import factories as f

D = dt.date
LDTT, CSTDCS, CSTD_TAND, CSTD_TQ = (
    "advanced_worker",
    "grassroots_emulation_fighter",
    "sector_emulation_fighter",
    "national_emulation_fighter",
)
BK, BK_TTG = "sector_certificate_of_merit", "pm_certificate_of_merit"
TTLDTT, TTLDXS, FLAG, CP_FLAG = (
    "advanced_collective",
    "excellent_collective",
    "sector_emulation_flag",
    "government_emulation_flag",
)


def _decided(subject, code, year, **kw):
    kw.setdefault("decision_date", D(year, 11, 20))
    kw.setdefault("decision_number", f"{year % 100}/QĐ-TA")
    return af.award(subject, code, year, **kw)


def _revoke(award, actor, **kw):
    award = AwardRecord.objects.select_related("title", "form", "person").get(pk=award.pk)
    kw.setdefault("ground", Revocation.Ground.FALSIFIED)
    kw.setdefault("decision_number", "15/QĐ-TA")
    kw.setdefault("decision_date", D(2026, 3, 2))
    kw.setdefault("issuer", "Chánh án TAND tỉnh Thanh Hóa")
    kw.setdefault("note", "")
    return revoke_award(award=award, actor=actor, **kw)


def _open(award):
    return list(
        ReviewFlag.objects.filter(award=award, status="open").order_by("pk").select_related("via")
    )


@pytest.fixture
def fighter(court):
    """CSTĐCS 2020–2025, CSTĐ TAND for the periods ending 2022 and 2025, CSTĐ toàn quốc 2025,
    a Bằng khen of the Chánh án for 2024."""
    person = f.make_person("Đỗ Văn E", court, start=D(2015, 1, 1), recruited_on=D(2015, 1, 1))
    awards = {(CSTDCS, y): _decided(person, CSTDCS, y) for y in range(2020, 2026)}
    awards[(CSTD_TAND, 2022)] = _decided(person, CSTD_TAND, 2022)
    awards[(CSTD_TAND, 2025)] = _decided(person, CSTD_TAND, 2025)
    awards[(CSTD_TQ, 2025)] = _decided(person, CSTD_TQ, 2025)
    awards[(BK, 2024)] = _decided(person, BK, 2024)
    return person, awards


def test_two_levels_of_cascade(fighter, cluster_secretary):
    _person, awards = fighter
    revocation = _revoke(awards[(CSTDCS, 2023)], cluster_secretary)
    revoked = AwardRecord.objects.get(pk=awards[(CSTDCS, 2023)].pk)
    assert revoked.revoked and revoked.revoked_on == D(2026, 3, 2)
    flagged = {(fl.award_id, fl.via_id) for fl in ReviewFlag.objects.filter(cause=revocation)}
    tand, tq = awards[(CSTD_TAND, 2025)], awards[(CSTD_TQ, 2025)]
    assert flagged == {
        (tand.pk, None),  # counts CSTĐCS 2023–2025
        (awards[(BK, 2024)].pk, None),  # route C: CSTĐCS 2023 and 2024
        (tq.pk, tand.pk),  # through CSTĐ TAND 2025
    }
    # nothing is revoked automatically; CSTĐ TAND 2022 (2020–2022) did not count it
    assert not AwardRecord.objects.filter(pk__in=[tand.pk, tq.pk], revoked=True).exists()
    assert not ReviewFlag.objects.filter(award=awards[(CSTD_TAND, 2022)]).exists()


def test_audit_rows_of_a_revocation(fighter, cluster_secretary):
    _person, awards = fighter
    award = awards[(CSTDCS, 2023)]
    revocation = _revoke(award, cluster_secretary, note="Hồ sơ sáng kiến bị làm giả")
    event = AuditEvent.objects.get(code="awards.record.revoked", target_id=str(award.pk))
    assert event.before == {"revoked": False, "revoked_on": None}
    assert event.after == {"revoked": True, "revoked_on": "2026-03-02"}
    assert event.actor == cluster_secretary
    created = AuditEvent.objects.get(code="awards.revocation.created")
    assert created.target_id == str(revocation.pk)
    assert created.after["ground"] == "falsified_achievements"
    assert created.after["decision_number"] == "15/QĐ-TA"
    assert created.after["recovery_vnd"] is None  # decided 20/11/2023: no multiplier (U-10)
    flagged = AuditEvent.objects.filter(code="awards.review.flagged")
    assert flagged.count() == 3
    assert all(e.after["status"] == "open" for e in flagged)
    assert {e.after["via"] for e in flagged} == {None, str(awards[(CSTD_TAND, 2025)])}


def test_a_second_revocation_is_refused(fighter, cluster_secretary):
    _person, awards = fighter
    _revoke(awards[(CSTDCS, 2023)], cluster_secretary)
    with pytest.raises(WorkflowError):
        _revoke(awards[(CSTDCS, 2023)], cluster_secretary)
    assert Revocation.objects.count() == 1


def test_the_ground_and_the_date_are_checked(fighter, cluster_secretary):
    _person, awards = fighter
    with pytest.raises(WorkflowError):
        _revoke(awards[(CSTDCS, 2023)], cluster_secretary, ground="")
    with pytest.raises(WorkflowError, match="20/11/2023"):
        _revoke(awards[(CSTDCS, 2023)], cluster_secretary, decision_date=D(2023, 11, 1))
    assert not AwardRecord.objects.filter(revoked=True).exists()
    assert not ReviewFlag.objects.exists()


def test_keep_releases_what_rested_on_it(fighter, cluster_secretary):
    _person, awards = fighter
    _revoke(awards[(CSTDCS, 2023)], cluster_secretary)
    tand, tq = awards[(CSTD_TAND, 2025)], awards[(CSTD_TQ, 2025)]
    closed = keep_award(award=tand, reason="Năm 2023 vẫn đủ tiêu chuẩn", actor=cluster_secretary)
    assert closed == 2
    assert not _open(tand) and not _open(tq)
    kept = ReviewFlag.objects.get(award=tq)
    assert kept.status == "kept" and str(tand) in kept.resolution
    assert ReviewFlag.objects.get(award=tand).resolution == "Năm 2023 vẫn đủ tiêu chuẩn"
    assert _open(awards[(BK, 2024)])  # not through CSTĐ TAND: still open
    resolved = AuditEvent.objects.filter(code="awards.review.resolved")
    assert resolved.count() == 2
    assert {e.after["status"] for e in resolved} == {"kept"}
    with pytest.raises(WorkflowError):
        keep_award(award=tand, reason="lần nữa", actor=cluster_secretary)


def test_revoke_too_cascades_again(fighter, cluster_secretary):
    _person, awards = fighter
    first = _revoke(awards[(CSTDCS, 2023)], cluster_secretary)
    tand, tq = awards[(CSTD_TAND, 2025)], awards[(CSTD_TQ, 2025)]
    second = revoke_flagged(
        award=AwardRecord.objects.select_related("title", "form").get(pk=tand.pk),
        reason="Không đủ ba năm liên tục",
        ground=Revocation.Ground.CRITERIA,
        decision_number="21/QĐ-TANDTC",
        decision_date=D(2026, 4, 1),
        issuer="Chánh án TANDTC",
        actor=cluster_secretary,
    )
    tand_flag = ReviewFlag.objects.get(award=tand)
    assert tand_flag.status == "revoked" and tand_flag.resolution == "Không đủ ba năm liên tục"
    assert {(fl.cause_id, fl.via_id) for fl in _open(tq)} == {
        (first.pk, tand.pk),
        (second.pk, None),  # now directly: the CSTĐ TAND it counted is revoked
    }
    assert second.recovery_vnd == 7_020_000  # 3.0 × 2 340 000
    keep_award(award=tq, reason="Xem xét lại: giữ nguyên", actor=cluster_secretary)
    assert not _open(tq)
    with pytest.raises(WorkflowError):
        revoke_flagged(
            award=AwardRecord.objects.select_related("title", "form").get(pk=tq.pk),
            reason="x",
            ground=Revocation.Ground.CRITERIA,
            decision_number="1",
            decision_date=D(2026, 4, 2),
            issuer="x",
            actor=cluster_secretary,
        )


def test_revoking_a_flagged_award_directly_closes_its_review(fighter, cluster_secretary):
    _person, awards = fighter
    _revoke(awards[(CSTDCS, 2023)], cluster_secretary)
    tand = awards[(CSTD_TAND, 2025)]
    _revoke(tand, cluster_secretary, decision_number="30/QĐ-TANDTC")
    closed = ReviewFlag.objects.get(award=tand)
    assert closed.status == "revoked" and "30/QĐ-TANDTC" in closed.resolution


# --- money ------------------------------------------------------------------------------------


def test_money_to_recover(court, cluster_secretary):
    person = f.make_person("Lê Thị F", court)
    tand = _decided(person, CSTD_TAND, 2025)
    recovery = recovery_for(AwardRecord.objects.select_related("title").get(pk=tand.pk))
    assert recovery.amount_vnd == 7_020_000
    assert "2.340.000" in recovery.basis and "152/2025" in recovery.basis
    revocation = _revoke(tand, cluster_secretary)
    assert revocation.recovery_vnd == 7_020_000
    assert "3,0 × " in revocation.recovery_basis


def test_money_of_a_lower_title_of_the_same_period_is_nothing(court, cluster_secretary):
    """PRIZE-03: LĐTT and CSTĐCS of one year, only CSTĐCS was paid."""
    person = f.make_person("Lê Thị G", court)
    ldtt = _decided(person, LDTT, 2025)
    _decided(person, CSTDCS, 2025)
    revocation = _revoke(ldtt, cluster_secretary)
    assert revocation.recovery_vnd == 0
    assert "PRIZE-03" in revocation.recovery_basis
    assert "Chiến sĩ thi đua cơ sở" in revocation.recovery_basis


def test_money_cannot_always_be_computed(court, cluster_secretary):
    person = f.make_person("Lê Thị H", court)
    undated = af.award(person, CSTDCS, 2024)
    assert recovery_for(AwardRecord.objects.get(pk=undated.pk)).amount_vnd is None
    old = _decided(person, CSTDCS, 2021)  # no multiplier row before 2024 (U-10)
    revocation = _revoke(old, cluster_secretary)
    assert revocation.recovery_vnd is None
    assert "20/11/2021" in revocation.recovery_basis
    unit_award = _decided(court, TTLDXS, 2025, decision_date=D(2025, 12, 10))
    assert recovery_for(AwardRecord.objects.get(pk=unit_award.pk)).amount_vnd == 3_510_000


# --- the verdicts change by themselves --------------------------------------------------------


def test_verdicts_that_counted_it_change(court, cluster_secretary, run):
    e = f.make_person("Đỗ Văn E", court, start=D(2015, 1, 1), recruited_on=D(2015, 1, 1))
    first = _decided(e, CSTDCS, 2023)
    _decided(e, CSTDCS, 2024)
    af.rate(e, 2025, "excellent")
    af.initiative(e, "Số hóa hồ sơ", "sector", 2025)
    assert run(2025, court)[(e.code, CSTD_TAND)].status == Status.PASS
    _revoke(first, cluster_secretary)
    verdict = run(2025, court)[(e.code, CSTD_TAND)]
    assert verdict.status == Status.FAIL
    assert any("GEN-11" in r.citation for r in verdict.reasons)


# --- collectives --------------------------------------------------------------------------------


def test_a_members_award_flags_the_collectives(world, cluster_secretary):
    court = world.thanh_hoa
    office = f.make_unit("Phòng Hành chính – Tư pháp", "department", parent=court)
    member = f.make_person("Trần Văn K", office)
    ldtt = _decided(member, LDTT, 2025)
    cstdcs = _decided(member, CSTDCS, 2025)
    court_awards = {c: _decided(court, c, 2025) for c in (TTLDTT, TTLDXS, FLAG, CP_FLAG)}
    office_ttldtt = _decided(office, TTLDTT, 2025)
    elsewhere = _decided(world.nghe_an, TTLDTT, 2025)
    earlier = _decided(court, TTLDTT, 2024)
    revocation = _revoke(ldtt, cluster_secretary)
    flagged = {fl.award_id: fl.via_id for fl in ReviewFlag.objects.filter(cause=revocation)}
    assert flagged == {
        cstdcs.pk: None,  # its own CSTĐCS counted its LĐTT
        court_awards[TTLDTT].pk: None,  # the share of LĐTT (a member through the office)
        court_awards[TTLDXS].pk: None,
        office_ttldtt.pk: None,
        court_awards[FLAG].pk: court_awards[TTLDXS].pk,
        court_awards[CP_FLAG].pk: court_awards[FLAG].pk,
    }
    assert elsewhere.pk not in flagged and earlier.pk not in flagged
    assert ReviewFlag.objects.get(award=office_ttldtt).unit_id == office.pk


def test_a_units_award_flags_its_later_awards(world, spc_office):
    court = world.thanh_hoa
    ttldxs = _decided(court, TTLDXS, 2024)
    flag = _decided(court, FLAG, 2024)
    cp = _decided(court, CP_FLAG, 2024)
    bk_next = _decided(court, BK, 2025)
    bk_later = _decided(court, BK, 2026)
    revocation = _revoke(ttldxs, spc_office)
    flagged = {fl.award_id: fl.via_id for fl in ReviewFlag.objects.filter(cause=revocation)}
    assert flagged == {flag.pk: None, bk_next.pk: None, cp.pk: flag.pk}
    assert bk_later.pk not in flagged
    # the Cờ thi đua of the same year was paid, not the TTLĐXS (PRIZE-03)
    assert revocation.recovery_vnd == 0 and "PRIZE-03" in revocation.recovery_basis


def test_a_predecessors_award_flags_the_successors_chain(world, spc_office, run):
    """Hải Phòng (from 01/07/2025) did not exist in 2024: its Bằng khen for 2025 counts the
    TTLĐXS 2024 of Hải Dương, merged into it (ORG-02), as the rule declares."""
    old, new = world.old_hai_duong, world.hai_phong
    predecessor = _decided(old, TTLDXS, 2024)
    af.rate_unit(new, 2025, "excellent")
    bk = _decided(new, BK, 2025)
    bk_own_chain = _decided(new, BK, 2026)
    assert run(2025)[(new.code, BK)].status == Status.REVIEW
    revocation = _revoke(predecessor, spc_office, decision_date=D(2026, 1, 5))
    assert run(2025)[(new.code, BK)].status == Status.FAIL
    flagged = {fl.award_id for fl in ReviewFlag.objects.filter(cause=revocation)}
    assert flagged == {bk.pk}
    assert bk_own_chain.pk not in flagged


def test_the_walk_is_set_based(court, cluster_secretary, django_assert_max_num_queries):
    """One query per level for the awards, whatever the number of revoked awards."""
    from tdkt.awards.cascade import Node, dependents
    from tdkt.org.models import Organisation

    Organisation.current()
    counts = []
    for size in (3, 30):
        revoked = []
        for index in range(size):
            p = f.make_person(f"Người {size}-{index}", court)
            revoked.append(_decided(p, CSTDCS, 2023))
            _decided(p, CSTD_TAND, 2025)
            _decided(p, CSTD_TQ, 2025)
            _decided(p, LDTT, 2023)
        nodes = [Node.of(a) for a in AwardRecord.objects.filter(pk__in=[r.pk for r in revoked])]
        with django_assert_max_num_queries(8) as captured:
            found = dependents(nodes)
        assert len(found) == 2 * size
        counts.append(len(captured))
    assert counts[0] == counts[1]
