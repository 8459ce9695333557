"""The README's quick start ("A taste"), as a script: a household and its hard-case type, a
round trip through plain data, then 氷見市's ladder of meetings, a checked ledger of a sample
year, its replay and one indicator by block.

Run it with ``python examples/quick_start.py``; CI runs it, so the README's code keeps
working.
"""

from __future__ import annotations

import datetime as dt

from hokatsu import (
    CareLevel,
    Employment,
    Field,
    FiscalYear,
    Household,
    Issue,
    Ledger,
    Member,
    Relation,
    classify,
    compute,
    make_converter,
    replay,
)
from hokatsu.reference import himi
from hokatsu.reference.sample import himi_fy2017


def household() -> None:
    """A mother in care and her unemployed son: the type is derived, never typed in."""
    mother = Member(id="m1", relation=Relation.HEAD, born=dt.date(1934, 7, 1),
                    care_level=CareLevel.CARE_2)
    son = Member(id="m2", relation=Relation.CHILD, born=dt.date(1965, 3, 15),
                 employment=Employment.UNEMPLOYED)
    home = Household(
        id="h1", person_id="m1", members=(mother, son),
        issues=(
            Issue(id="i1", member_id="m1", field=Field.ELDERLY, identified=dt.date(2016, 5, 10)),
            Issue(id="i2", member_id="m2", field=Field.ISOLATION,
                  identified=dt.date(2016, 6, 2)),
        ),
    )
    print(classify(home).label)
    converter = make_converter()
    data = converter.unstructure(home)  # plain, JSON-ready dicts
    assert converter.structure(data, Household) == home
    print("round trip through plain data: equal")


def sample_year() -> None:
    """氷見市's ladder of meetings, and a sample year checked, replayed and measured."""
    city = himi()
    for body in city.escalation_chain("himi-district"):
        print(body.tier_label, body.name)
    ledger = Ledger(city, himi_fy2017())  # every event checked against the directory
    state = replay(ledger)  # case, referral and agenda-item states
    table = compute(ledger, level="block")  # the report's indicators 1A1–5O4, and more
    print(f"{ledger!r}: {len(state.cases)} cases replayed; 2A2 in block himi-b1, FY2017: "
          f"{table.value('2A2', FiscalYear(2017), 'himi-b1')}")


if __name__ == "__main__":
    household()
    sample_year()
