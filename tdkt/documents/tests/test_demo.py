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
