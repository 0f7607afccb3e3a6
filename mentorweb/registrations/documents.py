"""PDF documents for candidates: the certificate of completion and the yearly tax receipt.

The PDFs use the standard Helvetica font, which every PDF reader has, so nothing needs to be
installed on the server. That font covers Latin-1 (French accents included); the few other
characters people type (curly quotes, dashes) are replaced by their plain equivalents.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from mentorweb.organizations.models import Organization
from mentorweb.programs.times import local
from mentorweb.registrations.hours import hours_ledger
from mentorweb.registrations.models import Receipt, Registration

_REPLACEMENTS = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}


def pdf_text(value: object) -> str:
    """Text the standard PDF fonts can show: Latin-1 kept, common punctuation made plain,
    other letters stripped of their accents, anything else replaced by '?'."""
    text = "".join(_REPLACEMENTS.get(char, char) for char in str(value))
    out = []
    for char in text:
        try:
            char.encode("latin-1")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
            out.append(base or "?")
        else:
            out.append(char)
    return "".join(out)


def organization_prefix(organization: Organization) -> str:
    """A short prefix for document numbers, e.g. "OPC"."""
    raw = organization.short_name or organization.slug
    letters = re.sub(r"[^A-Za-z0-9]", "", unicodedata.normalize("NFKD", raw)).upper()
    return (letters or "MW")[:10]


def certificate_number(registration: Registration) -> str:
    """Unique and stable: one certificate per completed registration, e.g. OPC-C-2025-000042."""
    organization = registration.offering.program.organization
    completed = registration.completed_at or registration.registered_at
    year = local(completed, organization.time_zone).year
    return f"{organization_prefix(organization)}-C-{year}-{registration.pk:06d}"


def _local_date(moment: datetime, organization: Organization) -> date:
    return local(moment, organization.time_zone).date()


def _hours_text(value: Decimal) -> str:
    return f"{value.normalize():f}"


class _Document(FPDF):
    def __init__(self, *, title: str, organization: Organization, compress: bool) -> None:
        super().__init__(orientation="portrait", unit="mm", format="Letter")
        self.set_compression(compress)
        self.set_margins(22, 22, 22)
        self.set_auto_page_break(auto=True, margin=22)
        self.set_title(pdf_text(title))
        self.set_author(pdf_text(organization.name))
        self.set_creator("Mentorweb")
        self.set_lang(translation.get_language() or "en")
        self.add_page()

    def line_of(self, text: str, *, size: float = 11, style: str = "", align: Align = Align.L, gap: float = 2) -> None:
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, size * 0.5, pdf_text(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)

    def pair(self, label: str, value: str) -> None:
        self.set_font("Helvetica", "B", 11)
        self.cell(55, 7, pdf_text(label))
        self.set_font("Helvetica", "", 11)
        self.multi_cell(0, 7, pdf_text(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def certificate_pdf(registration: Registration, *, compress: bool = True) -> bytes:
    """The certificate of completion of a completed registration."""
    offering = registration.offering
    program = offering.program
    organization = program.organization
    person = registration.person
    ledger = hours_ledger(registration)
    number = certificate_number(registration)
    completed_on = _local_date(registration.completed_at or registration.registered_at, organization)

    pdf = _Document(
        title=_("Certificate of completion %(number)s") % {"number": number},
        organization=organization,
        compress=compress,
    )
    pdf.set_subject(pdf_text(number))
    pdf.line_of(organization.name, size=14, style="B", align=Align.C, gap=10)
    pdf.line_of(_("Certificate of completion"), size=26, style="B", align=Align.C, gap=10)
    pdf.line_of(_("This certifies that"), size=12, align=Align.C, gap=4)
    pdf.line_of(person.full_name, size=22, style="B", align=Align.C, gap=4)
    pdf.line_of(_("has completed"), size=12, align=Align.C, gap=4)
    pdf.line_of(program.name, size=16, style="B", align=Align.C, gap=12)
    pdf.pair(_("Offering"), offering.title)
    pdf.pair(
        _("Dates"),
        _("%(start)s to %(end)s")
        % {
            "start": date_format(offering.start_date, "DATE_FORMAT"),
            "end": date_format(offering.end_date, "DATE_FORMAT"),
        },
    )
    pdf.pair(
        _("Hours"),
        _("%(total)s hours (%(sync)s synchronous, %(async)s asynchronous)")
        % {
            "total": _hours_text(ledger.earned),
            "sync": _hours_text(ledger.sync_earned),
            "async": _hours_text(ledger.async_earned),
        },
    )
    pdf.pair(_("Completed on"), date_format(completed_on, "DATE_FORMAT"))
    pdf.pair(_("Certificate number"), number)
    if organization.contact_email:
        pdf.ln(8)
        pdf.line_of(
            _("To confirm this certificate, write to %(email)s with its number.")
            % {"email": organization.contact_email},
            size=9,
        )
    return bytes(pdf.output())


def receipt_pdf(receipt: Receipt, *, lines: list[tuple[str, Decimal, Decimal]], compress: bool = True) -> bytes:
    """A tax receipt: fees paid net of refunds in one calendar year.

    `lines` are (offering, paid, refunded) for the year, as receipts.receipt_lines gives them.
    """
    organization = receipt.organization
    person = receipt.person
    pdf = _Document(
        title=_("Tax receipt %(number)s") % {"number": receipt.number}, organization=organization, compress=compress
    )
    pdf.set_subject(pdf_text(receipt.number))
    pdf.line_of(organization.name, size=14, style="B", gap=2)
    if organization.contact_email:
        pdf.line_of(organization.contact_email, size=10, gap=8)
    pdf.line_of(_("Tax receipt for program fees"), size=20, style="B", gap=6)
    pdf.pair(_("Receipt number"), receipt.number)
    pdf.pair(_("Tax year"), str(receipt.year))
    pdf.pair(_("Issued on"), date_format(_local_date(receipt.issued_at, organization), "DATE_FORMAT"))
    pdf.pair(_("Issued to"), person.full_name)
    pdf.pair(_("E-mail"), person.user.email)
    pdf.ln(4)
    if lines:
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(100, 8, pdf_text(_("Program")), border="B")
        pdf.cell(30, 8, pdf_text(_("Paid")), border="B", align=Align.R)
        pdf.cell(0, 8, pdf_text(_("Refunded")), border="B", align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("Helvetica", "", 11)
        for label, paid, refunded in lines:
            pdf.cell(100, 8, pdf_text(label)[:60])
            pdf.cell(30, 8, f"${paid:,.2f}", align=Align.R)
            pdf.cell(0, 8, f"${refunded:,.2f}", align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(130, 10, pdf_text(_("Fees paid in %(year)s, net of refunds") % {"year": receipt.year}))
    pdf.cell(0, 10, f"${receipt.amount:,.2f} CAD", align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.line_of(
        _(
            "Amounts are counted by the date each payment was received and each refund was made, "
            "in the organization's time zone. Fees paid by a school board on an invoice are not included."
        ),
        size=9,
    )
    if "-v" in receipt.number:
        pdf.line_of(
            _("This receipt replaces the earlier versions with the same number: the amount was corrected."), size=9
        )
    return bytes(pdf.output())
