from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "tdkt.awards"
    label = "awards"
