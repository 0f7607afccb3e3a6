"""Permissions over partnerships, as predicates over an organization (see organizations.rules
for the roles). `rules` autodiscovers this module.

Each part of the partnerships app adds its own lines here.
"""

from __future__ import annotations

import rules

from mentorweb.organizations.rules import is_advisory, is_board_contact, is_coordinator

# Costs: honoraria, cost-share payables and invoices of the organization's programs, and the
# cost report: administrators and coordinators of the program's organization.
rules.add_perm("partnerships.manage_costs", is_coordinator)
# A board's contacts (and administrators) see and download the invoices addressed to the board.
rules.add_perm("partnerships.view_board_invoices", is_board_contact)
# Health and surveys: the staff list of partnerships (metadata only, never notes, topics or goals)
# and the program evaluation: administrators, coordinators and advisory team members.
rules.add_perm("partnerships.view_health", is_advisory)
# Editing a program's survey questions and sending the closing survey on the closure day.
rules.add_perm("partnerships.manage_surveys", is_coordinator)
# Ending a partnership early or marking it complete (the pair may end their own as well):
# administrators and coordinators of the partnership's organization. Metadata only.
rules.add_perm("partnerships.close_partnerships", is_coordinator)
