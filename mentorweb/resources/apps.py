from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ResourcesConfig(AppConfig):
    name = "mentorweb.resources"
    label = "resources"

    def ready(self) -> None:
        # Menu entries and home-page sections.
        from mentorweb.resources import navigation  # noqa: F401
        from mentorweb.resources.library import sync_after_migrate

        # The shared library is kept in step with the code after every migrate (and after the test
        # runner's flush, which empties the tables but sends this signal again).
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="resources_shared_library")
