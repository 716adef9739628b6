"""Routes for imports and exports of the registry (org.views_io)."""

from django.urls import path

from tdkt.org import views_io

urlpatterns = [
    path("io/", views_io.import_list, name="import-list"),
    path("io/upload/", views_io.import_upload, name="import-upload"),
    path("io/<slug:kind>/template.xlsx", views_io.import_template, name="import-template"),
    path("io/<slug:kind>/export.xlsx", views_io.export, name="export"),
]
