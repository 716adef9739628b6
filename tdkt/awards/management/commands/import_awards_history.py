"""`tdkt import-awards-history FILE [--dry-run] [--actor USERNAME]`: award history and ratings
(docs/formats.md). Names the catalogue does not recognise are listed; map them once on the import
page (Khen thưởng → Nhập dữ liệu), then run the command again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tdkt.awards.io.history import UnmatchedNames, run_history_import
from tdkt.awards.io.offline import UNMATCHED
from tdkt.core.errors import InputError
from tdkt.org.io.command import ImportCommand, user_named


class Command(ImportCommand):
    help = "Import award history and ratings; nothing is written unless every row is valid."
    kind = "history"

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("vi"):
            self._run(**options)

    def _run(self, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(gettext("No file at “%(path)s”.") % {"path": path})
        actor = user_named(options["actor"]) or "tdkt import-awards-history"
        try:
            report = run_history_import(
                data=path.read_bytes(),
                filename=path.name,
                actor=actor,
                writable_unit_ids=None,
                dry_run=options["dry_run"],
            )
        except InputError as exc:
            for error in exc.errors:
                self.stderr.write(error.message)
            if isinstance(exc, UnmatchedNames):
                for name, rows in exc.names.items():
                    self.stderr.write(
                        gettext(UNMATCHED) % {"name": name, "rows": ", ".join(map(str, rows))}
                    )
            count = len(exc.errors) + len(getattr(exc, "names", {}))
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
        for label in report.revoked:
            self.stdout.write(gettext("Revoked: %(award)s") % {"award": label})
        for _pk, label, because in report.flagged:
            self.stdout.write(
                gettext("Needs review again: %(award)s (counted %(revoked)s)")
                % {"award": label, "revoked": because}
            )
