"""The 氷見市 preset: its layered meetings, and a round trip through JSON text.

氷見市 (富山県) planned, from FY2017, a ladder of meeting bodies through which a hard case climbs
when the lower body finds no effective way to support it: district meeting (第3層) → block
meeting (第2層) → core meeting → construction meeting (第1層), with a regular case-study
meeting and an ad hoc care meeting feeding the core meeting (report, 第3章 3.(2)④). This script
loads hokatsu's preset of the city, prints that ladder and where a case from one district goes
at each step, then writes the whole directory as JSON text with the converter, reads it back
and checks that nothing was lost.

Run it with ``python examples/himi_directory.py``.
"""

from __future__ import annotations

import json

from hokatsu import SCHEMA_VERSION, Municipality, make_converter
from hokatsu.reference import himi


def print_escalation(city: Municipality, district: str) -> None:
    """Print the escalation chain from the district meeting, session by session."""
    body_id, area_id = "himi-district", district
    print(f"Escalation of a case raised in {city.areas.get(district).name}:")
    while True:
        body = city.body(body_id)
        print(f"  {body.tier_label} {body.name} — session for {city.areas.get(area_id).name}")
        target = city.escalation_target(body_id, area_id)
        if target is None:
            break
        body_id, area_id = target
    for feeder in ("himi-regular", "himi-care"):
        body = city.body(feeder)
        if body.escalates_to is not None:
            print(f"  ({body.name} also escalates to {city.body(body.escalates_to).name})")


def round_trip(city: Municipality) -> str:
    """Write *city* as JSON text, read it back, check equality, and return the text."""
    converter = make_converter()
    text = json.dumps(
        {"schema_version": SCHEMA_VERSION, "municipality": converter.unstructure(city)},
        ensure_ascii=False,
        indent=2,
    )
    document = json.loads(text)
    assert document["schema_version"] == SCHEMA_VERSION
    restored = converter.structure(document["municipality"], Municipality)
    assert restored == city, "the round trip lost something"
    # Sets are written sorted, so the text is the same every time.
    again = json.dumps(
        {"schema_version": SCHEMA_VERSION, "municipality": converter.unstructure(restored)},
        ensure_ascii=False,
        indent=2,
    )
    assert again == text, "the JSON text is not stable"
    return text


def main() -> None:
    """Load the preset, print its ladder of meetings and round-trip it through JSON."""
    city = himi()
    tree = city.areas
    print(f"{city.name} ({city.prefecture}): population {city.population:,}")
    print("  areas: " + " · ".join(f"{level} {len(tree.at_level(level))}" for level in tree.levels))
    print(f"  {len(city.agencies)} agencies, {len(city.coordinators)} coordinators, "
          f"{len(city.bodies)} meeting bodies")
    print()
    print_escalation(city, "himi-d07")
    print()
    text = round_trip(city)
    print(f"Round trip through {len(text.encode()):,} bytes of JSON: equal and stable.")


if __name__ == "__main__":
    main()
