from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "mentorweb.registrations"
    label = "registrations"

    def ready(self) -> None:
        # Menu and home-page entries, the credential receiver, and the jobs (so that the
        # job worker's scheduler knows the periodic one).
        from mentorweb.registrations import jobs, navigation, signals  # noqa: F401
        from mentorweb.registrations.pairing import navigation as pairing_navigation  # noqa: F401
