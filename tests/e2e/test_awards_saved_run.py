"""Before the council meeting the emulation officer saves her court's verdicts for 2026
("Lưu kết quả xét"), opens the saved run, filters it with htmx, reads a person's inputs, then
finds what changed after a rating is recorded; the council member reads the run but has no
button to save. With TDKT_SCREENSHOTS=DIR each page is saved as a picture."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import login


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("TDKT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_officer_saves_and_reopens_the_results(page, live_server, demo_world, failed_requests):
    from tdkt.awards.models import EligibilityRun, PersonRating, StoredVerdict

    login(page, live_server.url, "thuky.cum1")
    page.goto(f"{live_server.url}/awards/?year=2026")
    # the demo saved one run already
    expect(page.locator("#saved-runs-link")).to_contain_text("1 lần xét đã lưu")
    page.fill("#run-note", "Trước phiên họp Hội đồng ngày 20/11/2026")
    page.get_by_role("button", name="Lưu kết quả xét").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu")
    run = EligibilityRun.objects.latest("pk")
    assert page.url.endswith(f"/awards/runs/{run.pk}/")
    expect(page.locator("h1")).to_contain_text("Kết quả xét đã lưu")
    expect(page.locator("#run-facts")).to_contain_text("Trước phiên họp Hội đồng ngày 20/11/2026")
    expect(page.locator("#run-versions")).to_contain_text("advanced_worker")
    expect(page.locator("#run-versions")).to_contain_text("Điều 24 Luật Thi đua, khen thưởng")
    _shot(page, "run_detail")

    page.select_option("#id_status", "deferred")
    expect(page.locator("#run-verdicts tbody tr[data-status=deferred]").first).to_be_visible()
    expect(page.locator("#run-verdicts tbody tr:not([data-status=deferred])")).to_have_count(0)
    assert "status=deferred" in page.url
    href = page.get_by_role("link", name="Xuất .xlsx").get_attribute("href")
    exported = page.request.get(f"{live_server.url}{href}")
    assert exported.status == 200
    assert exported.headers["content-type"].startswith("application/vnd.openxmlformats")

    page.locator("#run-verdicts tbody tr a").first.click()
    expect(page.locator("#subject-inputs")).to_contain_text("Xếp loại")
    expect(page.locator("#subject-verdicts")).to_contain_text("tạm hoãn")
    _shot(page, "run_subject")

    # a rating recorded after the save: the run keeps what it had, the comparison names it
    stored = StoredVerdict.objects.filter(run=run, subject_kind="person", code="advanced_worker")
    person_id = stored.filter(status="needs_review").values_list("subject_id", flat=True)[0]
    from tdkt.org.models import Person

    person = Person.objects.get(pk=person_id)
    PersonRating.objects.update_or_create(
        person=person,
        year=2026,
        defaults={"rating": "excellent", "unit": person.employments.all()[0].unit},
    )
    page.goto(f"{live_server.url}/awards/runs/{run.pk}/")
    page.get_by_role("link", name="Đã thay đổi từ lần lưu").click()
    row = page.locator("#compare-table tbody tr", has_text=person.full_name).first
    expect(row).to_contain_text("xếp loại năm 2026")
    expect(row).to_contain_text("đủ điều kiện")
    _shot(page, "run_compare")
    assert stored.get(subject_id=person_id).status == "needs_review"  # the run is as saved

    page.goto(f"{live_server.url}/awards/people/{person_id}/?year=2026")
    expect(page.locator("#stored-verdicts")).to_contain_text("khác với kết quả xét hiện nay")
    assert failed_requests == []


def test_council_member_reads_but_does_not_save(page, live_server, demo_world, failed_requests):
    from tdkt.awards.runs import save_run
    from tdkt.org.models import Unit

    run = save_run(year=2026, unit=Unit.objects.get(code="PT-thanh_hoa"), actor="tdkt demo")
    login(page, live_server.url, "hoidong.thanhhoa")
    page.goto(f"{live_server.url}/awards/?year=2026")
    expect(page.locator("#verdict-table")).to_be_visible()
    expect(page.locator("#run-save-form")).to_have_count(0)
    page.locator("#saved-runs-link").click()
    page.locator("#run-table tbody tr a").first.click()
    assert page.url.endswith(f"/awards/runs/{run.pk}/")
    expect(page.locator("#run-verdicts")).to_contain_text("Lao động tiên tiến")
    assert failed_requests == []
