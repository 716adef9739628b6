from __future__ import annotations

from collections import Counter

from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "tdkt.scoring"
    label = "scoring"

    def ready(self) -> None:
        from tdkt.scoring import audit_events  # noqa: F401  (registers the audit code labels)

    def load_demo(self, *, actor_label: str) -> Counter[str]:
        """Cụm thi đua số 1, 2022: pledges, statistics, scores (`tdkt.scoring.demo`)."""
        from tdkt.scoring.demo import load_demo

        return load_demo(actor_label=actor_label)
