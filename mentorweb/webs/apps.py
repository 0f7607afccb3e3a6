from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsConfig(AppConfig):
    name = "mentorweb.webs"
    label = "webs"
    verbose_name = _("Mentoring webs")

    def ready(self) -> None:
        # Menu and home-page entries (webs.navigation), when that module exists.
        from importlib import import_module
        from importlib.util import find_spec

        if find_spec("mentorweb.webs.navigation") is not None:
            import_module("mentorweb.webs.navigation")
        import_module("mentorweb.webs.navigation_steering")  # the steering committee's home-page section
