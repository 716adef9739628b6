"""Access primitives shared by every app: the typed request and small view helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_htmx.middleware import HtmxDetails


class AuthedRequest(HttpRequest):
    """A request behind `login_required`: `user` is a real user."""

    user: User
    htmx: HtmxDetails


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))
