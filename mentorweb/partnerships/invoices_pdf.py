"""A cost-sharing invoice as a PDF: who issues it, who pays, one line per partnership, the total,
how the share is worked out, and the payment terms.

Like the certificates and receipts (registrations.documents), it uses the standard Helvetica
font, which covers French accents; other characters are made plain by `pdf_text`. It names the
two people of each partnership and the months of the commitment, nothing the pair shared.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Literal

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from mentorweb.partnerships.costs import PAYMENT_TERMS_DAYS, cost_terms
from mentorweb.partnerships.costs_selectors import invoice_lines, payer_name
from mentorweb.partnerships.models import CostInvoice, PayableStatus
from mentorweb.registrations.documents import pdf_text
from mentorweb.registrations.formatting import format_cad

# Column widths in millimetres on a Letter page with 20 mm margins (176 mm of text).
MENTEE_WIDTH = 62
MENTOR_WIDTH = 62
MONTHS_WIDTH = 20


def money(amount: Decimal) -> str:
    return pdf_text(format_cad(amount))


def sharing_explanation(invoice: CostInvoice) -> str:
    """Seed 004's wording: "half of $2,500 cost per mentor per year"."""
    terms = cost_terms(invoice.program)
    organization = invoice.organization.name
    values = {
        "organization": organization,
        "cost": format_cad(terms.cost_per_mentor_year),
        "percent": terms.share_percent,
        "share": format_cad(terms.share),
    }
    if terms.share_percent == 50:
        return (
            _(
                "The operational costs of each mentor are shared between %(organization)s and the participating "
                "board or individual. Your share is half of %(cost)s per mentor per year: %(share)s for each "
                "partnership."
            )
            % values
        )
    return (
        _(
            "The operational costs of each mentor are shared between %(organization)s and the participating "
            "board or individual. Your share is %(percent)s%% of %(cost)s per mentor per year: %(share)s for each "
            "partnership."
        )
        % values
    )


def payment_terms(invoice: CostInvoice) -> str:
    due_on = invoice.issued_on + timedelta(days=PAYMENT_TERMS_DAYS)
    text = _("Payment is due within %(days)s days, by %(date)s. Please quote the invoice number %(number)s.") % {
        "days": PAYMENT_TERMS_DAYS,
        "date": date_format(due_on, "DATE_FORMAT"),
        "number": invoice.number,
    }
    if invoice.organization.contact_email:
        text += " " + _("Questions: %(email)s.") % {"email": invoice.organization.contact_email}
    return text


class _Invoice(FPDF):
    def __init__(self, *, invoice: CostInvoice, compress: bool) -> None:
        super().__init__(orientation="portrait", unit="mm", format="Letter")
        self.set_compression(compress)
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_title(pdf_text(_("Invoice %(number)s") % {"number": invoice.number}))
        self.set_subject(pdf_text(invoice.number))
        self.set_author(pdf_text(invoice.organization.name))
        self.set_creator("Mentorweb")
        self.set_lang(translation.get_language() or "en")
        self.add_page()

    def text_line(self, text: str, *, size: float = 11, style: str = "", gap: float = 1.5) -> None:
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, size * 0.5, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)

    def pair(self, label: str, value: str) -> None:
        self.set_font("Helvetica", "B", 11)
        self.cell(45, 7, pdf_text(label))
        self.set_font("Helvetica", "", 11)
        self.multi_cell(0, 7, pdf_text(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def row(self, cells: tuple[str, str, str, str], *, bold: bool = False, border: Literal[0, 1] | str = 0) -> None:
        self.set_font("Helvetica", "B" if bold else "", 10)
        mentee, mentor, months, amount = (pdf_text(value) for value in cells)
        self.cell(MENTEE_WIDTH, 7, mentee[:40], border=border)
        self.cell(MENTOR_WIDTH, 7, mentor[:40], border=border)
        self.cell(MONTHS_WIDTH, 7, months, border=border, align=Align.R)
        self.cell(0, 7, amount, border=border, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def invoice_pdf(invoice: CostInvoice, *, compress: bool = True) -> bytes:
    """The invoice of one payer for one program and year."""
    organization = invoice.organization
    program = invoice.program
    lines = invoice_lines(invoice)
    pdf = _Invoice(invoice=invoice, compress=compress)
    pdf.text_line(organization.name, size=14, style="B", gap=0.5)
    if organization.contact_email:
        pdf.text_line(organization.contact_email, size=10, gap=6)
    pdf.text_line(_("Invoice: shared costs of mentoring"), size=18, style="B", gap=4)
    pdf.pair(_("Invoice number"), invoice.number)
    pdf.pair(_("Issued on"), date_format(invoice.issued_on, "DATE_FORMAT"))
    pdf.pair(_("Billed to"), payer_name(invoice))
    pdf.pair(_("Program"), program.name)
    pdf.pair(_("Year"), str(invoice.year))
    if invoice.status == PayableStatus.PAID:
        pdf.pair(_("Status"), _("Paid"))
    pdf.ln(4)
    pdf.row((_("Mentee"), _("Mentor"), _("Months"), _("Share")), bold=True, border="B")
    for line in lines:
        pdf.row((line.mentee, line.mentor, str(line.months), money(line.amount)))
    pdf.ln(1)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(MENTEE_WIDTH + MENTOR_WIDTH + MONTHS_WIDTH, 9, pdf_text(_("Total")), border="T")
    pdf.cell(0, 9, money(invoice.total) + " CAD", border="T", align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.text_line(sharing_explanation(invoice), size=10, gap=3)
    pdf.text_line(payment_terms(invoice), size=10, gap=3)
    return bytes(pdf.output())
