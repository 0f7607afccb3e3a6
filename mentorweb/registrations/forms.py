"""Forms of the registration pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import Credential, CredentialKind
from mentorweb.organizations.models import Organization
from mentorweb.registrations.models import PaymentMethod, Registration, RegistrationStatus

OFFLINE_METHOD_CHOICES = [
    (PaymentMethod.CHEQUE, PaymentMethod.CHEQUE.label),
    (PaymentMethod.E_TRANSFER, PaymentMethod.E_TRANSFER.label),
    (PaymentMethod.INVOICE, PaymentMethod.INVOICE.label),
]


class IdempotencyField(forms.CharField):
    """A hidden key made when the page is shown: sending the same form twice does one thing."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(widget=forms.HiddenInput, max_length=64, **kwargs)


def new_key() -> str:
    return uuid.uuid4().hex


class RegisterForm(forms.Form):
    credential_number = forms.CharField(label=_("Registration number"), max_length=40, required=False)
    sponsor = forms.TypedChoiceField(
        label=_("Who pays"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("If your school board pays by purchase order, choose it: the program invoices the board."),
    )
    notes = forms.CharField(
        label=_("Anything the program should know"),
        help_text=_("Accessibility needs, for example. Optional."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        credential_kind: str = "",
        credential: Credential | None = None,
        sponsors: list[Organization] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sponsors = {org.pk: org for org in sponsors or []}
        if credential_kind:
            field = self.fields["credential_number"]
            field.label = _("%(kind)s: registration number") % {"kind": CredentialKind(credential_kind).label}
            if credential is None:
                field.required = True
                field.help_text = _("Program staff check it in the public register before your seat is confirmed.")
            else:
                field.help_text = _(
                    "We have yours (ending in %(end)s, %(status)s). Leave this empty to keep it, or enter a new number."
                ) % {"end": credential.number[-3:], "status": credential.get_status_display()}
        else:
            del self.fields["credential_number"]
        if self.sponsors:
            sponsor = self.fields["sponsor"]
            sponsor.choices = [("", _("I pay myself")), *[(pk, org.name) for pk, org in self.sponsors.items()]]  # type: ignore[attr-defined]
        else:
            del self.fields["sponsor"]

    def chosen_sponsor(self) -> Organization | None:
        pk = self.cleaned_data.get("sponsor")
        return self.sponsors.get(pk) if pk else None

    def answers(self) -> dict[str, str]:
        notes = self.cleaned_data.get("notes", "")
        return {"notes": notes} if notes else {}


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    idempotency_key = IdempotencyField()


class OfferForm(forms.Form):
    choice = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])


class CardForm(forms.Form):
    card_number = forms.CharField(
        label=_("Card number"),
        max_length=30,
        help_text=_("Test cards only: 4242 4242 4242 4242 is accepted, 4000 0000 0000 0002 is declined."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *RegistrationStatus.choices], required=False
    )

    def status_value(self) -> str:
        self.is_valid()
        return str(getattr(self, "cleaned_data", {}).get("status", "") or "")


class OfflinePaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (CAD)"), max_digits=12, decimal_places=2, min_value=Decimal("0.01"), localize=False
    )
    method = forms.ChoiceField(label=_("Method"), choices=OFFLINE_METHOD_CHOICES)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        required=False,
        help_text=_("Cheque number, e-transfer reference or purchase order number."),
    )
    idempotency_key = IdempotencyField()


class InvoiceForm(forms.Form):
    sponsor = forms.TypedChoiceField(label=_("Board that pays"), coerce=int)
    registrations = forms.TypedMultipleChoiceField(
        label=_("Candidates on the invoice"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    purchase_order = forms.CharField(label=_("Purchase order number"), max_length=60, required=False)

    def __init__(
        self, *args: Any, sponsors: list[Organization], registrations: list[Registration], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sponsor_map = {org.pk: org for org in sponsors}
        self.registration_map = {r.pk: r for r in registrations}
        self.fields["sponsor"].choices = [(org.pk, org.name) for org in sponsors]  # type: ignore[attr-defined]
        self.fields["registrations"].choices = [  # type: ignore[attr-defined]
            (r.pk, f"{r.person.full_name} ({r.sponsor or _('no sponsor yet')})") for r in registrations
        ]


class ReferenceForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
