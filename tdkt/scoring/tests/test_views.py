"""Every scoring page: happy path, anonymous, outsider, read-only role, wrong method, bad input
and htmx variant; peer secrecy and locking seen through the pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.models import AuditEvent
from tdkt.movements.models import Pledge
from tdkt.scoring import services
from tdkt.scoring.models import Assessment, CourtStatistic, Evidence, Score, ScoreSheet

from .factories import criterion, small_sheet, workbook

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
PDF = b"%PDF-1.4 minh chung"


def _reads(r, world):
    return [
        reverse("scoring:home"),
        reverse("scoring:sheet-detail", args=[r.sheet.pk]),
        reverse("scoring:sheet-export", args=[r.sheet.pk]),
        reverse("scoring:statistics"),
        reverse("scoring:statistics-template"),
        reverse("scoring:round-detail", args=[r.pk]),
        reverse("scoring:assessment-detail", args=[r.pk, world.nghe_an.pk]),
        reverse("scoring:ranking", args=[r.pk]),
    ]


def _writes(r, world):
    c = criterion(r, "2.1")
    na = world.nghe_an.pk
    return [
        (reverse("scoring:sheet-seed"), {"year": 2023}),
        (reverse("scoring:sheet-version", args=[r.sheet.pk]), {}),
        (reverse("scoring:sheet-import", args=[r.sheet.pk]), {}),
        (reverse("scoring:criterion-edit", args=[c.pk]), {}),
        (reverse("scoring:criterion-add", args=[r.sheet.pk]), {"code": "9"}),
        (reverse("scoring:criterion-remove", args=[c.pk]), {}),
        (reverse("scoring:pledge-draft"), {}),
        (reverse("scoring:statistics-import"), {}),
        (reverse("scoring:round-settings", args=[r.pk]), {}),
        (reverse("scoring:round-publish", args=[r.pk]), {}),
        (reverse("scoring:ranking-report", args=[r.pk]), {}),
        (reverse("scoring:self-score-save", args=[r.pk, na]), {"criterion": c.pk, "points": "5"}),
        (reverse("scoring:evidence-upload", args=[r.pk, na]), {"criterion": c.pk}),
        (reverse("scoring:assessment-submit", args=[r.pk, na]), {}),
        (reverse("scoring:assessment-return", args=[r.pk, na]), {"reason": "x"}),
        (reverse("scoring:peer-score-save", args=[r.pk, na]), {"criterion": c.pk, "points": "5"}),
        (
            reverse("scoring:final-score-save", args=[r.pk, na]),
            {"criterion": c.pk, "points": "5", "reason": "x"},
        ),
    ]


def test_anonymous_is_sent_to_login(client, scoring_round, world):
    for url in _reads(scoring_round, world):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("core:login")), url
    for url, data in _writes(scoring_round, world):
        assert client.post(url, data).status_code == 302, url


def test_outsider_gets_404_everywhere(client, outsider, scoring_round, world):
    client.force_login(outsider)
    for url in _reads(scoring_round, world):
        assert client.get(url).status_code == 404, url
    for url, data in _writes(scoring_round, world):
        assert client.post(url, data).status_code == 404, url


def test_role_outside_the_cluster_gets_404_on_the_round(
    client, successor_officer, scoring_round, world
):
    client.force_login(successor_officer)
    assert client.get(reverse("scoring:home")).status_code == 200
    assert client.get(reverse("scoring:round-detail", args=[scoring_round.pk])).status_code == 404


def test_read_only_role_reads_but_gets_403_on_changes(client, council_member, scoring_round, world):
    client.force_login(council_member)
    for url in _reads(scoring_round, world):
        assert client.get(url).status_code == 200, url
    for url, data in _writes(scoring_round, world):
        if "statistics/import" in url:
            continue  # checked below: a council member has no write scope
        assert client.post(url, data).status_code == 403, url
    assert client.post(reverse("scoring:statistics-import"), {}).status_code == 403
    assert not Score.objects.exists()


def test_wrong_method_is_405(client, cluster_secretary, scoring_round, world):
    client.force_login(cluster_secretary)
    for url in _reads(scoring_round, world):
        assert client.post(url).status_code == 405, url
    for url, _data in _writes(scoring_round, world):
        if "criteria" in url:
            assert client.delete(url).status_code == 405
        else:
            assert client.get(url).status_code == 405, url


def test_spc_seeds_edits_versions_exports_and_imports_a_sheet(client, spc_office):
    client.force_login(spc_office)
    response = client.post(reverse("scoring:sheet-seed"), {"year": 2023})
    assert response.status_code == 302
    sheet = ScoreSheet.objects.get(year=2023, level="provincial")
    assert sheet.criteria.filter(kind="group").count() >= 4
    assert client.post(reverse("scoring:sheet-seed"), {"year": "x"}).status_code == 422
    page = client.get(reverse("scoring:sheet-detail", args=[sheet.pk])).content.decode()
    assert "Tỷ lệ giải quyết án hình sự" in page
    c = sheet.criteria.get(code="1.1.1")
    url = reverse("scoring:criterion-edit", args=[c.pk])
    assert client.get(url).status_code == 200
    data = {
        "name": c.name,
        "max_points": "12",
        "method": "indicator",
        "indicator": c.indicator,
        "target": "90",
        "points_per_percent": "1,5",
    }
    assert client.post(url, data).status_code == 302
    c.refresh_from_db()
    assert (c.max_points, c.target, c.points_per_percent) == (
        Decimal(12),
        Decimal(90),
        Decimal("1.5"),
    )
    bad = {**data, "max_points": "-1", "target": ""}
    response = client.post(url, bad)
    assert response.status_code == 422
    assert "Tiêu chí chấm tự động cần có mục tiêu." in response.content.decode()
    c.refresh_from_db()
    assert c.max_points == Decimal(12)
    assert AuditEvent.objects.filter(code="scoring.criterion.updated").count() == 1
    export = client.get(reverse("scoring:sheet-export", args=[sheet.pk]))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    upload = SimpleUploadedFile("bang.xlsx", export.content)
    response = client.post(
        reverse("scoring:sheet-import", args=[sheet.pk]),
        {"name": "Bảng nhập lại", "year": 2023, "level": "provincial", "file": upload},
    )
    assert response.status_code == 302
    again = ScoreSheet.objects.get(name="Bảng nhập lại")
    assert again.version == 2
    assert again.criteria.count() == sheet.criteria.count()
    assert again.criteria.get(code="1.1.1").max_points == Decimal(12)
    response = client.post(reverse("scoring:sheet-version", args=[sheet.pk]))
    assert (
        response.status_code == 302
        and ScoreSheet.objects.filter(year=2023, level="provincial").count() == 3
    )


def test_bad_sheet_workbook_is_refused_row_by_row(client, spc_office, scoring_round):
    client.force_login(spc_office)
    rows: list[list[object]] = [["1", "", "Nhóm", "Nhóm", 0], ["1.1", "9", "", "Loại lạ", "mười"]]
    data = workbook(rows, headers=["Mã", "Mã nhóm cha", "Tiêu chí", "Loại", "Điểm tối đa"])
    before = ScoreSheet.objects.count()
    response = client.post(
        reverse("scoring:sheet-import", args=[scoring_round.sheet.pk]),
        {
            "name": "X",
            "year": 2022,
            "level": "provincial",
            "file": SimpleUploadedFile("x.xlsx", data),
        },
        **HTMX,
    )
    assert response.status_code == 200  # htmx swaps only success codes: the fragment has the errors
    body = response.content.decode()
    assert body.count("<li>") == 4 and "Dòng 3" in body and "<html" not in body
    assert ScoreSheet.objects.count() == before


def test_secretary_drafts_a_pledge_from_a_sheet(client, cluster_secretary, world):
    client.force_login(cluster_secretary)
    sheet = small_sheet()
    assert client.get(reverse("scoring:home")).status_code == 200
    response = client.post(
        reverse("scoring:pledge-draft"), {"sheet": sheet.pk, "term": world.term.pk, "year": 2023}
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get(year=2023)
    assert response.url == reverse("movements:pledge-detail", args=[pledge.pk])
    response = client.post(
        reverse("scoring:pledge-draft"), {"sheet": sheet.pk, "term": world.term.pk, "year": 2030}
    )
    assert response.status_code == 422 and "năm" in response.content.decode()
    assert Pledge.objects.count() == 1


def test_statistics_import_page(client, member_court_officer, world):
    client.force_login(member_court_officer)
    from .test_statistics import _row

    ok = workbook([_row("PT-nghe_an")])
    response = client.post(
        reverse("scoring:statistics-import"), {"file": SimpleUploadedFile("a.xlsx", ok)}, **HTMX
    )
    assert response.status_code == 200 and 'id="import-report"' in response.content.decode()
    assert CourtStatistic.objects.count() == 1
    theirs = workbook([_row("PT-thanh_hoa")])  # not this officer's court
    response = client.post(
        reverse("scoring:statistics-import"), {"file": SimpleUploadedFile("b.xlsx", theirs)}
    )
    assert response.status_code == 422 and "Dòng 2" in response.content.decode()
    assert CourtStatistic.objects.count() == 1
    response = client.post(reverse("scoring:statistics-import"), {})
    assert response.status_code == 422 and "bắt buộc" in response.content.decode()


def test_member_self_scores_with_evidence_and_submits(
    client, member_court_officer, scoring_round, world
):
    client.force_login(member_court_officer)
    na = world.nghe_an.pk
    page = client.get(reverse("scoring:assessment-detail", args=[scoring_round.pk, na]))
    assert page.status_code == 200 and "self-score-form" in page.content.decode()
    save = reverse("scoring:self-score-save", args=[scoring_round.pk, na])
    for code, points in (("2.1", "7,5"), ("2.2", "6"), ("T1", "0"), ("TR1", "0")):
        response = client.post(
            save,
            {"criterion": criterion(scoring_round, code).pk, "points": points, "comment": "Đạt"},
            **HTMX,
        )
        assert response.status_code == 200 and 'id="self-scores"' in response.content.decode()
    assert Score.objects.get(criterion__code="2.1", kind="self").points == Decimal("7.5")
    response = client.post(save, {"criterion": criterion(scoring_round, "2.1").pk, "points": "9"})
    assert response.status_code == 422
    assert "Cần số điểm từ 0 đến 8" in response.content.decode()
    assert Score.objects.get(criterion__code="2.1", kind="self").points == Decimal("7.5")
    upload = reverse("scoring:evidence-upload", args=[scoring_round.pk, na])
    c = criterion(scoring_round, "2.1").pk
    response = client.post(
        upload, {"criterion": c, "file": SimpleUploadedFile("bao-cao.pdf", PDF)}, **HTMX
    )
    assert response.status_code == 200 and "bao-cao.pdf" in response.content.decode()
    response = client.post(upload, {"criterion": c, "file": SimpleUploadedFile("x.exe", b"MZ")})
    assert response.status_code == 422
    assert Evidence.objects.count() == 1
    evidence = Evidence.objects.get()
    download = client.get(
        reverse("scoring:evidence-download", args=[scoring_round.pk, evidence.pk])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    response = client.post(reverse("scoring:assessment-submit", args=[scoring_round.pk, na]))
    assert response.status_code == 302
    assert Assessment.objects.get(unit=world.nghe_an).status == Assessment.Status.SUBMITTED


def test_a_member_cannot_self_score_another_court(
    client, member_court_officer, scoring_round, world
):
    client.force_login(member_court_officer)
    url = reverse("scoring:self-score-save", args=[scoring_round.pk, world.thanh_hoa.pk])
    assert (
        client.post(
            url, {"criterion": criterion(scoring_round, "2.1").pk, "points": "5"}
        ).status_code
        == 403
    )


def test_peer_scoring_never_for_itself_and_secret_until_all_are_in(
    client, member_court_officer, cluster_secretary, council_member, scoring_round, world
):
    client.force_login(member_court_officer)
    assert (
        client.get(
            reverse("scoring:peer-detail", args=[scoring_round.pk, world.nghe_an.pk])
        ).status_code
        == 403
    )
    url = reverse("scoring:peer-score-save", args=[scoring_round.pk, world.thanh_hoa.pk])
    response = client.post(
        url,
        {"criterion": criterion(scoring_round, "2.1").pk, "points": "3", "comment": "thấp"},
        **HTMX,
    )
    assert response.status_code == 200 and 'id="peer-scores"' in response.content.decode()
    response = client.post(url, {"criterion": criterion(scoring_round, "2.1").pk, "points": "abc"})
    assert response.status_code == 422
    assert Score.objects.filter(kind="peer").count() == 1
    # Thanh Hóa's read-only council member does not see the peer score it received
    client.force_login(council_member)
    page = client.get(reverse("scoring:round-detail", args=[scoring_round.pk])).content.decode()
    assert 'id="peer-secrecy"' in page
    ranking = client.get(reverse("scoring:ranking", args=[scoring_round.pk])).content.decode()
    assert 'id="ranking"' not in ranking
    assert client.get(reverse("scoring:ranking-chart", args=[scoring_round.pk])).status_code == 403
    # the secretariat sees it and may flag it on the final page
    client.force_login(cluster_secretary)
    page = client.get(
        reverse("scoring:final-detail", args=[scoring_round.pk, world.thanh_hoa.pk])
    ).content.decode()
    assert ">3,00<" in page


def test_final_score_needs_a_reason_then_publish_locks(
    client, cluster_secretary, member_court_officer, scoring_round, world
):
    client.force_login(cluster_secretary)
    url = reverse("scoring:final-score-save", args=[scoring_round.pk, world.nghe_an.pk])
    c = criterion(scoring_round, "2.1").pk
    response = client.post(url, {"criterion": c, "points": "6"}, **HTMX)
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert "Trường này là bắt buộc" in response.content.decode()
    assert not Score.objects.filter(kind="final").exists()
    response = client.post(url, {"criterion": c, "points": "6", "reason": "Đã đối chiếu hồ sơ"})
    assert response.status_code == 302
    settings_url = reverse("scoring:round-settings", args=[scoring_round.pk])
    response = client.post(settings_url, {"aggregation": "median", "outlier_points": "3"})
    assert response.status_code == 422
    response = client.post(settings_url, {"aggregation": "trimmed_mean", "outlier_points": "2"})
    assert response.status_code == 302
    assert client.post(reverse("scoring:round-publish", args=[scoring_round.pk])).status_code == 302
    scoring_round.refresh_from_db()
    assert scoring_round.is_locked
    response = client.post(url, {"criterion": c, "points": "1", "reason": "muộn"})
    assert response.status_code == 422 and "khóa" in response.content.decode()
    client.force_login(member_court_officer)
    ranking = client.get(reverse("scoring:ranking", args=[scoring_round.pk]))
    assert 'id="ranking"' in ranking.content.decode() and "<svg" in ranking.content.decode()
    assert client.get(reverse("scoring:ranking-chart", args=[scoring_round.pk]))[
        "Content-Type"
    ].startswith("image/svg+xml")
    export = client.get(reverse("scoring:ranking-export", args=[scoring_round.pk]))
    assert export.status_code == 200 and export.content.startswith(b"PK")


def test_return_needs_a_reason(client, cluster_secretary, scoring_round, world):
    for code in ("2.1", "2.2", "T1", "TR1"):
        services.save_self_score(
            scoring_round=scoring_round,
            unit=world.nghe_an,
            criterion=criterion(scoring_round, code),
            points=Decimal(1),
            comment="",
            actor="t",
        )
    services.submit_assessment(
        assessment=services.assessment_of(scoring_round, world.nghe_an), actor="t"
    )
    client.force_login(cluster_secretary)
    url = reverse("scoring:assessment-return", args=[scoring_round.pk, world.nghe_an.pk])
    assert client.post(url, {"reason": ""}).status_code == 422
    assert client.post(url, {"reason": "Thiếu minh chứng tiêu chí 2.1"}).status_code == 302
    assert Assessment.objects.get(unit=world.nghe_an).status == Assessment.Status.RETURNED


def test_round_page_query_budget(client, cluster_secretary, world, django_assert_max_num_queries):
    from tdkt.org.models import ClusterMembership
    from tests import factories as f

    from .factories import make_round

    client.force_login(cluster_secretary)
    for count in (3, 30):
        term = f.make_term(
            [world.thanh_hoa, world.nghe_an], organiser=world.spc, year=2022, number=count
        )
        for i in range(count - 2):
            ClusterMembership.objects.create(
                term=term, unit=f.make_unit(f"Tòa án {count}-{i}", parent=world.spc)
            )
        from tdkt.org.models import Role, RoleAssignment

        RoleAssignment.objects.create(
            user=cluster_secretary, role=Role.CLUSTER_SECRETARY, cluster_term=term
        )
        scoring_round = make_round(term, sheet=small_sheet(year=2000 + count))
        with django_assert_max_num_queries(30):
            assert (
                client.get(reverse("scoring:round-detail", args=[scoring_round.pk])).status_code
                == 200
            )


def _member_only_reads(r, world):
    evidence = services.add_evidence(
        scoring_round=r, unit=world.nghe_an, criterion=criterion(r, "2.1"),
        upload=SimpleUploadedFile("a.pdf", PDF), actor="t",
    )  # fmt: skip
    return [
        reverse("scoring:peer-detail", args=[r.pk, world.nghe_an.pk]),
        reverse("scoring:final-detail", args=[r.pk, world.nghe_an.pk]),
        reverse("scoring:evidence-download", args=[r.pk, evidence.pk]),
        reverse("scoring:ranking-chart", args=[r.pk]),
        reverse("scoring:ranking-export", args=[r.pk]),
    ]


def test_gates_of_the_other_round_pages(
    client, outsider, council_member, cluster_secretary, scoring_round, world
):
    urls = _member_only_reads(scoring_round, world)
    for url in urls:
        assert client.get(url).status_code == 302, url
        assert client.post(url).status_code in (302, 405), url
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
    client.force_login(council_member)  # read-only, peer scores not released yet
    assert [client.get(url).status_code for url in urls] == [403, 403, 200, 403, 403]
    client.force_login(cluster_secretary)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200, 200, 200]
    for url in urls:
        assert client.post(url).status_code == 405, url


def test_home_lists_rounds_in_few_queries(
    client, cluster_secretary, world, django_assert_max_num_queries
):
    from tests import factories as f

    from .factories import make_round

    client.force_login(cluster_secretary)
    sheet = small_sheet()
    made = 0
    for count in (3, 30):
        while made < count:
            term = f.make_term([world.thanh_hoa], organiser=world.spc, year=2000 + made, number=9)
            make_round(term, sheet=sheet, sign=False)
            made += 1
        with django_assert_max_num_queries(12):
            response = client.get(reverse("scoring:home"))
        assert response.status_code == 200
        assert response.content.decode().count("scoring/rounds/") == count


def test_sheet_workbook_round_trip_keeps_a_zero_deduction(spc_office):
    from tdkt.scoring.sheet_io import export_sheet, parse_sheet

    sheet = small_sheet(year=2024)
    line = sheet.criteria.get(code="1.1")
    line.points_per_percent = Decimal(0)
    line.save()
    rows = {r.code: r for r in parse_sheet(export_sheet(sheet), "bang.xlsx")}
    assert rows["1.1"].points_per_percent == Decimal(0)
    assert rows["1.1"].indicator == "resolution_rate_criminal" and rows["1.1"].target == Decimal(88)
    assert rows["2.1"].parent == "2" and rows["TR1"].kind == "penalty"
