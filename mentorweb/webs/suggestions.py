"""Suggested mentors on "My web": for each of the person's needs in which they have no mentor yet,
the best open offers in that area, scored by the pairing programs' engine.

The person is a mentee profile and each offer a mentor profile (matching.engine.profiles); the
engine's hard rules (a shared language of service, nobody their own mentor) drop a candidate, and
its score components (needs met by expertise, years in the person's portfolio, region and remote
context) rank the rest. A web has no rankings, board preferences or availability slots, so those
components are zero for everyone and change no order. At most MAX_CANDIDATES offers are read, in
three queries, so the page stays bounded whatever the size of the web.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

import numpy as np
from django.db.models import Q

from mentorweb.accounts.models import Person
from mentorweb.matching.engine.candidates import component_values, rule_violation
from mentorweb.matching.engine.profiles import MenteeProfile, MentorProfile, Weights, encode
from mentorweb.matching.engine.profiles import Program as EngineProgram
from mentorweb.partnerships.models import LIVE_STATUSES, Partnership, PartnershipKind
from mentorweb.programs.models import Program
from mentorweb.webs.models import MAX_AREAS, MentorOffer, OfferArea
from mentorweb.webs.selectors import connected_ids, languages_of, open_offers, with_cards

MAX_CANDIDATES = 200
PER_NEED = 3
WEIGHTS = Weights()


@dataclass
class Suggestion:
    offer: MentorOffer
    score: float
    shared: list[str]  # the person's open needs this offer covers


@dataclass
class NeedSuggestions:
    need: str
    offers: list[Suggestion]


def _fold(values: list[str]) -> list[str]:
    return [value.casefold() for value in values if isinstance(value, str) and value]


def open_needs(program: Program, person: Person) -> list[str]:
    """The person's needs in which no live mentoring connection of theirs (as mentee) is about."""
    needs = [n for n in person.needs if isinstance(n, str) and n][:MAX_AREAS] if isinstance(person.needs, list) else []
    covered = {
        area.casefold()
        for area in Partnership.objects.filter(
            program=program, mentee=person, kind=PartnershipKind.WEB, status__in=LIVE_STATUSES
        ).values_list("area", flat=True)
    }
    seen: set[str] = set()
    result = []
    for need in needs:
        key = need.casefold()
        if key not in covered and key not in seen:
            seen.add(key)
            result.append(need)
    return result


def mentee_profile(person: Person, needs: list[str]) -> MenteeProfile:
    return MenteeProfile(
        id=f"person-{person.pk}",
        needs=_fold(needs),
        portfolio=person.portfolio.casefold() or None,
        region=person.region.casefold() or None,
        remote=person.remote_or_isolated,
        languages=languages_of(person),
    )


def mentor_profile(offer: MentorOffer) -> MentorProfile:
    mentor = offer.person
    expertise = {*(a.area.casefold() for a in offer.areas.all()), *_fold(list(mentor.expertise or []))}
    experience = {mentor.portfolio.casefold(): float(mentor.years_in_role or 0)} if mentor.portfolio else {}
    return MentorProfile(
        id=f"person-{mentor.pk}",
        capacity=offer.places_left,
        expertise=sorted(expertise),
        experience=experience,
        region=mentor.region.casefold() or None,
        remote_experience=mentor.remote_or_isolated,
        languages=languages_of(mentor),
    )


def suggestions_for(program: Program, person: Person) -> list[NeedSuggestions]:
    needs = open_needs(program, person)
    if not needs:
        return []
    folded = [need.casefold() for need in needs]
    skip = connected_ids(program, person)
    offer_ids = (
        OfferArea.objects.filter(offer__in=open_offers(program, exclude=person).exclude(person_id__in=skip))
        .filter(reduce(or_, (Q(area__iexact=need) for need in needs)))
        .order_by("offer_id")
        .values_list("offer_id", flat=True)
        .distinct()[:MAX_CANDIDATES]
    )
    offers = list(with_cards(MentorOffer.objects.filter(pk__in=list(offer_ids)), program).order_by("pk"))
    if not offers:
        return [NeedSuggestions(need, []) for need in needs]
    enc = encode([mentee_profile(person, needs)], [mentor_profile(o) for o in offers], EngineProgram(weights=WEIGHTS))
    allowed = [j for j in range(len(offers)) if rule_violation(enc, 0, j) is None]
    scores: dict[int, float] = {}
    if allowed:
        b = np.array(allowed, dtype=np.int64)
        parts = component_values(enc, np.zeros(b.size, dtype=np.int64), b) * WEIGHTS.as_array()
        scores = {int(j): float(s) for j, s in zip(b, parts.sum(axis=1), strict=True)}
    result = []
    for need, key in zip(needs, folded, strict=True):
        ranked = []
        for j, offer in enumerate(offers):
            areas = {a.area.casefold() for a in offer.areas.all()}
            if j in scores and key in areas:
                shared = [n for n, k in zip(needs, folded, strict=True) if k in areas]
                ranked.append(Suggestion(offer=offer, score=scores[j], shared=shared))
        ranked.sort(key=lambda s: (-s.score, s.offer.person.family_name, s.offer.pk))
        result.append(NeedSuggestions(need, ranked[:PER_NEED]))
    return result
