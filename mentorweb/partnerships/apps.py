from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "mentorweb.partnerships"
    label = "partnerships"

    def ready(self) -> None:
        # Home-page entries of the cost pages.
        # Home-page entry for a partnership waiting for the person's answer (partnerships.navigation).
        # Home-page entries of surveys due and of the staff's health list (partnerships.navigation_health).
        from mentorweb.partnerships import (
            costs_navigation,  # noqa: F401
            navigation,  # noqa: F401
            navigation_health,  # noqa: F401
        )
