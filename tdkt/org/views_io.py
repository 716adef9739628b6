"""Import and export pages for units, people and employment: gate, then service, then render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.errors import InputError, RowError
from tdkt.org.access import can_edit_registry, has_any_role, unit_scope_ids
from tdkt.org.exports import export_workbook, template_workbook
from tdkt.org.forms_io import ImportForm
from tdkt.org.io import FORMATS, ImportReport, run_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _may_import(user: object, kind: str) -> bool:
    if kind == "units":
        return can_edit_registry(user)
    scope = unit_scope_ids(user, write=True)
    return scope is None or bool(scope)


def _gate(user: object, kind: str, *, write: bool = False) -> set[int] | None:
    """The units `user` may import `kind` for (None: every unit). 404 for an outsider or an
    unknown kind, 403 for a read-only role trying to import."""
    if not has_any_role(user) or kind not in FORMATS:
        raise Http404
    if write and not _may_import(user, kind):
        raise PermissionDenied
    return unit_scope_ids(user, write=True) if write and kind != "units" else None


def _page(
    request: AuthedRequest,
    *,
    kind: str = "",
    report: ImportReport | None = None,
    errors: list[RowError] | None = None,
) -> HttpResponse:
    cards = [
        {
            "spec": spec,
            "can_import": _may_import(request.user, spec.kind),
            "form": ImportForm(initial={"kind": spec.kind}, auto_id=f"id_{spec.kind}_%s"),
        }
        for spec in FORMATS.values()
    ]
    context = {
        "cards": cards,
        "kind": kind,
        "report": report,
        "errors": errors or [],
        "format": FORMATS.get(kind),
    }
    template = (
        "org/io/import_list.html#import-report" if is_htmx(request) else "org/io/import_list.html"
    )
    return render(request, template, context)


@require_http_methods(["GET"])
@login_required
def import_list(request: AuthedRequest) -> HttpResponse:
    if not has_any_role(request.user):
        raise Http404
    return _page(request)


@require_http_methods(["POST"])
@login_required
def import_upload(request: AuthedRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    scope = _gate(request.user, kind, write=True)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [RowError(None, "", str(m)) for field in form.errors.values() for m in field]
        return _page(request, kind=kind, errors=errors)
    try:
        report = run_import(
            kind,
            data=form.data_bytes,
            filename=form.cleaned_data["file"].name,
            actor=request.user,
            writable_unit_ids=scope,
            dry_run=form.cleaned_data["dry_run"],
        )
    except InputError as exc:
        return _page(request, kind=kind, errors=exc.errors)
    return _page(request, kind=kind, report=report)


@require_http_methods(["GET"])
@login_required
def import_template(request: AuthedRequest, kind: str) -> HttpResponse:
    _gate(request.user, kind)
    response = HttpResponse(template_workbook(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="tdkt-{kind}-template.xlsx"'
    return response


@require_http_methods(["GET"])
@login_required
def export(request: AuthedRequest, kind: str) -> HttpResponse:
    _gate(request.user, kind)
    response = HttpResponse(export_workbook(kind, user=request.user), content_type=XLSX)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="tdkt-{kind}-{stamp}.xlsx"'
    return response
