"""Pages of documents: compose and issue, download, sign, verify, templates, certificate batches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.errors import WorkflowError
from tdkt.core.models import AuditEvent
from tdkt.documents import services
from tdkt.documents.access import (
    can_edit_template_scope,
    documents_visible_to,
    get_batch_for_user,
    get_document_for_user,
    get_layout_for_user,
    get_template_for_user,
    issuing_units,
    layouts_visible_to,
    require_issuer,
    require_role,
    templates_visible_to,
)
from tdkt.documents.content import Issuer, Signature
from tdkt.documents.doc_kinds import CertificateContent
from tdkt.documents.docx_layout import builtin_template
from tdkt.documents.forms import (
    BatchForm,
    LayoutForm,
    TemplateUploadForm,
    VerifyForm,
    content_form_class,
    initial_from,
)
from tdkt.documents.layouts import DEFAULT_LAYOUT, layout_text
from tdkt.documents.models import CertificateLayout
from tdkt.documents.registry import DocumentKind, all_kinds, get_kind
from tdkt.documents.rendering import TemplateCheckError, render_pdf
from tdkt.documents.samples import SAMPLES, sample
from tdkt.documents.signing import SigningKey, signing_configured, verify_pdf
from tdkt.org.access import is_sector_wide, people_visible_to, units_in_scope

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_PDF = 20 * 1024 * 1024


def _kind(code: str) -> DocumentKind:
    try:
        return get_kind(code)
    except KeyError:
        raise Http404 from None


@require_GET
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    require_role(request.user)
    documents = documents_visible_to(request.user)
    kind = request.GET.get("kind", "")
    if kind:
        documents = documents.filter(kind=kind)
    labels = {k.code: k.label for k in all_kinds()}
    page = Paginator(documents, 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kinds": all_kinds(),
        "labels": labels,
        "kind": kind,
        "can_issue": issuing_units(request.user).exists(),
        "qs": f"kind={kind}" if kind else "",
    }
    template = "documents/home.html#document-results" if is_htmx(request) else "documents/home.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
def document_compose(request: AuthedRequest, kind: str) -> HttpResponse:
    doc_kind = _kind(kind)
    units = require_issuer(request.user)
    form_class = content_form_class(doc_kind)
    initial = {"issued_on": timezone.localdate(), "issuer_code": "TA"}
    has_example = doc_kind.code in SAMPLES  # kinds of higher apps have no example
    if request.GET.get("example") and has_example:
        initial.update(initial_from(doc_kind, sample(doc_kind.code)))
    form = form_class(
        request.POST or None, units=units, people=people_visible_to(request.user), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        document = services.issue_document(
            kind=doc_kind,
            content=form.content(),
            unit=form.cleaned_data["unit"],
            actor=request.user,
            target=form.honoured,
        )
        messages.success(request, _("Issued."))
        return redirect("documents:document-detail", pk=document.pk)
    context = {"form": form, "kind": doc_kind, "has_example": has_example}
    return render(request, "documents/document_compose.html", context)


@require_GET
@login_required
def document_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    context = {
        "document": document,
        "kind": _kind(document.kind),
        "can_sign": signing_configured() and _can_write(request, document.unit_id),
        "signing_off": not signing_configured() and _can_write(request, document.unit_id),
        "history": AuditEvent.objects.for_object(document).select_related("actor")[:50],
    }
    return render(request, "documents/document_detail.html", context)


def _can_write(request: AuthedRequest, unit_id: int) -> bool:
    return can_edit_template_scope(request.user, unit_id)


@require_GET
@login_required
def document_download(request: AuthedRequest, pk: int, fmt: str) -> FileResponse:
    document = get_document_for_user(request.user, pk)
    files = {"docx": document.docx, "pdf": document.pdf, "signed": document.signed_pdf}
    file = files.get(fmt)
    if not file:
        raise Http404
    name = file.name.rsplit("/", 1)[-1]
    return FileResponse(file.open("rb"), as_attachment=True, filename=name)


@require_POST
@login_required
def document_sign(request: AuthedRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk, write=True)
    role = request.POST.get("role", "").strip()[:120]
    try:
        document = services.sign_document(
            document=document, actor=request.user, key=SigningKey.configured(), role=role
        )
    except WorkflowError as exc:
        notice = ("danger", exc.message)
    else:
        notice = ("success", _("Signed."))
    if is_htmx(request):  # the notice goes in the swapped panel, not in a later page's messages
        context = {"document": document, "can_sign": True, "notice": notice}
        return render(request, "documents/document_detail.html#files-panel", context)
    messages.add_message(
        request, messages.SUCCESS if notice[0] == "success" else messages.ERROR, notice[1]
    )
    return redirect("documents:document-detail", pk=document.pk)


@require_http_methods(["GET", "POST"])
@login_required
def verify(request: AuthedRequest) -> HttpResponse:
    require_role(request.user)
    form = VerifyForm(request.POST or None, request.FILES or None)
    checks, checked = None, ""
    stored = request.GET.get("document", "")
    if stored.isdigit():
        document = get_document_for_user(request.user, int(stored))
        file = document.signed_pdf or document.pdf
        with file.open("rb") as handle:
            checks = verify_pdf(handle.read())
        checked = str(document)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_PDF:
            form.add_error("file", _("The file is larger than 20 MB."))
        else:
            try:
                checks = verify_pdf(upload.read())
                checked = upload.name
            except WorkflowError as exc:
                form.add_error("file", exc.message)
    context = {"form": form, "checks": checks, "checked": checked}
    template = (
        "documents/verify.html#verify-result" if is_htmx(request) else "documents/verify.html"
    )
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
def template_list(request: AuthedRequest) -> HttpResponse:
    require_role(request.user)
    units = units_in_scope(request.user, write=True).filter(valid_to__isnull=True)
    may_upload = is_sector_wide(request.user) or units.exists()
    form = TemplateUploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST":
        if not may_upload:
            raise PermissionDenied
        if form.is_valid():
            unit = form.cleaned_data["unit"]
            if not can_edit_template_scope(request.user, unit.pk if unit else None):
                form.add_error(
                    "unit", _("Only the Supreme Court office sets the organisation's templates.")
                )
            else:
                upload = form.cleaned_data["file"]
                try:
                    services.upload_template(
                        kind_code=form.cleaned_data["kind"],
                        unit=unit,
                        data=upload.read(),
                        name=upload.name,
                        actor=request.user,
                    )
                except TemplateCheckError as exc:
                    form.add_error("file", exc.message)
                else:
                    messages.success(request, _("Template saved."))
                    return redirect("documents:template-list")
    labels = {k.code: k.label for k in all_kinds()}
    context = {
        "form": form,
        "templates": templates_visible_to(request.user).order_by("kind", "unit__name"),
        "kinds": all_kinds(),
        "labels": labels,
        "may_upload": may_upload,
    }
    return render(request, "documents/template_list.html", context)


@require_GET
@login_required
def template_builtin(request: AuthedRequest, kind: str) -> HttpResponse:
    require_role(request.user)
    doc_kind = _kind(kind)
    response = HttpResponse(builtin_template(doc_kind.code), content_type=DOCX)
    name = doc_kind.code.split(".")[-1]
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response


@require_POST
@login_required
def template_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    template = get_template_for_user(request.user, pk, write=True)
    services.remove_template(template=template, actor=request.user)
    messages.success(request, _("Template removed; the built-in one applies again."))
    return redirect("documents:template-list")


CERTIFICATE_KINDS = (
    "documents.commendation_certificate",
    "documents.grassroots_fighter_certificate",
)


@require_http_methods(["GET", "POST"])
@login_required
def batch_create(request: AuthedRequest) -> HttpResponse:
    units = require_issuer(request.user)
    kinds = [(code, str(get_kind(code).label)) for code in CERTIFICATE_KINDS]
    form = BatchForm(
        request.POST or None, units=units, kinds=kinds, initial={"issued_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind = get_kind(data["kind"])
        unit = data["unit"]
        issuer = Issuer(
            parent_name=unit.parent.name if unit.parent else "", name=unit.name, place=data["place"]
        )
        award = (
            "Chiến sĩ thi đua cơ sở" if kind.code.endswith("fighter_certificate") else "Giấy khen"
        )
        contents = [
            CertificateContent(
                issuer=issuer,
                issued_on=data["issued_on"],
                authority=data["authority"],
                award=award,
                recipient=name,
                detail=detail,
                achievement=data["achievement"],
                decision_ref=data["decision_ref"],
                register_number=str(data["first_register_number"] + index),
                signer=Signature(title=data["signer_title"], name=data["signer_name"]),
            )
            for index, (name, detail) in enumerate(data["recipients"])
        ]
        batch = services.request_certificate_batch(
            kind=kind,
            contents=contents,
            unit=unit,
            title=data["title"],
            actor=request.user,
            layout=data["layout"],
        )
        return redirect("documents:batch-detail", pk=batch.pk)
    return render(request, "documents/batch_form.html", {"form": form})


@require_GET
@login_required
def batch_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = get_batch_for_user(request.user, pk)
    template = (
        "documents/batch_detail.html#batch-progress"
        if is_htmx(request)
        else "documents/batch_detail.html"
    )
    return render(request, template, {"batch": batch})


@require_GET
@login_required
def batch_download(request: AuthedRequest, pk: int) -> FileResponse:
    batch = get_batch_for_user(request.user, pk)
    if not batch.pdf:
        raise Http404
    return FileResponse(
        batch.pdf.open("rb"), as_attachment=True, filename=f"giay-khen-{batch.pk}.pdf"
    )


def _layout_form(request: AuthedRequest, layout: CertificateLayout | None) -> LayoutForm:
    units = units_in_scope(request.user, write=True).filter(valid_to__isnull=True)
    initial: dict[str, object] = {"positions": DEFAULT_LAYOUT}
    if layout is not None:
        initial = {
            "name": layout.name,
            "unit": layout.unit,
            "positions": layout_text(layout.positions),
        }
    return LayoutForm(request.POST or None, units=units, initial=initial)


def _save_layout(
    request: AuthedRequest, form: LayoutForm, layout: CertificateLayout | None
) -> bool:
    if not form.is_valid():
        return False
    unit = form.cleaned_data["unit"]
    if not can_edit_template_scope(request.user, unit.pk if unit else None):
        form.add_error("unit", _("Only the Supreme Court office sets the organisation's layouts."))
        return False
    services.save_certificate_layout(
        layout=layout,
        name=form.cleaned_data["name"],
        unit=unit,
        positions=form.cleaned_data["positions"],
        actor=request.user,
    )
    messages.success(request, _("Saved."))
    return True


@require_http_methods(["GET", "POST"])
@login_required
def layout_list(request: AuthedRequest) -> HttpResponse:
    require_role(request.user)
    may_edit = is_sector_wide(request.user) or units_in_scope(request.user, write=True).exists()
    form = _layout_form(request, None)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if _save_layout(request, form, None):
            return redirect("documents:layout-list")
    context = {"layouts": layouts_visible_to(request.user), "form": form, "may_edit": may_edit}
    return render(request, "documents/layout_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def layout_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    layout = get_layout_for_user(request.user, pk, write=True)
    form = _layout_form(request, layout)
    if request.method == "POST" and _save_layout(request, form, layout):
        return redirect("documents:layout-list")
    history = AuditEvent.objects.for_object(layout).select_related("actor")[:50]
    context = {"layout": layout, "form": form, "history": history}
    return render(request, "documents/layout_form.html", context)


@require_GET
@login_required
def layout_preview(request: AuthedRequest, pk: int) -> HttpResponse:
    """A test print of the example certificate at the layout's positions."""
    layout = get_layout_for_user(request.user, pk)
    kind = get_kind("documents.commendation_certificate")
    pdf = render_pdf(kind, [sample(kind.code)], layout=layout.positions)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="layout-{layout.pk}.pdf"'
    return response
