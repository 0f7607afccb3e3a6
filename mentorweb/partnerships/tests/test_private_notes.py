"""A private note is readable by its author only: never by the other person, administrators or
staff, the Django admin, exports and reports, the API for anyone else, the audit trail or logs."""

from __future__ import annotations

import io
import logging
import zipfile

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorweb.accounts.models import User
from mentorweb.core.errors import DomainError, NotFound
from mentorweb.core.models import AuditEntry
from mentorweb.partnerships import lifecycle
from mentorweb.partnerships.models import PrivateNote
from mentorweb.partnerships.notes import note_create, note_delete, note_update, note_view, notes_for
from mentorweb.partnerships.tests.workspace_world import SECRET, active_pair, meeting_row, note_row
from mentorweb.programs.times import today_in
from tests.factories import enrol_totp
from tests.pairing import member_of

# The note as a page shows it (the apostrophe before it is escaped in HTML).
SHOWN = "superintendent is undermining her"


@pytest.fixture
def pair(personas):
    return active_pair(personas.org)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def body(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


# --- the services ---------------------------------------------------------------------------


def test_author_writes_changes_and_deletes_their_note(pair):
    held = meeting_row(pair.partnership, -2, status="held")
    note = note_create(actor=pair.mentee.user, partnership=pair.partnership, text=f"  {SECRET}  ", meeting=held)
    assert note.author == pair.mentee.user and note.meeting == held
    [view] = notes_for(pair.mentee.user, pair.partnership)
    assert view.text == SECRET and view.meeting_id == held.pk
    note.partnership = pair.partnership
    note_update(actor=pair.mentee.user, note=note, text="Second thoughts", meeting=None)
    assert notes_for(pair.mentee.user, pair.partnership)[0].text == "Second thoughts"
    assert PrivateNote.objects.get().meeting_id is None
    note_delete(actor=pair.mentee.user, note=note)
    assert not PrivateNote.objects.exists()


def test_the_other_person_can_neither_read_change_nor_delete_it(pair):
    note = note_create(actor=pair.mentee.user, partnership=pair.partnership, text=SECRET)
    note.partnership = pair.partnership
    assert notes_for(pair.mentor.user, pair.partnership) == []
    for call in (
        lambda: note_view(pair.mentor.user, note),
        lambda: note_update(actor=pair.mentor.user, note=note, text="changed"),
        lambda: note_delete(actor=pair.mentor.user, note=note),
    ):
        with pytest.raises(NotFound):
            call()
    assert notes_for(pair.mentee.user, pair.partnership)[0].text == SECRET


def test_only_the_pair_write_notes_and_only_about_their_own_meetings(pair, personas):
    with pytest.raises(NotFound):
        note_create(actor=personas.admin, partnership=pair.partnership, text=SECRET)
    other = active_pair(personas.org, slug="other-program")
    foreign = meeting_row(other.partnership, -1)
    with pytest.raises(DomainError) as caught:
        note_create(actor=pair.mentor.user, partnership=pair.partnership, text=SECRET, meeting=foreign)
    assert caught.value.field == "meeting"
    with pytest.raises(DomainError) as caught:
        note_create(actor=pair.mentor.user, partnership=pair.partnership, text="   ")
    assert caught.value.field == "text"
    with pytest.raises(DomainError) as caught:
        note_create(actor=pair.mentor.user, partnership=pair.partnership, text="x" * 20001)
    assert caught.value.field == "text"
    assert not PrivateNote.objects.exists()


def test_an_ended_partnership_keeps_notes_readable_but_refuses_changes(pair):
    note = note_create(actor=pair.mentee.user, partnership=pair.partnership, text=SECRET)
    lifecycle.partnership_end(actor=pair.mentee.user, partnership=pair.partnership, reason="Moving away")
    partnership = pair.refresh()
    note.partnership = partnership
    for call in (
        lambda: note_create(actor=pair.mentee.user, partnership=partnership, text="more"),
        lambda: note_update(actor=pair.mentee.user, note=note, text="changed"),
        lambda: note_delete(actor=pair.mentee.user, note=note),
    ):
        with pytest.raises(DomainError) as caught:
            call()
        assert caught.value.code == "read_only"
        assert "ended early" in caught.value.message
    assert notes_for(pair.mentee.user, partnership)[0].text == SECRET


# --- the audit trail and logs ---------------------------------------------------------------


def test_the_audit_trail_records_the_fact_never_the_text(pair):
    note = note_create(actor=pair.mentee.user, partnership=pair.partnership, text=SECRET)
    note.partnership = pair.partnership
    note_update(actor=pair.mentee.user, note=note, text=SECRET + " (later)")
    note_delete(actor=pair.mentee.user, note=note)
    entries = AuditEntry.objects.filter(object_type="partnerships.privatenote").order_by("pk")
    assert [e.action for e in entries] == ["private_note.created", "private_note.updated", "private_note.deleted"]
    assert entries[0].organization == pair.partnership.organization
    for entry in entries:
        assert "superintendent" not in f"{entry.changes} {entry.object_label}"
    assert entries[1].changes == {"text": ["…", "…"]}


def test_nothing_reaches_logs_or_sql_in_plain_text(pair, caplog):
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        note = note_create(actor=pair.mentee.user, partnership=pair.partnership, text=SECRET)
        note.partnership = pair.partnership
        note_update(actor=pair.mentee.user, note=note, text=SECRET + " again")
        response = client_for(pair.mentee.user).get(reverse("partnerships:notes", args=[pair.partnership.pk]))
    assert SHOWN in body(response)  # the author reads it
    assert "superintendent" not in caplog.text
    assert all("superintendent" not in query["sql"] for query in queries.captured_queries)


# --- pages, admin, exports, API -------------------------------------------------------------


def test_partner_staff_and_administrators_never_see_it_on_any_page(pair, personas):
    note_create(actor=pair.mentee.user, partnership=pair.partnership, text=SECRET)
    meeting_row(pair.partnership, -1, status="held")
    detail = reverse("partnerships:detail", args=[pair.partnership.pk])
    notes_page = reverse("partnerships:notes", args=[pair.partnership.pk])
    author = client_for(pair.mentee.user)
    assert SHOWN in body(author.get(detail))
    assert "Only you can read these." in body(author.get(detail))
    partner = client_for(pair.mentor.user)
    for url in (detail, notes_page, reverse("partnerships:agreement", args=[pair.partnership.pk])):
        response = partner.get(url)
        assert response.status_code == 200
        assert "superintendent" not in body(response)
    for user in (personas.admin, personas.staff):
        client = client_for(user)
        assert client.get(detail).status_code == 404
        assert client.get(notes_page).status_code == 404
        for url in (
            reverse("organizations:audit", args=[personas.org.slug]),
            reverse("organizations:audit_export", args=[personas.org.slug]),
            reverse("partnerships:staff_list", args=[personas.org.slug]),
            reverse("partnerships:staff_export", args=[personas.org.slug]),
        ):
            response = client.get(url)
            # The administrator reads all of these; a coordinator, the staff pages only.
            assert response.status_code == (200 if user == personas.admin or "partnerships" in url else 403), url
            assert "superintendent" not in body(response), url


def test_exports_and_reports_never_contain_it(pair, personas):
    note_create(actor=pair.mentee.user, partnership=pair.partnership, text=SECRET)
    offering = pair.partnership.offering
    client = client_for(personas.admin)
    year = today_in(personas.org.time_zone).year
    urls = [
        reverse("reports:offering_dashboard", args=[personas.org.slug, offering.pk]),
        reverse("reports:offering_dashboard_csv", args=[personas.org.slug, offering.pk]),
        reverse("reports:completions", args=[personas.org.slug]),
        reverse("partnerships:staff_export", args=[personas.org.slug]),
        reverse("partnerships:evaluation_csv", args=[personas.org.slug, pair.program.pk]),
        reverse("partnerships:costs_report_csv", args=[personas.org.slug, pair.program.pk, year]),
        reverse("organizations:audit_export", args=[personas.org.slug]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "superintendent" not in body(response), url
    for url in (
        reverse("reports:offering_dashboard_xlsx", args=[personas.org.slug, offering.pk]),
        reverse("partnerships:costs_report_xlsx", args=[personas.org.slug, pair.program.pk, year]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        with zipfile.ZipFile(
            io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
        ) as xlsx:
            text = " ".join(xlsx.read(name).decode("utf-8", "replace") for name in xlsx.namelist())
        assert "superintendent" not in text, url


def test_the_django_admin_registers_nothing_that_shows_it(pair, django_user_model):
    note_create(actor=pair.mentee.user, partnership=pair.partnership, text=SECRET)
    assert PrivateNote not in admin.site._registry
    for model_admin in admin.site._registry.values():
        inlines = [inline.model for inline in getattr(model_admin, "inlines", [])]
        assert PrivateNote not in inlines, type(model_admin).__name__
    superuser = django_user_model.objects.create_superuser(email="root@example.org", password="x-long-password-1")
    enrol_totp(superuser)
    client = client_for(superuser)
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "privatenote" not in body(index).lower() and "private note" not in body(index).lower()
    assert client.get("/admin/partnerships/privatenote/").status_code == 404
    for model in admin.site._registry:
        meta = model._meta
        response = client.get(f"/admin/{meta.app_label}/{meta.model_name}/")
        assert "superintendent" not in body(response), meta.label


def test_the_api_gives_notes_to_their_author_only(pair, personas):
    from mentorweb.api.services import token_create

    note = note_create(actor=pair.mentee.user, partnership=pair.partnership, text=SECRET)
    base = f"/api/v1/partnerships/{pair.partnership.pk}/notes"

    def call(user, method, url, data=None):
        token = token_create(user=user, name="t", expires_at=None)[1]
        kwargs = {"data": data, "content_type": "application/json"} if data is not None else {}
        return getattr(Client(), method)(url, HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)

    mine = call(pair.mentee.user, "get", base)
    assert mine.status_code == 200 and mine.json()[0]["text"] == SECRET
    partner = call(pair.mentor.user, "get", base)
    assert partner.status_code == 200 and partner.json() == []
    for method, data in (("patch", {"text": "hijack"}), ("delete", None)):
        response = call(pair.mentor.user, method, f"{base}/{note.pk}", data)
        assert response.status_code == 404
        assert "superintendent" not in body(response)
    for user in (personas.admin, personas.staff, personas.outsider):
        response = call(user, "get", base)
        assert response.status_code == 404
        assert "superintendent" not in body(response)
    assert notes_for(pair.mentee.user, pair.partnership)[0].text == SECRET


def test_one_persons_other_partnerships_are_invisible_to_the_partner(pair, personas):
    # The mentor also mentors someone else: that partnership and its notes are not the mentee's business.
    other = active_pair(personas.org, mentor=pair.mentor, mentee=member_of(personas.org), slug="second-program")
    note_row(other.partnership, pair.mentor)
    client = client_for(pair.mentee.user)
    for name in ("partnerships:detail", "partnerships:notes", "partnerships:agreement", "partnerships:meetings"):
        assert client.get(reverse(name, args=[other.partnership.pk])).status_code == 404
    token_user = pair.mentee.user
    from mentorweb.api.services import token_create

    token = token_create(user=token_user, name="t", expires_at=None)[1]
    response = Client().get(
        f"/api/v1/partnerships/{other.partnership.pk}/meetings", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 404
