"""Who may run the matching of a pairing program and decide on its pairs: the organization's
administrators, program coordinators and advisory team members.

`rules` autodiscovers this module. Views, the API and the services check
`user.has_perm("matching.run_matching", organization)`.
"""

from __future__ import annotations

import rules

from mentorweb.organizations.rules import is_advisory

# Match runs, decisions on pairs, publishing, and the pool's export and import.
rules.add_perm("matching.run_matching", is_advisory)
