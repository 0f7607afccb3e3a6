from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "mentorweb.matching"
    label = "matching"
