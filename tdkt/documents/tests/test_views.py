"""Pages of documents: gates, happy paths, bad input, htmx variants."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.models import AuditEvent
from tdkt.documents.docx_layout import builtin_template
from tdkt.documents.models import CertificateBatch, GeneratedDocument, WordTemplate
from tdkt.documents.registry import get_kind
from tdkt.documents.samples import decision
from tdkt.documents.services import issue_document
from tests import factories as f

pytestmark = pytest.mark.django_db
DECISION = "documents.award_decision"


@pytest.fixture
def document(world, cluster_secretary):
    return issue_document(
        kind=get_kind(DECISION), content=decision(), unit=world.thanh_hoa, actor=cluster_secretary
    )


def _decision_post(world, **extra):
    data = {
        "unit": world.thanh_hoa.pk,
        "issuer_code": "TA",
        "place": "Thanh Hóa",
        "issued_on": "2026-03-05",
        "summary": "Về việc tặng Giấy khen",
        "authority": "Chánh án Tòa án nhân dân tỉnh Thanh Hóa",
        "recitals": "Căn cứ Luật Thi đua, khen thưởng;\nXét đề nghị của Hội đồng.",
        "award_text": "Tặng Giấy khen cho 02 cá nhân,",
        "rows": "Nguyễn Thị Ánh\tThẩm phán\t710.000\nLê Văn Dũng | Thư ký | 710000",
        "signer_authority": "KT.",
        "signer_on_behalf_of": "Chánh án",
        "signer_title": "Phó Chánh án",
        "signer_name": "Trần Văn Bình",
        "recipients": "- Như Điều 3;\n- Lưu: VT, TĐKT.",
    }
    data.update(extra)
    return data


def test_anonymous_is_sent_to_login(client, document):
    for url in (
        reverse("documents:home"),
        reverse("documents:document-compose", args=[DECISION]),
        reverse("documents:document-detail", args=[document.pk]),
        reverse("documents:document-download", args=[document.pk, "pdf"]),
        reverse("documents:verify"),
        reverse("documents:template-list"),
        reverse("documents:batch-create"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url


def test_outsider_gets_404(client, outsider, document):
    client.force_login(outsider)
    for url in (
        reverse("documents:home"),
        reverse("documents:document-compose", args=[DECISION]),
        reverse("documents:document-detail", args=[document.pk]),
        reverse("documents:document-download", args=[document.pk, "docx"]),
        reverse("documents:verify"),
        reverse("documents:template-list"),
        reverse("documents:batch-create"),
    ):
        assert client.get(url).status_code == 404, url


def test_other_unit_does_not_see_the_document(client, member_court_officer, document):
    client.force_login(member_court_officer)
    assert client.get(reverse("documents:document-detail", args=[document.pk])).status_code == 404
    assert not client.get(reverse("documents:home")).context["page"].object_list


def test_read_only_role_reads_but_gets_403_on_writes(client, council_member, document, pki):
    client.force_login(council_member)
    assert client.get(reverse("documents:document-detail", args=[document.pk])).status_code == 200
    assert client.get(reverse("documents:document-compose", args=[DECISION])).status_code == 403
    assert client.post(reverse("documents:document-sign", args=[document.pk])).status_code == 403
    assert client.get(reverse("documents:batch-create")).status_code == 403
    upload = SimpleUploadedFile("t.docx", builtin_template(DECISION))
    response = client.post(reverse("documents:template-list"), {"kind": DECISION, "file": upload})
    assert response.status_code == 403


def test_wrong_method_is_405(client, cluster_secretary, document):
    client.force_login(cluster_secretary)
    assert client.post(reverse("documents:home")).status_code == 405
    assert client.get(reverse("documents:document-sign", args=[document.pk])).status_code == 405
    assert client.post(reverse("documents:document-detail", args=[document.pk])).status_code == 405


def test_compose_and_issue_a_decision(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    page = client.get(reverse("documents:document-compose", args=[DECISION]), {"example": "1"})
    assert "Căn cứ Luật Thi đua" in page.content.decode()
    response = client.post(
        reverse("documents:document-compose", args=[DECISION]), _decision_post(world)
    )
    document = GeneratedDocument.objects.get()
    assert response.status_code == 302
    assert document.number == "01/QĐ-TA" and document.unit == world.thanh_hoa
    assert [r["amount_vnd"] for r in document.content["rows"]] == [710_000, 710_000]
    assert document.content["signer"]["authority"] == "KT."
    assert AuditEvent.objects.filter(code="documents.document.issued").count() == 1
    detail = client.get(reverse("documents:document-detail", args=[document.pk]))
    assert "01/QĐ-TA" in detail.content.decode()
    pdf = client.get(reverse("documents:document-download", args=[document.pk, "pdf"]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    listing = client.get(reverse("documents:home"))
    assert document in listing.context["page"].object_list


def test_bad_list_row_is_a_field_error_and_nothing_is_written(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    data = _decision_post(world, rows="Nguyễn Thị Ánh\tThẩm phán\tbảy trăm", issued_on="2026-13-45")
    response = client.post(reverse("documents:document-compose", args=[DECISION]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "rows" in form.errors and "issued_on" in form.errors
    assert "bảy trăm" in form.errors["rows"][0] and "1" in form.errors["rows"][0]
    assert not GeneratedDocument.objects.exists()


def test_unknown_kind_is_404(client, cluster_secretary):
    client.force_login(cluster_secretary)
    assert client.get(reverse("documents:document-compose", args=["nope"])).status_code == 404


def test_home_htmx_returns_the_results_fragment(client, cluster_secretary, document):
    client.force_login(cluster_secretary)
    response = client.get(
        reverse("documents:home"), {"kind": DECISION}, headers={"HX-Request": "true"}
    )
    assert response.content.decode().lstrip().startswith('<section id="document-results">')
    assert document.number in response.content.decode()


def test_home_query_budget(client, world, cluster_secretary, django_assert_max_num_queries):
    client.force_login(cluster_secretary)
    kind = get_kind("documents.commendation_certificate")
    from tdkt.documents.samples import certificate

    for n in (3, 30):
        for _ in range(n - GeneratedDocument.objects.count()):
            GeneratedDocument.objects.create(
                kind=kind.code,
                unit=world.thanh_hoa,
                year=2026,
                issued_on="2026-03-05",
                summary="x",
                content={},
                author=cluster_secretary,
                sha256="0" * 64,
            )
        with django_assert_max_num_queries(10):
            assert client.get(reverse("documents:home")).status_code == 200
    assert certificate()


def test_sign_and_verify_a_stored_document(client, cluster_secretary, document, pki):
    client.force_login(cluster_secretary)
    response = client.post(
        reverse("documents:document-sign", args=[document.pk]),
        {"role": "Chánh án"},
        headers={"HX-Request": "true"},
    )
    assert response.content.decode().lstrip().startswith('<section id="files-panel"')
    assert 'class="alert alert-success' in response.content.decode()  # in the swapped panel
    assert not list(get_messages(response.wsgi_request))  # not left over for a later page
    document.refresh_from_db()
    assert document.signature_count == 1 and document.signed_pdf
    page = client.get(reverse("documents:verify"), {"document": document.pk})
    checks = page.context["checks"]
    assert len(checks) == 1 and checks[0].ok and checks[0].reason == "Chánh án"
    assert "Chánh án" in page.content.decode()
    event = AuditEvent.objects.get(code="documents.document.signed")
    assert event.after["signed as"] == cluster_secretary.get_full_name()


def test_the_page_says_when_signing_is_off(client, cluster_secretary, document, settings):
    settings.DOCUMENTS_SIGNING_P12 = ""
    client.force_login(cluster_secretary)
    page = client.get(reverse("documents:document-detail", args=[document.pk]))
    assert not page.context["can_sign"] and page.context["signing_off"]
    assert "DOCUMENTS_SIGNING_P12" in page.content.decode()


def test_a_damaged_signature_is_reported_in_the_readers_language(
    client, council_member, document, pki
):
    from tdkt.documents.signing import SigningKey, sign_pdf
    from tdkt.documents.tests.conftest import PASSPHRASE

    signed = bytearray(
        sign_pdf(document.pdf.read(), key=SigningKey(pki[1][0], PASSPHRASE), signer_label="Ánh")
    )
    middle = len(signed) // 3
    signed[middle] = (signed[middle] + 1) % 256
    client.force_login(council_member)
    upload = SimpleUploadedFile("b.pdf", bytes(signed), content_type="application/pdf")
    page = client.post(reverse("documents:verify"), {"file": upload})
    (check,) = page.context["checks"]
    assert not check.ok and check.signed_as == "Ánh"
    content = page.content.decode()
    # Where the changed byte falls decides which of the two reports the reader gets.
    assert "Không kiểm tra được chữ ký" in content or "Đã bị sửa" in content
    assert "decompress" not in content  # pyHanko's own words never reach the page
    assert "không được tin cậy" not in content  # a broken signature says nothing of trust


def test_signing_without_a_configured_key_says_so(client, cluster_secretary, document, settings):
    settings.DOCUMENTS_SIGNING_P12 = ""
    client.force_login(cluster_secretary)
    response = client.post(reverse("documents:document-sign", args=[document.pk]), follow=True)
    assert "DOCUMENTS_SIGNING_P12" in response.content.decode()
    document.refresh_from_db()
    assert document.signature_count == 0


def test_verify_an_upload(client, council_member, document, pki):
    client.force_login(council_member)
    upload = SimpleUploadedFile("a.pdf", document.pdf.read(), content_type="application/pdf")
    response = client.post(
        reverse("documents:verify"), {"file": upload}, headers={"HX-Request": "true"}
    )
    assert response.content.decode().lstrip().startswith('<section id="verify-result">')
    upload.seek(0)
    full = client.post(reverse("documents:verify"), {"file": upload})
    assert full.context["checks"] == []
    bad = client.post(reverse("documents:verify"), {"file": SimpleUploadedFile("x.pdf", b"abc")})
    assert bad.context["form"].errors["file"]


def test_upload_a_template_then_issue_with_it(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    from docx import Document

    doc = Document()
    doc.add_paragraph("MẪU RIÊNG {{ number }} {{ total_words }}")
    out = io.BytesIO()
    doc.save(out)
    upload = SimpleUploadedFile("mau.docx", out.getvalue())
    response = client.post(
        reverse("documents:template-list"),
        {"kind": DECISION, "unit": world.thanh_hoa.pk, "file": upload},
    )
    assert response.status_code == 302
    template = WordTemplate.objects.get()
    assert AuditEvent.objects.filter(code="documents.template.uploaded").count() == 1
    document = issue_document(
        kind=get_kind(DECISION), content=decision(), unit=world.district, actor=cluster_secretary
    )
    assert document.template == template  # the district court inherits its parent's template
    from tdkt.documents.tests.conftest import docx_text

    assert "MẪU RIÊNG 01/QĐ-TA" in docx_text(document.docx.read())
    client.post(reverse("documents:template-remove", args=[template.pk]))
    assert not WordTemplate.objects.exists()


def test_a_broken_template_is_refused_in_vietnamese(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    upload = SimpleUploadedFile("hong.docx", b"PK not really")
    response = client.post(
        reverse("documents:template-list"),
        {"kind": DECISION, "unit": world.thanh_hoa.pk, "file": upload},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not WordTemplate.objects.exists()


def test_only_the_supreme_court_office_sets_organisation_templates(
    client, cluster_secretary, spc_office
):
    upload = lambda: SimpleUploadedFile("t.docx", builtin_template(DECISION))  # noqa: E731
    client.force_login(cluster_secretary)
    response = client.post(reverse("documents:template-list"), {"kind": DECISION, "file": upload()})
    assert response.context["form"].errors["unit"]
    client.force_login(spc_office)
    response = client.post(reverse("documents:template-list"), {"kind": DECISION, "file": upload()})
    assert response.status_code == 302
    assert WordTemplate.objects.get().unit is None


def test_builtin_template_download(client, council_member):
    client.force_login(council_member)
    response = client.get(reverse("documents:template-builtin", args=[DECISION]))
    assert response.status_code == 200 and response.content.startswith(b"PK")


def test_certificate_batch_renders_one_pdf_with_progress(
    client, world, cluster_secretary, django_capture_on_commit_callbacks
):
    client.force_login(cluster_secretary)
    data = {
        "kind": "documents.commendation_certificate",
        "unit": world.thanh_hoa.pk,
        "title": "Giấy khen năm 2025",
        "authority": "Chánh án Tòa án nhân dân tỉnh Thanh Hóa",
        "achievement": "Đã có thành tích xuất sắc",
        "decision_ref": "Quyết định số 12/QĐ-TA",
        "place": "Thanh Hóa",
        "issued_on": "2026-03-05",
        "signer_title": "Chánh án",
        "signer_name": "Lê Văn Hùng",
        "first_register_number": 5,
        "recipients": "Nguyễn Thị Ánh | Thẩm phán\nLê Văn Dũng\tThư ký\nTrần Đức Thắng | Chánh tòa",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:batch-create"), data)
    batch = CertificateBatch.objects.get()
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE and batch.done == 3
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(batch.pdf.read())).pages) == 3
    assert batch.contents[2]["register_number"] == "7"
    fragment = client.get(
        reverse("documents:batch-detail", args=[batch.pk]), headers={"HX-Request": "true"}
    )
    assert fragment.content.decode().lstrip().startswith('<section id="batch-progress"')
    assert "hx-trigger" not in fragment.content.decode()  # finished: polling stops
    download = client.get(reverse("documents:batch-download", args=[batch.pk]))
    assert download.status_code == 200


def test_batch_bad_recipients_is_a_field_error(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.post(
        reverse("documents:batch-create"),
        {
            "kind": "documents.commendation_certificate",
            "unit": world.thanh_hoa.pk,
            "recipients": "chỉ một cột",
        },
    )
    assert response.context["form"].errors["recipients"]
    assert not CertificateBatch.objects.exists()


def test_other_units_batch_is_404(client, member_court_officer, world, cluster_secretary):
    batch = CertificateBatch.objects.create(
        kind="documents.commendation_certificate",
        unit=world.thanh_hoa,
        title="x",
        contents=[],
        total=0,
        author=cluster_secretary,
    )
    client.force_login(member_court_officer)
    assert client.get(reverse("documents:batch-detail", args=[batch.pk])).status_code == 404
    f.make_person("Ai Đó", world.nghe_an)


def test_an_objects_page_lists_its_documents(world, cluster_secretary, rf):
    from django.template import Context, Template

    kind = get_kind("documents.tally_minutes")
    from tdkt.documents.samples import tally_minutes

    document = issue_document(
        kind=kind,
        content=tally_minutes(),
        unit=world.thanh_hoa,
        actor=cluster_secretary,
        target=world.term,
    )
    issue_document(
        kind=get_kind(DECISION), content=decision(), unit=world.thanh_hoa, actor=cluster_secretary
    )
    html = Template("{% load documents %}{% documents_for term %}").render(
        Context({"term": world.term, "request": rf.get("/")})
    )
    assert document.number in html and "01/BB-TA" in html
    assert "QĐ" not in html  # the decision belongs to no object


def _certificate_post(world, **extra):
    data = {
        "unit": world.thanh_hoa.pk,
        "issuer_code": "TA",
        "place": "Thanh Hóa",
        "issued_on": "2026-03-05",
        "authority": "Chánh án Tòa án nhân dân tỉnh Thanh Hóa",
        "award": "Giấy khen",
        "achievement": "Đã có thành tích xuất sắc",
        "decision_ref": "Quyết định số 01/QĐ-TA ngày 05/3/2026",
        "register_number": "3",
        "signer_title": "Chánh án",
        "signer_name": "Lê Văn Hùng",
    }
    data.update(extra)
    return data


def test_a_certificate_for_a_person_of_the_registry(client, world, cluster_secretary):
    person = f.make_person("Nguyễn Thị Ánh", world.thanh_hoa, code="CB777")
    client.force_login(cluster_secretary)
    url = reverse("documents:document-compose", args=["documents.commendation_certificate"])
    response = client.post(url, _certificate_post(world, person_code="cb777"))
    assert response.status_code == 302
    document = GeneratedDocument.objects.get()
    assert document.content["recipient"] == "Nguyễn Thị Ánh"
    assert document.content["detail"] == "Thư ký Tòa án, Tòa án nhân dân tỉnh Thanh Hóa"
    assert document.target_id == str(person.pk)
    assert document.number == ""  # certificates carry no register number


def test_a_certificate_needs_a_recipient_in_scope(client, world, cluster_secretary):
    f.make_person("Phạm Minh Đức", world.nghe_an, code="CB888")  # another court's staff
    client.force_login(cluster_secretary)
    url = reverse("documents:document-compose", args=["documents.commendation_certificate"])
    response = client.post(url, _certificate_post(world, person_code="CB888"))
    assert response.context["form"].errors["person_code"]
    response = client.post(url, _certificate_post(world))
    assert response.context["form"].errors["recipient"]
    response = client.post(url, _certificate_post(world, unit_code=world.nghe_an.code))
    assert response.status_code == 302
    assert GeneratedDocument.objects.get().content["recipient"] == "Tòa án nhân dân tỉnh Nghệ An"
