"""The demo logins: one account per kind of person who uses Mentorweb.

This module is the single source for `load_demo` (which enrols the TOTP secrets),
`demo_logins` (which prints the table) and the README (a test compares its table
with `markdown_table()`).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

# Every demo account shares this password. It is published in the README, so a demo
# database must never be reachable from the internet.
DEMO_PASSWORD = "mentorweb-demo"  # noqa: S105 - published on purpose, see above

# Shown in place of a secret for accounts without a second factor.
NO_SECRET = "—"  # noqa: S105 - a dash, not a secret


@dataclass(frozen=True)
class Persona:
    key: str
    label: str
    email: str
    # Base32 TOTP secret for accounts with a staff role (they must use a second factor);
    # None for everyone else.
    totp_secret: str | None = None


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "site_admin", "Site administrator (superuser)", "siteadmin@example.org", "IQ6YK3UNBSJFFANAGPOAPVWWYHI3T4MV"
    ),
    Persona("opc_admin", "OPC program administrator", "admin.opc@example.org", "CTEZUB3WJWDK3A6E6YIC4FA6DWS5WYWQ"),
    Persona(
        "opc_coordinator", "OPC program coordinator", "coordinator.opc@example.org", "763XOBRECYQ7HYEEE46LFZMNKGHOR3DZ"
    ),
    Persona("opc_facilitator", "OPC facilitator", "facilitator.opc@example.org", "OJ4B2C237P4YYOFJX5FWGGPJV7YHFQRS"),
    Persona(
        "bc_advisory",
        "BCPVPA Mentorship Advisory Team member",
        "advisory.bcpvpa@example.org",
        "5FUO5RLN7S5TSURYDRFPTKJSOK2MW4HX",
    ),
    Persona(
        "opsoa_advisory",
        "OPSOA Mentorship Committee member: reviews the match run",
        "advisory.opsoa@example.org",
        "7XMQODBZPQOJ77SBQPEB4XIDGM564JPV",
    ),
    Persona(
        "board_contact",
        "Board contact (KRDSB, for OPSOA and OPC): board input on mentors",
        "board.contact@example.org",
        "ZE5ZG774KCVOZNK7CGJW25BJBMGW2USI",
    ),
    Persona("bc_mentor", "Mentor: retired principal (BC), with a partnership to accept", "mentor.bc@example.org"),
    Persona("bc_mentee", "Mentee: new vice-principal (BC), waiting for her mentor", "mentee.bc@example.org"),
    Persona("opc_candidate", "Course candidate (OPC member)", "candidate.opc@example.org"),
    Persona("opsoa_mentor", "OPSOA mentor (alumni)", "mentor.opsoa@example.org"),
    Persona("opsoa_mentee", "OPSOA mentee (new supervisory officer), who can rank mentors", "mentee.opsoa@example.org"),
    Persona(
        "mfa_steering",
        "Mentoring for All steering committee member",
        "steering.mfa@example.org",
        "MIDZSFQZN4JQKX6RRQ3YHQSCGDM5JD2L",
    ),
    Persona("mfa_ece", "Board employee: early childhood educator", "ece.mfa@example.org"),
    Persona("outsider", "Outsider: teacher at another board, in no program", "outsider@example.com"),
)

PERSONAS_BY_EMAIL = {persona.email: persona for persona in PERSONAS}

TOTP_NOTE = (
    "Staff accounts ask for a code after the password: add the TOTP secret to an authenticator app "
    "(choose 'enter a setup key', time-based, 6 digits)."
)


def derived_totp_secret(email: str) -> str:
    """A fixed secret for demo staff who are not personas, so their logins work too.

    It is derived from the address instead of stored, so `demo_logins --all` can print
    it and every load of the demo gives the same one.
    """
    digest = hashlib.sha256(f"mentorweb-demo-totp:{email.lower()}".encode()).digest()
    return base64.b32encode(digest[:20]).decode("ascii")


def totp_secret_for(email: str) -> str:
    persona = PERSONAS_BY_EMAIL.get(email)
    if persona is not None and persona.totp_secret:
        return persona.totp_secret
    return derived_totp_secret(email)


def login_rows() -> list[tuple[str, str, str, str]]:
    return [(p.label, p.email, DEMO_PASSWORD, p.totp_secret or NO_SECRET) for p in PERSONAS]


def markdown_table() -> str:
    """The README's table of demo logins, exactly as it must appear there."""
    lines = ["| Persona | E-mail | Password | TOTP secret |", "|---|---|---|---|"]
    for label, email, password, secret in login_rows():
        lines.append(f"| {label} | `{email}` | `{password}` | {f'`{secret}`' if secret != NO_SECRET else secret} |")
    return "\n".join(lines)
