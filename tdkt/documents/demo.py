"""Demo documents of Thanh Hóa's court, issued by its emulation officer (idempotent)."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.models import User

from tdkt.documents.models import GeneratedDocument
from tdkt.documents.registry import get_kind
from tdkt.documents.samples import sample
from tdkt.documents.services import issue_document
from tdkt.org.models import Unit

DEMO_KINDS = (
    "documents.award_decision",
    "documents.tally_minutes",
    "documents.commendation_certificate",
)


def load_demo(*, actor_label: str) -> Counter[str]:
    created: Counter[str] = Counter()
    unit = Unit.objects.filter(code="PT-thanh_hoa").first()
    author = User.objects.filter(username="thuky.cum1").first()
    if unit is None or author is None or GeneratedDocument.objects.filter(unit=unit).exists():
        return created
    for code in DEMO_KINDS:
        issue_document(kind=get_kind(code), content=sample(code), unit=unit, actor=author)
        created["documents"] += 1
    return created
