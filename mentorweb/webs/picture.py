"""The picture of a person's own web on "My web": the person in the centre, their mentors above,
their mentees below and their peers at the sides, as an inline SVG drawn by the template from
these positions (no JavaScript).

Colour tells the role group, but never alone: every node carries the group's short code and the
person's name, its shape tells the relationship (circle: mentor, square: mentee, diamond: peer),
and a legend names both. The text list beside the picture carries everything it shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import RoleGroup
from mentorweb.webs.selectors import Link, MyWeb

WIDTH = 640
HEIGHT = 520
CENTRE = (WIDTH / 2, HEIGHT / 2)
RADIUS = 190
NODE = 24
MAX_NODES = 24

# One colour and a short code per role group; the colours keep 3:1 against white for the shapes
# and white text inside them.
GROUP_STYLE: dict[str, tuple[str, str | Promise]] = {
    RoleGroup.EARLY_CHILDHOOD_EDUCATOR: ("#b3261e", _("ECE")),
    RoleGroup.TEACHER: ("#1d4ed8", _("T")),
    RoleGroup.ASSOCIATE_TEACHER: ("#7c3aed", _("AT")),
    RoleGroup.BUSINESS_SUPPORT: ("#9a5b00", _("BS")),
    RoleGroup.CONSULTANT_COACH: ("#0f766e", _("CC")),
    RoleGroup.OFFICE_ADMINISTRATOR: ("#be185d", _("OA")),
    RoleGroup.VICE_PRINCIPAL: ("#4d7c0f", _("VP")),
    RoleGroup.PRINCIPAL: ("#166534", _("P")),
    RoleGroup.SUPERVISORY_OFFICER: ("#1e3a8a", _("SO")),
    RoleGroup.RETIRED_PRINCIPAL: ("#525252", _("RP")),
    RoleGroup.RETIRED_SUPERVISORY_OFFICER: ("#404040", _("RSO")),
    RoleGroup.OTHER: ("#57534e", _("O")),
}
# Where each relationship sits around the centre: mentors above, mentees below, peers at the sides.
SECTORS = {"mentor": (200.0, 340.0), "mentee": (20.0, 160.0), "peer": (160.0, 200.0)}
RELATION_LABELS = {"mentor": _("Mentor"), "mentee": _("Mentee"), "peer": _("Peer")}


@dataclass
class Node:
    x: float
    y: float
    name: str
    group: str
    group_label: str
    code: str
    colour: str
    relation: str
    relation_label: str
    connection_id: int | None = None

    @property
    def diamond(self) -> str:
        x, y, r = self.x, self.y, NODE + 4
        return f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"

    @property
    def left(self) -> float:
        return self.x - NODE

    @property
    def top(self) -> float:
        return self.y - NODE

    @property
    def label_y(self) -> float:
        return self.y + NODE + 18

    @property
    def centre_label_y(self) -> float:
        return self.y + 52


@dataclass
class LegendEntry:
    colour: str
    code: str
    label: str


@dataclass
class Picture:
    width: int
    height: int
    centre: Node
    nodes: list[Node]
    legend: list[LegendEntry]
    hidden: int  # connections in the list but not drawn


def _style(group: str) -> tuple[str, str, str]:
    colour, code = GROUP_STYLE.get(group, GROUP_STYLE[RoleGroup.OTHER])
    return colour, str(code), str(RoleGroup(group).label) if group in RoleGroup.values else group


def _spread(count: int, sector: tuple[float, float]) -> list[float]:
    start, end = sector
    if count == 1:
        return [(start + end) / 2]
    step = (end - start) / (count - 1) if count > 1 else 0
    return [start + i * step for i in range(count)]


def _place(links: list[Link], relation: str) -> list[Node]:
    if relation == "peer":
        # Peers alternate between the left and the right side.
        left, right = links[0::2], links[1::2]
        angles = [*_spread(len(left), SECTORS["peer"]), *(a - 180 for a in _spread(len(right), SECTORS["peer"]))]
        ordered = [*left, *right]
    else:
        angles, ordered = _spread(len(links), SECTORS[relation]), links
    nodes = []
    for link, angle in zip(ordered, angles, strict=True):
        colour, code, label = _style(link.other.role_group)
        theta = math.radians(angle)
        nodes.append(
            Node(
                x=CENTRE[0] + RADIUS * math.cos(theta) * 1.25,
                y=CENTRE[1] + RADIUS * math.sin(theta),
                name=link.other.full_name,
                group=link.other.role_group,
                group_label=label,
                code=code,
                colour=colour,
                relation=relation,
                relation_label=str(RELATION_LABELS[relation]),
                connection_id=link.connection.pk,
            )
        )
    return nodes


def picture_of(web: MyWeb) -> Picture:
    per_kind = MAX_NODES // 3
    shown = {"mentor": web.mentors[:per_kind], "mentee": web.mentees[:per_kind], "peer": web.peers[:per_kind]}
    nodes = [node for relation, links in shown.items() for node in _place(links, relation)]
    colour, code, label = _style(web.person.role_group)
    centre = Node(
        x=CENTRE[0],
        y=CENTRE[1],
        name=web.person.full_name,
        group=web.person.role_group,
        group_label=label,
        code=code,
        colour=colour,
        relation="me",
        relation_label=str(_("You")),
    )
    groups: dict[str, LegendEntry] = {}
    for node in [centre, *nodes]:
        groups.setdefault(node.group, LegendEntry(node.colour, node.code, node.group_label))
    hidden = len(web.active) - len(nodes)
    return Picture(WIDTH, HEIGHT, centre, nodes, list(groups.values()), hidden)
