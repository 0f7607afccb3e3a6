"""Pairing applications under concurrent requests (run on SQLite and on PostgreSQL).

The partial unique constraint registration_one_live_per_person is what keeps one live
application per person and offering: twenty submits at the same moment make one.
"""

from __future__ import annotations

import pytest

from mentorweb.accounts.models import Person
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.programs.models import Offering
from mentorweb.registrations.models import Registration, RegistrationStatus
from mentorweb.registrations.pairing.services import application_submit
from mentorweb.registrations.pairing.tests.world import bc_mentee, bcpvpa, mentee_data
from tests.concurrency.harness import run_at_once

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def test_twenty_simultaneous_submits_make_one_application():
    seed = bcpvpa()
    person = bc_mentee(seed)

    def submit(i: int) -> Registration:
        offering = Offering.objects.select_related("program__organization", "program__pairing").get(pk=seed.offering.pk)
        me = Person.objects.select_related("user").get(pk=person.pk)
        return application_submit(actor=me.user, offering=offering, role="mentee", data=mentee_data())

    results = run_at_once(submit, 20)

    made = [r for r in results if isinstance(r, Registration)]
    assert len(made) == 1, results
    refused = [r for r in results if not isinstance(r, Registration)]
    assert all(isinstance(r, DomainError) and r.code == "duplicate" and r.field == "offering" for r in refused), refused
    assert Registration.objects.filter(offering=seed.offering, person=person).count() == 1
    assert Registration.objects.get().status == RegistrationStatus.SUBMITTED
    # Nothing half-saved by the refused ones: one audit entry for the one application.
    assert AuditEntry.objects.filter(action="application.submitted").count() == 1
