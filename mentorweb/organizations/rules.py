"""Permissions as predicates over (user, organization): staff roles, not per-object rows.

`rules` autodiscovers this module. Views check e.g.
`request.user.has_perm("organizations.manage_members", organization)`.
"""

from __future__ import annotations

from typing import Any

import rules

from mentorweb.organizations.models import StaffRole
from mentorweb.organizations.selectors import membership_in


def _has_role(*roles: str) -> Any:
    @rules.predicate
    def predicate(user: Any, organization: Any) -> bool:
        if organization is None:
            return False
        membership = membership_in(user, organization)
        return membership is not None and membership.role in roles

    return predicate


is_member = _has_role(*StaffRole.values)
is_org_admin = _has_role(StaffRole.ORG_ADMIN)
is_coordinator = _has_role(StaffRole.ORG_ADMIN, StaffRole.COORDINATOR)
is_advisory = _has_role(StaffRole.ORG_ADMIN, StaffRole.COORDINATOR, StaffRole.ADVISORY)
is_facilitator = _has_role(StaffRole.ORG_ADMIN, StaffRole.COORDINATOR, StaffRole.FACILITATOR)
is_board_contact = _has_role(StaffRole.ORG_ADMIN, StaffRole.BOARD_CONTACT)
is_staff = _has_role(*(StaffRole.values[1:]))

rules.add_perm("organizations.view_organization", is_member)
rules.add_perm("organizations.view_directory", is_staff)
rules.add_perm("organizations.manage_members", is_org_admin)
rules.add_perm("organizations.view_audit", is_org_admin)
rules.add_perm("organizations.change_organization", is_org_admin)
rules.add_perm("organizations.verify_credentials", is_coordinator)
