"""Mentoring webs (Mentoring for All, seeds 001 and 002): everyone in a board, in every role
group, offers to mentor in named areas and looks for mentors across roles.

Every connection is a `partnerships.Partnership` of kind `web` (a mentor and a mentee) or `peer`
(reciprocal: both learn, neither is "the mentor"), so meetings, goals, private notes and
conversation records work as in any partnership. A request is a partnership in `proposed`
whose requester has already accepted (the mentee side); the other person accepts or declines
with a reason.

A mentor's places are counted on the offer (`taken`), by conditional UPDATEs under a CHECK
constraint, so that no number of simultaneous acceptances puts a mentor over capacity; a place
is taken when the mentor accepts and given back when the connection ends or completes.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import RoleGroup

# The groups seed 001 names as under-served by "mentoring for some"; the steering committee's
# view shows them first.
UNDER_SERVED_GROUPS = (
    RoleGroup.EARLY_CHILDHOOD_EDUCATOR,
    RoleGroup.BUSINESS_SUPPORT,
    RoleGroup.CONSULTANT_COACH,
    RoleGroup.ASSOCIATE_TEACHER,
)

# The employee groups of a board (the retired groups and "other" are not employee groups).
EMPLOYEE_GROUPS = (
    RoleGroup.EARLY_CHILDHOOD_EDUCATOR,
    RoleGroup.TEACHER,
    RoleGroup.ASSOCIATE_TEACHER,
    RoleGroup.BUSINESS_SUPPORT,
    RoleGroup.CONSULTANT_COACH,
    RoleGroup.OFFICE_ADMINISTRATOR,
    RoleGroup.VICE_PRINCIPAL,
    RoleGroup.PRINCIPAL,
    RoleGroup.SUPERVISORY_OFFICER,
)

MAX_CAPACITY = 10
MAX_AREAS = 12


class MentorOffer(models.Model):
    """A person's offer to mentor others in the web, in named areas, up to `capacity` people."""

    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="mentor_offers")
    person = models.ForeignKey("accounts.Person", on_delete=models.CASCADE, related_name="mentor_offers")
    summary = models.CharField(_("what you offer"), max_length=500, blank=True)
    capacity = models.PositiveSmallIntegerField(_("how many people you can mentor at once"), default=2)
    taken = models.PositiveSmallIntegerField(default=0)
    is_open = models.BooleanField(_("open to new requests"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["program", "person"]
        constraints = [
            models.UniqueConstraint(fields=["program", "person"], name="mentor_offer_one_per_program"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=MAX_CAPACITY), name="mentor_offer_capacity_range"
            ),
            # Never over capacity. Lowering the capacity below the places taken is refused by the service;
            # the check is the database's own guarantee.
            models.CheckConstraint(condition=Q(taken__lte=F("capacity")), name="mentor_offer_within_capacity"),
        ]
        indexes = [models.Index(fields=["program", "is_open"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.program})"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.taken, 0)


class OfferArea(models.Model):
    """One named area of an offer (a tag from the same list as people's needs and expertise)."""

    offer = models.ForeignKey(MentorOffer, on_delete=models.CASCADE, related_name="areas")
    area = models.CharField(_("area"), max_length=100)

    class Meta:
        ordering = ["area"]
        constraints = [models.UniqueConstraint(fields=["offer", "area"], name="offer_area_unique")]
        indexes = [models.Index(fields=["area"])]

    def __str__(self) -> str:
        return self.area


class LearningEntry(models.Model):
    """What one person of a web or peer connection learned: shared with the other person (learning is
    reciprocal, seed 002), never with staff beyond the count."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="learnings")
    author = models.ForeignKey("accounts.Person", on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("what I learned"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["partnership", "created_at"])]

    def __str__(self) -> str:
        return f"learning {self.pk} in partnership {self.partnership_id}"


class SteeringMember(models.Model):
    """A member of a board's Mentoring Steering Committee (seed 001: with representation from all
    groups), and the employee group they represent."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="steering_members")
    person = models.ForeignKey("accounts.Person", on_delete=models.CASCADE, related_name="steering_seats")
    represents = models.CharField(_("represents"), max_length=40, choices=RoleGroup.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "represents", "person"]
        constraints = [
            models.UniqueConstraint(fields=["program", "person"], name="steering_member_once"),
            models.CheckConstraint(condition=Q(represents__in=RoleGroup.values), name="steering_member_group_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_represents_display()})"


class CoverageSnapshot(models.Model):
    """The web's coverage of one role group on one day, kept by a daily job, for the trend over time."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="coverage_snapshots")
    taken_on = models.DateField()
    role_group = models.CharField(max_length=40, choices=RoleGroup.choices)
    people = models.PositiveIntegerField(default=0)
    with_mentor = models.PositiveIntegerField(default=0)
    mentoring = models.PositiveIntegerField(default=0)
    connections = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["program", "taken_on", "role_group"]
        constraints = [
            models.UniqueConstraint(fields=["program", "taken_on", "role_group"], name="coverage_snapshot_once"),
            models.CheckConstraint(
                condition=Q(with_mentor__lte=F("people")) & Q(mentoring__lte=F("people")),
                name="coverage_snapshot_within_people",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.taken_on} {self.role_group}"
