"""An emulation officer finds a person transferred in 2026 whose former court's comments are
missing, records them from the person's timeline (a wrong court first), sees the verdict turn
eligible, then deletes them again. With TDKT_SCREENSHOTS=DIR each page is saved as a picture."""

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


def test_officer_records_the_former_courts_comments(page, live_server, demo_world, failed_requests):
    from tdkt.awards.models import TransferComment
    from tdkt.org.models import Employment, Unit

    commented = set(TransferComment.objects.values_list("person_id", flat=True))
    person = (
        Employment.objects.filter(kind="transfer", start=dt.date(2026, 5, 1))
        .exclude(person_id__in=commented)
        .select_related("person")
        .first()
        .person  # type: ignore[union-attr]
    )
    nghe_an = Unit.objects.get(code="PT-nghe_an")
    login(page, live_server.url, "thuky.cum1")
    page.goto(f"{live_server.url}/awards/people/{person.pk}/?year=2026")
    verdicts = page.locator("#own-verdicts")
    expect(verdicts).to_contain_text("cần ý kiến nhận xét của Tòa án nhân dân tỉnh Nghệ An")
    expect(page.locator("#moves")).to_contain_text("7 tháng 0 ngày")
    _shot(page, "transfer_timeline")
    page.get_by_role(
        "link", name="Ghi nhận ý kiến nhận xét của đơn vị cũ hoặc nơi biệt phái"
    ).click()
    page.locator("#inputs-transfer_comments").get_by_role("link", name="Thêm").click()
    page.fill("#id_year", "2026")
    page.select_option("#id_kind", "secondment")  # wrong: Nghệ An was no secondment
    page.select_option("#id_source_unit", str(nghe_an.pk))
    page.fill("#id_given_on", "2026-04-24")
    page.fill("#id_summary", "Hoàn thành tốt nhiệm vụ, chấp hành nghiêm kỷ luật.")
    page.fill("#id_reference", "26/TANDNA-VP")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#input-form")).to_contain_text("Cần một Tòa án nơi người này công tác")
    _shot(page, "transfer_comment_error")
    page.select_option("#id_kind", "transfer")
    page.get_by_role("button", name="Lưu").click()
    comments = page.locator("#inputs-transfer_comments")
    expect(comments).to_contain_text("26/TANDNA-VP")
    _shot(page, "transfer_comment_list")
    page.goto(f"{live_server.url}/awards/people/{person.pk}/?year=2026")
    expect(verdicts).to_contain_text("Có ý kiến nhận xét của Tòa án nhân dân tỉnh Nghệ An")
    page.goto(f"{live_server.url}/awards/people/{person.pk}/inputs/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#inputs-transfer_comments").get_by_role("button", name="Xóa").click()
    expect(page.locator("#inputs-transfer_comments")).not_to_contain_text("26/TANDNA-VP")
    assert not TransferComment.objects.filter(person=person).exists()
    assert failed_requests == []
