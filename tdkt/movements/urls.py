from django.urls import path

from tdkt.movements import views

app_name = "movements"

urlpatterns = [
    path("", views.home, name="home"),
    path("pledges/<int:pk>/", views.pledge_detail, name="pledge-detail"),
    path("pledges/<int:pk>/open/", views.pledge_open, name="pledge-open"),
    path("pledges/<int:pk>/sign/", views.pledge_sign, name="pledge-sign"),
    path("pledges/<int:pk>/document/", views.pledge_document, name="pledge-document"),
    path("pledge-items/<int:pk>/edit/", views.pledge_item_edit, name="pledge-item-edit"),
    path("pledge-items/<int:pk>/override/", views.pledge_override, name="pledge-override"),
]
