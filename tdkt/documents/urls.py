from django.urls import path

from tdkt.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/<str:kind>/", views.document_compose, name="document-compose"),
    path("<int:pk>/", views.document_detail, name="document-detail"),
    path("<int:pk>/file/<str:fmt>/", views.document_download, name="document-download"),
    path("<int:pk>/sign/", views.document_sign, name="document-sign"),
    path("verify/", views.verify, name="verify"),
    path("templates/", views.template_list, name="template-list"),
    path("templates/built-in/<str:kind>/", views.template_builtin, name="template-builtin"),
    path("templates/<int:pk>/remove/", views.template_remove, name="template-remove"),
    path("layouts/", views.layout_list, name="layout-list"),
    path("layouts/<int:pk>/", views.layout_edit, name="layout-edit"),
    path("layouts/<int:pk>/preview/", views.layout_preview, name="layout-preview"),
    path("batches/new/", views.batch_create, name="batch-create"),
    path("batches/<int:pk>/", views.batch_detail, name="batch-detail"),
    path("batches/<int:pk>/file/", views.batch_download, name="batch-download"),
]
