"""Typed readers for settings that come from the environment.

Each reader fails loudly on a value it cannot parse: a typo in a production
environment must stop the process at start-up, not change behaviour quietly.
"""

from __future__ import annotations

import os


class ImproperEnvironment(ValueError):
    pass


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperEnvironment(f"{name}={raw!r} is not a boolean (use true or false)")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperEnvironment(f"{name}={raw!r} is not an integer") from None


def envlist(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def envsecret(name: str, *, debug: bool, dev_default: str) -> str:
    """A secret must be set in production; in debug mode a fixed local value is fine."""
    raw = os.environ.get(name, "")
    if raw:
        return raw
    if debug:
        return dev_default
    raise ImproperEnvironment(f"{name} must be set when DEBUG is false")
