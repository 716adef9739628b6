from django.urls import include, path

from tdkt.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.meeting_create, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/agenda/", views.agenda_add, name="agenda-add"),
    path("<int:pk>/members/", views.member_add, name="member-add"),
    path("<int:pk>/ballots/", views.ballot_create, name="ballot-create"),
    path("<int:pk>/minutes/", views.meeting_minutes_view, name="meeting-minutes"),
    path("<int:pk>/minutes/issue/", views.meeting_minutes_issue, name="meeting-minutes-issue"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("<int:pk>/close/", views.meeting_close, name="meeting-close"),
    path("members/<int:pk>/check-in/", views.member_checkin, name="member-checkin"),
    path("ballots/<int:pk>/", views.ballot_detail, name="ballot-detail"),
    path("ballots/<int:pk>/candidates/", views.candidate_add, name="candidate-add"),
    path(
        "ballots/<int:pk>/candidates/ranking/",
        views.candidates_from_ranking,
        name="candidates-from-ranking",
    ),
    path("candidates/<int:pk>/remove/", views.candidate_remove, name="candidate-remove"),
    path("ballots/<int:pk>/open/", views.ballot_open, name="ballot-open"),
    path("ballots/<int:pk>/paper/", views.paper_count, name="paper-count"),
    path("ballots/<int:pk>/papers/", views.ballot_papers, name="ballot-papers"),
    path("ballots/<int:pk>/opinions/", views.opinion_record, name="opinion-record"),
    path("ballots/<int:pk>/close/", views.ballot_close, name="ballot-close"),
    path("ballots/<int:pk>/tally/", views.ballot_tally, name="ballot-tally"),
    path("ballots/<int:pk>/projector/", views.ballot_projector, name="ballot-projector"),
    path("ballots/<int:pk>/second-round/", views.ballot_second_round, name="ballot-second-round"),
    path("ballots/<int:pk>/decision/", views.resolution_record, name="resolution-record"),
    path("ballots/<int:pk>/minutes/", views.ballot_minutes, name="ballot-minutes"),
    path(
        "ballots/<int:pk>/minutes/issue/", views.ballot_minutes_issue, name="ballot-minutes-issue"
    ),
    path("codes/<int:pk>/reissue/", views.code_reissue, name="code-reissue"),
    path("vote/", views.vote, name="vote"),
    path("awards/", include("tdkt.meetings.awards_link_urls")),
]
