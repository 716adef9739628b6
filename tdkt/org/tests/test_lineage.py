"""Lineage across 01/07/2025: what a court had become, and which courts a court continues."""

import datetime as dt

import pytest
from django.db import transaction

from tdkt.org.models import LineageEvent, Unit
from tdkt.org.queries import LineageIndex, continued_units, successors_on
from tdkt.org.reference import load_reference

BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """Load once for the module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def index(_loaded, db):
    return LineageIndex.load()


def _unit(code):
    return Unit.objects.get(code=code)


def _codes(units):
    return sorted(u.code for u in units)


def test_merged_court_is_itself_before_and_its_successor_after(index):
    hai_duong = _unit("PT63-hai_duong")
    assert _codes(index.successors_on(hai_duong, BEFORE)) == ["PT63-hai_duong"]
    assert _codes(index.successors_on(hai_duong, AFTER)) == ["PT-hai_phong"]
    assert _codes(successors_on(_unit("PT63-hai_phong"), AFTER)) == ["PT-hai_phong"]


def test_new_court_continues_its_predecessors(index):
    assert _codes(continued_units(_unit("PT-ninh_binh"))) == [
        "PT63-ha_nam",
        "PT63-nam_dinh",
        "PT63-ninh_binh",
    ]
    merged = LineageEvent.objects.filter(
        links__successor__code="PT-ninh_binh", kind=LineageEvent.Kind.MERGED_INTO
    )
    event = merged.distinct().get()  # one event, one link per predecessor
    assert (event.effective_date, event.legal_basis) == (AFTER, "Nghị quyết số 81/2025/UBTVQH15")


def test_unchanged_court_is_itself_on_both_dates(index):
    thanh_hoa = _unit("PT-thanh_hoa")
    assert index.successors_on(thanh_hoa, BEFORE) == [thanh_hoa]
    assert index.successors_on(thanh_hoa, AFTER) == [thanh_hoa]
    assert continued_units(thanh_hoa) == []


def test_district_court_has_no_successor(index):
    district = _unit("DT-380")
    assert index.successors_on(district, BEFORE) == [district]
    assert index.successors_on(district, AFTER) == []
    [step] = index.successors(district)
    assert step.event.kind == LineageEvent.Kind.ABOLISHED
    assert step.successor is None


def test_every_ended_provincial_court_has_one_successor(index):
    ended = Unit.objects.filter(level=Unit.Level.PROVINCIAL, valid_to=BEFORE)
    assert ended.count() == 52
    for court in ended:
        [successor] = index.successors_on(court, AFTER)
        assert successor.level == Unit.Level.PROVINCIAL
        assert successor.valid_from == AFTER


def test_high_courts_became_appellate_courts(index):
    [appellate] = index.successors_on(_unit("CC-ho_chi_minh"), AFTER)
    assert appellate.name == "Tòa Phúc thẩm Tòa án nhân dân tối cao tại Thành phố Hồ Chí Minh"
    event = index.successors(_unit("CC-ho_chi_minh"))[0].event
    assert (event.kind, event.confidence) == (LineageEvent.Kind.CONVERTED, "B")


def test_thua_thien_hue_renamed_to_hue(index):
    former = _unit("PT63-thua_thien_hue")
    assert _codes(index.successors_on(former, dt.date(2024, 12, 31))) == ["PT63-thua_thien_hue"]
    assert _codes(index.successors_on(former, AFTER)) == ["PT-hue"]
    assert _codes(continued_units(_unit("PT-hue"))) == ["PT63-thua_thien_hue"]


def test_regional_courts_start_fresh(index):
    regional = _unit("KV-ho_chi_minh-18")
    assert index.successors_on(regional, BEFORE) == []
    assert continued_units(regional) == []
    assert index.predecessors(regional)[0].event.kind == LineageEvent.Kind.CREATED
