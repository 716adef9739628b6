"""The emulation officer of TAND tỉnh Thanh Hóa sends an eligible CSTĐCS candidate from the
verdict table to a new council session, a council of three checks in and votes from phones,
the ballot closes, and the verdict table shows the vote as done."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login


def test_officer_sends_candidates_and_a_small_council_votes(
    page, browser, live_server, demo_world, failed_requests
):
    base = live_server.url
    login(page, base, "thuky.cum1")
    page.goto(f"{base}/awards/?year=2026&code=grassroots_emulation_fighter&status=pass")
    expect(page.locator("#verdict-table tbody tr").first).to_be_visible()
    page.get_by_role("link", name="Gửi Hội đồng bỏ phiếu").click()
    expect(page.locator("#threshold-rule")).to_contain_text("80 %")
    first = page.locator("#send-candidates tbody tr", has_text="đủ điều kiện").first
    name = first.locator("label").inner_text()
    first.locator("input[type=checkbox]").check()
    page.select_option("#id_meeting", "new")
    page.fill("#id_new_date", "2026-12-01")
    page.get_by_role("button", name="Gửi vào cuộc bỏ phiếu").click()
    expect(page.locator("main")).to_contain_text("Đã gửi 1 ứng viên")
    expect(page.locator("main")).to_contain_text(name)
    ballot_url = page.url

    page.locator(".breadcrumb-item a").nth(1).click()
    expect(page.locator("h1")).to_contain_text("Phiên họp Hội đồng Thi đua – Khen thưởng năm 2026")
    for i in range(3):
        page.select_option("#id_person", index=i + 1)
        page.get_by_role("button", name="Thêm", exact=True).first.click()
        expect(page.locator("#members tbody tr")).to_have_count(i + 1)
    for i in range(3):
        page.locator("#checkin-desk button", has_text="điểm danh").first.click()
        expect(page.locator("#quorum")).to_contain_text(f"{i + 1} trên 3")

    page.goto(ballot_url)
    page.get_by_role("button", name="Mở bỏ phiếu và phát mã").click()
    expect(page.locator(".code-value")).to_have_count(3)
    codes = page.locator(".code-value").all_inner_texts()

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    voter = phone.new_page()
    voter.on(
        "response",
        lambda r: failed_requests.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    login(voter, base, "canbo.nghean")
    for code in codes:
        voter.goto(f"{base}/meetings/vote/")
        voter.fill("#id_code", code)
        voter.get_by_role("button", name="Tiếp tục").click()
        voter.get_by_text("đồng ý", exact=True).click()
        voter.get_by_role("button", name="Bỏ phiếu").click()
        expect(voter.locator("#cast-ok")).to_be_visible()
    phone.close()

    page.goto(ballot_url)
    page.get_by_role("button", name="Kết thúc bỏ phiếu và kiểm phiếu").click()
    expect(page.locator("#honoured")).to_contain_text(name)

    page.goto(f"{base}/awards/?year=2026&code=grassroots_emulation_fighter&q={name}")
    row = page.locator("#verdict-table tbody tr", has_text=name).first
    expect(row).to_contain_text("Hội đồng bỏ phiếu ngày 01/12/2026: đạt, 3 trên 3")
    expect(row).not_to_contain_text("tổng số thành viên hội đồng cơ sở")
    assert failed_requests == []
