from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mentorweb.api"
    label = "api"
