from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mentorweb.core"
    label = "core"
