"""Slow work of documents, run by `db_worker` (STYLE.md §6)."""

from __future__ import annotations

from django.utils import translation

from tdkt.core.compat import task
from tdkt.documents.models import CertificateBatch


@task()
def render_certificate_batch(*, batch_id: int) -> None:
    from tdkt.documents.services import render_batch

    with translation.override("vi"):
        render_batch(CertificateBatch.objects.get(pk=batch_id))
