"""Sign-in with lockout (django-axes), sign-out, the account page and password change."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tdkt.org.models import RoleAssignment

PASSWORD = "correct horse 42"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user(db):
    return User.objects.create_user(
        "an.nguyen", password=PASSWORD, first_name="An", last_name="Nguyễn"
    )


def _login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("core:login"), {"username": username, "password": password})


def test_login_page_shows_form_and_no_secrets(client, user):
    User.objects.create_user("secret.admin", password="demo-password-123")
    response = client.get(reverse("core:login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "csrfmiddlewaretoken" in content
    assert 'autocomplete="username"' in content
    assert 'autocomplete="current-password"' in content
    assert 'name="viewport"' in content
    for leak in ("an.nguyen", "secret.admin", "demo-password", PASSWORD):
        assert leak not in content


def test_correct_login_redirects_home(client, user):
    response = _login(client, "an.nguyen", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("org:home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_error(client, user):
    response = _login(client, "an.nguyen", "wrong password")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session


def test_lockout_after_five_failures_until_reset(client, user, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert _login(client, "an.nguyen", "wrong password").status_code == 200
    assert _login(client, "an.nguyen", "wrong password").status_code == 429

    response = _login(client, "an.nguyen", PASSWORD)
    assert response.status_code == 429
    assert "core/locked_out.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session

    call_command("axes_reset", verbosity=0)
    response = _login(client, "an.nguyen", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_lockout_is_per_user_name(client, user):
    other = User.objects.create_user("binh.tran", password=PASSWORD)
    for _ in range(5):
        _login(client, "an.nguyen", "wrong password")
    response = _login(client, "binh.tran", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_logout_needs_post(client, user):
    client.force_login(user)
    assert client.get(reverse("core:logout")).status_code == 405
    response = client.post(reverse("core:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_account_anonymous_redirects_to_login(client, db):
    response = client.get(reverse("core:account"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("core:login"))


def test_account_wrong_method(client, user):
    client.force_login(user)
    assert client.put(reverse("core:account")).status_code == 405


def test_account_shows_name_roles_and_mfa_status(client, user):
    RoleAssignment.objects.create(user=user, role="spc_office")
    client.force_login(user)
    response = client.get(reverse("core:account"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "an.nguyen" in content
    assert "Nguyễn" in content
    assert str(RoleAssignment.objects.get(user=user)) in content
    assert reverse("core:mfa-setup") in content
    assert reverse("core:password-change") in content


def test_password_change(client, user):
    client.force_login(user)
    response = client.post(
        reverse("core:password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a new long passphrase",
            "new_password2": "a new long passphrase",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("core:account")
    user.refresh_from_db()
    assert user.check_password("a new long passphrase")
    assert client.get(reverse("core:account")).status_code == 200  # session kept


def test_password_change_wrong_old_password(client, user):
    client.force_login(user)
    response = client.post(
        reverse("core:password-change"),
        {
            "old_password": "nope",
            "new_password1": "x long pass 1",
            "new_password2": "x long pass 1",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
