from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "mentorweb.reports"
    label = "reports"

    def ready(self) -> None:
        # The menu entry.
        from mentorweb.reports import navigation  # noqa: F401
