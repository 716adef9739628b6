"""The emulation officer composes a decision from the example, issues it with the next register
number, then prints the certificates of a list as one PDF and watches the progress."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import login


def test_officer_issues_a_decision(page, live_server, demo_world, failed_requests):
    login(page, live_server.url, "thuky.cum1")
    page.get_by_role("link", name=re.compile("^(Văn bản|Documents)$")).first.click()
    expect(page.locator("#document-results")).to_contain_text("01/QĐ-TA")  # the demo decision
    page.locator("#kinds a").first.click()
    page.get_by_role("link", name=re.compile("nội dung mẫu|example", re.I)).click()
    option = page.locator("select[name=unit] option", has_text="Tòa án nhân dân tỉnh Thanh Hóa")
    page.select_option("select[name=unit]", value=option.first.get_attribute("value"))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("02/QĐ-TA")
    # a click on a download aborts the navigation, which would count as a failed request
    href = page.get_by_role("link", name=re.compile(r"\.docx")).get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.ok and response.body().startswith(b"PK")
    assert failed_requests == []


def test_officer_prints_certificates_of_a_list(page, live_server, demo_world, failed_requests):
    login(page, live_server.url, "thuky.cum1")
    page.goto(f"{live_server.url}/documents/batches/new/")
    option = page.locator("select[name=unit] option", has_text="Tòa án nhân dân tỉnh Thanh Hóa")
    page.select_option("select[name=unit]", value=option.first.get_attribute("value"))
    page.fill("input[name=title]", "Giấy khen năm 2025")
    page.fill("input[name=authority]", "Chánh án Tòa án nhân dân tỉnh Thanh Hóa")
    page.fill("textarea[name=achievement]", "Đã có thành tích xuất sắc")
    page.fill("input[name=decision_ref]", "Quyết định số 01/QĐ-TA ngày 05/3/2026")
    page.fill("input[name=place]", "Thanh Hóa")
    page.fill("input[name=signer_title]", "Chánh án")
    page.fill("input[name=signer_name]", "Lê Văn Hùng")
    page.fill("textarea[name=recipients]", "Nguyễn Thị Ánh | Thẩm phán\nLê Văn Dũng | Thư ký")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#batch-progress")).to_contain_text("2 / 2")
    expect(page.get_by_role("link", name=re.compile("PDF"))).to_be_visible()
    assert failed_requests == []
