"""On a phone-sized screen the secretariat issues the year-end report from the ranking page and
the signed pledge from its page; both are listed where they were issued."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_secretary_issues_the_report_and_the_pledge_on_a_phone(
    page, live_server, demo_world, failed_requests
):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server.url, "thuky.cum1")
    page.goto(f"{live_server.url}/scoring/")
    page.locator("#rounds a", has_text="năm 2022").click()
    page.get_by_role("button", name="Công bố và khóa").click()
    page.get_by_role("link", name="Xếp hạng").first.click()
    page.get_by_role("button", name="Phát hành báo cáo tổng kết (Word và PDF)").click()
    expect(page.locator("#round-documents")).to_contain_text("01/BC-CTĐ")
    expect(page.locator("#round-documents")).to_contain_text("Tổng kết phong trào thi đua năm 2022")

    page.goto(f"{live_server.url}/movements/")  # the menu is folded on a phone
    page.locator("#pledges a", has_text="2022").click()
    page.get_by_role("button", name="Phát hành giao ước (Word và PDF)").click()
    expect(page.locator("#pledge-documents")).to_contain_text(
        "Thi đua năm 2022 của Cụm thi đua số 1"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert failed_requests == []
