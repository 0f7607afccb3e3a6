from mentorweb.accounts.models import RoleGroup
from tests.factories import UserFactory


def nav(client, path="/o/"):
    return {item.label: item for item in client.get(path).context["nav_items"]}


def titles(client):
    return [section.title for section in client.get("/").context["sections"]]


def test_menu_follows_permissions(personas):
    admin = nav(personas.client_for("admin"))
    assert set(admin) >= {"Organizations", "People", "Audit trail"}
    assert admin["People"].url == "/o/northern-lights/people/"
    assert admin["Organizations"].current

    staff = nav(personas.client_for("staff"))
    assert "People" in staff
    assert "Audit trail" not in staff

    member = nav(personas.client_for("member"))
    assert "Organizations" in member
    assert "People" not in member

    outsider = nav(personas.client_for("outsider"))
    assert outsider["People"].url == "/o/southern-shores/people/"


def test_menu_marks_the_current_page(personas):
    items = nav(personas.client_for("admin"), "/o/northern-lights/audit/")
    assert items["Audit trail"].current
    assert not items["Organizations"].current
    assert not items["People"].current


def test_menu_names_the_organization_when_there_are_several(personas):
    from mentorweb.organizations.models import StaffRole
    from tests.factories import MembershipFactory

    MembershipFactory(organization=personas.other_org, person=personas.staff.person, role=StaffRole.COORDINATOR)
    labels = set(nav(personas.client_for("staff")))
    assert {"People (Northern Lights District School Board)", "People (Southern Shores Association)"} <= labels


def test_home_tells_an_admin_to_invite_and_review(personas):
    client = personas.client_for("admin")
    sections = client.get("/").context["sections"]
    mine = [s for s in sections if s.title == personas.org.name]
    assert len(mine) == 1
    urls = {action.url for action in mine[0].actions}
    assert {"/o/northern-lights/people/invite/", "/o/northern-lights/audit/"} <= urls


def test_home_tells_a_member_with_gaps_to_complete_the_profile(personas):
    client = personas.client_for("member")
    sections = {s.title: s for s in client.get("/").context["sections"]}
    assert "position" in sections["Complete your profile"].body
    assert personas.org.name not in sections  # nothing to manage

    person = personas.member.person
    person.position = "Grade 3 teacher"
    person.region = "North"
    person.role_group = RoleGroup.TEACHER
    person.languages_of_service = ["en"]
    person.bio = "Twenty years in the classroom."
    person.save()
    assert "Complete your profile" not in titles(client)


def test_home_tells_someone_without_an_organization_how_to_join(db, client):
    user = UserFactory()
    client.force_login(user)
    sections = client.get("/").context["sections"]
    assert any(user.email in s.body for s in sections)
