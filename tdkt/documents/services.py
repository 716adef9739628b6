"""Every change of documents: issuing, numbering, templates, signatures, certificate batches."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from tdkt.core.audit import record_event, snapshot
from tdkt.documents.content import from_json, to_json
from tdkt.documents.models import (
    CertificateBatch,
    CertificateLayout,
    GeneratedDocument,
    OutgoingRegister,
    WordTemplate,
)
from tdkt.documents.queries import template_for
from tdkt.documents.registry import DocumentKind, get_kind
from tdkt.documents.rendering import check_template, render_docx, render_pdf
from tdkt.documents.signing import SigningKey, sign_pdf
from tdkt.documents.vietnamese import document_number
from tdkt.org.models import Unit

SIGNED_AS = gettext_noop("signed as")  # the audit key, shown translated in the history


def next_number(*, unit: Unit, year: int, doc_type: str) -> int:
    """The next number of the unit's outgoing register for the year and type.

    Must run inside the transaction that stores the document, so a failure gives the number back
    (no gap). The increment is one UPDATE: PostgreSQL holds the row lock until commit, SQLite's
    immediate transactions take the write lock first, so two requests never get the same number.
    """
    register = OutgoingRegister.objects.filter(unit=unit, year=year, doc_type=doc_type)
    if not register.update(last_number=F("last_number") + 1):
        try:
            with transaction.atomic():
                OutgoingRegister.objects.create(
                    unit=unit, year=year, doc_type=doc_type, last_number=1
                )
                return 1
        except IntegrityError:  # another request created the row first: take the next one
            register.update(last_number=F("last_number") + 1)
    return int(register.values_list("last_number", flat=True).get())


def _file_name(kind: DocumentKind, number: str, ext: str) -> str:
    stem = kind.code.split(".")[-1]
    safe = number.replace("/", "-") if number else timezone.now().strftime("%H%M%S")
    return f"{stem}-{safe}.{ext}"


@transaction.atomic
def issue_document(
    *,
    kind: DocumentKind,
    content: Any,
    unit: Unit,
    actor: Any,
    target: models.Model | None = None,
) -> GeneratedDocument:
    """Numbers (when the kind is numbered), renders .docx and .pdf, stores and audits them."""
    year = content.issued_on.year
    sequence = None
    if kind.numbered:
        sequence = next_number(unit=unit, year=year, doc_type=kind.doc_type)
        content.number = document_number(sequence, kind.doc_type, content.issuer.code)
    template = template_for(kind.code, unit)
    template_bytes = template.file.read() if template else None
    with translation.override("vi"):
        docx = render_docx(kind, content, template=template_bytes)
        pdf = render_pdf(kind, [content])
    document = GeneratedDocument(
        kind=kind.code,
        unit=unit,
        doc_type=kind.doc_type,
        year=year,
        sequence=sequence,
        number=content.number,
        issued_on=content.issued_on,
        summary=kind.summary(content)[:300],
        content=to_json(content),
        author=actor,
        template=template,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    if target is not None:
        from django.contrib.contenttypes.models import ContentType

        document.target_type = ContentType.objects.get_for_model(target)
        document.target_id = str(target.pk)
    document.docx.save(_file_name(kind, content.number, "docx"), ContentFile(docx), save=False)
    document.pdf.save(_file_name(kind, content.number, "pdf"), ContentFile(pdf), save=False)
    document.save()
    record_event(
        "documents.document.issued",
        actor=actor,
        target=document,
        after={"kind": str(kind.label), "number": document.number, "sha256": document.sha256},
    )
    return document


def content_of(document: GeneratedDocument) -> Any:
    return from_json(get_kind(document.kind).content_class, document.content)


@transaction.atomic
def sign_document(
    *,
    document: GeneratedDocument,
    actor: Any,
    key: SigningKey,
    role: str = "",
    signer_label: str = "",
) -> GeneratedDocument:
    """Adds one signature to the document's PDF, its stamp naming the actor or `signer_label`."""
    locked = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    source = locked.signed_pdf if locked.signed_pdf else locked.pdf
    with source.open("rb") as handle:
        data = handle.read()
    label = signer_label or actor.get_full_name() or actor.get_username()
    with translation.override("vi"):
        signed = sign_pdf(data, key=key, signer_label=label, role=role)
    before = {"signature_count": locked.signature_count}
    locked.signature_count += 1
    name = _file_name(get_kind(locked.kind), locked.number, "pdf").replace(".pdf", "-signed.pdf")
    locked.signed_pdf.save(name, ContentFile(signed), save=False)
    locked.save(update_fields=["signed_pdf", "signature_count"])
    record_event(
        "documents.document.signed",
        actor=actor,
        target=locked,
        before=before,
        after={"signature_count": locked.signature_count, SIGNED_AS: label, "role": role},
    )
    return locked


@transaction.atomic
def upload_template(
    *, kind_code: str, unit: Unit | None, data: bytes, name: str, actor: Any
) -> WordTemplate:
    """Checks the template against the kind (raises `TemplateCheckError`), then replaces the
    unit's (or the organisation's) current one."""
    kind = get_kind(kind_code)
    check_template(kind, data)
    previous = WordTemplate.objects.filter(kind=kind_code, unit=unit).first()
    before = {"name": previous.name} if previous else None
    if previous is not None:
        previous.delete()
    template = WordTemplate(kind=kind_code, unit=unit, name=name[:200], uploaded_by=actor)
    template.file.save(name[:100], ContentFile(data), save=False)
    template.save()
    record_event(
        "documents.template.uploaded",
        actor=actor,
        target=template,
        before=before,
        after={"kind": kind_code, "unit": str(unit) if unit else "", "name": template.name},
    )
    return template


@transaction.atomic
def remove_template(*, template: WordTemplate, actor: Any) -> None:
    record_event(
        "documents.template.removed",
        actor=actor,
        target=template,
        before={"kind": template.kind, "name": template.name},
    )
    template.delete()


def request_certificate_batch(
    *,
    kind: DocumentKind,
    contents: list[Any],
    unit: Unit,
    title: str,
    actor: Any,
    layout: CertificateLayout | None = None,
) -> CertificateBatch:
    """Stores the list and enqueues its rendering once the transaction commits."""
    from tdkt.documents.tasks import render_certificate_batch

    with transaction.atomic():
        batch = CertificateBatch.objects.create(
            kind=kind.code,
            unit=unit,
            title=title[:200],
            contents=[to_json(c) for c in contents],
            total=len(contents),
            author=actor,
            layout=layout,
        )
        record_event(
            "documents.batch.requested",
            actor=actor,
            target=batch,
            after={"kind": kind.code, "total": batch.total},
        )
        transaction.on_commit(lambda: render_certificate_batch.enqueue(batch_id=batch.pk))
    return batch


BATCH_CHUNK = 50


def render_batch(batch: CertificateBatch) -> None:
    """Renders the batch in chunks, saving progress after each, and joins them into one PDF."""
    from pypdf import PdfWriter

    kind = get_kind(batch.kind)
    batch = CertificateBatch.objects.select_related("layout").get(pk=batch.pk)
    contents = [from_json(kind.content_class, c) for c in batch.contents]
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=CertificateBatch.Status.RUNNING, done=0
    )
    writer = PdfWriter()
    try:
        for start in range(0, len(contents), BATCH_CHUNK):
            chunk = contents[start : start + BATCH_CHUNK]
            positions = batch.layout.positions if batch.layout else None
            writer.append(io.BytesIO(render_pdf(kind, chunk, layout=positions)))
            CertificateBatch.objects.filter(pk=batch.pk).update(done=start + len(chunk))
        out = io.BytesIO()
        writer.write(out)
    except Exception as exc:
        CertificateBatch.objects.filter(pk=batch.pk).update(
            status=CertificateBatch.Status.FAILED, error=str(exc)[:1000]
        )
        raise
    batch.refresh_from_db()
    batch.pdf.save(f"batch-{batch.pk}.pdf", ContentFile(out.getvalue()), save=False)
    batch.status = CertificateBatch.Status.DONE
    batch.save(update_fields=["pdf", "status"])


@transaction.atomic
def save_certificate_layout(
    *,
    layout: CertificateLayout | None,
    name: str,
    unit: Unit | None,
    positions: list[dict[str, Any]],
    actor: Any,
) -> CertificateLayout:
    """Creates or changes a pre-printed form's layout, audited with before and after."""
    before = snapshot(layout, CertificateLayout.AUDITED_FIELDS) if layout else None
    if layout is None:
        layout = CertificateLayout(updated_by=actor)
    layout.name, layout.unit, layout.positions, layout.updated_by = name, unit, positions, actor
    layout.full_clean()
    layout.save()
    record_event(
        "documents.layout.created" if before is None else "documents.layout.updated",
        actor=actor,
        target=layout,
        before=before,
        after=snapshot(layout, CertificateLayout.AUDITED_FIELDS),
    )
    return layout
