"""People and employment: scoped by unit and lineage; writes need an emulation officer in scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.core.models import AuditEvent
from tdkt.org.models import Employment, Person, Role
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    return {
        "an": f.make_person("Nguyễn Văn An", world.thanh_hoa),
        "anh": f.make_person("Trần Thị Ánh", world.thanh_hoa),
        "district": f.make_person("Lê Đức Dũng", world.district),
        "nghe_an": f.make_person("Phạm Minh Đức", world.nghe_an),
        "old": f.make_person("Hoàng Thu Hà", world.old_hai_duong, start=dt.date(2015, 1, 1)),
    }


def test_anonymous_is_sent_to_login(client, staff):
    for url in (
        reverse("org:person-list"),
        reverse("org:person-create"),
        reverse("org:person-detail", args=[staff["an"].pk]),
        reverse("org:person-edit", args=[staff["an"].pk]),
        reverse("org:employment-create", args=[staff["an"].pk]),
    ):
        assert client.get(url).status_code == 302


def test_people_are_scoped_to_the_unit_and_below(client, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.get(reverse("org:person-list"))
    names = [p.full_name for p in response.context["page"]]
    # Thanh Hóa and its district court; sorted by given name: An, Ánh, Dũng
    assert names == ["Nguyễn Văn An", "Trần Thị Ánh", "Lê Đức Dũng"]
    assert client.get(reverse("org:person-detail", args=[staff["nghe_an"].pk])).status_code == 404


def test_successor_sees_its_predecessors_people(client, staff, successor_officer):
    client.force_login(successor_officer)
    assert client.get(reverse("org:person-detail", args=[staff["old"].pk])).status_code == 200
    assert client.get(reverse("org:person-detail", args=[staff["an"].pk])).status_code == 404


def test_outsider_gets_404(client, staff, outsider):
    client.force_login(outsider)
    assert client.get(reverse("org:person-list")).status_code == 404
    assert client.get(reverse("org:person-create")).status_code == 404
    assert client.get(reverse("org:person-detail", args=[staff["an"].pk])).status_code == 404
    assert client.get(reverse("org:person-edit", args=[staff["an"].pk])).status_code == 404


def test_search_without_diacritics(client, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.get(reverse("org:person-list"), {"q": "tran thi anh"})
    assert [p.full_name for p in response.context["page"]] == ["Trần Thị Ánh"]
    htmx = client.get(reverse("org:person-list"), {"q": "dung"}, headers={"HX-Request": "true"})
    assert htmx.content.decode().lstrip().startswith('<section id="person-results">')
    assert "Lê Đức Dũng" in htmx.content.decode()


def test_person_list_query_budget(client, world, cluster_secretary, django_assert_max_num_queries):
    client.force_login(cluster_secretary)
    client.get(reverse("org:person-list"))
    for n in (3, 30):
        for i in range(n):
            f.make_person(f"Người Thử {n}x{i}", world.thanh_hoa)
        with django_assert_max_num_queries(12):
            response = client.get(reverse("org:person-list"), {"q": "nguoi thu"})
        assert response.status_code == 200


def test_council_member_reads_but_cannot_write(client, staff, council_member):
    client.force_login(council_member)
    assert client.get(reverse("org:person-detail", args=[staff["an"].pk])).status_code == 200
    assert client.get(reverse("org:person-edit", args=[staff["an"].pk])).status_code == 403
    assert client.post(reverse("org:person-edit", args=[staff["an"].pk]), {}).status_code == 403
    assert client.get(reverse("org:employment-create", args=[staff["an"].pk])).status_code == 403
    assert client.get(reverse("org:person-create")).status_code == 403
    job = staff["an"].employments.get()
    assert client.get(reverse("org:employment-edit", args=[job.pk])).status_code == 403


def test_wrong_method_is_405(client, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    assert client.post(reverse("org:person-list")).status_code == 405
    assert client.post(reverse("org:person-detail", args=[staff["an"].pk])).status_code == 405
    assert client.put(reverse("org:person-edit", args=[staff["an"].pk])).status_code == 405
    assert client.delete(reverse("org:employment-create", args=[staff["an"].pk])).status_code == 405


def test_officer_adds_a_person_with_first_employment(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    data = {
        "code": "CB-TH-900",
        "full_name": " Nguye\u0302\u0303n   Thị  Hồng ",
        "gender": "female",
        "birth_date": "1990-05-03",
        "recruited_on": "2015-09-01",
        "note": "",
        "unit": world.thanh_hoa.pk,
        "position": "Thẩm phán sơ cấp",
        "is_judge": "on",
        "start": "2015-09-01",
    }
    response = client.post(reverse("org:person-create"), data)
    assert response.status_code == 302
    person = Person.objects.get(code="CB-TH-900")
    assert person.full_name == "Nguyễn Thị Hồng"
    assert person.given_name == "Hồng"
    job = person.employments.get()
    assert job.is_judge and job.unit == world.thanh_hoa
    codes = set(AuditEvent.objects.values_list("code", flat=True))
    assert {"org.person.created", "org.employment.created", "org.person.employment_added"} <= codes


def test_officer_cannot_place_a_person_outside_scope(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    data = {
        "code": "X1",
        "full_name": "A B",
        "unit": world.nghe_an.pk,
        "position": "x",
        "start": "2020-01-01",
    }
    response = client.post(reverse("org:person-create"), data)
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Person.objects.filter(code="X1").exists()


def test_bad_input_names_the_field_and_writes_nothing(client, world, cluster_secretary, staff):
    client.force_login(cluster_secretary)
    response = client.post(
        reverse("org:person-create"), {"code": staff["an"].code, "full_name": ""}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"code", "full_name", "unit", "position", "start"} <= set(errors)
    assert Person.objects.count() == 5
    assert not AuditEvent.objects.exists()


def test_transfer_closes_the_previous_period(client, world, staff, spc_office):
    client.force_login(spc_office)
    person = staff["an"]
    data = {
        "unit": world.nghe_an.pk,
        "position": "Phó Chánh án",
        "is_judge": "on",
        "kind": Employment.Kind.TRANSFER,
        "start": "2024-03-01",
        "end": "",
        "note": "Quyết định điều động số 12/QĐ-TA",
        "close_previous": "on",
    }
    response = client.post(reverse("org:employment-create", args=[person.pk]), data)
    assert response.status_code == 302
    periods = list(person.employments.order_by("start").values_list("unit__code", "start", "end"))
    assert periods == [
        ("PT-thanh_hoa", dt.date(2020, 1, 1), dt.date(2024, 2, 29)),
        ("PT-nghe_an", dt.date(2024, 3, 1), None),
    ]
    page = client.get(reverse("org:person-detail", args=[person.pk])).content.decode()
    assert "Phó Chánh án" in page and "29/02/2024" in page


def test_employment_end_before_start_is_refused(client, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    job = staff["an"].employments.get()
    data = {
        "unit": job.unit_id,
        "position": job.position,
        "kind": "regular",
        "start": "2020-01-01",
        "end": "2019-01-01",
    }
    response = client.post(reverse("org:employment-edit", args=[job.pk]), data)
    assert response.status_code == 200
    assert "end" in response.context["form"].errors
    job.refresh_from_db()
    assert job.end is None


def test_edit_person_records_history_on_the_page(client, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    person = staff["anh"]
    data = {
        "code": person.code,
        "full_name": "Trần Thị Ngọc Ánh",
        "gender": "female",
        "birth_date": "",
        "recruited_on": "",
        "note": "",
    }
    assert client.post(reverse("org:person-edit", args=[person.pk]), data).status_code == 302
    page = client.get(reverse("org:person-detail", args=[person.pk])).content.decode()
    assert "Trần Thị Ánh" in page and "Trần Thị Ngọc Ánh" in page  # before → after


def test_secondment_keeps_the_home_period_open(client, world, staff, spc_office):
    client.force_login(spc_office)
    person = staff["nghe_an"]
    data = {
        "unit": world.thanh_hoa.pk,
        "position": "Thẩm phán",
        "kind": "secondment",
        "start": "2025-01-01",
        "end": "2025-06-30",
    }
    assert client.post(reverse("org:employment-create", args=[person.pk]), data).status_code == 302
    assert person.employments.filter(end__isnull=True).count() == 1


def test_member_officer_with_role_in_other_unit(client, staff, member_court_officer):
    f.grant(member_court_officer, Role.VIEWER, unit=staff["an"].employments.get().unit)
    client.force_login(member_court_officer)
    assert client.get(reverse("org:person-detail", args=[staff["an"].pk])).status_code == 200
    assert client.get(reverse("org:person-edit", args=[staff["an"].pk])).status_code == 403
    assert client.get(reverse("org:person-edit", args=[staff["nghe_an"].pk])).status_code == 200


def test_person_page_shows_changes_to_their_employment(client, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    job = staff["an"].employments.get()
    data = {
        "unit": job.unit_id,
        "position": "Chánh án",
        "kind": "regular",
        "start": "2020-01-01",
        "end": "",
    }
    assert client.post(reverse("org:employment-edit", args=[job.pk]), data).status_code == 302
    page = client.get(reverse("org:person-detail", args=[staff["an"].pk])).content.decode()
    assert "Thư ký Tòa án" in page and "Chánh án" in page  # before → after of the employment
