"""The individual titles against the worked examples of RULES.md §3 (IE-1 … IE-6)."""

from __future__ import annotations

import datetime as dt

from tdkt.awards.rules import Status
from tdkt.awards.tests import factories as af
from tests import factories as f

D = dt.date
LDTT, CSTDCS, CSTD_TAND, CSTD_TQ = (
    "advanced_worker",
    "grassroots_emulation_fighter",
    "sector_emulation_fighter",
    "national_emulation_fighter",
)


def _person(court, name="Nguyễn Văn An", **kw):
    kw.setdefault("recruited_on", D(2015, 1, 1))
    return f.make_person(name, court, start=kw.pop("start", D(2015, 1, 1)), **kw)


def test_ie1_service_boundary(court, run):
    a = _person(court, "Lê Văn A", recruited_on=D(2025, 4, 1), start=D(2025, 4, 1))
    b = _person(court, "Lê Văn B", recruited_on=D(2025, 4, 2), start=D(2025, 4, 2))
    for p in (a, b):
        af.rate(p, 2025, "good")
    verdicts = run(2025, court)
    assert verdicts[(a.code, LDTT)].status == Status.PASS
    assert verdicts[(b.code, LDTT)].status == Status.FAIL
    assert "02/10/2025" in " ".join(verdicts[(b.code, LDTT)].reason_texts)
    assert verdicts[(b.code, CSTDCS)].status == Status.FAIL


def test_ie1_old_regime_needs_ten_months(court, run):
    p = _person(court, recruited_on=D(2023, 1, 1), start=D(2023, 1, 1))
    af.rate(p, 2023, "good")
    verdict = run(2023, court)[(p.code, LDTT)]
    assert verdict.status == Status.FAIL  # 10 months (NĐ 91/2017): 01/11/2023 > 01/10/2023
    assert "91/2017" in " ".join(r.citation for r in verdict.reasons)


def test_ie2_maternity_leave_keeps_the_chain(court, run):
    c = _person(court, "Trần Thị C", gender="female")
    af.leave(c, D(2024, 12, 1), D(2025, 5, 31))
    af.rate(c, 2025, "good")
    af.award(c, CSTDCS, 2023)
    af.award(c, CSTDCS, 2024)
    verdict = run(2025, court)[(c.code, LDTT)]
    assert verdict.status == Status.PASS
    assert any("01/12/2024" in t for t in verdict.reason_texts)
    assert verdict.remaining  # the attestations are listed as what remains


def test_ie3_discipline_period(court, run):
    d = _person(court, "Phạm Văn D")
    af.discipline(d, "reprimand", D(2024, 3, 15), D(2025, 3, 14))
    af.award(d, CSTDCS, 2022)
    af.award(d, CSTDCS, 2023)
    for year in (2024, 2025, 2026):
        af.rate(d, year, "excellent")
    assert run(2024, court, as_of=D(2024, 10, 15))[(d.code, LDTT)].status == Status.FAIL
    assert run(2025, court)[(d.code, LDTT)].status == Status.REVIEW
    assert run(2026, court)[(d.code, LDTT)].status == Status.PASS
    af.award(d, CSTDCS, 2024)
    af.award(d, CSTDCS, 2025)
    chain = run(2026, court)[(d.code, CSTD_TAND)]
    assert chain.status == Status.FAIL  # 2024, 2025 end before the discipline period: no chain
    assert any("14/03/2025" in t for t in chain.reason_texts)


def test_ie4_sector_fighter_passes(court, run):
    e = _person(court, "Đỗ Văn E")
    af.award(e, CSTDCS, 2023)
    af.award(e, CSTDCS, 2024)
    af.rate(e, 2025, "excellent")
    af.initiative(e, "Số hóa hồ sơ", "sector", 2025)
    verdict = run(2025, court)[(e.code, CSTD_TAND)]
    assert verdict.status == Status.PASS
    assert any("90 %" in t for t in verdict.remaining_texts)
    assert verdict.citations


def test_ie5_initiative_used_twice(court, run):
    e = _person(court, "Đỗ Văn E")
    af.award(e, CSTDCS, 2023)
    af.award(e, CSTDCS, 2024)
    used = af.award(e, CSTDCS, 2025)
    af.rate(e, 2025, "good")
    af.initiative(e, "Số hóa hồ sơ", "sector", 2025, claimed_by=used)
    verdict = run(2025, court)[(e.code, CSTD_TAND)]
    assert verdict.status == Status.FAIL
    assert any(f"{used.pk}" in t and "Số hóa hồ sơ" in t for t in verdict.reason_texts)


def test_ie6_national_fighter_reading_needs_review(court, run):
    person = _person(court, "Vũ Thị F")
    af.award(person, CSTD_TAND, 2022)
    af.award(person, CSTD_TAND, 2025)
    af.initiative(person, "Án lệ điện tử", "national", 2025)
    verdict = run(2025, court)[(person.code, CSTD_TQ)]
    assert verdict.status == Status.REVIEW
    assert any("U-19" in t for t in verdict.reason_texts)


def test_revoked_award_does_not_count(court, run):
    e = _person(court, "Đỗ Văn E")
    af.award(e, CSTDCS, 2023, revoked=True, revoked_on=D(2025, 1, 1))
    af.award(e, CSTDCS, 2024)
    af.rate(e, 2025, "excellent")
    af.initiative(e, "Số hóa hồ sơ", "sector", 2025)
    verdict = run(2025, court)[(e.code, CSTD_TAND)]
    assert verdict.status == Status.FAIL
    assert any("Revoked" in t or "thu hồi" in t for t in verdict.reason_texts)


def test_cstdcs_routes_by_regime(court, run):
    """Until 2023 an initiative is required; from 2024 HTXSNV alone is a route. Court year
    2024 (01/10/2023 – 30/09/2024) straddles the change and the versions disagree (U-22)."""
    p = _person(court)
    for year in (2023, 2024, 2025):
        af.rate(p, year, "excellent")
    assert run(2023, court)[(p.code, CSTDCS)].status == Status.FAIL
    straddling = run(2024, court)[(p.code, CSTDCS)]
    assert straddling.status == Status.REVIEW
    assert any("U-22" in t for t in straddling.reason_texts)
    assert run(2025, court)[(p.code, CSTDCS)].status == Status.PASS


def test_both_sides_of_the_decree_change(court, run):
    p = _person(court)
    af.rate(p, 2025, "good")
    before = run(2025, court, as_of=D(2025, 6, 30))[(p.code, LDTT)]
    after = run(2025, court, as_of=D(2025, 7, 1))[(p.code, LDTT)]
    assert "98/2023" in before.legal_basis
    assert "152/2025" in after.legal_basis
    assert before.status == after.status == Status.PASS


def test_open_hold_defers(court, run):
    p = _person(court)
    af.rate(p, 2025, "excellent")
    af.hold(p, D(2025, 8, 1), source_document="QĐ 12/QĐ-TA")
    verdict = run(2025, court)[(p.code, LDTT)]
    assert verdict.status == Status.DEFERRED
    assert "QĐ 12/QĐ-TA" in verdict.reason_texts[0]
    af.hold(p, D(2020, 1, 1), closed_on=D(2020, 6, 1))
    closed = _person(court, "Lê Thị Bình")
    af.rate(closed, 2025, "good")
    af.hold(closed, D(2024, 1, 1), closed_on=D(2025, 9, 1))
    assert run(2025, court)[(closed.code, LDTT)].status == Status.PASS


def test_judge_rate_unset_threshold_needs_review(court, run):
    judge = _person(court, "Hoàng Văn G")
    judge.employments.update(is_judge=True)
    af.rate(judge, 2025, "good", rate="0.5")
    clean = _person(court, "Hoàng Văn H")
    clean.employments.update(is_judge=True)
    af.rate(clean, 2025, "good", rate="0")
    verdicts = run(2025, court)
    assert verdicts[(judge.code, LDTT)].status == Status.REVIEW
    assert verdicts[(clean.code, LDTT)].status == Status.PASS


def test_missing_rating_needs_review(court, run):
    p = _person(court)
    verdict = run(2025, court)[(p.code, LDTT)]
    assert verdict.status == Status.REVIEW


def test_pm_certificate_route_b(court, run):
    """FORM-03 example G: the Bằng khen's type and date decide."""
    g = _person(court, "Ngô Văn G")
    for year in range(2021, 2026):
        af.rate(g, year, "good")
    for year in (2022, 2024, 2025):
        af.award(g, CSTDCS, year)
    bk = af.award(
        g,
        "sector_certificate_of_merit",
        2019,
        commendation_type="campaign",
        decision_date=D(2019, 11, 1),
    )
    code = "pm_certificate_of_merit"
    assert run(2025, court)[(g.code, code)].status == Status.FAIL
    bk.commendation_type = "merit"
    bk.save()
    assert run(2025, court)[(g.code, code)].status == Status.PASS
    bk.year, bk.decision_date = 2022, D(2022, 11, 1)
    bk.save()
    assert run(2025, court)[(g.code, code)].status == Status.REVIEW
