from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def group_in_fours(value: object) -> str:
    """Split a key into groups of four ("JBSWY3DP" -> "JBSW Y3DP"): a long key is easier to type that way."""
    text = "".join(str(value or "").split())
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
