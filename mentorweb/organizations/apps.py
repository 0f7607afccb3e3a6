from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "mentorweb.organizations"
    label = "organizations"

    def ready(self) -> None:
        # Menu entries, home-page sections and the invitation's password-link receiver.
        from mentorweb.organizations import navigation, signals  # noqa: F401
