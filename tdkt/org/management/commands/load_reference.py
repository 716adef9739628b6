"""`tdkt load-reference [--dry-run]`: provinces, courts, lineage and known clusters (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from tdkt.org.reference import load_reference


class Command(BaseCommand):
    help = (
        "Load the reference data (provinces before and after 01/07/2025, courts and their lineage, "
        "the clusters known by year). Re-running creates nothing new."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Load, print the counts, then roll back."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            counts = load_reference()
            if options["dry_run"]:
                transaction.set_rollback(True)
        verb = "Would create" if options["dry_run"] else "Created"
        for key, count in counts.items():
            self.stdout.write(f"{verb} {count} {key.replace('_', ' ')}")
