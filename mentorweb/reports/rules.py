"""Staff permissions for course progress, documents and reports, as predicates over the
offering's organization (see organizations.rules for the roles).

They live here, in the reports app, so that `rules` autodiscovers them with the app that
uses most of them; the progress pages of the registrations app check them too.
"""

from __future__ import annotations

import rules

from mentorweb.organizations.rules import is_coordinator, is_facilitator

# Facilitators run the sessions and judge the work; coordinators and administrators may stand in.
rules.add_perm("progress.mark_attendance", is_facilitator)
rules.add_perm("progress.decide_modules", is_facilitator)
# Tax receipts, dashboards and exports carry money and personal data: administrators and coordinators.
rules.add_perm("progress.manage_receipts", is_coordinator)
rules.add_perm("reports.view_offering_dashboard", is_coordinator)
rules.add_perm("reports.export_completions", is_coordinator)
rules.add_perm("reports.export_roster", is_coordinator)
# The list of offerings with links to their progress pages: everyone who works on a course.
rules.add_perm("reports.view_offerings", is_facilitator)
