"""An emulation officer opens the verdict table of her court for 2026, filters it by verdict
with htmx, opens a person's timeline and exports the table."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login


def test_officer_reads_the_verdict_table(page, live_server, demo_world, failed_requests):
    login(page, live_server.url, "thuky.cum1")
    page.goto(f"{live_server.url}/awards/?year=2026")
    table = page.locator("#verdict-table")
    expect(table).to_contain_text("Lao động tiên tiến")
    expect(table).to_contain_text("Điều 24 Luật Thi đua, khen thưởng 06/2022/QH15")
    expect(page.locator("#verdict-results")).to_contain_text("đủ điều kiện")
    page.select_option("#id_status", "deferred")
    expect(page.locator("#verdict-table tbody tr[data-status=deferred]").first).to_be_visible()
    expect(page.locator("#verdict-table tbody tr:not([data-status=deferred])")).to_have_count(0)
    expect(page.locator("#verdict-table")).to_contain_text("Tạm hoãn từ")
    assert "status=deferred" in page.url  # htmx pushed the filter into the address
    page.select_option("#id_status", "needs_review")
    expect(page.locator("#verdict-table tbody tr[data-status=needs_review]").first).to_be_visible()
    page.locator("#verdict-table tbody tr a").first.click()
    expect(page.locator("#timeline")).to_be_visible()
    expect(page.locator("#own-verdicts")).to_contain_text("Chiến sĩ thi đua cơ sở")
    page.go_back()
    # the export link (fetched, not clicked: a download aborts the page's request)
    href = page.get_by_role("link", name="Xuất .xlsx").get_attribute("href")
    exported = page.request.get(f"{live_server.url}{href}")
    assert exported.status == 200
    assert exported.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert failed_requests == []
