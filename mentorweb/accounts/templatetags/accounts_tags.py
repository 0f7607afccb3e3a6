from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def group_in_fours(value: object) -> str:
    """ "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": a long key is easier to type in short groups."""
    text = "".join(str(value or "").split())
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
