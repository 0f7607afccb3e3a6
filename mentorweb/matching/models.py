"""Match runs over an offering's pool, the pairs they propose and the advisory team's decisions.

The engine (mentorweb.matching.engine) knows nothing of these: a run builds profiles from the
offering's accepted applications, hands them to the engine in a background job, and stores
what comes back as proposals and unmatched mentees.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentorweb.programs.models import MatchObjective


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Ready for review")
    FAILED = "failed", _("Failed")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Replaced by a later run")


# A run in one of these holds the offering: only one at a time (a database constraint).
ACTIVE_RUN_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class MatchRun(models.Model):
    offering = models.ForeignKey("programs.Offering", on_delete=models.CASCADE, related_name="match_runs")
    number = models.PositiveIntegerField(_("run number"))
    status = models.CharField(_("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    objective = models.CharField(_("objective"), max_length=16, choices=MatchObjective.choices)
    # The rules as they were when the run started: weights, cap, locks and exclusions, pool sizes.
    parameters = models.JSONField(default=dict, blank=True)
    # Progress of the background job, 0–100, and what it is doing, for the progress bar.
    progress = models.PositiveSmallIntegerField(default=0)
    progress_message = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    n_mentees = models.PositiveIntegerField(default=0)
    n_mentors = models.PositiveIntegerField(default=0)
    n_candidates = models.PositiveIntegerField(default=0)
    n_pairs = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["offering", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "number"], name="match_run_number_unique"),
            models.UniqueConstraint(
                fields=["offering"],
                condition=Q(status__in=ACTIVE_RUN_STATUSES),
                name="match_run_one_active_per_offering",
            ),
            models.CheckConstraint(condition=Q(status__in=RunStatus.values), name="match_run_status_valid"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="match_run_progress_max"),
        ]

    def __str__(self) -> str:
        return f"{self.offering} run {self.number}"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PUBLISHED = "published", _("Published")


class Proposal(models.Model):
    """A pair the engine proposed, with its score broken down by component."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="proposals")
    mentee = models.ForeignKey("registrations.Registration", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("registrations.Registration", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    components = models.JSONField(_("score breakdown"), default=dict)
    locked = models.BooleanField(_("locked by the advisory team"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )

    class Meta:
        ordering = ["run", "-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="proposal_one_per_mentee"),
            models.CheckConstraint(condition=Q(status__in=ProposalStatus.values), name="proposal_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} – {self.mentor_id} ({self.score:.2f})"


class Unmatched(models.Model):
    """A mentee of the pool the run left without a mentor, and why (an engine ReasonCode)."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="unmatched")
    mentee = models.ForeignKey("registrations.Registration", on_delete=models.CASCADE, related_name="+")
    reason_code = models.CharField(max_length=32)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["run", "id"]
        constraints = [models.UniqueConstraint(fields=["run", "mentee"], name="unmatched_one_per_mentee")]

    def __str__(self) -> str:
        return f"{self.mentee_id}: {self.reason_code}"


class DecisionKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    LOCK = "lock", _("Lock the pair")
    EXCLUDE = "exclude", _("Exclude the pair")
    RELEASE = "release", _("Release a lock or exclusion")


class Decision(models.Model):
    """An advisory-team member's verdict on a pair, with its rationale; decisions are never edited."""

    offering = models.ForeignKey("programs.Offering", on_delete=models.CASCADE, related_name="match_decisions")
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions")
    mentee = models.ForeignKey("registrations.Registration", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("registrations.Registration", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("decision"), max_length=16, choices=DecisionKind.choices)
    rationale = models.TextField(_("rationale"), max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["offering", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DecisionKind.values), name="decision_kind_valid"),
            models.CheckConstraint(condition=~Q(rationale=""), name="decision_has_rationale"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.mentee_id}–{self.mentor_id}"


class PairRuleKind(models.TextChoices):
    LOCK = "lock", _("Locked")
    EXCLUDE = "exclude", _("Excluded")


class PairRule(models.Model):
    """A lock or exclusion the advisory team set on a pair; every later run of the offering honours it."""

    offering = models.ForeignKey("programs.Offering", on_delete=models.CASCADE, related_name="pair_rules")
    mentee = models.ForeignKey("registrations.Registration", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("registrations.Registration", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=PairRuleKind.choices)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["offering", "id"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "mentee", "mentor"], name="pair_rule_one_per_pair"),
            # A mentee can be locked to one mentor only.
            models.UniqueConstraint(
                fields=["offering", "mentee"], condition=Q(kind="lock"), name="pair_rule_one_lock_per_mentee"
            ),
            models.CheckConstraint(condition=Q(kind__in=PairRuleKind.values), name="pair_rule_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.mentee_id}–{self.mentor_id}"
