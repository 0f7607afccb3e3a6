"""The advisory team's matching pages for one pairing offering: the pool and its runs, a run's
progress and proposals, one proposed pair with its decisions, publishing, and the pool's
export and a result's import.

Every page starts from an organization the user belongs to: another organization's offering
is a 404; a role without the matching permission is a 403 (selectors.get_offering_for_matching).
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.core.errors import DomainError
from mentorweb.matching import selectors, services
from mentorweb.matching.forms import ImportForm, ProposalFilterForm, RationaleForm, StartForm
from mentorweb.matching.models import DecisionKind, MatchRun, ProposalStatus, RunStatus
from mentorweb.matching.presentation import pair_view, proposal_rows, run_progress_view, unmatched_rows
from mentorweb.programs.models import Offering

PAGE_SIZE = 100
HTMX_STOP_POLLING = 286


def form_error(form: forms.Form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _runs_url(offering: Offering) -> HttpResponse:
    return redirect("matching:runs", slug=offering.program.organization.slug, offering_id=offering.pk)


def _run_url(run: MatchRun) -> HttpResponse:
    offering = run.offering
    return redirect("matching:run", slug=offering.program.organization.slug, offering_id=offering.pk, run_id=run.pk)


def _base(request: HttpRequest, organization: Any, offering: Offering, **extra: Any) -> dict[str, Any]:
    return {
        "organization": organization,
        "offering": offering,
        "program": offering.program,
        # The offering's set-up page is for those who set programs up, not the whole advisory team.
        "can_setup": request.user.has_perm("programs.manage_programs", organization),
        **extra,
    }


@login_required
def runs(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    """The pool in numbers, the rules in force, the past runs, and the form that starts a run."""
    organization, offering = selectors.get_offering_for_matching(request.user, slug, offering_id)
    rules = offering.program.pairing
    form = StartForm(request.POST or None, initial={"objective": rules.objective})
    if request.method == "POST" and form.is_valid():
        try:
            run = services.run_start(actor=request.user, offering=offering, objective=form.cleaned_data["objective"])
        except DomainError as error:
            if error.code != "conflict":
                form_error(form, error)
            else:
                # Another run is under way: the page then shows it instead of the form.
                messages.error(request, error.message)
                return _runs_url(offering)
        else:
            messages.success(request, _("The match run has started. This page shows its progress."))
            return _run_url(run)
    page = Paginator(selectors.offering_runs(offering), 20).get_page(request.GET.get("page"))
    context = _base(
        request,
        organization,
        offering,
        rules=rules,
        counts=selectors.pool_counts(offering, rules),
        pair_rules=selectors.rules_in_force(offering),
        declined=selectors.declined_count(offering),
        active=selectors.active_run(offering),
        form=form,
        page=page,
    )
    return render(request, "matching/runs.html", context, status=400 if form.errors else 200)


@login_required
def run_detail(request: HttpRequest, slug: str, offering_id: int, run_id: int) -> HttpResponse:
    organization, offering = selectors.get_offering_for_matching(request.user, slug, offering_id)
    run = selectors.get_run(offering, run_id)
    filters = ProposalFilterForm(request.GET)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    page = Paginator(selectors.run_proposals(run, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    context = _base(
        request,
        organization,
        offering,
        run=run,
        progress=run_progress_view(run),
        filters=filters,
        page=page,
        rows=proposal_rows(offering, list(page.object_list)),
        counts=selectors.proposal_counts(run),
        unmatched=unmatched_rows(list(selectors.run_unmatched(run)[:500])),
        unmatched_total=run.n_mentees - run.n_pairs if run.status != RunStatus.FAILED else 0,
        latest=selectors.latest_run(offering),
        start_form=StartForm(initial={"objective": run.objective}),
    )
    return render(request, "matching/run.html", context)


@login_required
def run_progress(request: HttpRequest, slug: str, offering_id: int, run_id: int) -> HttpResponse:
    """The progress bar that the run page polls with htmx while the run is queued or running."""
    organization, offering = selectors.get_offering_for_matching(request.user, slug, offering_id)
    run = selectors.get_run(offering, run_id)
    progress = run_progress_view(run)
    context = _base(request, organization, offering, run=run, progress=progress, oob=True)
    response = render(request, "matching/_progress_bar.html", context)
    if not progress.active and request.headers.get("HX-Request"):
        # Done: 286 stops htmx's polling, and the page reloads to show the results (or the error).
        response.status_code = HTMX_STOP_POLLING
        response["HX-Refresh"] = "true"
    return response


@login_required
def publish(request: HttpRequest, slug: str, offering_id: int, run_id: int) -> HttpResponse:
    organization, offering = selectors.get_offering_for_matching(request.user, slug, offering_id)
    run = selectors.get_run(offering, run_id)
    approved = list(selectors.run_proposals(run, status=ProposalStatus.APPROVED)[:PAGE_SIZE])
    error = ""
    if request.method == "POST":
        count = selectors.proposal_counts(run)[ProposalStatus.APPROVED]
        try:
            services.run_publish(actor=request.user, run=run)
        except DomainError as failure:
            error = failure.message
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s partnership was proposed; both people were e-mailed to accept or decline.",
                    "%(count)s partnerships were proposed; both people of each were e-mailed to accept or decline.",
                    count,
                )
                % {"count": count},
            )
            return _run_url(run)
    context = _base(
        request,
        organization,
        offering,
        run=run,
        approved=approved,
        counts=selectors.proposal_counts(run),
        error=error,
    )
    return render(request, "matching/publish.html", context, status=400 if error else 200)


@login_required
def proposal_detail(request: HttpRequest, slug: str, offering_id: int, proposal_id: int) -> HttpResponse:
    """One proposed pair side by side, its decisions, and the forms to decide (POST: one decision)."""
    organization, offering = selectors.get_offering_for_matching(request.user, slug, offering_id)
    proposal = selectors.get_proposal(offering, proposal_id)
    form = RationaleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind = request.POST.get("kind", "")
        try:
            services.decision_record(
                actor=request.user,
                offering=offering,
                mentee=proposal.mentee,
                mentor=proposal.mentor,
                kind=kind,
                rationale=form.cleaned_data["rationale"],
                proposal=proposal,
            )
        except DomainError as error:
            form.add_error("rationale" if error.field == "rationale" else None, error.message)
        else:
            messages.success(request, _("Your decision is recorded: %(kind)s.") % {"kind": _kind_label(kind)})
            return redirect(request.path)
    context = _base(request, organization, offering, proposal=proposal, pair=pair_view(offering, proposal), form=form)
    return render(request, "matching/proposal.html", context, status=400 if form.errors else 200)


def _kind_label(kind: str) -> str:
    return str(DecisionKind(kind).label) if kind in DecisionKind.values else kind


@login_required
def rule_release(request: HttpRequest, slug: str, offering_id: int, rule_id: int) -> HttpResponse:
    organization, offering = selectors.get_offering_for_matching(request.user, slug, offering_id)
    rule = selectors.get_rule(offering, rule_id)
    form = RationaleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                actor=request.user,
                offering=offering,
                mentee=rule.mentee,
                mentor=rule.mentor,
                kind=DecisionKind.RELEASE,
                rationale=form.cleaned_data["rationale"],
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Released. The next run may pair them, or not, on their merits."))
            return _runs_url(offering)
    context = _base(request, organization, offering, rule=rule, form=form)
    return render(request, "matching/release.html", context, status=400 if form.errors else 200)


@login_required
def export(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    """The pool as a `mentorweb-match` instance, to solve or study outside Mentorweb."""
    organization, offering = selectors.get_offering_for_matching(request.user, slug, offering_id)
    try:
        data = services.pool_export(offering)
    except DomainError as error:
        messages.error(request, error.message)
        return _runs_url(offering)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, allow_nan=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="pool-{organization.slug}-{offering.pk}.json"'
    return response


@login_required
def result_import_view(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    organization, offering = selectors.get_offering_for_matching(request.user, slug, offering_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.result_import(actor=request.user, offering=offering, data=form.cleaned_data["file"])
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The result is imported as run %(number)s.") % {"number": run.number})
            return _run_url(run)
    context = _base(request, organization, offering, form=form)
    return render(request, "matching/import.html", context, status=400 if form.errors else 200)
