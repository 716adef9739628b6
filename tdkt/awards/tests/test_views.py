"""The pages: verdict table, export, person timeline, own page, catalogue."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation
from python_calamine import CalamineWorkbook

from tdkt.awards.models import EmulationTitle, StaffAccount
from tdkt.awards.tests import factories as af
from tdkt.core.models import AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def staff(world):
    an = f.make_person("Nguyễn Văn An", world.thanh_hoa, recruited_on=D(2015, 1, 1))
    binh = f.make_person("Trần Thị Bình", world.thanh_hoa, recruited_on=D(2015, 1, 1))
    other = f.make_person("Phạm Minh Đức", world.nghe_an, recruited_on=D(2015, 1, 1))
    af.rate(an, 2025, "excellent")
    af.rate(binh, 2025, "not_completed")
    af.rate(other, 2025, "good")
    return {"an": an, "binh": binh, "other": other}


def _table(world, **params):
    return (
        reverse("awards:home")
        + "?"
        + "&".join(
            f"{k}={v}"
            for k, v in {"year": 2025, "scope": f"unit:{world.thanh_hoa.pk}", **params}.items()
        )
    )


def test_anonymous_is_sent_to_login(client, world, staff):
    for url in (
        reverse("awards:home"),
        reverse("awards:verdict-export"),
        reverse("awards:person-timeline", args=[staff["an"].pk]),
        reverse("awards:my-page"),
        reverse("awards:catalogue"),
        reverse("awards:catalogue-edit", args=["title", 1]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_outsider_gets_404(client, world, staff, outsider):
    client.force_login(outsider)
    title = EmulationTitle.objects.get(code="advanced_worker")
    for url in (
        _table(world),
        reverse("awards:verdict-export"),
        reverse("awards:person-timeline", args=[staff["an"].pk]),
        reverse("awards:my-page"),
        reverse("awards:catalogue"),
        reverse("awards:catalogue-edit", args=["title", title.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_verdict_table_of_my_court(client, world, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.get(_table(world))
    assert response.status_code == 200
    rows = list(response.context["page"])
    people = [v.subject_name for v in rows if v.subject_kind == "person"]
    assert people[0] == "Nguyễn Văn An"  # An before Bình: Vietnamese order by given name
    assert "Phạm Minh Đức" not in people  # Nghệ An is not in scope
    assert response.context["counts"]["pass"] and response.context["counts"]["fail"]
    assert b'id="verdict-table"' in response.content


def test_filter_by_verdict(client, world, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.get(_table(world, status="fail", code="advanced_worker"))
    rows = list(response.context["page"])
    assert [v.subject_name for v in rows] == ["Trần Thị Bình"]


def test_htmx_gets_the_fragment(client, world, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.get(_table(world), **HTMX)
    assert response.status_code == 200
    assert response.content.lstrip().startswith(b'<section id="verdict-results"')


def test_bad_year_is_a_field_error(client, world, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.get(_table(world, year="1800"))
    assert response.status_code == 200
    errors = response.context["form"].errors["year"]
    with translation.override("vi"):
        assert errors and "2000" in errors[0]
    assert response.context["page"] is None or not list(response.context["page"])


def test_other_court_and_sector_are_hidden(client, world, staff, member_court_officer):
    client.force_login(member_court_officer)
    assert client.get(_table(world)).status_code == 404
    assert client.get(_table(world, scope="sector")).status_code == 404
    assert client.get(_table(world, scope=f"cluster:{world.term.pk}")).status_code == 404
    assert client.get(_table(world, scope=f"unit:{world.nghe_an.pk}")).status_code == 200


def test_spc_office_runs_a_cluster_and_the_sector(client, world, staff, spc_office):
    client.force_login(spc_office)
    cluster = client.get(_table(world, scope=f"cluster:{world.term.pk}"))
    names = {v.subject_name for v in cluster.context["page"].paginator.object_list}
    assert {"Nguyễn Văn An", "Phạm Minh Đức"} <= names
    assert client.get(_table(world, scope="sector")).status_code == 200


def test_wrong_method(client, world, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    assert client.post(_table(world)).status_code == 405
    assert client.post(reverse("awards:verdict-export")).status_code == 405
    assert client.post(reverse("awards:person-timeline", args=[staff["an"].pk])).status_code == 405
    assert client.put(reverse("awards:catalogue-edit", args=["title", 1])).status_code == 405


def test_query_budget_of_the_table(client, world, cluster_secretary, django_assert_max_num_queries):
    client.force_login(cluster_secretary)
    for size in (3, 30):
        for index in range(size):
            person = f.make_person(
                f"Lê Văn {size}-{index}", world.thanh_hoa, recruited_on=D(2015, 1, 1)
            )
            af.rate(person, 2025, "good")
        with django_assert_max_num_queries(40):
            assert client.get(_table(world)).status_code == 200


def test_export_xlsx(client, world, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    url = (
        reverse("awards:verdict-export")
        + f"?year=2025&scope=unit:{world.thanh_hoa.pk}&code=advanced_worker"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[1][0] == "Mã đối tượng"
    codes = {row[0] for row in rows[2:]}
    assert staff["an"].code in codes and staff["other"].code not in codes
    assert all(row[5] and row[7] for row in rows[2:])  # reasons and legal basis


def test_person_timeline(client, world, staff, cluster_secretary, member_court_officer):
    af.award(staff["an"], "advanced_worker", 2024, decision_number="12/QĐ-TA")
    af.award(staff["an"], "grassroots_emulation_fighter", 2023, revoked=True)
    client.force_login(cluster_secretary)
    response = client.get(reverse("awards:person-timeline", args=[staff["an"].pk]) + "?year=2025")
    assert response.status_code == 200
    assert "12/QĐ-TA" in response.content.decode()
    assert response.context["timeline"].verdicts
    client.force_login(member_court_officer)
    assert client.get(reverse("awards:person-timeline", args=[staff["an"].pk])).status_code == 404


def test_my_page(client, world, staff):
    user = f.make_user("nhanvien")  # a staff member with no role at all
    client.force_login(user)
    assert client.get(reverse("awards:my-page")).status_code == 404
    StaffAccount.objects.create(user=user, person=staff["binh"])
    response = client.get(reverse("awards:my-page") + "?year=2025")
    assert response.status_code == 200
    verdicts = response.context["timeline"].verdicts
    assert verdicts and all(v.subject_code == staff["binh"].code for v in verdicts)
    assert client.get(reverse("awards:person-timeline", args=[staff["binh"].pk])).status_code == 200
    assert client.get(reverse("awards:person-timeline", args=[staff["an"].pk])).status_code == 404


def test_catalogue_list(client, world, council_member):
    client.force_login(council_member)
    response = client.get(reverse("awards:catalogue"))
    assert response.status_code == 200
    assert "Chiến sĩ thi đua Tòa án nhân dân" in response.content.decode()
    assert not response.context["can_edit"]


def test_catalogue_edit_by_spc_office(client, world, spc_office):
    title = EmulationTitle.objects.get(code="advanced_worker")
    url = reverse("awards:catalogue-edit", args=["title", title.pk])
    client.force_login(spc_office)
    assert client.get(url).status_code == 200
    data = {
        "short_name": "LĐTT",
        "name": "Lao động tiên tiến",
        "aliases": "LĐTT\nLao \u0111o\u0302\u0323ng TT\n  LĐ  TT \n",
        "legal_basis": title.legal_basis,
        "valid_from": "",
        "valid_to": "",
        "note": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    title.refresh_from_db()
    assert "Lao động TT" in title.alias_list  # NFC
    event = AuditEvent.objects.get(code="awards.title.updated")
    assert "LĐ TT" in event.after["aliases"]


def test_catalogue_edit_bad_input(client, world, spc_office):
    title = EmulationTitle.objects.get(code="advanced_worker")
    url = reverse("awards:catalogue-edit", args=["title", title.pk])
    client.force_login(spc_office)
    data = {
        "name": "Lao động tiên tiến",
        "legal_basis": "x",
        "valid_from": "2025-01-01",
        "valid_to": "2024-01-01",
    }
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    assert response.content.lstrip().startswith(b'<form method="post" id="entry-form"')
    assert response.context["form"].errors["valid_to"]
    title.refresh_from_db()
    assert title.valid_to is None and title.legal_basis != "x"
    assert not AuditEvent.objects.filter(code="awards.title.updated").exists()


def test_catalogue_edit_htmx_success(client, world, spc_office):
    form_entry = __import__(
        "tdkt.awards.models", fromlist=["CommendationForm"]
    ).CommendationForm.objects.get(code="commendation_certificate")
    url = reverse("awards:catalogue-edit", args=["form", form_entry.pk])
    client.force_login(spc_office)
    data = {"name": "Giấy khen", "legal_basis": form_entry.legal_basis, "note": "Đã rà soát"}
    response = client.post(url, data, **HTMX)
    assert response.status_code == 204 and response["HX-Redirect"].endswith("/awards/catalogue/")


def test_catalogue_edit_read_only_role_403(client, world, council_member, member_court_officer):
    title = EmulationTitle.objects.get(code="advanced_worker")
    url = reverse("awards:catalogue-edit", args=["title", title.pk])
    for user in (council_member, member_court_officer):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"name": "x", "legal_basis": "y"}).status_code == 403
    title.refresh_from_db()
    assert title.name == "Lao động tiên tiến"
    assert client.get(reverse("awards:catalogue-edit", args=["medal", title.pk])).status_code == 404


def test_confirm_a_rule_version(client, world, spc_office, council_member, outsider, run):
    from tdkt.awards.models import RuleVersion

    rule = RuleVersion.objects.get(rule_id="sector_emulation_flag")
    url = reverse("awards:version-confirm", args=["rule", rule.pk])
    data = {f"rule-{rule.pk}-source": "Công báo số 123, Điều 17"}
    assert client.post(url, data).status_code == 302  # anonymous → login
    client.force_login(outsider)
    assert client.post(url, data).status_code == 404
    client.force_login(council_member)
    assert client.post(url, data).status_code == 403
    client.force_login(spc_office)
    assert client.get(url).status_code == 405
    response = client.post(url, {f"rule-{rule.pk}-source": "  "}, **HTMX)
    assert response.status_code == 200 and b"invalid-feedback" in response.content
    rule.refresh_from_db()
    assert rule.confirmed_on is None
    response = client.post(url, data, **HTMX)
    assert response.content.lstrip().startswith(b"<tr")
    rule.refresh_from_db()
    assert rule.confirmed_by and rule.confirmation_source == "Công báo số 123, Điều 17"
    assert AuditEvent.objects.filter(code="awards.rule_version.confirmed").count() == 1
    verdict = run(2025, world.thanh_hoa)[("PT-thanh_hoa", "sector_emulation_flag")]
    assert not any("chưa được xác nhận" in t or "not confirmed" in t for t in verdict.reason_texts)


def _override(world, staff, **extra):
    return {
        "subject": f"p:{staff['binh'].pk}",
        "code": "advanced_worker",
        "year": "2025",
        "status": "pass",
        "reason": "Hội đồng xét lại xếp loại theo kết luận ngày 10/10/2025",
        "reference": "QĐ 15/QĐ-TA",
        **extra,
    }


def test_decide_a_verdict_by_hand(client, world, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    url = reverse("awards:verdict-override")
    response = client.post(url, _override(world, staff, next=_table(world)))
    assert response.status_code == 302
    table = client.get(_table(world, code="advanced_worker"))
    binh = next(v for v in table.context["page"] if v.subject_code == staff["binh"].code)
    assert binh.status == "fail" and binh.override[0] == "pass"  # both stay visible
    assert "QĐ 15/QĐ-TA" in table.content.decode()
    assert AuditEvent.objects.filter(code="awards.verdict.overridden").count() == 1
    htmx = client.post(url, _override(world, staff, status="needs_review"), **HTMX)
    assert htmx.status_code == 204 and htmx["HX-Trigger"] == "verdicts-changed"
    from tdkt.awards.models import VerdictOverride

    assert VerdictOverride.objects.get().status == "needs_review"


def test_override_gates_and_bad_input(
    client, world, staff, council_member, outsider, member_court_officer
):
    from tdkt.awards.models import VerdictOverride

    url = reverse("awards:verdict-override")
    assert client.post(url, _override(world, staff)).status_code == 302  # login
    client.force_login(outsider)
    assert client.post(url, _override(world, staff)).status_code == 404
    client.force_login(member_court_officer)  # Nghệ An: cannot see a Thanh Hóa person
    assert client.post(url, _override(world, staff)).status_code == 404
    client.force_login(council_member)  # sees, may not decide
    assert client.post(url, _override(world, staff)).status_code == 403
    assert client.get(url).status_code == 405
    from tdkt.org.models import Role

    f.grant(council_member, Role.EMULATION_OFFICER, unit=world.thanh_hoa)
    council_member._tdkt_roles = None
    response = client.post(url, _override(world, staff, reason="  "), **HTMX)
    assert response.status_code == 422 and "lý do" in response.content.decode().lower()
    response = client.post(url, _override(world, staff, status="maybe"))
    assert response.status_code == 302
    assert not VerdictOverride.objects.exists()
