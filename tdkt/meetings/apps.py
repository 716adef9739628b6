from __future__ import annotations

from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "tdkt.meetings"
    label = "meetings"
    verbose_name = _("Conferences")

    def ready(self) -> None:
        from tdkt.meetings import audit_events  # noqa: F401  (registers the audit code labels)

    def load_demo(self, *, actor_label: str) -> Counter[str]:
        """The 2022 Cụm thi đua số 1 conference with its ballot, and this year's, ready to run."""
        from tdkt.meetings.demo import load_demo

        return load_demo(actor_label=actor_label)
