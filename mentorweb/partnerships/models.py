"""Mentoring relationships. A pairing program publishes them; the partnerships issue builds their life
(agreement, meetings, notes, goals, surveys) on this model."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class PartnershipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for both to accept")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED = "ended", _("Ended early")
    DECLINED = "declined", _("Declined")


# A partnership in one of these holds a place in the mentor's capacity and the mentee's pairing.
LIVE_STATUSES = (PartnershipStatus.PROPOSED, PartnershipStatus.ACTIVE)


class Response(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Partnership(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="partnerships"
    )
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="partnerships")
    offering = models.ForeignKey(
        "programs.Offering", null=True, blank=True, on_delete=models.PROTECT, related_name="partnerships"
    )
    mentor = models.ForeignKey("accounts.Person", on_delete=models.PROTECT, related_name="partnerships_as_mentor")
    mentee = models.ForeignKey("accounts.Person", on_delete=models.PROTECT, related_name="partnerships_as_mentee")
    mentor_registration = models.ForeignKey(
        "registrations.Registration", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mentee_registration = models.ForeignKey(
        "registrations.Registration", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposal = models.OneToOneField(
        "matching.Proposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="partnership"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PartnershipStatus.choices, default=PartnershipStatus.PROPOSED
    )
    mentor_response = models.CharField(max_length=8, choices=Response.choices, default=Response.PENDING)
    mentee_response = models.CharField(max_length=8, choices=Response.choices, default=Response.PENDING)
    mentor_responded_at = models.DateTimeField(null=True, blank=True)
    mentee_responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    ended_reason = models.CharField(_("reason for ending"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            # One live pairing per mentee registration (a declined one returns the mentee to the pool).
            models.UniqueConstraint(
                fields=["mentee_registration"],
                condition=Q(status__in=LIVE_STATUSES) & Q(mentee_registration__isnull=False),
                name="partnership_one_live_per_mentee_registration",
            ),
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="partnership_not_self"),
            models.CheckConstraint(condition=Q(status__in=PartnershipStatus.values), name="partnership_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=PartnershipStatus.ACTIVE)
                | (Q(mentor_response=Response.ACCEPTED) & Q(mentee_response=Response.ACCEPTED)),
                name="partnership_active_needs_both_accepts",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["mentee", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"
