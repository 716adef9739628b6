from __future__ import annotations

from collections import Counter

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "tdkt.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from tdkt.documents import audit_events  # noqa: F401  (registers the audit code labels)

        # Every app's doc_kinds.py registers its kinds (STYLE.md §7).
        autodiscover_modules("doc_kinds")

    def load_demo(self, *, actor_label: str) -> Counter[str]:
        """A decision, a vote-count record and a certificate; `tdkt.core.demo` calls it."""
        from tdkt.documents.demo import load_demo

        return load_demo(actor_label=actor_label)
