from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "tdkt.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from tdkt.org import audit_events  # noqa: F401  (registers the audit code labels)
