"""The organization's audit trail, for its administrators."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from mentorweb.api.common import Pagination, Slug, require_perm
from mentorweb.api.errors import ErrorOut
from mentorweb.api.schemas import AuditEntryOut, AuditFilters
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.selectors import audit_entries, get_organization_for_user

router = Router(tags=["audit"])


@router.get(
    "/{slug}/audit",
    response={200: list[AuditEntryOut], 403: ErrorOut, 404: ErrorOut},
    summary="Audit trail of the organization, newest first (administrators)",
)
@paginate(Pagination)
def audit_list(request: HttpRequest, slug: Slug, filters: Query[AuditFilters]) -> QuerySet[AuditEntry]:
    organization = get_organization_for_user(request.user, slug)
    require_perm(request, "organizations.view_audit", organization)
    # The same selector as the web audit page; the (organization, -at) index serves its order.
    return audit_entries(
        organization,
        actor=filters.actor or "",
        action=filters.action or "",
        object_type=filters.object_type or "",
        source=filters.source or "",
        since=filters.since,
        until=filters.until,
    )
