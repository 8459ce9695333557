"""The demo: ``python -m hokatsu`` shows 氷見市's directory, a sample year and its indicators."""

from __future__ import annotations

from hokatsu.calendar import FiscalYear
from hokatsu.cases import escalation_paths, replay
from hokatsu.domain.municipality import Municipality
from hokatsu.indicators import REPORT, IndicatorEngine, ResultTable
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from hokatsu.reference.sample import himi_fy2017


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


def year(ledger: Ledger) -> str:
    """What happened to the cases of a ledger, and how they climbed the meetings."""
    city = ledger.directory
    state = replay(ledger)
    lines = [f"A sample year: {len(ledger)} events, "
             f"{ledger.events[0].date} to {ledger.last_date}", "", "Cases"]
    for case in state.cases.values():
        hard = case.hard_case_type.label if case.hard_case_type else "—"
        status = f"closed ({case.outcome.label})" if case.outcome else "open"
        lines.append(f"  {case.case_id}: {case.route.label}, {hard}; "
                     f"{len(case.involved_agency_ids)} agencies involved, {status}")
    for path in escalation_paths(state, city):
        if len(path.steps) < 2:
            continue
        lines += ["", f"Escalation of {path.case_id or path.theme}"]
        for step in path.steps:
            wait = f" after {step.wait_days} days" if step.wait_days is not None else ""
            outcome = step.outcome.label if step.outcome else "pending"
            lines.append(f"  {step.raised} [{city.body(step.body_id).tier_label}] "
                         f"{city.body(step.body_id).name}{wait}: {outcome}")
    return "\n".join(lines)


def indicators(table: ResultTable, period: FiscalYear, area_id: str) -> str:
    """The report's operation-stage indicators for one period, one per line."""
    return table.format(period=period, area_id=area_id, indicators=REPORT,
                        title="Operation-stage indicators (第4章 2.(3))")


def main() -> None:
    """Print the demo."""
    city = himi()
    print(summary(city))
    print()
    ledger = Ledger(city, himi_fy2017())
    print(year(ledger))
    print()
    engine = IndicatorEngine(city)
    engine.update(ledger)
    print(indicators(engine.results(), FiscalYear(2017), city.areas.root.id))


if __name__ == "__main__":
    main()
