"""Wall-clock times in an organization's zone, and the UTC instants they are stored as."""

from __future__ import annotations

import datetime as dt
import zoneinfo


def to_utc(day: dt.date, clock: dt.time, time_zone: str) -> dt.datetime:
    """The UTC instant of `clock` on `day` in `time_zone`.

    Raises ValueError for a time the clocks skip when they move forward (it does not exist
    that day). A time that happens twice when they move back is the first of the two.
    """
    zone = zoneinfo.ZoneInfo(time_zone)
    local = dt.datetime.combine(day, clock, tzinfo=zone)
    instant = local.astimezone(dt.UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ValueError("this time does not exist in the zone on that day")
    return instant


def local(instant: dt.datetime, time_zone: str) -> dt.datetime:
    return instant.astimezone(zoneinfo.ZoneInfo(time_zone))


def today_in(time_zone: str) -> dt.date:
    return dt.datetime.now(zoneinfo.ZoneInfo(time_zone)).date()
