from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "tdkt.meetings"
    label = "meetings"
