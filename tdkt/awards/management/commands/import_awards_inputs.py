"""`tdkt import-awards-inputs KIND FILE [--dry-run] [--actor USERNAME]`: one of the engine's
other inputs (docs/formats.md): discipline, initiatives, leave, holds, unit_ratings or chain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tdkt.awards.io.inputs import UnmatchedTitles, run_inputs_import
from tdkt.awards.io.inputs_columns import FORMATS
from tdkt.awards.io.offline import UNMATCHED
from tdkt.core.errors import InputError
from tdkt.org.io.command import ImportCommand, user_named


class Command(ImportCommand):
    help = (
        "Import discipline, initiatives, leave, holds, unit ratings or chain overrides; nothing "
        "is written unless every row is valid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input_kind", choices=sorted(FORMATS), help="The kind of data.")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("vi"):
            self._run(**options)

    def _run(self, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(gettext("No file at “%(path)s”.") % {"path": path})
        actor = user_named(options["actor"]) or "tdkt import-awards-inputs"
        try:
            report = run_inputs_import(
                options["input_kind"],
                data=path.read_bytes(),
                filename=path.name,
                actor=actor,
                writable_unit_ids=None,
                dry_run=options["dry_run"],
            )
        except InputError as exc:
            for error in exc.errors:
                self.stderr.write(error.message)
            names = exc.names if isinstance(exc, UnmatchedTitles) else {}
            for name, rows in names.items():
                self.stderr.write(
                    gettext(UNMATCHED) % {"name": name, "rows": ", ".join(map(str, rows))}
                )
            count = len(exc.errors) + len(names)
            raise CommandError(
                ngettext(
                    "Nothing was imported: the file has %(count)s problem.",
                    "Nothing was imported: the file has %(count)s problems.",
                    count,
                )
                % {"count": count}
            ) from None
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
