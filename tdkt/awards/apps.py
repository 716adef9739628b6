from __future__ import annotations

from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "tdkt.awards"
    label = "awards"
    verbose_name = _("Commendation")

    def ready(self) -> None:
        from tdkt.awards import audit_events  # noqa: F401  (registers the audit code labels)

    def load_demo(self, *, actor_label: str) -> Counter[str]:
        """Award history, ratings and inputs for the demo people; every verdict kind appears."""
        from tdkt.awards.demo import load_demo

        return load_demo(actor_label=actor_label)
