from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "tdkt.scoring"
    label = "scoring"

    def ready(self) -> None:
        from tdkt.scoring import audit_events  # noqa: F401  (registers the audit code labels)
