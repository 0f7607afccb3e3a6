import pytest


@pytest.mark.django_db
def test_welcome_page_for_visitors(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Skip to main content" in response.content


def test_home_for_member(personas):
    response = personas.client_for("member").get("/")
    assert response.status_code == 200
    assert personas.member.person.given_name in response.content.decode()


def test_staff_without_mfa_is_sent_to_set_it_up(personas):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=personas.staff).delete()
    response = personas.client_for("staff").get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_only_the_most_specific_menu_entry_is_the_current_page(rf, personas):
    from mentorweb.core.navigation import NAV_BUILDERS, NavItem, navigation_for

    def nested(request):
        return [NavItem("Organizations", "/o/", True), NavItem("Programs", "/o/x/programs/", True)]

    request = rf.get("/o/x/programs/")
    request.user = personas.member
    NAV_BUILDERS.append(nested)
    try:
        items = [item for item in navigation_for(request) if item.url.startswith("/o/")]
    finally:
        NAV_BUILDERS.remove(nested)
    current = [item.label for item in items if item.current]
    assert current == ["Programs"]
