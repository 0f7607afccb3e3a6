"""Notices that follow changes made in other apps."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from mentorweb.programs.signals import session_changed


@receiver(session_changed, dispatch_uid="notifications.session_changed")
def tell_people_about_the_change(sender: Any, session: Any, **kwargs: Any) -> None:
    from mentorweb.notifications.reminders import notify_session_changed

    notify_session_changed(session)
