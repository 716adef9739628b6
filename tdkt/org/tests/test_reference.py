"""Reference data: provinces, courts, lineage and the known clusters, loaded idempotently."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from tdkt.core.models import AuditEvent
from tdkt.org.models import (
    ClusterTerm,
    LineageEvent,
    Organisation,
    Province,
    ProvinceSuccession,
    Unit,
)
from tdkt.org.reference import district_court_name, load_reference, regional_court_name

BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)


def code(row):
    """The code of a related row that must exist (narrows `X | None` for mypy)."""
    assert row is not None
    return row.code


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """Load once for the module (about 0.4 s), in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        counts = load_reference()
        yield counts
        transaction.set_rollback(True)


@pytest.fixture
def reference(_loaded, db):
    return _loaded


# These two need an empty database, so they run before the module's data is loaded.
def test_dry_run_rolls_back(db):
    out = StringIO()
    call_command("load_reference", "--dry-run", stdout=out)
    assert "Would create 87 provinces" in out.getvalue()
    assert not Unit.objects.exists()
    assert not AuditEvent.objects.exists()


def test_command_loads(db):
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "Created 87 provinces" in out.getvalue()
    assert Unit.objects.filter(code="TANDTC").exists()


def test_provinces_before_and_after_the_reorganisation(reference):
    assert Province.objects.valid_on(BEFORE).count() == 63
    assert Province.objects.valid_on(AFTER).count() == 34
    unchanged = Province.objects.filter(valid_to__isnull=True).valid_on(BEFORE)
    assert sorted(unchanged.values_list("code", flat=True)) == sorted(
        [
            "ha_noi", "hue", "cao_bang", "dien_bien", "lai_chau", "lang_son",
            "son_la", "quang_ninh", "thanh_hoa", "nghe_an", "ha_tinh",
        ]
    )  # fmt: skip
    assert Province.objects.filter(valid_from=AFTER).count() == 23
    assert Province.objects.filter(valid_to=BEFORE).count() == 52
    hai_duong = Province.objects.get(code="hai_duong_63")
    assert (hai_duong.name, hai_duong.gso_code, hai_duong.kind) == ("Hải Dương", "30", "province")
    assert Province.objects.get(code="ho_chi_minh").display_name == "thành phố Hồ Chí Minh"


def test_every_former_province_has_its_successor(reference):
    successions = ProvinceSuccession.objects.filter(effective_date=AFTER)
    assert successions.count() == 52
    assert successions.values("successor").distinct().count() == 23
    into_ninh_binh = successions.filter(successor__code="ninh_binh")
    assert sorted(into_ninh_binh.values_list("predecessor__code", flat=True)) == [
        "ha_nam_63",
        "nam_dinh_63",
        "ninh_binh_63",
    ]
    assert {s.legal_basis for s in successions} == {"Nghị quyết số 202/2025/QH15"}
    # Thừa Thiên Huế became the city of Huế on 01/01/2025 (B).
    hue = ProvinceSuccession.objects.get(predecessor__code="thua_thien_hue_63")
    assert (code(hue.successor), hue.effective_date) == ("hue", dt.date(2025, 1, 1))


def test_courts_by_level_and_date(reference):
    provincial = Unit.objects.filter(level=Unit.Level.PROVINCIAL)
    assert provincial.valid_on(BEFORE).count() == 63
    assert provincial.valid_on(AFTER).count() == 34
    assert provincial.filter(code__startswith="PT63-", valid_to=BEFORE).count() == 52
    assert Unit.objects.get(code="PT63-hai_phong").name == "Tòa án nhân dân thành phố Hải Phòng"
    assert Unit.objects.get(code="PT-thanh_hoa").name == "Tòa án nhân dân tỉnh Thanh Hóa"
    assert code(Unit.objects.get(code="TANDTC-TDKT").parent) == "TANDTC"
    assert Unit.objects.filter(level=Unit.Level.HIGH, valid_to=BEFORE).count() == 3
    assert Unit.objects.filter(level=Unit.Level.HIGH).valid_on(AFTER).count() == 0


def test_district_courts_of_all_63_former_provinces(reference):
    districts = Unit.objects.filter(level=Unit.Level.DISTRICT)
    assert districts.count() > 650
    assert districts.valid_on(AFTER).count() == 0
    assert districts.values("parent").distinct().count() == 63
    city = Unit.objects.get(code="DT-380")
    assert city.name == "Tòa án nhân dân thành phố Thanh Hóa"
    assert code(city.parent) == "PT-thanh_hoa"
    nga_son = districts.get(name="Tòa án nhân dân huyện Nga Sơn")
    assert code(nga_son.province) == "thanh_hoa"
    assert districts.get(code="DT-001").name == "Tòa án nhân dân quận Ba Đình"
    # "Hoà Bình" in the GSO list is our "Hòa Bình".
    assert districts.filter(parent__code="PT63-hoa_binh").exists()
    assert districts.filter(parent__code="PT63-ba_ria_vung_tau").exists()
    assert districts.filter(parent__code="PT-hue").exists()


def test_regional_courts_only_where_a_source_confirms_them(reference):
    regional = Unit.objects.filter(level=Unit.Level.REGIONAL)
    assert set(regional.values_list("province__code", flat=True)) == {
        "ha_noi",
        "ho_chi_minh",
        "thai_nguyen",
    }
    court = Unit.objects.get(code="KV-ho_chi_minh-15")
    assert court.name == "Tòa án nhân dân khu vực 15 – Thành phố Hồ Chí Minh"
    assert (code(court.parent), court.valid_from) == ("PT-ho_chi_minh", AFTER)
    assert regional.filter(province__code="ho_chi_minh").count() == 5


def test_bulk_rows_get_their_search_keys(reference):
    assert Unit.objects.search("toa an tinh thanh hoa").filter(code="PT-thanh_hoa").exists()
    found = Unit.objects.search("huyện Nga Sơn").values_list("name", flat=True)
    assert "Tòa án nhân dân huyện Nga Sơn" in found
    assert Province.objects.get(code="ho_chi_minh").search_key == "ho chi minh"


def test_clusters_known_by_year(reference):
    term = ClusterTerm.objects.get(
        cluster__organising_unit__code="TANDTC", cluster__number=1, year=2022
    )
    assert term.name == "Cụm thi đua số 1 – TAND các tỉnh, thành phố đồng bằng và trung du Bắc bộ"
    assert (term.valid_from, term.valid_to) == (dt.date(2021, 10, 1), dt.date(2022, 9, 30))
    assert term.members.count() == 14
    assert code(term.head_unit) == "PT-thanh_hoa"
    assert code(term.deputy_unit) == "PT-nghe_an"
    assert "minh họa" in term.note
    assert term.confidence == "C"
    assert "baothanhhoa.vn" in term.source

    cluster_1_2025 = ClusterTerm.objects.get(cluster=term.cluster, year=2025)
    assert {u.code for u in cluster_1_2025.members.all()} == {
        "PT-ha_noi", "PT-hue", "PT-hai_phong", "PT-da_nang", "PT-ho_chi_minh", "PT-can_tho",
    }  # fmt: skip
    assert (code(cluster_1_2025.head_unit), code(cluster_1_2025.deputy_unit)) == (
        "PT-ho_chi_minh",
        "PT-hai_phong",
    )
    assert {m.valid_from for m in cluster_1_2025.memberships.all()} == {AFTER}

    internal = ClusterTerm.objects.get(
        cluster__organising_unit__code="PT-ho_chi_minh", cluster__number=4
    )
    assert internal.members.count() == 5
    assert (code(internal.head_unit), code(internal.next_head_unit)) == (
        "KV-ho_chi_minh-15",
        "KV-ho_chi_minh-18",
    )
    assert code(ClusterTerm.objects.get(cluster__number=9, year=2024).deputy_unit) == "PT63-ben_tre"
    assert (
        ClusterTerm.objects.get(
            cluster__organising_unit__code="TANDTC", cluster__number=4
        ).members.count()
        == 5
    )


def test_loading_twice_changes_nothing(reference):
    assert reference["units"] == Unit.objects.count()
    assert reference["provinces"] == 63 + 23 + 1  # 63 former + 23 merged + Huế as a city
    assert Organisation.objects.get().name == "Tòa án nhân dân"
    events, lineage = AuditEvent.objects.count(), LineageEvent.objects.count()

    again = load_reference()

    assert set(again.values()) == {0}
    assert AuditEvent.objects.count() == events
    assert LineageEvent.objects.count() == lineage


def test_every_created_row_is_audited(reference):
    assert AuditEvent.objects.filter(code="org.unit.created").count() == reference["units"]
    assert AuditEvent.objects.filter(code="org.province.created").count() == reference["provinces"]
    assert (
        AuditEvent.objects.filter(code="org.lineage.recorded").count()
        == reference["lineage_events"]
    )
    assert set(AuditEvent.objects.values_list("actor_label", flat=True)) == {"tdkt load-reference"}


def test_court_names():
    assert district_court_name("Huyện Nga Sơn") == "Tòa án nhân dân huyện Nga Sơn"
    assert district_court_name("Thị xã Nghi Sơn") == "Tòa án nhân dân thị xã Nghi Sơn"
    assert district_court_name("Thành Phố Bắc Kạn") == "Tòa án nhân dân thành phố Bắc Kạn"
    assert regional_court_name(1, "Hà Nội") == "Tòa án nhân dân khu vực 1 – Hà Nội"
