"""Permissions over registrations and money, as predicates over the offering's organization.

Candidates act on their own registrations without a permission: the selectors only ever hand
them their own. These are the staff sides (see organizations.rules for the roles).
"""

from __future__ import annotations

import rules

from mentorweb.organizations.rules import is_advisory, is_board_contact, is_coordinator

# Registrations, payments, refunds and credential checks: administrators and coordinators.
rules.add_perm("registrations.manage_registrations", is_coordinator)
# A board contact sees, read-only, the registrations their board sponsors.
rules.add_perm("registrations.view_sponsored", is_board_contact)
# Pairing applications: administrators, coordinators and the advisory team review them;
# a board's contacts (and administrators) give input on mentors for the board's mentees.
rules.add_perm("registrations.review_applications", is_advisory)
rules.add_perm("registrations.give_board_input", is_board_contact)
