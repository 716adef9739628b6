"""A member court's officer signs the next pledge, self-scores with an evidence file and
scores a peer; the secretariat sees the ranking with its chart."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login

PDF = b"%PDF-1.4\n% minh chung\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _open_round(page):
    page.get_by_role("link", name=re.compile("^(Chấm điểm|Scoring)$")).first.click()
    page.locator("#rounds a", has_text="năm 2022").click()


def test_member_self_scores_with_evidence_and_scores_a_peer(
    page, live_server, demo_world, failed_requests
):
    login(page, live_server.url, "canbo.nghean")
    _open_round(page)
    expect(page.locator("#members")).to_contain_text("Tòa án nhân dân tỉnh Nghệ An")
    row = page.locator("#members tr", has_text="Tòa án nhân dân tỉnh Nghệ An")
    row.get_by_role("link", name="Tự chấm điểm").click()
    expect(page.locator("main")).to_contain_text("Bổ sung minh chứng")  # the return reason
    criterion = page.locator("#criterion-3\\.2")
    criterion.locator("input[name=points]").fill("3,5")
    criterion.locator("textarea[name=comment]").fill("Đã nhân rộng hai mô hình")
    criterion.get_by_role("button", name="Lưu").click()
    expect(page.locator("#criterion-3\\.2 input[name=points]")).to_have_value("3,50")
    page.locator("#criterion-3\\.2 input[type=file]").set_input_files(
        files=[{"name": "mo-hinh.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("#criterion-3\\.2").get_by_role("button", name="Tải lên").click()
    expect(page.locator("#criterion-3\\.2")).to_contain_text("mo-hinh.pdf")
    page.get_by_role("button", name="Gửi bản tự chấm điểm").click()
    expect(page.locator("#assessment-status")).to_contain_text("đã gửi")

    page.locator("ol.breadcrumb a").nth(1).click()
    peer_row = page.locator("#members tr", has_text="Tòa án nhân dân tỉnh Thanh Hóa")
    peer_row.get_by_role("link", name="Chấm chéo").click()
    expect(page.locator("main")).not_to_contain_text("Tòa án nhân dân tỉnh Nghệ An</h1>")
    target = page.locator("#peer-2\\.1")
    target.locator("input[name=points]").fill("7")
    target.locator("input[name=comment]").fill("Kỷ cương tốt")
    target.get_by_role("button", name="Lưu").click()
    expect(page.locator("#peer-2\\.1")).to_contain_text("7,00")
    assert failed_requests == []


def test_member_signs_the_next_pledge(page, live_server, demo_world, failed_requests):
    login(page, live_server.url, "canbo.nghean")
    page.get_by_role("link", name=re.compile("^(Giao ước thi đua|Pledges)$")).first.click()
    page.locator("#pledges a", has_text="2023").click()
    expect(page.locator("#unsigned")).to_contain_text("Tòa án nhân dân tỉnh Nghệ An")
    page.fill("#id_signer_name", "Hoàng Văn Bình")
    page.fill("#id_signer_position", "Chánh án")
    page.get_by_role("button", name="Ký giao ước").click()
    expect(page.locator("#unsigned")).not_to_contain_text("Tòa án nhân dân tỉnh Nghệ An")
    expect(page.locator("#signed-count")).to_have_text("6/14")
    assert failed_requests == []


def test_secretary_reads_the_ranking_and_its_chart(page, live_server, demo_world, failed_requests):
    login(page, live_server.url, "thuky.cum1")
    _open_round(page)
    page.get_by_role("link", name="Xếp hạng").first.click()
    expect(page.locator("#ranking tbody tr")).to_have_count(14)
    expect(page.locator("#ranking-chart svg")).to_be_visible()
    assert failed_requests == []
