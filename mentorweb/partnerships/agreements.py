"""The agreement a pair co-creates: how they reach each other informally (for an immediate
response), how they plan formally (with a growth focus), how often and how they meet, and
their acknowledgement of confidentiality (seed 003: "Participants will co-create how the
mentorship communication will take place").

Either person proposes a version; it counts as the proposer's acknowledgement. When the other
person acknowledges it too, it is agreed and the version agreed before it is superseded; until
then the earlier agreement stays in force. A new proposal while one is open replaces the open
one (it stays in the history as superseded). Every version is kept, with who proposed it and
when, and both people see them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.core.links import site_url
from mentorweb.notifications.tasks import queue_email
from mentorweb.partnerships.models import Agreement, AgreementStatus, MeetingMode, Partnership
from mentorweb.partnerships.selectors_workspace import rules_of
from mentorweb.partnerships.workspace_guards import HIDDEN, lock_active, require_active, require_pair
from mentorweb.programs import cleaning


class InformalChannel(models.TextChoices):
    """Ways to reach each other between meetings, for an immediate response."""

    TEXT = "text", gettext_lazy("Text message")
    PHONE = "phone", gettext_lazy("Phone call")
    EMAIL = "email", gettext_lazy("E-mail")
    VIDEO = "video", gettext_lazy("Video chat")
    MESSAGING = "messaging", gettext_lazy("Messaging app")


AGREEMENT_FIELDS = (
    "informal_channels",
    "informal_notes",
    "formal_planning",
    "meeting_every_days",
    "meeting_modes",
    "hours_per_month",
)
# Free text of the pair: named in the audit trail when it changes, never shown there.
PRIVATE_FIELDS = frozenset({"informal_notes", "formal_planning"})
MAX_HOURS_PER_MONTH = Decimal("200")


def _choices(value: Any, field: str, allowed: list[str]) -> list[str]:
    if not isinstance(value, (list, tuple)):
        raise DomainError(_("Choose at least one of the options."), field=field)
    chosen = []
    for item in value:
        if item not in allowed:
            raise DomainError(_("Choose one of the options."), field=field)
        if item not in chosen:
            chosen.append(str(item))
    if not chosen:
        raise DomainError(_("Choose at least one of the options."), field=field)
    # In the order of the options, so that two versions with the same choices compare equal.
    return [item for item in allowed if item in chosen]


def clean_agreement(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(AGREEMENT_FIELDS)
    if unknown:
        name = sorted(unknown)[0]
        raise DomainError(_("This field cannot be set here: %s") % name, field=name)
    hours = data.get("hours_per_month")
    return {
        "informal_channels": _choices(data.get("informal_channels"), "informal_channels", InformalChannel.values),
        "informal_notes": cleaning.text(data.get("informal_notes"), "informal_notes", max_length=2000, multiline=True),
        "formal_planning": cleaning.text(
            data.get("formal_planning"), "formal_planning", max_length=4000, multiline=True
        ),
        "meeting_every_days": cleaning.integer(
            data.get("meeting_every_days"), "meeting_every_days", minimum=1, maximum=365
        ),
        "meeting_modes": _choices(data.get("meeting_modes"), "meeting_modes", MeetingMode.values),
        "hours_per_month": None
        if hours in (None, "")
        else cleaning.decimal(hours, "hours_per_month", maximum=MAX_HOURS_PER_MONTH),
    }


def _require_confidentiality(confidentiality: Any) -> None:
    if confidentiality is not True:
        raise DomainError(
            _("Acknowledge that what you share in this partnership stays confidential."), field="confidentiality"
        )


def _plain(agreement: Agreement) -> dict[str, Any]:
    values = {name: getattr(agreement, name) for name in AGREEMENT_FIELDS}
    if values["hours_per_month"] is not None:
        values["hours_per_month"] = Decimal(values["hours_per_month"]).normalize()
    return values


def _audit_values(values: dict[str, Any]) -> dict[str, Any]:
    return {
        name: [None, HIDDEN if name in PRIVATE_FIELDS else (str(value) if isinstance(value, Decimal) else value)]
        for name, value in values.items()
    }


def initial_values(partnership: Partnership) -> dict[str, Any]:
    """What a first proposal starts from: the agreed version, or the program's commitment."""
    current = partnership.agreements.filter(status=AgreementStatus.AGREED).order_by("-version").first()
    if current is not None:
        return {name: getattr(current, name) for name in AGREEMENT_FIELDS}
    rules = rules_of(partnership.program)
    return {
        "informal_channels": [InformalChannel.EMAIL, InformalChannel.PHONE],
        "informal_notes": "",
        "formal_planning": "",
        "meeting_every_days": 14,
        "meeting_modes": [MeetingMode.FACE_TO_FACE, MeetingMode.VIDEO],
        "hours_per_month": rules.min_hours_per_month if rules is not None else None,
    }


def agreement_propose(
    *, actor: Any, partnership: Partnership, data: Mapping[str, Any], confidentiality: bool
) -> Agreement:
    """Propose a (new version of the) agreement. The proposer acknowledges it by proposing."""
    role = require_pair(actor, partnership)
    require_active(partnership)
    values = clean_agreement(data)
    _require_confidentiality(confidentiality)
    with transaction.atomic():
        locked = lock_active(partnership)
        agreed = locked.agreements.filter(status=AgreementStatus.AGREED).order_by("-version").first()
        if agreed is not None and _plain(agreed) == {**values, "hours_per_month": _plain_hours(values)}:
            raise DomainError(_("This is the agreement you already have: change something first."))
        replaced = list(locked.agreements.filter(status=AgreementStatus.PROPOSED).values_list("version", flat=True))
        locked.agreements.filter(status=AgreementStatus.PROPOSED).update(status=AgreementStatus.SUPERSEDED)
        version = (locked.agreements.aggregate(top=Max("version"))["top"] or 0) + 1
        now = timezone.now()
        try:
            with transaction.atomic():
                agreement = Agreement.objects.create(
                    partnership=locked,
                    version=version,
                    proposed_by=actor,
                    mentor_acknowledged_at=now if role == "mentor" else None,
                    mentee_acknowledged_at=now if role == "mentee" else None,
                    **values,
                )
        except IntegrityError as error:
            raise DomainError(_("Someone proposed a change at the same moment: reload the page.")) from error
        changes = _audit_values(values)
        if replaced:
            changes["replaces_proposal"] = [replaced[0], None]
        audit_record(
            actor=actor, action="agreement.proposed", obj=agreement, organization=locked.organization, changes=changes
        )
        _tell_partner(locked, role, agreement)
    return agreement


def _plain_hours(values: dict[str, Any]) -> Decimal | None:
    hours = values["hours_per_month"]
    return Decimal(hours).normalize() if hours is not None else None


def agreement_acknowledge(*, actor: Any, agreement: Agreement, confidentiality: bool) -> Agreement:
    """The actor acknowledges the open version and confidentiality; with both acknowledgements
    it is agreed and replaces the version agreed before."""
    partnership = agreement.partnership
    role = require_pair(actor, partnership)
    require_active(partnership)
    _require_confidentiality(confidentiality)
    with transaction.atomic():
        locked = lock_active(partnership)
        current = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if current.status != AgreementStatus.PROPOSED:
            raise DomainError(_("This version is no longer open: it was agreed or replaced."))
        stamp = "mentor_acknowledged_at" if role == "mentor" else "mentee_acknowledged_at"
        if getattr(current, stamp) is not None:
            raise DomainError(_("You have already acknowledged this version: the other person has not yet."))
        setattr(current, stamp, timezone.now())
        agreed = current.mentor_acknowledged_at is not None and current.mentee_acknowledged_at is not None
        superseded: list[int] = []
        if agreed:
            superseded = list(locked.agreements.filter(status=AgreementStatus.AGREED).values_list("version", flat=True))
            locked.agreements.filter(status=AgreementStatus.AGREED).update(status=AgreementStatus.SUPERSEDED)
            current.status = AgreementStatus.AGREED
        current.save(update_fields=[stamp, "status"])
        changes: dict[str, Any] = {stamp: [None, "set"], "confidentiality": [None, True]}
        if agreed:
            changes["status"] = [AgreementStatus.PROPOSED, AgreementStatus.AGREED]
            if superseded:
                changes["supersedes"] = [superseded[0], None]
        audit_record(
            actor=actor,
            action="agreement.agreed" if agreed else "agreement.acknowledged",
            obj=current,
            organization=locked.organization,
            changes=changes,
        )
    return current


def _tell_partner(partnership: Partnership, role: str, agreement: Agreement) -> None:
    proposer = partnership.mentor if role == "mentor" else partnership.mentee
    partner = partnership.mentee if role == "mentor" else partnership.mentor
    url = site_url(reverse("partnerships:agreement", kwargs={"partnership_id": partnership.pk}))
    queue_email(
        key=f"agreement-proposed:{agreement.pk}:{partner.pk}",
        to=partner.user.email,
        template="emails/agreement_proposed",
        context={"given_name": partner.given_name, "proposer": proposer.full_name, "url": url},
        language=partner.preferred_language,
    )


def changed_fields(agreement: Agreement, previous: Agreement | None) -> list[str]:
    """Labels of the fields this version changed from the one before it (all for the first)."""
    names = [name for name in AGREEMENT_FIELDS if previous is None or _plain(agreement)[name] != _plain(previous)[name]]
    return [str(getattr(Agreement._meta.get_field(name), "verbose_name", name)) for name in names]


def channel_labels(values: list[str]) -> list[str]:
    return [str(InformalChannel(value).label) for value in values if value in InformalChannel.values]


def mode_labels(values: list[str]) -> list[str]:
    return [str(MeetingMode(value).label) for value in values if value in MeetingMode.values]
