"""Forms of the staff set-up pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import CredentialKind
from mentorweb.organizations.models import Organization, OrganizationKind
from mentorweb.programs.models import (
    CourseModule,
    DeliveryMode,
    Offering,
    OfferingStatus,
    Program,
    ProgramKind,
    Session,
    SessionKind,
)
from mentorweb.programs.policies import MAX_DAYS
from mentorweb.programs.schedule import SETTABLE_STATUSES
from mentorweb.programs.services import MAX_MEETING_TOPIC_LENGTH, MAX_MEETING_TOPICS
from mentorweb.programs.times import local

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _money(label: Any, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=8, decimal_places=2, min_value=0, **kwargs)


def _hours(label: Any) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=6, decimal_places=2, min_value=0, max_value=1000, initial=0)


def _days(label: Any, help_text: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=365, help_text=help_text)


# What a mentoring web does not have: no fee, no admission, no offerings whose materials open and
# close, no catalogue seats to confirm. Its edit page leaves them out (a new program's kind is not
# known before the form is sent, so the new-program page shows them all).
NOT_FOR_WEBS = (
    "required_credential_kind",
    "admission_requirements",
    "fee",
    "non_refundable_fee",
    "full_payment_confirms",
    "minimum_enrolment",
    "partnership_note",
    "access_opens_days_before",
    "access_closes_days_after",
)


class ProgramForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(
        label=_("Short name"), max_length=40, required=False, help_text=_("Shown in lists, e.g. MQP.")
    )
    slug = forms.SlugField(
        label=_("Address name"),
        max_length=80,
        required=False,
        help_text=_("Used in the catalogue's web address. Left empty, it is made from the name."),
    )
    kind = forms.ChoiceField(label=_("Kind of program"), choices=ProgramKind.choices, initial=ProgramKind.COURSE)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    learning_components = forms.CharField(
        label=_("Key learning components"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("One a line."),
    )
    required_credential_kind = forms.ChoiceField(
        label=_("Credential required for admission"),
        choices=[("", _("None")), *CredentialKind.choices],
        required=False,
        help_text=_("Staff verify it is in good standing before the seat is confirmed."),
    )
    admission_requirements = forms.CharField(
        label=_("Admission requirements"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    fee = _money(_("Fee (CAD)"), initial=0)
    non_refundable_fee = _money(
        _("Non-refundable part of the fee (CAD)"),
        initial=0,
        help_text=_("Included in the fee, e.g. a registration fee."),
    )
    full_payment_confirms = forms.BooleanField(
        label=_("Full payment confirms the registration"), required=False, initial=True
    )
    minimum_enrolment = forms.IntegerField(
        label=_("Minimum enrolment"),
        min_value=0,
        max_value=100_000,
        initial=0,
        help_text=_("Below this, an offering may be cancelled and everyone refunded in full."),
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    partnership_note = forms.CharField(
        label=_("Board partnerships"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("How a school board can offer the program locally, and whom to write to."),
    )
    access_opens_days_before = _days(_("Materials open (days before the start)"), _("The seed program uses 7."))
    access_closes_days_after = _days(_("Materials close (days after the end)"), _("The seed program uses 14."))
    # Every kind shows every field (a course's practicum has meetings too); the hint says when it matters.
    # Not stripped: a blank first line still counts, so that an error's line number is the one typed.
    meeting_topics = forms.CharField(
        label=_("Standard meeting topics"), widget=forms.Textarea(attrs={"rows": 8}), required=False, strip=False
    )
    is_published = forms.BooleanField(label=_("Published in the catalogue"), required=False)

    def __init__(self, *args: Any, program: Program | None = None, **kwargs: Any) -> None:
        if program is not None:
            kwargs.setdefault("initial", {})
            kwargs["initial"] = {**program_initial(program), **kwargs["initial"]}
        else:
            kwargs.setdefault("initial", {"access_opens_days_before": 7, "access_closes_days_after": 14})
        super().__init__(*args, **kwargs)
        if program is not None and program.kind == ProgramKind.WEB:
            for name in NOT_FOR_WEBS:
                del self.fields[name]
        self.fields["meeting_topics"].help_text = _(
            "For pairing programs, mentoring webs and course practicums: the topics offered as checkboxes "
            "when a meeting is logged. One a line, at most %(count)s topics of at most %(length)s characters; "
            "a repeated topic is kept once."
        ) % {"count": MAX_MEETING_TOPICS, "length": MAX_MEETING_TOPIC_LENGTH}

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["learning_components"] = data["learning_components"].splitlines()
        # Every line, blank ones included, so that the service's errors name the line as typed.
        data["meeting_topics"] = data["meeting_topics"].splitlines()
        if not data["slug"]:
            data.pop("slug")
        return data


def program_initial(program: Program) -> dict[str, Any]:
    initial = {name: getattr(program, name) for name in ProgramForm.base_fields}
    initial["learning_components"] = "\n".join(program.learning_components or [])
    initial["meeting_topics"] = "\n".join(str(topic) for topic in program.meeting_topics or [])
    return initial


class ModuleForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=99)
    title = forms.CharField(label=_("Title"), max_length=200)
    components = forms.CharField(
        label=_("Learning components"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("One a line."),
    )
    synchronous_hours = _hours(_("Synchronous hours"))
    asynchronous_hours = _hours(_("Asynchronous hours"))

    @classmethod
    def for_module(cls, module: CourseModule, data: Any = None) -> ModuleForm:
        initial = {name: getattr(module, name) for name in cls.base_fields}
        initial["components"] = "\n".join(module.components or [])
        return cls(data, initial=initial)

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["components"] = data["components"].splitlines()
        return data


class TierForm(forms.Form):
    # No hints here: the editor is a table, and its column headings and introduction explain the columns.

    min_days_before = forms.IntegerField(
        label=_("From (days before the start)"),
        required=False,
        min_value=-MAX_DAYS,
        max_value=MAX_DAYS,
    )
    max_days_before = forms.IntegerField(
        label=_("Until (days before the start)"),
        required=False,
        min_value=-MAX_DAYS,
        max_value=MAX_DAYS,
    )
    amount = _money(_("Refund (CAD)"))
    label = forms.CharField(label=_("Wording in the catalogue (optional)"), max_length=120, required=False)


class BaseTierFormSet(forms.BaseFormSet):
    def service_data(self) -> tuple[list[dict[str, Any]], list[int]]:
        """The tiers kept, in order, and the index of the form each came from."""
        tiers, indexes = [], []
        for index, form in enumerate(self.forms):
            if form.cleaned_data.get("DELETE"):
                continue
            if index >= self.initial_form_count() and not form.has_changed():
                continue  # an added row left blank
            tiers.append({name: form.cleaned_data.get(name) for name in TierForm.base_fields})
            indexes.append(index)
        return tiers, indexes


TierFormSet = forms.formset_factory(
    TierForm, formset=BaseTierFormSet, extra=0, can_delete=True, max_num=20, validate_max=True, absolute_max=40
)


def _boards(exclude: Organization) -> Any:
    return Organization.objects.filter(kind=OrganizationKind.BOARD).exclude(pk=exclude.pk).order_by("name")


class OfferingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("e.g. Winter 2027 - Online"))
    slug = forms.SlugField(label=_("Address name"), max_length=80, help_text=_("e.g. winter-2027-online"))
    delivery_mode = forms.ChoiceField(label=_("Delivery"), choices=DeliveryMode.choices)
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(
        label=_("End date"), widget=DATE, help_text=_("The last day of the offering, e.g. the last module's deadline.")
    )
    registration_opens = forms.DateField(
        label=_("Registration opens"), widget=DATE, required=False, help_text=_("Empty: open as soon as published.")
    )
    registration_deadline = forms.DateField(
        label=_("Registration deadline"), widget=DATE, help_text=_("The last day registration is accepted.")
    )
    capacity = forms.IntegerField(label=_("Capacity (seats)"), min_value=1, max_value=100_000)
    partner_board = forms.ModelChoiceField(
        label=_("Partner board"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("None: open to everyone"),
        help_text=_("For an offering customized for one school board."),
    )
    customization_notes = forms.CharField(
        label=_("Local customization"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    video_meeting_url = forms.URLField(
        label=_("Video-meeting link"),
        required=False,
        assume_scheme="https",
        help_text=_("Used by every session without its own link."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(value, label) for value, label in OfferingStatus.choices if value in SETTABLE_STATUSES],
        initial=OfferingStatus.DRAFT,
        help_text=_("Drafts are not in the catalogue."),
    )

    def __init__(self, *args: Any, program: Program, offering: Offering | None = None, **kwargs: Any) -> None:
        if offering is not None:
            kwargs.setdefault("initial", {name: getattr(offering, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        boards = self.fields["partner_board"]
        assert isinstance(boards, forms.ModelChoiceField)
        boards.queryset = _boards(program.organization)
        if offering is not None and offering.status not in SETTABLE_STATUSES:
            # A cancelled offering keeps its status; the service refuses any change to it.
            self.fields["status"].choices = [(offering.status, offering.get_status_display())]  # type: ignore[attr-defined]


def _module_field(program: Program) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Module"), queryset=program.modules.order_by("number"), required=False, empty_label=_("No module")
    )


class SessionForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=CourseModule.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices, initial=SessionKind.CLASS_DAY)
    title = forms.CharField(label=_("Title (optional)"), max_length=200, required=False)
    date = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("Starts"), widget=TIME)
    end_time = forms.TimeField(label=_("Ends"), widget=TIME)
    video_meeting_url = forms.URLField(
        label=_("Video-meeting link"),
        required=False,
        assume_scheme="https",
        help_text=_("Empty: the offering's link."),
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)

    def __init__(self, *args: Any, offering: Offering, session: Session | None = None, **kwargs: Any) -> None:
        zone = offering.program.organization.time_zone
        if session is not None:
            start, end = local(session.starts_at, zone), local(session.ends_at, zone)
            kwargs.setdefault(
                "initial",
                {
                    "module": session.module_id,
                    "kind": session.kind,
                    "title": session.title,
                    "date": start.date(),
                    "start_time": start.time(),
                    "end_time": end.time(),
                    "video_meeting_url": session.video_meeting_url,
                    "location": session.location,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["module"] = _module_field(offering.program)
        if offering.program.kind == ProgramKind.PAIRING:
            # A pairing program's events (welcome webinar, training days, closure day) belong to no module.
            del self.fields["module"]
            kind = self.fields["kind"]
            assert isinstance(kind, forms.ChoiceField)
            kind.choices = [(value, label) for value, label in SessionKind.choices if value != SessionKind.CLASS_DAY]
            kind.initial = SessionKind.WEBINAR
        for name in ("start_time", "end_time"):
            self.fields[name].help_text = _("In the %(zone)s time zone.") % {"zone": zone}


class DeadlineForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=CourseModule.objects.none(), required=False)
    title = forms.CharField(label=_("What is due"), max_length=200, help_text=_("e.g. Module 4 complete"))
    due_on = forms.DateField(label=_("Due on"), widget=DATE)

    def __init__(self, *args: Any, offering: Offering, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"] = _module_field(offering.program)


class OfferingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *OfferingStatus.choices], required=False
    )

    def status_value(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""
