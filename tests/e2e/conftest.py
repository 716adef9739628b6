"""Browser journeys: Playwright drives Debian's Chromium (never a downloaded browser) against
Django's live server, loaded with the real reference data and the demo personas."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
DEMO_PASSWORD = "tdkt-demo-2022"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    _allow_orm_beside_playwright: None, browser_type_launch_args: dict[str, Any]
) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's chromium is not installed (/usr/bin/chromium): "
            "run scripts/system-deps.sh browser"
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(autouse=True, scope="session")
def _allow_orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
    make between page actions (and the test database set-up) are synchronous and safe there."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo_world(transactional_db: None) -> None:
    from tdkt.core.demo import load_all_demo
    from tdkt.org.reference import load_reference

    load_reference()
    load_all_demo()


@pytest.fixture
def failed_requests(page: Any) -> Iterator[list[str]]:
    """Every request that failed or answered ≥ 400 during the journey."""
    failures: list[str] = []
    page.on("requestfailed", lambda request: failures.append(f"failed {request.url}"))
    page.on(
        "response",
        lambda response: (
            failures.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    yield failures


def login(page: Any, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
