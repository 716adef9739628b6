from django.urls import path

from tdkt.awards import views

app_name = "awards"

urlpatterns = [
    path("", views.home, name="home"),
    path("verdicts/export/", views.verdict_export, name="verdict-export"),
    path("people/<int:pk>/", views.person_timeline_view, name="person-timeline"),
    path("me/", views.my_page, name="my-page"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<str:kind>/<int:pk>/edit/", views.catalogue_edit, name="catalogue-edit"),
]
