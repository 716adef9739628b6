"""The `tdkt import-…` and `tdkt export-…` commands: thin wrappers over `run_import` and
`export_workbook`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, ngettext

from tdkt.core.errors import InputError
from tdkt.org.io import run_import


def user_named(username: str | None) -> Any:
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(gettext("No user is called “%(name)s”.") % {"name": username})
    return user


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=gettext("the .xlsx, .xls or .csv file to import"))
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
        actor = user_named(options["actor"]) or f"tdkt import-{self.kind}"
        try:
            report = run_import(
                self.kind,
                data=path.read_bytes(),
                filename=path.name,
                actor=actor,
                dry_run=options["dry_run"],
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
        for warning in report.warnings:
            self.stderr.write(warning)
        summary = gettext(
            "%(rows)s rows: %(created)s new, %(updated)s changed, %(unchanged)s unchanged."
        ) % {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
        if report.dry_run:
            summary = gettext("Check only, nothing written. %(summary)s") % {"summary": summary}
        self.stdout.write(summary)


class ExportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", required=True, metavar="FILE.xlsx", help=gettext("where to write")
        )
        parser.add_argument(
            "--actor",
            metavar="USERNAME",
            help=gettext("export only what this user may see (default: all)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from tdkt.org.exports import export_workbook

        output = Path(options["output"])
        output.write_bytes(export_workbook(self.kind, user=user_named(options["actor"])))
        self.stdout.write(gettext("Written to %(path)s.") % {"path": output})
