"""The organization's audit trail, for its administrators."""


from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from mentorweb.api.common import Pagination, Slug, require_perm
from mentorweb.api.errors import ErrorOut
from mentorweb.api.schemas import AuditEntryOut, AuditFilters
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.selectors import get_organization_for_user

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
    entries = AuditEntry.objects.filter(organization=organization)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.object_type:
        entries = entries.filter(object_type=filters.object_type)
    if filters.actor:
        entries = entries.filter(actor_label__iexact=filters.actor)
    if filters.source:
        entries = entries.filter(source=filters.source)
    if filters.since:
        entries = entries.filter(at__gte=filters.since)
    if filters.until:
        entries = entries.filter(at__lt=filters.until)
    # The (organization, -at) index serves this order; the id breaks ties between pages.
    return entries.order_by("-at", "-id")
