"""Every API operation, for every persona, → the status it must get.

The personas call with their own personal access token (the anonymous visitor with none) on
the administrator's organization, "northern-lights". The outsider administers another
organization, so everything under northern-lights is a 404 for them, never a 403.

A new operation in the OpenAPI schema makes test_every_operation_is_in_the_matrix fail until
a row is added here.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from mentorweb.api.api import api
from mentorweb.api.services import token_create
from mentorweb.conversations.tests.world import conversations_api_ids
from mentorweb.matching.tests.world import matching_api_ids
from mentorweb.organizations.models import Membership
from mentorweb.partnerships.tests.costs_world import costs_api_ids
from mentorweb.partnerships.tests.health_world import health_api_ids
from mentorweb.partnerships.tests.workspace_world import meeting_body, workspace_api_ids
from mentorweb.programs.tests.matrix_world import programs_api_ids, session_body
from mentorweb.programs.tests.pairing_world import extend_body, pairing_setup_api_ids
from mentorweb.registrations.pairing.tests.world import applications_api_ids
from mentorweb.registrations.tests.reg_world import api_matrix_ids
from mentorweb.resources.tests.world import resources_api_ids
from mentorweb.webs.tests.api_world import webs_api_ids
from tests.factories import MembershipFactory

PERSONAS = ("admin", "staff", "member", "outsider", "anonymous")
ORG = "/organizations/{slug}"
MEMBER = ORG + "/members/{member_id}"
REGISTRATION = "/registrations/{registration_id}"
PROGRAM = ORG + "/programs/{program_id}"
COSTS = ORG + "/programs/{cost_program_id}/costs/{cost_year}"
COST_INVOICES = ORG + "/cost-invoices"
APPLICATION = "/applications/{application_id}"
REVIEW = ORG + "/offerings/{pairing_offering_id}/applications"
PAIRING = ORG + "/programs/{pairing_program_id}"
WORKSPACE = "/partnerships/{partnership_id}"
MATCH_OFFERING = ORG + "/offerings/{pairing_offering_id}"
MATCH_RUN = ORG + "/match-runs/{run_id}"
PROPOSAL = ORG + "/proposals/{proposal_id}"
WEB = "/webs/{web_id}"
WEB_CONNECTION = "/web-connections"


def row(admin: int, staff: int, member: int, outsider: int, anonymous: int = 401) -> dict[str, int]:
    return dict(zip(PERSONAS, (admin, staff, member, outsider, anonymous), strict=True))


EVERYONE_200 = row(200, 200, 200, 200)

# (method, path as in the schema without /api/v1) -> expected status per persona.
MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/me"): EVERYONE_200,
    ("PATCH", "/me"): EVERYONE_200,
    ("GET", "/organizations"): EVERYONE_200,
    ("GET", ORG): row(200, 200, 200, 404),
    ("PATCH", ORG): row(200, 403, 403, 404),
    ("GET", ORG + "/members"): row(200, 200, 403, 404),
    ("POST", ORG + "/members"): row(201, 403, 403, 404),
    ("GET", MEMBER): row(200, 200, 403, 404),
    ("PATCH", MEMBER): row(200, 403, 403, 404),
    ("POST", MEMBER + "/deactivate"): row(200, 403, 403, 404),
    ("POST", MEMBER + "/reactivate"): row(200, 403, 403, 404),
    ("GET", ORG + "/audit"): row(200, 403, 403, 404),
    ("GET", "/tokens"): EVERYONE_200,
    # Tokens are created from a browser session after a password check, never with a token
    # (see test_audit_and_tokens_api.test_session_creates_a_token_after_reauthentication).
    ("POST", "/tokens"): row(403, 403, 403, 403),
    ("DELETE", "/tokens/{token_id}"): row(204, 204, 204, 204),
    # Registrations: the member's own one; anyone may register in the organization's open offering.
    ("GET", "/registrations"): EVERYONE_200,
    ("POST", "/registrations"): row(201, 201, 201, 201),
    ("GET", REGISTRATION): row(200, 200, 200, 404),
    ("POST", REGISTRATION + "/cancel"): row(200, 200, 200, 404),
    ("GET", REGISTRATION + "/payments"): row(200, 200, 200, 404),
    ("POST", REGISTRATION + "/payments"): row(201, 201, 403, 404),
    ("GET", REGISTRATION + "/refunds"): row(200, 200, 200, 404),
    ("GET", ORG + "/offerings/{offering_id}/registrations"): row(200, 200, 403, 404),
    # Programs: the catalogue for every caller; set-up for administrators and coordinators.
    ("GET", "/programs"): EVERYONE_200,
    ("GET", "/programs/{program_id}"): EVERYONE_200,
    ("GET", "/programs/{program_id}/offerings"): EVERYONE_200,
    ("GET", "/offerings/{offering_id}"): EVERYONE_200,
    ("GET", "/offerings/{offering_id}/sessions"): EVERYONE_200,
    ("GET", ORG + "/programs"): row(200, 200, 403, 404),
    ("POST", ORG + "/programs"): row(201, 201, 403, 404),
    ("GET", PROGRAM): row(200, 200, 403, 404),
    ("PATCH", PROGRAM): row(200, 200, 403, 404),
    ("PUT", PROGRAM + "/refund-policy"): row(200, 200, 403, 404),
    ("GET", PROGRAM + "/offerings"): row(200, 200, 403, 404),
    ("POST", PROGRAM + "/offerings"): row(201, 201, 403, 404),
    ("GET", ORG + "/offerings/{offering_id}"): row(200, 200, 403, 404),
    ("PATCH", ORG + "/offerings/{offering_id}"): row(200, 200, 403, 404),
    ("POST", ORG + "/offerings/{offering_id}/sessions"): row(201, 201, 403, 404),
    ("PATCH", ORG + "/sessions/{session_id}"): row(200, 200, 403, 404),
    ("DELETE", ORG + "/sessions/{session_id}"): row(204, 204, 403, 404),
    # Pairing applications (ids from registrations.pairing.tests.world.applications_api_ids): one's own;
    # review by administrators, coordinators and the advisory team; board input by the board's contacts
    # and administrators (the personas' organization is a board).
    ("GET", "/applications"): EVERYONE_200,
    ("POST", "/applications"): row(201, 201, 201, 201),
    ("GET", APPLICATION): row(404, 404, 200, 404),
    ("PATCH", APPLICATION): row(404, 404, 200, 404),
    ("POST", APPLICATION + "/withdraw"): row(404, 404, 200, 404),
    ("GET", "/applications/{mentee_application_id}/preferences"): row(404, 404, 200, 404),
    ("PUT", "/applications/{mentee_application_id}/preferences"): row(404, 404, 200, 404),
    ("GET", REVIEW): row(200, 200, 403, 404),
    ("GET", REVIEW + "/{application_id}"): row(200, 200, 403, 404),
    ("POST", REVIEW + "/{application_id}/accept"): row(200, 200, 403, 404),
    ("POST", REVIEW + "/{application_id}/decline"): row(200, 200, 403, 404),
    ("POST", REVIEW + "/{application_id}/request-info"): row(200, 200, 403, 404),
    ("GET", ORG + "/board-input"): row(200, 403, 403, 404),
    ("GET", ORG + "/board-input/{pairing_offering_id}"): row(200, 403, 403, 404),
    ("PUT", ORG + "/board-input/{pairing_offering_id}/mentors/{mentor_application_id}"): row(200, 403, 403, 404),
    # Pairing set-up: administrators and coordinators (ids from programs.tests.pairing_world).
    ("GET", PAIRING + "/pairing-rules"): row(200, 200, 403, 404),
    ("PUT", PAIRING + "/pairing-rules"): row(200, 200, 403, 404),
    ("GET", PAIRING + "/questions"): row(200, 200, 403, 404),
    ("POST", PAIRING + "/questions"): row(201, 201, 403, 404),
    ("PATCH", PAIRING + "/questions/{question_id}"): row(200, 200, 403, 404),
    ("DELETE", PAIRING + "/questions/{question_id}"): row(204, 204, 403, 404),
    ("PUT", PAIRING + "/question-order"): row(200, 200, 403, 404),
    ("POST", ORG + "/offerings/{offering_id}/extend-deadline"): row(200, 200, 403, 404),
    # Resources: the library for every caller; the organization's own items changed by its staff.
    ("GET", "/resources"): EVERYONE_200,
    ("GET", "/resources/{resource_id}"): row(200, 200, 200, 404),
    ("POST", ORG + "/resources"): row(201, 201, 403, 404),
    ("PATCH", ORG + "/resources/{resource_id}"): row(200, 200, 403, 404),
    # Conversation tools: members read them, staff change them (ids from conversations.tests.world).
    ("GET", ORG + "/conversation-templates"): row(200, 200, 200, 404),
    ("GET", ORG + "/conversation-templates/{template_id}"): row(200, 200, 200, 404),
    ("POST", ORG + "/conversation-templates"): row(201, 201, 403, 404),
    ("PATCH", ORG + "/conversation-templates/{template_id}"): row(200, 200, 403, 404),
    ("POST", ORG + "/conversation-templates/{builtin_id}/customize"): row(201, 201, 403, 404),
    # Conversation records: the member's partnership's; everyone else, staff included, gets 404.
    ("GET", "/conversations"): EVERYONE_200,
    ("POST", "/conversations"): row(404, 404, 201, 404),
    ("GET", "/conversations/{conversation_id}"): row(404, 404, 200, 404),
    # Partnership costs: administrators and coordinators of the program's organization; an invoice
    # also to the contacts of the board it is addressed to (ids from partnerships.tests.costs_world).
    ("GET", COSTS + "/payables"): row(200, 200, 403, 404),
    ("POST", COSTS + "/prepare"): row(200, 200, 403, 404),
    ("POST", COSTS + "/honoraria/paid"): row(200, 200, 403, 404),
    ("GET", COSTS + "/report"): row(200, 200, 403, 404),
    ("POST", COSTS + "/invoices"): row(201, 201, 403, 404),
    ("GET", COST_INVOICES): row(200, 200, 403, 404),
    ("GET", COST_INVOICES + "/{cost_invoice_id}"): row(200, 200, 403, 404),
    ("POST", COST_INVOICES + "/{cost_invoice_id}/paid"): row(200, 200, 403, 404),
    # The member's own confirmed course registration: anyone else's is a 404.
    ("POST", "/registrations/{practicum_registration_id}/practicum"): row(404, 404, 201, 404),
    # Surveys: the member's own request (anyone else's, staff included, is a 404); health and survey
    # results for administrators, coordinators and the advisory team (ids from partnerships.tests.health_world).
    ("GET", "/survey-requests"): EVERYONE_200,
    ("GET", "/survey-requests/{survey_request_id}"): row(404, 404, 200, 404),
    ("POST", "/survey-requests/{survey_request_id}/answer"): row(404, 404, 200, 404),
    ("GET", ORG + "/partnerships/health"): row(200, 200, 403, 404),
    ("GET", PROGRAM + "/survey-results"): row(200, 200, 403, 404),
    # A partnership's workspace: its two people only (the member is the mentee); staff and everyone
    # else get 404. Private notes: their author's alone. Ending: the pair or program staff;
    # completing: program staff (ids from partnerships.tests.workspace_world.workspace_api_ids).
    ("GET", WORKSPACE + "/agreements"): row(404, 404, 200, 404),
    ("POST", WORKSPACE + "/agreements"): row(404, 404, 201, 404),
    ("POST", WORKSPACE + "/agreements/{agreement_id}/acknowledge"): row(404, 404, 200, 404),
    ("GET", WORKSPACE + "/meetings"): row(404, 404, 200, 404),
    ("POST", WORKSPACE + "/meetings"): row(404, 404, 201, 404),
    ("PATCH", WORKSPACE + "/meetings/{meeting_id}"): row(404, 404, 200, 404),
    ("POST", WORKSPACE + "/meetings/{meeting_id}/cancel"): row(404, 404, 200, 404),
    ("POST", WORKSPACE + "/meetings/{meeting_id}/log"): row(404, 404, 200, 404),
    ("GET", WORKSPACE + "/goals"): row(404, 404, 200, 404),
    ("POST", WORKSPACE + "/goals"): row(404, 404, 201, 404),
    ("PATCH", WORKSPACE + "/goals/{goal_id}"): row(404, 404, 200, 404),
    ("GET", WORKSPACE + "/notes"): row(404, 404, 200, 404),
    ("POST", WORKSPACE + "/notes"): row(404, 404, 201, 404),
    ("PATCH", WORKSPACE + "/notes/{note_id}"): row(404, 404, 200, 404),
    ("DELETE", WORKSPACE + "/notes/{note_id}"): row(404, 404, 204, 404),
    ("POST", WORKSPACE + "/end"): row(200, 200, 200, 404),
    ("POST", WORKSPACE + "/complete"): row(200, 200, 403, 404),
    # Matching: administrators, coordinators and the advisory team (ids from matching.tests.world).
    ("GET", MATCH_OFFERING + "/match-runs"): row(200, 200, 403, 404),
    ("POST", MATCH_OFFERING + "/match-runs"): row(201, 201, 403, 404),
    ("GET", MATCH_OFFERING + "/match-pool"): row(200, 200, 403, 404),
    ("POST", MATCH_OFFERING + "/match-results"): row(201, 201, 403, 404),
    ("GET", MATCH_RUN): row(200, 200, 403, 404),
    ("GET", MATCH_RUN + "/proposals"): row(200, 200, 403, 404),
    ("POST", MATCH_RUN + "/publish"): row(200, 200, 403, 404),
    ("GET", PROPOSAL): row(200, 200, 403, 404),
    ("GET", PROPOSAL + "/decisions"): row(200, 200, 403, 404),
    ("POST", PROPOSAL + "/decisions"): row(201, 201, 403, 404),
    # A person's own partnerships: the member's (the workspace world's) partnership is theirs
    # alone; it is already active, so answering it again is refused (400) but not hidden.
    ("GET", "/partnerships"): EVERYONE_200,
    ("GET", WORKSPACE): row(404, 404, 200, 404),
    ("POST", WORKSPACE + "/respond"): row(404, 404, 400, 404),
    # Mentoring webs (ids from webs.tests.api_world): everyone of the board takes part; only the member
    # has an offer and connections (another person's connection is a 404, staff included); the steering
    # committee is listed for administrators, coordinators and its members, changed by the first two.
    ("GET", "/webs"): EVERYONE_200,
    ("GET", WEB): row(200, 200, 200, 404),
    ("GET", WEB + "/offers"): row(200, 200, 200, 404),
    ("GET", WEB + "/offers/{offer_id}"): row(200, 200, 200, 404),
    ("GET", WEB + "/my-offer"): row(404, 404, 200, 404),
    ("PUT", WEB + "/my-offer"): row(201, 201, 200, 404),
    ("GET", WEB + "/connections"): row(200, 200, 200, 404),
    ("POST", WEB + "/connections"): row(201, 201, 201, 404),
    ("GET", WEB_CONNECTION + "/{connection_id}"): row(404, 404, 200, 404),
    ("POST", WEB_CONNECTION + "/{request_id}/respond"): row(404, 404, 200, 404),
    ("POST", WEB_CONNECTION + "/{sent_request_id}/withdraw"): row(404, 404, 200, 404),
    ("GET", WEB_CONNECTION + "/{connection_id}/learnings"): row(404, 404, 200, 404),
    ("POST", WEB_CONNECTION + "/{connection_id}/learnings"): row(404, 404, 201, 404),
    ("GET", WEB + "/steering-members"): row(200, 200, 403, 404),
    ("POST", WEB + "/steering-members"): row(201, 201, 403, 404),
    ("DELETE", WEB + "/steering-members/{steering_member_id}"): row(204, 204, 403, 404),
}

# A valid body for each operation that takes one, so that the status reflects permission only.
BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/survey-requests/{survey_request_id}/answer"): {"answers": {"going": 4, "helping": "Our agenda"}},
    ("PATCH", "/me"): {"region": "Northeast"},
    ("PATCH", ORG): {"short_name": "NLDSB"},
    ("POST", ORG + "/members"): {"email": "invitee@example.org", "given_name": "Ines", "family_name": "Ouellet"},
    ("PATCH", MEMBER): {"role": "facilitator"},
    ("POST", "/tokens"): {"name": "matrix", "expires_in_days": 30},
    # Called with the ids of the registration world (a body that needs a row's id).
    ("POST", "/registrations"): lambda ids: {"offering_id": ids["open_offering_id"], "credential_number": "7654321"},
    ("POST", REGISTRATION + "/cancel"): {"reason": "matrix"},
    ("POST", REGISTRATION + "/payments"): {"amount": "100.00", "method": "cheque"},
    ("POST", ORG + "/programs"): {"name": "Matrix course", "fee": "100.00"},
    ("PATCH", PROGRAM): {"summary": "Changed by the matrix"},
    ("PUT", PROGRAM + "/refund-policy"): {
        "tiers": [{"min_days_before": 14, "amount": "850.00"}, {"max_days_before": 14, "amount": "0.00"}]
    },
    ("POST", PROGRAM + "/offerings"): {
        "title": "Matrix 2031",
        "slug": "matrix-2031",
        "start_date": "2031-01-25",
        "end_date": "2031-04-14",
        "registration_deadline": "2031-01-11",
        "capacity": 30,
    },
    ("PATCH", ORG + "/offerings/{offering_id}"): {"capacity": 40},
    ("POST", ORG + "/offerings/{offering_id}/sessions"): session_body,
    ("PATCH", ORG + "/sessions/{session_id}"): {"location": "Room 2"},
    ("POST", "/applications"): lambda ids: {
        "offering_id": ids["app_open_offering"],
        "role": "mentee",
        "needs": ["budget"],
        "region": "North",
        "languages": ["en"],
    },
    ("PATCH", APPLICATION): {"region": "Matrix"},
    ("PUT", "/applications/{mentee_application_id}/preferences"): lambda ids: {"mentor_ids": [ids["app_mentor"]]},
    ("POST", REVIEW + "/{application_id}/accept"): {"message": "Welcome."},
    ("POST", REVIEW + "/{application_id}/decline"): {"reason": "program_full", "message": "Sorry."},
    ("POST", REVIEW + "/{application_id}/request-info"): {"message": "Which school?"},
    ("PUT", ORG + "/board-input/{pairing_offering_id}/mentors/{mentor_application_id}"): {
        "acceptable": False,
        "reason": "Matrix",
    },
    ("PUT", PAIRING + "/pairing-rules"): {"max_partnerships": 40, "weights": {"needs": 4}},
    ("POST", PAIRING + "/questions"): {"side": "mentor", "label": "Why do you mentor?", "kind": "long_text"},
    ("PATCH", PAIRING + "/questions/{question_id}"): {"required": True},
    ("PUT", PAIRING + "/question-order"): lambda ids: {"order": [ids["question_id"]]},
    ("POST", ORG + "/offerings/{offering_id}/extend-deadline"): extend_body,
    ("POST", ORG + "/resources"): {"title": "Matrix handout", "type": "template", "themes": ["goal_setting"]},
    ("PATCH", ORG + "/resources/{resource_id}"): {"summary": "Changed by the matrix"},
    ("POST", ORG + "/conversation-templates"): {
        "name": "Matrix tool",
        "fields": [{"key": "notes", "label": "Notes", "kind": "long_text"}],
    },
    ("PATCH", ORG + "/conversation-templates/{template_id}"): {"description": "Changed by the matrix"},
    ("POST", "/conversations"): lambda ids: {
        "template_id": ids["conversation_template_id"],
        "meeting_id": ids["conversation_meeting_id"],
        "answers": {"scale": 7},
    },
    ("POST", COSTS + "/honoraria/paid"): {},
    ("POST", COST_INVOICES + "/{cost_invoice_id}/paid"): {},
    ("POST", "/registrations/{practicum_registration_id}/practicum"): {"mentee_email": "matrix.mentee@example.org"},
    ("POST", WORKSPACE + "/agreements"): {
        "informal_channels": ["email"],
        "meeting_every_days": 14,
        "meeting_modes": ["video"],
        "confidentiality": True,
    },
    ("POST", WORKSPACE + "/agreements/{agreement_id}/acknowledge"): {"confidentiality": True},
    ("POST", WORKSPACE + "/meetings"): meeting_body,
    ("PATCH", WORKSPACE + "/meetings/{meeting_id}"): {"location": "Room 2"},
    ("POST", WORKSPACE + "/meetings/{meeting_id}/log"): {"shared_notes": "Matrix notes", "next_plan": "More"},
    ("POST", WORKSPACE + "/goals"): {"title": "Matrix goal"},
    ("PATCH", WORKSPACE + "/goals/{goal_id}"): {"progress": 50},
    ("POST", WORKSPACE + "/notes"): {"text": "Matrix note"},
    ("PATCH", WORKSPACE + "/notes/{note_id}"): {"text": "Changed note"},
    ("POST", WORKSPACE + "/end"): {"reason": "Matrix"},
    ("POST", MATCH_OFFERING + "/match-runs"): {"objective": "participation"},
    ("POST", MATCH_OFFERING + "/match-results"): {"pairs": [], "unmatched": []},
    ("POST", PROPOSAL + "/decisions"): {"kind": "comment", "rationale": "Seen by the matrix."},
    ("POST", WORKSPACE + "/respond"): {"accept": True},
    ("PUT", WEB + "/my-offer"): {"areas": ["feedback"], "capacity": 2},
    ("POST", WEB + "/connections"): lambda ids: {
        "to": ids["web_open_mentor_person"],
        "purpose": "Learning across roles",
        "area": "courageous conversations",
    },
    ("POST", WEB_CONNECTION + "/{request_id}/respond"): {"accept": True},
    ("POST", WEB_CONNECTION + "/{connection_id}/learnings"): {"text": "Matrix learning"},
    ("POST", WEB + "/steering-members"): lambda ids: {
        "person": ids["web_new_member_person"],
        "represents": "business_support",
    },
}
HEADERS: dict[tuple[str, str], dict[str, str]] = {
    ("POST", REGISTRATION + "/cancel"): {"HTTP_IDEMPOTENCY_KEY": "matrix-cancel"},
}


def schema_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {
        (method.upper(), path.removeprefix("/api/v1")) for path, operations in paths.items() for method in operations
    }


def test_every_operation_is_in_the_matrix():
    operations = schema_operations()
    assert operations - set(MATRIX) == set(), "add these operations to MATRIX"
    assert set(MATRIX) - operations == set(), "these MATRIX rows name operations that no longer exist"
    assert all(set(expected) == set(PERSONAS) for expected in MATRIX.values())


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "path"), sorted(MATRIX))
def test_permission_matrix(personas, api_as, persona, method, path):
    # The member acted upon is a separate person, so that deactivating or demoting never
    # touches the caller's own membership.
    target = MembershipFactory(organization=personas.org)
    if path.endswith("/reactivate"):
        Membership.objects.filter(pk=target.pk).update(deactivated_at=timezone.now())
    user = getattr(personas, persona, None)
    spare = token_create(user=user, name="spare", expires_at=None)[0] if user is not None else None
    ids = {
        **api_matrix_ids(personas),
        **programs_api_ids(personas),
        **pairing_setup_api_ids(personas),
        **applications_api_ids(personas),
        **conversations_api_ids(personas),
        **resources_api_ids(personas),
        **costs_api_ids(personas),
        **health_api_ids(personas),
        **matching_api_ids(personas),
        **workspace_api_ids(personas),
        **webs_api_ids(personas),
    }
    url = path.format(
        slug=personas.org.slug,
        member_id=target.pk,
        token_id=spare.pk if spare is not None else target.pk,
        **ids,
    )
    body = BODIES.get((method, path))
    body = body(ids) if callable(body) else body
    response = api_as(persona)(method, url, body, **HEADERS.get((method, path), {}))
    assert response.status_code == MATRIX[(method, path)][persona], response.content
