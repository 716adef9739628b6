"""HTTP helpers of the pledge and scoring pages."""

from __future__ import annotations

from django.http import HttpRequest

from tdkt.core.access import is_htmx


def failure_status(request: HttpRequest, failed: bool) -> int:
    """422 for a page refused with its errors; 200 for an htmx fragment, which htmx swaps in
    only on success codes, so the fragment carries the errors."""
    return 422 if failed and not is_htmx(request) else 200
