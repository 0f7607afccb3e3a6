"""Conversation tools (templates) and conversation records, with the same rules as the pages.

Tools: a member of the organization lists and reads the built-ins and the organization's own;
its administrators and coordinators add tools, change their own and customize a built-in.
Records: only the partnership's two people list, write and read them; for anyone else, staff
included, a record or a meeting is a 404.

No `from __future__ import annotations` here: ninja reads the parameter annotations at import.
"""

from datetime import datetime
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints, model_validator

from mentorweb.api.auth import caller
from mentorweb.api.common import MAX_ID, InputSchema, ObjectId, Pagination, Slug, Text, optional, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.schemas import FilterSchema
from mentorweb.conversations import selectors, services
from mentorweb.conversations.fields import scale_value
from mentorweb.conversations.models import Conversation, ConversationTemplate, FieldKind, Tool
from mentorweb.core.errors import DomainError, NotFound
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.partnerships.models import Goal, Meeting

router = Router(tags=["conversations"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
Key = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Name = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[Text, StringConstraints(max_length=2000)]
QuestionKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Option = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class Question(Schema):
    key: QuestionKey
    label: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    kind: FieldKind
    options: list[Option] = Field(default_factory=list, max_length=30)
    help: Annotated[Text, StringConstraints(max_length=500)] = ""
    required: bool = False


class QuestionIn(Question, InputSchema):
    pass


class TemplateOut(Schema):
    id: int
    organization: str | None = Field(description="The organization's slug; null for a built-in tool")
    key: str
    name: str
    tool: str
    description: str
    fields: list[Question]
    is_active: bool
    based_on: int | None = Field(description="The built-in this is the organization's copy of")
    updated_at: datetime

    @staticmethod
    def resolve_organization(obj: ConversationTemplate) -> str | None:
        return obj.organization.slug if obj.organization is not None else None

    @staticmethod
    def resolve_based_on(obj: ConversationTemplate) -> int | None:
        return obj.based_on_id


class TemplateCreate(InputSchema):
    name: Name
    key: Key = optional()
    tool: Tool = Tool.CUSTOM
    description: Description = ""
    fields: list[QuestionIn] = Field(min_length=1, max_length=30)
    is_active: bool = True


class TemplatePatch(InputSchema):
    name: Name = optional()
    tool: Tool = optional()
    description: Description = optional()
    fields: list[QuestionIn] = optional(min_length=1, max_length=30)
    is_active: bool = optional()


class ConversationOut(Schema):
    id: int
    partnership_id: int
    meeting_id: int | None
    goal_id: int | None
    template_id: int
    tool: str
    template_name: str
    questions: list[Question] = Field(description="The tool's questions as they were when the record was written")
    answers: dict[str, Any]
    scale_value: int | None = Field(description="For a scaling question: its 0–10 answer")
    author: str | None
    created_at: datetime

    @staticmethod
    def resolve_questions(obj: Conversation) -> list[dict[str, Any]]:
        return list(obj.template_fields)

    @staticmethod
    def resolve_scale_value(obj: Conversation) -> int | None:
        return scale_value(obj.template_fields, obj.answers)

    @staticmethod
    def resolve_author(obj: Conversation) -> str | None:
        return obj.author.person.full_name if obj.author is not None and hasattr(obj.author, "person") else None


class ConversationFilters(FilterSchema):
    partnership_id: int | None = Field(None, ge=1, le=MAX_ID, description="Records of this partnership only")
    tool: Tool | None = None


class ConversationCreate(InputSchema):
    template_id: Id
    meeting_id: Id | None = Field(None, description="The meeting it is about (or give goal_id)")
    goal_id: Id | None = Field(None, description="The goal it is about (or give meeting_id)")
    answers: dict[str, Any] = Field(description="One answer per question key; see the tool's fields")

    @model_validator(mode="after")
    def _one_subject(self) -> "ConversationCreate":
        if (self.meeting_id is None) == (self.goal_id is None):
            raise ValueError(_("Give meeting_id or goal_id, not both."))
        return self


# --- tools --------------------------------------------------------------------------------------


def _member_organization(request: HttpRequest, slug: str) -> Organization:
    return get_organization_for_user(request.user, slug)


def _staff_organization(request: HttpRequest, slug: str) -> Organization:
    organization = get_organization_for_user(request.user, slug)
    require_perm(request, services.MANAGE, organization)
    return organization


@router.get(
    "/organizations/{slug}/conversation-templates",
    response={200: list[TemplateOut], **READ_ERRORS},
    summary="The organization's conversation tools: built-ins (or its copies of them) and its own",
)
def conversation_templates_list(request: HttpRequest, slug: Slug) -> list[ConversationTemplate]:
    organization = _member_organization(request, slug)
    if request.user.has_perm(services.MANAGE, organization):
        return selectors.templates_for_organization(organization)
    return selectors.available_templates(organization)


@router.get(
    "/organizations/{slug}/conversation-templates/{template_id}",
    response={200: TemplateOut, **READ_ERRORS},
    summary="A built-in tool or one of the organization's own",
)
def conversation_template_get(request: HttpRequest, slug: Slug, template_id: ObjectId) -> ConversationTemplate:
    return selectors.get_template_for_staff(_member_organization(request, slug), template_id)


@router.post(
    "/organizations/{slug}/conversation-templates",
    response={201: TemplateOut, **WRITE_ERRORS},
    summary="Add one of the organization's own tools (staff); an error's field names the question, e.g. fields.1.options",
)
def conversation_template_create(
    request: HttpRequest, slug: Slug, payload: TemplateCreate
) -> Status[ConversationTemplate]:
    organization = _staff_organization(request, slug)
    template = services.template_create(
        actor=caller(request), organization=organization, data=payload.model_dump(exclude_unset=True)
    )
    return Status(201, template)


@router.patch(
    "/organizations/{slug}/conversation-templates/{template_id}",
    response={200: TemplateOut, **WRITE_ERRORS},
    summary="Change one of the organization's own tools (staff); built-ins stay as they are (403)",
)
def conversation_template_patch(
    request: HttpRequest, slug: Slug, template_id: ObjectId, payload: TemplatePatch
) -> ConversationTemplate:
    organization = _staff_organization(request, slug)
    template = selectors.get_template_for_staff(organization, template_id)
    return services.template_update(
        actor=caller(request), template=template, data=payload.model_dump(exclude_unset=True)
    )


@router.post(
    "/organizations/{slug}/conversation-templates/{builtin_id}/customize",
    response={201: TemplateOut, **WRITE_ERRORS},
    summary="Copy a built-in tool into the organization, which then uses its copy (staff)",
)
def conversation_template_customize(
    request: HttpRequest, slug: Slug, builtin_id: ObjectId
) -> Status[ConversationTemplate]:
    organization = _staff_organization(request, slug)
    template = selectors.get_template_for_staff(organization, builtin_id)
    copy = services.template_customize(actor=caller(request), organization=organization, template=template)
    return Status(201, copy)


# --- records ------------------------------------------------------------------------------------


@router.get(
    "/conversations",
    response=list[ConversationOut],
    summary="Records of my partnerships, latest first (only a partnership's two people see them)",
)
@paginate(Pagination)
def conversations_list(request: HttpRequest, filters: Query[ConversationFilters]) -> QuerySet[Conversation]:
    return selectors.conversations_for_user(
        caller(request), partnership_id=filters.partnership_id, tool=filters.tool or ""
    )


@router.get(
    "/conversations/{conversation_id}",
    response={200: ConversationOut, 404: ErrorOut},
    summary="One record of my partnerships",
)
def conversation_get(request: HttpRequest, conversation_id: ObjectId) -> Conversation:
    conversation = selectors.conversations_for_user(caller(request)).filter(pk=conversation_id).first()
    if conversation is None:
        raise NotFound()
    return conversation


@router.post(
    "/conversations",
    response={201: ConversationOut, **WRITE_ERRORS},
    summary="Record a conversation on a meeting or a goal of my active partnership; an error names the answer, e.g. answers.scale",
)
def conversation_create(request: HttpRequest, payload: ConversationCreate) -> Status[Conversation]:
    user = caller(request)
    subject: Meeting | Goal | None
    if payload.meeting_id is not None:
        subject = Meeting.objects.filter(pk=payload.meeting_id).first()
    elif payload.goal_id is not None:
        subject = Goal.objects.filter(pk=payload.goal_id).first()
    else:
        subject = None
    if subject is None:
        raise NotFound()
    partnership = selectors.get_partnership_for_participant(user, subject.partnership_id)
    template = ConversationTemplate.objects.filter(pk=payload.template_id).first()
    if template is None:
        raise DomainError(_("No tool has this id."), field="template_id")
    conversation = services.conversation_create(
        actor=user,
        partnership=partnership,
        template=template,
        answers=payload.answers,
        meeting=subject if isinstance(subject, Meeting) else None,
        goal=subject if isinstance(subject, Goal) else None,
    )
    return Status(201, selectors.conversations_for_user(user).get(pk=conversation.pk))
