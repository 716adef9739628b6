from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_vietnamese_even_for_an_english_browser(client):
    response = client.get(reverse("core:login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_english_when_chosen(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get(reverse("core:login"))
    assert page["Content-Language"] == "en"
    assert "Sign in" in page.content.decode()
