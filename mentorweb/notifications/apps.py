from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mentorweb.notifications"
    label = "notifications"
