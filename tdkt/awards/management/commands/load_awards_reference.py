"""`tdkt load-awards-reference`: the catalogue of titles and forms, the rule versions and the
parameters of RULES.md and REFERENCE.md §6–7 (idempotent: only missing rows are created)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tdkt.awards.reference import load_awards_reference


class Command(BaseCommand):
    help = "Load the commendation catalogue, rule versions and parameters (creates missing rows)."

    def handle(self, *args: Any, **options: Any) -> None:
        for key, count in load_awards_reference().items():
            self.stdout.write(f"Created {count} {key}")
