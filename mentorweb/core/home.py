"""The home page: each app contributes sections that tell this person what to do next."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass
class HomeAction:
    label: str
    url: str


@dataclass
class HomeSection:
    title: str
    body: str = ""
    actions: list[HomeAction] = field(default_factory=list)
    order: int = 50


SectionBuilder = Callable[[HttpRequest], list[HomeSection]]
SECTION_BUILDERS: list[SectionBuilder] = []


def register_home(builder: SectionBuilder) -> SectionBuilder:
    SECTION_BUILDERS.append(builder)
    return builder


def home_sections(request: HttpRequest) -> list[HomeSection]:
    sections: list[HomeSection] = []
    for builder in SECTION_BUILDERS:
        sections.extend(builder(request))
    return sorted(sections, key=lambda s: s.order)
