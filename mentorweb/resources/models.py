"""The resource library: eBooks, mini-modules, articles, videos, templates and books.

An item belongs to an organization (a board's own material, seen by its members) or to no one:
the shared library that every signed-in person sees, kept in step with `resources.library`.
Themes and audiences are rows of their own, so that the library can filter on them with an
index on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import Language, RoleGroup


class ResourceType(models.TextChoices):
    EBOOK = "ebook", _("eBook")
    MINI_MODULE = "mini_module", _("Mini-module")
    ARTICLE = "article", _("Article")
    VIDEO = "video", _("Video")
    TEMPLATE = "template", _("Template")
    BOOK = "book", _("Book")


class Theme(models.TextChoices):
    MENTORING_WEB = "mentoring_web", _("Mentoring webs")
    MODELS = "models", _("Models of mentorship")
    RELATIONAL_TRUST = "relational_trust", _("Relational trust")
    LISTENING = "listening", _("Listening")
    GOAL_SETTING = "goal_setting", _("Goal setting")
    CONVERSATIONS = "conversations", _("Conversations")
    COACHING = "coaching", _("Coaching")
    FEEDBACK = "feedback", _("Feedback")
    REFLECTION = "reflection", _("Reflection")
    OBSERVATION = "observation", _("Observation and debriefing")
    WELL_BEING = "well_being", _("Well-being")
    LEADERSHIP = "leadership", _("Leadership")
    EQUITY = "equity", _("Equity")
    EARLY_LEARNING = "early_learning", _("Early learning")
    INDUCTION = "induction", _("New teacher induction")


def resource_upload_to(instance: Resource, filename: str) -> str:
    # A random folder: the file is only ever served through the resource's page, after the
    # visibility check, and its stored name must not be guessable from the title.
    owner = instance.organization_id or "shared"
    return f"resources/{owner}/{uuid.uuid4().hex}/{filename}"


class Resource(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resources",
        verbose_name=_("organization"),
    )
    # The stable name of a shared library item (the code keeps those in step); empty for others.
    key = models.SlugField(_("key"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=200)
    type = models.CharField(_("type"), max_length=16, choices=ResourceType.choices)
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=resource_upload_to, max_length=300, blank=True)
    source = models.CharField(_("where to find it"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.EN)
    is_published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(type__in=ResourceType.values), name="resource_type_valid"),
            models.CheckConstraint(condition=Q(language__in=Language.values), name="resource_language_valid"),
            # A link or a file (or neither, for a book), never both: people must know which to use.
            models.CheckConstraint(condition=Q(link="") | Q(file=""), name="resource_link_or_file"),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(organization__isnull=True) & ~Q(key=""),
                name="resource_shared_key_unique",
            ),
            models.UniqueConstraint(
                fields=["organization", "key"],
                condition=Q(organization__isnull=False) & ~Q(key=""),
                name="resource_org_key_unique",
            ),
        ]
        indexes = [models.Index(fields=["organization", "is_published"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_shared(self) -> bool:
        return self.organization_id is None

    def theme_values(self) -> list[str]:
        return [row.theme for row in self.themes.all()]

    def audience_values(self) -> list[str]:
        return [row.role_group for row in self.audiences.all()]

    def theme_labels(self) -> list[Any]:
        return [Theme(value).label for value in sorted(self.theme_values(), key=Theme.values.index)]

    def audience_labels(self) -> list[Any]:
        return [RoleGroup(value).label for value in sorted(self.audience_values(), key=RoleGroup.values.index)]


class ResourceTheme(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(max_length=32, choices=Theme.choices)

    class Meta:
        ordering = ["resource", "theme"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "theme"], name="resource_theme_unique"),
            models.CheckConstraint(condition=Q(theme__in=Theme.values), name="resource_theme_valid"),
        ]
        indexes = [models.Index(fields=["theme", "resource"])]

    def __str__(self) -> str:
        return self.theme


class ResourceAudience(models.Model):
    """A role group the item is meant for. An item with none is meant for everyone."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="audiences")
    role_group = models.CharField(max_length=40, choices=RoleGroup.choices)

    class Meta:
        ordering = ["resource", "role_group"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "role_group"], name="resource_audience_unique"),
            models.CheckConstraint(condition=Q(role_group__in=RoleGroup.values), name="resource_audience_valid"),
        ]
        indexes = [models.Index(fields=["role_group", "resource"])]

    def __str__(self) -> str:
        return self.role_group
