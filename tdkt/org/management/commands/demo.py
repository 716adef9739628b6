"""`tdkt demo [--no-serve]`: a ready-to-try installation on this machine.

Migrates the database, loads the reference and demo data in one transaction, collects static
files and serves the site like `tdkt serve`. It runs without DEBUG and without a SECRET_KEY when
started as the Makefile does: `TDKT_INSECURE_DEV_KEY=true SECURE_HTTPS=false tdkt demo`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from tdkt.core.demo import load_all_demo
from tdkt.org.demo import DEMO_PASSWORD, demo_accounts
from tdkt.org.management.commands.serve import add_server_arguments, run_server
from tdkt.org.reference import load_reference


class Command(BaseCommand):
    help = (
        "Migrate, load the reference and demo data, collect static files and serve tdkt. "
        "Without DEBUG and SECRET_KEY, run it with TDKT_INSECURE_DEV_KEY=true SECURE_HTTPS=false "
        "(the Makefile's `make demo` does). Never on a server holding real data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Prepare everything, but do not start the server.",
        )
        add_server_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        with transaction.atomic():
            reference = load_reference(actor_label="tdkt demo")
            demo = load_all_demo(actor_label="tdkt demo")
        created = Counter(reference) + Counter(demo)  # both may count "units"; zeros drop out
        summary = ", ".join(f"{count} {key.replace('_', ' ')}" for key, count in created.items())
        self.stdout.write(f"Created: {summary or 'nothing new'}")
        call_command("collectstatic", interactive=False, verbosity=max(verbosity - 1, 0))
        self.stdout.write(f"\ntdkt demo: http://{options['bind']}/")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for username, description in demo_accounts():
            self.stdout.write(f"  {username:<18} {description}")
        if not options["no_serve"]:
            run_server(bind=options["bind"], workers=options["workers"])
