from django.urls import path

from tdkt.scoring import views, views_rounds

app_name = "scoring"

urlpatterns = [
    path("", views.home, name="home"),
    path("sheets/seed/", views.sheet_seed, name="sheet-seed"),
    path("sheets/<int:pk>/", views.sheet_detail, name="sheet-detail"),
    path("sheets/<int:pk>/version/", views.sheet_version, name="sheet-version"),
    path("sheets/<int:pk>/export/", views.sheet_export, name="sheet-export"),
    path("sheets/<int:pk>/import/", views.sheet_import, name="sheet-import"),
    path("sheets/<int:pk>/criteria/new/", views.criterion_add, name="criterion-add"),
    path("criteria/<int:pk>/edit/", views.criterion_edit, name="criterion-edit"),
    path("criteria/<int:pk>/remove/", views.criterion_remove, name="criterion-remove"),
    path("pledges/draft/", views.pledge_draft, name="pledge-draft"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/template/", views.statistics_template, name="statistics-template"),
    path("statistics/import/", views.statistics_import, name="statistics-import"),
    path("rounds/<int:pk>/", views_rounds.round_detail, name="round-detail"),
    path("rounds/<int:pk>/settings/", views_rounds.round_settings, name="round-settings"),
    path("rounds/<int:pk>/publish/", views_rounds.round_publish, name="round-publish"),
    path("rounds/<int:pk>/ranking/", views_rounds.ranking, name="ranking"),
    path("rounds/<int:pk>/report/", views_rounds.ranking_report, name="ranking-report"),
    path("rounds/<int:pk>/ranking.svg", views_rounds.ranking_chart, name="ranking-chart"),
    path("rounds/<int:pk>/ranking.xlsx", views_rounds.ranking_export, name="ranking-export"),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/",
        views_rounds.assessment_detail,
        name="assessment-detail",
    ),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/self/",
        views_rounds.self_score_save,
        name="self-score-save",
    ),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/evidence/",
        views_rounds.evidence_upload,
        name="evidence-upload",
    ),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/submit/",
        views_rounds.assessment_submit,
        name="assessment-submit",
    ),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/return/",
        views_rounds.assessment_return,
        name="assessment-return",
    ),
    path("rounds/<int:pk>/units/<int:unit_pk>/peer/", views_rounds.peer_detail, name="peer-detail"),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/peer/save/",
        views_rounds.peer_score_save,
        name="peer-score-save",
    ),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/final/", views_rounds.final_detail, name="final-detail"
    ),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/final/save/",
        views_rounds.final_score_save,
        name="final-score-save",
    ),
    path(
        "rounds/<int:pk>/evidence/<int:evidence_pk>/",
        views_rounds.evidence_download,
        name="evidence-download",
    ),
]
