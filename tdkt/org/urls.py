from django.urls import include, path

from tdkt.org import views

app_name = "org"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/", views.unit_list, name="unit-list"),
    path("units/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit-edit"),
    path("units/<int:pk>/lineage/", views.unit_lineage, name="unit-lineage"),
    path("clusters/", views.cluster_list, name="cluster-list"),
    path("clusters/terms/<int:pk>/", views.term_detail, name="term-detail"),
    path("clusters/terms/<int:pk>/edit/", views.term_edit, name="term-edit"),
    path("people/", views.person_list, name="person-list"),
    path("people/new/", views.person_create, name="person-create"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("people/<int:pk>/employment/new/", views.employment_create, name="employment-create"),
    path("employment/<int:pk>/edit/", views.employment_edit, name="employment-edit"),
    path("provinces/", views.province_list, name="province-list"),
    path("", include("tdkt.org.urls_io")),
]
