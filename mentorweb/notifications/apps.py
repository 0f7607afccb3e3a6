from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mentorweb.notifications"
    label = "notifications"

    def ready(self) -> None:
        from mentorweb.notifications import receivers  # noqa: F401
