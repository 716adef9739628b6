"""An emulation officer revokes a CSTĐCS from a person's timeline ("Thu hồi"), sees the money
to recover and the later CSTĐ TAND flagged "cần xem xét lại" on the timeline and in the list
of awards needing review, and keeps it with a reason. With TDKT_SCREENSHOTS=DIR each page is
saved as a picture."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import login


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("TDKT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _fighter() -> tuple[int, int, int]:
    """A Thanh Hóa person of the demo with CSTĐCS 2023–2025, given a CSTĐ TAND for 2025."""
    from tdkt.awards.models import AwardRecord, EmulationTitle

    cstdcs = AwardRecord.objects.filter(
        title__code="grassroots_emulation_fighter", unit__code__startswith="PT-thanh_hoa"
    )
    years: dict[int, set[int]] = {}
    for person_id, year in cstdcs.values_list("person_id", "year"):
        years.setdefault(person_id, set()).add(year)
    person_id = min(p for p, held in years.items() if {2023, 2024, 2025} <= held)
    lower = cstdcs.get(person_id=person_id, year=2023)
    tand = AwardRecord.objects.create(
        unit=lower.unit,
        person_id=person_id,
        title=EmulationTitle.objects.get(code="sector_emulation_fighter"),
        year=2025,
        decision_number="88/QĐ-TANDTC",
        decision_date=dt.date(2025, 12, 15),
        issuer="Chánh án TANDTC",
    )
    return person_id, lower.pk, tand.pk


def test_officer_revokes_and_reviews(page, live_server, demo_world, failed_requests):
    person_id, lower, tand = _fighter()
    login(page, live_server.url, "thuky.cum1")
    page.goto(f"{live_server.url}/awards/people/{person_id}/?year=2025")
    page.locator(f'[data-award="{lower}"]').get_by_role("link", name="Thu hồi").click()
    expect(page.locator("#recovery")).to_be_visible()
    _shot(page, "revocation_form")
    page.select_option("#id_ground", "falsified_achievements")
    page.fill("#id_decision_number", "15/QĐ-TA")
    page.fill("#id_issuer", "Chánh án TAND tỉnh Thanh Hóa")
    page.get_by_role("button", name="Thu hồi khen thưởng").click()
    expect(page.locator("#revocation")).to_contain_text("15/QĐ-TA")
    expect(page.locator("#flagged")).to_contain_text("Chiến sĩ thi đua Tòa án nhân dân 2025")
    _shot(page, "revocation_detail")

    page.goto(f"{live_server.url}/awards/people/{person_id}/?year=2025")
    expect(page.locator(f'[data-award="{tand}"]')).to_contain_text("cần xem xét lại")
    expect(page.locator(f'[data-award="{lower}"]')).to_contain_text("đã thu hồi")
    _shot(page, "revocation_timeline")

    page.goto(f"{live_server.url}/awards/reviews/")
    row = page.locator("#review-table tbody tr", has_text="Chiến sĩ thi đua Tòa án nhân dân")
    expect(row).to_contain_text("15/QĐ-TA")
    _shot(page, "revocation_reviews")
    row.get_by_role("link", name="Quyết định").click()
    expect(page.locator("#needs-review")).to_be_visible()
    page.fill("#id_reason", "Năm 2023 vẫn đạt tiêu chuẩn theo hồ sơ bổ sung")
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.locator("#reviews")).to_contain_text("giữ nguyên sau khi xem xét")
    expect(page.locator("#needs-review")).to_have_count(0)
    _shot(page, "revocation_kept")
    assert failed_requests == []
