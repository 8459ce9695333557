"""The synthetic population: households made when they come into contact with support.

A municipality's households are counts (population, households, aging rate) until one of them
consults or is found; only then is a :class:`~hokatsu.domain.households.Household` made, with
members, ages, care levels, certificates, employment and the issues the consultation is about.
The person at the centre is built around the consultation's main field; compound patterns
(8050, ダブルケア, ヤングケアラー …, 第1章 2.(2)) add the members and issues they imply; the
rest of the household is drawn from the mean household size and the aging rate.
"""

from __future__ import annotations

import datetime as dt
import random

from hokatsu import _validators as v
from hokatsu.domain.fields import CompoundTag, Field
from hokatsu.domain.households import (
    CareLevel,
    Certificate,
    Employment,
    Household,
    Issue,
    Member,
    Relation,
)
from hokatsu.simulation import assumptions as _a

__all__ = ["HouseholdMaker"]  # private to the engine

_HOUSEHOLD = v.positional(Household)  # id, person_id, members, issues, area_id
_MEMBER = v.positional(Member)  # id, relation, born, certificates, disability_suspected, …
_ISSUE = v.positional(Issue)  # id, member_id, field, identified, categories, tags, fits
_NONE: frozenset[object] = frozenset()

_CARE = tuple(CareLevel)
_CERTS = tuple(Certificate)
# ages of the person at the centre by the main field of the consultation: (low, high)
_AGES = {Field(value): ages for value, ages in _a.PERSON_AGES.items()}
_FACTS = _a.HOUSEHOLD_DETAILS


class HouseholdMaker:
    """Makes the households that come into contact with support, for one run.

    Args:
        rng: the run's random generator.
        household_size: mean residents per household.
        aging_rate: share of residents aged 65 or over.
        extra_issue: chance the person has a second issue.
        no_fitting_service: chance an issue fits no existing service.
    """

    def __init__(self, rng: random.Random, household_size: float, aging_rate: float,
                 extra_issue: float, no_fitting_service: float) -> None:
        self.rng = rng
        self.extra_others = max(0.0, household_size - 1.0)
        self.aging_rate = aging_rate
        self.extra_issue = extra_issue
        self.no_fit = no_fitting_service

    def _born(self, day: dt.date, low: int, high: int) -> dt.date:
        # a birthday within the year before the age is reached: never after *day*
        age = self.rng.randint(low, high)
        return day - dt.timedelta(days=int(365.25 * age) + self.rng.randint(0, 364))

    def _employment(self, age: int) -> Employment:
        if age < 6:
            return Employment.PRESCHOOL
        if age < 19:
            return Employment.STUDENT
        if age >= 65:
            return Employment.RETIRED
        employed = self.rng.random() < _FACTS["employed_if_working_age"]
        return Employment.EMPLOYED if employed else Employment.UNEMPLOYED

    def make(self, hid: str, area: str, day: dt.date, field: Field,
             tags: tuple[CompoundTag, ...]) -> Household:
        """A household in *area* whose person consults on *day* mainly about *field*,
        showing the compound patterns *tags*."""
        r = self.rng
        members: list[dict[str, object]] = []
        issues: list[tuple[str, Field, frozenset[CompoundTag]]] = []

        def add(relation: Relation, low: int, high: int, **facts: object) -> str:
            mid = f"m{len(members) + 1}"
            born = self._born(day, low, high)
            age = (day - born).days // 366
            facts.setdefault("employment", self._employment(age))
            members.append({"id": mid, "relation": relation, "born": born, **facts})
            return mid

        low, high = _AGES[field]
        if field not in (Field.ELDERLY, Field.CHILDREN) and r.random() < self.aging_rate:
            low, high = max(low, 65), max(high, 80)
        person = add(Relation.HEAD, low, high, **self._facts(field))
        issues.append((person, field, frozenset()))
        if r.random() < self.extra_issue:
            other = r.choice([f for f in _AGES if f is not field])
            issues.append((person, other, frozenset()))
        for tag in tags:
            self._pattern(tag, person, field, add, issues, day)
        # the rest of the household, from the mean size
        wanted = min(_a.MAX_HOUSEHOLD_SIZE, 1 + _poisson(r, self.extra_others))
        while len(members) < wanted:
            if len(members) == 1 and r.random() < _FACTS["spouse"]:
                add(Relation.SPOUSE, 25, 85)
            elif r.random() < self.aging_rate:
                add(Relation.PARENT, 70, 95)
            else:
                add(Relation.CHILD, 0, 30)
        # built without validators, as the engine's hottest events are (see engine.py): every
        # value is made here; test_simulation rebuilds each household with its validators
        return _HOUSEHOLD(
            hid, person,
            tuple(_MEMBER(m["id"], m["relation"], m["born"], m.get("certificates", _NONE),
                          m.get("disability_suspected", False), m.get("care_level"),
                          m["employment"], m.get("carer", False),
                          m.get("public_assistance", False)) for m in members),
            tuple(_ISSUE(f"i{n}", mid, f, day, _NONE, t, r.random() >= self.no_fit)
                  for n, (mid, f, t) in enumerate(issues, start=1)),
            area)

    def _facts(self, field: Field) -> dict[str, object]:
        r = self.rng
        if field is Field.ELDERLY:
            certified = r.random() < _FACTS["care_level_if_elderly"]
            return {"care_level": r.choice(_CARE)} if certified else {}
        if field is Field.DISABILITY:
            return ({"certificates": frozenset({r.choice(_CERTS)})}
                    if r.random() < _FACTS["certificate_if_disabled"]
                    else {"disability_suspected": True})
        if field in (Field.HARDSHIP, Field.EMPLOYMENT):
            return {"employment": Employment.UNEMPLOYED,
                    "public_assistance": r.random() < _a.PUBLIC_ASSISTANCE}
        return {}

    def _pattern(self, tag: CompoundTag, person: str, field: Field, add: object,
                 issues: list[tuple[str, Field, frozenset[CompoundTag]]], day: dt.date) -> None:
        """Add the members and issues a compound pattern implies (第1章 2.(2))."""
        r = self.rng
        new = add  # a callable (relation, low, high, **facts) -> member id
        assert callable(new)
        t = frozenset({tag})
        if tag is CompoundTag.EIGHTY_FIFTY:
            if field is Field.ELDERLY:
                child = new(Relation.CHILD, 45, 60, employment=Employment.UNEMPLOYED)
                issues.append((child, Field.ISOLATION, t))
            else:
                parent = new(Relation.PARENT, 75, 92, care_level=r.choice(_CARE))
                issues.append((parent, Field.ELDERLY, t))
        elif tag is CompoundTag.DOUBLE_CARE:
            parent = new(Relation.PARENT, 72, 92, care_level=r.choice(_CARE))
            child = new(Relation.CHILD, 0, 10)
            issues.append((parent, Field.ELDERLY, t))
            issues.append((child, Field.CHILDREN, t))
        elif tag is CompoundTag.YOUNG_CARER:
            carer = new(Relation.CHILD, 10, 17, carer=True)
            issues.append((carer, Field.CHILDREN, t))
        elif tag is CompoundTag.HIKIKOMORI:
            child = new(Relation.CHILD, 18, 45, employment=Employment.UNEMPLOYED)
            issues.append((child, Field.ISOLATION, t))
        elif tag is CompoundTag.SUSPECTED_DISABILITY:
            member = new(Relation.CHILD, 10, 40, disability_suspected=True)
            issues.append((member, Field.DISABILITY, t))
        elif tag in (CompoundTag.DV, CompoundTag.ABUSE):
            member = new(Relation.SPOUSE if tag is CompoundTag.DV else Relation.CHILD, 0, 60)
            issues.append((member, Field.FAMILY, t))
        elif tag is CompoundTag.MULTIPLE_DEBT:
            issues.append((person, Field.HARDSHIP if field is not Field.HARDSHIP
                           else Field.RIGHTS, t))
        else:  # self-neglect, social isolation: the person's own further issue
            issues.append((person, Field.ISOLATION if field is not Field.ISOLATION
                           else Field.HEALTH, t))


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw by counting exponential gaps (means here are a few units)."""
    n, total = 0, rng.expovariate(1.0)
    while total < mean:
        n += 1
        total += rng.expovariate(1.0)
    return n
