from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "mentorweb.registrations"
    label = "registrations"
