"""Demo documents of Thanh Hóa's court, issued by its emulation officer (idempotent).

When a signing key is configured (`make demo` makes one in var/demo-signing/), the vote-count
record is signed by the two members of the counting committee its signature block names.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.models import User

from tdkt.documents.models import GeneratedDocument
from tdkt.documents.registry import get_kind
from tdkt.documents.samples import sample
from tdkt.documents.services import content_of, issue_document, sign_document
from tdkt.documents.signing import SigningKey, signing_configured
from tdkt.org.models import Unit

DEMO_KINDS = (
    "documents.award_decision",
    "documents.tally_minutes",
    "documents.commendation_certificate",
)
SIGNED_KIND = "documents.tally_minutes"


def load_demo(*, actor_label: str) -> Counter[str]:
    created: Counter[str] = Counter()
    unit = Unit.objects.filter(code="PT-thanh_hoa").first()
    author = User.objects.filter(username="thuky.cum1").first()
    if unit is None or author is None:
        return created
    if not GeneratedDocument.objects.filter(unit=unit).exists():
        for code in DEMO_KINDS:
            issue_document(kind=get_kind(code), content=sample(code), unit=unit, actor=author)
            created["documents"] += 1
    if signing_configured():
        created += _sign_tally(unit, author)
    return created


def _sign_tally(unit: Unit, author: User) -> Counter[str]:
    """The head teller's and the member's signatures on the unsigned demo vote-count record."""
    document = GeneratedDocument.objects.filter(
        unit=unit, kind=SIGNED_KIND, signature_count=0
    ).first()
    if document is None:
        return Counter()
    content = content_of(document)
    key = SigningKey.configured()
    for signature in (content.head, content.member):
        document = sign_document(
            document=document,
            actor=author,
            key=key,
            role=signature.title,
            signer_label=signature.name,
        )
    return Counter(document_signatures=2)
