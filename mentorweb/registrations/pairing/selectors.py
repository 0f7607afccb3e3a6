"""Reads of applications, scoped to what the user may see.

An applicant sees their own applications; staff (administrators, coordinators and the advisory
team of the program's organization) see their organization's; a board contact sees the mentors
of the offerings where their board has mentees. Anything else is a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import Organization, OrganizationKind
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.partnerships.models import LIVE_STATUSES, Partnership
from mentorweb.programs.models import ApplicationQuestion, Offering, OfferingStatus, PairingRules, ProgramKind
from mentorweb.programs.times import today_in
from mentorweb.registrations.models import (
    BoardInput,
    Conflict,
    MentorPreference,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)

S = RegistrationStatus
ROLES = (RegistrationRole.MENTOR, RegistrationRole.MENTEE)
REVIEW = "registrations.review_applications"
BOARD_INPUT = "registrations.give_board_input"
APPLICATION_RELATED = ("offering__program__organization", "offering__program__pairing", "person__user", "board")
# Mentee applications a board gives input for: still considered, or accepted into the pool.
BOARD_MENTEE_STATUSES = (S.SUBMITTED, S.INFO_REQUESTED, S.ACCEPTED)


def applications() -> QuerySet[Registration]:
    """Mentor and mentee registrations in pairing programs (a mentoring web's are not applications)."""
    return Registration.objects.filter(
        role__in=ROLES, offering__program__kind=ProgramKind.PAIRING, offering__program__pairing__isnull=False
    ).select_related(*APPLICATION_RELATED)


# --- offerings ------------------------------------------------------------------------------------


def get_pairing_offering(offering_id: int) -> Offering:
    """An offering of a published pairing program, as the catalogue shows it; anything else is a 404."""
    offering = (
        Offering.objects.select_related("program__organization", "program__pairing")
        .filter(pk=offering_id, program__is_published=True, program__kind=ProgramKind.PAIRING)
        .exclude(status=OfferingStatus.DRAFT)
        .first()
    )
    if offering is None or not hasattr(offering.program, "pairing"):
        raise Http404
    return offering


def rules_of(offering: Offering) -> PairingRules:
    return offering.program.pairing


def application_refusal(offering: Offering) -> tuple[str, str] | None:
    """Why applying to this offering is refused today, as (message, code), or None when open.

    The window runs from the first day of `registration_opens` to the end of the day of
    `registration_deadline`, both in the organization's time zone.
    """
    from django.utils.formats import date_format

    organization = offering.program.organization
    today = today_in(organization.time_zone)
    if offering.program.kind != ProgramKind.PAIRING or not hasattr(offering.program, "pairing"):
        return _("This program does not take applications from mentors and mentees."), "not_pairing"
    if offering.status != OfferingStatus.OPEN:
        return _("This offering is not open for applications."), "closed"
    if offering.registration_opens and today < offering.registration_opens:
        return (
            _("Applications open on %(date)s.") % {"date": date_format(offering.registration_opens, "DATE_FORMAT")},
            "not_yet_open",
        )
    if today > offering.registration_deadline:
        return (
            _("Applications closed at the end of the day on %(date)s (%(zone)s time).")
            % {"date": date_format(offering.registration_deadline, "DATE_FORMAT"), "zone": organization.time_zone},
            "deadline_passed",
        )
    return None


def questions_for(program: Any, role: str) -> list[ApplicationQuestion]:
    return list(ApplicationQuestion.objects.filter(program=program, side__in=(role, "both")).order_by("position", "pk"))


def board_choices(program: Any) -> QuerySet[Organization]:
    """The boards and districts an applicant may name: those of the program's province."""
    return Organization.objects.filter(kind=OrganizationKind.BOARD, province=program.organization.province).order_by(
        "name", "pk"
    )


# --- the applicant's own --------------------------------------------------------------------------


def applications_for_user(user: Any) -> QuerySet[Registration]:
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return applications().filter(person__user=user).order_by("-registered_at", "-pk")


def get_application_for_user(user: Any, registration_id: int) -> Registration:
    """The user's own application; anyone else's is a 404, like one that does not exist."""
    registration = applications_for_user(user).filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    return registration


def live_application(person: Any, offering: Offering) -> Registration | None:
    """The person's application (or registration) in the offering that is not withdrawn or cancelled."""
    return (
        Registration.objects.filter(person=person, offering=offering)
        .exclude(status__in=(S.WITHDRAWN, S.CANCELLED))
        .first()
    )


def has_live_partnership(registration: Registration) -> bool:
    if registration.role == RegistrationRole.MENTOR:
        return registration.partnerships_taken > 0
    return Partnership.objects.filter(mentee_registration=registration, status__in=LIVE_STATUSES).exists()


# --- the pool ------------------------------------------------------------------------------------


def eligible_mentors(offering: Offering) -> QuerySet[Registration]:
    """Accepted mentor applications of the offering: the pool mentees rank and boards judge."""
    return (
        Registration.objects.filter(offering=offering, role=RegistrationRole.MENTOR, status=S.ACCEPTED)
        .select_related("person__user", "board")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def pool(offering: Offering) -> tuple[QuerySet[Registration], QuerySet[Registration]]:
    """The offering's matching pool: (mentees, mentors).

    Mentees: accepted mentee applications with no live (proposed or active) partnership in the
    offering, with their rankings and declared conflicts prefetched. Mentors: accepted mentor
    applications with room left (partnerships_taken < capacity). Both with the person, user and
    board joined, so building profiles costs a fixed number of queries whatever the pool's size.
    """
    live = Partnership.objects.filter(mentee_registration=OuterRef("pk"), status__in=LIVE_STATUSES)
    mentees = (
        Registration.objects.filter(offering=offering, role=RegistrationRole.MENTEE, status=S.ACCEPTED)
        .exclude(Exists(live))
        .select_related("person__user", "board")
        .prefetch_related(
            Prefetch("mentor_preferences", queryset=MentorPreference.objects.order_by("rank")),
            Prefetch("conflicts_as_mentee", queryset=Conflict.objects.order_by("pk")),
        )
        .order_by("pk")
    )
    mentors = (
        Registration.objects.filter(
            offering=offering,
            role=RegistrationRole.MENTOR,
            status=S.ACCEPTED,
            capacity__isnull=False,
            partnerships_taken__lt=F("capacity"),
        )
        .select_related("person__user", "board")
        .order_by("pk")
    )
    return mentees, mentors


def board_inputs(offering: Offering) -> QuerySet[BoardInput]:
    return BoardInput.objects.filter(offering=offering).select_related("board", "author").order_by("board", "mentor")


# --- staff ---------------------------------------------------------------------------------------


def get_offering_for_review(user: Any, slug: str, offering_id: int) -> tuple[Organization, Offering]:
    """The organization's pairing offering: another organization's (or a missing one, or a
    course) is a 404; then a role that does not review applications is a 403."""
    organization = get_organization_for_user(user, slug)
    offering = (
        Offering.objects.select_related("program__organization", "program__pairing")
        .filter(pk=offering_id, program__organization=organization, program__kind=ProgramKind.PAIRING)
        .first()
    )
    if offering is None or not hasattr(offering.program, "pairing"):
        raise Http404
    if not user.has_perm(REVIEW, organization):
        raise PermissionDenied
    return organization, offering


def offering_applications(
    offering: Offering, *, role: str = "", status: str = "", board: int | None = None, region: str = ""
) -> QuerySet[Registration]:
    rows = applications().filter(offering=offering)
    if role:
        rows = rows.filter(role=role)
    if status:
        rows = rows.filter(status=status)
    if board:
        rows = rows.filter(board_id=board)
    if region:
        rows = rows.filter(answers__region__icontains=region)
    return rows.order_by("role", "status", "person__family_name", "person__given_name", "pk")


def application_counts(offering: Offering) -> dict[str, dict[str, int]]:
    """{role: {status: count}} in one query, with a "total" per role."""
    counts: dict[str, dict[str, int]] = {role: {"total": 0} for role in ROLES}
    rows = (
        Registration.objects.filter(offering=offering, role__in=ROLES)
        .values_list("role", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for role, status, n in rows:
        counts[role][status] = n
        counts[role]["total"] += n
    return counts


def offering_boards(offering: Offering) -> QuerySet[Organization]:
    """The boards named on the offering's applications (for the staff filter)."""
    return Organization.objects.filter(board_registrations__offering=offering).distinct().order_by("name", "pk")


def get_application_for_review(offering: Offering, registration_id: int) -> Registration:
    registration = applications().filter(offering=offering, pk=registration_id).first()
    if registration is None:
        raise Http404
    return registration


def application_history(registration: Registration) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type="registrations.registration", object_id=str(registration.pk)).order_by(
        "at", "pk"
    )


def preferences_of(registration: Registration) -> list[MentorPreference]:
    return list(
        MentorPreference.objects.filter(mentee=registration)
        .select_related("mentor__person", "mentor__board")
        .order_by("rank")
    )


def conflicts_of(registration: Registration) -> list[Conflict]:
    field = "mentor" if registration.role == RegistrationRole.MENTOR else "mentee"
    return list(
        Conflict.objects.filter(**{field: registration})
        .select_related("mentee__person", "mentor__person", "declared_by")
        .order_by("created_at", "pk")
    )


def board_inputs_on(registration: Registration) -> list[BoardInput]:
    """For a mentor: every board's input. For a mentee: their board's input on mentors."""
    if registration.role == RegistrationRole.MENTOR:
        rows = BoardInput.objects.filter(mentor=registration)
    elif registration.board_id is not None:
        rows = BoardInput.objects.filter(offering_id=registration.offering_id, board_id=registration.board_id)
    else:
        return []
    return list(rows.select_related("board", "author", "mentor__person").order_by("board__name", "mentor__pk"))


def get_application_for_api(user: Any, registration_id: int) -> Registration:
    """For the API's staff operations: an application of an organization where the user reviews
    applications. Anyone else's, or a missing one, is a 404; a member without the role a 403."""
    registration = applications().filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    organization = registration.offering.program.organization
    get_organization_for_user(user, organization.slug)
    if not user.has_perm(REVIEW, organization):
        raise PermissionDenied
    return registration


# --- board contacts ------------------------------------------------------------------------------


def get_board_for_contact(user: Any, slug: str) -> Organization:
    """A board the user belongs to: another organization, or one that is not a board, is a 404;
    then a role that does not give board input is a 403."""
    organization = get_organization_for_user(user, slug)
    if organization.kind != OrganizationKind.BOARD:
        raise Http404
    if not user.has_perm(BOARD_INPUT, organization):
        raise PermissionDenied
    return organization


def board_offerings(board: Organization) -> QuerySet[Offering]:
    """Pairing offerings (of any organization) with board input on, where the board has mentee
    applications still considered or accepted; each with the number of the board's mentees."""
    mentees = Q(
        registrations__role=RegistrationRole.MENTEE,
        registrations__board=board,
        registrations__status__in=BOARD_MENTEE_STATUSES,
    )
    return (
        Offering.objects.filter(program__kind=ProgramKind.PAIRING, program__pairing__board_input=True)
        .filter(mentees)
        .annotate(board_mentees=Count("registrations", filter=mentees, distinct=True))
        .select_related("program__organization")
        .order_by("-start_date", "pk")
    )


def get_board_offering(board: Organization, offering_id: int) -> Offering:
    offering = board_offerings(board).filter(pk=offering_id).first()
    if offering is None:
        raise Http404
    return offering


def board_mentees(board: Organization, offering: Offering) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(
            offering=offering, role=RegistrationRole.MENTEE, board=board, status__in=BOARD_MENTEE_STATUSES
        )
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def board_mentors(board: Organization, offering: Offering) -> list[tuple[Registration, BoardInput | None]]:
    """The offering's accepted mentors, each with this board's input on them (or None)."""
    inputs = {row.mentor_id: row for row in BoardInput.objects.filter(offering=offering, board=board)}
    return [(mentor, inputs.get(mentor.pk)) for mentor in eligible_mentors(offering)]
