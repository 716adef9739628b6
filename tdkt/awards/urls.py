from django.urls import path

from tdkt.awards import views, views_io

app_name = "awards"

urlpatterns = [
    path("", views.home, name="home"),
    path("verdicts/export/", views.verdict_export, name="verdict-export"),
    path("verdicts/override/", views.verdict_override, name="verdict-override"),
    path("people/<int:pk>/", views.person_timeline_view, name="person-timeline"),
    path("me/", views.my_page, name="my-page"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<str:kind>/<int:pk>/edit/", views.catalogue_edit, name="catalogue-edit"),
    path("catalogue/<str:kind>/<int:pk>/confirm/", views.version_confirm, name="version-confirm"),
    path("import/", views_io.import_page, name="import"),
    path("import/upload/", views_io.import_upload, name="import-upload"),
    path("import/map/", views_io.import_map, name="import-map"),
    path("import/template/", views_io.import_template, name="import-template"),
]
