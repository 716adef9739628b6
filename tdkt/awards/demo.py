"""Demo history for the demo people of TAND tỉnh Thanh Hóa and TAND tỉnh Nghệ An: ratings,
titles, initiatives, a discipline, a hold and a maternity leave for the years 2020–2026, drawn
with a fixed seed, so that the verdict table shows every verdict kind; in 2026 two transfers from
Nghệ An to Thanh Hóa (one with Nghệ An's comments, one without) and a secondment from Thanh Hóa
to Nghệ An (IND-05); one LĐTT 2025 revoked, which flags the CSTĐCS 2025 that counted it
(GEN-11); and one saved run of Thanh Hóa's 2026 verdicts (§0.2.4). Loading twice changes
nothing (a person with a rating is left alone); the personas are linked to their person
records so "My page" works.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Final

from django.contrib.auth.models import User
from django.db import transaction

from tdkt.awards.models import (
    AwardRecord,
    Discipline,
    EmulationTitle,
    Hold,
    Initiative,
    Leave,
    PersonRating,
    Revocation,
    StaffAccount,
    TransferComment,
    UnitRating,
    VerdictOverride,
)
from tdkt.awards.reference import load_awards_reference
from tdkt.awards.revocation import revoke_award
from tdkt.awards.runs.store import save_run
from tdkt.core.audit import record_event
from tdkt.org.models import Employment, Person, Unit
from tdkt.org.services import add_employment

SEED: Final = 2026
YEARS: Final = range(2020, 2027)
COURTS: Final = ("PT-thanh_hoa", "PT-nghe_an")
PERSONAS: Final = {
    "thuky.cum1": "DEMO-P001",
    "canbo.nghean": "DEMO-P002",
    "hoidong.thanhhoa": "DEMO-P003",
    "vu.tdkt": "DEMO-P004",
}


def _weights(rng: random.Random) -> str:
    return rng.choices(
        ["excellent", "good", "completed", "not_completed"], weights=[25, 60, 12, 3]
    )[0]


@transaction.atomic
def load_demo(*, actor_label: str = "tdkt demo") -> Counter[str]:
    counts: Counter[str] = load_awards_reference()  # the migration's seed, again if flushed
    courts = list(Unit.objects.filter(code__in=COURTS))
    if not courts:
        return counts
    court_ids = {u.pk for u in courts}
    units = {
        u.pk: u
        for u in Unit.objects.filter(pk__in=court_ids) | Unit.objects.filter(parent__in=court_ids)
    }
    jobs = (
        Employment.objects.filter(unit_id__in=units)
        .select_related("person")
        .order_by("person__code", "start")
    )
    people: dict[int, tuple[Person, int]] = {}
    for job in jobs:
        people[job.person_id] = (job.person, job.unit_id)
    rated = set(
        PersonRating.objects.filter(person_id__in=people).values_list("person_id", flat=True)
    )
    titles = {t.code: t for t in EmulationTitle.objects.all()}
    rng = random.Random(SEED)  # noqa: S311  (demo data, not secrets)
    ratings: list[PersonRating] = []
    awards: list[AwardRecord] = []
    initiatives: list[Initiative] = []
    ordered = sorted(people.values(), key=lambda pair: pair[0].code)
    for index, (person, unit_id) in enumerate(ordered):
        if person.pk in rated:
            continue
        streak = 0
        for year in YEARS:
            if index == 3 and year == 2026:
                continue  # no rating yet: needs review
            rating = "not_completed" if index == 5 and year == 2026 else _weights(rng)
            ratings.append(
                PersonRating(
                    unit_id=unit_id, person=person, year=year, rating=rating, subjective_rate=0
                )
            )
            if year == 2026:
                continue  # the year being assessed: decided in this round
            decided = dt.date(year, 11, 20)
            if rating in ("good", "excellent"):
                awards.append(
                    AwardRecord(
                        unit_id=unit_id,
                        person=person,
                        title=titles["advanced_worker"],
                        year=year,
                        decision_number=f"{100 + year % 100}/QĐ-TA",
                        decision_date=decided,
                        issuer="Chánh án TAND tỉnh",
                    )
                )
            if rating == "excellent" or (index % 4 == 0 and rating == "good"):
                streak += 1
                awards.append(
                    AwardRecord(
                        unit_id=unit_id,
                        person=person,
                        title=titles["grassroots_emulation_fighter"],
                        year=year,
                        decision_number=f"{200 + year % 100}/QĐ-TA",
                        decision_date=decided,
                        issuer="Chánh án TAND tỉnh",
                    )
                )
            else:
                streak = 0
        if index % 4 == 0:
            initiatives.append(
                Initiative(
                    unit_id=unit_id,
                    person=person,
                    kind=Initiative.Kind.INITIATIVE,
                    name=f"Sáng kiến số hóa hồ sơ vụ án {index + 1}",
                    scope=Initiative.Scope.SECTOR
                    if index % 8 == 0
                    else Initiative.Scope.GRASSROOTS,
                    year=2026,
                    recognised_on=dt.date(2026, 6, 1),
                )
            )
    if not ratings:
        return counts
    PersonRating.objects.bulk_create(ratings)
    AwardRecord.objects.bulk_create(awards)
    Initiative.objects.bulk_create(initiatives)
    counts["ratings"] += len(ratings)
    counts["award records"] += len(awards)
    counts["initiatives"] += len(initiatives)
    _special_cases(ordered, counts)
    _moves(ordered, ratings, units, actor_label, counts)
    _unit_history(units, titles, counts)
    _link_personas(counts)
    _revocation_and_saved_run(actor_label, counts)
    record_event(
        "awards.demo.loaded",
        actor=actor_label,
        target=courts[0],
        after={"ratings": len(ratings), "awards": len(awards)},
    )
    return counts


def _special_cases(ordered: list[tuple[Person, int]], counts: Counter[str]) -> None:
    """A hold (deferred), a discipline inside the year (needs review), a maternity leave."""
    if len(ordered) < 8:
        return
    (held, held_unit), (disciplined, d_unit), (mother, m_unit) = ordered[1], ordered[2], ordered[6]
    Hold.objects.create(
        unit_id=held_unit,
        person=held,
        kind=Hold.Kind.COMPLAINT,
        opened_on=dt.date(2026, 9, 1),
        source_document="Đơn tố cáo ngày 01/09/2026 (dữ liệu demo)",
    )
    Discipline.objects.create(
        unit_id=d_unit,
        person=disciplined,
        level=Discipline.Level.REPRIMAND,
        decided_on=dt.date(2025, 3, 15),
        period_end=dt.date(2026, 3, 14),
        original_text="Khiển trách",
    )
    Leave.objects.create(
        unit_id=m_unit,
        person=mother,
        kind=Leave.Kind.MATERNITY,
        start=dt.date(2025, 12, 1),
        end=dt.date(2026, 5, 31),
    )
    reviewed, r_unit = ordered[5]  # rated KHTNV for 2026; the council looks at it again
    VerdictOverride.objects.create(
        unit_id=r_unit,
        person=reviewed,
        code="advanced_worker",
        year=2026,
        status=VerdictOverride.Status.REVIEW,
        reason="Cán bộ có đơn đề nghị xem xét lại xếp loại năm 2026 (dữ liệu demo)",
        reference="Đơn ngày 05/10/2026",
        decided_by=User.objects.filter(username="thuky.cum1").first(),
    )
    counts["holds"] += 1
    counts["disciplines"] += 1
    counts["leave"] += 1
    counts["verdict overrides"] += 1


def _moves(
    ordered: list[tuple[Person, int]],
    ratings: list[PersonRating],
    units: dict[int, Unit],
    actor: str,
    counts: Counter[str],
) -> None:
    """2026 (01/10/2025 – 30/09/2026): two people transferred from Nghệ An to Thanh Hóa on
    01/05/2026, seven months after the year began, so Nghệ An's comments are needed (one has
    them); one person of Thanh Hóa seconded to Nghệ An for the first half of 2026 (no host
    comments yet). Written through the registry's services, as a user would."""
    courts = {u.code: u for u in units.values()}
    thanh_hoa, nghe_an = courts.get("PT-thanh_hoa"), courts.get("PT-nghe_an")
    if thanh_hoa is None or nghe_an is None:
        return
    good = {r.person_id for r in ratings if r.year == 2026 and r.rating in ("good", "excellent")}
    jobs = {
        person_id: (position, is_judge)
        for person_id, position, is_judge in Employment.objects.filter(
            person_id__in=good, end__isnull=True
        ).values_list("person_id", "position", "is_judge")
    }
    spare = [  # staff, not the courts' leaders, and none of the special cases above
        (person, unit_id)
        for index, (person, unit_id) in enumerate(ordered)
        if index not in (1, 2, 3, 5, 6)
        and person.pk in jobs
        and "Chánh án" not in jobs[person.pk][0]
        and person.code not in PERSONAS.values()
    ]
    leaving = [p for p, unit_id in spare if unit_id == nghe_an.pk][:2]
    staying = [p for p, unit_id in spare if units[unit_id] != nghe_an][:1]
    if len(leaving) < 2 or not staying:
        return
    for person in leaving:
        add_employment(
            person=person,
            actor=actor,
            close_previous=True,
            unit=thanh_hoa,
            position=jobs[person.pk][0],
            is_judge=jobs[person.pk][1],
            kind=Employment.Kind.TRANSFER,
            start=dt.date(2026, 5, 1),
            note="Điều động từ TAND tỉnh Nghệ An (dữ liệu demo).",
        )
    TransferComment.objects.create(
        unit=thanh_hoa,
        person=leaving[0],
        year=2026,
        kind=TransferComment.Kind.TRANSFER,
        source_unit=nghe_an,
        given_on=dt.date(2026, 4, 24),
        summary=(
            "Trong thời gian công tác tại TAND tỉnh Nghệ An, đồng chí hoàn thành tốt nhiệm vụ, "
            "chấp hành nghiêm kỷ luật, kỷ cương (dữ liệu demo)."
        ),
        reference="25/TANDNA-VP",
    )
    add_employment(
        person=staying[0],
        actor=actor,
        unit=nghe_an,
        position=f"{jobs[staying[0].pk][0]} (biệt phái)",
        is_judge=jobs[staying[0].pk][1],
        kind=Employment.Kind.SECONDMENT,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 6, 30),
        note="Biệt phái sang TAND tỉnh Nghệ An (dữ liệu demo).",
    )
    counts["employments"] += 3
    counts["comments of other units"] += 1


def _unit_history(
    units: dict[int, Unit], titles: dict[str, EmulationTitle], counts: Counter[str]
) -> None:
    rng = random.Random(SEED + 1)  # noqa: S311  (demo data)
    rows: list[UnitRating] = []
    awards: list[AwardRecord] = []
    for unit in sorted(units.values(), key=lambda u: u.code):
        for year in YEARS:
            rating = rng.choice(["excellent", "excellent", "good"])
            rows.append(
                UnitRating(unit=unit, year=year, rating=rating, source=UnitRating.Source.SUPERIOR)
            )
            if year < 2026 and rating == "excellent":
                awards.append(
                    AwardRecord(
                        unit=unit,
                        recipient_unit=unit,
                        title=titles["excellent_collective"],
                        year=year,
                        decision_number=f"{300 + year % 100}/QĐ-TANDTC",
                        decision_date=dt.date(year, 12, 10),
                        issuer="Chánh án TANDTC",
                    )
                )
    UnitRating.objects.bulk_create(rows)
    AwardRecord.objects.bulk_create(awards)
    counts["unit ratings"] += len(rows)
    counts["award records"] += len(awards)


def _link_personas(counts: Counter[str]) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=PERSONAS)}
    people = {p.code: p for p in Person.objects.filter(code__in=PERSONAS.values())}
    for username, code in PERSONAS.items():
        user, person = users.get(username), people.get(code)
        if user is None or person is None:
            continue
        _account, created = StaffAccount.objects.get_or_create(
            user=user, defaults={"person": person}
        )
        counts["staff accounts"] += int(created)


def _revocation_and_saved_run(actor_label: str, counts: Counter[str]) -> None:
    """Revoke the LĐTT 2025 of a Thanh Hóa officer who also holds CSTĐCS 2025, so the review
    list shows the flag, then save Thanh Hóa's 2026 verdicts as the emulation officer would
    before the council meeting."""
    court = Unit.objects.filter(code=COURTS[0]).first()
    if court is None:
        return
    fighters = AwardRecord.objects.filter(
        unit=court, year=2025, title__code="grassroots_emulation_fighter", revoked=False
    ).values("person_id")
    award = (
        AwardRecord.objects.filter(
            unit=court,
            year=2025,
            title__code="advanced_worker",
            revoked=False,
            person_id__in=fighters,
        )
        .exclude(person__code__in=PERSONAS.values())
        .order_by("person__code")
        .first()
    )
    officer = User.objects.filter(username="thuky.cum1").first()
    if award is not None:
        revoke_award(
            award=award,
            ground=Revocation.Ground.CRITERIA,
            decision_number="15/QĐ-TA",
            decision_date=dt.date(2026, 3, 2),
            issuer="Chánh án TAND tỉnh Thanh Hóa",
            note="Dữ liệu demo: phát hiện chưa đủ thời gian công tác trong năm 2025.",
            actor=officer or actor_label,
            today=dt.date(2026, 3, 2),
        )
        counts["revocations"] += 1
    save_run(
        year=2026,
        unit=court,
        actor=officer or actor_label,
        note="Dữ liệu demo: lưu trước phiên họp Hội đồng Thi đua – Khen thưởng.",
    )
    counts["saved eligibility runs"] += 1
