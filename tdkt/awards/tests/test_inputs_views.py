"""The inputs' pages: import, a person's and a unit's records, edit, end a hold, chain
overrides. Gates (anonymous, outsider 404, read-only 403), 405, bad input, htmx."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.awards.models import ChainOverride, Discipline, EmulationTitle, Hold, UnitRating
from tdkt.awards.tests import factories as af
from tdkt.core.models import AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def an(world):
    return f.make_person("Nguyễn Văn An", world.thanh_hoa, code="CB001", start=D(2015, 1, 1))


@pytest.fixture
def records(an, world):
    return {
        "discipline": af.discipline(an, "reprimand", D(2024, 3, 15), D(2025, 3, 14)),
        "holds": af.hold(an, D(2025, 8, 1), source_document="QĐ 12"),
        "unit_ratings": af.rate_unit(world.thanh_hoa, 2025, "excellent"),
    }


def _urls(an, world, records):
    return [
        reverse("awards:inputs-import"),
        reverse("awards:inputs-template", args=["discipline"]),
        reverse("awards:inputs-person", args=[an.pk]),
        reverse("awards:inputs-unit", args=[world.thanh_hoa.pk]),
        reverse("awards:inputs-person-new", args=[an.pk, "discipline"]),
        reverse("awards:inputs-unit-new", args=[world.thanh_hoa.pk, "unit_ratings"]),
        reverse("awards:inputs-edit", args=["discipline", records["discipline"].pk]),
        reverse("awards:inputs-chain"),
    ]


def test_anonymous_is_sent_to_login(client, an, world, records):
    for url in _urls(an, world, records):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    response = client.post(reverse("awards:inputs-upload"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_outsider_gets_404(client, an, world, records, outsider):
    client.force_login(outsider)
    for url in _urls(an, world, records):
        assert client.get(url).status_code == 404, url
    hold = records["holds"]
    assert client.post(reverse("awards:inputs-hold-end", args=[hold.pk])).status_code == 404
    assert client.post(reverse("awards:inputs-upload"), {"kind": "leave"}).status_code == 404


def test_officer_of_another_court_gets_404(client, an, world, records, member_court_officer):
    client.force_login(member_court_officer)
    for url in (
        reverse("awards:inputs-person", args=[an.pk]),
        reverse("awards:inputs-unit", args=[world.thanh_hoa.pk]),
        reverse("awards:inputs-edit", args=["discipline", records["discipline"].pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_read_only_role_reads_and_gets_403_on_writes(client, an, world, records, council_member):
    client.force_login(council_member)
    page = client.get(reverse("awards:inputs-person", args=[an.pk]))
    assert page.status_code == 200 and "QĐ 12" in page.content.decode()
    assert reverse("awards:inputs-edit", args=["discipline", 1])[:-7] not in page.content.decode()
    assert client.get(reverse("awards:inputs-unit", args=[world.thanh_hoa.pk])).status_code == 200
    assert client.get(reverse("awards:inputs-chain")).status_code == 200
    for url in (
        reverse("awards:inputs-person-new", args=[an.pk, "discipline"]),
        reverse("awards:inputs-unit-new", args=[world.thanh_hoa.pk, "unit_ratings"]),
        reverse("awards:inputs-edit", args=["discipline", records["discipline"].pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("awards:inputs-chain"), {}).status_code == 403
    upload = client.post(reverse("awards:inputs-upload"), {"kind": "leave"})
    assert upload.status_code == 403
    end = reverse("awards:inputs-hold-end", args=[records["holds"].pk])
    assert client.post(end, {"closed_on": "2025-09-01"}).status_code == 403
    assert Hold.objects.get().closed_on is None


def test_wrong_method_is_405(client, an, records, cluster_secretary):
    client.force_login(cluster_secretary)
    assert client.post(reverse("awards:inputs-import")).status_code == 405
    assert client.get(reverse("awards:inputs-upload")).status_code == 405
    assert client.post(reverse("awards:inputs-person", args=[an.pk])).status_code == 405
    assert client.get(reverse("awards:inputs-hold-end", args=[1])).status_code == 405
    assert client.put(reverse("awards:inputs-chain")).status_code == 405


def test_unknown_kind_is_404(client, an, cluster_secretary):
    client.force_login(cluster_secretary)
    assert client.get(reverse("awards:inputs-person-new", args=[an.pk, "x"])).status_code == 404
    assert client.get(reverse("awards:inputs-template", args=["x"])).status_code == 404


def test_person_page_lists_and_adds(client, an, records, cluster_secretary):
    client.force_login(cluster_secretary)
    page = client.get(reverse("awards:inputs-person", args=[an.pk])).content.decode()
    assert "14/03/2025" in page and "QĐ 12" in page
    url = reverse("awards:inputs-person-new", args=[an.pk, "leave"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "maternity", "start": "2025-02-01", "end": "2025-07-31"})
    assert response.status_code == 302
    leave = an.leaves.get()
    assert leave.unit == an.employments.get().unit
    assert AuditEvent.objects.get(code="awards.leave.created").actor == cluster_secretary


def test_bad_input_shows_vietnamese_errors_and_writes_nothing(
    client, an, cluster_secretary, settings
):
    client.force_login(cluster_secretary)
    url = reverse("awards:inputs-person-new", args=[an.pk, "discipline"])
    response = client.post(
        url,
        {"level": "reprimand", "decided_on": "2025-03-15", "period_end": "2025-03-01"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Cần một ngày không trước" in body or "Expected a date not before" in body
    response = client.post(url, {"level": "x", "decided_on": "31/02/2025"})
    assert response.status_code == 422
    assert not Discipline.objects.exists()
    rating = reverse("awards:inputs-unit-new", args=[an.employments.get().unit_id, "unit_ratings"])
    assert client.post(rating, {"year": "1999", "rating": "good"}).status_code == 422
    assert not UnitRating.objects.exists()


def test_edit_and_end_a_hold(client, an, records, cluster_secretary):
    client.force_login(cluster_secretary)
    discipline = records["discipline"]
    url = reverse("awards:inputs-edit", args=["discipline", discipline.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "level": "warning",
            "decided_on": "2024-03-15",
            "period_end": "2025-03-14",
            "note": "Số 12",
        },
    )
    assert response.status_code == 302
    discipline.refresh_from_db()
    assert discipline.level == "warning"
    event = AuditEvent.objects.get(code="awards.discipline.updated")
    assert event.before["level"] == "reprimand" and event.after["level"] == "warning"
    hold = records["holds"]
    end = reverse("awards:inputs-hold-end", args=[hold.pk])
    assert client.post(end, {"closed_on": "2025-07-01"}).status_code == 302  # before opening
    assert Hold.objects.get().closed_on is None
    assert client.post(end, {"closed_on": "2025-09-01"}, **HTMX).status_code == 204
    assert Hold.objects.get().closed_on == D(2025, 9, 1)
    assert AuditEvent.objects.filter(code="awards.hold.updated").count() == 1


def test_unit_page_adds_a_rating_and_a_hold(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    unit = world.district
    response = client.post(
        reverse("awards:inputs-unit-new", args=[unit.pk, "unit_ratings"]),
        {"year": "2025", "rating": "good", "source": "superior"},
    )
    assert response.status_code == 302
    assert UnitRating.objects.get(unit=unit).rating == "good"
    response = client.post(
        reverse("awards:inputs-unit-new", args=[unit.pk, "holds"]),
        {"kind": "inspection", "opened_on": "2025-08-01"},
    )
    hold = Hold.objects.get()
    assert (hold.recipient_unit, hold.unit, hold.person) == (unit, unit, None)
    page = client.get(reverse("awards:inputs-unit", args=[unit.pk])).content.decode()
    assert "01/08/2025" in page


def test_htmx_variants(client, an, records, cluster_secretary):
    client.force_login(cluster_secretary)
    page = client.get(reverse("awards:inputs-person", args=[an.pk]), **HTMX)
    body = page.content.decode()
    assert page.status_code == 200 and 'id="inputs-lists"' in body and "<html" not in body
    url = reverse("awards:inputs-person-new", args=[an.pk, "leave"])
    bad = client.post(url, {"kind": "maternity"}, **HTMX)
    assert bad.status_code == 200  # htmx swaps only success codes; the fragment has the errors
    assert "invalid-feedback" in bad.content.decode() and "<html" not in bad.content.decode()
    assert not an.leaves.exists()
    good = client.post(
        url, {"kind": "maternity", "start": "2025-02-01", "end": "2025-03-01"}, **HTMX
    )
    assert good.status_code == 204
    assert good["HX-Redirect"] == reverse("awards:inputs-person", args=[an.pk])


def test_import_page_upload_and_template(client, an, cluster_secretary):
    client.force_login(cluster_secretary)
    page = client.get(reverse("awards:inputs-import") + "?kind=holds")
    assert page.status_code == 200 and "Lý do tạm hoãn" in page.content.decode()
    template = client.get(reverse("awards:inputs-template", args=["holds"]))
    assert template["Content-Type"].startswith("application/vnd.openxml")
    csv = (
        "Mã cán bộ,Mã đơn vị,Lý do tạm hoãn,Từ ngày\nCB001,PT-thanh_hoa,Thanh tra,01/09/2025\n"
    ).encode()
    response = client.post(
        reverse("awards:inputs-upload"),
        {"kind": "holds", "file": SimpleUploadedFile("h.csv", csv)},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'id="import-report"' in body and "<html" not in body
    assert Hold.objects.get(person=an).kind == "inspection"
    bad = csv.replace(b"01/09/2025", b"32/09/2025")
    response = client.post(
        reverse("awards:inputs-upload"),
        {"kind": "leave", "file": SimpleUploadedFile("h.csv", bad)},
    )
    assert "import-errors" in response.content.decode()
    assert Hold.objects.count() == 1


def test_chain_import_and_page_are_for_the_supreme_court_office(
    client, world, cluster_secretary, spc_office
):
    csv = (
        "Mã đơn vị,Danh hiệu,Năm thi đua,Được tính là đạt,Lý do,Văn bản căn cứ\n"
        "PT-hai_phong,TTLĐXS,2024,Có,Sáp nhập,CV 45\n"
    ).encode()
    client.force_login(cluster_secretary)
    response = client.post(
        reverse("awards:inputs-upload"), {"kind": "chain", "file": SimpleUploadedFile("c.csv", csv)}
    )
    assert response.status_code == 403 and not ChainOverride.objects.exists()
    client.force_login(spc_office)
    title = EmulationTitle.objects.get(code="excellent_collective")
    url = reverse("awards:inputs-chain")
    bad = client.post(url, {"unit": world.hai_phong.pk, "title": title.pk, "year": "2024"}, **HTMX)
    assert bad.status_code == 200 and "invalid-feedback" in bad.content.decode()
    assert "<html" not in bad.content.decode() and not ChainOverride.objects.exists()
    response = client.post(
        url,
        {
            "unit": world.hai_phong.pk,
            "title": title.pk,
            "year": "2024",
            "held": "on",
            "reason": "Sáp nhập toàn bộ",
            "reference": "CV 45",
        },
    )
    assert response.status_code == 302
    decision = ChainOverride.objects.get()
    assert decision.held and decision.decided_by == spc_office
    page = client.get(url).content.decode()
    assert "Sáp nhập toàn bộ" in page
    assert AuditEvent.objects.filter(code="awards.chain_override.created").exists()


@pytest.mark.parametrize("count", [3, 30])
def test_person_page_query_budget(
    client, an, cluster_secretary, count, django_assert_max_num_queries
):
    used = af.award(an, "grassroots_emulation_fighter", 2025)
    for i in range(count):
        af.initiative(an, f"Sáng kiến {i}", "grassroots", 2025, claimed_by=used)
        af.hold(an, D(2020, 1, 1) + dt.timedelta(days=i))
    client.force_login(cluster_secretary)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("awards:inputs-person", args=[an.pk]))
    assert page.content.decode().count("Sáng kiến ") >= count
