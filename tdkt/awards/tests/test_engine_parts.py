"""A run read a part of the people at a time (`stream_verdicts`) gives exactly the verdicts of
the run over everyone at once (`evaluate(load_facts(...))`): people who move between units in
the year, departments inside a court, collectives counting their members, lineage, holds,
discipline and a named user's decision that later titles build on."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from python_calamine import CalamineWorkbook

from tdkt.awards.models import ChainOverride, EmulationTitle, TransferComment, VerdictOverride
from tdkt.awards.rules import Verdict, evaluate, stream_verdicts
from tdkt.awards.rules.facts import load_facts, load_parts
from tdkt.awards.tests import factories as af
from tdkt.org.models import Employment, Unit
from tests import factories as f

D = dt.date


def _key(verdict: Verdict) -> tuple[Any, ...]:
    return (verdict.subject_kind, verdict.subject_id, verdict.code)


def _shown(verdicts: list[Verdict]) -> list[tuple[Any, ...]]:
    """Everything a verdict says, in a stable order."""
    return sorted(
        (
            *_key(v),
            v.subject_code,
            v.subject_name,
            v.unit_id,
            v.status,
            v.override,
            v.head,
            v.reasons,
            v.remaining,
        )
        for v in verdicts
    )


@pytest.fixture
def sector(world):
    """Two provincial courts (one with a criminal division), a regional court below one of
    them, the merged Hải Phòng court: twenty people, some moving between them in the year."""
    th, na, hp = world.thanh_hoa, world.nghe_an, world.hai_phong
    division = f.make_unit("Tòa Hình sự", Unit.Level.DEPARTMENT, parent=th, code="TH-HS")
    regional = f.make_unit(
        "Tòa án nhân dân khu vực 1 - Thanh Hóa",
        Unit.Level.REGIONAL,
        parent=th,
        code="KV-th-1",
        valid_from=D(2025, 7, 1),
    )
    courts = [th, division, na, hp, regional]
    ratings = ["excellent", "good", "good", "completed", "excellent", "not_completed"]
    people = []
    for index in range(20):
        unit = courts[index % len(courts)]
        recruited = D(2025, 6, 1) if index % 9 == 4 else D(2010 + index % 8, 3, 1)
        person = f.make_person(
            # given names Z, Y, X …: the table's order is not the order of the ids
            f"Trần Thị {chr(ord('Z') - index)}",
            unit,
            start=D(2015, 1, 1),
            recruited_on=recruited,
        )
        people.append(person)
        for year in range(2019, 2026):
            if (index + year) % 7:  # a year without a rating now and then
                af.rate(person, year, ratings[(index + year) % len(ratings)])
        for year in range(2020, 2025):
            if (index + year) % 3:
                af.award(person, "advanced_worker", year)
            if (index + year) % 4 == 0:
                af.award(person, "grassroots_emulation_fighter", year)
    # Moves in the year: Thanh Hóa → Nghệ An on 01/05/2025 (with the former court's comments),
    # a secondment to the division, and a move into Hải Phòng.
    for person, unit, kind, day in (
        (people[0], na, Employment.Kind.TRANSFER, D(2025, 5, 1)),
        (people[3], division, Employment.Kind.SECONDMENT, D(2025, 3, 1)),
        (people[7], hp, Employment.Kind.TRANSFER, D(2025, 3, 1)),
    ):
        Employment.objects.filter(person=person).update(end=day - dt.timedelta(days=1))
        Employment.objects.create(
            person=person, unit=unit, position="Thẩm phán", kind=kind, start=day
        )
    TransferComment.objects.create(  # the former court's comments on the move (IND-05)
        unit=na,
        person=people[0],
        year=2025,
        kind=TransferComment.Kind.TRANSFER,
        source_unit=th,
        given_on=D(2025, 5, 10),
        summary="Hoàn thành tốt nhiệm vụ.",
        reference="15/TA-VP",
    )
    af.award(people[1], "sector_emulation_fighter", 2022)
    af.award(people[2], "sector_certificate_of_merit", 2019, decision_date=D(2019, 12, 1))
    af.discipline(people[5], "warning", D(2024, 11, 1), D(2025, 5, 1))
    af.discipline(people[10], "reprimand", D(2024, 1, 10), D(2025, 12, 31))
    af.initiative(people[6], "Sáng kiến số hóa hồ sơ", "sector", 2025)
    af.hold(people[8], D(2025, 8, 1))
    af.leave(people[9], D(2025, 1, 1), D(2025, 6, 30))
    VerdictOverride.objects.create(  # followed by CSTĐCS and the collectives counting LĐTT
        unit=th,
        person=people[5],
        code="advanced_worker",
        year=2025,
        status=VerdictOverride.Status.PASS,
        reason="Hội đồng đã xem xét",
        reference="QĐ 12/2025",
    )
    for unit in courts:
        for year in (2024, 2025):
            af.rate_unit(unit, year, "excellent")
    af.award(world.old_hai_duong, "excellent_collective", 2024)
    ChainOverride.objects.create(
        unit=na,
        title=EmulationTitle.objects.get(code="excellent_collective"),
        year=2024,
        held=True,
        reason="Quyết định bị thất lạc",
        reference="CV 3/2025",
    )
    af.hold(regional, D(2025, 9, 1))
    return world, people


@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_parts_give_the_verdicts_of_one_run(sector, chunk):
    whole = evaluate(load_facts(year=2025, unit_ids=None))
    parts = [v for part in stream_verdicts(year=2025, unit_ids=None, chunk=chunk) for v in part]
    assert len(parts) == len(whole) > 20 * 7
    assert _shown(parts) == _shown(whole)


def test_a_scope_in_parts(sector):
    world, _people = sector
    scope = {world.thanh_hoa.pk, world.hai_phong.pk}
    whole = evaluate(load_facts(year=2025, unit_ids=scope))
    parts = [v for part in stream_verdicts(year=2025, unit_ids=scope, chunk=2) for v in part]
    assert _shown(parts) == _shown(whole)
    assert {v.subject_code for v in whole} >= {"TH-HS", "KV-th-1", "PT-hai_phong"}


def test_parts_hold_a_part_of_the_people(sector):
    """Each part holds its own people only, and the units are read once for all of them."""
    seen: list[set[int]] = []
    units = None
    for facts in load_parts(year=2025, unit_ids=None, chunk=3):
        assert facts.part is not None
        assert all(facts.part[0] <= pk <= facts.part[1] for pk in facts.people)
        assert all(len(p.ratings) > 0 for p in facts.people.values())
        seen.append(set(facts.people))
        assert units is None or facts.units is units
        units = facts.units
    assert [len(s) for s in seen] == [3, 3, 3, 3, 3, 3, 2]
    assert not set.intersection(*seen)


def test_a_move_counts_in_both_units(sector):
    """Who moved from Thanh Hóa to Nghệ An in the year is a member of both, and counted in
    both units' shares, however the parts fall."""
    world, people = sector
    facts = load_facts(year=2025, unit_ids=None)
    for unit in (world.thanh_hoa, world.nghe_an):
        members = facts.units[unit.pk].members
        assert people[0].pk in members
        for chunk in (1, 4):
            share = next(
                r
                for part in stream_verdicts(year=2025, unit_ids=None, chunk=chunk)
                for v in part
                if v.subject_id == unit.pk and v.code == "advanced_collective"
                for r in v.reasons
                if r.message.startswith("Share of members")
            )
            assert f"/{len(members)} " in share.params["detail"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_command_streams_the_same_table(sector, tmp_path, monkeypatch, suffix):
    """`tdkt eligibility` writes the verdicts as they come: the same table as the page's export
    (in the same order) for a scope of up to `CHUNK` people, the same rows in parts above."""
    from django.core.management import call_command

    from tdkt.awards import exports
    from tdkt.awards.queries import verdicts_for
    from tdkt.awards.rules import facts as rule_facts

    def table(path: Path) -> list[list[Any]]:
        if suffix == ".csv":
            return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        book = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
        return book.get_sheet_by_index(0).to_python()

    expected = tmp_path / f"expected{suffix}"
    verdicts = verdicts_for(year=2025, unit_ids=None)
    with translation.override("vi"):
        title = "Xét khen thưởng 2025 — Toàn ngành"
        expected.write_bytes(
            exports.verdicts_xlsx(verdicts, title=title)
            if suffix == ".xlsx"
            else exports.verdicts_csv(verdicts)
        )
    out = tmp_path / f"v{suffix}"
    call_command("eligibility", year=2025, scope="sector", output=str(out))
    head = 1 if suffix == ".csv" else 2  # the workbook has a title row above the headers
    assert table(out)[head - 1 :] == table(expected)[head - 1 :]
    assert not list(tmp_path.glob(".*.part"))
    monkeypatch.setattr(rule_facts, "CHUNK", 4)
    call_command("eligibility", year=2025, scope="sector", output=str(out))
    rows, wanted = table(out)[head:], table(expected)[head:]
    assert sorted(map(tuple, rows)) == sorted(map(tuple, wanted))
    # by given name within each part of four ids: Z, Y, X, W first
    assert [rows[i][1][-1] for i in range(0, 28, 7)] == ["W", "X", "Y", "Z"]
    assert [wanted[i][1][-1] for i in range(0, 14, 7)] == ["G", "H"]


def test_a_move_and_its_comments_in_parts(sector):
    """IND-05 for the person moved to Nghệ An: the former court's comments reach the verdict
    whichever part the person is in."""
    _world, people = sector
    for chunk in (1, 20):
        verdict = next(
            v
            for part in stream_verdicts(year=2025, unit_ids=None, chunk=chunk)
            for v in part
            if v.subject_id == people[0].pk and v.code == "advanced_worker"
        )
        assert "15/TA-VP" in " ".join(verdict.reason_texts)
