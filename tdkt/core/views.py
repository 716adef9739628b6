"""Sign-in, two-step verification (TOTP and backup codes) and the user's own account page.

`RequireMFAMiddleware` (in `org`, which knows the roles) sends a user with a confirmed device
to `mfa-verify` until they pass it, and a system administrator without one to `mfa-setup`.
`core` imports no tdkt app, so roles are read here through the `role_assignments` relation.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdkt.core.access import AuthedRequest
from tdkt.core.audit import record_event
from tdkt.core.forms import (
    AccountPasswordChangeForm,
    LoginForm,
    MFADisableForm,
    TokenForm,
    TOTPConfirmForm,
)

BACKUP_CODE_COUNT = 10
_ADMIN_ROLE = "system_admin"  # org.models.Role.SYSTEM_ADMIN; core may not import org

login = auth_views.LoginView.as_view(template_name="core/login.html", authentication_form=LoginForm)


def _safe_next(request: HttpRequest, default: str = "org:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def _must_keep_mfa(user: Any) -> bool:
    """A system administrator may not turn two-step sign-in off.

    Validity dates are ignored on purpose: any administrator assignment, past or future, blocks it.
    """
    return bool(user.role_assignments.filter(role=_ADMIN_ROLE).exists())


def _concrete_user(user: Any) -> User:
    """`request.user` is a lazy proxy; the audit trail needs the model instance's own class."""
    return User.objects.get(pk=user.pk)


def _confirmed_totp(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def _backup_codes_left(user: Any) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


@require_GET
@login_required
def account(request: AuthedRequest) -> HttpResponse:
    return render(request, "core/account.html", _account_context(request))


def _account_context(request: AuthedRequest, **extra: Any) -> dict[str, Any]:
    user = request.user
    context: dict[str, Any] = {
        "roles": user.role_assignments.select_related("unit", "cluster_term").order_by("role"),
        "mfa_device": _confirmed_totp(user),
        "backup_codes_left": _backup_codes_left(user),
        "may_disable_mfa": not _must_keep_mfa(user),
        "password_form": AccountPasswordChangeForm(user),
        "disable_form": MFADisableForm(user),
    }
    context.update(extra)
    return context


@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
@login_required
def password_change(request: AuthedRequest) -> HttpResponse:
    form = AccountPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)  # keeps this session and its verified device
        messages.success(request, _("Your password has been changed."))
        return redirect("core:account")
    return render(request, "core/password_change.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def mfa_setup(request: AuthedRequest) -> HttpResponse:
    """Add an authenticator app: scan, type the first code, receive backup codes once."""
    user = request.user
    if django_otp.user_has_device(user, confirmed=True):
        if not user.is_verified():  # type: ignore[attr-defined]
            # Only the existing device may let this session in; a new one must not replace it.
            return redirect(f"{reverse('core:mfa-verify')}?{request.GET.urlencode()}")
        messages.info(request, _("Two-step sign-in is already on."))
        return redirect("core:account")

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)

    form = TOTPConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = _confirm_device(device=device, token=form.cleaned_data["token"], actor=user)
        if codes is not None:
            request.session.cycle_key()
            django_otp.login(request, device)
            return render(
                request,
                "core/mfa_setup.html",
                {"backup_codes": codes, "next_url": _safe_next(request, "core:account")},
            )
        form.add_error(
            "token", _("The code is not correct. Check the phone's clock and try again.")
        )

    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_svg": qr.svg_inline(scale=5, border=2, title=_("QR code for the authenticator app")),
        "secret": b32encode(device.bin_key).decode("ascii"),
        "next": request.GET.get("next", ""),
    }
    return render(request, "core/mfa_setup.html", context)


@transaction.atomic
def _confirm_device(*, device: TOTPDevice, token: str, actor: Any) -> list[str] | None:
    """Confirm `device` if `token` matches it; then replace the backup codes and return them."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=actor).delete()
    backup = StaticDevice.objects.create(user=actor, name=_("Backup codes"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    record_event(
        "core.mfa.enabled",
        actor=actor,
        target=_concrete_user(actor),
        after={"device": device.name, "backup_codes": len(codes)},
    )
    return codes


@never_cache
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
@login_required
def mfa_verify(request: AuthedRequest) -> HttpResponse:
    """The second step after the password: a code from the app, or a backup code."""
    user = request.user
    if user.is_verified():  # type: ignore[attr-defined]
        return HttpResponseRedirect(_safe_next(request))
    if not django_otp.user_has_device(user, confirmed=True):
        return redirect(f"{reverse('core:mfa-setup')}?{request.GET.urlencode()}")

    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = _match_token(user, form.cleaned_data["token"])
        if device is not None:
            request.session.cycle_key()  # a new session id for the more trusted session
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = _backup_codes_left(user)
                messages.warning(
                    request,
                    _("You used a backup code; %(count)d left.") % {"count": left},
                )
            return HttpResponseRedirect(_safe_next(request))
        if throttled:
            form.add_error("token", _("Too many wrong codes. Wait a minute and try again."))
        else:
            form.add_error("token", _("The code is not correct."))
    return render(request, "core/mfa_verify.html", {"form": form, "next": _safe_next(request)})


def _match_token(user: Any, token: str) -> tuple[Any, bool]:
    """(device that accepted the token or None, whether a device refused because of throttling).

    Six digits go to the authenticator app, anything else to the backup codes, so a typo in one
    does not count against the other's throttle.
    """
    model: type[TOTPDevice] | type[StaticDevice]
    model = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    throttled = False
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            allowed, _info = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(token):
                return device, False
    return None, throttled


@sensitive_post_parameters("password")
@require_POST
@login_required
def mfa_disable(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if _must_keep_mfa(user):
        messages.error(request, _("A system administrator must keep two-step sign-in on."))
        return redirect("core:account")
    form = MFADisableForm(user, request.POST)
    if not form.is_valid():
        context = _account_context(request, disable_form=form)
        return render(request, "core/account.html", context, status=400)
    _disable_mfa(user=user)
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
    messages.success(request, _("Two-step sign-in is off."))
    return redirect("core:account")


@transaction.atomic
def _disable_mfa(*, user: Any) -> None:
    names = [d.name for d in django_otp.devices_for_user(user, confirmed=None)]
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_event(
        "core.mfa.disabled", actor=user, target=_concrete_user(user), before={"devices": names}
    )
