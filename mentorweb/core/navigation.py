"""The main menu, built from what the user may do. Apps add entries through NAV_BUILDERS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool = False


NavBuilder = Callable[[HttpRequest], list[NavItem]]
NAV_BUILDERS: list[NavBuilder] = []


def register_nav(builder: NavBuilder) -> NavBuilder:
    NAV_BUILDERS.append(builder)
    return builder


def navigation_for(request: HttpRequest) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items: list[NavItem] = []
    for builder in NAV_BUILDERS:
        items.extend(builder(request))
    # Sections nest (/o/ holds /o/<slug>/programs/): only the most specific entry is the current
    # page, so a screen reader hears one "current page" in the menu.
    current = [item for item in items if item.current]
    if len(current) > 1:
        keep = max(current, key=lambda item: len(item.url))
        items = [item if item is keep or not item.current else replace(item, current=False) for item in items]
    return items
