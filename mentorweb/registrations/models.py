"""People in offerings, and the money, attendance and progress that follow.

Balances are never stored: what a registration owes is its fee minus its succeeded payments
plus its succeeded refunds, computed from the rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class RegistrationRole(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class RegistrationStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Registered, awaiting payment")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    OFFERED = "offered", _("Seat offered from the waitlist")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")
    # Applications to a pairing program (role mentor or mentee)
    SUBMITTED = "submitted", _("Application submitted")
    INFO_REQUESTED = "info_requested", _("More information requested")
    ACCEPTED = "accepted", _("Application accepted")
    DECLINED = "declined", _("Application declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Statuses of an application still being considered or accepted into the pool.
APPLICATION_OPEN = (RegistrationStatus.SUBMITTED, RegistrationStatus.INFO_REQUESTED)
# Statuses after which a person may apply to the same offering again.
ENDED_STATUSES = (RegistrationStatus.CANCELLED, RegistrationStatus.WITHDRAWN)


class DeclineReason(models.TextChoices):
    """Why staff declined an application; the message to the applicant says the rest."""

    NOT_ELIGIBLE = "not_eligible", _("Does not meet the program's eligibility rules")
    PROGRAM_FULL = "program_full", _("The program is full this year")
    INCOMPLETE = "incomplete", _("The application is incomplete")
    NO_SUITABLE_MATCH = "no_suitable_match", _("No suitable partner in this year's pool")
    TIMING = "timing", _("Better suited to a later offering")
    OTHER = "other", _("Another reason (see the message)")


# Statuses in which the registration holds one of the offering's seats.
SEAT_HOLDING = (
    RegistrationStatus.PENDING_PAYMENT,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.COMPLETED,
)


class Invoice(models.Model):
    """A board's purchase order or invoice covering one or several candidates' fees."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PAID = "paid", _("Paid")
        VOID = "void", _("Void")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="invoices_issued"
    )
    sponsor = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="invoices_received",
        verbose_name=_("sponsor"),
    )
    number = models.CharField(_("invoice number"), max_length=40, unique=True)
    purchase_order = models.CharField(_("purchase order number"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    issued_on = models.DateField(_("issued"))
    due_on = models.DateField(_("due"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-issued_on", "number"]

    def __str__(self) -> str:
        return self.number


class Registration(models.Model):
    offering = models.ForeignKey("programs.Offering", on_delete=models.PROTECT, related_name="registrations")
    person = models.ForeignKey("accounts.Person", on_delete=models.PROTECT, related_name="registrations")
    role = models.CharField(
        _("role"), max_length=16, choices=RegistrationRole.choices, default=RegistrationRole.CANDIDATE
    )
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    answers = models.JSONField(_("application answers"), default=dict, blank=True)
    credential = models.ForeignKey(
        "accounts.Credential", null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    sponsor = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sponsored_registrations",
        verbose_name=_("sponsoring board"),
    )
    invoice = models.ForeignKey(Invoice, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations")
    # Position in the offering's waitlist while waitlisted; the smallest is offered the next seat.
    waitlist_position = models.PositiveIntegerField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancellation_reason = models.CharField(_("reason"), max_length=200, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Private calendar subscription link; rotating it invalidates the old one.
    calendar_token = models.CharField(max_length=43, unique=True, null=True, blank=True)
    # --- Pairing applications ---
    # The board or district the person works (or worked) in: same/different-board preference,
    # board input and per-board reports read it.
    board = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="board_registrations",
        verbose_name=_("board or district"),
    )
    # A mentor's capacity (how many mentees) and how many live partnerships hold it; the
    # counter changes only by conditional UPDATEs, so a mentor is never over capacity.
    capacity = models.PositiveSmallIntegerField(_("mentees I can take"), null=True, blank=True)
    partnerships_taken = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.CharField(_("reason"), max_length=24, choices=DeclineReason.choices, blank=True)
    # Staff's message with a decision or a request for more information, shown to the applicant.
    staff_message = models.TextField(_("message to the applicant"), max_length=4000, blank=True)

    class Meta:
        ordering = ["offering", "registered_at"]
        constraints = [
            # One live registration per person and offering: cancelled and withdrawn ones stay as history.
            models.UniqueConstraint(
                fields=["offering", "person"],
                condition=~Q(status__in=ENDED_STATUSES),
                name="registration_one_live_per_person",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(partnerships_taken__lte=F("capacity")),
                name="registration_mentor_never_over_capacity",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=False) | Q(partnerships_taken=0),
                name="registration_partnerships_need_capacity",
            ),
            models.UniqueConstraint(
                fields=["offering", "waitlist_position"],
                condition=Q(waitlist_position__isnull=False),
                name="registration_waitlist_position_unique",
            ),
            models.CheckConstraint(condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"),
            models.CheckConstraint(condition=Q(role__in=RegistrationRole.values), name="registration_role_valid"),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.WAITLISTED) | Q(waitlist_position__isnull=False),
                name="registration_waitlisted_has_position",
            ),
        ]
        indexes = [models.Index(fields=["offering", "status"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.offering}"


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card (online)")
    CHEQUE = "cheque", _("Cheque")
    E_TRANSFER = "e_transfer", _("Interac e-Transfer")
    INVOICE = "invoice", _("Board purchase order or invoice")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class Payment(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="payments")
    invoice = models.ForeignKey(Invoice, null=True, blank=True, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    method = models.CharField(_("method"), max_length=16, choices=PaymentMethod.choices)
    status = models.CharField(_("status"), max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    provider = models.CharField(max_length=40, blank=True)
    provider_reference = models.CharField(max_length=100, null=True, blank=True, unique=True)
    # The same key twice is the same payment: a retried request or webhook records nothing new.
    idempotency_key = models.CharField(max_length=100, unique=True)
    reference = models.CharField(_("reference (cheque or transfer number)"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)
    failure_reason = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["registration", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=PaymentStatus.values), name="payment_status_valid"),
            models.CheckConstraint(condition=Q(method__in=PaymentMethod.values), name="payment_method_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.get_method_display()} ({self.status})"


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Failed")


class Refund(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=16, choices=RefundStatus.choices, default=RefundStatus.PENDING)
    reason = models.CharField(_("reason"), max_length=200)
    idempotency_key = models.CharField(max_length=100, unique=True)
    provider_reference = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["registration", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=RefundStatus.values), name="refund_status_valid"),
        ]

    def __str__(self) -> str:
        return f"refund {self.amount} ({self.status})"


class Receipt(models.Model):
    """A yearly tax receipt: fees paid net of refunds in that calendar year."""

    person = models.ForeignKey("accounts.Person", on_delete=models.PROTECT, related_name="receipts")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="receipts")
    year = models.PositiveSmallIntegerField(_("tax year"))
    number = models.CharField(_("receipt number"), max_length=40, unique=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["person", "organization", "year"], name="receipt_one_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="receipt_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number


class Attendance(models.Model):
    session = models.ForeignKey("programs.Session", on_delete=models.CASCADE, related_name="attendance")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "registration"], name="attendance_once_per_session")]

    def __str__(self) -> str:
        return f"{self.registration} at {self.session}: {'present' if self.present else 'absent'}"


class CompletionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Complete")


class ModuleCompletion(models.Model):
    """A module of a course for one candidate: submitted work and the facilitator's decision."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="completions")
    module = models.ForeignKey("programs.CourseModule", on_delete=models.PROTECT, related_name="completions")
    status = models.CharField(_("status"), max_length=16, choices=CompletionStatus.choices)
    submission = models.TextField(_("assignment or personalized project"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(_("facilitator's feedback"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "module"], name="completion_once_per_module"),
            models.CheckConstraint(condition=Q(status__in=CompletionStatus.values), name="completion_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.registration} {self.module}: {self.status}"


# --- Pairing applications: preferences, board input and conflicts of interest ----------------


class MentorPreference(models.Model):
    """A mentee's ranking of a mentor from the eligible pool; rank 1 is the most preferred."""

    mentee = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="mentor_preferences")
    mentor = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="ranked_by")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        ordering = ["mentee", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["mentee", "rank"], name="preference_rank_unique"),
            models.UniqueConstraint(fields=["mentee", "mentor"], name="preference_mentor_unique"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="preference_rank_positive"),
            models.CheckConstraint(condition=~Q(mentee=F("mentor")), name="preference_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} ranks {self.mentor_id} #{self.rank}"


class BoardInput(models.Model):
    """A board's view of one mentor for its people in an offering; "not acceptable" is a veto."""

    offering = models.ForeignKey("programs.Offering", on_delete=models.CASCADE, related_name="board_inputs")
    board = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="board_inputs")
    mentor = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="board_inputs")
    acceptable = models.BooleanField(_("acceptable for our people"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["offering", "board", "mentor"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "board", "mentor"], name="board_input_unique"),
            models.CheckConstraint(condition=Q(acceptable=True) | ~Q(reason=""), name="board_veto_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.board_id} on {self.mentor_id}: {'yes' if self.acceptable else 'no'}"


class ConflictKind(models.TextChoices):
    SUPERVISES = "supervises", _("The mentor supervises the mentee")
    EVALUATES = "evaluates", _("The mentor evaluates the mentee")
    REPORTING_LINE = "reporting_line", _("The mentor is in the mentee's reporting line")


class Conflict(models.Model):
    """A conflict of interest that forbids a pair, declared by the mentee, the mentor, the board or staff."""

    mentee = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="conflicts_as_mentee")
    mentor = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="conflicts_as_mentor")
    kind = models.CharField(_("conflict"), max_length=16, choices=ConflictKind.choices)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mentee", "mentor"]
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor", "kind"], name="conflict_unique"),
            models.CheckConstraint(condition=Q(kind__in=ConflictKind.values), name="conflict_kind_valid"),
            models.CheckConstraint(condition=~Q(mentee=F("mentor")), name="conflict_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} {self.kind} {self.mentee_id}"
