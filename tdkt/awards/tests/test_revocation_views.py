"""The revocation pages: an award's page, "Thu hồi", the review decision, the list of awards
needing review, a unit's award history; who may see and do what, bad input, htmx, and the
flag shown on the person timeline and in the import report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.awards.models import AwardRecord, ReviewFlag, Revocation
from tdkt.awards.revocation import revoke_award
from tdkt.awards.tests import factories as af
from tdkt.core.models import AuditEvent
from tdkt.org.models import Employment
from tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date
HTMX = {"HTTP_HX_REQUEST": "true"}
CSTDCS, CSTD_TAND = "grassroots_emulation_fighter", "sector_emulation_fighter"


@pytest.fixture
def chain(world):
    """A Thanh Hóa judge's CSTĐCS 2023–2025 and CSTĐ TAND 2025."""
    person = f.make_person("Đỗ Văn E", world.thanh_hoa, recruited_on=D(2015, 1, 1))
    awards = {
        y: af.award(person, CSTDCS, y, decision_date=D(y, 11, 20), decision_number=f"{y}/QĐ")
        for y in (2023, 2024, 2025)
    }
    tand = af.award(person, CSTD_TAND, 2025, decision_date=D(2025, 12, 1))
    return person, awards[2023], tand


def _form(**extra):
    return {
        "ground": "falsified_achievements",
        "decision_number": "15/QĐ-TA",
        "decision_date": "2026-01-15",
        "issuer": "Chánh án TAND tỉnh Thanh Hóa",
        "note": "Thành tích kê khai không đúng",
        **extra,
    }


def _revoked(award, actor):
    award = AwardRecord.objects.select_related("title", "form").get(pk=award.pk)
    return revoke_award(
        award=award,
        ground="forged_records",
        decision_number="15/QĐ-TA",
        decision_date=D(2026, 1, 15),
        issuer="Chánh án TAND tỉnh Thanh Hóa",
        note="",
        actor=actor,
    )


def _urls(award, world):
    return {
        "detail": reverse("awards:record-detail", args=[award.pk]),
        "revoke": reverse("awards:record-revoke", args=[award.pk]),
        "resolve": reverse("awards:record-resolve", args=[award.pk]),
        "reviews": reverse("awards:review-list"),
        "unit": reverse("awards:unit-awards", args=[world.thanh_hoa.pk]),
    }


def test_anonymous_is_sent_to_login(client, world, chain):
    _person, award, _tand = chain
    urls = _urls(award, world)
    for name, url in urls.items():
        response = client.post(url) if name == "resolve" else client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], name
    response = client.post(urls["revoke"], _form())
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_outsider_gets_404_everywhere(client, world, chain, outsider):
    _person, award, _tand = chain
    client.force_login(outsider)
    for url in _urls(award, world).values():
        assert client.get(url).status_code in (404, 405), url
    assert client.post(_urls(award, world)["revoke"], _form()).status_code == 404
    assert client.post(_urls(award, world)["resolve"], {"outcome": "kept"}).status_code == 404
    assert client.get(reverse("awards:record-detail", args=[999_999])).status_code == 404
    assert not AwardRecord.objects.filter(revoked=True).exists()


def test_another_courts_officer_gets_404(client, world, chain, member_court_officer):
    _person, award, _tand = chain
    client.force_login(member_court_officer)
    urls = _urls(award, world)
    for name in ("detail", "revoke", "unit"):
        assert client.get(urls[name]).status_code == 404, name
    assert client.post(urls["revoke"], _form()).status_code == 404
    assert client.post(urls["resolve"], {"outcome": "kept", "reason": "x"}).status_code == 404
    assert client.get(urls["reviews"]).status_code == 200  # their own list: empty


def test_a_read_only_role_reads_but_gets_403_to_change(client, world, chain, council_member):
    _person, award, _tand = chain
    client.force_login(council_member)
    urls = _urls(award, world)
    page = client.get(urls["detail"])
    assert page.status_code == 200 and "revoke-link" not in page.content.decode()
    assert client.get(urls["revoke"]).status_code == 403
    assert client.post(urls["revoke"], _form()).status_code == 403
    assert client.post(urls["resolve"], {"outcome": "kept", "reason": "x"}).status_code == 403
    assert client.get(urls["unit"]).status_code == 200
    assert not AwardRecord.objects.filter(revoked=True).exists()


def test_wrong_methods(client, world, chain, cluster_secretary):
    _person, award, _tand = chain
    client.force_login(cluster_secretary)
    urls = _urls(award, world)
    assert client.get(urls["resolve"]).status_code == 405
    assert client.post(urls["detail"]).status_code == 405
    assert client.post(urls["reviews"]).status_code == 405
    assert client.post(urls["unit"]).status_code == 405
    assert client.put(urls["revoke"]).status_code == 405


def test_the_officer_revokes(client, world, chain, cluster_secretary):
    person, award, tand = chain
    client.force_login(cluster_secretary)
    form = client.get(reverse("awards:record-revoke", args=[award.pk]))
    text = form.content.decode()
    assert form.status_code == 200
    assert "Số quyết định thu hồi" in text
    assert "Không tính được" in text  # decided 20/11/2023: no multiplier row before 2024
    response = client.post(reverse("awards:record-revoke", args=[award.pk]), _form())
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:record-detail", args=[award.pk])
    revocation = Revocation.objects.get(award=award)
    assert revocation.recorded_by == cluster_secretary
    assert revocation.note == "Thành tích kê khai không đúng"
    assert ReviewFlag.objects.filter(award=tand, status="open").exists()
    page = client.get(response["Location"]).content.decode()
    assert "15/QĐ-TA" in page and "Thành tích đã được kê khai gian dối" in page
    assert "Đã thu hồi" in page  # the audit label, in the history of the page
    flagged = client.get(reverse("awards:record-detail", args=[tand.pk])).content.decode()
    assert 'id="needs-review"' in flagged and "15/QĐ-TA" in flagged
    assert 'id="resolve-form"' in flagged
    timeline = client.get(reverse("awards:person-timeline", args=[person.pk])).content.decode()
    assert "cần xem xét lại" in timeline and "Thu hồi" in timeline


def test_the_money_is_shown_in_digits_and_words(client, world, cluster_secretary):
    person = f.make_person("Lê Thị F", world.thanh_hoa)
    tand = af.award(person, CSTD_TAND, 2025, decision_date=D(2025, 12, 1))
    client.force_login(cluster_secretary)
    preview = client.get(reverse("awards:record-revoke", args=[tand.pk])).content.decode()
    assert "7.020.000 đồng" in preview
    assert "Bảy triệu không trăm hai mươi nghìn đồng" in preview
    client.post(reverse("awards:record-revoke", args=[tand.pk]), _form())
    page = client.get(reverse("awards:record-detail", args=[tand.pk])).content.decode()
    assert "7.020.000 đồng" in page and "Bảy triệu không trăm hai mươi nghìn đồng" in page


def test_bad_input_writes_nothing(client, world, chain, cluster_secretary):
    _person, award, _tand = chain
    client.force_login(cluster_secretary)
    url = reverse("awards:record-revoke", args=[award.pk])
    response = client.post(url, _form(ground="", decision_date="2023-11-01"))
    text = response.content.decode()
    assert response.status_code == 422
    assert "Trường này là bắt buộc" in text
    assert "20/11/2023" in text  # not before the award's own decision
    future = client.post(url, _form(decision_date="2099-01-01"))
    assert future.status_code == 422 and "không sau hôm nay" in future.content.decode()
    htmx = client.post(url, _form(issuer=""), **HTMX)
    assert htmx.status_code == 200 and 'id="revoke-form"' in htmx.content.decode()
    assert "<html" not in htmx.content.decode()
    assert not AwardRecord.objects.filter(revoked=True).exists()
    assert not AuditEvent.objects.filter(code="awards.record.revoked").exists()


def test_htmx_revoke_redirects_and_a_second_is_refused(client, world, chain, spc_office):
    _person, award, _tand = chain
    client.force_login(spc_office)
    url = reverse("awards:record-revoke", args=[award.pk])
    response = client.post(url, _form(), **HTMX)
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("awards:record-detail", args=[award.pk])
    again = client.post(url, _form(decision_number="16/QĐ-TA"), follow=True)
    assert "đã bị thu hồi" in again.content.decode()
    assert Revocation.objects.get(award=award).decision_number == "15/QĐ-TA"


def test_resolve_keep_and_revoke_too(client, world, chain, cluster_secretary):
    _person, award, tand = chain
    _revoked(award, cluster_secretary)
    client.force_login(cluster_secretary)
    url = reverse("awards:record-resolve", args=[tand.pk])
    empty = client.post(url, {"outcome": "kept", "reason": ""})
    assert empty.status_code == 422 and "Trường này là bắt buộc" in empty.content.decode()
    missing = client.post(url, {"outcome": "revoked", "reason": "Không đủ chuỗi"}, **HTMX)
    assert missing.status_code == 200 and "Cần có để thu hồi" in missing.content.decode()
    assert ReviewFlag.objects.get(award=tand).status == "open"
    response = client.post(
        url,
        {
            "outcome": "revoked",
            "reason": "Không đủ chuỗi ba năm",
            "ground": "criteria_not_met",
            "decision_number": "40/QĐ-TANDTC",
            "decision_date": "2026-02-01",
            "issuer": "Chánh án TANDTC",
        },
    )
    assert response.status_code == 302
    assert AwardRecord.objects.get(pk=tand.pk).revoked
    flag = ReviewFlag.objects.get(award=tand)
    assert flag.status == "revoked" and flag.resolution == "Không đủ chuỗi ba năm"
    assert client.post(url, {"outcome": "kept", "reason": "x"}, follow=True).status_code == 200


def test_resolve_keep_by_htmx(client, world, chain, cluster_secretary):
    _person, award, tand = chain
    _revoked(award, cluster_secretary)
    client.force_login(cluster_secretary)
    url = reverse("awards:record-resolve", args=[tand.pk])
    response = client.post(url, {"outcome": "kept", "reason": "Vẫn đủ tiêu chuẩn"}, **HTMX)
    assert response.status_code == 204
    flag = ReviewFlag.objects.get(award=tand)
    assert flag.status == "kept" and flag.resolved_by == cluster_secretary
    assert AuditEvent.objects.filter(code="awards.review.resolved").count() == 1


def test_the_list_of_awards_needing_review(
    client, world, chain, cluster_secretary, member_court_officer, council_member
):
    _person, award, tand = chain
    _revoked(award, cluster_secretary)
    client.force_login(cluster_secretary)
    page = client.get(reverse("awards:review-list")).content.decode()
    assert reverse("awards:record-detail", args=[tand.pk]) in page
    assert "15/QĐ-TA" in page and "Quyết định" in page
    client.force_login(council_member)
    page = client.get(reverse("awards:review-list")).content.decode()
    assert reverse("awards:record-detail", args=[tand.pk]) in page and "Quyết định" not in page
    client.force_login(member_court_officer)
    page = client.get(reverse("awards:review-list")).content.decode()
    assert reverse("awards:record-detail", args=[tand.pk]) not in page


def test_the_review_list_has_a_query_budget(
    client, world, cluster_secretary, django_assert_max_num_queries
):
    client.force_login(cluster_secretary)
    client.get(reverse("awards:review-list"))  # roles and scopes, cached after the first
    for size in (3, 30):
        for index in range(size):
            p = f.make_person(f"Người {size}-{index}", world.thanh_hoa)
            lower = af.award(p, CSTDCS, 2024, decision_date=D(2024, 11, 20))
            af.award(p, "sector_certificate_of_merit", 2025)
            _revoked(lower, cluster_secretary)
        with django_assert_max_num_queries(12):
            response = client.get(reverse("awards:review-list"))
        assert response.status_code == 200


def test_a_units_award_history(client, world, spc_office):
    court = world.thanh_hoa
    ttldxs = af.award(court, "excellent_collective", 2024, decision_date=D(2024, 12, 10))
    flag = af.award(court, "sector_emulation_flag", 2024, decision_date=D(2024, 12, 20))
    client.force_login(spc_office)
    url = reverse("awards:unit-awards", args=[court.pk])
    page = client.get(url).content.decode()
    assert reverse("awards:record-revoke", args=[ttldxs.pk]) in page
    client.post(reverse("awards:record-revoke", args=[ttldxs.pk]), _form())
    page = client.get(url).content.decode()
    assert reverse("awards:record-revoke", args=[ttldxs.pk]) not in page
    assert "đã thu hồi" in page and "cần xem xét lại" in page
    assert ReviewFlag.objects.get().award_id == flag.pk


def test_the_import_report_lists_the_flagged_awards(client, world, chain, cluster_secretary):
    person, _award, tand = chain
    client.force_login(cluster_secretary)
    data = (
        'Mã cán bộ,Họ và tên,Mã đơn vị,Năm thi đua,"Danh hiệu, hình thức khen thưởng",'
        "Số quyết định,Ngày quyết định,Đã thu hồi\n"
        f"{person.code},Đỗ Văn E,PT-thanh_hoa,2023,CSTĐCS,2023/QĐ,20/11/2023,Có\n"
    ).encode()
    response = client.post(
        reverse("awards:import-upload"),
        {"file": SimpleUploadedFile("ls.csv", data, content_type="text/csv")},
        **HTMX,
    )
    text = response.content.decode()
    assert 'id="import-flagged"' in text
    assert reverse("awards:record-detail", args=[tand.pk]) in text


def test_a_transferred_persons_earlier_award(client, world, cluster_secretary):
    """Owned by Nghệ An, where they worked then: Thanh Hóa reads it, only Nghệ An revokes it."""
    person = f.make_person("Vũ Văn T", world.nghe_an, start=D(2018, 1, 1))
    earlier = af.award(person, CSTDCS, 2023, unit=world.nghe_an, decision_date=D(2023, 11, 20))
    person.employments.update(end=D(2024, 12, 31))
    Employment.objects.create(
        person=person, unit=world.thanh_hoa, position="Thẩm phán", start=D(2025, 1, 1)
    )
    client.force_login(cluster_secretary)
    assert client.get(reverse("awards:record-detail", args=[earlier.pk])).status_code == 200
    assert client.get(reverse("awards:record-revoke", args=[earlier.pk])).status_code == 403
