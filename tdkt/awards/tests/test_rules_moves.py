"""IND-05 transfers and secondments: the months at each court, the former court's comments from
6 months of the year there, the host court's comments during a secondment, a successor's comments
when the court no longer exists (§11.4), and service shown by employment when the recruitment
date is missing. Court year 2025 runs 01/10/2024 – 30/09/2025."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from tdkt.awards.models import TransferComment
from tdkt.awards.rules import Status
from tdkt.awards.rules.facts import load_facts
from tdkt.awards.rules.moves import months_and_days
from tdkt.awards.tests import factories as af
from tdkt.org.models import Employment, LineageEvent, LineageLink, Unit
from tests import factories as f

D = dt.date
LDTT, CSTDCS = "advanced_worker", "grassroots_emulation_fighter"


def _moved(old, new, day, name="Lê Văn Chuyển", **kw):
    """Employed at `old` since 2015, transferred to `new` on `day`."""
    kw.setdefault("recruited_on", D(2015, 1, 1))
    person = f.make_person(name, old, start=D(2015, 1, 1), **kw)
    person.employments.update(end=day - dt.timedelta(days=1))
    Employment.objects.create(
        person=person, unit=new, position="Thư ký Tòa án", kind="transfer", start=day
    )
    af.rate(person, 2025, "excellent")
    return person


def _comment(person, source, *, kind="transfer", owner=None, **kw):
    return TransferComment.objects.create(
        unit=owner or person.employments.order_by("-start").first().unit,
        person=person,
        year=kw.pop("year", 2025),
        kind=kind,
        source_unit=source,
        given_on=kw.pop("given_on", D(2025, 4, 10)),
        summary="Hoàn thành tốt nhiệm vụ, chấp hành nghiêm kỷ luật.",
        reference=kw.pop("reference", "15/TA-VP"),
        **kw,
    )


def _texts(verdict) -> str:
    with translation.override("vi"):
        return " ".join(verdict.reason_texts)


def test_months_and_days_at_the_boundaries():
    assert months_and_days([(D(2024, 10, 1), D(2025, 3, 31))]) == (6, 0)
    assert months_and_days([(D(2024, 10, 1), D(2025, 3, 30))]) == (5, 30)
    assert months_and_days([(D(2024, 10, 1), D(2025, 4, 1))]) == (6, 1)
    assert months_and_days([(D(2025, 4, 2), D(2025, 9, 30))]) == (5, 29)
    assert months_and_days([(D(2024, 10, 1), D(2025, 9, 30))]) == (12, 0)
    # two periods add up, 30 days making a month
    assert months_and_days(
        [(D(2024, 10, 1), D(2024, 10, 20)), (D(2025, 1, 1), D(2025, 1, 10))]
    ) == (
        1,
        0,
    )


def test_transfer_on_1_april_is_exactly_six_months_and_needs_the_comments(world, run):
    person = _moved(world.nghe_an, world.thanh_hoa, D(2025, 4, 1))
    verdicts = run(2025, world.thanh_hoa)
    ldtt, cstdcs = verdicts[(person.code, LDTT)], verdicts[(person.code, CSTDCS)]
    assert ldtt.status == Status.REVIEW and cstdcs.status == Status.REVIEW
    for verdict in (ldtt, cstdcs):
        text = _texts(verdict)
        assert "Tòa án nhân dân tỉnh Nghệ An" in text
        assert "6 tháng 0 ngày" in text and "01/10/2024 – 31/03/2025" in text
        assert "chưa có" in text  # what is missing
    assert ldtt.unit_id == world.thanh_hoa.pk
    assert "Tòa án nhân dân tỉnh Thanh Hóa: 6 tháng 0 ngày" in _texts(ldtt)  # the new unit


def test_the_comments_on_file_settle_it(world, run):
    person = _moved(world.nghe_an, world.thanh_hoa, D(2025, 4, 1))
    _comment(person, world.nghe_an)
    verdicts = run(2025, world.thanh_hoa)
    assert verdicts[(person.code, LDTT)].status == Status.PASS
    assert verdicts[(person.code, CSTDCS)].status == Status.PASS
    text = _texts(verdicts[(person.code, LDTT)])
    assert "Có ý kiến nhận xét của Tòa án nhân dân tỉnh Nghệ An ngày 10/04/2025 (15/TA-VP)" in text


def test_five_months_thirty_days_needs_no_comments(world, run):
    person = _moved(world.nghe_an, world.thanh_hoa, D(2025, 3, 31))
    verdict = run(2025, world.thanh_hoa)[(person.code, LDTT)]
    assert verdict.status == Status.PASS
    assert "5 tháng 30 ngày" in _texts(verdict)


def test_transfer_on_2_april_still_needs_them_and_shows_the_new_units_months(world, run):
    person = _moved(world.nghe_an, world.thanh_hoa, D(2025, 4, 2))
    verdict = run(2025, world.thanh_hoa)[(person.code, LDTT)]
    assert verdict.status == Status.REVIEW
    text = _texts(verdict)
    assert "6 tháng 1 ngày" in text  # at the former court
    assert "Tòa án nhân dân tỉnh Thanh Hóa: 5 tháng 29 ngày" in text  # 02/04 – 30/09


def test_a_comment_of_another_year_or_kind_does_not_count(world, run):
    person = _moved(world.nghe_an, world.thanh_hoa, D(2025, 4, 1))
    _comment(person, world.nghe_an, year=2024)
    _comment(person, world.nghe_an, kind="secondment")
    assert run(2025, world.thanh_hoa)[(person.code, LDTT)].status == Status.REVIEW


def test_the_former_courts_run_knows_the_new_unit_assesses(world, run):
    person = _moved(world.nghe_an, world.thanh_hoa, D(2025, 6, 1))
    verdict = run(2025, world.nghe_an)[(person.code, LDTT)]
    assert verdict.unit_id == world.thanh_hoa.pk  # not the scope's own court
    assert verdict.status == Status.REVIEW  # the prompt for Nghệ An to give its comments


def test_moving_between_departments_of_one_court_is_no_transfer(world, run):
    criminal = f.make_unit("Tòa Hình sự", Unit.Level.DEPARTMENT, parent=world.thanh_hoa)
    office = f.make_unit("Văn phòng", Unit.Level.DEPARTMENT, parent=world.thanh_hoa)
    person = _moved(office, criminal, D(2025, 6, 1))
    verdict = run(2025, world.thanh_hoa)[(person.code, LDTT)]
    assert verdict.status == Status.PASS
    assert "Tòa án nhân dân tỉnh Thanh Hóa: 12 tháng 0 ngày" in _texts(verdict)


def test_a_renamed_court_is_the_same_unit(world, run):
    old = f.make_unit("Tòa án nhân dân tỉnh Cũ", parent=world.spc, valid_to=D(2025, 1, 31))
    new = f.make_unit("Tòa án nhân dân tỉnh Mới", parent=world.spc, valid_from=D(2025, 2, 1))
    event = LineageEvent.objects.create(kind="renamed", effective_date=D(2025, 2, 1))
    LineageLink.objects.create(event=event, predecessor=old, successor=new)
    person = _moved(old, new, D(2025, 2, 1))
    verdict = run(2025, new)[(person.code, LDTT)]
    assert verdict.status == Status.PASS
    assert "cùng một đơn vị" in _texts(verdict)


def test_maternity_leave_at_the_former_court_counts_as_months_there(world, run):
    person = _moved(world.nghe_an, world.thanh_hoa, D(2025, 4, 1), gender="female")
    af.leave(person, D(2024, 11, 1), D(2025, 3, 31))
    verdict = run(2025, world.thanh_hoa)[(person.code, LDTT)]
    assert verdict.status == Status.REVIEW  # 6 months at Nghệ An, the leave included
    assert "6 tháng 0 ngày" in _texts(verdict)
    assert "01/11/2024" in _texts(verdict)  # the leave is shown as working time


def _seconded(home, host, start, end, name="Đào Thị Biệt Phái"):
    person = f.make_person(name, home, start=D(2015, 1, 1), recruited_on=D(2015, 1, 1))
    Employment.objects.create(
        person=person, unit=host, position="Chuyên viên", kind="secondment", start=start, end=end
    )
    af.rate(person, 2025, "good")
    return person


def test_secondment_the_sending_unit_assesses_with_the_hosts_comments(world, run):
    person = _seconded(world.thanh_hoa, world.nghe_an, D(2025, 1, 1), D(2025, 6, 30))
    verdicts = run(2025, world.thanh_hoa)
    verdict = verdicts[(person.code, LDTT)]
    assert verdict.unit_id == world.thanh_hoa.pk  # the secondment started later: not the unit
    assert verdict.status == Status.REVIEW
    text = _texts(verdict)
    assert "Tòa án nhân dân tỉnh Nghệ An" in text and "01/01/2025 – 30/06/2025" in text
    assert "6 tháng 0 ngày" in text
    assert "Tòa án nhân dân tỉnh Thanh Hóa: 6 tháng 0 ngày" in text  # at home, the rest
    _comment(person, world.nghe_an, kind="secondment", owner=world.thanh_hoa)
    verdict = run(2025, world.thanh_hoa)[(person.code, LDTT)]
    assert verdict.status == Status.PASS
    assert "đơn vị cử biệt phái" in _texts(verdict)


def test_secondment_keeps_the_collective_membership_at_home(world, run):
    person = _seconded(world.thanh_hoa, world.nghe_an, D(2025, 1, 1), D(2025, 6, 30))
    sector = load_facts(year=2025, unit_ids=None)
    assert person.pk in sector.units[world.thanh_hoa.pk].members
    assert person.pk not in sector.units[world.nghe_an.pk].members
    assert sector.people[person.pk].unit_id == world.thanh_hoa.pk
    host = load_facts(year=2025, unit_ids={world.nghe_an.pk})
    assert person.pk not in host.units[world.nghe_an.pk].members
    assert host.people[person.pk].unit_id == world.thanh_hoa.pk
    home = load_facts(year=2025, unit_ids={world.thanh_hoa.pk})
    assert person.pk in home.units[world.thanh_hoa.pk].members


def test_a_secondment_alone_names_no_sending_unit(world, run):
    person = f.make_person("Chỉ Biệt Phái", world.nghe_an, recruited_on=D(2015, 1, 1))
    person.employments.update(kind="secondment", start=D(2025, 1, 1))
    af.rate(person, 2025, "good")
    verdict = run(2025, world.nghe_an)[(person.code, LDTT)]
    assert verdict.status == Status.REVIEW
    assert "đơn vị cử biệt phái" in _texts(verdict)
    assert person.pk in load_facts(year=2025, unit_ids=None).units[world.nghe_an.pk].members


def test_a_court_that_no_longer_exists_its_successors_comments(world, run):
    """Hải Dương merged into Hải Phòng on 01/07/2025: 9 months at Hải Dương."""
    person = _moved(world.old_hai_duong, world.hai_phong, D(2025, 7, 1), name="Vũ Văn Hợp")
    verdict = run(2025, world.hai_phong)[(person.code, LDTT)]
    assert verdict.status == Status.REVIEW
    text = _texts(verdict)
    assert "Tòa án nhân dân tỉnh Hải Dương" in text and "9 tháng 0 ngày" in text
    assert "Tòa án nhân dân thành phố Hải Phòng" in text  # who may give them
    assert "30/06/2025" in text
    _comment(
        person,
        world.old_hai_duong,
        successor=world.hai_phong,
        successor_reason="Tòa án tỉnh Hải Dương đã kết thúc hoạt động từ 01/07/2025",
        given_on=D(2025, 9, 15),
    )
    verdict = run(2025, world.hai_phong)[(person.code, LDTT)]
    assert verdict.status == Status.PASS
    text = _texts(verdict)
    assert "đơn vị kế thừa" in text and "đã kết thúc hoạt động từ 01/07/2025" in text
    assert "15/09/2025" in text


def test_a_successors_comments_while_the_court_still_existed_do_not_count(world, run):
    person = _moved(world.old_hai_duong, world.hai_phong, D(2025, 7, 1), name="Vũ Văn Sớm")
    _comment(
        person,
        world.old_hai_duong,
        successor=world.hai_phong,
        successor_reason="Ý kiến trước khi hợp nhất",
        given_on=D(2025, 6, 1),
    )
    verdict = run(2025, world.hai_phong)[(person.code, LDTT)]
    assert verdict.status == Status.REVIEW
    assert "vẫn cần ý kiến nhận xét" in _texts(verdict)


def test_missing_recruitment_date_rests_on_the_employment_history(world, run):
    long_serving = f.make_person("Không Ngày Tuyển", world.thanh_hoa, start=D(2015, 1, 1))
    newcomer = f.make_person("Mới Vào", world.thanh_hoa, start=D(2025, 5, 1))
    nothing = f.make_person("Có Ngày", world.thanh_hoa, start=D(2015, 1, 1))
    nothing.recruited_on = D(2015, 1, 1)
    nothing.save()
    for person in (long_serving, newcomer, nothing):
        af.rate(person, 2025, "good")
    verdicts = run(2025, world.thanh_hoa)
    proven = verdicts[(long_serving.code, LDTT)]
    assert proven.status == Status.PASS
    assert "01/01/2015" in _texts(proven) and "quá trình công tác" in _texts(proven)
    assert verdicts[(newcomer.code, LDTT)].status == Status.REVIEW
    assert "01/05/2025" in _texts(verdicts[(newcomer.code, LDTT)])
    facts = load_facts(year=2025, unit_ids={world.thanh_hoa.pk})
    assert facts.people[nothing.pk].service is None  # the common case loads nothing more


def test_the_former_courts_history_counts_as_service_too(world, run):
    person = _moved(world.nghe_an, world.thanh_hoa, D(2025, 9, 1), recruited_on=None)
    verdict = run(2025, world.thanh_hoa)[(person.code, LDTT)]
    assert "01/01/2015" in _texts(verdict)


def test_people_with_one_employment_get_no_service_facts(world):
    people = [
        f.make_person(f"Người {i}", world.thanh_hoa, recruited_on=D(2015, 1, 1)) for i in range(3)
    ]
    facts = load_facts(year=2025, unit_ids=None)
    assert all(facts.people[p.pk].service is None for p in people)
