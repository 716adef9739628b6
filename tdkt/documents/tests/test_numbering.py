"""The outgoing register: no gap, no duplicate, one sequence per unit, year and type."""

import threading

import pytest
from django.db import connection, transaction

from tdkt.documents.models import GeneratedDocument, OutgoingRegister
from tdkt.documents.registry import get_kind
from tdkt.documents.samples import decision
from tdkt.documents.services import issue_document, next_number


@pytest.mark.django_db
def test_numbers_follow_per_unit_year_and_type(world):
    with transaction.atomic():
        numbers = [next_number(unit=world.thanh_hoa, year=2026, doc_type="QĐ") for _ in range(3)]
        other_type = next_number(unit=world.thanh_hoa, year=2026, doc_type="BB")
        other_year = next_number(unit=world.thanh_hoa, year=2027, doc_type="QĐ")
        other_unit = next_number(unit=world.nghe_an, year=2026, doc_type="QĐ")
    assert numbers == [1, 2, 3]
    assert (other_type, other_year, other_unit) == (1, 1, 1)


@pytest.mark.django_db
def test_issued_documents_carry_the_register_number(world, cluster_secretary):
    kind = get_kind("documents.award_decision")
    first = issue_document(
        kind=kind, content=decision(), unit=world.thanh_hoa, actor=cluster_secretary
    )
    second = issue_document(
        kind=kind, content=decision(), unit=world.thanh_hoa, actor=cluster_secretary
    )
    assert (first.number, second.number) == ("01/QĐ-TA", "02/QĐ-TA")
    assert first.content["number"] == "01/QĐ-TA"


@pytest.mark.django_db
def test_a_failed_issue_gives_its_number_back(world, cluster_secretary, monkeypatch):
    kind = get_kind("documents.award_decision")
    import tdkt.documents.services as services

    def broken(*args, **kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(services, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        issue_document(kind=kind, content=decision(), unit=world.thanh_hoa, actor=cluster_secretary)
    monkeypatch.undo()
    document = issue_document(
        kind=kind, content=decision(), unit=world.thanh_hoa, actor=cluster_secretary
    )
    assert document.number == "01/QĐ-TA"


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_get_distinct_numbers_without_gaps(world):
    if connection.vendor != "postgresql":
        pytest.skip("threads share one in-memory SQLite database; PostgreSQL runs this test")
    results: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            for _ in range(5):
                with transaction.atomic():
                    number = next_number(unit=world.thanh_hoa, year=2026, doc_type="QĐ")
                with lock:
                    results.append(number)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert sorted(results) == list(range(1, 41))
    assert OutgoingRegister.objects.get(unit=world.thanh_hoa, doc_type="QĐ").last_number == 40
    assert not GeneratedDocument.objects.exists()
