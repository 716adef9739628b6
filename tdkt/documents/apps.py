from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tdkt.documents"
    label = "documents"
