"""Checks every workspace service makes first: who the actor is in the partnership, and
whether the partnership can still change.

A completed, ended or declined partnership is read-only: every service refuses a change with
the same clear error, checked on the locked row so that a partnership ended a moment ago
refuses a meeting saved at the same time.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from mentorweb.core.audit import diff
from mentorweb.core.errors import DomainError, NotFound
from mentorweb.partnerships.models import Partnership, PartnershipStatus
from mentorweb.partnerships.selectors_workspace import role_in

# Shown instead of the value in audit entries: administrators read the trail, and the pair's
# shared content is theirs alone. The entry still says which field changed.
HIDDEN = "…"


def require_pair(actor: Any, partnership: Partnership) -> str:
    """The actor's role ("mentor" or "mentee"); anyone else is told the partnership does not exist."""
    role = role_in(actor, partnership)
    if not role:
        raise NotFound()
    return role


def lock_active(partnership: Partnership) -> Partnership:
    """The partnership's row, locked until the end of the transaction, if it is active."""
    locked = (
        Partnership.objects.select_for_update(of=("self",))
        .select_related("organization", "program", "mentor__user", "mentee__user")
        .get(pk=partnership.pk)
    )
    require_active(locked)
    return locked


def require_active(partnership: Partnership) -> None:
    if partnership.status != PartnershipStatus.ACTIVE:
        raise DomainError(
            _("This partnership is %(status)s: it can no longer be changed.")
            % {"status": PartnershipStatus(partnership.status).label.lower()},
            code="read_only",
        )


def private_diff(
    instance: Any, before: dict[str, Any], fields: list[str] | tuple[str, ...], hidden: frozenset[str]
) -> dict[str, Any]:
    """audit.diff, with the values of the `hidden` fields replaced by HIDDEN."""
    changes = diff(instance, before, fields)
    return {name: [HIDDEN, HIDDEN] if name in hidden else values for name, values in changes.items()}
