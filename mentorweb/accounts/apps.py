from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentorweb.accounts"
    label = "accounts"

    def ready(self) -> None:
        from mentorweb.accounts import allauth_audit, signals  # noqa: F401
