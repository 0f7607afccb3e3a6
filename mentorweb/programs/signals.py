"""Signals other apps listen to, so that programs does not import them.

`capacity_increased` is sent after the transaction that raised an offering's capacity has
committed, with `offering`, `old_capacity` and `new_capacity`: the registrations app can offer
the new seats to the waitlist.

`session_changed` is sent after the transaction that changed a session (and raised its
sequence) has committed, with `session`: the notifications app e-mails the people holding a seat.
"""

from __future__ import annotations

from django.dispatch import Signal

capacity_increased = Signal()
session_changed = Signal()
