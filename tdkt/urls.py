from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("tdkt.core.urls")),
    path("", include("tdkt.org.urls")),
    path("documents/", include("tdkt.documents.urls")),
    path("movements/", include("tdkt.movements.urls")),
    path("scoring/", include("tdkt.scoring.urls")),
    path("awards/", include("tdkt.awards.urls")),
    path("meetings/", include("tdkt.meetings.urls")),
]
