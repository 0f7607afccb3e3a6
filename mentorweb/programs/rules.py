"""Who may set up programs: the organization's administrators and program coordinators.

`rules` autodiscovers this module. Views and services check
`user.has_perm("programs.manage_programs", organization)`.
"""

from __future__ import annotations

import rules

from mentorweb.organizations.rules import is_coordinator

rules.add_perm("programs.manage_programs", is_coordinator)
