"""Demo data: synthetic staff of the 2022 Cụm thi đua số 1 and five demo users, one per persona.

Every person here is invented: names are drawn with a fixed seed from lists of common Vietnamese
family, middle and given names, and never taken from a real report. Loading twice changes
nothing: people are keyed by their staff code, units by code, users by user name.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from tdkt.core.audit import record_events_bulk, snapshot
from tdkt.core.text import clean_text, given_name, search_key
from tdkt.org.models import ClusterTerm, Employment, Person, Role, RoleAssignment, Unit
from tdkt.org.queries import LineageIndex
from tdkt.org.reference import REORGANISATION_DAY, load_reference
from tdkt.org.services import add_employment, create_person, create_unit, grant_role

DEMO_PASSWORD: Final = "tdkt-demo-2022"  # noqa: S105  (published in the README: demo only)
SEED: Final = 2022
THANH_HOA: Final = "PT-thanh_hoa"
NGHE_AN: Final = "PT-nghe_an"
COUNT_KEYS: Final = ("units", "people", "employments", "users", "roles")

# Internal departments of TAND tỉnh Thanh Hóa (demo only; not reference data).
DEPARTMENTS: Final[tuple[tuple[str, str], ...]] = (
    (f"{THANH_HOA}-VP", "Văn phòng"),
    (f"{THANH_HOA}-TCCB", "Phòng Tổ chức – Cán bộ"),
    (f"{THANH_HOA}-HS", "Tòa Hình sự"),
    (f"{THANH_HOA}-DS", "Tòa Dân sự"),
)


@dataclass(frozen=True)
class Persona:
    username: str
    full_name: str
    description: str
    roles: tuple[tuple[str, str | None], ...]  # (role, unit code or "term:2022" or None)
    person_code: str
    unit: str
    position: str
    is_judge: bool = False


PERSONAS: Final[tuple[Persona, ...]] = (
    Persona(
        "thuky.cum1",
        "Lê Thị Thu Hà",
        "Thư ký Cụm thi đua số 1 (2022), cán bộ thi đua TAND tỉnh Thanh Hóa",
        ((Role.CLUSTER_SECRETARY, "term:2022"), (Role.EMULATION_OFFICER, THANH_HOA)),
        "DEMO-P001",
        f"{THANH_HOA}-VP",
        "Chuyên viên thi đua – khen thưởng",
    ),
    Persona(
        "canbo.nghean",
        "Hoàng Thị Minh Ngọc",
        "Cán bộ thi đua TAND tỉnh Nghệ An",
        ((Role.EMULATION_OFFICER, NGHE_AN),),
        "DEMO-P002",
        NGHE_AN,
        "Chuyên viên thi đua – khen thưởng",
    ),
    Persona(
        "hoidong.thanhhoa",
        "Phạm Quang Vinh",
        "Thành viên Hội đồng Thi đua – Khen thưởng TAND tỉnh Thanh Hóa",
        ((Role.COUNCIL_MEMBER, THANH_HOA),),
        "DEMO-P003",
        THANH_HOA,
        "Phó Chánh án",
        is_judge=True,
    ),
    Persona(
        "vu.tdkt",
        "Đỗ Thị Hồng Nhung",
        "Vụ Thi đua – Khen thưởng TANDTC",
        ((Role.SPC_OFFICE, None),),
        "DEMO-P004",
        "TANDTC-TDKT",
        "Chuyên viên chính",
    ),
    Persona(
        "quantri",
        "Nguyễn Minh Khoa",
        "Quản trị hệ thống (bắt buộc xác thực hai lớp khi đăng nhập lần đầu)",
        ((Role.SYSTEM_ADMIN, None),),
        "DEMO-P005",
        "TANDTC-VP",
        "Chuyên viên công nghệ thông tin",
    ),
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FAMILY_NAMES: Final = _words(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh Lương Mai "
    "Trịnh Tạ Âu Cao Chu Đoàn Hà Kiều Lã Lại Quách Tô Từ Lò Mạc"
)
MIDDLE_NAMES: Final = {
    Person.Gender.MALE: _words("Văn Đức Minh Quang Hữu Công Thành Xuân Ngọc Mạnh Trọng Việt"),
    Person.Gender.FEMALE: _words("Thị Thu Ngọc Thanh Minh Hồng Kim Phương Thùy Mai Bích Diệu"),
}
GIVEN_NAMES: Final = {
    Person.Gender.MALE: _words(
        "An Ân Anh Bảo Bình Cường Dũng Duy Đức Đạt Giang Hải Hiếu Hùng Huy Khánh Khoa Long Lộc "
        "Minh Nam Phong Phúc Quân Sơn Tài Thắng Toàn Tuấn Tùng Việt Vinh"
    ),
    Person.Gender.FEMALE: _words(
        "Ánh Anh Ân Chi Diệp Dung Dương Hà Hạnh Hằng Hoa Hương Lan Linh Loan Mai Ngân Nhung "
        "Oanh Phương Quyên Thảo Thủy Trang Uyên Yến Ý"
    ),
}
# Thanh Hóa's first staff get these given names, whose order shows Vietnamese collation at work.
SORTING_SHOWCASE: Final = (
    ("Ánh", Person.Gender.FEMALE),
    ("Anh", Person.Gender.MALE),
    ("Ân", Person.Gender.FEMALE),
    ("An", Person.Gender.MALE),
    ("Đức", Person.Gender.MALE),
    ("Dũng", Person.Gender.MALE),
)
# Real people named in the 2022 news report: a synthetic name must never coincide with them.
_NAMES_TO_AVOID: Final = frozenset({"Nguyễn Văn Du", "Nguyễn Ngọc Tiến", "Nguyễn Quang Hải"})

JUDGE_POSITIONS: Final = ("Thẩm phán trung cấp", "Thẩm phán sơ cấp", "Thẩm phán trung cấp")
STAFF_POSITIONS: Final = (
    "Thư ký Tòa án",
    "Thẩm tra viên",
    "Chuyên viên",
    "Thư ký Tòa án",
    "Kế toán viên",
    "Văn thư",
)
DEPARTMENT_STAFF: Final = {
    f"{THANH_HOA}-VP": (
        ("Chánh Văn phòng", False),
        ("Chuyên viên", False),
        ("Kế toán viên", False),
        ("Văn thư", False),
    ),
    f"{THANH_HOA}-TCCB": (("Trưởng phòng", False), ("Chuyên viên", False), ("Chuyên viên", False)),
    f"{THANH_HOA}-HS": (
        ("Chánh tòa", True),
        ("Thẩm phán trung cấp", True),
        ("Thư ký Tòa án", False),
    ),
    f"{THANH_HOA}-DS": (
        ("Chánh tòa", True),
        ("Thẩm phán trung cấp", True),
        ("Thư ký Tòa án", False),
    ),
}


@dataclass(frozen=True)
class StaffSpec:
    code: str
    full_name: str
    gender: str
    birth_date: dt.date
    recruited_on: dt.date
    unit: str
    position: str
    is_judge: bool


def _names(rng: random.Random) -> Iterator[tuple[str, str]]:
    """Endless distinct (full name, gender) pairs; the first ones show off the collation."""
    used = set(_NAMES_TO_AVOID)
    showcase = list(SORTING_SHOWCASE)
    while True:
        if showcase:
            given, gender = showcase[0]
        else:
            gender = rng.choice([Person.Gender.MALE, Person.Gender.FEMALE])
            given = rng.choice(GIVEN_NAMES[gender])
        name = f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES[gender])} {given}"
        if name not in used and name.split()[1] != given:
            used.add(name)
            if showcase:
                showcase.pop(0)
            yield name, gender


def staff_specs(court_codes: list[str]) -> list[StaffSpec]:
    """10–16 staff per court, and 20 for TAND tỉnh Thanh Hóa across its departments."""
    rng = random.Random(SEED)  # noqa: S311  (demo names, not secrets)
    names = _names(rng)
    specs: list[StaffSpec] = []

    def add(unit: str, position: str, is_judge: bool) -> None:
        full_name, gender = next(names)
        born = dt.date(rng.randint(1966, 1996), rng.randint(1, 12), rng.randint(1, 28))
        recruited = dt.date(
            max(born.year + 23, 1992) + rng.randint(0, 6), rng.choice((1, 4, 7, 10)), 1
        )
        recruited = min(recruited, dt.date(2021, 9, 1))
        code = f"DEMO-{len(specs) + 1:04d}"
        specs.append(StaffSpec(code, full_name, gender, born, recruited, unit, position, is_judge))

    for court in [THANH_HOA, *[c for c in court_codes if c != THANH_HOA]]:
        if court == THANH_HOA:
            add(court, "Chánh án", True)
            add(court, "Phó Chánh án", True)
            for _round in range(2):
                for department, positions in DEPARTMENT_STAFF.items():
                    for position, is_judge in positions[_round::2]:
                        add(department, position, is_judge)
            while sum(s.unit.startswith(THANH_HOA) for s in specs) < 20:
                add(f"{THANH_HOA}-HS", "Thư ký Tòa án", False)
            continue
        add(court, "Chánh án", True)
        add(court, "Phó Chánh án", True)
        for _ in range(rng.randint(8, 14)):
            if rng.random() < 0.4:
                add(court, rng.choice(JUDGE_POSITIONS), True)
            else:
                add(court, rng.choice(STAFF_POSITIONS), False)
    return specs


@transaction.atomic
def load_demo(*, actor_label: str = "tdkt demo") -> dict[str, int]:
    """Synthetic people, their employment and the demo users; returns counts of created rows."""
    if not Unit.objects.filter(code=THANH_HOA).exists():
        load_reference()
    counts: Counter[str] = Counter(dict.fromkeys(COUNT_KEYS, 0))
    actor = actor_label
    _load_departments(actor, counts)
    term = ClusterTerm.objects.get(
        cluster__organising_unit__code="TANDTC", cluster__number=1, year=2022
    )
    courts = list(term.members.order_by("code").values_list("code", flat=True))
    _load_staff(staff_specs(courts), actor, counts)
    _load_histories(actor, counts)
    _load_personas(term, actor, counts)
    return dict(counts)


def _load_departments(actor: str, counts: Counter[str]) -> None:
    court = Unit.objects.get(code=THANH_HOA)
    existing = set(
        Unit.objects.filter(code__in=[c for c, _ in DEPARTMENTS]).values_list("code", flat=True)
    )
    for code, name in DEPARTMENTS:
        if code not in existing:
            create_unit(
                actor=actor,
                code=code,
                name=name,
                level=Unit.Level.DEPARTMENT,
                parent=court,
                province=court.province,
                note="Dữ liệu demo.",
            )
            counts["units"] += 1


def _load_staff(specs: list[StaffSpec], actor: str, counts: Counter[str]) -> None:
    existing = set(Person.objects.filter(code__startswith="DEMO-").values_list("code", flat=True))
    new = [s for s in specs if s.code not in existing]
    people = [
        Person(
            code=s.code,
            full_name=clean_text(s.full_name),
            given_name=given_name(s.full_name),  # as Person.save() does
            gender=s.gender,
            birth_date=s.birth_date,
            recruited_on=s.recruited_on,
            note="Người giả định (dữ liệu demo).",
            search_key=search_key(f"{clean_text(s.full_name)} {s.code}"),
        )
        for s in new
    ]
    Person.objects.bulk_create(people)
    record_events_bulk(
        "org.person.created",
        actor=actor,
        targets=[(p, None, snapshot(p, Person.AUDITED_FIELDS)) for p in people],
    )
    counts["people"] += len(people)
    units = {u.code: u for u in Unit.objects.filter(code__in={s.unit for s in new})}
    lineage = LineageIndex.load()
    employments: list[Employment] = []
    for person, spec in zip(people, new, strict=True):
        unit = units[spec.unit]
        start = spec.recruited_on
        end = unit.valid_to
        employments.append(
            Employment(
                person=person,
                unit=unit,
                position=spec.position,
                is_judge=spec.is_judge,
                start=start,
                end=end,
            )
        )
        if end is not None:  # the court merged on 01/07/2025: its staff moved to the successor
            for successor in lineage.successors_on(unit, REORGANISATION_DAY):
                position = "Phó Chánh án" if spec.position == "Chánh án" else spec.position
                employments.append(
                    Employment(
                        person=person,
                        unit=successor,
                        position=position,
                        is_judge=spec.is_judge,
                        kind=Employment.Kind.TRANSFER,
                        start=REORGANISATION_DAY,
                        note="Chuyển sang Tòa án cấp tỉnh mới khi hợp nhất (01/07/2025).",
                    )
                )
    Employment.objects.bulk_create(employments)
    record_events_bulk(
        "org.employment.created",
        actor=actor,
        targets=[(e, None, snapshot(e, Employment.AUDITED_FIELDS)) for e in employments],
    )
    counts["employments"] += len(employments)


def _load_histories(actor: str, counts: Counter[str]) -> None:
    """Two people whose careers cross courts, written through the services."""
    units = {
        u.code: u
        for u in Unit.objects.filter(
            code__in=["PT63-nam_dinh", f"{THANH_HOA}-HS", f"{THANH_HOA}-VP", NGHE_AN]
        )
    }
    if not Person.objects.filter(code="DEMO-T001").exists():
        # A transfer: Nam Định → Thanh Hóa in 2019, closing the Nam Định period.
        moved = create_person(
            actor=actor,
            code="DEMO-T001",
            full_name="Trịnh Văn Đức",
            gender=Person.Gender.MALE,
            birth_date=dt.date(1982, 3, 14),
            recruited_on=dt.date(2006, 9, 1),
            note="Người giả định (dữ liệu demo): điều động giữa hai Tòa án.",
        )
        add_employment(
            person=moved,
            actor=actor,
            unit=units["PT63-nam_dinh"],
            position="Thư ký Tòa án",
            start=dt.date(2006, 9, 1),
        )
        add_employment(
            person=moved,
            actor=actor,
            close_previous=True,
            unit=units[f"{THANH_HOA}-HS"],
            position="Thẩm phán sơ cấp",
            is_judge=True,
            kind=Employment.Kind.TRANSFER,
            start=dt.date(2019, 10, 1),
            note="Điều động từ TAND tỉnh Nam Định.",
        )
        counts["people"] += 1
        counts["employments"] += 2
    if not Person.objects.filter(code="DEMO-T002").exists():
        # A secondment: Thanh Hóa → Nghệ An for six months; the home period stays open.
        seconded = create_person(
            actor=actor,
            code="DEMO-T002",
            full_name="Đào Thị Ân",
            gender=Person.Gender.FEMALE,
            birth_date=dt.date(1988, 11, 2),
            recruited_on=dt.date(2012, 4, 1),
            note="Người giả định (dữ liệu demo): biệt phái.",
        )
        add_employment(
            person=seconded,
            actor=actor,
            unit=units[f"{THANH_HOA}-VP"],
            position="Chuyên viên",
            start=dt.date(2012, 4, 1),
        )
        add_employment(
            person=seconded,
            actor=actor,
            unit=units[NGHE_AN],
            position="Chuyên viên (biệt phái)",
            kind=Employment.Kind.SECONDMENT,
            start=dt.date(2021, 3, 1),
            end=dt.date(2021, 8, 31),
        )
        counts["people"] += 1
        counts["employments"] += 2


def _load_personas(term: ClusterTerm, actor: str, counts: Counter[str]) -> None:
    password: str | None = None
    for persona in PERSONAS:
        user = User.objects.filter(username=persona.username).first()
        if user is None:
            # One hash for the shared, published demo password keeps loading fast.
            password = password or make_password(DEMO_PASSWORD)
            user = User.objects.create(
                username=persona.username, first_name=persona.full_name, password=password
            )
            counts["users"] += 1
        for role, scope in persona.roles:
            _grant_once(user, role, scope, term, actor, counts)
        if not Person.objects.filter(code=persona.person_code).exists():
            person = create_person(
                actor=actor,
                code=persona.person_code,
                full_name=persona.full_name,
                note=f"Người giả định (dữ liệu demo): {persona.description}.",
            )
            add_employment(
                person=person,
                actor=actor,
                unit=Unit.objects.get(code=persona.unit),
                position=persona.position,
                is_judge=persona.is_judge,
                start=dt.date(2015, 1, 1),
            )
            counts["people"] += 1
            counts["employments"] += 1


def _grant_once(
    user: User, role: str, scope: str | None, term: ClusterTerm, actor: str, counts: Counter[str]
) -> None:
    kwargs: dict[str, Any] = {}
    if scope == "term:2022":
        kwargs["cluster_term"] = term
    elif scope is not None:
        kwargs["unit"] = Unit.objects.get(code=scope)
    if RoleAssignment.objects.filter(user=user, role=role, **kwargs).exists():
        return
    grant_role(actor=actor, user=user, role=role, **kwargs)
    counts["roles"] += 1


def demo_accounts() -> list[tuple[str, str]]:
    """(user name, what the persona does), for the `demo` command to print."""
    return [(p.username, p.description) for p in PERSONAS]
