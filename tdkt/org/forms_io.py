"""The upload form of the import pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from tdkt.core.errors import InputError
from tdkt.core.formtools import BootstrapMixin
from tdkt.org.io import EXTENSIONS, KINDS, MAX_BYTES, check_file
from tdkt.org.io.messages import file_error


class ImportForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS], widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("File"),
        help_text=_("An .xlsx, .xls or .csv (UTF-8) file of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in EXTENSIONS)}),
    )
    dry_run = forms.BooleanField(label=_("Check only, import nothing"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.data_bytes = b""

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        name = upload.name or ""
        if (upload.size or 0) > MAX_BYTES:
            size = f"{(upload.size or 0) / 1024 / 1024:.1f}".replace(".", ",")
            raise forms.ValidationError(
                file_error("too_big", size=size, limit=MAX_BYTES // 1024 // 1024).message
            )
        data = upload.read()
        try:
            check_file(data, name)
        except InputError as exc:
            raise forms.ValidationError([e.message for e in exc.errors]) from None
        self.data_bytes = data
        return upload
