"""Every change to organizations and memberships.

Changes that could leave an organization without an administrator (role changes,
deactivation) first lock the organization row. Two administrators demoting each other at
the same moment therefore run one after the other, and the second one sees that the first
already changed the count and is refused.
"""

from __future__ import annotations

from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mentorweb.accounts.models import Credential, Person, User
from mentorweb.accounts.services import credential_verify, user_end_sessions
from mentorweb.core.audit import audit_record, diff, snapshot
from mentorweb.core.errors import DomainError
from mentorweb.core.links import site_url
from mentorweb.notifications.tasks import queue_email
from mentorweb.organizations.models import Membership, MembershipStatus, Organization, StaffRole
from mentorweb.organizations.selectors import forget_memberships

ORGANIZATION_FIELDS = ("name", "short_name", "time_zone", "languages", "contact_email")
LANGUAGE_CODES = ("en", "fr")


def _require_perm(actor: Any, perm: str, organization: Organization, message: str) -> None:
    if not actor.has_perm(perm, organization):
        raise DomainError(message, code="forbidden")


def _lock_organization(actor: Any, organization: Organization) -> Organization:
    """Lock the organization row and check, under the lock, that the actor still administers it.

    The permission check before the transaction reads the actor's memberships as they were at
    the start of the request; another administrator may have demoted the actor since.
    """
    locked = Organization.objects.select_for_update().get(pk=organization.pk)
    if not getattr(actor, "is_superuser", False):
        still_admin = Membership.objects.filter(
            organization=locked, person__user=actor, role=StaffRole.ORG_ADMIN, deactivated_at__isnull=True
        ).exists()
        if not still_admin:
            raise DomainError(_("You are no longer an administrator of this organization."), code="forbidden")
    return locked


def _other_active_admins(membership: Membership) -> int:
    return (
        Membership.objects.filter(
            organization_id=membership.organization_id, role=StaffRole.ORG_ADMIN, deactivated_at__isnull=True
        )
        .exclude(pk=membership.pk)
        .count()
    )


def _locked_membership(membership: Membership, organization: Organization) -> Membership:
    return (
        Membership.objects.select_for_update()
        .select_related("person__user", "organization")
        .get(pk=membership.pk, organization=organization)
    )


# --- invitations ---------------------------------------------------------------------------


def _clean_invitation(*, email: str, given_name: str, family_name: str, role: str, status: str) -> tuple[str, str, str]:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError(_("Enter a valid e-mail address."), field="email") from error
    given_name = " ".join((given_name or "").split())
    family_name = " ".join((family_name or "").split())
    if not given_name or len(given_name) > 100:
        raise DomainError(_("Enter a given name of at most 100 characters."), field="given_name")
    if not family_name or len(family_name) > 100:
        raise DomainError(_("Enter a family name of at most 100 characters."), field="family_name")
    if role not in StaffRole.values:
        raise DomainError(_("Choose a role."), field="role")
    if status not in MembershipStatus.values:
        raise DomainError(_("Choose a status."), field="status")
    return email, given_name, family_name


def _find_user(email: str) -> User | None:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        # Someone may use this address as a second, verified address of their account.
        address = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
        user = address.user if address is not None else None
    return user


def _set_password_link(user: User) -> str:
    # allauth's own password-reset link: the person chooses a password on allauth's page,
    # so password rules, throttling and token expiry are allauth's.
    key = default_token_generator.make_token(user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key})
    return site_url(path)


def _queue_invitation(*, actor: Any, membership: Membership, user: User, entry_id: int) -> None:
    person = membership.person
    organization = membership.organization
    needs_password = not user.has_usable_password()
    link = (
        _set_password_link(user)
        if needs_password
        else site_url(reverse("organizations:detail", kwargs={"slug": organization.slug}))
    )
    language = person.preferred_language or "en"
    with translation.override(language):
        role_label = str(StaffRole(membership.role).label)
    inviter = getattr(getattr(actor, "person", None), "full_name", "") or getattr(actor, "email", "")
    queue_email(
        # One e-mail per invitation: the audit entry of this invitation makes the key unique,
        # so a job that runs twice sends once, and a later invitation sends again.
        key=f"invitation:{membership.pk}:{entry_id}",
        to=user.email,
        template="emails/invitation",
        language=language,
        context={
            "given_name": person.given_name,
            "organization_name": organization.name,
            "inviter_name": inviter,
            "role_label": role_label,
            "link": link,
            "needs_password": needs_password,
            "valid_days": max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1),
        },
    )


def membership_invite(
    *,
    actor: Any,
    organization: Organization,
    email: str,
    given_name: str,
    family_name: str,
    role: str,
    status: str = MembershipStatus.ACTIVE,
) -> Membership:
    """Add a person to the organization, creating their account when the address is new.

    A new account has no usable password and an unverified address; the invitation e-mail
    carries a link to choose a password. Following that link proves the person reads that
    mailbox, so the address is then marked verified (see organizations.signals).
    """
    _require_perm(
        actor,
        "organizations.manage_members",
        organization,
        _("Only administrators of the organization can invite people."),
    )
    email, given_name, family_name = _clean_invitation(
        email=email, given_name=given_name, family_name=family_name, role=role, status=status
    )
    try:
        with transaction.atomic():
            organization = _lock_organization(actor, organization)
            user = _find_user(email)
            created_user = user is None
            if user is None:
                user = User.objects.create_user(email=email)
                EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
            person = Person.objects.filter(user=user).first()
            if person is None:
                # Until they choose, write to them in the organization's language when it has only one.
                language = organization.languages[0] if len(organization.languages or []) == 1 else "en"
                person = Person.objects.create(
                    user=user, given_name=given_name, family_name=family_name, preferred_language=language
                )
            membership = Membership.objects.select_for_update().filter(person=person, organization=organization).first()
            changes: dict[str, list[Any]] = {
                "email": [None, email],
                "role": [None, role],
                "status": [None, status],
            }
            if membership is None:
                membership = Membership.objects.create(
                    person=person, organization=organization, role=role, status=status, invited_by=actor
                )
            elif membership.deactivated_at is None:
                raise DomainError(
                    _("%(email)s is already an active member of this organization.") % {"email": email},
                    field="email",
                    code="conflict",
                )
            else:
                changes = {
                    "email": [None, email],
                    "role": [membership.role, role],
                    "status": [membership.status, status],
                    "deactivated_at": [membership.deactivated_at.isoformat(), None],
                }
                membership.role = role
                membership.status = status
                membership.invited_by = actor
                membership.deactivated_at = None
                membership.save(update_fields=["role", "status", "invited_by", "deactivated_at"])
            changes["new_account"] = [None, created_user]
            entry = audit_record(
                actor=actor,
                action="membership.invited",
                obj=membership,
                organization=organization,
                changes=changes,
            )
            membership.organization = organization
            _queue_invitation(actor=actor, membership=membership, user=user, entry_id=entry.pk)
    except IntegrityError as error:
        # Another administrator invited the same address at the same moment.
        raise DomainError(
            _("%(email)s was just added by someone else. Reload the page.") % {"email": email},
            field="email",
            code="conflict",
        ) from error
    return membership


# --- roles and deactivation ----------------------------------------------------------------


def membership_change_role(*, actor: Any, membership: Membership, role: str) -> Membership:
    _require_perm(
        actor,
        "organizations.manage_members",
        membership.organization,
        _("Only administrators of the organization can change roles."),
    )
    if role not in StaffRole.values:
        raise DomainError(_("Choose a role."), field="role")
    with transaction.atomic():
        organization = _lock_organization(actor, membership.organization)
        membership = _locked_membership(membership, organization)
        if membership.deactivated_at is not None:
            raise DomainError(_("Reactivate this membership before changing its role."), field="role")
        old = membership.role
        if old == role:
            return membership
        if old == StaffRole.ORG_ADMIN and _other_active_admins(membership) == 0:
            raise DomainError(
                _("This is the last administrator of the organization. Make someone else an administrator first."),
                field="role",
                code="last_admin",
            )
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(
            actor=actor,
            action="membership.role_changed",
            obj=membership,
            organization=organization,
            changes={"role": [old, role]},
        )
    # The actor may have changed their own role: later checks in this request must not
    # use the memberships read before the change.
    forget_memberships(actor)
    return membership


def membership_deactivate(*, actor: Any, membership: Membership) -> Membership:
    """End a membership and log the person out everywhere.

    Their sessions end even when they still belong to other organizations: a deactivation
    is often the answer to someone leaving or a lost device, a session does not say which
    organization it is used for, and logging in again costs them little.
    """
    _require_perm(
        actor,
        "organizations.manage_members",
        membership.organization,
        _("Only administrators of the organization can deactivate members."),
    )
    if membership.person.user_id == actor.pk:
        raise DomainError(_("You cannot deactivate your own membership."), code="self")
    with transaction.atomic():
        organization = _lock_organization(actor, membership.organization)
        membership = _locked_membership(membership, organization)
        if membership.deactivated_at is not None:
            raise DomainError(_("This membership is already deactivated."), code="conflict")
        if membership.role == StaffRole.ORG_ADMIN and _other_active_admins(membership) == 0:
            raise DomainError(
                _("This is the last administrator of the organization. Make someone else an administrator first."),
                code="last_admin",
            )
        now = timezone.now()
        # Conditional UPDATE: of two concurrent deactivations only one changes the row.
        updated = Membership.objects.filter(pk=membership.pk, deactivated_at__isnull=True).update(deactivated_at=now)
        if not updated:
            raise DomainError(_("This membership is already deactivated."), code="conflict")
        membership.deactivated_at = now
        audit_record(
            actor=actor,
            action="membership.deactivated",
            obj=membership,
            organization=organization,
            changes={"deactivated_at": [None, now.isoformat()]},
        )
        ended = user_end_sessions(user=membership.person.user)
        if ended:
            audit_record(
                actor=actor,
                action="user.sessions_ended",
                obj=membership.person.user,
                organization=organization,
                changes={"sessions": [ended, 0]},
            )
    return membership


def membership_reactivate(*, actor: Any, membership: Membership) -> Membership:
    _require_perm(
        actor,
        "organizations.manage_members",
        membership.organization,
        _("Only administrators of the organization can reactivate members."),
    )
    with transaction.atomic():
        organization = _lock_organization(actor, membership.organization)
        membership = _locked_membership(membership, organization)
        old = membership.deactivated_at
        updated = Membership.objects.filter(pk=membership.pk, deactivated_at__isnull=False).update(deactivated_at=None)
        if not updated or old is None:
            raise DomainError(_("This membership is already active."), code="conflict")
        membership.deactivated_at = None
        audit_record(
            actor=actor,
            action="membership.reactivated",
            obj=membership,
            organization=organization,
            changes={"deactivated_at": [old.isoformat(), None]},
        )
    return membership


def membership_credential_verify(
    *, actor: Any, membership: Membership, credential: Credential, status: str
) -> Credential:
    """Record what the professional register shows for a member's credential.

    The accounts service writes the credential's own audit entry; this one adds an entry to
    the organization's trail, so its administrators see who verified what on its behalf.
    """
    _require_perm(
        actor,
        "organizations.verify_credentials",
        membership.organization,
        _("Only administrators and coordinators can record a verification."),
    )
    if credential.person_id != membership.person_id:
        raise DomainError(_("This credential belongs to someone else."), code="not_found")
    with transaction.atomic():
        old = credential.status
        credential = credential_verify(actor=actor, credential=credential, status=status)
        audit_record(
            actor=actor,
            action="membership.credential_verified",
            obj=credential,
            organization=membership.organization,
            changes={"status": [old, credential.status]},
        )
    return credential


# --- the organization itself ---------------------------------------------------------------


def _clean_languages(value: Any) -> list[str]:
    if not isinstance(value, (list, tuple)) or any(v not in LANGUAGE_CODES for v in value):
        raise DomainError(_("Choose languages from the list."), field="languages")
    return [code for code in LANGUAGE_CODES if code in value]


def organization_update(*, actor: Any, organization: Organization, data: dict[str, Any]) -> Organization:
    """Update the organization's own details. Unknown keys are refused."""
    _require_perm(
        actor,
        "organizations.change_organization",
        organization,
        _("Only administrators of the organization can change its details."),
    )
    unknown = set(data) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)))
    data = dict(data)
    if "languages" in data:
        data["languages"] = _clean_languages(data["languages"])
    for name in ("name", "short_name", "contact_email", "time_zone"):
        if name in data:
            data[name] = " ".join(str(data[name] or "").split())
    with transaction.atomic():
        organization = _lock_organization(actor, organization)
        before = snapshot(organization, data)
        for name, value in data.items():
            setattr(organization, name, value)
        try:
            organization.full_clean(exclude=["parent", "slug", "kind"])
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from error
        changes = diff(organization, before, data)
        if changes:
            organization.save(update_fields=list(changes))
            audit_record(
                actor=actor,
                action="organization.updated",
                obj=organization,
                organization=organization,
                changes=changes,
            )
    return organization
