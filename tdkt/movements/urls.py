from django.urls import URLPattern, URLResolver

app_name = "movements"

urlpatterns: list[URLPattern | URLResolver] = []
