"""A cluster secretary runs the whole flag vote of the 14 units of Cụm thi đua số 1: check-in with
live quorum, a ballot with its rule shown before voting, 12 phones without an account and 2 paper
ballots, two tellers, the projector, the tally, the minutes issued as a document and printed."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import login


def test_whole_cluster_vote_of_fourteen_units(
    page, browser, live_server, demo_world, failed_requests
):
    base = live_server.url
    login(page, base, "thuky.cum1")
    page.goto(f"{base}/meetings/")
    page.get_by_role("link", name=re.compile("Tạo cuộc họp")).click()
    page.select_option("#id_kind", "conference")
    term = page.locator("#id_term option", has_text="trung du Bắc bộ — 2022").get_attribute("value")
    page.select_option("#id_term", term)
    page.fill("#id_title", "Hội nghị bất thường Cụm thi đua số 1")
    page.fill("#id_date", "2022-10-20")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#members tbody tr")).to_have_count(14)
    expect(page.locator("#quorum")).to_contain_text("0 trên 14")

    for i in range(14):  # the check-in desk answers over htmx and the quorum follows
        page.locator("#checkin-desk button", has_text="điểm danh").first.click()
        expect(page.locator("#quorum")).to_contain_text(f"{i + 1} trên 14")
        if i == 9:
            expect(page.locator("#quorum")).to_contain_text("Đủ số thành viên cần thiết.")

    page.locator("summary", has_text="Tạo cuộc bỏ phiếu").click()
    page.fill("#id_title", "Suy tôn Cờ thi đua của Chính phủ")
    page.select_option("#id_title_code", "government_emulation_flag")
    page.get_by_role("button", name="Tạo cuộc bỏ phiếu").click()
    expect(page.locator("#threshold")).to_contain_text("ít nhất 10 phiếu đồng ý")
    page.select_option("#id_unit", label="Tòa án nhân dân tỉnh Quảng Ninh")
    page.get_by_role("button", name="Thêm vào danh sách").click()
    expect(page.locator("#candidates")).to_contain_text("Quảng Ninh")
    page.check("label:has-text('Tòa án nhân dân tỉnh Hà Tĩnh') >> xpath=../input")
    page.check("label:has-text('Tòa án nhân dân tỉnh Ninh Bình') >> xpath=../input")
    page.get_by_role("button", name="Mở bỏ phiếu và phát mã").click()
    expect(page.locator(".code-value")).to_have_count(12)
    codes = page.locator(".code-value").all_inner_texts()
    assert len(codes) == 12, page.locator("main").inner_text()[:600]

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    voter = phone.new_page()
    voter.on(
        "response",
        lambda r: failed_requests.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    voter.goto(f"{base}/meetings/vote/")  # no account: the delegations vote with their codes
    expect(voter.locator("#id_code")).to_be_visible()
    for i, code in enumerate(codes):
        voter.goto(f"{base}/meetings/vote/")
        voter.fill("#id_code", code)
        voter.get_by_role("button", name="Tiếp tục").click()
        voter.get_by_text("không đồng ý" if i == 11 else "đồng ý", exact=True).click()
        voter.get_by_role("button", name="Bỏ phiếu").click()
        expect(voter.locator("#cast-ok")).to_be_visible()
    phone.close()

    ballot_url = page.url
    page.goto(f"{base}/meetings/")
    page.get_by_role("link", name="Hội nghị bất thường Cụm thi đua số 1").click()
    page.get_by_role("link", name=re.compile("Suy tôn Cờ thi đua")).click()
    ballot_url = page.url
    page.get_by_role("link", name="Màn hình trình chiếu").click()
    expect(page.locator("#voted-count")).to_have_text("12 / 12")
    expect(page.locator("#turnout")).not_to_contain_text("đồng ý")

    for teller in ("Nguyễn Thị Lan", "Trần Văn Hùng"):
        page.goto(ballot_url)
        page.fill("#id_teller", teller)
        page.fill("#id_returned", "2")
        page.fill("#id_invalid", "0")
        page.locator("input[id^=id_agree_]").fill("2")
        page.locator("input[id^=id_disagree_]").fill("0")
        page.get_by_role("button", name="Lưu số liệu của người kiểm phiếu").click()
    expect(page.locator("main")).to_contain_text("trùng khớp")
    page.get_by_role("button", name="Kết thúc bỏ phiếu và kiểm phiếu").click()
    expect(page.locator("#results")).to_contain_text("13/14 đơn vị = 92,9 % ≥ 2/3")
    expect(page.locator("#honoured")).to_contain_text("Tòa án nhân dân tỉnh Quảng Ninh")
    expect(page.locator("#recount")).to_contain_text("cùng kết quả, cùng mã băm")
    page.fill("#id_head", "Trần Đức Thắng")
    page.fill("#id_secretary", "Đỗ Văn Khoa")
    page.get_by_role("button", name="Phát hành .docx/.pdf").click()
    expect(page.locator("#minutes-panel .documents-for")).to_contain_text("/BB-")
    page.get_by_role("link", name="Biên bản kiểm phiếu", exact=True).click()
    for figure in ("Số phiếu phát ra", "14 (12 phiếu điện tử, 2 phiếu giấy)", "Số phiếu hợp lệ"):
        expect(page.locator("article")).to_contain_text(figure)
    assert failed_requests == []
