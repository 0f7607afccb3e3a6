from __future__ import annotations

from django.db import models


class SentEmail(models.Model):
    """One row per e-mail that went out, keyed so that a job run twice sends once."""

    key = models.CharField(max_length=200, unique=True)
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
