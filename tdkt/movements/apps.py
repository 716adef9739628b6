from django.apps import AppConfig


class MovementsConfig(AppConfig):
    name = "tdkt.movements"
    label = "movements"

    def ready(self) -> None:
        from tdkt.movements import audit_events  # noqa: F401  (registers the audit code labels)
