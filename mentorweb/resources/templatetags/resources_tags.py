"""`{% resources_for "goal setting" %}`: a small aside with one to three library items, so that other
pages show the right resource where it helps (the goal-setting resource beside the goal form).

    {% load resources_tags %}
    {% resources_for "goal setting" %}
    {% resources_for "conversations" audience=person.role_group key="scaling-questions-as-a-tool-for-debriefing" %}

The theme is a theme key or its words; `key` names a shared library item to show first; `audience`
is a role group. The items are those the person may read, in one query; nothing is shown when
none fits.
"""

from __future__ import annotations

from typing import Any

from django import template

from mentorweb.resources.selectors import normalize_theme, related_resources

register = template.Library()


@register.inclusion_tag("resources/_aside.html", takes_context=True)
def resources_for(context: Any, theme: str = "", audience: str = "", key: str = "", limit: int = 3) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    theme_key = normalize_theme(theme) if theme else ""
    resources = related_resources(user, theme=theme_key, audience=audience or "", key=key or "", limit=limit)
    return {
        "resources": resources,
        "theme": theme_key,
        "aside_id": f"resources-aside-{theme_key or key or 'items'}",
        "request": request,
    }
