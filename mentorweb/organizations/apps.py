from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "mentorweb.organizations"
    label = "organizations"
