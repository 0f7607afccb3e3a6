from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "mentorweb.partnerships"
    label = "partnerships"
