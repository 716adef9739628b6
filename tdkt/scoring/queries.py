"""Reads of a scoring round: the scoreboard of every member and criterion, peer secrecy, and
the ranking (`ranking_for_term`, which the conference ballot reads)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from tdkt.core.text import vi_key
from tdkt.movements.queries import PledgedTarget, pledged_targets, target_for
from tdkt.org.models import ClusterMembership, ClusterTerm, Unit
from tdkt.scoring.formulas import aggregate_peers, band, indicator_points, outliers
from tdkt.scoring.indicators import YearFigures, year_figures
from tdkt.scoring.models import Assessment, Criterion, Score, ScoringRound


@dataclass
class PeerScore:
    scorer_id: int
    points: Decimal
    comment: str
    outlier: bool = False


@dataclass
class Cell:
    """One member × one criterion."""

    criterion: Criterion
    target: PledgedTarget | None
    actual: Decimal | None = None
    computed: Decimal | None = None
    self_points: Decimal | None = None
    self_comment: str = ""
    peers: list[PeerScore] = field(default_factory=list)
    peer_points: Decimal | None = None
    final_score: Score | None = None
    proposed: Decimal | None = None

    @property
    def final(self) -> Decimal | None:
        return self.final_score.points if self.final_score is not None else self.proposed

    @property
    def sign(self) -> int:
        return -1 if self.criterion.kind == Criterion.Kind.PENALTY else 1

    @property
    def has_outlier(self) -> bool:
        return any(p.outlier for p in self.peers)


@dataclass
class BoardRow:
    unit: Unit
    cells: list[Cell]
    figures: YearFigures
    rank: int = 0
    band: str = ""

    def _total(self, attr: str) -> Decimal:
        total = Decimal(0)
        for cell in self.cells:
            value = getattr(cell, attr)
            if value is not None:
                total += cell.sign * value
        return total

    @property
    def self_total(self) -> Decimal:
        return self._total("self_points")

    @property
    def peer_total(self) -> Decimal:
        return self._total("peer_points")

    @property
    def final_total(self) -> Decimal:
        return self._total("final")

    @property
    def outlier_count(self) -> int:
        return sum(sum(p.outlier for p in c.peers) for c in self.cells)


@dataclass
class Scoreboard:
    round: ScoringRound
    criteria: list[Criterion]
    rows: list[BoardRow]
    max_total: Decimal

    def row_for(self, unit_id: int) -> BoardRow | None:
        return next((r for r in self.rows if r.unit.pk == unit_id), None)


def tree(criteria: list[Criterion]) -> list[tuple[Criterion, int, Decimal]]:
    """The criteria in sheet order with their depth (0 = top level) and points: a line's own
    maximum, or for a group the sum of the criteria below it (bonus and penalty lines apart)."""
    depth: dict[int, int] = {}
    parent = {c.pk: c.parent_id for c in criteria}
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for c in criteria:
        if c.kind == Criterion.Kind.CRITERION:
            ancestor = c.parent_id
            while ancestor is not None:
                totals[ancestor] += c.max_points
                ancestor = parent.get(ancestor)
    result = []
    for c in criteria:
        depth[c.pk] = depth.get(c.parent_id, -1) + 1 if c.parent_id else 0
        points = totals[c.pk] if c.kind == Criterion.Kind.GROUP else c.max_points
        result.append((c, depth[c.pk], points))
    return result


def member_units(scoring_round: ScoringRound) -> list[Unit]:
    units = [
        m.unit
        for m in ClusterMembership.objects.filter(
            term_id=scoring_round.pledge.term_id
        ).select_related("unit")
    ]
    return sorted(units, key=lambda u: vi_key(u.name))


def scoreboard(scoring_round: ScoringRound) -> Scoreboard:
    """Every member's self, peer, computed and final points per criterion, in a few queries."""
    criteria = list(scoring_round.sheet.criteria.order_by("position", "pk"))
    scored = [c for c in criteria if c.is_scored]
    units = member_units(scoring_round)
    targets = pledged_targets(scoring_round.pledge)
    figures = year_figures(units, scoring_round.pledge.year)
    scores: dict[tuple[int, int], list[Score]] = defaultdict(list)
    for score in Score.objects.filter(round=scoring_round):
        scores[(score.subject_id, score.criterion_id)].append(score)
    trimmed = scoring_round.aggregation == ScoringRound.Aggregation.TRIMMED
    final_only = scoring_round.aggregation == ScoringRound.Aggregation.FINAL_ONLY
    rows = []
    for unit in units:
        rates = figures[unit.pk].rates()
        cells = []
        for c in scored:
            cell = Cell(c, target_for(targets, unit.pk, c.code))
            for s in scores.get((unit.pk, c.pk), ()):
                if s.kind == Score.Kind.SELF:
                    cell.self_points, cell.self_comment = s.points, s.comment
                elif s.kind == Score.Kind.PEER and s.scorer_id is not None:
                    cell.peers.append(PeerScore(s.scorer_id, s.points, s.comment))
                elif s.kind == Score.Kind.FINAL:
                    cell.final_score = s
            if c.method == Criterion.Method.INDICATOR:
                cell.actual = rates.get(c.indicator)
                target = cell.target.target if cell.target else c.target
                cell.computed = indicator_points(
                    max_points=c.max_points,
                    target=target,
                    actual=cell.actual,
                    points_per_percent=c.points_per_percent,
                    lower_is_better=c.lower_is_better,
                )
                cell.self_points = cell.peer_points = cell.proposed = cell.computed
            else:
                flags = outliers(
                    [p.points for p in cell.peers], distance=scoring_round.outlier_points
                )
                for peer, flag in zip(cell.peers, flags, strict=True):
                    peer.outlier = flag
                cell.peer_points = aggregate_peers([p.points for p in cell.peers], trimmed=trimmed)
                if final_only or cell.peer_points is None:
                    cell.proposed = cell.self_points
                else:
                    cell.proposed = cell.peer_points
            cells.append(cell)
        rows.append(BoardRow(unit, cells, figures[unit.pk]))
    max_total = sum(
        (c.max_points for c in scored if c.kind == Criterion.Kind.CRITERION), Decimal(0)
    )
    rows.sort(key=lambda r: (-r.final_total, vi_key(r.unit.name)))
    previous: tuple[Decimal, int] | None = None
    for position, row in enumerate(rows, start=1):
        rank = previous[1] if previous and previous[0] == row.final_total else position
        row.rank, row.band = rank, band(row.final_total, max_total)
        previous = (row.final_total, rank)
    return Scoreboard(scoring_round, criteria, rows, max_total)


def peer_scores_released(scoring_round: ScoringRound, today: dt.date | None = None) -> bool:
    """Members see each other's peer scores once all are in, the deadline has passed, or the
    round is published; until then each sees only the scores it gave."""
    if scoring_round.is_locked:
        return True
    day = today or timezone.localdate()
    if scoring_round.peer_deadline is not None and day > scoring_round.peer_deadline:
        return True
    members = ClusterMembership.objects.filter(term_id=scoring_round.pledge.term_id).count()
    manual = (
        Criterion.objects.filter(sheet=scoring_round.sheet, method=Criterion.Method.MANUAL)
        .exclude(kind=Criterion.Kind.GROUP)
        .count()
    )
    expected = members * (members - 1) * manual
    given = Score.objects.filter(round=scoring_round, kind=Score.Kind.PEER).count()
    return expected > 0 and given >= expected


@dataclass(frozen=True)
class RankingRow:
    rank: int
    unit: Unit
    self_total: Decimal
    peer_total: Decimal
    final_total: Decimal
    band: str
    outliers: int
    published: bool


def round_for_term(term: ClusterTerm) -> ScoringRound | None:
    return (
        ScoringRound.objects.select_related("pledge__term", "sheet")
        .filter(pledge__term=term, pledge__year=term.year)
        .first()
    )


def ranking_for_term(term: ClusterTerm) -> list[RankingRow]:
    """The members of `term` ranked by final score for the term's own year; empty when the
    term has no scoring round. `published` says whether the scores are final and locked."""
    scoring_round = round_for_term(term)
    if scoring_round is None:
        return []
    board = scoreboard(scoring_round)
    return [
        RankingRow(
            r.rank,
            r.unit,
            r.self_total,
            r.peer_total,
            r.final_total,
            r.band,
            r.outlier_count,
            scoring_round.is_locked,
        )
        for r in board.rows
    ]


@dataclass(frozen=True)
class Outstanding:
    """What a member still owes the round: the reminder list of the secretariat."""

    unit: Unit
    self_submitted: bool
    peer_missing: int


def outstanding_work(scoring_round: ScoringRound) -> list[Outstanding]:
    """Members that have not submitted their self-assessment or still owe peer scores."""
    units = member_units(scoring_round)
    manual = (
        Criterion.objects.filter(sheet=scoring_round.sheet, method=Criterion.Method.MANUAL)
        .exclude(kind=Criterion.Kind.GROUP)
        .count()
    )
    owed = (len(units) - 1) * manual
    submitted = set(
        Assessment.objects.filter(
            round=scoring_round, status=Assessment.Status.SUBMITTED
        ).values_list("unit_id", flat=True)
    )
    given = dict(
        Score.objects.filter(round=scoring_round, kind=Score.Kind.PEER)
        .values("scorer_id")
        .annotate(n=Count("pk"))
        .values_list("scorer_id", "n")
    )
    rows = [Outstanding(u, u.pk in submitted, max(0, owed - given.get(u.pk, 0))) for u in units]
    return [r for r in rows if not r.self_submitted or r.peer_missing]
