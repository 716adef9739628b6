from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    """SQLite has no Vietnamese collation: register `vi` on every new connection."""
    if connection.vendor == "sqlite":
        from tdkt.core.text import vi_compare

        connection.connection.create_collation("vi", vi_compare)


class CoreConfig(AppConfig):
    name = "tdkt.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        connection_created.connect(_register_sqlite_collation, dispatch_uid="tdkt-vi-collation")
