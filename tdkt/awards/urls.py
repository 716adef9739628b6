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

from tdkt.awards import views_inputs  # noqa: E402  (the inputs' pages, kept apart)

urlpatterns += [
    path("inputs/import/", views_inputs.inputs_import, name="inputs-import"),
    path("inputs/import/upload/", views_inputs.inputs_upload, name="inputs-upload"),
    path(
        "inputs/import/template/<str:kind>/",
        views_inputs.inputs_template_view,
        name="inputs-template",
    ),
    path("people/<int:pk>/inputs/", views_inputs.person_inputs, name="inputs-person"),
    path(
        "people/<int:pk>/inputs/<str:kind>/new/",
        views_inputs.person_input_new,
        name="inputs-person-new",
    ),
    path("units/<int:pk>/inputs/", views_inputs.unit_inputs, name="inputs-unit"),
    path(
        "units/<int:pk>/inputs/<str:kind>/new/", views_inputs.unit_input_new, name="inputs-unit-new"
    ),
    path("inputs/<str:kind>/<int:pk>/edit/", views_inputs.input_edit, name="inputs-edit"),
    path("inputs/<str:kind>/<int:pk>/delete/", views_inputs.input_delete, name="inputs-delete"),
    path("inputs/holds/<int:pk>/end/", views_inputs.hold_end, name="inputs-hold-end"),
    path("inputs/chain/", views_inputs.chain_overrides, name="inputs-chain"),
]

from tdkt.awards import views_revocation  # noqa: E402  (revocation and its review, GEN-11)

urlpatterns += [
    path("records/<int:pk>/", views_revocation.record_detail, name="record-detail"),
    path("records/<int:pk>/revoke/", views_revocation.record_revoke, name="record-revoke"),
    path("records/<int:pk>/resolve/", views_revocation.record_resolve, name="record-resolve"),
    path("reviews/", views_revocation.review_list, name="review-list"),
    path("units/<int:pk>/awards/", views_revocation.unit_awards, name="unit-awards"),
]

from tdkt.awards import views_runs  # noqa: E402  (saved eligibility runs)

urlpatterns += [
    path("runs/", views_runs.run_list, name="run-list"),
    path("runs/save/", views_runs.run_save, name="run-save"),
    path("runs/<int:pk>/", views_runs.run_detail, name="run-detail"),
    path("runs/<int:pk>/export/", views_runs.run_export, name="run-export"),
    path("runs/<int:pk>/compare/", views_runs.run_compare, name="run-compare"),
    path(
        "runs/<int:pk>/<str:kind>/<int:subject_id>/",
        views_runs.run_subject,
        name="run-subject",
    ),
]
