"""Programs and their runs: what an organization offers, on what terms, and when it happens."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import CredentialKind


class ProgramKind(models.TextChoices):
    COURSE = "course", _("Qualification course")
    PAIRING = "pairing", _("One-to-one pairing program")
    WEB = "web", _("Mentoring web")


class Program(models.Model):
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="programs")
    kind = models.CharField(_("kind"), max_length=16, choices=ProgramKind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("address name"), max_length=80)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    learning_components = models.JSONField(_("key learning components"), default=list, blank=True)
    # Admission: a credential of this kind, verified in good standing, before a seat is confirmed.
    required_credential_kind = models.CharField(
        _("required credential"), max_length=16, choices=CredentialKind.choices, blank=True
    )
    admission_requirements = models.TextField(_("admission requirements"), blank=True)
    fee = models.DecimalField(_("fee"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    non_refundable_fee = models.DecimalField(
        _("non-refundable part of the fee"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    full_payment_confirms = models.BooleanField(_("full payment confirms the registration"), default=True)
    minimum_enrolment = models.PositiveIntegerField(_("minimum enrolment"), default=0)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    # Shown in the catalogue: how a school board can run the program locally, and whom to ask.
    partnership_note = models.TextField(_("board partnerships"), blank=True)
    # Access to materials opens this many days before the start and closes this many after the end.
    access_opens_days_before = models.PositiveSmallIntegerField(_("materials open (days before start)"), default=7)
    access_closes_days_after = models.PositiveSmallIntegerField(_("materials close (days after end)"), default=14)
    is_published = models.BooleanField(_("published in the catalogue"), default=False)
    # Partnerships of the program (pairing, web, or a course's practicum): the standard meeting
    # topics offered as a checklist, and when the check-in surveys fall due.
    meeting_topics = models.JSONField(_("standard meeting topics"), default=list, blank=True)
    checkin_first_days = models.PositiveSmallIntegerField(_("first check-in survey (days after the start)"), default=30)
    checkin_every_days = models.PositiveSmallIntegerField(_("then a check-in every (days)"), default=60)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="program_slug_unique"),
            models.CheckConstraint(condition=Q(kind__in=ProgramKind.values), name="program_kind_valid"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="program_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(non_refundable_fee__gte=0) & Q(non_refundable_fee__lte=F("fee")),
                name="program_non_refundable_within_fee",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def refundable_amount(self) -> Decimal:
        return self.fee - self.non_refundable_fee


class CourseModule(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="modules")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    components = models.JSONField(_("learning components"), default=list, blank=True)
    synchronous_hours = models.DecimalField(
        _("synchronous hours"), max_digits=6, decimal_places=2, default=Decimal("0")
    )
    asynchronous_hours = models.DecimalField(
        _("asynchronous hours"), max_digits=6, decimal_places=2, default=Decimal("0")
    )

    class Meta:
        ordering = ["program", "number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="module_number_unique"),
            models.CheckConstraint(
                condition=Q(synchronous_hours__gte=0) & Q(asynchronous_hours__gte=0), name="module_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"Module {self.number} – {self.title}"

    @property
    def total_hours(self) -> Decimal:
        return self.synchronous_hours + self.asynchronous_hours


class RefundTier(models.Model):
    """One row of a refund table: a cancellation made in [min_days_before, max_days_before) days
    before the start refunds `amount`. A null bound is open-ended; negative days are after the start.

    The tiers of a program must cover every day exactly once (see programs.policies).
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="refund_tiers")
    min_days_before = models.IntegerField(_("from (days before start)"), null=True, blank=True)
    max_days_before = models.IntegerField(_("until (days before start, exclusive)"), null=True, blank=True)
    amount = models.DecimalField(_("refund"), max_digits=12, decimal_places=2)
    label = models.CharField(_("label"), max_length=120, blank=True)

    class Meta:
        ordering = ["program", F("min_days_before").desc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="refund_tier_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(min_days_before__isnull=True)
                | Q(max_days_before__isnull=True)
                | Q(min_days_before__lt=F("max_days_before")),
                name="refund_tier_bounds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.label or f"{self.min_days_before}–{self.max_days_before}: {self.amount}"


class DeliveryMode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    BLENDED = "blended", _("Blended")


class OfferingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for registration")
    CLOSED = "closed", _("Registration closed")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")


class Offering(models.Model):
    """One run of a program (a course cohort, a pairing program's year)."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="offerings")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=80)
    delivery_mode = models.CharField(
        _("delivery"), max_length=16, choices=DeliveryMode.choices, default=DeliveryMode.ONLINE
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    registration_opens = models.DateField(_("registration opens"), null=True, blank=True)
    # The last day on which registration is accepted, in the organization's time zone.
    registration_deadline = models.DateField(_("registration deadline"))
    capacity = models.PositiveIntegerField(_("capacity"))
    # Seats held by registrations; changed only by conditional UPDATEs in registrations.services,
    # so the database refuses to go over capacity whatever the concurrency.
    seats_taken = models.PositiveIntegerField(default=0)
    partner_board = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner_offerings",
        verbose_name=_("partner board"),
    )
    customization_notes = models.TextField(_("local customization"), blank=True)
    video_meeting_url = models.URLField(_("video-meeting link"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=OfferingStatus.choices, default=OfferingStatus.DRAFT)
    cancelled_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    # Set when staff move the registration deadline later ("Deadline extended to October 20").
    deadline_extended_from = models.DateField(_("original deadline"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "start_date"]
        constraints = [
            models.UniqueConstraint(fields=["program", "slug"], name="offering_slug_unique"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="offering_ends_after_start"),
            models.CheckConstraint(condition=Q(seats_taken__lte=F("capacity")), name="offering_never_over_capacity"),
            models.CheckConstraint(condition=Q(status__in=OfferingStatus.values), name="offering_status_valid"),
            models.CheckConstraint(condition=Q(delivery_mode__in=DeliveryMode.values), name="offering_delivery_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.program} – {self.title}"

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    @property
    def materials_open_on(self) -> date:
        """First day of access to the materials and the learning management system."""
        return self.start_date - timedelta(days=self.program.access_opens_days_before)

    @property
    def materials_close_on(self) -> date:
        """Last day of access: after it, candidates no longer see their work."""
        return self.end_date + timedelta(days=self.program.access_closes_days_after)


class SessionKind(models.TextChoices):
    CLASS_DAY = "class_day", _("Class day")
    WEBINAR = "webinar", _("Webinar")
    TRAINING = "training", _("Training day")
    CLOSURE = "closure", _("Closure day")
    MEETING = "meeting", _("Meeting")


class Session(models.Model):
    """A scheduled synchronous event. Times are stored in UTC and shown in the organization's zone."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="sessions")
    module = models.ForeignKey(CourseModule, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=16, choices=SessionKind.choices, default=SessionKind.CLASS_DAY)
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    video_meeting_url = models.URLField(_("video-meeting link"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    # Raised at every change, so calendar clients replace the event they already have (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["offering", "starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(kind__in=SessionKind.values), name="session_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.offering} {self.starts_at:%Y-%m-%d}"

    @property
    def hours(self) -> Decimal:
        return Decimal((self.ends_at - self.starts_at).total_seconds()) / Decimal(3600)


class Deadline(models.Model):
    """An asynchronous deadline, e.g. "Module 4 complete by April 14"."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="deadlines")
    module = models.ForeignKey(CourseModule, null=True, blank=True, on_delete=models.SET_NULL, related_name="deadlines")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due"))

    class Meta:
        ordering = ["offering", "due_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on})"


# --- Pairing programs ------------------------------------------------------------------------

# The score components of the matching engine (mentorweb.matching.engine.profiles.COMPONENTS),
# in the order they are shown; a program weighs each one.
MATCH_COMPONENTS = ("needs", "portfolio", "ranking", "board", "context", "availability")
DEFAULT_WEIGHTS = {"needs": 3.0, "portfolio": 2.0, "ranking": 2.0, "board": 1.0, "context": 1.0, "availability": 2.0}

# What one side of a partnership may be shown of the other, before and after matching.
SHAREABLE_FIELDS = ("name", "position", "board", "region", "bio", "expertise", "needs", "languages", "email")
DEFAULT_SHARED_FIELDS = ["name", "position", "region", "bio", "expertise", "languages"]

# Weekly availability slots offered on application forms; the engine scores their overlap.
AVAILABILITY_SLOTS = (
    *(f"{day}-{part}" for day in ("mon", "tue", "wed", "thu", "fri") for part in ("morning", "afternoon", "evening")),
    "weekend",
)


class MatchObjective(models.TextChoices):
    PARTICIPATION = "participation", _("Match as many mentees as possible, then the best total score")
    SCORE = "score", _("The best total score, even if fewer mentees are matched")


class PairingRules(models.Model):
    """The rules of a pairing program (kind "pairing"): who may apply on each side, the commitment,
    the cap, and what matters in matching. One row per pairing program.

    Eligibility reads a person's memberships, role group and years in role. Every rule that is
    set must hold; an empty list or a null means "no rule". A mentee who declares a significant
    change of role is eligible whatever their years in role when `mentee_role_change_qualifies`.
    """

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="pairing")
    # Mentors
    mentor_membership_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mentors must be members of"),
    )
    mentor_membership_statuses = models.JSONField(_("mentor membership statuses"), default=list, blank=True)
    mentor_role_groups = models.JSONField(_("mentor role groups"), default=list, blank=True)
    mentor_min_years_in_role = models.PositiveSmallIntegerField(
        _("mentors' minimum years in role"), null=True, blank=True
    )
    # Mentees
    mentee_membership_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mentees must be members of"),
    )
    mentee_membership_statuses = models.JSONField(_("mentee membership statuses"), default=list, blank=True)
    mentee_role_groups = models.JSONField(_("mentee role groups"), default=list, blank=True)
    mentee_max_years_in_role = models.PositiveSmallIntegerField(
        _("mentees' maximum years in role"), null=True, blank=True
    )
    mentee_role_change_qualifies = models.BooleanField(
        _("a significant change of role also qualifies a mentee"), default=False
    )
    # Size and capacity
    max_partnerships = models.PositiveIntegerField(_("maximum partnerships per offering"), null=True, blank=True)
    mentor_capacity_default = models.PositiveSmallIntegerField(_("mentees per mentor (default)"), default=1)
    mentor_capacity_max = models.PositiveSmallIntegerField(_("mentees per mentor (most a mentor may offer)"), default=3)
    # Commitment
    commitment_months = models.PositiveSmallIntegerField(_("length of the commitment (months)"), default=12)
    min_hours_per_month = models.DecimalField(
        _("minimum hours a month"), max_digits=5, decimal_places=2, default=Decimal("2")
    )
    max_hours_per_month = models.DecimalField(
        _("expected hours a month, at most"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    contact_every_days = models.PositiveSmallIntegerField(_("expected contact (every so many days)"), default=7)
    commitment_text = models.TextField(_("the commitment, in words"), blank=True)
    # Applications and matching
    needs_options = models.JSONField(_("areas of need and expertise"), default=list, blank=True)
    portfolio_options = models.JSONField(_("portfolios"), default=list, blank=True)
    mentee_may_rank = models.BooleanField(_("mentees may rank preferred mentors"), default=True)
    ranking_depth = models.PositiveSmallIntegerField(_("how many mentors a mentee may rank"), default=5)
    board_input = models.BooleanField(_("boards give input on mentors"), default=False)
    objective = models.CharField(
        _("matching objective"), max_length=16, choices=MatchObjective.choices, default=MatchObjective.PARTICIPATION
    )
    weights = models.JSONField(_("weights"), default=dict, blank=True)
    shared_fields = models.JSONField(_("shown to the other person"), default=list, blank=True)
    # Costs (the partnerships issue turns them into payables and invoices)
    mentor_honorarium = models.DecimalField(
        _("mentor honorarium"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    cost_per_mentor_year = models.DecimalField(
        _("cost per mentor per year"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    cost_share_percent = models.PositiveSmallIntegerField(_("share paid by the board or the individual (%)"), default=0)

    class Meta:
        verbose_name = _("pairing rules")
        verbose_name_plural = _("pairing rules")
        constraints = [
            models.CheckConstraint(condition=Q(mentor_capacity_default__gte=1), name="pairing_capacity_default_min"),
            models.CheckConstraint(
                condition=Q(mentor_capacity_max__gte=F("mentor_capacity_default")),
                name="pairing_capacity_max_above_default",
            ),
            models.CheckConstraint(condition=Q(objective__in=MatchObjective.values), name="pairing_objective_valid"),
            models.CheckConstraint(condition=Q(cost_share_percent__lte=100), name="pairing_cost_share_percent"),
            models.CheckConstraint(
                condition=Q(mentor_honorarium__gte=0) & Q(cost_per_mentor_year__gte=0),
                name="pairing_costs_not_negative",
            ),
            models.CheckConstraint(condition=Q(min_hours_per_month__gte=0), name="pairing_hours_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.program} rules"

    def weight_map(self) -> dict[str, float]:
        """Every component's weight, the program's where set and the default elsewhere."""
        return {name: float(self.weights.get(name, DEFAULT_WEIGHTS[name])) for name in MATCH_COMPONENTS}


class ApplicationSide(models.TextChoices):
    MENTOR = "mentor", _("Mentors")
    MENTEE = "mentee", _("Mentees")
    BOTH = "both", _("Both")


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short answer")
    LONG_TEXT = "long_text", _("Paragraph")
    CHOICE = "choice", _("One choice from a list")
    MULTI_CHOICE = "multi_choice", _("Several choices from a list")
    YES_NO = "yes_no", _("Yes or no")


class ApplicationQuestion(models.Model):
    """A program's own question on the application form of one side (or both).

    Answers are kept in Registration.answers["questions"] under the question's id as a string.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    side = models.CharField(_("asked of"), max_length=8, choices=ApplicationSide.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=16, choices=QuestionKind.choices)
    options = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["program", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(side__in=ApplicationSide.values), name="question_side_valid"),
            models.CheckConstraint(condition=Q(kind__in=QuestionKind.values), name="question_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.label
