"""The Cụm thi đua số 1 demo: signed pledge, statistics, scores, ranking, the next pledge."""

from __future__ import annotations

import pytest
from django.db import transaction

from tdkt.core.demo import load_all_demo
from tdkt.movements.models import Pledge
from tdkt.movements.queries import signing_status
from tdkt.org.models import ClusterTerm
from tdkt.org.reference import load_reference
from tdkt.scoring.models import Assessment, CourtStatistic, Score
from tdkt.scoring.queries import peer_scores_released, ranking_for_term, round_for_term


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference()
        counts = load_all_demo()
        again = load_all_demo()
        yield counts, again
        transaction.set_rollback(True)


@pytest.fixture
def demo(_loaded, db):
    return _loaded


def test_the_2022_pledge_is_signed_by_the_14_courts(demo):
    pledge = Pledge.objects.get(year=2022)
    assert pledge.status == Pledge.Status.LOCKED
    assert pledge.signatures.count() == 14
    nxt = Pledge.objects.get(year=2023)
    assert nxt.status == Pledge.Status.SIGNING
    assert len([r for r in signing_status(nxt) if r.signature is None]) == 9


def test_a_year_of_statistics_scores_and_ranking(demo):
    term = ClusterTerm.objects.get(
        cluster__number=1, year=2022, cluster__organising_unit__code="TANDTC"
    )
    assert CourtStatistic.objects.count() == 14 * 4 * 6
    scoring_round = round_for_term(term)
    assert scoring_round is not None and not peer_scores_released(scoring_round)
    assert Score.objects.filter(kind="peer").count() == 14 * 13 * 9 - 9  # Nghệ An → the head
    assert Assessment.objects.filter(status=Assessment.Status.RETURNED).count() == 1
    ranking = ranking_for_term(term)
    assert len(ranking) == 14
    assert ranking[0].final_total >= ranking[-1].final_total
    assert sum(r.outliers for r in ranking) >= 1
    assert all(r.self_total > 0 for r in ranking)


def test_loading_again_creates_nothing(demo):
    counts, again = demo
    assert counts["pledges"] == 2
    assert sum(v for k, v in again.items() if k in {"pledges", "scores", "court statistics"}) == 0
