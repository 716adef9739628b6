from __future__ import annotations

from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "tdkt.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from tdkt.org import audit_events  # noqa: F401  (registers the audit code labels)

    def load_demo(self, *, actor_label: str) -> Counter[str]:
        """Demo people, personas and roles; `tdkt.core.demo.load_all_demo` calls it."""
        from tdkt.org.demo import load_demo

        return Counter(load_demo(actor_label=actor_label))
