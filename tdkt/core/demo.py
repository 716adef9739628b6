"""Demo data of every app, loaded in layer order.

An app that has demo data gives its `AppConfig` a method
`load_demo(self, *, actor_label: str) -> Counter[str]` (what it created, by kind). The loader asks
the app registry, so `core` names no app and each app's demo may rely on the apps above it.
"""

from __future__ import annotations

from collections import Counter

from django.apps import apps


def load_all_demo(*, actor_label: str = "tdkt demo") -> Counter[str]:
    created: Counter[str] = Counter()
    for config in apps.get_app_configs():  # INSTALLED_APPS order, which is the layer order
        loader = getattr(config, "load_demo", None)
        if callable(loader):
            created.update(loader(actor_label=actor_label))
    return created
