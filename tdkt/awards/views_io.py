"""Import of award history and ratings: upload, the report, mapping unknown names once, and
the template workbook."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tdkt.awards.io.columns import HISTORY
from tdkt.awards.io.history import UnmatchedNames, run_history_import, save_mappings
from tdkt.awards.io.template import history_template
from tdkt.awards.models import CommendationForm, EmulationTitle, NameMapping
from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.errors import InputError, RowError
from tdkt.core.formtools import BootstrapMixin
from tdkt.org.access import has_any_role, unit_scope_ids
from tdkt.org.forms_io import ImportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class HistoryUploadForm(ImportForm):
    kind = forms.ChoiceField(  # the org form's kind list does not hold this format
        choices=[("", ""), ("history", "history")], widget=forms.HiddenInput, required=False
    )


def _targets() -> list[tuple[str, str]]:
    return (
        [("", "—")]
        + [(f"title:{t.pk}", t.name) for t in EmulationTitle.objects.order_by("rank")]
        + [(f"form:{f.pk}", f.name) for f in CommendationForm.objects.order_by("rank")]
    )


class MappingForm(BootstrapMixin, forms.Form):
    def __init__(self, *args: Any, names: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names = names
        for index, name in enumerate(names):
            self.fields[f"name_{index}"] = forms.CharField(widget=forms.HiddenInput, initial=name)
            self.fields[f"target_{index}"] = forms.ChoiceField(label=name, choices=_targets())

    def mappings(self) -> dict[str, tuple[bool, int]]:
        found: dict[str, tuple[bool, int]] = {}
        for index in range(len(self.names)):
            value = self.cleaned_data.get(f"target_{index}") or ""
            kind, _sep, pk = value.partition(":")
            if pk.isdigit():
                found[self.cleaned_data[f"name_{index}"]] = (kind == "title", int(pk))
        return found

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not any(data.get(f"target_{i}") for i in range(len(self.names))):
            raise forms.ValidationError(_("Choose a title or form for at least one name."))
        return data


def _gate(user: object, *, write: bool) -> set[int] | None:
    if not has_any_role(user):
        raise Http404
    scope = unit_scope_ids(user, write=True)
    if write and scope is not None and not scope:
        raise PermissionDenied
    return scope


def _page(request: AuthedRequest, **context: object) -> HttpResponse:
    context.setdefault("form", HistoryUploadForm())
    context.setdefault("errors", [])
    context["spec"] = HISTORY
    context["mappings"] = NameMapping.objects.select_related("title", "form").order_by("written")[
        :200
    ]
    context["can_import"] = unit_scope_ids(request.user, write=True) != set()
    template = "awards/import.html#import-report" if is_htmx(request) else "awards/import.html"
    return render(request, template, context)


@require_GET
@login_required
def import_page(request: AuthedRequest) -> HttpResponse:
    _gate(request.user, write=False)
    return _page(request)


@require_POST
@login_required
def import_upload(request: AuthedRequest) -> HttpResponse:
    scope = _gate(request.user, write=True)
    form = HistoryUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [RowError(None, "", str(m)) for field in form.errors.values() for m in field]
        return _page(request, form=form, errors=errors)
    try:
        report = run_history_import(
            data=form.data_bytes,
            filename=form.cleaned_data["file"].name,
            actor=request.user,
            writable_unit_ids=scope,
            dry_run=form.cleaned_data["dry_run"],
        )
    except UnmatchedNames as exc:
        names = sorted(exc.names)
        return _page(
            request,
            errors=exc.errors,
            unmatched=[(n, exc.names[n]) for n in names],
            mapping_form=MappingForm(names=names),
        )
    except InputError as exc:
        return _page(request, errors=exc.errors)
    return _page(request, report=report)


@require_POST
@login_required
def import_map(request: AuthedRequest) -> HttpResponse:
    _gate(request.user, write=True)
    count = sum(1 for key in request.POST if key.startswith("name_"))
    names = [request.POST.get(f"name_{i}", "") for i in range(count)]
    form = MappingForm(request.POST, names=names)
    if not form.is_valid():
        return _page(request, unmatched=[(n, []) for n in names], mapping_form=form)
    saved = save_mappings(choices=form.mappings(), actor=request.user)
    messages.success(
        request, _("%(count)s name(s) mapped; upload the file again.") % {"count": saved}
    )
    return redirect("awards:import")


@require_GET
@login_required
def import_template(request: AuthedRequest) -> HttpResponse:
    _gate(request.user, write=False)
    response = HttpResponse(history_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="tdkt-lich-su-khen-thuong.xlsx"'
    return response
