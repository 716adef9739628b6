import pytest

from tdkt.documents.models import GeneratedDocument


@pytest.mark.django_db
def test_demo_is_idempotent():
    from tdkt.core.demo import load_all_demo
    from tdkt.org.reference import load_reference

    load_reference()
    first = load_all_demo()
    assert first["documents"] == 3
    assert load_all_demo()["documents"] == 0
    assert GeneratedDocument.objects.count() == 3
    assert GeneratedDocument.objects.get(kind="documents.award_decision").number == "01/QĐ-TA"


@pytest.mark.django_db
def test_with_a_key_the_vote_count_record_is_signed_twice_once(pki):
    from tdkt.core.demo import load_all_demo
    from tdkt.documents.signing import verify_pdf
    from tdkt.org.reference import load_reference

    load_reference()
    assert load_all_demo()["document_signatures"] == 2
    assert load_all_demo()["document_signatures"] == 0
    signed = GeneratedDocument.objects.get(kind="documents.tally_minutes")
    assert signed.signature_count == 2
    with signed.signed_pdf.open("rb") as handle:
        checks = verify_pdf(handle.read())
    assert [(c.signed_as, c.ok) for c in checks] == [
        ("Nguyễn Thị Ánh", True),
        ("Lê Văn Dũng", True),
    ]
    assert GeneratedDocument.objects.filter(signature_count=0).count() == 2
