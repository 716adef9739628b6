"""Score sheets: the sector's seed, editing, versions, and drafting a pledge from a sheet."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tdkt.core.audit import record_event, snapshot
from tdkt.core.errors import WorkflowError
from tdkt.core.text import clean_text
from tdkt.movements.models import Pledge
from tdkt.movements.services import ItemSpec, create_pledge
from tdkt.org.models import ClusterTerm
from tdkt.scoring.models import Criterion, Indicator, ScoreSheet, ScoringRound

BASIS = "QĐ 22/QĐ-TANDTC-TĐKT (30/07/2020), bảng 3"
K = Criterion.Kind
I = Indicator  # noqa: E741  (short name inside the seed table only)


@dataclass(frozen=True)
class Row:
    """One line of a sheet: its code, parent code, name, kind, points and method."""

    code: str
    parent: str
    name: str
    kind: str
    max_points: Decimal
    indicator: str = ""
    target: Decimal | None = None
    points_per_percent: Decimal = Decimal(1)


def _r(
    code: str,
    parent: str,
    name: str,
    kind: str,
    points: int,
    indicator: str = "",
    target: float | None = None,
    k: float = 1,
) -> Row:
    return Row(
        code,
        parent,
        name,
        kind,
        Decimal(points),
        indicator,
        None if target is None else Decimal(str(target)),
        Decimal(str(k)),
    )


# The structure of the sector's sheet for provincial and district/regional courts (QĐ 22/2020,
# sheet 3; RULES.md CLU-10) with the indicators of COURT-04 and the National Assembly targets of
# COURT-05. The points are illustrative (their weights are not in our sources) and editable.
_COMMON_TAIL = (
    _r("2", "", "Công tác tổ chức cán bộ, xây dựng Đảng và đoàn thể", K.GROUP, 0),
    _r("2.1", "2", "Kiện toàn tổ chức bộ máy, quản lý và đào tạo cán bộ", K.CRITERION, 8),
    _r("2.2", "2", "Giữ gìn kỷ luật, kỷ cương công vụ; không có cán bộ vi phạm", K.CRITERION, 8),
    _r("3", "", "Công tác thi đua, khen thưởng", K.GROUP, 0),
    _r("3.1", "3", "Phát động, tổ chức phong trào thi đua và ký kết giao ước", K.CRITERION, 6),
    _r("3.2", "3", "Phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến", K.CRITERION, 4),
    _r("3.3", "3", "Báo cáo thi đua, khen thưởng đầy đủ, đúng hạn", K.CRITERION, 4),
    _r("4", "", "Công tác văn phòng, hành chính tư pháp và tài chính", K.GROUP, 0),
    _r("4.1", "4", "Cải cách hành chính tư pháp, ứng dụng công nghệ thông tin", K.CRITERION, 6),
    _r("4.2", "4", "Quản lý tài chính, tài sản công đúng quy định", K.CRITERION, 4),
    _r(
        "T1", "", "Điểm thưởng: sáng kiến, mô hình mới được cấp có thẩm quyền công nhận", K.BONUS, 5
    ),
    _r("TR1", "", "Điểm trừ: cán bộ bị xử lý kỷ luật, để xảy ra án oan", K.PENALTY, 10),
)
_QUALITY = (
    _r("1.2", "1", "Chất lượng giải quyết án", K.GROUP, 0),
    _r("1.2.1", "1.2", "Tỷ lệ án bị hủy, sửa do nguyên nhân chủ quan", K.CRITERION, 10,
       I.ANNULLED, 1.5, 2),
    _r("1.2.2", "1.2", "Tỷ lệ án quá hạn luật định", K.CRITERION, 6, I.OVERDUE, 0, 2),
)  # fmt: skip
SEED: dict[str, tuple[Row, ...]] = {
    ScoreSheet.Level.PROVINCIAL: (
        _r("1", "", "Công tác chuyên môn, nghiệp vụ", K.GROUP, 0),
        _r("1.1", "1", "Giải quyết, xét xử các loại án", K.GROUP, 0),
        _r(
            "1.1.1",
            "1.1",
            "Tỷ lệ giải quyết án hình sự",
            K.CRITERION,
            10,
            I.RESOLUTION_CRIMINAL,
            88,
        ),
        _r("1.1.2", "1.1", "Tỷ lệ giải quyết án dân sự", K.CRITERION, 8, I.RESOLUTION_CIVIL, 78),
        _r(
            "1.1.3",
            "1.1",
            "Tỷ lệ giải quyết án hôn nhân và gia đình",
            K.CRITERION,
            6,
            I.RESOLUTION_FAMILY,
            78,
        ),
        _r(
            "1.1.4",
            "1.1",
            "Tỷ lệ giải quyết án kinh doanh, thương mại",
            K.CRITERION,
            4,
            I.RESOLUTION_BUSINESS,
            78,
        ),
        _r("1.1.5", "1.1", "Tỷ lệ giải quyết án lao động", K.CRITERION, 2, I.RESOLUTION_LABOUR, 78),
        _r(
            "1.1.6", "1.1", "Tỷ lệ giải quyết án hành chính", K.CRITERION, 6, I.RESOLUTION_ADMIN, 60
        ),
        *_QUALITY,
        _r("1.3", "1", "Hòa giải, đối thoại và phiên tòa trực tuyến", K.GROUP, 0),
        _r("1.3.1", "1.3", "Tỷ lệ hòa giải, đối thoại thành", K.CRITERION, 4, I.MEDIATION, 20, 0.5),
        _r("1.3.2", "1.3", "Tỷ lệ phiên tòa trực tuyến", K.CRITERION, 4, I.ONLINE, 10, 0.5),
        *_COMMON_TAIL,
    ),
    ScoreSheet.Level.LOCAL: (
        _r("1", "", "Công tác chuyên môn, nghiệp vụ", K.GROUP, 0),
        _r("1.1", "1", "Giải quyết, xét xử các loại án", K.GROUP, 0),
        _r(
            "1.1.1",
            "1.1",
            "Tỷ lệ giải quyết án hình sự",
            K.CRITERION,
            12,
            I.RESOLUTION_CRIMINAL,
            88,
        ),
        _r("1.1.2", "1.1", "Tỷ lệ giải quyết án dân sự", K.CRITERION, 10, I.RESOLUTION_CIVIL, 78),
        _r(
            "1.1.3",
            "1.1",
            "Tỷ lệ giải quyết án hôn nhân và gia đình",
            K.CRITERION,
            8,
            I.RESOLUTION_FAMILY,
            78,
        ),
        _r(
            "1.1.4", "1.1", "Tỷ lệ giải quyết án hành chính", K.CRITERION, 6, I.RESOLUTION_ADMIN, 60
        ),
        *_QUALITY,
        _r("1.3", "1", "Hòa giải, đối thoại thành", K.CRITERION, 8, I.MEDIATION, 20, 0.5),
        *_COMMON_TAIL,
    ),
}
SEED_NAMES: dict[str, str] = {
    ScoreSheet.Level.PROVINCIAL: "Bảng chấm điểm thi đua Tòa án nhân dân cấp tỉnh",
    ScoreSheet.Level.LOCAL: "Bảng chấm điểm thi đua Tòa án nhân dân cấp huyện, khu vực",
}


def sheet_in_use(sheet: ScoreSheet) -> bool:
    return ScoringRound.objects.filter(sheet=sheet).exists()


def _check_rows(rows: list[Row]) -> None:
    codes = [r.code for r in rows]
    if len(set(codes)) != len(codes):
        raise WorkflowError(_("Every criterion code must be unique in a sheet."))
    known = set(codes)
    if any(r.parent and r.parent not in known for r in rows):
        raise WorkflowError(_("A parent code names no criterion of the sheet."))


@transaction.atomic
def create_sheet(
    *,
    name: str,
    year: int,
    level: str,
    rows: list[Row],
    actor: Any,
    basis: str = "",
    note: str = "",
) -> ScoreSheet:
    """A new sheet (the next version for its year and level) with `rows` as its tree."""
    _check_rows(rows)
    last = ScoreSheet.objects.filter(year=year, level=level).order_by("-version").first()
    sheet = ScoreSheet(
        name=clean_text(name),
        year=year,
        level=level,
        version=(last.version + 1) if last else 1,
        basis=clean_text(basis),
        note=clean_text(note),
    )
    sheet.full_clean()
    sheet.save()
    criteria = [
        Criterion(
            sheet=sheet,
            code=r.code,
            name=clean_text(r.name),
            kind=r.kind,
            max_points=r.max_points,
            method=Criterion.Method.INDICATOR if r.indicator else Criterion.Method.MANUAL,
            indicator=r.indicator,
            target=r.target,
            points_per_percent=r.points_per_percent,
            position=position,
        )
        for position, r in enumerate(rows)
    ]
    for c in criteria:
        c.full_clean(exclude=["sheet", "parent"])
    Criterion.objects.bulk_create(criteria)
    by_code = {c.code: c for c in criteria}
    children = []
    for r in rows:
        if r.parent:
            by_code[r.code].parent = by_code[r.parent]
            children.append(by_code[r.code])
    Criterion.objects.bulk_update(children, ["parent"])
    record_event(
        "scoring.sheet.created",
        actor=actor,
        target=sheet,
        after={**snapshot(sheet, ScoreSheet.AUDITED_FIELDS), "criteria": len(rows)},
    )
    return sheet


def rows_of(sheet: ScoreSheet) -> list[Row]:
    return [
        Row(
            c.code,
            c.parent.code if c.parent else "",
            c.name,
            c.kind,
            c.max_points,
            c.indicator,
            c.target,
            c.points_per_percent,
        )
        for c in sheet.criteria.select_related("parent").order_by("position", "pk")
    ]


def seed_sector_sheets(*, year: int, actor: Any) -> list[ScoreSheet]:
    """The sector's two sheets for `year`, unless that year already has them."""
    sheets = []
    for level, rows in SEED.items():
        existing = ScoreSheet.objects.filter(year=year, level=level).order_by("version").first()
        sheets.append(
            existing
            or create_sheet(
                name=SEED_NAMES[level],
                year=year,
                level=level,
                rows=list(rows),
                actor=actor,
                basis=BASIS,
                note="Cấu trúc theo QĐ 22/QĐ-TANDTC-TĐKT; số điểm minh họa, có thể sửa.",
            )
        )
    return sheets


def new_version(*, sheet: ScoreSheet, actor: Any) -> ScoreSheet:
    return create_sheet(
        name=sheet.name,
        year=sheet.year,
        level=sheet.level,
        rows=rows_of(sheet),
        actor=actor,
        basis=sheet.basis,
        note=sheet.note,
    )


@transaction.atomic
def update_criterion(*, criterion: Criterion, actor: Any, **changes: Any) -> bool:
    _require_unused(criterion.sheet)
    before = snapshot(criterion, Criterion.AUDITED_FIELDS)
    for name, value in changes.items():
        setattr(criterion, name, clean_text(value) if isinstance(value, str) else value)
    if criterion.method == Criterion.Method.MANUAL:
        criterion.indicator = ""
    criterion.full_clean()
    criterion.save()
    after = snapshot(criterion, Criterion.AUDITED_FIELDS)
    if before == after:
        return False
    record_event(
        "scoring.criterion.updated", actor=actor, target=criterion, before=before, after=after
    )
    return True


def _unit_label(criterion: Criterion) -> str:
    return "%" if criterion.method == Criterion.Method.INDICATOR else ""


@transaction.atomic
def draft_pledge(
    *, sheet: ScoreSheet, term: ClusterTerm, year: int, actor: Any
) -> tuple[Pledge, ScoringRound]:
    """The secretariat drafts `term`'s pledge for `year` from `sheet`; the round that will score
    it is created with it, so the signed pledge becomes that year's score sheet."""
    if year not in (term.year, term.year + 1):
        raise WorkflowError(_("A term pledges for its own year or the next one."))
    scored = [c for c in sheet.criteria.order_by("position", "pk") if c.is_scored]
    items = [
        ItemSpec(
            criterion_code=c.code,
            label=c.name,
            target=c.target if c.method == Criterion.Method.INDICATOR else None,
            unit_label=_unit_label(c),
        )
        for c in scored
    ]
    title = f"Giao ước thi đua năm {year} — {term.name}"
    pledge = create_pledge(
        term=term, year=year, title=title, sheet_label=str(sheet), items=items, actor=actor
    )
    scoring_round = ScoringRound.objects.create(pledge=pledge, sheet=sheet)
    record_event(
        "scoring.round.created",
        actor=actor,
        target=scoring_round,
        after=snapshot(scoring_round, ScoringRound.AUDITED_FIELDS),
    )
    return pledge, scoring_round


def _require_unused(sheet: ScoreSheet) -> None:
    if sheet_in_use(sheet):
        raise WorkflowError(_("This sheet is used by a pledge; make a new version to change it."))


@transaction.atomic
def add_criterion(
    *, sheet: ScoreSheet, actor: Any, parent: Criterion | None = None, **fields: Any
) -> Criterion:
    """A new line of `sheet`, placed after the last line below `parent` (or at the end)."""
    _require_unused(sheet)
    ScoreSheet.objects.select_for_update().filter(pk=sheet.pk).first()  # one writer per sheet
    if parent is not None and (parent.sheet_id != sheet.pk or not _may_hold(parent)):
        raise WorkflowError(_("A line can only be placed under a group or a criterion."))
    ordered = list(
        sheet.criteria.order_by("position", "pk").values_list("pk", "parent_id", "position")
    )
    position = (ordered[-1][2] + 1) if ordered else 0
    if parent is not None:
        below = {parent.pk}
        position = parent.position + 1
        for pk, parent_id, at in ordered:
            if parent_id in below:
                below.add(pk)
                position = at + 1
        Criterion.objects.filter(sheet=sheet, position__gte=position).update(
            position=F("position") + 1
        )
    criterion = Criterion(sheet=sheet, parent=parent, position=position)
    for name, value in fields.items():
        setattr(criterion, name, clean_text(value) if isinstance(value, str) else value)
    if criterion.method == Criterion.Method.MANUAL:
        criterion.indicator = ""
    criterion.full_clean()
    criterion.save()
    record_event(
        "scoring.criterion.added",
        actor=actor,
        target=criterion,
        after={
            **snapshot(criterion, Criterion.AUDITED_FIELDS),
            "parent": parent.code if parent else "",
        },
    )
    return criterion


def _may_hold(criterion: Criterion) -> bool:
    return criterion.kind in (Criterion.Kind.GROUP, Criterion.Kind.CRITERION)


@transaction.atomic
def remove_criterion(*, criterion: Criterion, actor: Any) -> None:
    """Removes a line without lines below it; the sheet's history keeps what it was."""
    _require_unused(criterion.sheet)
    if Criterion.objects.filter(parent=criterion).exists():
        raise WorkflowError(_("Remove the lines below this one first."))
    record_event(
        "scoring.criterion.removed",
        actor=actor,
        target=criterion.sheet,
        before={
            **snapshot(criterion, Criterion.AUDITED_FIELDS),
            "parent": criterion.parent.code if criterion.parent else "",
        },
    )
    criterion.delete()
