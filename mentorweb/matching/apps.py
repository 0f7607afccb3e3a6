from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "mentorweb.matching"
    label = "matching"

    def ready(self) -> None:
        # The job (so that the worker knows it) and the home-page entries.
        from mentorweb.matching import jobs, navigation  # noqa: F401
