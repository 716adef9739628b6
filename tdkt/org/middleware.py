"""MFA: a user with a confirmed device must pass it; a system administrator must have one."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

from tdkt.org.access import is_system_admin

_EXEMPT = {"core:login", "core:logout", "core:mfa-setup", "core:mfa-verify", "set_language"}


def _view_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not getattr(user, "is_verified", lambda: False)()
            and not request.path.startswith(f"/{settings.STATIC_URL}")
            and _view_name(request) not in _EXEMPT
        ):
            query = urlencode({"next": request.get_full_path()})
            if user_has_device(user, confirmed=True):
                return HttpResponseRedirect(f"{reverse('core:mfa-verify')}?{query}")
            if is_system_admin(user):
                return HttpResponseRedirect(f"{reverse('core:mfa-setup')}?{query}")
        return self.get_response(request)
