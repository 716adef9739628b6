"""An emulation officer opens a deferred person's inputs from the verdict table, adds a leave,
ends the hold, imports a discipline file with htmx; the Supreme Court office records a chain
decision. With TDKT_SCREENSHOTS=DIR each page is saved as a picture."""

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


def test_officer_keeps_the_inputs(page, live_server, demo_world, failed_requests, tmp_path):
    login(page, live_server.url, "thuky.cum1")
    page.goto(f"{live_server.url}/awards/?year=2026&status=deferred")
    page.locator("#verdict-table tbody tr a").first.click()
    page.get_by_role("link", name="Kỷ luật, sáng kiến, thời gian nghỉ và tạm hoãn xét").click()
    holds = page.locator("#inputs-holds")
    expect(holds).to_contain_text("đang mở")
    _shot(page, "inputs_person")
    page.locator("#inputs-leave").get_by_role("link", name="Thêm").click()
    page.select_option("#id_kind", "maternity")
    page.fill("#id_start", "2026-02-01")
    page.fill("#id_end", "2026-01-01")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#input-form")).to_contain_text("Cần một ngày không trước")
    _shot(page, "inputs_form_error")
    page.fill("#id_end", "2026-07-31")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#inputs-leave")).to_contain_text("31/07/2026")
    holds.get_by_role("button", name="Kết thúc").first.click()
    expect(page.locator("#inputs-holds")).not_to_contain_text("đang mở")

    page.goto(f"{live_server.url}/awards/import/")
    page.get_by_role("link", name="Nhập kỷ luật, sáng kiến").click()
    code = "KHONG-CO"
    csv = tmp_path / "kyluat.csv"
    csv.write_text(
        "Mã cán bộ,Mã đơn vị,Hình thức kỷ luật,Ngày quyết định,Ngày hết thời hạn kỷ luật\n"
        f"{code},KHONG-CO,Phê bình,31/02/2026,01/01/2026\n",
        encoding="utf-8",
    )
    page.set_input_files("#id_file", str(csv))
    page.get_by_role("button", name="Tải lên").click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Phê bình")
    expect(errors).to_contain_text("31/02/2026")
    _shot(page, "inputs_import")
    assert failed_requests == []


def test_supreme_court_office_decides_a_chain(page, live_server, demo_world, failed_requests):
    login(page, live_server.url, "vu.tdkt")
    page.goto(f"{live_server.url}/awards/inputs/chain/")
    page.select_option("#id_unit", index=1)
    page.select_option("#id_title", index=1)
    page.fill("#id_year", "2024")
    page.check("#id_held")
    page.fill("#id_reason", "Đơn vị tiền thân sáp nhập toàn bộ")
    page.fill("#id_reference", "Công văn 45/TANDTC-TĐKT")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#chain-overrides")).to_contain_text("Đơn vị tiền thân sáp nhập toàn bộ")
    _shot(page, "inputs_chain")
    unit = page.locator("#input-units a")
    page.goto(f"{live_server.url}/awards/inputs/import/")
    _shot(page, "inputs_import_page")
    unit.first.click()
    expect(page.locator("#inputs-unit_ratings")).to_be_visible()
    _shot(page, "inputs_unit")
    assert failed_requests == []
