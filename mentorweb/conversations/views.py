"""A pair's conversation records, under /me/partnerships/<id>/conversations/.

Only the partnership's two people reach these pages; anyone else, staff included, gets a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorweb.conversations import selectors, services
from mentorweb.conversations.builtins import TOOL_RESOURCES
from mentorweb.conversations.chart import scaling_chart
from mentorweb.conversations.display import record_answers, record_name, template_texts
from mentorweb.conversations.forms import AnswersForm
from mentorweb.conversations.models import Conversation, ConversationTemplate
from mentorweb.core.errors import DomainError
from mentorweb.partnerships.models import Goal, Meeting, Partnership, PartnershipStatus

PAGE_SIZE = 20
RECENT_MEETINGS = 10


def _context(request: HttpRequest, partnership: Partnership, **extra: Any) -> dict[str, Any]:
    mentor = partnership.mentor
    other = partnership.mentee if mentor.user_id == request.user.pk else mentor
    return {
        "partnership": partnership,
        "other": other,
        "time_zone": partnership.organization.time_zone,
        "can_write": partnership.status == PartnershipStatus.ACTIVE,
        **extra,
    }


def _rows(conversations: Any) -> list[dict[str, Any]]:
    return [{"conversation": c, "name": record_name(c)} for c in conversations]


@login_required
def conversation_list(request: HttpRequest, partnership_id: int) -> HttpResponse:
    partnership = selectors.get_partnership_for_participant(request.user, partnership_id)
    conversations = selectors.partnership_conversations(partnership).select_related("template")
    page = Paginator(conversations, PAGE_SIZE).get_page(request.GET.get("page"))
    meetings = list(Meeting.objects.filter(partnership=partnership).order_by("-starts_at", "-pk")[:RECENT_MEETINGS])
    goals = list(Goal.objects.filter(partnership=partnership).order_by("status", "due_on", "pk"))
    context = _context(request, partnership, page=page, rows=_rows(page), meetings=meetings, goals=goals)
    return render(request, "conversations/list.html", context)


def _subject_page(
    request: HttpRequest, partnership: Partnership, *, meeting: Meeting | None, goal: Goal | None
) -> HttpResponse:
    conversations = selectors.partnership_conversations(partnership, meeting=meeting, goal=goal).select_related(
        "template"
    )
    tools = [
        {"template": template, **template_texts(template)}
        for template in selectors.available_templates(partnership.organization)
    ]
    context = _context(request, partnership, meeting=meeting, goal=goal, rows=_rows(conversations), tools=tools)
    return render(request, "conversations/subject.html", context)


@login_required
def meeting_records(request: HttpRequest, partnership_id: int, meeting_id: int) -> HttpResponse:
    partnership = selectors.get_partnership_for_participant(request.user, partnership_id)
    return _subject_page(request, partnership, meeting=selectors.get_meeting(partnership, meeting_id), goal=None)


@login_required
def goal_records(request: HttpRequest, partnership_id: int, goal_id: int) -> HttpResponse:
    partnership = selectors.get_partnership_for_participant(request.user, partnership_id)
    return _subject_page(request, partnership, meeting=None, goal=selectors.get_goal(partnership, goal_id))


def _fill(
    request: HttpRequest,
    partnership: Partnership,
    template: ConversationTemplate,
    *,
    meeting: Meeting | None,
    goal: Goal | None,
) -> HttpResponse:
    form = AnswersForm(request.POST or None, template=template)
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.conversation_create(
                actor=request.user,
                partnership=partnership,
                template=template,
                answers=form.answers(),
                meeting=meeting,
                goal=goal,
            )
        except DomainError as error:
            field = (error.field or "").removeprefix("answers.")
            form.add_error(field if field in form.fields else None, error.message)
        else:
            messages.success(request, _("The conversation was recorded. Only the two of you can read it."))
            return redirect("conversations:detail", partnership_id=partnership.pk, conversation_id=conversation.pk)
    context = _context(
        request,
        partnership,
        form=form,
        template=template,
        texts=template_texts(template),
        meeting=meeting,
        goal=goal,
        resource_key=TOOL_RESOURCES.get(template.tool, ""),
    )
    return render(request, "conversations/fill.html", context)


@login_required
def meeting_new(request: HttpRequest, partnership_id: int, meeting_id: int, template_id: int) -> HttpResponse:
    partnership = selectors.get_partnership_for_participant(request.user, partnership_id)
    meeting = selectors.get_meeting(partnership, meeting_id)
    template = selectors.get_available_template(partnership.organization, template_id)
    return _fill(request, partnership, template, meeting=meeting, goal=None)


@login_required
def goal_new(request: HttpRequest, partnership_id: int, goal_id: int, template_id: int) -> HttpResponse:
    partnership = selectors.get_partnership_for_participant(request.user, partnership_id)
    goal = selectors.get_goal(partnership, goal_id)
    template = selectors.get_available_template(partnership.organization, template_id)
    return _fill(request, partnership, template, meeting=None, goal=goal)


@login_required
def detail(request: HttpRequest, partnership_id: int, conversation_id: int) -> HttpResponse:
    partnership = selectors.get_partnership_for_participant(request.user, partnership_id)
    conversation: Conversation = selectors.get_conversation(partnership, conversation_id)
    context = _context(
        request,
        partnership,
        conversation=conversation,
        name=record_name(conversation),
        answers=record_answers(conversation),
    )
    return render(request, "conversations/detail.html", context)


@login_required
def scaling(request: HttpRequest, partnership_id: int) -> HttpResponse:
    partnership = selectors.get_partnership_for_participant(request.user, partnership_id)
    points = selectors.scaling_series(partnership)
    chart = scaling_chart(points, partnership.organization.time_zone)
    context = _context(request, partnership, points=points, chart=chart, latest=points[-1] if points else None)
    return render(request, "conversations/scaling.html", context)
