"""The REST API at /api/v1/: one NinjaAPI, one router per domain.

Every later part of Mentorweb adds its router here, and its operations to the permission
matrix in tests/test_permission_matrix.py (a test fails until it does).
"""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.operation import Operation

from mentorweb.api.auth import API_AUTH
from mentorweb.api.errors import install_error_handlers
from mentorweb.api.routers import audit, me, members, organizations, registrations, tokens


class MentorwebAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # The view function's own name (e.g. "members_invite"): short, stable, and unique
        # because every router names its functions after the resource.
        return operation.view_func.__name__


api = MentorwebAPI(
    title="Mentorweb API",
    version="1",
    urls_namespace="api",
    description=(
        "Authenticate with a personal access token (`Authorization: Bearer mw_…`, created at /me/tokens/) "
        "or, from the browser, with your logged-in session and the X-CSRFToken header. "
        "Errors have a `detail` message, a stable `code` and, for input errors, the `field`."
    ),
    auth=API_AUTH,
)
# Names of schema parameters, stripped from error locations so that a 422 names the field itself.
install_error_handlers(api, body_param_names={"payload", "filters"})

api.add_router("/me", me.router)
api.add_router("/organizations", organizations.router)
api.add_router("/organizations", members.router)
api.add_router("/organizations", audit.router)
api.add_router("/tokens", tokens.router)
# Paths from the root: /registrations/... and /organizations/{slug}/offerings/{id}/registrations.
api.add_router("", registrations.router)
# The catalogue (/programs, /offerings) and set-up under /organizations/{slug}/.
api.add_router("", "mentorweb.api.routers.programs.router")
api.add_router("", "mentorweb.api.routers.pairing_setup.router")
api.add_router("", "mentorweb.api.routers.partnership_costs.router")
api.add_router("", "mentorweb.api.routers.partnership_surveys.router")
api.add_router("", "mentorweb.api.routers.applications.router")  # pairing applications, review, board input
api.add_router("", "mentorweb.api.routers.matching.router")  # match runs, proposals, decisions, publishing
api.add_router("", "mentorweb.api.routers.partnerships.router")  # my partnerships and my answer to a proposed one
api.add_router(
    "", "mentorweb.api.routers.partnership_workspace.router"
)  # agreements, meetings, goals, my private notes
api.add_router("", "mentorweb.api.routers.resources.router")  # the resource library
api.add_router("", "mentorweb.api.routers.conversations.router")  # conversation tools and records
api.add_router("", "mentorweb.api.routers.webs.router")  # mentoring webs: offers, connections, learnings, steering
