"""URLs of the link between the verdict table and council ballots (in the meetings namespace)."""

from django.urls import path

from tdkt.meetings import awards_link_views

urlpatterns = [
    path("send/", awards_link_views.awards_send, name="awards-send"),
    path("<int:pk>/attestations/", awards_link_views.awards_attest, name="awards-attest"),
]
