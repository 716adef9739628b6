"""Two-step sign-in: TOTP set-up, verification, backup codes, forced set-up for administrators."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdkt.core.models import AuditEvent
from tdkt.org.models import RoleAssignment

PASSWORD = "correct horse 42"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user(db):
    return User.objects.create_user("an.nguyen", password=PASSWORD)


@pytest.fixture
def admin(db):
    admin = User.objects.create_user("quan.tri", password=PASSWORD)
    RoleAssignment.objects.create(user=admin, role="system_admin")
    return admin


def _device(user: User, *, backup_codes: tuple[str, ...] = ()) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    if backup_codes:
        static = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
        for code in backup_codes:
            static.token_set.create(token=code)
    return device


def _token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _verify(client: Client, token: str, next_url: str = "") -> Any:
    return client.post(reverse("core:mfa-verify"), {"token": token, "next": next_url})


def test_setup_shows_qr_and_secret_then_confirms_with_a_real_token(client, user):
    client.force_login(user)
    response = client.get(reverse("core:mfa-setup"))
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    content = response.content.decode()
    assert "<svg" in content
    assert response.context["secret"] in content
    assert "http" not in response.context["qr_svg"].replace("http://www.w3.org", "")

    # A reload keeps the same secret, so a half-scanned code still works.
    assert client.get(reverse("core:mfa-setup")).context["secret"] == response.context["secret"]
    assert TOTPDevice.objects.filter(user=user).count() == 1

    response = client.post(reverse("core:mfa-setup"), {"token": _token(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = response.context["backup_codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    for code in codes:
        assert code in response.content.decode()
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert AuditEvent.objects.filter(code="core.mfa.enabled", actor=user).count() == 1
    # The session is verified: no detour through mfa-verify.
    assert client.get(reverse("core:account")).status_code == 200


def test_setup_rejects_a_wrong_token(client, user):
    client.force_login(user)
    client.get(reverse("core:mfa-setup"))
    response = client.post(reverse("core:mfa-setup"), {"token": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert not TOTPDevice.objects.get(user=user).confirmed
    assert not StaticDevice.objects.filter(user=user).exists()
    assert not AuditEvent.objects.filter(code="core.mfa.enabled").exists()


def test_setup_cannot_replace_a_device_before_verification(client, user):
    _device(user)
    client.force_login(user)
    response = client.get(reverse("core:mfa-setup"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("core:mfa-verify"))
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_user_with_device_must_verify_before_other_pages(client, user):
    device = _device(user)
    client.force_login(user)
    for url in (reverse("org:home"), reverse("core:account")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("core:mfa-verify"))

    response = client.get(reverse("core:mfa-verify"), {"next": reverse("core:account")})
    assert response.status_code == 200
    response = _verify(client, "123456", reverse("core:account"))
    assert response.status_code == 200
    assert response.context["form"].errors["token"]

    device.throttle_reset()
    response = _verify(client, _token(device), reverse("core:account"))
    assert response.status_code == 302
    assert response.url == reverse("core:account")
    assert client.get(reverse("core:account")).status_code == 200


def test_verify_ignores_an_unsafe_next(client, user):
    device = _device(user)
    client.force_login(user)
    response = _verify(client, _token(device), "https://evil.example/")
    assert response.status_code == 302
    assert response.url == reverse("org:home")


def test_verify_is_throttled_after_a_wrong_code(client, user):
    device = _device(user)
    client.force_login(user)
    _verify(client, "123456")
    response = _verify(client, _token(device))
    assert response.status_code == 200
    assert "_auth_user_id" in client.session
    assert client.get(reverse("core:account")).status_code == 302


def test_backup_code_works_once(client, user):
    _device(user, backup_codes=("abcd2345", "wxyz7654"))
    client.force_login(user)
    response = _verify(client, "ABCD 2345", reverse("core:account"))
    assert response.status_code == 302
    assert response.url == reverse("core:account")
    assert StaticToken.objects.filter(device__user=user).count() == 1

    client.post(reverse("core:logout"))
    client.force_login(user)
    response = _verify(client, "abcd2345")
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert client.get(reverse("core:account")).status_code == 302


def test_system_admin_without_device_is_sent_to_setup(client, admin):
    client.force_login(admin)
    for url in (reverse("org:home"), reverse("org:unit-list"), reverse("core:account")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("core:mfa-setup"))
    client.get(reverse("core:mfa-setup"), {"next": "/units/"})
    device = TOTPDevice.objects.get(user=admin)
    response = client.post(reverse("core:mfa-setup"), {"token": _token(device), "next": "/units/"})
    assert response.context["next_url"] == "/units/"
    assert client.get(reverse("core:account")).status_code == 200


def test_mfa_verify_and_setup_need_login(client, db):
    for name in ("core:mfa-verify", "core:mfa-setup"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("core:login"))


def _verified_client(client: Client, user: User) -> Client:
    device = _device(user, backup_codes=("abcd2345",))
    client.force_login(user)
    assert _verify(client, _token(device)).status_code == 302
    return client


def test_user_disables_mfa_with_password(client, user):
    _verified_client(client, user)
    response = client.post(reverse("core:mfa-disable"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(code="core.mfa.disabled", actor=user).count() == 1
    assert client.get(reverse("core:account")).status_code == 200


def test_disable_mfa_needs_the_right_password(client, user):
    _verified_client(client, user)
    response = client.post(reverse("core:mfa-disable"), {"password": "wrong"})
    assert response.status_code == 400
    assert response.context["disable_form"].errors["password"]
    assert TOTPDevice.objects.filter(user=user).exists()


def test_disable_mfa_is_post_only(client, user):
    _verified_client(client, user)
    assert client.get(reverse("core:mfa-disable")).status_code == 405


def test_system_admin_cannot_disable_mfa(client, admin):
    _verified_client(client, admin)
    page = client.get(reverse("core:account")).content.decode()
    assert reverse("core:mfa-disable") not in page
    response = client.post(reverse("core:mfa-disable"), {"password": PASSWORD})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=admin).exists()
    assert not AuditEvent.objects.filter(code="core.mfa.disabled").exists()


def test_backup_codes_are_shown_only_once(client, user):
    client.force_login(user)
    client.get(reverse("core:mfa-setup"))
    device = TOTPDevice.objects.get(user=user)
    first = client.post(reverse("core:mfa-setup"), {"token": _token(device)})
    assert len(first.context["backup_codes"]) == 10
    again = client.get(reverse("core:mfa-setup"))
    assert again.status_code == 302
    page = client.get(reverse("core:account")).content.decode()
    assert not any(re.search(code, page) for code in first.context["backup_codes"])
