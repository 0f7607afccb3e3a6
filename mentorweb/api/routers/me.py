"""The caller's own profile."""

from django.http import HttpRequest
from ninja import Router

from mentorweb.accounts.models import Person
from mentorweb.accounts.services import person_update
from mentorweb.api.auth import caller
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.schemas import PersonOut, PersonPatch

router = Router(tags=["me"])


def _person(request: HttpRequest) -> Person:
    # Every user gets a Person at sign-up; one made some other way without it is a 404 here.
    return Person.objects.select_related("user").get(user=caller(request))


@router.get("", response={200: PersonOut}, summary="My profile")
def me_get(request: HttpRequest) -> Person:
    return _person(request)


@router.patch(
    "",
    response={200: PersonOut, 400: ErrorOut, 422: ValidationErrorOut},
    summary="Change my profile",
)
def me_patch(request: HttpRequest, payload: PersonPatch) -> Person:
    data = payload.model_dump(exclude_unset=True)
    return person_update(actor=caller(request), person=_person(request), data=data)
