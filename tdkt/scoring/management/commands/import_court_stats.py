"""`tdkt import-court-stats FILE [--dry-run] [--actor USERNAME]`: a thin wrapper over
`import_statistics` (docs/formats.md, "Court statistics")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, ngettext

from tdkt.core.errors import InputError
from tdkt.scoring.statistics_io import import_statistics


class Command(BaseCommand):
    help = "Import court statistics from an .xlsx or .xls workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=gettext("the .xlsx or .xls file to import"))
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext("check every row, write nothing")
        )
        parser.add_argument(
            "--actor", metavar="USERNAME", help=gettext("the user the audit trail names")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(gettext("No file at “%(path)s”.") % {"path": path})
        actor: Any = "tdkt import-court-stats"
        if options["actor"]:
            actor = get_user_model().objects.filter(username=options["actor"]).first()
            if actor is None:
                raise CommandError(
                    gettext("No user is called “%(name)s”.") % {"name": options["actor"]}
                )
        try:
            report = import_statistics(
                data=path.read_bytes(), filename=path.name, actor=actor, dry_run=options["dry_run"]
            )
        except InputError as exc:
            for error in exc.errors:
                self.stderr.write(error.message)
            count = len(exc.errors)
            raise CommandError(
                ngettext(
                    "Nothing was imported: the file has %(count)s problem.",
                    "Nothing was imported: the file has %(count)s problems.",
                    count,
                )
                % {"count": count}
            ) from None
        summary = gettext(
            "%(rows)s rows for %(units)s units and %(periods)s periods; %(replaced)s earlier "
            "rows replaced."
        ) % {
            "rows": report.rows,
            "units": report.units,
            "periods": report.periods,
            "replaced": report.replaced,
        }
        if report.dry_run:
            summary = gettext("Check only, nothing written. %(summary)s") % {"summary": summary}
        self.stdout.write(summary)
