"""The demo: ``python -m hokatsu`` prints a summary of the 氷見市 preset."""

from __future__ import annotations

from hokatsu.domain.municipality import Municipality
from hokatsu.reference import himi


def summary(city: Municipality) -> str:
    """A short, readable summary of a municipality's directory."""
    tree = city.areas
    lines = [
        f"{city.name} ({city.prefecture}) — population {city.population:,}, "
        f"households {city.households:,}, aging rate {city.aging_rate:.1%}"
        if city.population and city.households and city.aging_rate is not None
        else city.name,
        "foundation: " + ", ".join(f.label for f in sorted(city.foundations, key=str)),
        "",
        "Areas",
    ]
    for level in tree.levels:
        areas = tree.at_level(level)
        synthetic = sum(a.synthetic for a in areas)
        note = f" ({synthetic} synthetic)" if synthetic else ""
        names = "、".join(a.name for a in areas[:4]) + ("…" if len(areas) > 4 else "")
        lines.append(f"  {level:<14}{len(areas):>4}{note}: {names}")
    lines += ["", f"Agencies ({len(city.agencies)})"]
    for a in city.agencies:
        lines.append(f"  {a.name} — {a.kind.label}, {a.sector.label}")
    lines += ["", f"Coordinators ({len(city.coordinators)}, {city.coordinator_fte:g} FTE)"]
    for c in city.coordinators:
        host = city.agency(c.agency_id).name if c.agency_id else "—"
        lines.append(f"  {c.title or c.id} at {host}: pattern {c.pattern.label}")
    lines += ["", f"Meeting bodies ({len(city.bodies)})"]
    for b in sorted(city.bodies, key=lambda b: (-b.tier, b.id)):
        where = f"each {b.convenes_per}" if b.convenes_per else tree.get(b.area_id).name
        up = f" → {city.body(b.escalates_to).name}" if b.escalates_to else ""
        lines.append(f"  [{b.tier_label}] {b.name} ({where}, {len(b.members)} members){up}")
    return "\n".join(lines)


def main() -> None:
    """Print the demo."""
    print(summary(himi()))


if __name__ == "__main__":
    main()
