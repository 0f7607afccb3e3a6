"""Program, module and refund-policy services: checks naming the field, atomicity, the audit trail."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.programs import services
from mentorweb.programs.models import CourseModule, Program, RefundTier
from mentorweb.programs.policies import TierError, tiers_of
from mentorweb.programs.tests.factories import ProgramFactory, course_with_offering

MQP_DATA = {
    "name": "Mentoring Qualification Program",
    "short_name": "MQP",
    "learning_components": ["theoretical foundations", "  ", "courageous conversations"],
    "required_credential_kind": "oct",
    "admission_requirements": "OCT registration in good standing.",
    "fee": Decimal("900.00"),
    "non_refundable_fee": "50",
    "minimum_enrolment": 12,
}
MODULES = [
    {"number": n, "title": f"Module {n}", "synchronous_hours": s, "asynchronous_hours": a}
    for n, s, a in ((1, 11, 19), (2, 11, 19), (3, 14, 16), (4, 0, 35))
]
TIERS = [
    {"min_days_before": 14, "max_days_before": None, "amount": "850"},
    {"min_days_before": 0, "max_days_before": 14, "amount": Decimal("250")},
    {"min_days_before": None, "max_days_before": 0, "amount": 0},
]


def test_staff_create_a_program_with_its_modules(personas):
    program = services.program_create(actor=personas.staff, organization=personas.org, data=MQP_DATA, modules=MODULES)
    assert program.slug == "mentoring-qualification-program"
    assert program.learning_components == ["theoretical foundations", "courageous conversations"]
    assert program.non_refundable_fee == Decimal("50.00") and program.refundable_amount == Decimal("850.00")
    modules = list(program.modules.order_by("number"))
    assert sum(m.synchronous_hours for m in modules) == 36
    assert sum(m.asynchronous_hours for m in modules) == 89
    entry = AuditEntry.objects.get(action="program.created")
    assert entry.organization == personas.org and entry.actor == personas.staff
    assert entry.changes["fee"] == [None, "900.00"]
    assert AuditEntry.objects.filter(action="module.created").count() == 4


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_only_admins_and_coordinators_set_up_programs(personas, persona):
    with pytest.raises(DomainError) as error:
        services.program_create(actor=getattr(personas, persona), organization=personas.org, data=MQP_DATA)
    assert error.value.code == "forbidden"
    assert not Program.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "   "}, "name"),
        ({"fee": "-1"}, "fee"),
        ({"fee": 9.5}, "fee"),
        ({"fee": "12.345"}, "fee"),
        ({"non_refundable_fee": "950"}, "non_refundable_fee"),
        ({"required_credential_kind": "driving"}, "required_credential_kind"),
        ({"contact_email": "not an address"}, "contact_email"),
        ({"minimum_enrolment": -1}, "minimum_enrolment"),
        ({"slug": "new"}, "slug"),
        ({"slug": "has spaces"}, "slug"),
        ({"colour": "blue"}, "colour"),
        ({"summary": "nul\x00byte"}, "summary"),
    ],
)
def test_bad_input_is_refused_with_the_field_named_and_nothing_saved(personas, change, field):
    with pytest.raises(DomainError) as error:
        services.program_create(actor=personas.admin, organization=personas.org, data={**MQP_DATA, **change})
    assert error.value.field == field
    assert not Program.objects.exists() and not AuditEntry.objects.filter(action__startswith="program").exists()


def test_a_bad_module_refuses_the_whole_program(personas):
    modules = [*MODULES, {"number": 2, "title": "Twice"}]
    with pytest.raises(DomainError) as error:
        services.program_create(actor=personas.admin, organization=personas.org, data=MQP_DATA, modules=modules)
    assert error.value.field == "modules.4.number"
    assert not Program.objects.exists() and not CourseModule.objects.exists()


def test_slugs_are_unique_per_organization(personas):
    services.program_create(actor=personas.admin, organization=personas.org, data={**MQP_DATA, "slug": "mqp"})
    with pytest.raises(DomainError) as error:
        services.program_create(actor=personas.admin, organization=personas.org, data={**MQP_DATA, "slug": "mqp"})
    assert error.value.field == "slug"
    second = services.program_create(actor=personas.admin, organization=personas.org, data=MQP_DATA)
    third = services.program_create(actor=personas.admin, organization=personas.org, data=MQP_DATA)
    assert (second.slug, third.slug) == ("mentoring-qualification-program", "mentoring-qualification-program-2")


def test_update_records_only_what_changed_and_modules_match_by_number(personas):
    program = services.program_create(actor=personas.admin, organization=personas.org, data=MQP_DATA, modules=MODULES)
    module_1 = program.modules.get(number=1)
    new_modules = [{**MODULES[0], "title": "Introducing Mentoring"}, *MODULES[1:3]]
    services.program_update(
        actor=personas.staff,
        program=program,
        data={"name": MQP_DATA["name"], "is_published": True},
        modules=new_modules,
    )
    entry = AuditEntry.objects.get(action="program.updated")
    assert entry.changes == {"is_published": [False, True]}
    assert list(program.modules.values_list("number", flat=True)) == [1, 2, 3]
    assert program.modules.get(number=1).pk == module_1.pk
    assert AuditEntry.objects.filter(action="module.deleted").count() == 1


def test_a_fee_cut_below_the_refund_policy_is_refused(personas):
    program = course_with_offering(personas.org).program
    with pytest.raises(DomainError) as error:
        services.program_update(actor=personas.admin, program=program, data={"fee": "500"})
    assert error.value.field == "fee"
    assert "Change the refund policy first" in error.value.message
    program.refresh_from_db()
    assert program.fee == Decimal("900.00")


def test_module_services_keep_numbers_unique(personas):
    program = ProgramFactory(organization=personas.org)
    first = services.module_create(actor=personas.staff, program=program, data={"title": "Foundations"})
    second = services.module_create(actor=personas.staff, program=program, data={"title": "Practice"})
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(DomainError) as error:
        services.module_update(actor=personas.staff, module=second, data={"number": 1})
    assert error.value.field == "number"
    services.module_delete(actor=personas.staff, module=second)
    assert list(program.modules.values_list("title", flat=True)) == ["Foundations"]


def test_refund_policy_is_replaced_whole_and_audited(personas):
    program = ProgramFactory(organization=personas.org)
    rows = services.refund_policy_replace(actor=personas.admin, program=program, tiers=list(reversed(TIERS)))
    assert [(r.min_days_before, r.amount) for r in rows] == [(14, 850), (0, 250), (None, 0)]
    entry = AuditEntry.objects.get(action="program.refund_policy_replaced")
    assert entry.changes["refund_tiers"][0] == []
    assert entry.changes["refund_tiers"][1][0] == {
        "min_days_before": 14,
        "max_days_before": None,
        "amount": "850.00",
        "label": "",
    }
    # Saving the same table again changes nothing and records nothing.
    services.refund_policy_replace(actor=personas.admin, program=program, tiers=TIERS)
    assert AuditEntry.objects.filter(action="program.refund_policy_replaced").count() == 1


def test_a_wrong_tier_leaves_the_old_policy_in_place(personas):
    program = course_with_offering(personas.org).program
    before = tiers_of(program)
    gap = [TIERS[0], {**TIERS[1], "min_days_before": 7}, TIERS[2]]
    with pytest.raises(TierError) as error:
        services.refund_policy_replace(actor=personas.admin, program=program, tiers=gap)
    assert error.value.message.startswith("Tier 3 (less than 0 days before)")
    assert error.value.field == "tiers.2.max_days_before"
    assert tiers_of(program) == before
    assert RefundTier.objects.filter(program=program).count() == 3


@pytest.mark.parametrize(
    ("tier", "field"),
    [
        ({"min_days_before": "ten", "amount": 1}, "tiers.0.min_days_before"),
        ({"amount": None}, "tiers.0.amount"),
        ({"min_days_before": None}, "tiers.0.amount"),
        ({"amount": 0, "colour": 1}, "tiers.0.colour"),
    ],
)
def test_malformed_tiers_name_their_input(personas, tier, field):
    program = ProgramFactory(organization=personas.org)
    with pytest.raises(DomainError) as error:
        services.refund_policy_replace(actor=personas.admin, program=program, tiers=[tier])
    assert error.value.field == field
