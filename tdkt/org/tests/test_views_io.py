"""The import and export pages: happy paths, anonymous, outsider, read-only role, wrong method,
bad files (nothing written) and the htmx variant."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.models import AuditEvent
from tdkt.org.models import Employment, Person, Role, RoleAssignment, Unit
from tdkt.org.tests.test_imports import (
    EMPLOYMENT_HEADERS,
    PEOPLE_HEADERS,
    UNIT_HEADERS,
    counts,
    xlsx,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def viewer(world):
    user = f.make_user("xem")
    RoleAssignment.objects.create(user=user, role=Role.VIEWER, unit=world.thanh_hoa)
    return user


def upload(
    client, kind: str, data: bytes, name: str = "file.xlsx", *, dry_run: bool = False, **headers
):
    payload = {"kind": kind, "file": SimpleUploadedFile(name, data)}
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(reverse("org:import-upload"), payload, **headers)


def _urls():
    return [
        reverse("org:import-list"),
        reverse("org:import-template", args=["units"]),
        reverse("org:export", args=["people"]),
    ]


def test_anonymous_is_sent_to_login(client, world):
    for url in [*_urls(), reverse("org:import-upload")]:
        response = client.get(url) if "upload" not in url else client.post(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("core:login"))


def test_outsider_gets_404(client, world, outsider):
    client.force_login(outsider)
    for url in _urls():
        assert client.get(url).status_code == 404, url
    before = counts()
    assert (
        upload(
            client, "units", xlsx([UNIT_HEADERS[:3], ["N1", "Tòa án mới", "cấp tỉnh"]])
        ).status_code
        == 404
    )
    assert counts() == before


def test_unknown_kind_is_404(client, spc_office):
    client.force_login(spc_office)
    assert client.get(reverse("org:export", args=["awards"])).status_code == 404
    assert client.get(reverse("org:import-template", args=["awards"])).status_code == 404
    assert upload(client, "awards", b"x").status_code == 404


def test_wrong_method_is_405(client, spc_office):
    client.force_login(spc_office)
    for url in _urls():
        assert client.post(url).status_code == 405, url
    assert client.get(reverse("org:import-upload")).status_code == 405


def test_list_page_shows_templates_uploads_and_exports(client, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.get(reverse("org:import-list"))
    assert response.status_code == 200
    page = response.content.decode()
    for kind in ("units", "people", "employment"):
        assert reverse("org:import-template", args=[kind]) in page
        assert reverse("org:export", args=[kind]) in page
    # an emulation officer imports people and employment, not the registry
    assert page.count('name="file"') == 2
    assert 'id="id_people_file"' in page


def test_read_only_role_gets_403_on_import(
    client, world, viewer, council_member, member_court_officer
):
    data = xlsx([PEOPLE_HEADERS[:2], ["CB1", "Nguyễn Văn A"]])
    before = counts()
    for user in (viewer, council_member):
        client.force_login(user)
        assert client.get(reverse("org:import-list")).status_code == 200
        assert upload(client, "people", data).status_code == 403
        assert upload(client, "employment", data).status_code == 403
    client.force_login(member_court_officer)  # may import people, not the registry
    assert (
        upload(
            client, "units", xlsx([UNIT_HEADERS[:3], ["N1", "Tòa án mới", "cấp tỉnh"]])
        ).status_code
        == 403
    )
    assert counts() == before


def test_any_role_may_download_templates_and_exports(client, world, viewer):
    client.force_login(viewer)
    for url in _urls()[1:]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == XLSX
        assert response["Content-Disposition"].startswith("attachment;")
        assert response.content.startswith(b"PK\x03\x04")


def test_registry_office_imports_units(client, spc_office):
    client.force_login(spc_office)
    data = xlsx(
        [
            UNIT_HEADERS[:4],
            ["KV1-TH", "Tòa án nhân dân khu vực 1 – Thanh Hóa", "khu vực", "PT-thanh_hoa"],
        ]
    )
    response = upload(client, "units", data)
    assert response.status_code == 200
    assert "Đã nhập dữ liệu từ tệp." in response.content.decode()
    unit = Unit.objects.select_related("parent").get(code="KV1-TH")
    assert unit.parent is not None
    assert unit.parent.code == "PT-thanh_hoa"
    assert AuditEvent.objects.get(code="org.unit.created").actor == spc_office


def test_dry_run_checks_and_writes_nothing(client, spc_office):
    client.force_login(spc_office)
    before = counts()
    data = xlsx([UNIT_HEADERS[:3], ["N1", "Tòa án mới", "cấp tỉnh"]])
    response = upload(client, "units", data, dry_run=True)
    assert response.status_code == 200
    assert response.context["report"].created == 1
    assert counts() == before


def test_officer_imports_people_and_employment_in_scope(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    people = xlsx([PEOPLE_HEADERS, ["CB7", "Lê Thị Hoà", "Nữ", "14/10/1985", ""]])
    assert upload(client, "people", people).context["report"].created == 1
    jobs = xlsx([EMPLOYMENT_HEADERS, ["CB7", "DT-391", "Thẩm phán", "Có", "", "1/10/2022", "", ""]])
    assert upload(client, "employment", jobs).context["report"].created == 1
    assert Employment.objects.get(person__code="CB7").unit == world.district


def test_officer_may_not_import_employment_outside_scope(client, world, cluster_secretary):
    f.make_person("Lê Thị Hoà", world.thanh_hoa, code="CB7")
    client.force_login(cluster_secretary)
    before = counts()
    jobs = xlsx(
        [
            EMPLOYMENT_HEADERS,
            ["CB7", "PT-thanh_hoa", "Thẩm phán", "Có", "", "1/10/2022", "", ""],
            ["CB7", "PT-nghe_an", "Thẩm phán", "Có", "biệt phái", "1/10/2023", "", ""],
        ]
    )
    response = upload(client, "employment", jobs)
    assert response.status_code == 200
    errors = response.context["errors"]
    assert [(e.row, e.column) for e in errors] == [(3, "Mã đơn vị")]
    assert "không có quyền với đơn vị “PT-nghe_an" in response.content.decode()
    assert counts() == before


def test_bad_file_shows_every_error_and_writes_nothing(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    before = counts()
    data = xlsx(
        [
            PEOPLE_HEADERS,
            ["CB1", "Nguyễn Văn A", "Nam", "1/1/1980", ""],
            ["CB2", "B", "", "31/02/1980", ""],
        ]
    )
    response = upload(client, "people", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "3" in page and "Ngày sinh" in page and "“31/02/1980”" in page
    assert [(e.row, e.column) for e in response.context["errors"]] == [(3, "Ngày sinh")]
    assert counts() == before
    assert not Person.objects.filter(code="CB1").exists()


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("people.pdf", b"%PDF-1.4", "Expected a .xlsx, .xls or .csv file"),
        ("people.xlsx", b"Ma can bo,Ho va ten\n", "is not a .xlsx file"),
        ("people.csv", "Mã cán bộ,Họ và tên\nCB1,Lê Hà\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_wrong_files_are_refused_with_a_message(client, world, cluster_secretary, name, data, text):
    client.force_login(cluster_secretary)
    before = counts()
    client.cookies["django_language"] = "en"  # the English interface, chosen by the user
    response = upload(client, "people", data, name)
    assert response.status_code == 200
    assert text in response.content.decode()
    assert counts() == before


def test_file_over_10_mb_is_refused(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    data = b"Ma can bo,Ho va ten\n" + b"CB1,A\n" * (10 * 1024 * 1024 // 6 + 1)
    client.cookies["django_language"] = "en"
    response = upload(client, "people", data, "people.csv")
    assert "the limit is 10 MB" in response.content.decode()
    assert not Person.objects.exists()


def test_htmx_upload_returns_the_report_fragment(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    data = xlsx([PEOPLE_HEADERS[:2], ["CB1", "Nguyễn Văn A"]])
    response = upload(client, "people", data, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="import-report"')
    assert "<html" not in page
    assert Person.objects.filter(code="CB1").exists()


def test_export_is_scoped_to_the_user(client, world, cluster_secretary):
    f.make_person("Nguyễn Văn An", world.thanh_hoa, code="CB1", birth_date=dt.date(1980, 1, 1))
    f.make_person("Phạm Minh Đức", world.nghe_an, code="CB2")
    client.force_login(cluster_secretary)
    response = client.get(reverse("org:export", args=["people"]))
    from tdkt.org.tests.test_exports import sheets

    rows = sheets(response.content)["Cán bộ"]
    assert [r[0] for r in rows[1:]] == ["CB1"]
