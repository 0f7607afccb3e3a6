"""An HTML part for e-mails that only have a text template (allauth's account e-mails)."""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

_URL = re.compile(r"(https?://[^\s<>\"']+)")


def text_to_html(text: str, *, subject: str, language: str) -> str:
    """Paragraphs from blank lines, line breaks kept, links made clickable; all text escaped."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        escaped = escape(block)
        linked = _URL.sub(r'<a href="\1">\1</a>', escaped)
        paragraphs.append(linked.replace("\n", "<br>\n"))
    body = mark_safe("".join(f"<p>{p}</p>\n" for p in paragraphs))  # noqa: S308 - every part was escaped above
    return render_to_string("emails/_layout.html", {"subject": subject, "body": body, "language": language})
