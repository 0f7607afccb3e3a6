from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "mentorweb.programs"
    label = "programs"

    def ready(self) -> None:
        # Menu entries and home-page sections.
        from mentorweb.programs import navigation  # noqa: F401
