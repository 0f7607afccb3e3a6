"""`{% partnership_workspace partnership %}`: the workspace of a partnership (agreement summary,
meetings, goals, the reader's own private notes) inside the partnership's page.

It reads for the logged-in person only (notes: theirs alone), in a fixed number of queries.
"""

from __future__ import annotations

from typing import Any

from django import template

from mentorweb.partnerships.agreements import channel_labels, mode_labels
from mentorweb.partnerships.models import Partnership
from mentorweb.partnerships.selectors_workspace import WORKSPACE_STATUSES, person_in, workspace

register = template.Library()


@register.inclusion_tag("partnerships/workspace/_workspace.html", takes_context=True)
def partnership_workspace(context: Any, partnership: Partnership) -> dict[str, Any]:
    request = context["request"]
    if partnership.status not in WORKSPACE_STATUSES or person_in(request.user, partnership) is None:
        return {"ws": None}
    ws = workspace(request.user, partnership)
    return {
        "ws": ws,
        "channels": channel_labels(ws.agreement.informal_channels) if ws.agreement else [],
        "modes": mode_labels(ws.agreement.meeting_modes) if ws.agreement else [],
        "partnership": partnership,
        "organization": partnership.organization,
        "request": request,
        "user": request.user,
    }
