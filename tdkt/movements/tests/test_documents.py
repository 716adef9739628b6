"""The pledge as a document: its targets, own targets and signature table in .docx and .pdf."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tdkt.core.models import AuditEvent
from tdkt.documents.models import GeneratedDocument
from tdkt.documents.tests.conftest import docx_text, pdf_text
from tdkt.movements import services
from tdkt.movements.models import PledgeItem
from tdkt.scoring.sheets import draft_pledge
from tdkt.scoring.tests.factories import small_sheet

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def pledge(world):
    pledge, _round = draft_pledge(sheet=small_sheet(), term=world.term, year=2022, actor="t")
    item = PledgeItem.objects.get(pledge=pledge, criterion_code="1.1")
    services.update_item(item=item, actor="t", commitment="Giải quyết đúng hạn", target=Decimal(88))
    services.set_override(
        item=item, unit=world.nghe_an, target=Decimal(95), commitment="Phấn đấu cao hơn", actor="t"
    )
    return pledge


def test_a_draft_is_not_issued(client, cluster_secretary, pledge):
    client.force_login(cluster_secretary)
    url = reverse("movements:pledge-document", args=[pledge.pk])
    response = client.post(url, follow=True)
    assert "Hãy mở giao ước để ký trước khi phát hành" in response.content.decode()
    response = client.post(url, **HTMX)
    assert response.status_code == 200 and 'id="pledge-documents"' in response.content.decode()
    assert not GeneratedDocument.objects.exists()


def test_secretary_issues_the_pledge_with_its_signature_table(
    client, cluster_secretary, pledge, world
):
    services.open_for_signing(pledge=pledge, actor="t")
    signed_at = dt.datetime(2021, 12, 20, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    services.sign_pledge(
        pledge=pledge,
        unit=world.thanh_hoa,
        signer_name="Lê Văn Bình",
        signer_position="Chánh án",
        actor="t",
        now=signed_at,
    )
    client.force_login(cluster_secretary)
    page = client.get(reverse("movements:pledge-detail", args=[pledge.pk])).content.decode()
    assert "Phát hành giao ước" in page
    response = client.post(reverse("movements:pledge-document", args=[pledge.pk]), **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and "Thi đua năm 2022 của Cụm thi đua số 1" in body
    document = GeneratedDocument.objects.get()
    assert document.target_id == str(pledge.pk) and document.number == ""
    assert AuditEvent.objects.filter(code="documents.document.issued").count() == 1
    docx = docx_text(document.docx.read())
    pdf = pdf_text(document.pdf.read())
    for text in (docx, " ".join(docx.split()), pdf):
        assert "GIAO ƯỚC THI ĐUA" in text
    for text in (" ".join(docx.split()), pdf):
        assert "Thi đua năm 2022 của Cụm thi đua số 1" in text
        assert "1.1. Tỷ lệ giải quyết án hình sự" in text
        assert "Giải quyết đúng hạn" in text
        assert "II. CHỈ TIÊU RIÊNG CỦA ĐƠN VỊ" in text
        assert "88%" in text and "95%" in text and "Phấn đấu cao hơn" in text
        assert "Lê Văn Bình" in text and "Chánh án" in text
        assert "09:30 20/12/2021" in text
        assert "Chưa ký" in text  # Nghệ An has not signed yet
        assert "Tòa án nhân dân tỉnh Nghệ An" in text
        assert "20 tháng 12 năm 2021" in text


def test_a_member_court_may_not_issue(client, member_court_officer, pledge):
    services.open_for_signing(pledge=pledge, actor="t")
    client.force_login(member_court_officer)
    url = reverse("movements:pledge-document", args=[pledge.pk])
    assert client.post(url).status_code == 403
    page = client.get(reverse("movements:pledge-detail", args=[pledge.pk])).content.decode()
    assert "Phát hành giao ước" not in page
    assert not GeneratedDocument.objects.exists()


def test_the_office_composes_a_pledge_from_the_form_without_an_example(client, spc_office):
    client.force_login(spc_office)
    url = reverse("documents:document-compose", args=["movements.pledge"])
    for response in (client.get(url), client.get(f"{url}?example=1")):
        assert response.status_code == 200
        assert "Điền nội dung mẫu" not in response.content.decode()
