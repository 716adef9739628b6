"""Units, lineage, clusters and provinces: every view's happy path, anonymous, outsider, wrong
role, wrong method, bad input and htmx variant."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.core.models import AuditEvent
from tdkt.org.models import Unit
from tests import factories as f

pytestmark = pytest.mark.django_db


def _read_urls(world):
    return [
        reverse("org:home"),
        reverse("org:unit-list"),
        reverse("org:unit-detail", args=[world.thanh_hoa.pk]),
        reverse("org:unit-lineage", args=[world.old_hai_duong.pk]),
        reverse("org:cluster-list"),
        reverse("org:term-detail", args=[world.term.pk]),
        reverse("org:province-list"),
    ]


def test_anonymous_is_sent_to_login(client, world):
    for url in _read_urls(world):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("core:login"))


def test_outsider_gets_404_on_every_registry_object(client, world, outsider):
    client.force_login(outsider)
    for url in _read_urls(world)[1:]:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("org:unit-edit", args=[world.thanh_hoa.pk])).status_code == 404
    assert client.get(reverse("org:term-edit", args=[world.term.pk])).status_code == 404


def test_outsider_home_says_no_role(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("org:home"))
    assert response.status_code == 200
    assert "chưa được giao vai trò" in response.content.decode()


def test_wrong_method_is_405(client, world, member_court_officer):
    client.force_login(member_court_officer)
    for url in _read_urls(world):
        assert client.post(url).status_code == 405, url
    assert client.delete(reverse("org:unit-edit", args=[world.thanh_hoa.pk])).status_code == 405


def test_secretary_sees_cluster_with_members_and_head(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.get(reverse("org:term-detail", args=[world.term.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tòa án nhân dân tỉnh Thanh Hóa" in body
    assert "Tòa án nhân dân tỉnh Nghệ An" in body
    assert "Tòa án nhân dân huyện Nga Sơn" in body  # the member's district court


def test_unit_search_without_diacritics(client, world, member_court_officer):
    client.force_login(member_court_officer)
    response = client.get(reverse("org:unit-list"), {"q": "thanh hoa"})
    names = [u.name for u in response.context["page"]]
    assert names == ["Tòa án nhân dân tỉnh Thanh Hóa"]
    response = client.get(reverse("org:unit-list"), {"q": "Thanh Hoá"})  # other tone placement
    assert [u.name for u in response.context["page"]] == names


def test_unit_list_htmx_returns_the_results_fragment(client, world, member_court_officer):
    client.force_login(member_court_officer)
    response = client.get(reverse("org:unit-list"), {"q": "nghe"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="unit-results">')
    assert "<html" not in body
    assert "Nghệ An" in body


def test_unit_list_filters_by_date_and_level(client, world, member_court_officer):
    client.force_login(member_court_officer)
    before = client.get(reverse("org:unit-list"), {"on": "2025-06-30", "level": "provincial_court"})
    after = client.get(reverse("org:unit-list"), {"on": "2025-07-01", "level": "provincial_court"})
    names_before = {u.name for u in before.context["page"]}
    names_after = {u.name for u in after.context["page"]}
    assert "Tòa án nhân dân tỉnh Hải Dương" in names_before - names_after
    assert "Tòa án nhân dân thành phố Hải Phòng" in names_after - names_before


def test_unit_list_is_in_vietnamese_order(client, world, member_court_officer):
    for name in ["Đức Phổ", "Dũng Tiến", "An Lão", "Ân Thi", "Anh Sơn"]:
        f.make_unit(f"Xã {name}", Unit.Level.DEPARTMENT)
    client.force_login(member_court_officer)
    response = client.get(reverse("org:unit-list"), {"q": "xa"})
    assert [u.name for u in response.context["page"]] == [
        "Xã An Lão",
        "Xã Anh Sơn",
        "Xã Ân Thi",
        "Xã Dũng Tiến",
        "Xã Đức Phổ",
    ]


def test_unit_list_query_budget_does_not_grow(
    client, world, member_court_officer, django_assert_max_num_queries
):
    client.force_login(member_court_officer)
    client.get(reverse("org:unit-list"))  # warm the session
    for n in (3, 30):
        for i in range(n):
            f.make_unit(f"Phòng thử {n}-{i}", Unit.Level.DEPARTMENT, parent=world.thanh_hoa)
        with django_assert_max_num_queries(8):
            client.get(reverse("org:unit-list"), {"q": "phong thu"})


def test_lineage_page_answers_what_a_unit_became(client, world, member_court_officer):
    client.force_login(member_court_officer)
    url = reverse("org:unit-lineage", args=[world.old_hai_duong.pk])
    response = client.get(url, {"on": "2025-07-01"})
    assert [u.pk for u in response.context["became"]] == [world.hai_phong.pk]
    response = client.get(url, {"on": "2025-06-30"})
    assert [u.pk for u in response.context["became"]] == [world.old_hai_duong.pk]
    response = client.get(reverse("org:unit-lineage", args=[world.hai_phong.pk]))
    assert "Tòa án nhân dân tỉnh Hải Dương" in response.content.decode()


def test_lineage_page_ignores_a_bad_date(client, world, member_court_officer):
    client.force_login(member_court_officer)
    response = client.get(
        reverse("org:unit-lineage", args=[world.old_hai_duong.pk]), {"on": "31/02/2025"}
    )
    assert response.status_code == 200
    assert response.context["became"] is None


def test_registry_edit_needs_the_supreme_court_office(
    client, world, member_court_officer, cluster_secretary
):
    url = reverse("org:unit-edit", args=[world.thanh_hoa.pk])
    client.force_login(member_court_officer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "X"}).status_code == 403
    client.force_login(cluster_secretary)
    assert client.get(url).status_code == 403


def test_spc_office_edits_a_unit_and_history_shows_before_and_after(client, world, spc_office):
    client.force_login(spc_office)
    url = reverse("org:unit-edit", args=[world.nghe_an.pk])
    assert client.get(url).status_code == 200
    data = {
        "code": "PT-nghe_an",
        "name": "Tòa án nhân dân tỉnh Nghe\u0302\u0323 An",  # NFD from a pasted document
        "level": "provincial_court",
        "parent": world.spc.pk,
        "province": "",
        "valid_from": "",
        "valid_to": "",
        "note": "  đổi   ghi chú ",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    world.nghe_an.refresh_from_db()
    assert world.nghe_an.name == "Tòa án nhân dân tỉnh Nghệ An"  # stored NFC
    assert world.nghe_an.note == "đổi ghi chú"
    event = AuditEvent.objects.for_object(world.nghe_an).get()
    assert event.actor == spc_office
    assert event.before["note"] == "" and event.after["note"] == "đổi ghi chú"
    page = client.get(reverse("org:unit-detail", args=[world.nghe_an.pk])).content.decode()
    assert "đổi ghi chú" in page and "vutdkt" in page


def test_unit_edit_bad_input_writes_nothing(client, world, spc_office):
    client.force_login(spc_office)
    url = reverse("org:unit-edit", args=[world.nghe_an.pk])
    data = {
        "code": "PT-nghe_an",
        "name": "",
        "level": "nonsense",
        "valid_from": "2025-07-01",
        "valid_to": "2025-01-01",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert {"name", "level", "valid_to"} <= set(form.errors)
    world.nghe_an.refresh_from_db()
    assert world.nghe_an.name == "Tòa án nhân dân tỉnh Nghệ An"
    assert not AuditEvent.objects.exists()


def test_unit_cannot_be_put_under_itself(client, world, spc_office):
    client.force_login(spc_office)
    url = reverse("org:unit-edit", args=[world.spc.pk])
    data = {
        "code": "TANDTC",
        "name": world.spc.name,
        "level": "supreme_court",
        "parent": world.thanh_hoa.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    world.spc.refresh_from_db()
    assert world.spc.parent is None


def test_cluster_list_filters_by_year(client, world, member_court_officer):
    f.make_term([world.hai_phong], organiser=world.spc, year=2025, number=2, name="Cụm 2025")
    client.force_login(member_court_officer)
    response = client.get(reverse("org:cluster-list"), {"year": "2025"})
    assert [t.name for t in response.context["terms"]] == ["Cụm 2025"]
    response = client.get(reverse("org:cluster-list"))
    assert response.context["years"] == [2025, 2022]


def test_secretary_records_next_years_head(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    url = reverse("org:term-edit", args=[world.term.pk])
    assert client.get(url).status_code == 200
    data = {
        "name": "Cụm thi đua số 1",
        "head_unit": world.thanh_hoa.pk,
        "deputy_unit": world.nghe_an.pk,
        "next_head_unit": world.nghe_an.pk,
        "note": "Bầu tại hội nghị 14/10/2022",
    }
    assert client.post(url, data).status_code == 302
    world.term.refresh_from_db()
    assert world.term.next_head_unit == world.nghe_an
    assert AuditEvent.objects.for_object(world.term).get().actor == cluster_secretary


def test_term_head_must_be_a_member(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    data = {
        "name": "Cụm thi đua số 1",
        "head_unit": world.hai_phong.pk,
        "deputy_unit": world.nghe_an.pk,
    }
    response = client.post(reverse("org:term-edit", args=[world.term.pk]), data)
    assert response.status_code == 200
    assert "head_unit" in response.context["form"].errors
    world.term.refresh_from_db()
    assert world.term.head_unit == world.thanh_hoa


def test_term_head_and_deputy_differ(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    data = {
        "name": "Cụm thi đua số 1",
        "head_unit": world.nghe_an.pk,
        "deputy_unit": world.nghe_an.pk,
    }
    response = client.post(reverse("org:term-edit", args=[world.term.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_term_edit_wrong_role_is_403(client, world, member_court_officer, council_member):
    for user in (member_court_officer, council_member):
        client.force_login(user)
        assert client.get(reverse("org:term-edit", args=[world.term.pk])).status_code == 403


def test_spc_office_changes_term_members(client, world, spc_office):
    client.force_login(spc_office)
    extra = f.make_unit("Tòa án nhân dân tỉnh Hà Tĩnh", parent=world.spc)
    data = {
        "name": "Cụm thi đua số 1",
        "head_unit": world.thanh_hoa.pk,
        "deputy_unit": world.nghe_an.pk,
        "members": [world.thanh_hoa.pk, world.nghe_an.pk, extra.pk],
    }
    response = client.post(reverse("org:term-edit", args=[world.term.pk]), data)
    assert response.status_code == 302
    assert set(world.term.memberships.values_list("unit__name", flat=True)) == {
        "Tòa án nhân dân tỉnh Thanh Hóa",
        "Tòa án nhân dân tỉnh Nghệ An",
        "Tòa án nhân dân tỉnh Hà Tĩnh",
    }
    codes = set(AuditEvent.objects.for_object(world.term).values_list("code", flat=True))
    assert "org.cluster_term.members_changed" in codes


def test_province_list(client, world, member_court_officer):
    old = f.make_province("Hải Dương", code="hai_duong_63", valid_to=dt.date(2025, 6, 30))
    new = f.make_province(
        "Hải Phòng", code="hai_phong", kind="city", valid_from=dt.date(2025, 7, 1)
    )
    from tdkt.org.models import ProvinceSuccession

    ProvinceSuccession.objects.create(
        predecessor=old, successor=new, effective_date=dt.date(2025, 7, 1)
    )
    client.force_login(member_court_officer)
    response = client.get(reverse("org:province-list"), {"q": "hai duong"})
    rows = response.context["rows"]
    assert [(p.name, [s.name for s in succ]) for p, succ, _ in rows] == [
        ("Hải Dương", ["Hải Phòng"])
    ]


def test_unit_search_lists_higher_courts_first(client, world, member_court_officer):
    f.make_unit("Tòa án nhân dân thành phố Thanh Hóa", Unit.Level.DISTRICT, parent=world.thanh_hoa)
    f.make_unit(
        "Văn phòng Tòa án nhân dân tỉnh Thanh Hóa", Unit.Level.DEPARTMENT, parent=world.thanh_hoa
    )
    client.force_login(member_court_officer)
    response = client.get(reverse("org:unit-list"), {"q": "thanh hoa"})
    assert [u.level for u in response.context["page"]] == [
        "provincial_court",
        "district_court",
        "department",
    ]


def test_home_counts_each_member_once(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.get(reverse("org:home"))
    assert [t.member_count for t in response.context["my_terms"]] == [2]
