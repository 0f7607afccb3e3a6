from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ConversationsConfig(AppConfig):
    name = "mentorweb.conversations"
    label = "conversations"

    def ready(self) -> None:
        from mentorweb.conversations.builtins import sync_after_migrate

        # The built-in templates are kept in step with the code after every migrate (and after the
        # test runner's flush, which empties the tables but sends this signal again).
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="conversations_builtin_templates")
