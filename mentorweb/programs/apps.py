from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "mentorweb.programs"
    label = "programs"
