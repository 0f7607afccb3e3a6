"""English and French: the switch, the cookie, the person's preference, the login."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from mentorweb.accounts.models import Person
from mentorweb.accounts.services import person_set_language
from mentorweb.accounts.tests.conftest import check_page, log_in
from mentorweb.accounts.tests.test_profile import profile_data
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry

COOKIE = settings.LANGUAGE_COOKIE_NAME


def in_french(text: str) -> str:
    with translation.override("fr"):
        translated = translation.gettext(text)
    assert translated != text, f"no French for {text!r}"
    return translated


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "english"),
    [
        ("/", "Mentoring programs for educators, end to end"),
        ("/", "Skip to main content"),
        ("/accounts/login/", "New to Mentorweb?"),
        ("/accounts/signup/", "Create an account"),
    ],
)
def test_pages_are_in_french_with_the_french_cookie(client: Client, url: str, english: str) -> None:
    client.cookies[COOKIE] = "fr"
    response = client.get(url)
    html = response.content.decode()
    check_page(html)
    assert '<html lang="fr">' in html
    assert in_french(english) in html
    assert english not in html


def test_allauth_and_form_labels_are_french_too(personas: Any) -> None:
    client = personas.client_for("member")
    client.cookies[COOKIE] = "fr"
    html = client.get("/me/profile/").content.decode()
    assert in_french("My profile") in html
    assert in_french("Registration number") in html
    assert in_french("Professional credentials") in html
    html = client.get("/accounts/password/change/").content.decode()
    assert "Mot de passe actuel" in html  # from allauth's own French catalogue


@pytest.mark.django_db
def test_a_visitor_switches_language_with_a_cookie(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/accounts/login/"})
    assert response["Location"] == "/accounts/login/"
    assert response.cookies[COOKIE].value == "fr"
    assert response.cookies[COOKIE]["samesite"] == "Lax"
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_a_logged_in_person_keeps_the_choice_on_their_profile(personas: Any) -> None:
    client = personas.client_for("member")
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/me/profile/"})
    assert response["Location"] == "/me/profile/"
    assert response.cookies[COOKIE].value == "fr"
    person = Person.objects.get(user=personas.member)
    assert person.preferred_language == "fr"
    entry = AuditEntry.objects.get(action="person.language_changed")
    assert (entry.actor, entry.changes) == (personas.member, {"preferred_language": ["en", "fr"]})

    # Choosing the same language again records nothing new.
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert AuditEntry.objects.filter(action="person.language_changed").count() == 1


@pytest.mark.parametrize("language", ["de", "", "fr-xx' OR 1=1"])
def test_an_unknown_language_changes_nothing(personas: Any, language: str) -> None:
    response = personas.client_for("member").post("/i18n/setlang/", {"language": language, "next": "/"})
    assert response.status_code == 302
    assert COOKIE not in response.cookies
    assert Person.objects.get(user=personas.member).preferred_language == "en"
    assert not AuditEntry.objects.filter(action="person.language_changed").exists()


def test_an_unsafe_next_address_goes_home(personas: Any) -> None:
    response = personas.client_for("member").post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_login_switches_to_the_persons_language(personas: Any, client: Client) -> None:
    Person.objects.filter(user=personas.member).update(preferred_language="fr")
    response = log_in(client, personas.member.email)
    assert response["Location"] == "/"
    assert response.cookies[COOKIE].value == "fr"
    html = client.get("/").content.decode()
    assert '<html lang="fr">' in html
    assert "Connexion avec" in html  # allauth's "Successfully signed in", in French


def test_saving_the_preferred_language_on_the_profile_switches_the_interface(personas: Any) -> None:
    person = personas.member.person
    client = personas.client_for("member")
    response = client.post("/me/profile/", profile_data(person, preferred_language="fr"))
    assert response.cookies[COOKIE].value == "fr"
    html = client.get("/me/profile/").content.decode()
    assert '<html lang="fr">' in html
    assert in_french("Your profile was saved.") in html


def test_person_set_language_refuses_other_languages(personas: Any) -> None:
    with pytest.raises(DomainError) as error:
        person_set_language(actor=personas.member, person=personas.member.person, language="de")
    assert error.value.field == "preferred_language"
