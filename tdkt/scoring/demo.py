"""Demo of Cụm thi đua số 1, 2022: the pledge signed by the 14 courts, a year of statistics,
self, peer and final scores and the ranking; the 2023 pledge waiting for signatures.

Figures and scores are synthetic (seeded), not the courts' real results. The 2022 round is left
open (not published): TAND tỉnh Nghệ An's self-assessment is returned for revision and Nghệ An
still owes its peer scores of the head court, so the demo users can still score and the members
do not see each other's peer scores yet; the secretariat sees everything and publishes.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import Counter
from decimal import Decimal
from typing import Final

import xlsxwriter
from django.db import transaction
from django.utils import timezone

from tdkt.core.audit import record_events_bulk, snapshot
from tdkt.movements import services as pledges
from tdkt.movements.models import Pledge
from tdkt.org.models import ClusterTerm, Employment, Unit
from tdkt.scoring import services
from tdkt.scoring.models import Assessment, Criterion, Score, ScoringRound
from tdkt.scoring.sheets import draft_pledge, seed_sector_sheets
from tdkt.scoring.statistics_io import CASE_TYPES, STATISTICS, import_statistics

SEED: Final = 2022
NGHE_AN: Final = "PT-nghe_an"
QUARTERS: Final = (
    (dt.date(2021, 10, 1), dt.date(2021, 12, 31)),
    (dt.date(2022, 1, 1), dt.date(2022, 3, 31)),
    (dt.date(2022, 4, 1), dt.date(2022, 6, 30)),
    (dt.date(2022, 7, 1), dt.date(2022, 9, 30)),
)
# Typical yearly volume per provincial court and case type (synthetic).
VOLUME: Final = {
    "criminal": 900,
    "civil": 1500,
    "family": 2200,
    "business": 300,
    "labour": 60,
    "administrative": 120,
}


def _term() -> ClusterTerm | None:
    return ClusterTerm.objects.filter(
        cluster__organising_unit__code="TANDTC", cluster__number=1, year=2022
    ).first()


def _signers(units: list[Unit]) -> dict[int, str]:
    chiefs = Employment.objects.filter(unit__in=units, position="Chánh án").select_related("person")
    return {e.unit_id: e.person.full_name for e in chiefs}


def _sign_all(pledge: Pledge, units: list[Unit], actor: str, when: dt.datetime) -> None:
    names = _signers(units)
    for unit in units:
        pledges.sign_pledge(
            pledge=pledge,
            unit=unit,
            signer_name=names.get(unit.pk, "Chánh án"),
            signer_position="Chánh án",
            actor=actor,
            now=when,
        )


def _statistics_workbook(units: list[Unit], rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(STATISTICS.sheet)
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for col, header in enumerate(STATISTICS.headers):
        sheet.write_string(0, col, header)
    row = 1
    for unit in units:
        skill = rng.uniform(0.84, 0.97)
        for start, end in QUARTERS:
            for case_type, volume in VOLUME.items():
                received = max(1, int(volume / 4 * rng.uniform(0.6, 1.4)))
                resolved = min(received, int(received * min(1.0, skill + rng.uniform(-0.05, 0.05))))
                values: list[object] = [
                    unit.code,
                    start,
                    end,
                    CASE_TYPES.written[case_type],
                    received,
                    resolved,
                    rng.randint(0, 2) if rng.random() < 0.2 else 0,
                    int(resolved * rng.uniform(0.0, 0.02)),
                    int(resolved * rng.uniform(0.02, 0.15)),
                    int(received * rng.uniform(0.1, 0.3)) if case_type != "criminal" else 0,
                ]
                for col, value in enumerate(values):
                    if isinstance(value, dt.date):
                        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), day)
                    elif isinstance(value, int):
                        sheet.write_number(row, col, value)
                    else:
                        sheet.write_string(row, col, str(value))
                row += 1
    book.close()
    return buffer.getvalue()


def _points(rng: random.Random, maximum: Decimal, quality: float) -> Decimal:
    raw = float(maximum) * min(1.0, max(0.0, quality + rng.uniform(-0.08, 0.05)))
    return (Decimal(round(raw * 2)) / 2).quantize(Decimal("0.01"))


def _scores(scoring_round: ScoringRound, units: list[Unit], rng: random.Random, actor: str) -> int:
    manual = list(
        Criterion.objects.filter(sheet=scoring_round.sheet, method=Criterion.Method.MANUAL).exclude(
            kind=Criterion.Kind.GROUP
        )
    )
    quality = {u.pk: rng.uniform(0.8, 0.98) for u in units}
    # Nghệ An has not yet scored the head court: the peer scores stay hidden from the members
    nghe_an = next((u for u in units if u.code == NGHE_AN), units[0])
    head = scoring_round.pledge.term.head_unit or units[-1]
    late = (nghe_an.pk, head.pk)
    rows: list[Score] = []
    for subject in units:
        for c in manual:
            if c.kind == Criterion.Kind.PENALTY:
                own = Decimal(0) if rng.random() < 0.8 else Decimal(2)
            elif c.kind == Criterion.Kind.BONUS:
                own = Decimal(rng.choice((0, 1, 2, 3)))
            else:
                own = _points(rng, c.max_points, quality[subject.pk] + 0.04)
            rows.append(
                Score(round=scoring_round, criterion=c, subject=subject, kind="self", points=own)
            )
            for scorer in units:
                if scorer == subject or (scorer.pk, subject.pk) == late:
                    continue
                if c.kind in (Criterion.Kind.PENALTY, Criterion.Kind.BONUS):
                    peer = own
                else:
                    peer = _points(rng, c.max_points, quality[subject.pk])
                rows.append(
                    Score(
                        round=scoring_round,
                        criterion=c,
                        subject=subject,
                        scorer=scorer,
                        kind="peer",
                        points=peer,
                    )
                )
    # one court marks a peer far below the others: the ranking flags it
    outlier = next(
        s for s in rows if s.kind == "peer" and s.criterion.code == "2.1" and s.subject != s.scorer
    )
    outlier.points, outlier.comment = Decimal(1), "Chưa thấy minh chứng đầy đủ."
    Score.objects.bulk_create(rows, batch_size=1000)
    for kind in ("self", "peer"):
        record_events_bulk(
            f"scoring.score.{kind}",
            actor=actor,
            targets=[(s, None, snapshot(s, Score.AUDITED_FIELDS)) for s in rows if s.kind == kind],
            note="Dữ liệu demo",
        )
    return len(rows)


@transaction.atomic
def load_demo(*, actor_label: str = "tdkt demo") -> Counter[str]:
    counts: Counter[str] = Counter()
    term = _term()
    if term is None or ScoringRound.objects.filter(pledge__term=term).exists():
        return counts
    actor = actor_label
    rng = random.Random(SEED)  # noqa: S311  (synthetic demo figures)
    sheet_2022 = seed_sector_sheets(year=2022, actor=actor)[0]
    sheet_2023 = seed_sector_sheets(year=2023, actor=actor)[0]
    counts["score sheets"] += 4
    units = sorted(term.members.all(), key=lambda u: u.code)
    signed_on = timezone.make_aware(dt.datetime(2021, 10, 15, 9, 30))  # noqa: DTZ001  (made aware)

    pledge, scoring_round = draft_pledge(sheet=sheet_2022, term=term, year=2022, actor=actor)
    pledges.open_for_signing(pledge=pledge, actor=actor)
    _sign_all(pledge, units, actor, signed_on)
    counts["pledges"] += 1
    counts["signatures"] += len(units)

    report = import_statistics(
        data=_statistics_workbook(units, rng), filename="thong-ke-2022-demo.xlsx", actor=actor
    )
    counts["court statistics"] += report.rows

    services.update_round_settings(
        scoring_round=scoring_round,
        actor=actor,
        self_deadline=dt.date(2022, 9, 30),
    )
    counts["scores"] += _scores(scoring_round, units, rng, actor)
    now = timezone.make_aware(dt.datetime(2022, 10, 5, 8, 0))  # noqa: DTZ001  (made aware)
    Assessment.objects.bulk_create(
        Assessment(
            round=scoring_round, unit=u, status=Assessment.Status.SUBMITTED, submitted_at=now
        )
        for u in units
    )
    nghe_an = next((u for u in units if u.code == NGHE_AN), None)
    if nghe_an is not None:
        services.return_assessment(
            assessment=Assessment.objects.get(round=scoring_round, unit=nghe_an),
            reason="Bổ sung minh chứng cho tiêu chí 3.2 (điển hình tiên tiến).",
            actor=actor,
        )
    head = term.head_unit or units[0]
    c21 = Criterion.objects.get(sheet=sheet_2022, code="2.1")
    services.set_final_score(
        scoring_round=scoring_round,
        subject=head,
        criterion=c21,
        points=c21.max_points,
        reason="Đã đối chiếu hồ sơ, minh chứng đầy đủ.",
        actor=actor,
    )

    pledge_2023, _round_2023 = draft_pledge(sheet=sheet_2023, term=term, year=2023, actor=actor)
    pledges.open_for_signing(pledge=pledge_2023, actor=actor)
    signed_2023 = timezone.make_aware(dt.datetime(2022, 10, 14, 10, 0))  # noqa: DTZ001  (made aware)
    _sign_all(pledge_2023, [u for u in units if u.code != NGHE_AN][:5], actor, signed_2023)
    counts["pledges"] += 1
    return counts
