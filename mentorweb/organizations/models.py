from __future__ import annotations

import functools
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


@functools.cache
def _time_zones() -> frozenset[str]:
    # Reading the zone database takes tens of milliseconds: once per process is enough.
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in _time_zones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class OrganizationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    BOARD = "board", _("School board")
    SCHOOL = "school", _("School")
    MINISTRY = "ministry", _("Ministry")


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("address name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="America/Toronto", validators=[validate_time_zone]
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    province = models.CharField(_("province"), max_length=2, default="ON")
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganizationKind.values), name="organization_kind_valid"
            ),
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="organization_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    GOOD_STANDING = "good_standing", _("In good standing")
    RETIRED = "retired", _("Retired")
    ALUMNI = "alumni", _("Alumni")


class StaffRole(models.TextChoices):
    """What a person may do in one organization. `member` is not staff."""

    MEMBER = "member", _("Member")
    ORG_ADMIN = "org_admin", _("Organization administrator")
    COORDINATOR = "coordinator", _("Program coordinator")
    ADVISORY = "advisory", _("Advisory team member")
    FACILITATOR = "facilitator", _("Facilitator")
    BOARD_CONTACT = "board_contact", _("Board contact")


STAFF_ROLES = frozenset(StaffRole.values) - {StaffRole.MEMBER}


class Membership(models.Model):
    person = models.ForeignKey("accounts.Person", on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(
        _("status"), max_length=16, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    role = models.CharField(_("role"), max_length=16, choices=StaffRole.choices, default=StaffRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True)

    class Meta:
        ordering = ["organization", "person"]
        constraints = [
            models.UniqueConstraint(fields=["person", "organization"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=MembershipStatus.values), name="membership_status_valid"
            ),
            models.CheckConstraint(condition=models.Q(role__in=StaffRole.values), name="membership_role_valid"),
        ]
        indexes = [
            models.Index(fields=["organization", "role"]),
            # An organization's active people, read without touching the table: the mentoring web's
            # coverage reads a board's and its schools' members this way (a seq scan of every
            # membership of the province otherwise).
            models.Index(
                fields=["organization", "person"],
                condition=models.Q(deactivated_at__isnull=True),
                name="membership_active_org_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.organization}"

    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES
