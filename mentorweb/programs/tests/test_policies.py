"""Refund policies: each refusal names the tier at fault, and a valid policy covers every day once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorweb.core.errors import DomainError
from mentorweb.programs.policies import (
    Tier,
    TierError,
    describe_days,
    refund_for,
    tier_for,
    validate_tiers,
)
from mentorweb.programs.tests.factories import course_with_offering

FEE = Decimal("900.00")
NON_REFUNDABLE = Decimal("50.00")
D = Decimal


def check(*tiers: Tier) -> list[Tier]:
    return validate_tiers(list(tiers), fee=FEE, non_refundable=NON_REFUNDABLE)


MQP = (Tier(14, None, D("850")), Tier(0, 14, D("250")), Tier(None, 0, D("0")))


def test_the_demo_reading_of_the_seed_table_is_valid_and_ordered():
    shuffled = (MQP[2], MQP[0], MQP[1])
    assert check(*shuffled) == list(MQP)


@pytest.mark.parametrize(
    ("days_before", "refund"),
    [(400, "850"), (14, "850"), (13, "250"), (7, "250"), (1, "250"), (0, "250"), (-1, "0"), (-60, "0")],
)
def test_each_day_gets_its_tier(days_before, refund):
    tier = tier_for(MQP, days_before)
    assert tier is not None and tier.amount == D(refund)


def test_a_gap_names_the_tier_below_it_and_the_missing_days():
    with pytest.raises(TierError) as error:
        check(Tier(14, None, D("850")), Tier(0, 7, D("250")), Tier(None, 0, D("0")))
    message = error.value.message
    assert message.startswith("Tier 2 (0 to 7 days before)")
    assert "7 to 13 days" in message
    assert error.value.field == "tiers.1.max_days_before"


def test_an_overlap_names_both_tiers():
    with pytest.raises(TierError) as error:
        check(Tier(10, None, D("850")), Tier(0, 14, D("250")), Tier(None, 0, D("0")))
    assert error.value.message.startswith("Tier 2 (0 to 14 days before) overlaps Tier 1 (10 days or more before)")
    assert error.value.index == 1


def test_two_open_ended_tiers_overlap():
    with pytest.raises(TierError) as error:
        check(Tier(14, None, D("850")), Tier(None, None, D("0")))
    assert "Tier 2 (any day) overlaps Tier 1" in error.value.message


def test_a_missing_upper_open_end_is_refused():
    with pytest.raises(TierError) as error:
        check(Tier(14, 60, D("850")), Tier(None, 14, D("0")))
    assert error.value.message.startswith("Tier 1 (14 to 60 days before): cancellations 60 or more days")
    assert error.value.column == "max_days_before"


def test_a_missing_lower_open_end_is_refused():
    with pytest.raises(TierError) as error:
        check(Tier(14, None, D("850")), Tier(0, 14, D("250")))
    assert error.value.message.startswith("Tier 2 (0 to 14 days before): cancellations less than 0 days")
    assert error.value.column == "min_days_before"


def test_a_refund_above_the_refundable_part_names_its_tier():
    with pytest.raises(TierError) as error:
        check(Tier(14, None, D("900")), Tier(None, 14, D("0")))
    assert error.value.message == (
        "Tier 1 (14 days or more before): the refund of $900.00 is more than the refundable part of the fee, $850.00."
    )
    assert error.value.field == "tiers.0.amount"


def test_a_refund_that_grows_closer_to_the_start_is_refused():
    with pytest.raises(TierError) as error:
        check(Tier(14, None, D("250")), Tier(0, 14, D("850")), Tier(None, 0, D("0")))
    assert error.value.message.startswith("Tier 2 (0 to 14 days before): refunds $850.00, more than Tier 1")
    assert error.value.column == "amount"


def test_bounds_in_the_wrong_order_and_absurd_bounds_are_refused():
    with pytest.raises(TierError, match=r"^Tier 1 \(14 to 7 days before\)"):
        check(Tier(14, 7, D("0")))
    with pytest.raises(TierError, match="between -3650 and 3650"):
        check(Tier(None, 99999, D("0")))


def test_an_empty_policy_is_refused_when_something_is_refundable_only():
    with pytest.raises(DomainError) as error:
        check()
    assert error.value.field == "tiers"
    assert validate_tiers([], fee=D("50"), non_refundable=D("50")) == []


def test_the_catalogue_describes_each_range_with_both_ends_included():
    assert [describe_days(t) for t in MQP] == [
        "14 days before the start date or earlier",
        "From 13 days before the start date to the start date",
        "After the start date",
    ]
    assert describe_days(Tier(7, 8, D("0"))) == "Exactly 7 days before the start date"
    assert describe_days(Tier(1, 2, D("0"))) == "Exactly 1 day before the start date"
    assert describe_days(Tier(0, 1, D("0"))) == "On the start date"
    assert describe_days(Tier(None, -2, D("0"))) == "3 days after the start date or later"


@pytest.mark.django_db
def test_refund_for_an_offering_counts_days_in_the_organizations_zone():
    offering = course_with_offering()  # starts 26 January 2030, in Toronto
    assert refund_for(offering, dt.date(2030, 1, 12)) == D("850.00")
    assert refund_for(offering, dt.date(2030, 1, 13)) == D("250.00")
    assert refund_for(offering, dt.date(2030, 1, 26)) == D("250.00")
    assert refund_for(offering, dt.date(2030, 1, 27)) == D("0.00")
    # 02:00 UTC on 27 January is still the evening of the 26th in Toronto: the start date.
    late_evening = dt.datetime(2030, 1, 27, 2, 0, tzinfo=dt.UTC)
    assert refund_for(offering, late_evening) == D("250.00")
    assert refund_for(offering.program, dt.date(2030, 1, 1), start_date=dt.date(2030, 1, 26)) == D("850.00")
    with pytest.raises(TypeError):
        refund_for(offering.program, dt.date(2030, 1, 1))


# --- properties ---------------------------------------------------------------------------------

bound = st.one_of(st.none(), st.integers(-40, 40))


@st.composite
def valid_policies(draw):
    """Cut points split the days into tiers with non-increasing amounts, given in any order."""
    cuts = sorted(draw(st.sets(st.integers(-30, 60), max_size=6)), reverse=True)
    uppers = [None, *cuts]
    lowers = [*cuts, None]
    amounts = sorted(draw(st.lists(st.integers(0, 850), min_size=len(uppers), max_size=len(uppers))), reverse=True)
    tiers = [Tier(low, high, D(a)) for low, high, a in zip(lowers, uppers, amounts, strict=True)]
    return draw(st.permutations(tiers))


@settings(max_examples=200, deadline=None)
@given(valid_policies(), st.integers(-100, 100))
def test_a_valid_policy_maps_every_day_to_exactly_one_tier(tiers, day):
    check(*tiers)
    assert sum(tier.covers(day) for tier in tiers) == 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(bound, bound), min_size=1, max_size=5))
def test_validation_accepts_exactly_the_tables_that_cover_each_day_once(bounds):
    tiers = [Tier(low, high, D(0)) for low, high in bounds]
    well_formed = all(low is None or high is None or low < high for low, high in bounds)
    covers_once = all(sum(t.covers(day) for t in tiers) == 1 for day in range(-45, 46))
    try:
        check(*tiers)
    except TierError:
        accepted = False
    else:
        accepted = True
    assert accepted == (well_formed and covers_once)
