"""Conversation tools (templates) and the structured records a pair makes with them.

A template with no organization is built in (`conversations.builtins`, kept in step with the code);
an organization's template is its own tool or its customized copy of a built-in (same key), which
then takes the built-in's place for that organization's partnerships. Records belong to one
partnership and are read and written by its two people only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Tool(models.TextChoices):
    THREE_CS = "three_cs", _("The 3C's: consulting, collaborating, coaching")
    CONVERSATION_MAP_PLANNING = "conversation_map_planning", _("Conversation map: planning")
    CONVERSATION_MAP_REFLECTING = "conversation_map_reflecting", _("Conversation map: reflecting")
    CONVERSATION_MAP_PROBLEM_RESOLVING = "conversation_map_problem_resolving", _("Conversation map: problem-resolving")
    SCALING_QUESTION = "scaling_question", _("Scaling question")
    THIRD_POINT = "third_point", _("Third point")
    APPRECIATIVE_INQUIRY = "appreciative_inquiry", _("Appreciative inquiry")
    OBSERVATION_DEBRIEF = "observation_debrief", _("Observation and debriefing")
    CUSTOM = "custom", _("Our own tool")


class FieldKind(models.TextChoices):
    TEXT = "text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    CHOICE = "choice", _("One choice from a list")
    MULTI_CHOICE = "multi_choice", _("Several choices from a list")
    SCALE_0_10 = "scale_0_10", _("A number from 0 to 10")


class ConversationTemplate(models.Model):
    """A conversation tool: its questions as JSON
    [{"key", "label", "kind", "options": [...], "help", "required": bool}] (see conversations.fields)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conversation_templates",
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    tool = models.CharField(_("kind of tool"), max_length=40, choices=Tool.choices)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    fields = models.JSONField(_("questions"), default=list)
    is_active = models.BooleanField(_("in use"), default=True)
    # The built-in this organization's copy was made from ("customize").
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(tool__in=Tool.values), name="conversation_template_tool_valid"),
            models.UniqueConstraint(
                fields=["key"], condition=Q(organization__isnull=True), name="conversation_template_builtin_key_unique"
            ),
            models.UniqueConstraint(
                fields=["organization", "key"],
                condition=Q(organization__isnull=False),
                name="conversation_template_org_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_builtin(self) -> bool:
        return self.organization_id is None


class Conversation(models.Model):
    """One structured record, attached to a meeting or to a goal of the partnership (never both).

    The template's questions are copied in when it is written, so that a later change to the
    template never changes what an earlier record says."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="conversations")
    meeting = models.ForeignKey(
        "partnerships.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="conversations"
    )
    goal = models.ForeignKey(
        "partnerships.Goal", null=True, blank=True, on_delete=models.CASCADE, related_name="conversations"
    )
    template = models.ForeignKey(ConversationTemplate, on_delete=models.PROTECT, related_name="conversations")
    tool = models.CharField(max_length=40, choices=Tool.choices)
    template_name = models.CharField(max_length=200)
    template_fields = models.JSONField(default=list)
    answers = models.JSONField(default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="conversations"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partnership", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(meeting__isnull=False) & Q(goal__isnull=True))
                | (Q(meeting__isnull=True) & Q(goal__isnull=False)),
                name="conversation_meeting_or_goal",
            ),
            models.CheckConstraint(condition=Q(tool__in=Tool.values), name="conversation_tool_valid"),
        ]
        indexes = [models.Index(fields=["partnership", "tool", "created_at"])]

    def __str__(self) -> str:
        # No content here: this label goes into the audit trail, which staff read.
        return f"Conversation {self.pk}"
