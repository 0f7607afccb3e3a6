"""Mentoring relationships. A pairing program publishes them; the partnerships issue builds their life
(agreement, meetings, notes, goals, surveys) on this model."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class PartnershipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for both to accept")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED = "ended", _("Ended early")
    DECLINED = "declined", _("Declined")


# A partnership in one of these holds a place in the mentor's capacity and the mentee's pairing.
LIVE_STATUSES = (PartnershipStatus.PROPOSED, PartnershipStatus.ACTIVE)


class Response(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class PartnershipKind(models.TextChoices):
    PAIRING = "pairing", _("Pairing program")
    WEB = "web", _("Mentoring web")
    PEER = "peer", _("Peer connection (reciprocal)")
    PRACTICUM = "practicum", _("Course practicum")


class Health(models.TextChoices):
    UNKNOWN = "unknown", _("Not yet known")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    INACTIVE = "inactive", _("Inactive")


class Partnership(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=PartnershipKind.choices, default=PartnershipKind.PAIRING)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="partnerships"
    )
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="partnerships")
    offering = models.ForeignKey(
        "programs.Offering", null=True, blank=True, on_delete=models.PROTECT, related_name="partnerships"
    )
    mentor = models.ForeignKey("accounts.Person", on_delete=models.PROTECT, related_name="partnerships_as_mentor")
    mentee = models.ForeignKey("accounts.Person", on_delete=models.PROTECT, related_name="partnerships_as_mentee")
    mentor_registration = models.ForeignKey(
        "registrations.Registration", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mentee_registration = models.ForeignKey(
        "registrations.Registration", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposal = models.OneToOneField(
        "matching.Proposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="partnership"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PartnershipStatus.choices, default=PartnershipStatus.PROPOSED
    )
    mentor_response = models.CharField(max_length=8, choices=Response.choices, default=Response.PENDING)
    mentee_response = models.CharField(max_length=8, choices=Response.choices, default=Response.PENDING)
    mentor_responded_at = models.DateTimeField(null=True, blank=True)
    mentee_responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    ended_reason = models.CharField(_("reason for ending"), max_length=500, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Why they connected (mentoring web requests) — shared by both.
    purpose = models.CharField(_("purpose"), max_length=500, blank=True)
    # Mentoring webs: the area the connection is about, and the offer whose place the mentor gave
    # (given back when the connection ends or completes).
    area = models.CharField(_("area"), max_length=100, blank=True)
    mentor_offer = models.ForeignKey(
        "webs.MentorOffer", null=True, blank=True, on_delete=models.PROTECT, related_name="partnerships"
    )
    # A course candidate's practicum: its logged hours count towards this course registration.
    course_registration = models.ForeignKey(
        "registrations.Registration", null=True, blank=True, on_delete=models.PROTECT, related_name="practicums"
    )
    # Kept up to date by partnerships.health (on every meeting logged and by the daily job).
    health = models.CharField(_("health"), max_length=16, choices=Health.choices, default=Health.UNKNOWN)
    last_meeting_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            # One live pairing per mentee registration (a declined one returns the mentee to the pool).
            models.UniqueConstraint(
                fields=["mentee_registration"],
                condition=Q(status__in=LIVE_STATUSES) & Q(mentee_registration__isnull=False),
                name="partnership_one_live_per_mentee_registration",
            ),
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="partnership_not_self"),
            models.CheckConstraint(condition=Q(status__in=PartnershipStatus.values), name="partnership_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=PartnershipKind.values), name="partnership_kind_valid"),
            models.CheckConstraint(condition=Q(health__in=Health.values), name="partnership_health_valid"),
            models.CheckConstraint(
                condition=~Q(status=PartnershipStatus.ACTIVE)
                | (Q(mentor_response=Response.ACCEPTED) & Q(mentee_response=Response.ACCEPTED)),
                name="partnership_active_needs_both_accepts",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["mentee", "status"]),
            models.Index(fields=["program", "status", "starts_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"


class MeetingMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Face to face")
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")


class AgreementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for the other person")
    AGREED = "agreed", _("Agreed by both")
    SUPERSEDED = "superseded", _("Replaced by a later version")


class Agreement(models.Model):
    """One version of how a pair will communicate and meet. A change is a new version; both
    acknowledge it (and confidentiality) before it is agreed. Earlier versions stay as history."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.PROPOSED)
    informal_channels = models.JSONField(_("informal contact (for immediate response)"), default=list, blank=True)
    informal_notes = models.TextField(_("how we reach each other informally"), max_length=2000, blank=True)
    formal_planning = models.TextField(_("how we plan formally (growth focus)"), max_length=4000, blank=True)
    meeting_every_days = models.PositiveSmallIntegerField(_("we meet every (days)"), default=14)
    meeting_modes = models.JSONField(_("how we meet"), default=list, blank=True)
    hours_per_month = models.DecimalField(_("hours a month"), max_digits=5, decimal_places=2, null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    # Each person's acknowledgement of this version and of confidentiality.
    mentor_acknowledged_at = models.DateTimeField(null=True, blank=True)
    mentee_acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["partnership", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "version"], name="agreement_version_unique"),
            models.UniqueConstraint(
                fields=["partnership"], condition=Q(status="proposed"), name="agreement_one_open_proposal"
            ),
            models.CheckConstraint(condition=Q(status__in=AgreementStatus.values), name="agreement_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="agreed")
                | (Q(mentor_acknowledged_at__isnull=False) & Q(mentee_acknowledged_at__isnull=False)),
                name="agreement_agreed_needs_both",
            ),
        ]

    def __str__(self) -> str:
        return f"Agreement v{self.version} of {self.partnership_id}"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """A meeting of the pair. Shared notes and topics are for the two of them; staff see only the
    metadata (date, mode, duration)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("when"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    mode = models.CharField(_("how"), max_length=16, choices=MeetingMode.choices, default=MeetingMode.FACE_TO_FACE)
    location = models.CharField(_("where or link"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    agenda = models.TextField(_("agenda"), max_length=4000, blank=True)
    shared_notes = models.TextField(_("shared notes"), max_length=20000, blank=True)
    next_plan = models.TextField(_("plan for next time"), max_length=4000, blank=True)
    # iCalendar SEQUENCE: raised at every change so calendar clients replace the invitation.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership", "-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gte=1), name="meeting_duration_positive"),
            models.CheckConstraint(condition=Q(mode__in=MeetingMode.values), name="meeting_mode_valid"),
            models.CheckConstraint(condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"),
        ]
        indexes = [models.Index(fields=["partnership", "status", "starts_at"])]

    def __str__(self) -> str:
        return f"Meeting {self.starts_at:%Y-%m-%d} of {self.partnership_id}"


class PrivateNote(models.Model):
    """A note only its author can ever read. The text is stored encrypted (partnerships.crypto,
    authenticated encryption with FIELD_ENCRYPTION_KEYS, not SECRET_KEY); this model has no
    plaintext field, so no admin, export, serializer or history table can show it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="private_notes")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="private_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="private_notes")
    ciphertext = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership", "-created_at"]
        indexes = [models.Index(fields=["author", "partnership"])]

    def __str__(self) -> str:
        return f"Private note {self.pk}"


class GoalStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Set aside")


class Goal(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("what it means"), max_length=4000, blank=True)
    success_indicators = models.TextField(_("success indicators"), max_length=4000, blank=True)
    next_steps = models.TextField(_("next steps"), max_length=4000, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    set_at_meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership", "status", "due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="goal_progress_max"),
            models.CheckConstraint(condition=Q(status__in=GoalStatus.values), name="goal_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class ReminderKind(models.TextChoices):
    NO_CONTACT = "no_contact", _("No contact for a while")
    LOW_HOURS = "low_hours", _("Below the monthly hours")
    SURVEY_DUE = "survey_due", _("A survey is due")
    MEETING_SOON = "meeting_soon", _("A meeting is coming up")


class Reminder(models.Model):
    """A gentle reminder sent to one person about one partnership, once per due date: the unique
    row is written before the e-mail is queued, so running the job twice sends once."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey("accounts.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "person", "kind", "due_on"], name="reminder_once_per_due_date"
            ),
            models.CheckConstraint(condition=Q(kind__in=ReminderKind.values), name="reminder_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for {self.partnership_id} due {self.due_on}"


class SurveyKind(models.TextChoices):
    CHECKIN = "checkin", _("Check-in")
    CLOSING = "closing", _("Closing survey")


class Survey(models.Model):
    """A program's survey: its questions as JSON [{"key", "label", "kind": scale|text|choice, "options"}]."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(_("kind"), max_length=16, choices=SurveyKind.choices)
    title = models.CharField(_("title"), max_length=200)
    questions = models.JSONField(_("questions"), default=list)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["program", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "kind"], condition=Q(is_active=True), name="survey_one_active_per_kind"
            ),
            models.CheckConstraint(condition=Q(kind__in=SurveyKind.values), name="survey_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class SurveyRequest(models.Model):
    """A survey due from one person of a partnership on a date; answered once."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="requests")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="survey_requests")
    person = models.ForeignKey("accounts.Person", on_delete=models.CASCADE, related_name="survey_requests")
    due_on = models.DateField()
    answers = models.JSONField(default=dict, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # A quote offered for publication (like the seed's testimonials), only with consent.
    quote = models.TextField(_("a quote we may publish"), max_length=1000, blank=True)
    quote_consent = models.BooleanField(_("I agree that this quote may be published without my name"), default=False)

    class Meta:
        ordering = ["partnership", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "partnership", "person", "due_on"], name="survey_request_unique"),
            models.CheckConstraint(condition=Q(quote="") | Q(quote_consent=True), name="survey_quote_needs_consent"),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} for {self.person_id} due {self.due_on}"


class PayableKind(models.TextChoices):
    HONORARIUM = "honorarium", _("Mentor honorarium")
    COST_SHARE = "cost_share", _("Share of the mentor's costs")


class PayableStatus(models.TextChoices):
    DUE = "due", _("Due")
    INVOICED = "invoiced", _("Invoiced")
    PAID = "paid", _("Paid")
    VOID = "void", _("Void")


class CostInvoice(models.Model):
    """An invoice from the program's organization to a board (or an individual) for cost shares."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    board = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="cost_invoices"
    )
    person = models.ForeignKey("accounts.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="cost_invoices")
    year = models.PositiveSmallIntegerField()
    number = models.CharField(max_length=40, unique=True)
    issued_on = models.DateField()
    total = models.DecimalField(max_digits=12, decimal_places=2)
    status = models.CharField(max_length=16, choices=PayableStatus.choices, default=PayableStatus.INVOICED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-issued_on", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(board__isnull=False) | Q(person__isnull=False), name="cost_invoice_has_payer"
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="cost_invoice_total_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number


class Payable(models.Model):
    """Money owed for a partnership: the mentor's honorarium (paid to the mentor), or a share of the
    mentor's costs (owed by a board or the mentee). One row per kind and year."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="payables")
    kind = models.CharField(max_length=16, choices=PayableKind.choices)
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    payee = models.ForeignKey("accounts.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    payer_board = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payer_person = models.ForeignKey(
        "accounts.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=16, choices=PayableStatus.choices, default=PayableStatus.DUE)
    invoice = models.ForeignKey(CostInvoice, null=True, blank=True, on_delete=models.PROTECT, related_name="lines")
    paid_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partnership", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "kind", "year"], name="payable_once_per_year"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payable_amount_positive"),
            models.CheckConstraint(condition=Q(kind__in=PayableKind.values), name="payable_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=PayableStatus.values), name="payable_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year} {self.amount}"
