"""Permissions of mentoring webs, as predicates over the web program's organization.

- Any active member takes part (offers, requests, "My web"): checked by the services.
- The steering committee's view of the web (coverage, cross-role connections, trends): its
  members, and the organization's administrators and coordinators. Metadata only: never notes,
  purposes, learnings or topics.
- Changing the committee and the web's settings: administrators and coordinators.
"""

from __future__ import annotations

from typing import Any

import rules

from mentorweb.organizations.rules import is_coordinator
from mentorweb.organizations.selectors import membership_in


@rules.predicate
def is_steering_member(user: Any, organization: Any) -> bool:
    """On the committee of one of the organization's webs, and still an active member of it."""
    if organization is None or membership_in(user, organization) is None:
        return False
    from mentorweb.webs.models import SteeringMember

    return SteeringMember.objects.filter(program__organization=organization, person__user=user).exists()


rules.add_perm("webs.view_coverage", is_coordinator | is_steering_member)
rules.add_perm("webs.manage_web", is_coordinator)
