import csv
import io
from datetime import UTC, datetime

import pytest

from mentorweb.core.models import AuditEntry, AuditSource
from mentorweb.organizations.exports import change_rows, csv_safe


def entry(organization, *, at, actor="admin@example.org", action="membership.invited", source=AuditSource.WEB, **extra):
    row = AuditEntry.objects.create(
        organization=organization,
        actor_label=actor,
        action=action,
        object_type=extra.pop("object_type", "organizations.membership"),
        object_id=extra.pop("object_id", "7"),
        object_label=extra.pop("object_label", "Jane Doe in Northern Lights"),
        source=source,
        changes=extra.pop("changes", {"role": [None, "member"]}),
    )
    # `at` is set on insert; move it to the moment the test needs.
    AuditEntry.objects.filter(pk=row.pk).update(at=at)
    return row


def trail(client, personas, **params):
    response = client.get(f"/o/{personas.org.slug}/audit/", params)
    assert response.status_code == 200
    return response


def ids(response):
    return {e.pk for e in response.context["page"]}


def test_times_are_shown_in_the_organizations_time_zone(personas):
    entry(personas.org, at=datetime(2024, 1, 15, 17, 30, tzinfo=UTC))
    page = trail(personas.client_for("admin"), personas).content.decode()
    assert "2024-01-15 12:30" in page  # Toronto, UTC-5 in winter
    personas.org.time_zone = "America/Vancouver"
    personas.org.save()
    page = trail(personas.client_for("admin"), personas).content.decode()
    assert "2024-01-15 09:30" in page


def test_the_trail_holds_only_this_organizations_entries(personas):
    mine = entry(personas.org, at=datetime(2024, 1, 15, tzinfo=UTC))
    entry(personas.other_org, at=datetime(2024, 1, 15, tzinfo=UTC), actor="spy@example.org")
    entry(None, at=datetime(2024, 1, 15, tzinfo=UTC), actor="nobody@example.org")
    response = trail(personas.client_for("admin"), personas)
    assert ids(response) == {mine.pk}


def test_changes_are_readable(personas):
    entry(personas.org, at=datetime(2024, 1, 15, tzinfo=UTC), changes={"role": ["member", "org_admin"]})
    assert "member → org_admin" in trail(personas.client_for("admin"), personas).content.decode()
    assert change_rows({"status": [None, "active"], "note": "x"}) == [("status", "— → active"), ("note", "x")]


def test_filters(personas):
    at = datetime(2024, 3, 10, 15, tzinfo=UTC)
    invited = entry(personas.org, at=at, actor="ana@example.org", action="membership.invited")
    role = entry(personas.org, at=at, actor="ben@example.org", action="membership.role_changed", source=AuditSource.API)
    org = entry(personas.org, at=at, action="organization.updated", object_type="organizations.organization")
    client = personas.client_for("admin")

    assert ids(trail(client, personas, actor="ANA@")) == {invited.pk}
    assert ids(trail(client, personas, action="membership.")) == {invited.pk, role.pk}
    assert ids(trail(client, personas, action="membership.role_changed")) == {role.pk}
    assert ids(trail(client, personas, object_type="organizations.organization")) == {org.pk}
    assert ids(trail(client, personas, source=AuditSource.API)) == {role.pk}


def test_date_filters_are_whole_days_in_the_organizations_time_zone(personas):
    # 03:00 UTC on the 16th is still the evening of the 15th in Toronto.
    late = entry(personas.org, at=datetime(2024, 1, 16, 3, 0, tzinfo=UTC))
    early = entry(personas.org, at=datetime(2024, 1, 16, 6, 0, tzinfo=UTC))
    client = personas.client_for("admin")
    assert ids(trail(client, personas, until="2024-01-15")) == {late.pk}
    assert ids(trail(client, personas, since="2024-01-16")) == {early.pk}
    assert ids(trail(client, personas, since="2024-01-15", until="2024-01-16")) == {late.pk, early.pk}


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2024-02-01", "until": "2024-01-01"},
        {"since": "yesterday"},
        {"until": "9999-12-31"},
        {"since": "0001-01-01"},
        {"source": "carrier pigeon"},
        {"page": "-4"},
    ],
)
def test_bad_filters_give_a_message_not_an_error(personas, params):
    entry(personas.org, at=datetime(2024, 1, 15, tzinfo=UTC))
    response = trail(personas.client_for("admin"), personas, **params)
    if "page" not in params:
        assert response.context["filters"].errors
    export = personas.client_for("admin").get(f"/o/{personas.org.slug}/audit/export.csv", params)
    assert export.status_code == 200


@pytest.mark.parametrize("rows", [3, 120])
def test_the_trail_runs_a_bounded_number_of_queries(personas, django_assert_max_num_queries, rows):
    for n in range(rows):
        entry(personas.org, at=datetime(2024, 1, 1, tzinfo=UTC), object_id=str(n))
    client = personas.client_for("admin")
    with django_assert_max_num_queries(12):
        trail(client, personas, action="membership")


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_download_of_the_filtered_trail(personas):
    entry(personas.org, at=datetime(2024, 1, 15, 17, 30, tzinfo=UTC), action="membership.invited")
    entry(personas.org, at=datetime(2024, 1, 15, 17, 30, tzinfo=UTC), action="organization.updated")
    entry(personas.other_org, at=datetime(2024, 1, 15, tzinfo=UTC), action="membership.invited")
    response = personas.client_for("admin").get(f"/o/{personas.org.slug}/audit/export.csv", {"action": "membership"})
    header, *rows = read_csv(response)
    assert header[:4] == ["Time", "Actor", "Source", "Action"]
    assert len(rows) == 1
    assert rows[0][0] == "2024-01-15T12:30:00-05:00"
    assert rows[0][3] == "membership.invited"
    assert rows[0][7] == '{"role": [null, "member"]}'


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(personas):
    entry(
        personas.org,
        at=datetime(2024, 1, 15, tzinfo=UTC),
        actor='=HYPERLINK("http://evil.example")',
        object_label="+1 555 0100",
        object_id="-7",
        object_type="@SUM(A1)",
    )
    (_header, row) = read_csv(personas.client_for("admin").get(f"/o/{personas.org.slug}/audit/export.csv"))
    assert row[1] == '\'=HYPERLINK("http://evil.example")'
    assert row[4] == "'@SUM(A1)"
    assert row[5] == "'-7"
    assert row[6] == "'+1 555 0100"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("a=b", "a=b"),
        (None, ""),
        (7, "7"),
    ],
)
def test_csv_safe(value, expected):
    assert csv_safe(value) == expected


def test_only_admins_read_the_trail(personas):
    for name, status in (("staff", 403), ("member", 403), ("outsider", 404)):
        assert personas.client_for(name).get(f"/o/{personas.org.slug}/audit/").status_code == status
        assert personas.client_for(name).get(f"/o/{personas.org.slug}/audit/export.csv").status_code == status
