"""Sign-in, second-factor and account forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _


def _bootstrap(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        field.widget.attrs.setdefault("class", "form-control")


class LoginForm(AuthenticationForm):
    """Django's form (it calls `authenticate(request, ...)`, so django-axes counts failures)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        )
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class AccountPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)
        self.fields["old_password"].widget.attrs.pop("autofocus", None)


def normalise_token(raw: str) -> str:
    """Codes are typed with spaces or dashes and in any case: keep letters and digits."""
    return "".join(ch for ch in raw if ch.isalnum()).lower()


class TokenForm(forms.Form):
    """A one-time code: six digits from the authenticator app, or a backup code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg",
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self) -> str:
        token = normalise_token(self.cleaned_data["token"])
        if not token:
            raise forms.ValidationError(_("Enter the code."))
        return token


class TOTPConfirmForm(TokenForm):
    """The first code from a newly added authenticator app: digits only."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["token"].label = _("Six-digit code from the app")
        self.fields["token"].widget.attrs.update(
            {"inputmode": "numeric", "pattern": "[0-9 ]*", "maxlength": "7"}
        )

    def clean_token(self) -> str:
        token = super().clean_token()
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(_("Enter the six digits shown in the app."))
        return token


class MFADisableForm(forms.Form):
    """Turning two-step sign-in off needs the password again."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"class": "form-control", "autocomplete": "current-password"}
        ),
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
