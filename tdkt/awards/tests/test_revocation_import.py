"""A history import that marks awards revoked runs the same cascade (GEN-11), set-based, and
its report lists the awards flagged; an import never undoes a recorded revocation."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from tdkt.awards.io.history import run_history_import
from tdkt.awards.models import AwardRecord, ReviewFlag, Revocation
from tdkt.awards.revocation import revoke_award
from tdkt.awards.tests import factories as af
from tdkt.core.errors import InputError
from tdkt.core.models import AuditEvent
from tests import factories as f

D = dt.date
HEADER = (
    'Mã cán bộ,Họ và tên,Mã đơn vị,Năm thi đua,Xếp loại,"Danh hiệu, hình thức khen thưởng",'
    "Số quyết định,Ngày quyết định,Đã thu hồi\n"
)


def _csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(lines) + "\n").encode()


def _import(data: bytes, actor, **kw):
    return run_history_import(
        data=data, filename="lich-su.csv", actor=actor, writable_unit_ids=None, **kw
    )


@pytest.fixture
def an(world):
    person = f.make_person("Nguyễn Văn An", world.thanh_hoa, code="CB001")
    for year in (2023, 2024, 2025):
        af.award(person, "grassroots_emulation_fighter", year, decision_date=D(year, 11, 20))
    tand = af.award(person, "sector_emulation_fighter", 2025, decision_date=D(2025, 12, 1))
    tq = af.award(person, "national_emulation_fighter", 2025, decision_date=D(2026, 5, 1))
    return person, tand, tq


ROW_2023 = "CB001,Nguyễn Văn An,PT-thanh_hoa,2023,,CSTĐCS,12/QĐ-TA,20/11/2023,{revoked}"


def test_the_import_revokes_and_flags(an, cluster_secretary):
    person, tand, tq = an
    report = _import(_csv(ROW_2023.format(revoked="Có")), cluster_secretary)
    award = AwardRecord.objects.get(person=person, year=2023)
    assert award.revoked
    revocation = Revocation.objects.get(award=award)
    assert revocation.source == "import" and revocation.ground == ""
    assert report.revoked == ["CB001 — Nguyễn Văn An — 2023 — Chiến sĩ thi đua cơ sở"]
    assert {pk for pk, _label, _because in report.flagged} == {tand.pk, tq.pk}
    assert all(because == str(award) for _pk, _label, because in report.flagged)
    flags = {fl.award_id: fl.via_id for fl in ReviewFlag.objects.filter(cause=revocation)}
    assert flags == {tand.pk: None, tq.pk: tand.pk}
    codes = list(
        AuditEvent.objects.filter(note__contains="lich-su.csv")
        .order_by("pk")
        .values_list("code", flat=True)
    )
    assert codes == [
        "awards.record.updated",
        "awards.revocation.created",
        "awards.review.flagged",
        "awards.review.flagged",
    ]
    again = _import(_csv(ROW_2023.format(revoked="Có")), cluster_secretary)
    assert again.revoked == [] and again.flagged == [] and again.unchanged == 1
    assert ReviewFlag.objects.count() == 2


def test_a_new_row_revoked_flags_what_counted_it(world, cluster_secretary):
    person = f.make_person("Lê Văn B", world.thanh_hoa, code="CB002")
    bk = af.award(person, "sector_certificate_of_merit", 2025, decision_date=D(2025, 12, 1))
    report = _import(
        _csv("CB002,Lê Văn B,PT-thanh_hoa,2024,,CSTĐCS,7/QĐ-TA,20/11/2024,Có"), cluster_secretary
    )
    assert report.created == 1 and len(report.revoked) == 1
    assert [pk for pk, _l, _b in report.flagged] == [bk.pk]
    assert Revocation.objects.get().recovery_vnd == 2_340_000  # 1.0 × 2 340 000 on 20/11/2024


def test_a_check_only_run_lists_the_cascade_and_writes_nothing(an, cluster_secretary):
    _person, tand, tq = an
    events = AuditEvent.objects.count()
    report = _import(_csv(ROW_2023.format(revoked="Có")), cluster_secretary, dry_run=True)
    assert report.dry_run and len(report.revoked) == 1
    assert sorted(label for _pk, label, _b in report.flagged) == sorted([str(tand), str(tq)])
    assert all(pk is None for pk, _l, _b in report.flagged)
    assert not AwardRecord.objects.filter(revoked=True).exists()
    assert not Revocation.objects.exists() and not ReviewFlag.objects.exists()
    assert AuditEvent.objects.count() == events


def test_an_import_never_undoes_a_revocation(an, cluster_secretary):
    person, _tand, _tq = an
    award = AwardRecord.objects.select_related("title").get(person=person, year=2023)
    revoke_award(
        award=award,
        ground="forged_records",
        decision_number="15/QĐ-TA",
        decision_date=D(2026, 3, 2),
        issuer="Chánh án TAND tỉnh Thanh Hóa",
        note="",
        actor=cluster_secretary,
    )
    with pytest.raises(InputError) as caught:
        _import(_csv(ROW_2023.format(revoked="Không")), cluster_secretary)
    message = caught.value.errors[0].message
    assert "Dòng 2" in message and "Đã thu hồi" in message and "15/QĐ-TA 02/03/2026" in message
    assert AwardRecord.objects.get(pk=award.pk).revoked
    # without the column, what is recorded stays as it is
    header = HEADER.replace(",Đã thu hồi", "")
    row = "CB001,Nguyễn Văn An,PT-thanh_hoa,2023,,CSTĐCS,12/QĐ-TA,20/11/2023"
    report = _import(_csv(row, header=header), cluster_secretary)
    assert report.revoked == [] and AwardRecord.objects.get(pk=award.pk).revoked


def test_the_cascade_of_an_import_is_set_based(
    world, cluster_secretary, django_assert_max_num_queries
):
    """Revocations, flags and their audit rows: the same queries for 3 rows as for 30."""
    from tdkt.awards.revocation import revoke_imported
    from tdkt.org.models import Organisation

    Organisation.current()
    counts = []
    for size in (3, 30):
        awards = []
        for index in range(size):
            p = f.make_person(f"Người {size}-{index}", world.thanh_hoa)
            awards.append(
                af.award(p, "grassroots_emulation_fighter", 2024, decision_date=D(2024, 11, 20))
            )
            af.award(p, "sector_certificate_of_merit", 2025)
        AwardRecord.objects.filter(pk__in=[a.pk for a in awards]).update(revoked=True)
        items = [
            (a, "grassroots_emulation_fighter")
            for a in AwardRecord.objects.filter(pk__in=[a.pk for a in awards]).select_related(
                "title", "person"
            )
        ]
        with django_assert_max_num_queries(30) as captured:
            flags = revoke_imported(awards=items, actor=cluster_secretary, note="tệp")
        assert len(flags) == size
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_command_lists_the_flagged_awards(an, tmp_path):
    _person, tand, _tq = an
    path = tmp_path / "lich-su.csv"
    path.write_bytes(_csv(ROW_2023.format(revoked="Có")))
    out = io.StringIO()
    call_command("import_awards_history", str(path), stdout=out)
    text = out.getvalue()
    assert "Thu hồi: CB001 — Nguyễn Văn An — 2023" in text
    assert f"Cần xem xét lại: {tand}" in text


def test_a_whole_import_that_revokes_is_set_based(world, cluster_secretary):
    """The same queries for 3 people as for 30, revocations and flags included."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (3, 30):
        lines = []
        for index in range(size):
            code = f"Q{size}-{index}"
            p = f.make_person(f"Người {index}", world.thanh_hoa, code=code)
            af.award(p, "grassroots_emulation_fighter", 2023)
            af.award(p, "sector_emulation_fighter", 2025)
            lines += [
                f"{code},,PT-thanh_hoa,2023,HTXSNV,CSTĐCS,1/QĐ,20/11/2023,Có",
                f"{code},,PT-thanh_hoa,2024,,CSTĐCS,2/QĐ,20/11/2024,Không",
            ]
        with CaptureQueriesContext(connection) as captured:
            report = _import(_csv(*lines), cluster_secretary)
        assert len(report.revoked) == size and len(report.flagged) == size
        counts.append(len(captured.captured_queries))
    assert counts[1] <= counts[0]
