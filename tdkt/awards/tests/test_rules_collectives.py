"""The collective titles against RULES.md §4 (CE-1, CE-2) and the lineage example §11.5."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.awards.rules import Status
from tdkt.awards.tests import factories as af
from tdkt.org.models import LineageEvent, LineageLink, Person, Unit
from tests import factories as f

D = dt.date


def _staff(unit: Unit, ratings: list[str], year: int = 2025) -> list[Person]:
    people = []
    for index, rating in enumerate(ratings):
        person = f.make_person(
            f"Nguyễn Văn Số {index}", unit, start=D(2015, 1, 1), recruited_on=D(2015, 1, 1)
        )
        af.rate(person, year, rating)
        people.append(person)
    return people


@pytest.fixture
def division(court):
    return f.make_unit("Tòa Hình sự", Unit.Level.DEPARTMENT, parent=court, code="TH-HS")


@pytest.mark.parametrize(("advanced", "expected"), [(9, Status.PASS), (8, Status.FAIL)])
def test_ce1_excellent_collective(division, run, advanced, expected):
    people = _staff(division, ["good"] * advanced + ["completed"] * (12 - advanced))
    af.award(people[0], "grassroots_emulation_fighter", 2025)
    af.rate_unit(division, 2025, "excellent")
    verdict = run(2025, division)[("TH-HS", "excellent_collective")]
    assert verdict.status == expected
    assert any(f"{advanced}/12" in t for t in verdict.reason_texts)


def test_ce1_a_member_not_completing_fails(division, run):
    people = _staff(division, ["good"] * 11 + ["not_completed"])
    af.award(people[0], "grassroots_emulation_fighter", 2025)
    af.rate_unit(division, 2025, "excellent")
    assert run(2025, division)[("TH-HS", "excellent_collective")].status == Status.FAIL


@pytest.mark.parametrize(("advanced", "expected"), [(6, Status.REVIEW), (8, Status.PASS)])
def test_ce2_advanced_collective_readings(court, run, advanced, expected):
    office = f.make_unit("Văn phòng", Unit.Level.DEPARTMENT, parent=court, code="TH-VP")
    _staff(office, ["good"] * advanced + ["completed"] * (10 - advanced))
    af.rate_unit(office, 2025, "good")
    verdict = run(2025, office)[("TH-VP", "advanced_collective")]
    assert verdict.status == expected
    if expected == Status.REVIEW:
        text = " ".join(verdict.reason_texts)
        assert "> 50 %" in text and "≥ 70 %" in text


def test_new_staff_counted_both_ways(court, run):
    """U-16: 7 of 10 settled members with LĐTT (70 %), plus a newcomer without it: 7/11 fails,
    7/10 passes, so the member sets disagree."""
    office = f.make_unit("Văn phòng", Unit.Level.DEPARTMENT, parent=court, code="TH-VP")
    people = _staff(office, ["good"] * 7 + ["completed"] * 3)
    af.award(people[0], "grassroots_emulation_fighter", 2025)
    newcomer = f.make_person("Lê Văn Mới", office, start=D(2025, 6, 1), recruited_on=D(2025, 6, 1))
    af.rate(newcomer, 2025, "completed")
    af.rate_unit(office, 2025, "excellent")
    verdict = run(2025, office)[("TH-VP", "excellent_collective")]
    assert verdict.status == Status.REVIEW
    text = " ".join(verdict.reason_texts)
    assert "7/11" in text and "7/10" in text


@pytest.fixture
def merged(world):
    """§11.5: TAND tỉnh Ninh Bình (new) ← Ninh Bình, Hà Nam, Nam Định, 01/07/2025."""
    spc = world.spc
    old = [
        f.make_unit(name, parent=spc, code=code, valid_to=D(2025, 6, 30))
        for name, code in (
            ("Tòa án nhân dân tỉnh Ninh Bình", "PT63-ninh_binh"),
            ("Tòa án nhân dân tỉnh Hà Nam", "PT63-ha_nam"),
            ("Tòa án nhân dân tỉnh Nam Định", "PT63-nam_dinh"),
        )
    ]
    new = f.make_unit(
        "Tòa án nhân dân tỉnh Ninh Bình", parent=spc, code="PT-ninh_binh", valid_from=D(2025, 7, 1)
    )
    event = LineageEvent.objects.create(
        kind=LineageEvent.Kind.MERGED_INTO, effective_date=D(2025, 7, 1)
    )
    for unit in old:
        LineageLink.objects.create(event=event, predecessor=unit, successor=new)
    af.award(new, "excellent_collective", 2025)
    af.rate_unit(new, 2025, "excellent")
    return new, old


def test_lineage_mixed_predecessors_need_review(merged, run):
    new, (nb, hn, nd) = merged
    af.award(nb, "excellent_collective", 2024)
    af.award(hn, "excellent_collective", 2024)
    af.award(nd, "advanced_collective", 2024)
    verdict = run(2025, new)[("PT-ninh_binh", "sector_certificate_of_merit")]
    assert verdict.status == Status.REVIEW
    text = " ".join(verdict.reason_texts)
    assert "all_predecessors" in text
    assert "Tòa án nhân dân tỉnh Nam Định: không" in text


def test_lineage_no_predecessor_held_fails(merged, run):
    new, _old = merged
    verdict = run(2025, new)[("PT-ninh_binh", "sector_certificate_of_merit")]
    assert verdict.status == Status.FAIL


def test_regional_court_starts_fresh(world, run):
    regional = f.make_unit(
        "Tòa án nhân dân khu vực 1 – Ninh Bình",
        Unit.Level.REGIONAL,
        parent=world.spc,
        code="RC-nb-1",
        valid_from=D(2025, 7, 1),
    )
    event = LineageEvent.objects.create(
        kind=LineageEvent.Kind.TERRITORY_TO, effective_date=D(2025, 7, 1)
    )
    LineageLink.objects.create(event=event, predecessor=world.district, successor=regional)
    af.award(world.district, "excellent_collective", 2024)
    af.award(regional, "excellent_collective", 2025)
    verdict = run(2025, regional)[("RC-nb-1", "sector_certificate_of_merit")]
    assert verdict.status == Status.FAIL
    text = " ".join(verdict.reason_texts)
    assert "start_fresh" in text
    assert "01/07/2025" in text  # the open part-year question (ORG-03) is listed too


def test_flag_needs_a_cluster_and_review(world, run):
    f.make_term([world.thanh_hoa, world.nghe_an], organiser=world.spc, year=2025, number=7)
    af.award(world.thanh_hoa, "excellent_collective", 2025)
    verdicts = run(2025, world.thanh_hoa)
    flag = verdicts[("PT-thanh_hoa", "sector_emulation_flag")]
    assert flag.status == Status.REVIEW  # the court rule is B (U-20)
    assert any("2/3" in t for t in flag.remaining_texts)
    gov = verdicts[("PT-thanh_hoa", "government_emulation_flag")]
    assert gov.status == Status.REVIEW


def test_unit_hold_defers(court, run):
    af.hold(court, D(2025, 9, 1))
    verdict = run(2025, court)[("PT-thanh_hoa", "advanced_collective")]
    assert verdict.status == Status.DEFERRED


def test_lineage_name_bearer_policy(merged, run):
    from tdkt.awards.models import Parameter

    new, (nb, _hn, _nd) = merged
    af.award(nb, "excellent_collective", 2024)  # only the court whose name was kept
    Parameter.objects.filter(key="unit_chain_policy.merged_into").update(value="name_bearer")
    verdict = run(2025, new)[("PT-ninh_binh", "sector_certificate_of_merit")]
    assert verdict.status == Status.REVIEW  # the route holds; FORM-02 keeps it under review
    assert any("name_bearer" in t for t in verdict.reason_texts)
    Parameter.objects.filter(key="unit_chain_policy.merged_into").update(value="none")
    assert run(2025, new)[("PT-ninh_binh", "sector_certificate_of_merit")].status == Status.FAIL


def test_members_are_own_staff_and_departments(world, court, division, run):
    """A provincial court's members: its own staff and its departments', not the courts below."""
    _staff(division, ["good"] * 2)
    _staff(court, ["good"])
    _staff(world.district, ["good"] * 5)  # a district court under the provincial court
    af.rate_unit(court, 2025, "good")
    verdict = run(2025, court)[("PT-thanh_hoa", "advanced_collective")]
    assert any("3/3" in t for t in verdict.reason_texts)


@pytest.mark.parametrize(("size", "votes"), [(14, 10), (5, 4), (6, 4)])
def test_cluster_vote_threshold(world, run, size, votes):
    """CE-3, CE-4: 3k ≥ 2n, so 14 units need 10 votes; 5 or 6 units need 4."""
    units = [world.thanh_hoa] + [
        f.make_unit(f"Tòa án nhân dân tỉnh Số {i}", parent=world.spc, code=f"PT-x{i}")
        for i in range(size - 1)
    ]
    f.make_term(units, organiser=world.spc, year=2025, number=9)
    af.award(world.thanh_hoa, "excellent_collective", 2025)
    flag = run(2025, world.thanh_hoa)[("PT-thanh_hoa", "sector_emulation_flag")]
    assert any(
        f"{votes} trên {size}" in t or f"{votes} of the {size}" in t for t in flag.remaining_texts
    )
