"""A cluster secretary opens the 2022 cluster, searches units with and without diacritics, and
follows a merged court's lineage across 01/07/2025."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import login


def test_secretary_opens_the_2022_cluster(page, live_server, demo_world, failed_requests):
    login(page, live_server.url, "thuky.cum1")
    expect(page.locator("h1")).to_have_count(1)
    page.get_by_role("link", name=re.compile("Cụm|Clusters|cụm", re.I)).first.click()
    page.get_by_role("link", name=re.compile("đồng bằng và trung du Bắc bộ")).first.click()
    members = page.locator("#members tbody tr")
    expect(members).to_have_count(14)
    expect(page.locator("#head-unit")).to_contain_text("Tòa án nhân dân tỉnh Thanh Hóa")
    expect(page.locator("#members")).to_contain_text("Tòa án nhân dân tỉnh Hà Tĩnh")
    # each member court lists its district courts
    page.locator("#members details summary").first.click()
    expect(page.locator("#members details[open] li").first).to_contain_text("Tòa án nhân dân")
    assert failed_requests == []


def test_unit_search_with_and_without_diacritics(page, live_server, demo_world, failed_requests):
    login(page, live_server.url, "thuky.cum1")
    page.goto(f"{live_server.url}/units/")
    page.fill("#q", "thanh hoa")
    expect(page.locator("#unit-results")).to_contain_text("Tòa án nhân dân tỉnh Thanh Hóa")
    page.fill("#q", "Thanh Hoá")  # the other tone placement
    expect(page.locator("#unit-results")).to_contain_text("Tòa án nhân dân tỉnh Thanh Hóa")
    page.fill("#q", "xyzxyz")
    expect(page.locator("#unit-results tbody tr")).to_have_count(1)  # the "no unit" row
    assert failed_requests == []


def test_merged_unit_lineage(page, live_server, demo_world, failed_requests):
    login(page, live_server.url, "thuky.cum1")
    page.goto(f"{live_server.url}/units/")
    page.fill("#q", "hai duong")
    page.locator("#unit-results").get_by_role("link", name="Tòa án nhân dân tỉnh Hải Dương").click()
    page.get_by_role("link", name=re.compile("Lịch sử sắp xếp|Lineage", re.I)).first.click()
    expect(page.locator("main")).to_contain_text("Tòa án nhân dân thành phố Hải Phòng")
    page.fill("#on", "2025-07-01")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#became")).to_contain_text("Tòa án nhân dân thành phố Hải Phòng")
    page.fill("#on", "2025-06-30")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#became")).to_contain_text("Tòa án nhân dân tỉnh Hải Dương")
    assert failed_requests == []


def test_people_on_a_phone(page, live_server, demo_world, failed_requests):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server.url, "thuky.cum1")
    page.goto(f"{live_server.url}/people/")
    rows = page.locator("#person-results tbody tr")
    expect(rows.first).to_be_visible()
    first = rows.first.locator("a").inner_text()
    page.fill("#q", first.split(" ")[-1].lower())
    expect(page.locator("#person-results")).to_contain_text(first)
    page.locator("#person-results a").first.click()
    expect(page.locator("#employment")).to_be_visible()
    assert failed_requests == []
