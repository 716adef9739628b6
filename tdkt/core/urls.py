from django.contrib.auth import views as auth_views
from django.urls import path

from tdkt.core import views

app_name = "core"

urlpatterns = [
    path("accounts/login/", views.login, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", views.account, name="account"),
    path("accounts/password/", views.password_change, name="password-change"),
    path("accounts/mfa/setup/", views.mfa_setup, name="mfa-setup"),
    path("accounts/mfa/verify/", views.mfa_verify, name="mfa-verify"),
    path("accounts/mfa/disable/", views.mfa_disable, name="mfa-disable"),
]
