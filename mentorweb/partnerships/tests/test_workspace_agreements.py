"""The agreement the pair co-create: versions, acknowledgements of both and of confidentiality,
history, and refusals that name the field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mentorweb.core.errors import DomainError, NotFound
from mentorweb.core.models import AuditEntry
from mentorweb.partnerships import lifecycle
from mentorweb.partnerships.agreements import agreement_acknowledge, agreement_propose, initial_values
from mentorweb.partnerships.models import Agreement, AgreementStatus
from mentorweb.partnerships.tests.workspace_world import active_pair

PLAN = {
    "informal_channels": ["text", "email"],
    "informal_notes": "Text any time on school days; we answer within the day.",
    "formal_planning": "A goal-setting conversation in October, then a review each term.",
    "meeting_every_days": 14,
    "meeting_modes": ["face_to_face", "video"],
    "hours_per_month": Decimal("3"),
}


@pytest.fixture
def pair(personas):
    return active_pair(personas.org)


def propose(pair, who, **changes):
    return agreement_propose(
        actor=who.user, partnership=pair.partnership, data={**PLAN, **changes}, confidentiality=True
    )


def test_both_acknowledge_and_it_is_agreed(pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        version = propose(pair, pair.mentor)
    assert version.version == 1 and version.status == AgreementStatus.PROPOSED
    assert version.mentor_acknowledged_at is not None and version.mentee_acknowledged_at is None
    assert version.proposed_by == pair.mentor.user
    # The other person is told, in their language, with a link to read it.
    [message] = mail.outbox
    assert message.to == [pair.mentee.user.email]
    assert "proposed" in message.subject
    assert f"/me/partnerships/{pair.partnership.pk}/agreement/" in message.body
    version.partnership = pair.partnership
    agreed = agreement_acknowledge(actor=pair.mentee.user, agreement=version, confidentiality=True)
    assert agreed.status == AgreementStatus.AGREED
    assert agreed.mentee_acknowledged_at is not None
    assert AuditEntry.objects.filter(action="agreement.agreed", object_id=str(version.pk)).exists()


def test_a_change_keeps_the_agreed_version_until_both_acknowledge(pair):
    first = propose(pair, pair.mentor)
    first.partnership = pair.partnership
    agreement_acknowledge(actor=pair.mentee.user, agreement=first, confidentiality=True)
    second = propose(pair, pair.mentee, meeting_every_days=7)
    assert second.version == 2
    assert Agreement.objects.get(pk=first.pk).status == AgreementStatus.AGREED
    second.partnership = pair.partnership
    agreement_acknowledge(actor=pair.mentor.user, agreement=second, confidentiality=True)
    assert Agreement.objects.get(pk=first.pk).status == AgreementStatus.SUPERSEDED
    assert Agreement.objects.get(pk=second.pk).status == AgreementStatus.AGREED
    assert initial_values(pair.partnership)["meeting_every_days"] == 7


def test_a_new_proposal_replaces_the_open_one(pair):
    first = propose(pair, pair.mentor)
    second = propose(pair, pair.mentee, meeting_every_days=21)
    assert Agreement.objects.get(pk=first.pk).status == AgreementStatus.SUPERSEDED
    assert second.version == 2 and second.status == AgreementStatus.PROPOSED
    first.partnership = pair.partnership
    with pytest.raises(DomainError, match="no longer open"):
        agreement_acknowledge(actor=pair.mentee.user, agreement=first, confidentiality=True)


def test_acknowledging_twice_or_without_confidentiality_is_refused(pair):
    version = propose(pair, pair.mentor)
    version.partnership = pair.partnership
    with pytest.raises(DomainError, match="already acknowledged"):
        agreement_acknowledge(actor=pair.mentor.user, agreement=version, confidentiality=True)
    with pytest.raises(DomainError) as caught:
        agreement_acknowledge(actor=pair.mentee.user, agreement=version, confidentiality=False)
    assert caught.value.field == "confidentiality"
    assert Agreement.objects.get(pk=version.pk).mentee_acknowledged_at is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"informal_channels": []}, "informal_channels"),
        ({"informal_channels": ["carrier pigeon"]}, "informal_channels"),
        ({"meeting_modes": ["telepathy"]}, "meeting_modes"),
        ({"meeting_every_days": 0}, "meeting_every_days"),
        ({"meeting_every_days": "often"}, "meeting_every_days"),
        ({"hours_per_month": Decimal("-1")}, "hours_per_month"),
        ({"hours_per_month": Decimal("1.234")}, "hours_per_month"),
        ({"formal_planning": "x" * 4001}, "formal_planning"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(pair, changes, field):
    with pytest.raises(DomainError) as caught:
        propose(pair, pair.mentor, **changes)
    assert caught.value.field == field
    assert not Agreement.objects.exists()


def test_confidentiality_must_be_acknowledged_to_propose(pair):
    with pytest.raises(DomainError) as caught:
        agreement_propose(actor=pair.mentor.user, partnership=pair.partnership, data=PLAN, confidentiality=False)
    assert caught.value.field == "confidentiality"
    assert not Agreement.objects.exists()


def test_proposing_what_is_already_agreed_is_refused(pair):
    version = propose(pair, pair.mentor)
    version.partnership = pair.partnership
    agreement_acknowledge(actor=pair.mentee.user, agreement=version, confidentiality=True)
    with pytest.raises(DomainError, match="already have"):
        propose(pair, pair.mentee, hours_per_month=Decimal("3.00"))


def test_only_the_pair_and_only_while_active(pair, personas):
    with pytest.raises(NotFound):
        agreement_propose(actor=personas.admin, partnership=pair.partnership, data=PLAN, confidentiality=True)
    lifecycle.partnership_end(actor=pair.mentor.user, partnership=pair.partnership, reason="Retiring")
    with pytest.raises(DomainError) as caught:
        propose(pair, pair.mentor)
    assert caught.value.code == "read_only"


def test_the_audit_trail_keeps_the_pairs_words_out(pair):
    propose(pair, pair.mentor)
    entry = AuditEntry.objects.get(action="agreement.proposed")
    assert entry.changes["informal_notes"] == [None, "…"]
    assert entry.changes["formal_planning"] == [None, "…"]
    assert entry.changes["meeting_every_days"] == [None, 14]
    assert "school days" not in str(entry.changes)


def test_the_pages_co_create_it_and_show_the_history(pair):
    mentor, mentee = Client(), Client()
    mentor.force_login(pair.mentor.user)
    mentee.force_login(pair.mentee.user)
    url = reverse("partnerships:agreement", args=[pair.partnership.pk])
    form = {
        "informal_channels": ["text", "email"],
        "informal_notes": "Text any time",
        "formal_planning": "Termly review",
        "meeting_every_days": "14",
        "meeting_modes": ["video"],
        "hours_per_month": "2.5",
    }
    # Without the confidentiality box the page says so next to the box, and nothing is saved.
    refused = mentor.post(url, form)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert 'id="id_confidentiality_error"' in page
    assert 'aria-describedby="id_confidentiality_error"' in page
    assert not Agreement.objects.exists()
    assert mentor.post(url, {**form, "confidentiality": "on"}).status_code == 302
    version = Agreement.objects.get()
    page = mentee.get(url).content.decode()
    assert "Proposed change" in page and "Marguerite Mentor" in page
    acknowledge = reverse("partnerships:agreement_acknowledge", args=[pair.partnership.pk, version.pk])
    assert mentee.get(acknowledge).status_code == 405
    assert mentee.post(acknowledge, {"ack-confidentiality": "on"}).status_code == 302
    assert Agreement.objects.get().status == AgreementStatus.AGREED
    # A change proposed by the mentee; the history lists both versions with who proposed each.
    mentee.post(url, {**form, "meeting_every_days": "7", "confidentiality": "on"})
    page = mentor.get(url).content.decode()
    assert "Version 2" in page and "Version 1" in page
    assert "Proposed by Ezra Mentee" in page and "Proposed by you" in page
    assert "Proposed by Marguerite Mentor" in mentee.get(url).content.decode()
    assert "Changed: we meet every (days)." in page
    assert "In force" in page
