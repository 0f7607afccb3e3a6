"""The small line chart of a partnership's scaling-question answers (0–10), drawn as SVG on the
server. The page shows a table of the same values beside it: the chart is never the only way in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats

from mentorweb.conversations.selectors import ScalePoint
from mentorweb.programs.times import local

WIDTH = 480
HEIGHT = 220
LEFT = 36
RIGHT = 16
TOP = 12
BOTTOM = 36


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    value: int
    label: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    dots: list[Dot]
    polyline: str
    y_ticks: list[Tick]
    x_ticks: list[Tick]


def _y(value: int) -> float:
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (10 - value) / 10, 1)


def scaling_chart(points: Sequence[ScalePoint], time_zone: str) -> Chart | None:
    """Points evenly spaced in the order they were recorded; None when there is nothing to draw."""
    if not points:
        return None
    span = WIDTH - LEFT - RIGHT
    step = span / (len(points) - 1) if len(points) > 1 else 0
    dots = []
    for index, point in enumerate(points):
        x = round(LEFT + (step * index if len(points) > 1 else span / 2), 1)
        day = formats.date_format(local(point.at, time_zone).date(), "SHORT_DATE_FORMAT")
        dots.append(Dot(x, _y(point.value), point.value, day))
    x_ticks = [Tick(dots[0].x, dots[0].label)]
    if len(dots) > 1:
        x_ticks.append(Tick(dots[-1].x, dots[-1].label))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=HEIGHT - BOTTOM,
        dots=dots,
        polyline=" ".join(f"{dot.x},{dot.y}" for dot in dots),
        y_ticks=[Tick(_y(value), str(value)) for value in (0, 5, 10)],
        x_ticks=x_ticks,
    )
