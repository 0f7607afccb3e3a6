"""Who may add and change an organization's own resources: its administrators and coordinators.

`rules` autodiscovers this module. Views and services check
`user.has_perm("resources.manage_resources", organization)`.
"""

from __future__ import annotations

import rules

from mentorweb.organizations.rules import is_coordinator

rules.add_perm("resources.manage_resources", is_coordinator)
