"""Pairing set-up services: the rules, the program_create hook, application questions and
extending an offering's deadline. Every refusal names its field and saves nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import OrganizationKind
from mentorweb.programs import pairing, services
from mentorweb.programs.models import (
    DEFAULT_SHARED_FIELDS,
    DEFAULT_WEIGHTS,
    ApplicationQuestion,
    OfferingStatus,
    PairingRules,
    Program,
    ProgramKind,
)
from mentorweb.registrations.models import RegistrationRole, RegistrationStatus
from tests.factories import OrganizationFactory
from tests.pairing import application, member_of, pairing_offering, pairing_program


@pytest.fixture
def program(personas):
    return pairing_program(personas.org)


@pytest.fixture
def retired(db):
    return OrganizationFactory(
        name="BC Retired Principals' and Vice-Principals' Association",
        slug="bcrpvpa",
        kind=OrganizationKind.ASSOCIATION,
    )


# --- program_create ----------------------------------------------------------------------------


def test_creating_a_pairing_program_creates_its_rules_with_the_defaults(personas):
    program = services.program_create(
        actor=personas.staff, organization=personas.org, data={"name": "Mentorship Pilot", "kind": "pairing"}
    )
    rules = PairingRules.objects.get(program=program)
    assert rules.weights == DEFAULT_WEIGHTS and rules.shared_fields == DEFAULT_SHARED_FIELDS
    assert (rules.mentor_capacity_default, rules.mentor_capacity_max, rules.max_partnerships) == (1, 3, None)
    assert program.fee == Decimal("0.00") and program.full_payment_confirms is False
    actions = list(AuditEntry.objects.filter(organization=personas.org).order_by("pk").values_list("action", flat=True))
    assert actions == ["program.created", "pairing_rules.created"]


def test_a_course_gets_no_pairing_rules(personas):
    program = services.program_create(actor=personas.staff, organization=personas.org, data={"name": "MQP"})
    assert not PairingRules.objects.filter(program=program).exists()
    assert program.full_payment_confirms is True


def test_a_refused_pairing_program_leaves_no_rules_behind(personas, program):
    with pytest.raises(DomainError) as error:
        services.program_create(
            actor=personas.staff,
            organization=personas.org,
            data={"name": "Again", "slug": program.slug, "kind": "pairing"},
        )
    assert error.value.field == "slug"
    assert Program.objects.count() == 1 and PairingRules.objects.count() == 1


def test_a_course_that_becomes_a_pairing_program_gets_rules(personas):
    program = services.program_create(actor=personas.staff, organization=personas.org, data={"name": "Pilot"})
    services.program_update(actor=personas.staff, program=program, data={"kind": "pairing"})
    assert PairingRules.objects.filter(program=program).exists()


# --- rules -------------------------------------------------------------------------------------


def test_seed_003_rules_are_saved_audited_and_described(personas, program, retired):
    rules = pairing.pairing_rules_update(
        actor=personas.staff,
        program=program,
        data={
            "mentor_membership_organization": retired,
            "mentor_membership_statuses": ["retired"],
            "mentee_membership_organization": personas.org,
            "mentee_role_groups": ["principal", "vice_principal", "principal"],
            "mentee_max_years_in_role": 2,
            "mentee_role_change_qualifies": True,
            "max_partnerships": 40,
            "mentor_capacity_default": 1,
            "mentor_capacity_max": 1,
            "commitment_months": 12,
            "min_hours_per_month": "2",
            "max_hours_per_month": Decimal("4"),
            "contact_every_days": 7,
            "mentor_honorarium": "300",
        },
    )
    rules.refresh_from_db()
    assert rules.mentee_role_groups == ["principal", "vice_principal"]
    assert rules.mentor_honorarium == Decimal("300.00")
    entry = AuditEntry.objects.get(action="pairing_rules.updated")
    assert entry.changes["mentor_membership_organization"] == [None, retired.pk]
    assert "max_partnerships" not in entry.changes  # it was 40 already
    assert entry.changes["mentor_honorarium"] == ["0.00", "300.00"]
    assert entry.changes["mentor_capacity_max"] == [3, 1]
    assert pairing.describe_eligibility(rules, "mentor") == [
        "Members of BC Retired Principals' and Vice-Principals' Association with the status Retired."
    ]
    assert pairing.describe_eligibility(rules, "mentee") == [
        "Members of Northern Lights District School Board.",
        "In one of the role groups Principal or Vice-principal.",
        "In their role for at most 2 years, or having had a significant change of role.",
    ]
    assert pairing.describe_commitment(rules) == "One year, 2–4 hours a month, contact every 7 days"
    assert pairing.describe_size(rules) == ["Up to 40 partnerships per offering.", "Each mentor takes 1 mentee."]
    assert pairing.describe_costs(rules, personas.org) == ["Mentors receive an honorarium of $300.00."]


def test_an_unchanged_save_writes_no_audit_entry(personas, program):
    pairing.pairing_rules_update(actor=personas.staff, program=program, data={"max_partnerships": 40})
    assert not AuditEntry.objects.filter(action="pairing_rules.updated").exists()


def test_no_rule_means_anyone_and_costs_are_put_in_words(personas, program):
    rules = pairing.pairing_rules_update(
        actor=personas.staff,
        program=program,
        data={"cost_per_mentor_year": "2500", "cost_share_percent": 50, "max_partnerships": None},
    )
    assert pairing.describe_eligibility(rules, "mentor") == ["Anyone may apply."]
    assert pairing.describe_costs(rules, personas.org) == [
        "The cost of $2,500.00 per mentor per year is shared: the board or the participant pays 50% ($1,250.00) "
        "and Northern Lights District School Board pays 50% ($1,250.00)."
    ]
    assert pairing.describe_size(rules)[0] == "No limit on the number of partnerships."


def test_option_lists_are_lines_kept_once(personas, program):
    rules = pairing.pairing_rules_update(
        actor=personas.staff,
        program=program,
        data={"needs_options": "Budget\n budget \n\nStaff  supervision\nBudget", "portfolio_options": ["K-12", "k-12"]},
    )
    assert rules.needs_options == ["Budget", "Staff supervision"]
    assert rules.portfolio_options == ["K-12"]


def test_weights_left_out_keep_their_value(personas, program):
    pairing.pairing_rules_update(actor=personas.staff, program=program, data={"weights": {"needs": 5, "board": "0"}})
    rules = pairing.pairing_rules_update(actor=personas.staff, program=program, data={"weights": {"ranking": 7.5}})
    assert rules.weight_map() == {**DEFAULT_WEIGHTS, "needs": 5.0, "board": 0.0, "ranking": 7.5}
    # Every component is stored, not only the ones changed. (PostgreSQL's jsonb keeps keys in its own
    # order, so the order is not part of the promise.)
    assert sorted(PairingRules.objects.get(pk=rules.pk).weights) == sorted(DEFAULT_WEIGHTS)


BAD_RULES = [
    ({"mentor_membership_statuses": ["retired", "emeritus"]}, "mentor_membership_statuses"),
    ({"mentor_membership_statuses": "retired"}, "mentor_membership_statuses"),
    ({"mentee_role_groups": ["wizard"]}, "mentee_role_groups"),
    ({"mentor_membership_organization": "no-such-association"}, "mentor_membership_organization"),
    ({"mentee_membership_organization": 12}, "mentee_membership_organization"),
    ({"mentor_min_years_in_role": -1}, "mentor_min_years_in_role"),
    ({"mentee_max_years_in_role": 61}, "mentee_max_years_in_role"),
    ({"mentee_max_years_in_role": "2"}, "mentee_max_years_in_role"),
    ({"mentee_role_change_qualifies": "yes"}, "mentee_role_change_qualifies"),
    ({"mentor_capacity_default": 3, "mentor_capacity_max": 2}, "mentor_capacity_default"),
    ({"mentor_capacity_default": 0}, "mentor_capacity_default"),
    ({"mentor_capacity_max": 21}, "mentor_capacity_max"),
    ({"max_partnerships": 0}, "max_partnerships"),
    ({"commitment_months": 0}, "commitment_months"),
    ({"min_hours_per_month": "-2"}, "min_hours_per_month"),
    ({"min_hours_per_month": "4", "max_hours_per_month": "2"}, "max_hours_per_month"),
    ({"contact_every_days": 0}, "contact_every_days"),
    ({"commitment_text": "x" * 2001}, "commitment_text"),
    ({"needs_options": 5}, "needs_options"),
    ({"portfolio_options": ["x" * 201]}, "portfolio_options"),
    ({"ranking_depth": 0}, "ranking_depth"),
    ({"board_input": None}, "board_input"),
    ({"objective": "fastest"}, "objective"),
    ({"weights": []}, "weights"),
    ({"weights": {"charisma": 3}}, "weights"),
    ({"weights": {"needs": 11}}, "weights.needs"),
    ({"weights": {"needs": -1}}, "weights.needs"),
    ({"weights": {"needs": True}}, "weights.needs"),
    ({"weights": {"region": 1, "context": "NaN"}}, "weights"),
    ({"weights": {"context": "NaN"}}, "weights.context"),
    ({"weights": {"availability": "lots"}}, "weights.availability"),
    ({"shared_fields": ["name", "salary"]}, "shared_fields"),
    ({"mentor_honorarium": "-1"}, "mentor_honorarium"),
    ({"cost_per_mentor_year": 2500.0}, "cost_per_mentor_year"),
    ({"cost_per_mentor_year": "12.345"}, "cost_per_mentor_year"),
    ({"cost_share_percent": 101}, "cost_share_percent"),
    ({"mentee_membership_statuses": ["active"]}, "mentee_membership_statuses"),
    ({"colour": "red"}, "colour"),
]


@pytest.mark.parametrize(("data", "field"), BAD_RULES, ids=[f for _d, f in BAD_RULES])
def test_each_bad_rule_names_its_field_and_nothing_is_saved(personas, program, data, field):
    before = PairingRules.objects.filter(program=program).values().get()
    with pytest.raises(DomainError) as error:
        # A good change goes with the bad one: it must not be saved either.
        pairing.pairing_rules_update(actor=personas.staff, program=program, data={"commitment_text": "New", **data})
    assert error.value.field == field, error.value.message
    assert PairingRules.objects.filter(program=program).values().get() == before
    assert not AuditEntry.objects.filter(action="pairing_rules.updated").exists()


def test_any_organization_may_hold_the_memberships(personas, program, retired):
    rules = pairing.pairing_rules_update(
        actor=personas.staff, program=program, data={"mentor_membership_organization": "bcrpvpa"}
    )
    assert rules.mentor_membership_organization == retired


def test_only_coordinators_set_rules_and_only_for_pairing_programs(personas, program):
    with pytest.raises(DomainError) as error:
        pairing.pairing_rules_update(actor=personas.member, program=program, data={"max_partnerships": 3})
    assert error.value.code == "forbidden"
    course = services.program_create(actor=personas.staff, organization=personas.org, data={"name": "MQP"})
    with pytest.raises(DomainError) as error:
        pairing.pairing_rules_update(actor=personas.staff, program=course, data={"max_partnerships": 3})
    assert error.value.field == "kind"
    assert PairingRules.objects.get(program=program).max_partnerships == 40


def test_rules_are_created_on_first_save_when_missing(personas):
    program = Program.objects.create(organization=personas.org, kind=ProgramKind.PAIRING, name="Old", slug="old")
    assert pairing.rules_of(program).pk is None
    rules = pairing.pairing_rules_update(actor=personas.staff, program=program, data={"max_partnerships": 5})
    assert rules.pk and rules.max_partnerships == 5 and rules.weights == DEFAULT_WEIGHTS


# --- questions ---------------------------------------------------------------------------------


def _question(personas, program, **data):
    values = {"side": "mentee", "label": "What keeps you awake at night?", "kind": "long_text", **data}
    return pairing.question_create(actor=personas.staff, program=program, data=values)


def test_questions_are_added_at_the_end_and_moved(personas, program):
    first = _question(personas, program)
    second = _question(
        personas,
        program,
        side="both",
        label="Preferred meeting place",
        kind="choice",
        options="Face to face\nVideo\nvideo\n",
    )
    assert (first.position, second.position) == (1, 2)
    assert second.options == ["Face to face", "Video"]
    pairing.question_move(actor=personas.staff, question=second, direction="up")
    assert list(ApplicationQuestion.objects.values_list("pk", flat=True)) == [second.pk, first.pk]
    pairing.question_move(actor=personas.staff, question=second, direction="up")  # already first: no change
    assert AuditEntry.objects.filter(action="questions.reordered").count() == 1
    pairing.questions_reorder(actor=personas.staff, program=program, order=[first.pk, second.pk])
    assert list(ApplicationQuestion.objects.values_list("pk", flat=True)) == [first.pk, second.pk]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "choice", "options": ["Only one"]}, "options"),
        ({"kind": "multi_choice"}, "options"),
        ({"side": "advisor"}, "side"),
        ({"label": "  "}, "label"),
        ({"kind": "essay"}, "kind"),
        ({"required": "no"}, "required"),
        ({"help_text": "h" * 501}, "help_text"),
        ({"weight": 3}, "weight"),
    ],
)
def test_bad_questions_name_their_field(personas, program, data, field):
    with pytest.raises(DomainError) as error:
        _question(personas, program, **data)
    assert error.value.field == field
    assert not ApplicationQuestion.objects.exists()


def test_a_text_question_keeps_no_choices(personas, program):
    question = _question(personas, program, options=["a", "b"])
    assert question.options == []


def test_an_answered_question_is_edited_but_not_deleted_nor_changed_in_kind(personas, program):
    question = _question(personas, program)
    offering = pairing_offering(program)
    application(
        offering,
        member_of(personas.org),
        RegistrationRole.MENTEE,
        answers={"questions": {str(question.pk): "Budgets"}},
    )
    pairing.question_update(actor=personas.staff, question=question, data={"label": "What worries you?"})
    with pytest.raises(DomainError) as error:
        pairing.question_update(actor=personas.staff, question=question, data={"kind": "choice", "options": ["a", "b"]})
    assert error.value.field == "kind"
    with pytest.raises(DomainError) as error:
        pairing.question_delete(actor=personas.staff, question=question)
    assert error.value.field == "question" and "1 application answers" in error.value.message
    question.refresh_from_db()
    assert (question.label, question.kind) == ("What worries you?", "long_text")


def test_an_unanswered_question_is_deleted_with_an_audit_entry(personas, program):
    question = _question(personas, program)
    pairing.question_delete(actor=personas.staff, question=question)
    assert not ApplicationQuestion.objects.exists()
    entry = AuditEntry.objects.get(action="question.deleted")
    assert entry.changes["label"] == ["What keeps you awake at night?", None]


def test_reorder_must_name_every_question_once(personas, program):
    first, second = _question(personas, program), _question(personas, program, label="Second")
    for order in ([first.pk], [first.pk, first.pk], [first.pk, second.pk, 999], "1,2"):
        with pytest.raises(DomainError) as error:
            pairing.questions_reorder(actor=personas.staff, program=program, order=order)
        assert error.value.field == "order"


def test_questions_are_for_coordinators_of_pairing_programs(personas, program):
    with pytest.raises(DomainError) as error:
        pairing.question_create(
            actor=personas.member, program=program, data={"side": "mentor", "label": "Q", "kind": "yes_no"}
        )
    assert error.value.code == "forbidden"


# --- extending the deadline --------------------------------------------------------------------


def test_extending_twice_keeps_the_original_deadline(personas, program):
    offering = pairing_offering(
        program,
        registration_deadline=dt.date(2030, 10, 6),
        start_date=dt.date(2030, 11, 1),
        end_date=dt.date(2031, 6, 30),
        registration_opens=dt.date(2030, 9, 1),
    )
    pairing.offering_extend_deadline(actor=personas.staff, offering=offering, new_deadline=dt.date(2030, 10, 13))
    pairing.offering_extend_deadline(actor=personas.staff, offering=offering, new_deadline=dt.date(2030, 10, 20))
    offering.refresh_from_db()
    assert offering.registration_deadline == dt.date(2030, 10, 20)
    assert offering.deadline_extended_from == dt.date(2030, 10, 6)
    entries = AuditEntry.objects.filter(action="offering.deadline_extended").order_by("pk")
    assert [e.changes["registration_deadline"] for e in entries] == [
        ["2030-10-06", "2030-10-13"],
        ["2030-10-13", "2030-10-20"],
    ]
    assert entries[1].changes["deadline_extended_from"] == ["2030-10-06", "2030-10-06"]


@pytest.mark.parametrize(
    ("new_deadline", "status", "message"),
    [
        (dt.date(2030, 10, 6), OfferingStatus.OPEN, "after the current deadline"),
        (dt.date(2030, 10, 1), OfferingStatus.OPEN, "after the current deadline"),
        (dt.date(2031, 7, 1), OfferingStatus.OPEN, "end date"),
        ("2030-10-20", OfferingStatus.OPEN, "Enter a date"),
        (dt.date(2030, 10, 20), OfferingStatus.COMPLETED, "can no longer change"),
    ],
)
def test_a_refused_extension_names_the_new_deadline(personas, program, new_deadline, status, message):
    offering = pairing_offering(
        program,
        registration_deadline=dt.date(2030, 10, 6),
        start_date=dt.date(2030, 11, 1),
        end_date=dt.date(2031, 6, 30),
        registration_opens=dt.date(2030, 9, 1),
        status=status,
    )
    with pytest.raises(DomainError) as error:
        pairing.offering_extend_deadline(actor=personas.staff, offering=offering, new_deadline=new_deadline)
    assert error.value.field == "new_deadline" and message in error.value.message
    offering.refresh_from_db()
    assert offering.registration_deadline == dt.date(2030, 10, 6) and offering.deadline_extended_from is None
    assert not AuditEntry.objects.filter(action="offering.deadline_extended").exists()


def test_a_member_cannot_extend(personas, program):
    offering = pairing_offering(program)
    with pytest.raises(DomainError) as error:
        pairing.offering_extend_deadline(
            actor=personas.member, offering=offering, new_deadline=offering.registration_deadline + dt.timedelta(1)
        )
    assert error.value.code == "forbidden"


def test_people_with_applications_in_progress_are_emailed(
    personas, program, mailoutbox, django_capture_on_commit_callbacks
):
    offering = pairing_offering(
        program,
        registration_deadline=dt.date(2030, 10, 6),
        start_date=dt.date(2030, 11, 1),
        end_date=dt.date(2031, 6, 30),
        registration_opens=dt.date(2030, 9, 1),
    )
    waiting = application(offering, member_of(personas.org, given_name="Ava"), "mentee", status="submitted")
    asked = application(offering, member_of(personas.org, given_name="Ben"), "mentor", status="info_requested")
    for status in (RegistrationStatus.ACCEPTED, RegistrationStatus.DECLINED, RegistrationStatus.WITHDRAWN):
        application(offering, member_of(personas.org), "mentee", status=status)
    with django_capture_on_commit_callbacks(execute=True):
        pairing.offering_extend_deadline(
            actor=personas.staff, offering=offering, new_deadline=dt.date(2030, 10, 20), notify=True
        )
    assert sorted(m.to[0] for m in mailoutbox) == sorted([waiting.person.user.email, asked.person.user.email])
    mail = next(m for m in mailoutbox if m.to == [waiting.person.user.email])
    assert mail.subject == "Deadline extended to Oct. 20, 2030: Mentorship Program"
    assert "Hello Ava," in mail.body
    assert "has been extended from Oct. 6, 2030 to Oct. 20, 2030" in mail.body
    assert "Your application as a mentee is in progress" in mail.body
    html = mail.alternatives[0][0]
    assert "<strong>Oct. 20, 2030</strong>" in html
    entry = AuditEntry.objects.get(action="offering.deadline_extended")
    assert entry.changes["notified"] == [None, 2]


def test_no_mail_without_notify_or_without_applications(
    personas, program, mailoutbox, django_capture_on_commit_callbacks
):
    offering = pairing_offering(
        program,
        registration_deadline=dt.date(2030, 10, 6),
        start_date=dt.date(2030, 11, 1),
        end_date=dt.date(2031, 6, 30),
        registration_opens=dt.date(2030, 9, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        pairing.offering_extend_deadline(
            actor=personas.staff, offering=offering, new_deadline=dt.date(2030, 10, 13), notify=True
        )
    application(offering, member_of(personas.org), "mentee", status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        pairing.offering_extend_deadline(actor=personas.staff, offering=offering, new_deadline=dt.date(2030, 10, 20))
    assert mailoutbox == []


def test_a_minimum_of_zero_years_is_no_rule(personas, program):
    rules = pairing.pairing_rules_update(actor=personas.staff, program=program, data={"mentor_min_years_in_role": 0})
    assert rules.mentor_min_years_in_role is None
    assert pairing.describe_eligibility(rules, "mentor") == ["Anyone may apply."]
    rules = pairing.pairing_rules_update(actor=personas.staff, program=program, data={"mentor_min_years_in_role": 5})
    assert pairing.describe_eligibility(rules, "mentor") == ["At least 5 years in their role."]
