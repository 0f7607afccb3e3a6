"""The pair's workspace pages, under /me/partnerships/<id>/: the agreement and its history,
meetings (schedule, log, change, cancel), goals, private notes, and ending the partnership;
and the two staff actions (end early, complete) under /o/<slug>/partnerships/<id>/.

Every page reaches the partnership through a selector scoped to its two people (anyone else,
administrators included, gets a 404). A completed or ended partnership is read-only: its pages
show what was recorded, and a change is refused with a message.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorweb.core.errors import DomainError
from mentorweb.partnerships import agreements, goals, lifecycle, meetings, notes
from mentorweb.partnerships import selectors_workspace as sel
from mentorweb.partnerships.forms_workspace import (
    AcknowledgeForm,
    AgreementForm,
    ConfirmForm,
    EndForm,
    GoalForm,
    LogForm,
    MeetingForm,
    NoteForm,
    RecordForm,
    tie_error,
)
from mentorweb.partnerships.models import AgreementStatus, Meeting, MeetingStatus, Partnership, PartnershipStatus
from mentorweb.programs.times import local, today_in

PAGE_SIZE = 20


def _detail(partnership: Partnership) -> HttpResponse:
    return redirect("partnerships:detail", partnership_id=partnership.pk)


def _meeting_page(meeting: Meeting) -> HttpResponse:
    return redirect("partnerships:meeting", partnership_id=meeting.partnership_id, meeting_id=meeting.pk)


def _base(request: HttpRequest, partnership: Partnership, **extra: Any) -> dict[str, Any]:
    return {
        "partnership": partnership,
        "organization": partnership.organization,
        "role": sel.role_in(request.user, partnership),
        "partner": _partner_name(request, partnership),
        "editable": partnership.status == PartnershipStatus.ACTIVE,
        **extra,
    }


def _partner_name(request: HttpRequest, partnership: Partnership) -> str:
    me = sel.person_in(request.user, partnership)
    return sel.partner_label(partnership, me) if me is not None else ""


def _refuse_if_read_only(request: HttpRequest, partnership: Partnership) -> HttpResponse | None:
    if partnership.status != PartnershipStatus.ACTIVE:
        messages.error(
            request,
            _("This partnership is %(status)s: it can no longer be changed.")
            % {"status": PartnershipStatus(partnership.status).label.lower()},
        )
        return _detail(partnership)
    return None


def _meeting_to_change(
    request: HttpRequest, partnership_id: int, meeting_id: int
) -> tuple[Partnership, Meeting, HttpResponse | None]:
    """The partnership, one of its meetings, and the refusal to answer with when the partnership is read-only."""
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    # Looked up before the refusal: another partnership's meeting is a 404, read-only or not.
    meeting = sel.get_meeting(partnership, meeting_id)
    return partnership, meeting, _refuse_if_read_only(request, partnership)


def _meeting_in_query(request: HttpRequest) -> str | None:
    """The meeting a goal or note starts tied to, from ?meeting=<id> (the link on a meeting's page)."""
    meeting_id = request.GET.get("meeting")
    return meeting_id if meeting_id and meeting_id.isdigit() else None


def _meetings_for_choice(partnership: Partnership) -> list[Meeting]:
    # The 50 latest: choosing a meeting to tie a goal or note to is about recent ones.
    return list(sel.meetings_of(partnership).exclude(status=MeetingStatus.CANCELLED)[:50])


# --- agreement -------------------------------------------------------------------------------


def _agreement_page(
    request: HttpRequest, partnership: Partnership, form: AgreementForm | None, ack_form: AcknowledgeForm | None
) -> HttpResponse:
    versions = list(sel.agreements_of(partnership))
    # The other proposer can only be the partner, named as far as the program shares names.
    partner = _partner_name(request, partnership)
    history: list[dict[str, Any]] = []
    for index, version in enumerate(versions):
        previous = versions[index + 1] if index + 1 < len(versions) else None
        history.append(
            {
                "agreement": version,
                "changed": agreements.changed_fields(version, previous),
                "channels": agreements.channel_labels(version.informal_channels),
                "modes": agreements.mode_labels(version.meeting_modes),
                "proposer": partner if version.proposed_by_id else "",
                "mine": version.proposed_by_id == request.user.pk,
            }
        )
    role = sel.role_in(request.user, partnership)
    proposal = next((v for v in versions if v.status == AgreementStatus.PROPOSED), None)
    can_acknowledge = (
        proposal is not None
        and partnership.status == PartnershipStatus.ACTIVE
        and getattr(proposal, f"{role}_acknowledged_at") is None
    )
    editable = partnership.status == PartnershipStatus.ACTIVE
    if editable and form is None:
        form = AgreementForm(initial=agreements.initial_values(partnership))
    context = _base(
        request,
        partnership,
        history=history,
        current=next((h for h in history if h["agreement"].status == AgreementStatus.AGREED), None),
        proposal=next((h for h in history if h["agreement"].status == AgreementStatus.PROPOSED), None),
        can_acknowledge=can_acknowledge,
        form=form if editable else None,
        ack_form=ack_form or AcknowledgeForm(prefix="ack"),
    )
    return render(request, "partnerships/workspace/agreement.html", context)


@login_required
def agreement(request: HttpRequest, partnership_id: int) -> HttpResponse:
    """The agreement in force, an open proposal, the form to propose a change, and every version."""
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    form = None
    if request.method == "POST":
        refused = _refuse_if_read_only(request, partnership)
        if refused:
            return refused
        form = AgreementForm(request.POST)
        if form.is_valid():
            try:
                agreements.agreement_propose(
                    actor=request.user,
                    partnership=partnership,
                    data=form.service_data(),
                    confidentiality=form.cleaned_data["confidentiality"],
                )
            except DomainError as error:
                tie_error(form, error)
            else:
                messages.success(
                    request, _("Your proposal is saved. It is agreed once the other person acknowledges it.")
                )
                return redirect("partnerships:agreement", partnership_id=partnership.pk)
    return _agreement_page(request, partnership, form, None)


@login_required
def agreement_acknowledge(request: HttpRequest, partnership_id: int, agreement_id: int) -> HttpResponse:
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    version = sel.get_agreement(partnership, agreement_id)
    # After the lookup: someone else's agreement is a 404 whatever the method.
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    refused = _refuse_if_read_only(request, partnership)
    if refused:
        return refused
    form = AcknowledgeForm(request.POST, prefix="ack")
    if form.is_valid():
        try:
            result = agreements.agreement_acknowledge(
                actor=request.user, agreement=version, confidentiality=form.cleaned_data["confidentiality"]
            )
        except DomainError as error:
            tie_error(form, error)
        else:
            if result.status == AgreementStatus.AGREED:
                messages.success(request, _("You both agreed: this is now how you work together."))
            else:
                messages.success(request, _("Your acknowledgement is saved."))
            return redirect("partnerships:agreement", partnership_id=partnership.pk)
    return _agreement_page(request, partnership, None, form)


# --- meetings --------------------------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest, partnership_id: int) -> HttpResponse:
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    page = Paginator(sel.meetings_of(partnership), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partnerships/workspace/meetings.html", _base(request, partnership, page=page))


@login_required
def meeting_schedule(request: HttpRequest, partnership_id: int) -> HttpResponse:
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    refused = _refuse_if_read_only(request, partnership)
    if refused:
        return refused
    zone = partnership.organization.time_zone
    form = MeetingForm(
        request.POST or None,
        time_zone=zone,
        initial={"agenda": sel.previous_plan(partnership), "duration_minutes": 60},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meetings.meeting_schedule(actor=request.user, partnership=partnership, **form.service_data())
        except DomainError as error:
            tie_error(form, error)
        else:
            messages.success(request, _("The meeting is scheduled. You both have the invitation by e-mail."))
            return _meeting_page(meeting)
    return render(
        request,
        "partnerships/workspace/meeting_form.html",
        _base(request, partnership, form=form, title=_("Schedule a meeting"), submit=_("Schedule and invite")),
    )


@login_required
def meeting_record(request: HttpRequest, partnership_id: int) -> HttpResponse:
    """Log a meeting that took place without being scheduled here."""
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    refused = _refuse_if_read_only(request, partnership)
    if refused:
        return refused
    form = RecordForm(
        request.POST or None,
        topics=list(partnership.program.meeting_topics or []),
        initial={"duration_minutes": 60, "date": today_in(partnership.organization.time_zone)},
    )
    if request.method == "POST" and form.is_valid():
        when, data = form.service_parts()
        try:
            meeting = meetings.meeting_record(actor=request.user, partnership=partnership, data=data, **when)
        except DomainError as error:
            tie_error(form, error)
        else:
            messages.success(request, _("The meeting is logged."))
            return _meeting_page(meeting)
    return render(
        request,
        "partnerships/workspace/meeting_log.html",
        _base(request, partnership, form=form, meeting=None, title=_("Log a meeting that took place")),
    )


@login_required
def meeting_detail(request: HttpRequest, partnership_id: int, meeting_id: int) -> HttpResponse:
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    meeting = sel.get_meeting(partnership, meeting_id)
    zone = partnership.organization.time_zone
    standard = set(partnership.program.meeting_topics or [])
    context = _base(
        request,
        partnership,
        meeting=meeting,
        standard_topics=[t for t in meeting.topics or [] if t in standard],
        other_topics=[t for t in meeting.topics or [] if t not in standard],
        my_notes=notes.notes_for(request.user, partnership, meeting=meeting),
        loggable=meeting.status != MeetingStatus.CANCELLED and local(meeting.starts_at, zone).date() <= today_in(zone),
    )
    return render(request, "partnerships/workspace/meeting.html", context)


@login_required
def meeting_edit(request: HttpRequest, partnership_id: int, meeting_id: int) -> HttpResponse:
    partnership, meeting, refused = _meeting_to_change(request, partnership_id, meeting_id)
    if refused:
        return refused
    if meeting.status != MeetingStatus.SCHEDULED:
        messages.error(request, _("Only a scheduled meeting can be changed; edit the log of a meeting held."))
        return _meeting_page(meeting)
    zone = partnership.organization.time_zone
    start = local(meeting.starts_at, zone)
    initial = {
        "date": start.date(),
        "time": start.time().replace(tzinfo=None),
        "duration_minutes": meeting.duration_minutes,
        "mode": meeting.mode,
        "location": meeting.location,
        "agenda": meeting.agenda,
    }
    form = MeetingForm(request.POST or None, time_zone=zone, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.service_data().items() if value != initial.get(name)}
        try:
            meetings.meeting_update(actor=request.user, meeting=meeting, data=data)
        except DomainError as error:
            tie_error(form, error)
        else:
            messages.success(request, _("The meeting is changed."))
            return _meeting_page(meeting)
    return render(
        request,
        "partnerships/workspace/meeting_form.html",
        _base(request, partnership, form=form, meeting=meeting, title=_("Change the meeting"), submit=_("Save")),
    )


@login_required
def meeting_log(request: HttpRequest, partnership_id: int, meeting_id: int) -> HttpResponse:
    partnership, meeting, refused = _meeting_to_change(request, partnership_id, meeting_id)
    if refused:
        return refused
    initial = meetings.log_initial(meeting)
    topics = list(partnership.program.meeting_topics or [])
    topics += [t for t in initial["topics"] if t not in topics]
    form = LogForm(request.POST or None, topics=topics, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meetings.meeting_log(actor=request.user, meeting=meeting, data=form.service_data())
        except DomainError as error:
            tie_error(form, error)
        else:
            messages.success(request, _("The meeting is logged."))
            return _meeting_page(meeting)
    return render(
        request,
        "partnerships/workspace/meeting_log.html",
        _base(request, partnership, form=form, meeting=meeting, title=_("Log the meeting")),
    )


@login_required
def meeting_cancel(request: HttpRequest, partnership_id: int, meeting_id: int) -> HttpResponse:
    partnership, meeting, refused = _meeting_to_change(request, partnership_id, meeting_id)
    if refused:
        return refused
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meetings.meeting_cancel(actor=request.user, meeting=meeting)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The meeting is cancelled. You both have the cancellation by e-mail."))
        return _meeting_page(meeting)
    return render(request, "partnerships/workspace/meeting_cancel.html", _base(request, partnership, meeting=meeting))


# --- goals -----------------------------------------------------------------------------------


def _goal_page(request: HttpRequest, partnership: Partnership, form: GoalForm, goal: Any = None) -> HttpResponse:
    return render(
        request,
        "partnerships/workspace/goal_form.html",
        _base(request, partnership, form=form, goal=goal, title=_("Change the goal") if goal else _("Set a goal")),
    )


@login_required
def goal_create(request: HttpRequest, partnership_id: int) -> HttpResponse:
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    refused = _refuse_if_read_only(request, partnership)
    if refused:
        return refused
    form = GoalForm(
        request.POST or None,
        meetings=_meetings_for_choice(partnership),
        time_zone=partnership.organization.time_zone,
        initial={"set_at_meeting": _meeting_in_query(request)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            goals.goal_create(actor=request.user, partnership=partnership, data=form.service_data())
        except DomainError as error:
            tie_error(form, error)
        else:
            messages.success(request, _("The goal is set."))
            return _detail(partnership)
    return _goal_page(request, partnership, form)


@login_required
def goal_edit(request: HttpRequest, partnership_id: int, goal_id: int) -> HttpResponse:
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    goal = sel.get_goal(partnership, goal_id)
    refused = _refuse_if_read_only(request, partnership)
    if refused:
        return refused
    initial = {name: getattr(goal, name) for name in goals.GOAL_FIELDS if name != "set_at_meeting"}
    initial["set_at_meeting"] = goal.set_at_meeting_id
    form = GoalForm(
        request.POST or None,
        meetings=_meetings_for_choice(partnership),
        time_zone=partnership.organization.time_zone,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            goals.goal_update(actor=request.user, goal=goal, data=form.service_data())
        except DomainError as error:
            tie_error(form, error)
        else:
            messages.success(request, _("The goal is saved."))
            return _detail(partnership)
    return _goal_page(request, partnership, form, goal)


# --- private notes ---------------------------------------------------------------------------


@login_required
def note_list(request: HttpRequest, partnership_id: int) -> HttpResponse:
    """The user's own notes. Nobody else's are ever read, let alone shown."""
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    page = Paginator(notes.own_notes(request.user, partnership), PAGE_SIZE).get_page(request.GET.get("page"))
    # Only the notes of this page are decrypted.
    context = _base(request, partnership, page=page, page_notes=notes.as_views(page.object_list))
    return render(request, "partnerships/workspace/notes.html", context)


@login_required
def note_create(request: HttpRequest, partnership_id: int) -> HttpResponse:
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    refused = _refuse_if_read_only(request, partnership)
    if refused:
        return refused
    form = NoteForm(
        request.POST or None,
        meetings=_meetings_for_choice(partnership),
        time_zone=partnership.organization.time_zone,
        initial={"meeting": _meeting_in_query(request)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            notes.note_create(
                actor=request.user,
                partnership=partnership,
                text=form.cleaned_data["text"],
                meeting=form.chosen_meeting(),
            )
        except DomainError as error:
            tie_error(form, error)
        else:
            messages.success(request, _("Your private note is saved. Only you can read it."))
            return _detail(partnership)
    return render(
        request,
        "partnerships/workspace/note_form.html",
        _base(request, partnership, form=form, note=None, title=_("Write a private note")),
    )


@login_required
def note_edit(request: HttpRequest, partnership_id: int, note_id: int) -> HttpResponse:
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    note = sel.get_note_for_author(request.user, partnership, note_id)
    refused = _refuse_if_read_only(request, partnership)
    if refused:
        return refused
    view = notes.note_view(request.user, note)
    form = NoteForm(
        request.POST or None,
        meetings=_meetings_for_choice(partnership),
        time_zone=partnership.organization.time_zone,
        initial={"text": view.text or "", "meeting": note.meeting_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            notes.note_update(
                actor=request.user, note=note, text=form.cleaned_data["text"], meeting=form.chosen_meeting()
            )
        except DomainError as error:
            tie_error(form, error)
        else:
            messages.success(request, _("Your private note is saved."))
            return redirect("partnerships:notes", partnership_id=partnership.pk)
    return render(
        request,
        "partnerships/workspace/note_form.html",
        _base(request, partnership, form=form, note=view, title=_("Change a private note")),
    )


@login_required
def note_delete(request: HttpRequest, partnership_id: int, note_id: int) -> HttpResponse:
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    note = sel.get_note_for_author(request.user, partnership, note_id)
    refused = _refuse_if_read_only(request, partnership)
    if refused:
        return refused
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            notes.note_delete(actor=request.user, note=note)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your private note is deleted."))
        return redirect("partnerships:notes", partnership_id=partnership.pk)
    return render(
        request,
        "partnerships/workspace/note_delete.html",
        _base(request, partnership, note=notes.note_view(request.user, note), form=form),
    )


# --- ending ----------------------------------------------------------------------------------


@login_required
def end(request: HttpRequest, partnership_id: int) -> HttpResponse:
    """Either person ends the partnership early, with a reason."""
    partnership = sel.get_workspace_partnership(request.user, partnership_id)
    refused = _refuse_if_read_only(request, partnership)
    if refused:
        return refused
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.partnership_end(actor=request.user, partnership=partnership, reason=form.cleaned_data["reason"])
        except DomainError as error:
            tie_error(form, error)
        else:
            messages.success(request, _("The partnership has ended. You can still read what you recorded."))
            return _detail(partnership)
    return render(request, "partnerships/workspace/end.html", _base(request, partnership, form=form, staff=False))


def _staff_partnership(request: HttpRequest, slug: str, partnership_id: int) -> Partnership:
    _organization, partnership = sel.get_partnership_for_staff(request.user, slug, partnership_id)
    if not sel.is_program_staff(request.user, partnership):
        raise PermissionDenied
    return partnership


def _staff_done(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render(request, "partnerships/workspace/staff_closed.html", {"partnership": partnership})


@login_required
def staff_end(request: HttpRequest, slug: str, partnership_id: int) -> HttpResponse:
    """Program staff end a partnership early, with a reason both people read."""
    partnership = _staff_partnership(request, slug, partnership_id)
    if partnership.status != PartnershipStatus.ACTIVE:
        return _staff_done(request, partnership)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.partnership_end(actor=request.user, partnership=partnership, reason=form.cleaned_data["reason"])
        except DomainError as error:
            tie_error(form, error)
        else:
            messages.success(request, _("The partnership has ended; both people are told why."))
            return redirect(request.path)
    return render(
        request,
        "partnerships/workspace/end.html",
        {"partnership": partnership, "organization": partnership.organization, "form": form, "staff": True},
    )


@login_required
def staff_complete(request: HttpRequest, slug: str, partnership_id: int) -> HttpResponse:
    """Program staff mark a partnership complete (the daily job does it after its end date)."""
    partnership = _staff_partnership(request, slug, partnership_id)
    if partnership.status != PartnershipStatus.ACTIVE:
        return _staff_done(request, partnership)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.partnership_complete(actor=request.user, partnership=partnership)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The partnership is complete."))
        return redirect(request.path)
    return render(
        request,
        "partnerships/workspace/staff_complete.html",
        {"partnership": partnership, "organization": partnership.organization, "form": form},
    )
