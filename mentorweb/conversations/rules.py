"""Who may add and change an organization's conversation tools: its administrators and coordinators.

`rules` autodiscovers this module. Records need no permission of this kind: only a partnership's
two people ever reach them (conversations.selectors).
"""

from __future__ import annotations

import rules

from mentorweb.organizations.rules import is_coordinator

rules.add_perm("conversations.manage_templates", is_coordinator)
