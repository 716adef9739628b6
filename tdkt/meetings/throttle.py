"""Throttling of wrong voting codes on the voter's page, which needs no account.

A code carries ~50 bits, so guessing is hopeless at any rate; the throttle keeps it so and stops a
script from hammering the page. Only codes that match no register row count (a spent code is not
a guess: someone held it). Each wrong code counts against the client address and against every
ballot open at that moment (a guesser may aim at any of them); while either count is over its
limit, the page refuses every code from that address, or for that ballot, with one message.
Counts live in Django's cache for a fixed window: per process with the default local-memory
cache, shared between workers when a shared cache (database, Redis) is configured.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from tdkt.meetings.models import Ballot

WINDOW_S = 600
PER_ADDRESS = 10
PER_BALLOT = 200


def _limits() -> tuple[int, int, int]:
    per_address, per_ballot, window = getattr(
        settings, "MEETINGS_VOTE_THROTTLE", (PER_ADDRESS, PER_BALLOT, WINDOW_S)
    )
    return int(per_address), int(per_ballot), int(window)


def client_address(request: HttpRequest) -> str:
    """The peer address as the WSGI server saw it (a reverse proxy in front must pass the
    client's own address through, or all delegates share its limit)."""
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def _address_key(address: str) -> str:
    return f"meetings:vote:wrong:addr:{address}"


def _ballot_key(ballot_id: int) -> str:
    return f"meetings:vote:wrong:ballot:{ballot_id}"


def _bump(key: str, window: int) -> None:
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, window)


def address_blocked(request: HttpRequest) -> bool:
    per_address, _per_ballot, _window = _limits()
    return int(cache.get(_address_key(client_address(request)), 0)) >= per_address


def ballot_blocked(ballot_id: int) -> bool:
    _per_address, per_ballot, _window = _limits()
    return int(cache.get(_ballot_key(ballot_id), 0)) >= per_ballot


def record_wrong_code(request: HttpRequest) -> None:
    _per_address, _per_ballot, window = _limits()
    _bump(_address_key(client_address(request)), window)
    for ballot_id in Ballot.objects.filter(status=Ballot.Status.OPEN).values_list("pk", flat=True):
        _bump(_ballot_key(ballot_id), window)
