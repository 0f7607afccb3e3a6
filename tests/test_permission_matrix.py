"""Every URL of the project, for every persona: the answer it must get.

One entry per route name (or, for the few unnamed routes, per route pattern). Adding a page
means adding one entry here: `test_every_route_is_in_the_matrix` fails until you do.

Reading an entry: `org(admin=200, staff=403, ...)` is a page of the personas' organization,
where the outsider (an admin of another organization) must get 404, never 403. Expected
answers are a status code or a redirect (`LOGIN`, `REAUTH`, ...), checked by path prefix.
The API under /api/v1/ has its own matrix in mentorweb/api/tests and is excluded here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver

from mentorweb.accounts.models import Credential
from mentorweb.api.models import ApiToken
from mentorweb.conversations.tests.world import conversations_matrix_ids
from mentorweb.core.models import AuditEntry
from mentorweb.matching.tests.world import matching_matrix_ids
from mentorweb.organizations.models import Membership
from mentorweb.partnerships.tests.costs_world import costs_matrix_ids
from mentorweb.partnerships.tests.health_world import health_matrix_ids
from mentorweb.partnerships.tests.workspace_world import workspace_matrix_ids
from mentorweb.programs.tests.matrix_world import programs_matrix_ids
from mentorweb.programs.tests.pairing_world import pairing_setup_matrix_ids
from mentorweb.registrations.pairing.tests.world import applications_matrix_ids
from mentorweb.registrations.tests.progress_world import progress_matrix_ids
from mentorweb.registrations.tests.reg_world import matrix_ids
from mentorweb.resources.tests.world import resources_matrix_ids
from mentorweb.webs.tests.steering_world import steering_matrix_ids
from mentorweb.webs.tests.world import webs_matrix_ids

PERSONAS = ("admin", "staff", "member", "outsider", "anonymous")

# Routes checked elsewhere, by prefix, with the reason. Keep this list short and explicit.
EXCLUDED_PREFIXES = {"api/v1/": "the REST API: mentorweb/api/tests has its own persona matrix"}


@dataclass(frozen=True)
class Redirect:
    to: str

    def __repr__(self) -> str:
        return f"→{self.to}"


LOGIN = Redirect("/accounts/login/")
REAUTH = Redirect("/accounts/reauthenticate/")
HOME = Redirect("/")
ADMIN_LOGIN = Redirect("/admin/login/")
ADMIN_INDEX = Redirect("/admin/")
MFA_INDEX = Redirect("/accounts/2fa/")
Expected = int | Redirect


@dataclass
class World:
    """The personas plus the real objects whose ids go into URLs."""

    personas: Any
    ids: dict[str, Any] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return str(self.personas.org.slug)


@dataclass(frozen=True)
class Case:
    url: Callable[[World], str]
    expect: dict[str, Expected]
    method: str = "get"


def case(url: str | Callable[[World], str], method: str = "get", **expect: Expected) -> Case:
    assert set(expect) == set(PERSONAS), f"give an answer for every persona: {sorted(set(PERSONAS) - set(expect))}"
    build = url if callable(url) else (lambda world: url.format(**world.ids, slug=world.slug))
    return Case(build, expect, method)


def everyone(url: str, expected: Expected, method: str = "get") -> Case:
    return case(url, method, **dict.fromkeys(PERSONAS, expected))


def signed_in(url: str, expected: Expected, anonymous: Expected = LOGIN, method: str = "get") -> Case:
    """A page about oneself: every signed-in persona gets the same answer."""
    return case(url, method, admin=expected, staff=expected, member=expected, outsider=expected, anonymous=anonymous)


def org(url: str, *, admin: Expected, staff: Expected, member: Expected, method: str = "get") -> Case:
    """A page of the personas' organization: the outsider gets 404, the anonymous visitor the login page."""
    return case(url, method, admin=admin, staff=staff, member=member, outsider=404, anonymous=LOGIN)


def pair(url: str) -> Case:
    """A page of the member's partnership: only its two people see it; staff and anyone else get 404."""
    return case(url, admin=404, staff=404, member=200, outsider=404, anonymous=LOGIN)


def admin_model(app_label: str, model: str, object_id: str) -> dict[str, Case]:
    """The six routes Django's admin makes for one registered model. No persona is a Django staff user."""
    base = f"/admin/{app_label}/{model}/"
    obj = base + "{" + object_id + "}/"
    return {
        f"admin:{app_label}_{model}_changelist": everyone(base, ADMIN_LOGIN),
        f"admin:{app_label}_{model}_add": everyone(base + "add/", ADMIN_LOGIN),
        f"admin:{app_label}_{model}_history": everyone(obj + "history/", ADMIN_LOGIN),
        f"admin:{app_label}_{model}_delete": everyone(obj + "delete/", ADMIN_LOGIN),
        f"admin:{app_label}_{model}_change": everyone(obj + "change/", ADMIN_LOGIN),
        # The old-style object URL, kept as a redirect to .../change/ behind the same admin check.
        f"admin/{app_label}/{model}/<path:object_id>/": everyone(obj, ADMIN_LOGIN),
    }


MATRIX: dict[str, Case] = {
    # --- home and language ---
    "home": everyone("/", 200),
    "set_language": everyone("/i18n/setlang/", 302),
    # --- allauth: entrance pages (signed-in people are sent home) ---
    "account_login": signed_in("/accounts/login/", HOME, anonymous=200),
    "account_signup": signed_in("/accounts/signup/", HOME, anonymous=200),
    "account_logout": signed_in("/accounts/logout/", 200, anonymous=HOME),
    "account_inactive": everyone("/accounts/inactive/", 200),
    "account_reauthenticate": signed_in("/accounts/reauthenticate/", 200),
    "account_email": signed_in("/accounts/email/", 200),
    "account_email_verification_sent": everyone("/accounts/confirm-email/", 200),
    "account_confirm_email": everyone("/accounts/confirm-email/not-a-real-key/", 200),
    "account_change_password": signed_in("/accounts/password/change/", 200),
    # Every persona has a password already, so "set" sends them to "change".
    "account_set_password": signed_in("/accounts/password/set/", Redirect("/accounts/password/change/")),
    "account_reset_password": signed_in("/accounts/password/reset/", 200, anonymous=200),
    "account_reset_password_done": everyone("/accounts/password/reset/done/", 200),
    "account_reset_password_from_key": everyone("/accounts/password/reset/key/zz-not-a-token/", 200),
    "account_reset_password_from_key_done": everyone("/accounts/password/reset/key/done/", 200),
    # Steps in the middle of a login: without a login under way they lead back to its start.
    "account_confirm_login_code": signed_in("/accounts/login/code/confirm/", HOME, anonymous=LOGIN),
    # --- allauth: two-factor authentication ---
    "mfa_index": signed_in("/accounts/2fa/", 200),
    "mfa_authenticate": signed_in("/accounts/2fa/authenticate/", HOME, anonymous=LOGIN),
    # The member has no second factor, so confirms with the password instead.
    "mfa_reauthenticate": case(
        "/accounts/2fa/reauthenticate/", admin=200, staff=200, member=REAUTH, outsider=200, anonymous=LOGIN
    ),
    "mfa_activate_totp": signed_in("/accounts/2fa/totp/activate/", REAUTH),
    "mfa_deactivate_totp": case(
        "/accounts/2fa/totp/deactivate/",
        admin=REAUTH,
        staff=REAUTH,
        member=404,  # has no authenticator to deactivate
        outsider=REAUTH,
        anonymous=LOGIN,
    ),
    # Nobody has generated recovery codes yet: nothing to show or download.
    "mfa_view_recovery_codes": signed_in("/accounts/2fa/recovery-codes/", 404),
    "mfa_generate_recovery_codes": signed_in("/accounts/2fa/recovery-codes/generate/", REAUTH),
    "mfa_download_recovery_codes": signed_in("/accounts/2fa/recovery-codes/download/", 404),
    # --- my account ---
    "profile": signed_in("/me/profile/", 200),
    "profile_credential_add": signed_in("/me/profile/credentials/", 405),
    "api_tokens": signed_in("/me/tokens/", 200),
    "api_token_new": signed_in("/me/tokens/new/", REAUTH),
    # Revoking someone else's token is a 404: only the member owns this one.
    "api_token_revoke": case(
        "/me/tokens/{token}/revoke/",
        "post",
        admin=404,
        staff=404,
        member=Redirect("/me/tokens/"),
        outsider=404,
        anonymous=LOGIN,
    ),
    # --- organizations ---
    "organizations:list": signed_in("/o/", 200),
    "organizations:detail": org("/o/{slug}/", admin=200, staff=200, member=200),
    "organizations:edit": org("/o/{slug}/edit/", admin=200, staff=403, member=403),
    "organizations:people": org("/o/{slug}/people/", admin=200, staff=200, member=403),
    "organizations:invite": org("/o/{slug}/people/invite/", admin=200, staff=403, member=403),
    "organizations:member": org("/o/{slug}/people/{membership}/", admin=200, staff=200, member=403),
    "organizations:member_role": org("/o/{slug}/people/{membership}/role/", admin=REAUTH, staff=403, member=403),
    "organizations:member_deactivate": org(
        "/o/{slug}/people/{membership}/deactivate/", admin=REAUTH, staff=403, member=403
    ),
    "organizations:member_reactivate": org(
        "/o/{slug}/people/{membership}/reactivate/", admin=200, staff=403, member=403
    ),
    "organizations:credential_verify": org(
        "/o/{slug}/people/{membership}/credentials/{credential}/verify/", admin=200, staff=200, member=403
    ),
    "organizations:audit": org("/o/{slug}/audit/", admin=200, staff=403, member=403),
    "organizations:audit_export": org("/o/{slug}/audit/export.csv", admin=200, staff=403, member=403),
    # --- Django admin: for superusers only, and no persona is one, so everything leads to the admin login ---
    "admin:index": everyone("/admin/", ADMIN_LOGIN),
    # allauth guards the admin login: people who are signed in but not superusers are refused.
    "admin:login": signed_in("/admin/login/", 403, anonymous=LOGIN),
    "admin:logout": everyone("/admin/logout/", ADMIN_INDEX),
    "admin:password_change": everyone("/admin/password_change/", ADMIN_LOGIN),
    "admin:password_change_done": everyone("/admin/password_change/done/", ADMIN_LOGIN),
    "admin:autocomplete": everyone("/admin/autocomplete/", ADMIN_LOGIN),
    "admin:jsi18n": everyone("/admin/jsi18n/", ADMIN_LOGIN),
    "admin:view_on_site": everyone("/admin/r/{content_type}/{membership}/", ADMIN_LOGIN),
    "admin:app_list": everyone("/admin/auth/", ADMIN_LOGIN),
    "admin/(?P<url>.*)$": everyone("/admin/no-such-page/", ADMIN_LOGIN),
    **admin_model("auth", "group", "group"),
    **admin_model("account", "emailaddress", "email_address"),
    **admin_model("mfa", "authenticator", "authenticator"),
    **admin_model("accounts", "user", "member_user"),
    **admin_model("accounts", "person", "member_person"),
    **admin_model("accounts", "credential", "credential"),
    **admin_model("core", "auditentry", "audit_entry"),
    **admin_model("organizations", "organization", "organization"),
    # --- programs: set-up for administrators and coordinators (ids from programs.tests.matrix_world) ---
    "programs:list": org("/o/{slug}/programs/", admin=200, staff=200, member=403),
    "programs:create": org("/o/{slug}/programs/new/", admin=200, staff=200, member=403),
    "programs:offerings": org("/o/{slug}/programs/offerings/", admin=200, staff=200, member=403),
    "programs:detail": org("/o/{slug}/programs/{pg_program}/", admin=200, staff=200, member=403),
    "programs:edit": org("/o/{slug}/programs/{pg_program}/edit/", admin=200, staff=200, member=403),
    "programs:refund_policy": org("/o/{slug}/programs/{pg_program}/refund-policy/", admin=200, staff=200, member=403),
    "programs:module_create": org("/o/{slug}/programs/{pg_program}/modules/new/", admin=200, staff=200, member=403),
    "programs:module_edit": org(
        "/o/{slug}/programs/{pg_program}/modules/{pg_module}/", admin=200, staff=200, member=403
    ),
    "programs:module_delete": org(
        "/o/{slug}/programs/{pg_program}/modules/{pg_module}/delete/", admin=200, staff=200, member=403
    ),
    "programs:offering_create": org("/o/{slug}/programs/{pg_program}/offerings/new/", admin=200, staff=200, member=403),
    "programs:offering": org("/o/{slug}/programs/{pg_program}/{pg_offering}/", admin=200, staff=200, member=403),
    "programs:offering_edit": org(
        "/o/{slug}/programs/{pg_program}/{pg_offering}/edit/", admin=200, staff=200, member=403
    ),
    "programs:session_create": org(
        "/o/{slug}/programs/{pg_program}/{pg_offering}/sessions/new/", admin=200, staff=200, member=403
    ),
    "programs:session_edit": org(
        "/o/{slug}/programs/{pg_program}/{pg_offering}/sessions/{pg_session}/", admin=200, staff=200, member=403
    ),
    "programs:session_delete": org(
        "/o/{slug}/programs/{pg_program}/{pg_offering}/sessions/{pg_session}/delete/",
        admin=200,
        staff=200,
        member=403,
    ),
    "programs:deadline_create": org(
        "/o/{slug}/programs/{pg_program}/{pg_offering}/deadlines/new/", admin=200, staff=200, member=403
    ),
    "programs:deadline_edit": org(
        "/o/{slug}/programs/{pg_program}/{pg_offering}/deadlines/{pg_deadline}/", admin=200, staff=200, member=403
    ),
    "programs:deadline_delete": org(
        "/o/{slug}/programs/{pg_program}/{pg_offering}/deadlines/{pg_deadline}/delete/",
        admin=200,
        staff=200,
        member=403,
    ),
    # --- pairing set-up (ids from programs.tests.pairing_world.pairing_setup_matrix_ids) ---
    "programs:pairing_rules": org("/o/{slug}/programs/{ps_program}/pairing/", admin=200, staff=200, member=403),
    "programs:questions": org("/o/{slug}/programs/{ps_program}/questions/", admin=200, staff=200, member=403),
    "programs:question_create": org("/o/{slug}/programs/{ps_program}/questions/new/", admin=200, staff=200, member=403),
    "programs:question_edit": org(
        "/o/{slug}/programs/{ps_program}/questions/{ps_question}/", admin=200, staff=200, member=403
    ),
    "programs:question_delete": org(
        "/o/{slug}/programs/{ps_program}/questions/{ps_question}/delete/", admin=200, staff=200, member=403
    ),
    # POST only: a GET by someone allowed is 405.
    "programs:question_move": org(
        "/o/{slug}/programs/{ps_program}/questions/{ps_question}/move/", admin=405, staff=405, member=403
    ),
    "programs:offering_extend_deadline": org(
        "/o/{slug}/programs/{ps_program}/{ps_offering}/extend-deadline/", admin=200, staff=200, member=403
    ),
    # --- the public catalogue: published programs and their offerings, for everyone ---
    "catalogue:index": everyone("/catalogue/", 200),
    "catalogue:program": everyone("/catalogue/{slug}/{pg_program}/", 200),
    "catalogue:offering": everyone("/catalogue/{slug}/{pg_program}/{pg_offering}/", 200),
    # --- registrations and payments (ids from mentorweb.registrations.tests.reg_world.matrix_ids) ---
    "registrations:register": signed_in("/register/{offering}/", 200),
    "registrations:mine": signed_in("/me/registrations/", 200),
    # The member's own registration: anyone else's is a 404, whatever their role.
    "registrations:detail": case(
        "/me/registrations/{registration}/", admin=404, staff=404, member=200, outsider=404, anonymous=LOGIN
    ),
    "registrations:pay": case(
        "/me/registrations/{registration}/pay/",
        "post",
        admin=404,
        staff=404,
        member=Redirect("/payments/test/checkout/"),
        outsider=404,
        anonymous=LOGIN,
    ),
    "registrations:cancel": case(
        "/me/registrations/{registration}/cancel/", admin=404, staff=404, member=200, outsider=404, anonymous=LOGIN
    ),
    # No offer is open: the member is sent back to the registration with a message.
    "registrations:offer": case(
        "/me/registrations/{registration}/offer/",
        "post",
        admin=404,
        staff=404,
        member=Redirect("/me/registrations/"),
        outsider=404,
        anonymous=LOGIN,
    ),
    # The provider's side: the webhook takes signed POSTs only; the checkout page needs its signed link, no login.
    "registrations:webhook": everyone("/payments/webhook/test/", 405),
    "registrations:test_checkout": everyone("/payments/test/checkout/{checkout}/", 200),
    "registrations:offering_registrations": org(
        "/o/{slug}/offerings/{offering}/registrations/", admin=200, staff=200, member=403
    ),
    "registrations:staff_payment": org(
        "/o/{slug}/offerings/{offering}/registrations/{registration}/payment/", admin=200, staff=200, member=403
    ),
    "registrations:staff_verify": org(
        "/o/{slug}/offerings/{offering}/registrations/{registration}/verify/", admin=200, staff=200, member=403
    ),
    "registrations:staff_cancel": org(
        "/o/{slug}/offerings/{offering}/registrations/{registration}/cancel/", admin=200, staff=200, member=403
    ),
    "registrations:offering_cancel": org(
        "/o/{slug}/offerings/{offering}/cancel-low-enrolment/", admin=200, staff=200, member=403
    ),
    "registrations:invoice_new": org("/o/{slug}/offerings/{offering}/invoices/new/", admin=200, staff=200, member=403),
    "registrations:refund_sent": org(
        "/o/{slug}/offerings/{offering}/refunds/{refund}/sent/", admin=200, staff=200, member=403
    ),
    "registrations:invoice": org("/o/{slug}/invoices/{invoice}/", admin=200, staff=200, member=403),
    # Board contacts (and administrators) of the sponsoring board; the personas' organization is a board.
    "registrations:sponsored": org("/o/{slug}/sponsored-registrations/", admin=200, staff=403, member=403),
    # --- pairing applications (ids from registrations.pairing.tests.world.applications_matrix_ids) ---
    "applications:apply": signed_in("/apply/{app_open_offering}/mentee/", 200),
    "applications:mine": signed_in("/me/applications/", 200),
    # The member's own applications: anyone else's is a 404, whatever their role.
    "applications:detail": case(
        "/me/applications/{app_submitted}/", admin=404, staff=404, member=200, outsider=404, anonymous=LOGIN
    ),
    "applications:edit": case(
        "/me/applications/{app_submitted}/edit/", admin=404, staff=404, member=200, outsider=404, anonymous=LOGIN
    ),
    "applications:withdraw": case(
        "/me/applications/{app_submitted}/withdraw/", admin=404, staff=404, member=200, outsider=404, anonymous=LOGIN
    ),
    "applications:mentors": case(
        "/me/applications/{app_mentee}/mentors/", admin=404, staff=404, member=200, outsider=404, anonymous=LOGIN
    ),
    # POST only; without a choice the member is sent back to the mentors page with a message.
    "applications:conflict": case(
        "/me/applications/{app_mentee}/conflicts/",
        "post",
        admin=404,
        staff=404,
        member=Redirect("/me/applications/"),
        outsider=404,
        anonymous=LOGIN,
    ),
    "applications:staff_list": org(
        "/o/{slug}/offerings/{app_offering}/applications/", admin=200, staff=200, member=403
    ),
    "applications:staff_detail": org(
        "/o/{slug}/offerings/{app_offering}/applications/{app_submitted}/", admin=200, staff=200, member=403
    ),
    # The decisions are POSTs from the application's page; a GET leads back to it.
    "applications:staff_accept": org(
        "/o/{slug}/offerings/{app_offering}/applications/{app_submitted}/accept/",
        admin=Redirect("/o/"),
        staff=Redirect("/o/"),
        member=403,
    ),
    "applications:staff_decline": org(
        "/o/{slug}/offerings/{app_offering}/applications/{app_submitted}/decline/",
        admin=Redirect("/o/"),
        staff=Redirect("/o/"),
        member=403,
    ),
    "applications:staff_request_info": org(
        "/o/{slug}/offerings/{app_offering}/applications/{app_submitted}/request-info/",
        admin=Redirect("/o/"),
        staff=Redirect("/o/"),
        member=403,
    ),
    # Board contacts (and administrators) of the board; the personas' organization is a board.
    "applications:board_offerings": org("/o/{slug}/board-input/", admin=200, staff=403, member=403),
    "applications:board_input": org("/o/{slug}/board-input/{app_mentee_offering}/", admin=200, staff=403, member=403),
    # --- course progress, documents, calendar, reports (ids from progress_world.progress_matrix_ids) ---
    "progress:attendance": org(
        "/o/{slug}/offerings/{progress_offering}/sessions/{progress_session}/attendance/",
        admin=200,
        staff=200,
        member=403,
    ),
    "progress:modules": org("/o/{slug}/offerings/{progress_offering}/modules/", admin=200, staff=200, member=403),
    # POST only: a GET by someone allowed is 405.
    "progress:mark_complete": org(
        "/o/{slug}/offerings/{progress_offering}/modules/mark-complete/", admin=405, staff=405, member=403
    ),
    "progress:completion": org(
        "/o/{slug}/offerings/{progress_offering}/modules/work/{progress_completion}/", admin=200, staff=200, member=403
    ),
    "progress:staff_receipts": org("/o/{slug}/receipts/", admin=200, staff=200, member=403),
    # No job has this id: nothing to show, after the permission check.
    "progress:receipts_job": org(
        "/o/{slug}/receipts/jobs/00000000-0000-0000-0000-000000000000/", admin=404, staff=404, member=403
    ),
    # The member's own completed registration and receipt: anyone else's is a 404.
    "progress:materials": case(
        "/me/registrations/{progress_registration}/materials/",
        admin=404,
        staff=404,
        member=200,
        outsider=404,
        anonymous=LOGIN,
    ),
    "progress:submit": case(
        "/me/registrations/{progress_registration}/modules/{progress_module}/",
        admin=404,
        staff=404,
        member=200,
        outsider=404,
        anonymous=LOGIN,
    ),
    "progress:certificate": case(
        "/me/registrations/{progress_registration}/certificate.pdf",
        admin=404,
        staff=404,
        member=200,
        outsider=404,
        anonymous=LOGIN,
    ),
    "progress:receipts": signed_in("/me/receipts/", 200),
    "progress:receipt": case(
        "/me/receipts/{progress_receipt}.pdf", admin=404, staff=404, member=200, outsider=404, anonymous=LOGIN
    ),
    "calendar:ics": case(
        "/me/registrations/{progress_registration}/calendar.ics",
        admin=404,
        staff=404,
        member=200,
        outsider=404,
        anonymous=LOGIN,
    ),
    "calendar:subscribe": case(
        "/me/registrations/{progress_registration}/calendar/",
        admin=404,
        staff=404,
        member=200,
        outsider=404,
        anonymous=LOGIN,
    ),
    "calendar:rotate": case(
        "/me/registrations/{progress_registration}/calendar/new-link/",
        admin=404,
        staff=404,
        member=405,
        outsider=404,
        anonymous=LOGIN,
    ),
    # The private feed: the token is the key, calendar programs fetch it without logging in.
    "calendar:feed": everyone("/calendar/{progress_token}.ics", 200),
    "reports:index": org("/o/{slug}/reports/", admin=200, staff=200, member=403),
    "reports:completions": org("/o/{slug}/reports/completions.csv", admin=200, staff=200, member=403),
    "reports:offering_dashboard": org(
        "/o/{slug}/offerings/{progress_offering}/dashboard/", admin=200, staff=200, member=403
    ),
    "reports:offering_dashboard_csv": org(
        "/o/{slug}/offerings/{progress_offering}/dashboard.csv", admin=200, staff=200, member=403
    ),
    "reports:offering_dashboard_xlsx": org(
        "/o/{slug}/offerings/{progress_offering}/dashboard.xlsx", admin=200, staff=200, member=403
    ),
    "reports:canvas_roster": org(
        "/o/{slug}/offerings/{progress_offering}/canvas-roster.zip", admin=200, staff=200, member=403
    ),
    # --- matching, for the advisory team (ids from matching.tests.world.matching_matrix_ids) ---
    "matching:runs": org("/o/{slug}/offerings/{mt_offering}/matching/", admin=200, staff=200, member=403),
    "matching:export": org("/o/{slug}/offerings/{mt_offering}/matching/pool.json", admin=200, staff=200, member=403),
    "matching:import": org("/o/{slug}/offerings/{mt_offering}/matching/import/", admin=200, staff=200, member=403),
    "matching:rule_release": org(
        "/o/{slug}/offerings/{mt_offering}/matching/rules/{mt_rule}/release/", admin=200, staff=200, member=403
    ),
    "matching:run": org("/o/{slug}/offerings/{mt_offering}/matching/runs/{mt_run}/", admin=200, staff=200, member=403),
    "matching:run_progress": org(
        "/o/{slug}/offerings/{mt_offering}/matching/runs/{mt_run}/progress/", admin=200, staff=200, member=403
    ),
    "matching:publish": org(
        "/o/{slug}/offerings/{mt_offering}/matching/runs/{mt_run}/publish/", admin=200, staff=200, member=403
    ),
    "matching:proposal": org(
        "/o/{slug}/offerings/{mt_offering}/matching/proposals/{mt_proposal}/", admin=200, staff=200, member=403
    ),
    # --- a person's own partnerships (the member is the mentee of mt_partnership) ---
    "partnerships:mine": signed_in("/me/partnerships/", 200),
    "partnerships:detail": pair("/me/partnerships/{mt_partnership}/"),
    # POST only: a GET by one of its people is 405, anyone else's partnership is a 404.
    "partnerships:respond": case(
        "/me/partnerships/{mt_partnership}/respond/", admin=404, staff=404, member=405, outsider=404, anonymous=LOGIN
    ),
    # --- partnership costs (ids from partnerships.tests.costs_world.costs_matrix_ids) ---
    "partnerships:costs": org("/o/{slug}/partnerships/costs/", admin=200, staff=200, member=403),
    "partnerships:costs_overview": org(
        "/o/{slug}/partnerships/costs/{cost_program}/{cost_year}/", admin=200, staff=200, member=403
    ),
    # POST only: a GET by someone allowed is 405 (the outsider still gets 404).
    "partnerships:costs_prepare": org(
        "/o/{slug}/partnerships/costs/{cost_program}/{cost_year}/prepare/", admin=405, staff=405, member=403
    ),
    "partnerships:costs_issue": org(
        "/o/{slug}/partnerships/costs/{cost_program}/{cost_year}/issue/", admin=405, staff=405, member=403
    ),
    "partnerships:costs_honoraria_paid": org(
        "/o/{slug}/partnerships/costs/{cost_program}/{cost_year}/honoraria-paid/", admin=405, staff=405, member=403
    ),
    "partnerships:costs_report": org(
        "/o/{slug}/partnerships/costs/{cost_program}/{cost_year}/report/", admin=200, staff=200, member=403
    ),
    "partnerships:costs_report_csv": org(
        "/o/{slug}/partnerships/costs/{cost_program}/{cost_year}/report.csv", admin=200, staff=200, member=403
    ),
    "partnerships:costs_report_xlsx": org(
        "/o/{slug}/partnerships/costs/{cost_program}/{cost_year}/report.xlsx", admin=200, staff=200, member=403
    ),
    "partnerships:cost_invoice": org(
        "/o/{slug}/partnerships/costs/invoices/{cost_invoice}/", admin=200, staff=200, member=403
    ),
    "partnerships:cost_invoice_pdf": org(
        "/o/{slug}/partnerships/costs/invoices/{cost_invoice}/invoice.pdf", admin=200, staff=200, member=403
    ),
    # The personas' organization is a board: its contacts (and administrators) see the invoices it received.
    "partnerships:board_invoices": org("/o/{slug}/cost-invoices/", admin=200, staff=403, member=403),
    "partnerships:board_invoice": org("/o/{slug}/cost-invoices/{board_invoice}/", admin=200, staff=403, member=403),
    "partnerships:board_invoice_pdf": org(
        "/o/{slug}/cost-invoices/{board_invoice}/invoice.pdf", admin=200, staff=403, member=403
    ),
    # The member's own confirmed course registration: anyone else's is a 404.
    "partnerships:practicum": case(
        "/me/registrations/{practicum_registration}/practicum/",
        admin=404,
        staff=404,
        member=200,
        outsider=404,
        anonymous=LOGIN,
    ),
    # --- partnership health and surveys (ids from partnerships.tests.health_world.health_matrix_ids) ---
    # The member's own survey request: anyone else's, staff included, is a 404.
    "partnerships:survey_answer": pair("/me/surveys/{hs_request}/"),
    "partnerships:staff_list": org("/o/{slug}/partnerships/", admin=200, staff=200, member=403),
    "partnerships:staff_export": org("/o/{slug}/partnerships/export.csv", admin=200, staff=200, member=403),
    "partnerships:closing_survey": org(
        "/o/{slug}/partnerships/offerings/{hs_offering}/closing-survey/", admin=200, staff=200, member=403
    ),
    "partnerships:evaluation": org("/o/{slug}/partnerships/evaluation/{hs_program}/", admin=200, staff=200, member=403),
    "partnerships:evaluation_csv": org(
        "/o/{slug}/partnerships/evaluation/{hs_program}/export.csv", admin=200, staff=200, member=403
    ),
    "partnerships:survey_edit": org(
        "/o/{slug}/partnerships/programs/{hs_program}/surveys/checkin/", admin=200, staff=200, member=403
    ),
    "partnerships:survey_question": org(
        "/o/{slug}/partnerships/programs/{hs_program}/surveys/checkin/questions/{hs_question}/",
        admin=200,
        staff=200,
        member=403,
    ),
    "partnerships:survey_question_delete": org(
        "/o/{slug}/partnerships/programs/{hs_program}/surveys/checkin/questions/{hs_question}/delete/",
        admin=200,
        staff=200,
        member=403,
    ),
    # --- a partnership's workspace: its two people only (ids from partnerships.tests.workspace_world) ---
    "partnerships:agreement": pair("/me/partnerships/{ws_partnership}/agreement/"),
    # POST only, after the lookup: anyone else still gets 404.
    "partnerships:agreement_acknowledge": case(
        "/me/partnerships/{ws_partnership}/agreement/{ws_agreement}/acknowledge/",
        admin=404,
        staff=404,
        member=405,
        outsider=404,
        anonymous=LOGIN,
    ),
    "partnerships:meetings": pair("/me/partnerships/{ws_partnership}/meetings/"),
    "partnerships:meeting_schedule": pair("/me/partnerships/{ws_partnership}/meetings/new/"),
    "partnerships:meeting_record": pair("/me/partnerships/{ws_partnership}/meetings/log/"),
    "partnerships:meeting": pair("/me/partnerships/{ws_partnership}/meetings/{ws_meeting}/"),
    "partnerships:meeting_edit": pair("/me/partnerships/{ws_partnership}/meetings/{ws_meeting}/edit/"),
    "partnerships:meeting_log": pair("/me/partnerships/{ws_partnership}/meetings/{ws_meeting}/log/"),
    "partnerships:meeting_cancel": pair("/me/partnerships/{ws_partnership}/meetings/{ws_meeting}/cancel/"),
    "partnerships:goal_create": pair("/me/partnerships/{ws_partnership}/goals/new/"),
    "partnerships:goal_edit": pair("/me/partnerships/{ws_partnership}/goals/{ws_goal}/"),
    # The member's own private notes: nobody else's, whoever they are.
    "partnerships:notes": pair("/me/partnerships/{ws_partnership}/notes/"),
    "partnerships:note_create": pair("/me/partnerships/{ws_partnership}/notes/new/"),
    "partnerships:note_edit": pair("/me/partnerships/{ws_partnership}/notes/{ws_note}/"),
    "partnerships:note_delete": pair("/me/partnerships/{ws_partnership}/notes/{ws_note}/delete/"),
    "partnerships:end": pair("/me/partnerships/{ws_partnership}/end/"),
    # Program staff end or complete a partnership of their organization.
    "partnerships:staff_end": org("/o/{slug}/partnerships/{ws_partnership}/end/", admin=200, staff=200, member=403),
    "partnerships:staff_complete": org(
        "/o/{slug}/partnerships/{ws_partnership}/complete/", admin=200, staff=200, member=403
    ),
    # --- conversation records: the partnership's two people only (ids from conversations.tests.world) ---
    "conversations:list": pair("/me/partnerships/{cv_partnership}/conversations/"),
    "conversations:scaling": pair("/me/partnerships/{cv_partnership}/conversations/scaling/"),
    "conversations:meeting": pair("/me/partnerships/{cv_partnership}/conversations/meetings/{cv_meeting}/"),
    "conversations:meeting_new": pair(
        "/me/partnerships/{cv_partnership}/conversations/meetings/{cv_meeting}/new/{cv_builtin}/"
    ),
    "conversations:goal": pair("/me/partnerships/{cv_partnership}/conversations/goals/{cv_goal}/"),
    "conversations:goal_new": pair("/me/partnerships/{cv_partnership}/conversations/goals/{cv_goal}/new/{cv_builtin}/"),
    "conversations:detail": pair("/me/partnerships/{cv_partnership}/conversations/{cv_conversation}/"),
    # --- conversation tools: administrators and coordinators ---
    "conversations:tools": org("/o/{slug}/conversation-tools/", admin=200, staff=200, member=403),
    "conversations:tool_new": org("/o/{slug}/conversation-tools/new/", admin=200, staff=200, member=403),
    "conversations:tool": org("/o/{slug}/conversation-tools/{cv_tool}/", admin=200, staff=200, member=403),
    "conversations:tool_edit": org("/o/{slug}/conversation-tools/{cv_tool}/edit/", admin=200, staff=200, member=403),
    "conversations:tool_customize": org(
        "/o/{slug}/conversation-tools/{cv_builtin}/customize/", admin=200, staff=200, member=403
    ),
    # --- the resource library (ids from resources.tests.world): the organization's item is its members' ---
    "resources:library": signed_in("/resources/", 200),
    "resources:detail": org("/resources/{rs_resource}/", admin=200, staff=200, member=200),
    "resources:file": org("/resources/{rs_resource}/file/", admin=200, staff=200, member=200),
    "resources:staff_list": org("/o/{slug}/resources/", admin=200, staff=200, member=403),
    "resources:create": org("/o/{slug}/resources/new/", admin=200, staff=200, member=403),
    "resources:edit": org("/o/{slug}/resources/{rs_resource}/edit/", admin=200, staff=200, member=403),
    "resources:unpublish": org("/o/{slug}/resources/{rs_resource}/unpublish/", admin=200, staff=200, member=403),
    # --- a person's mentoring web (ids from webs.tests.world.webs_matrix_ids): the personas' board runs one ---
    # Someone in no web (the outsider) reads why; the other pages of the web are its people's only.
    "webs:mine": signed_in("/me/web/", 200),
    "webs:offer": org("/me/web/offer/", admin=200, staff=200, member=200),
    "webs:find": org("/me/web/find/", admin=200, staff=200, member=200),
    "webs:connect": org("/me/web/connect/{wb_person}/", admin=200, staff=200, member=200),
    # The member's own request: only its two people reach it.
    "webs:connection": pair("/me/web/connections/{wb_request}/"),
    "webs:withdraw": pair("/me/web/connections/{wb_request}/withdraw/"),
    # POST only, after the lookup: anyone else still gets 404.
    "webs:answer": case(
        "/me/web/connections/{wb_request}/answer/", admin=404, staff=404, member=405, outsider=404, anonymous=LOGIN
    ),
    "webs:learning": case(
        "/me/web/connections/{wb_request}/learned/", admin=404, staff=404, member=405, outsider=404, anonymous=LOGIN
    ),
    # --- the steering committee's view of the board's web (ids from webs.tests.steering_world) ---
    "steering:coverage": org("/o/{slug}/web/steering/", admin=200, staff=200, member=403),
    "steering:export": org("/o/{slug}/web/steering/groups.csv", admin=200, staff=200, member=403),
    "steering:committee_add": org("/o/{slug}/web/steering/committee/", admin=200, staff=200, member=403),
    "steering:committee_remove": org(
        "/o/{slug}/web/steering/committee/{st_member}/remove/", admin=200, staff=200, member=403
    ),
}


# --- walking the resolver -------------------------------------------------------------------


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner or "")
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield route, name or route


def project_routes() -> dict[str, str]:
    """Every route of the project outside the excluded prefixes: key (name or pattern) → pattern."""
    routes: dict[str, str] = {}
    for route, key in _walk(get_resolver()):
        if route.startswith(tuple(EXCLUDED_PREFIXES)):
            continue
        assert key not in routes, f"two routes share the name {key!r}; give one a name of its own"
        routes[key] = route
    return routes


def test_every_route_is_in_the_matrix() -> None:
    missing = sorted(set(project_routes()) - set(MATRIX))
    assert not missing, f"add these routes to MATRIX in {__file__}: {missing}"


def test_the_matrix_has_no_stale_routes() -> None:
    stale = sorted(set(MATRIX) - set(project_routes()))
    assert not stale, f"these MATRIX entries match no route any more: {stale}"


def test_only_the_api_is_excluded() -> None:
    assert list(EXCLUDED_PREFIXES) == ["api/v1/"]
    excluded = [route for route, _key in _walk(get_resolver()) if route.startswith(tuple(EXCLUDED_PREFIXES))]
    assert excluded, "the excluded prefix matches no route: remove it"


# --- the checks ---------------------------------------------------------------------------------


@pytest.fixture
def world(personas: Any) -> World:
    member_membership = Membership.objects.get(person__user=personas.member, organization=personas.org)
    credential = Credential.objects.create(person=personas.member.person, kind="oct", number="4455667")
    token = ApiToken.objects.create(user=personas.member, name="matrix", prefix="mwmatrix", digest="0" * 64)
    group = Group.objects.create(name="Matrix")
    audit_entry = AuditEntry.objects.create(organization=personas.org, action="matrix.seen", object_type="test")
    return World(
        personas=personas,
        ids={
            "membership": member_membership.pk,
            "credential": credential.pk,
            "token": token.pk,
            "group": group.pk,
            "email_address": personas.member.emailaddress_set.get().pk,
            "authenticator": Authenticator.objects.get(user=personas.admin).pk,
            "content_type": ContentType.objects.get_for_model(Membership).pk,
            "member_user": personas.member.pk,
            "member_person": personas.member.person.pk,
            "audit_entry": audit_entry.pk,
            "organization": personas.org.pk,
            **programs_matrix_ids(personas),
            **pairing_setup_matrix_ids(personas),
            **matrix_ids(personas),
            **progress_matrix_ids(personas),
            **costs_matrix_ids(personas),
            **health_matrix_ids(personas),
            **workspace_matrix_ids(personas),
            **applications_matrix_ids(personas),
            **conversations_matrix_ids(personas),
            **resources_matrix_ids(personas),
            **webs_matrix_ids(personas),
            **steering_matrix_ids(personas),
            **matching_matrix_ids(personas),
        },
    )


def _matches(response: Any, expected: Expected) -> bool:
    if isinstance(expected, Redirect):
        location = response.get("Location", "")
        path = location.split("?", 1)[0]
        return response.status_code == 302 and (
            path == expected.to if expected.to == "/" else path.startswith(expected.to)
        )
    return bool(response.status_code == expected)


def _describe(response: Any) -> str:
    location = response.get("Location")
    return f"{response.status_code} → {location}" if location else str(response.status_code)


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_permission_matrix(world: World, key: str) -> None:
    entry = MATRIX[key]
    url = entry.url(world)
    wrong = {}
    for persona in PERSONAS:
        client = world.personas.client_for(persona)
        response = getattr(client, entry.method)(url)
        if not _matches(response, entry.expect[persona]):
            wrong[persona] = f"expected {entry.expect[persona]!r}, got {_describe(response)}"
    assert not wrong, f"{entry.method.upper()} {url}: {wrong}"
