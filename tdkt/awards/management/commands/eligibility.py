"""`tdkt eligibility --year YYYY --scope CODE --output FILE.xlsx|.csv [--as-of DATE]`
[`--input WORKBOOK`] [`--save [--note TEXT] [--user USERNAME]`]: the verdict table of a unit
(its code), a cluster (`cluster:N` for the Supreme Court's cluster N of the year, or
`cluster:UNIT_CODE:N`) or the whole sector (`sector`), written as a workbook or a CSV file.
The verdicts are written row by row as the engine gives them (a part of the people at a time:
memory stays flat for the whole sector). With `--input`, the people, ratings and awards are
read from a workbook in the import format (docs/formats.md) instead of the database. With
`--save`, the verdicts of a unit or the sector are also stored as a saved run ("Lưu kết quả
xét", `awards.runs.save_run`); `--output` is then optional."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext

from tdkt.awards.exports import VerdictRow, write_verdicts_csv, write_verdicts_xlsx
from tdkt.awards.models import EligibilityRun, StoredVerdict
from tdkt.awards.queries import sort_verdicts, verdict_sort_key
from tdkt.awards.rules import Status, Verdict, evaluate, stream_verdicts
from tdkt.awards.runs import iter_with_reasons, save_run
from tdkt.awards.votes import apply_council_outcomes
from tdkt.core.errors import InputError
from tdkt.org.io.command import user_named
from tdkt.org.models import ClusterMembership, ClusterTerm, Unit


def resolve_scope(code: str, year: int) -> tuple[str, set[int] | None]:
    if code == "sector":
        return gettext("the whole sector"), None
    if code.startswith("cluster:"):
        parts = code.split(":")
        terms = ClusterTerm.objects.filter(year=year)
        if len(parts) == 2 and parts[1].isdigit():
            terms = terms.filter(
                cluster__organising_unit__parent__isnull=True, cluster__number=int(parts[1])
            )
        elif len(parts) == 3 and parts[2].isdigit():
            terms = terms.filter(
                cluster__organising_unit__code=parts[1], cluster__number=int(parts[2])
            )
        else:
            raise CommandError(
                gettext("Expected --scope cluster:N or cluster:UNIT_CODE:N, got “%(code)s”.")
                % {"code": code}
            )
        term = terms.first()
        if term is None:
            raise CommandError(
                gettext("No cluster “%(code)s” is recorded for %(year)s.")
                % {"code": code, "year": year}
            )
        ids = set(ClusterMembership.objects.filter(term=term).values_list("unit_id", flat=True))
        return str(term), ids
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(gettext("No unit has the code “%(code)s”.") % {"code": code})
    return unit.name, {unit.pk}


class Command(BaseCommand):
    help = "Write the eligibility verdicts of a year and a scope to an .xlsx or .csv file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="emulation year, e.g. 2025")
        parser.add_argument("--scope", help="unit code, cluster:N, cluster:UNIT_CODE:N or sector")
        parser.add_argument("--output", help="FILE.xlsx or FILE.csv")
        parser.add_argument("--as-of", help="council session date, dd/mm/yyyy or yyyy-mm-dd")
        parser.add_argument(
            "--input", help="a workbook in the import format, instead of the database"
        )
        parser.add_argument(
            "--save", action="store_true", help="store the verdicts as a saved run (unit or sector)"
        )
        parser.add_argument("--note", default="", help="the saved run's note")
        parser.add_argument("--user", help="the user recorded as having saved the run")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("vi"):
            self._handle(**options)

    def _from_workbook(self, year: int, as_of: dt.date | None, options: Any) -> list[Verdict]:
        from tdkt.awards.io.offline import facts_from_workbook

        path = Path(options["input"])
        if not path.is_file():
            raise CommandError(gettext("No file “%(name)s”.") % {"name": path})
        try:
            facts = facts_from_workbook(
                path.read_bytes(), path.name, year=year, as_of=as_of, scope=options.get("scope")
            )
        except InputError as exc:
            raise CommandError("\n".join(e.message for e in exc.errors)) from None
        return sorted(evaluate(facts), key=verdict_sort_key)

    def _save(self, year: int, as_of: dt.date | None, options: Any) -> EligibilityRun:
        if options.get("input"):
            raise CommandError(gettext("--save stores the database's verdicts; drop --input."))
        unit = _saved_scope(options.get("scope"), year)
        actor = user_named(options.get("user")) or "tdkt eligibility"
        run = save_run(year=year, unit=unit, as_of=as_of, note=options["note"], actor=actor)
        self.stdout.write(
            gettext(
                "Saved run %(id)s: %(scope)s, %(year)s, council session date %(day)s; "
                "%(count)s verdicts of %(subjects)s people and units."
            )
            % {
                "id": run.pk,
                "scope": run.scope_label,
                "year": run.year,
                "day": run.as_of.strftime("%d/%m/%Y"),
                "count": run.total,
                "subjects": run.subjects,
            }
        )
        return run

    def _handle(self, **options: Any) -> None:
        year: int = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError(
                gettext("Expected --year between 2000 and 2100, got %(year)s.") % {"year": year}
            )
        output = Path(options["output"]) if options.get("output") else None
        if output is None and not options.get("save"):
            raise CommandError(gettext("--output is required without --save."))
        if output is not None and output.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError(
                gettext("Expected --output ending in .xlsx or .csv, got “%(name)s”.")
                % {"name": output.name}
            )
        if output is not None and not output.parent.exists():
            raise CommandError(
                gettext("The folder “%(folder)s” does not exist.") % {"folder": output.parent}
            )
        as_of = _date(options.get("as_of"))
        parts: Iterable[Sequence[VerdictRow]]
        if options.get("save"):
            run = self._save(year, as_of, options)
            if output is None:
                return
            stored = StoredVerdict.objects.filter(run=run).order_by("position")
            parts, label = [list(iter_with_reasons(run, stored))], run.scope_label
        elif options.get("input"):
            parts = [self._from_workbook(year, as_of, options)]
            label = Path(options["input"]).name
        else:
            if not options.get("scope"):
                raise CommandError(gettext("--scope is required without --input."))
            label, unit_ids = resolve_scope(options["scope"], year)
            parts = _in_order(stream_verdicts(year=year, unit_ids=unit_ids, as_of=as_of), year)
        if output is None:
            return
        title = gettext("Eligibility %(year)s — %(scope)s") % {"year": year, "scope": label}
        counts = dict.fromkeys(Status, 0)

        def rows() -> Iterator[VerdictRow]:
            for part in parts:
                for verdict in part:
                    counts[Status(verdict.status)] += 1
                    yield verdict

        # Written as the verdicts come, to a file beside the output that replaces it once
        # complete: nothing is left half-written.
        partial = output.with_name(f".{output.name}.part")
        try:
            if output.suffix.lower() == ".xlsx":
                write_verdicts_xlsx(str(partial), rows(), title=title)
            else:
                with partial.open("w", encoding="utf-8", newline="") as stream:
                    write_verdicts_csv(stream, rows())
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(
            gettext(
                "%(count)s verdicts written to %(file)s: %(pass)s eligible, %(review)s to "
                "review, %(fail)s not eligible, %(deferred)s deferred."
            )
            % {
                "count": sum(counts.values()),
                "file": output,
                "pass": counts[Status.PASS],
                "review": counts[Status.REVIEW],
                "fail": counts[Status.FAIL],
                "deferred": counts[Status.DEFERRED],
            }
        )


def _in_order(parts: Iterable[list[Verdict]], year: int) -> Iterator[list[Verdict]]:
    """Each part of a run with the council's outcomes applied, in the table's order (people by
    given name, then units). A scope of up to `CHUNK` people is one part, so the whole table is
    in that order; a larger one (the sector) is written a part at a time, its people in that
    order within each part of `CHUNK`."""
    for part in parts:
        apply_council_outcomes(part, year=year)
        sort_verdicts(part)
        yield part


def _saved_scope(code: str | None, year: int) -> Unit | None:
    """A saved run covers a unit (with everything below it) or the whole sector."""
    if code == "sector":
        return None
    if not code or code.startswith("cluster:"):
        raise CommandError(
            gettext("--save needs --scope with a unit code or “sector”, got “%(code)s”.")
            % {"code": code or ""}
        )
    resolve_scope(code, year)  # the same message as without --save for an unknown code
    return Unit.objects.get(code=code)


def _date(raw: str | None) -> dt.date | None:
    if not raw:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007  (a calendar date)
        except ValueError:
            continue
    raise CommandError(gettext("Expected --as-of as dd/mm/yyyy, got “%(value)s”.") % {"value": raw})
