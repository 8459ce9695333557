"""The tour behind ``python -m hokatsu``: pure functions that build its sections.

Each section is built once as a :class:`Section`: its text (what the demo prints) and the same
content as plain, JSON-ready data (what ``--json`` prints), with a provenance label saying what
the figures are — the report's data, areas the report does not list (synthetic), hokatsu's
assumptions, simulated figures, or a made-up example. A municipal reader must never take a
simulated figure for the city's result, so every section says which it holds.

Nothing here prints or reads anything: :mod:`hokatsu.__main__` parses the command line with
:func:`parser`, calls :func:`tour` and prints :func:`to_text` or :func:`to_data`.

Examples:
    >>> from hokatsu.reference import himi
    >>> section = directory_section(himi())
    >>> section.provenance
    'REPORT; areas marked synthetic are made up'
    >>> [line.split(":")[0] for line in section.lines if "synthetic):" in line]
    ['  district        21 (21 synthetic)', '  neighbourhood  226 (226 synthetic)']
    >>> [line.split()[0] for line in section.lines if "(CSW)" in line]
    ['himi-csw1', 'himi-csw2']
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from hokatsu import __version__
from hokatsu.calendar import FiscalYear
from hokatsu.cases import EscalationPath, Replay, escalation_paths, replay
from hokatsu.domain.meetings import LegalBasis
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import DisclosureDeniedError, UnknownReferenceError
from hokatsu.events import DataCategory, Provision, ReferralStatus, SharingPurpose
from hokatsu.indicators import REPORT, compute
from hokatsu.indicators.checklist import ITEM_1_SURVEY, ChecklistAnswers, assess, checklist_item
from hokatsu.indicators.model import ResultTable
from hokatsu.indicators.output import format_table, to_records
from hokatsu.ledger import Ledger
from hokatsu.network import (
    brokers,
    collaboration_graph,
    cross_field_share,
    network_measures,
    referral_graph,
    referral_multigraph,
    silos,
)
from hokatsu.sharing import Recipient, audit, disclose
from hokatsu.simulation import Scenario, presets, simulate

__all__ = [
    "PRESETS",
    "READ_NEXT",
    "SAMPLE_ANSWERS",
    "SAMPLE_TOWN",
    "Section",
    "Tour",
    "checklist_section",
    "climb_section",
    "climbing_case",
    "directory_section",
    "indicators_section",
    "network_section",
    "next_section",
    "parser",
    "provenance_lines",
    "sharing_section",
    "to_data",
    "to_text",
    "tour",
    "year_section",
]

#: The simulation presets the demo can tour, by command-line name.
PRESETS: Mapping[str, Callable[..., Scenario]] = {
    "himi": presets.himi, "edogawa": presets.edogawa, "iga": presets.iga,
}

#: What each preset's directory holds beyond the report, besides its synthetic areas (the
#: reference modules' own notes).
_MADE_UP_AGENCIES = {
    "himi": "the three branches of the 地域包括支援センター are named generically "
            "(hokatsu.reference.himi)",
    "iga": "the community actors and the 社会福祉法人 are named generically "
           "(hokatsu.reference.iga)",
}

SIMULATED = "SIMULATED"
_NOT_RESULTS = "{label} — not {city}'s results"

#: The tutorials, in reading order, then the explanation and reference pages to go on with.
READ_NEXT = (
    ("Model a household and its issues", "docs/tutorials/household.md"),
    ("Follow a case through 氷見市's layered meetings", "docs/tutorials/layered-meetings.md"),
    ("Compute a year's indicators", "docs/tutorials/indicators.md"),
    ("Self-assess with the checklist", "docs/tutorials/checklist.md"),
    ("Seeing the network", "docs/tutorials/network.md"),
    ("Simulate 氷見市's layered meetings and compare two designs",
     "docs/tutorials/simulate.md"),
    ("Sharing safely between agencies", "docs/tutorials/sharing.md"),
    ("A directory and a ledger (the library's idea)", "docs/explanation/directory-and-ledger.md"),
    ("The simulation model and its assumptions", "docs/explanation/simulation.md"),
    ("Every public class and function", "docs/reference/index.md"),
    ("Runnable scripts for each main use", "examples/"),
)


@attrs.frozen(kw_only=True)
class Section:
    """One part of the tour: a title, what its figures are, its text and the same as data.

    Args:
        key: the section's name in the JSON output (``"directory"``, ``"year"`` …).
        title: its heading.
        provenance: what its figures are (``"REPORT"``, ``"SIMULATED …"``, ``"MADE UP …"``).
        lines: the text, one line each (:func:`to_text` indents them under the heading).
        data: the same content as plain data: dicts, lists, strings, numbers, None.
    """

    key: str
    title: str
    provenance: str
    lines: tuple[str, ...]
    data: dict[str, Any]


# -- the directory ------------------------------------------------------------------------


def _sample(ids_names: Sequence[tuple[str, str]], n: int = 3) -> str:
    """A few ``id name`` pairs, then the last id when there are more (all of up to five)."""
    if len(ids_names) <= 5:
        n = len(ids_names)
    shown = ", ".join(f"{i} {name}" for i, name in ids_names[:n])
    if len(ids_names) > n:
        shown += f", …, {ids_names[-1][0]}"
    return shown


def directory_section(city: Municipality) -> Section:
    """The directory of a municipality, with the ids the tutorials use.

    Args:
        city: the municipality (a preset of :mod:`hokatsu.reference`).

    Returns:
        The section: census figures, areas per level (how many are synthetic: areas the
        report does not list, made up by hokatsu), agencies, coordinators told apart by id,
        meeting bodies and where each passes its cases.
    """
    tree = city.areas
    lines = [
        f"{city.name} ({city.prefecture}), id {city.id}: population {city.population:,}, "
        f"households {city.households:,}, aging rate {city.aging_rate:.1%} (平成27年国勢調査)"
        if city.population and city.households and city.aging_rate is not None
        else f"{city.name}, id {city.id}",
        "foundation: " + ", ".join(f.label for f in sorted(city.foundations, key=str)),
        "",
        "Areas (level, count, a few ids and names)",
    ]
    levels = []
    for level in tree.levels:
        areas = tree.at_level(level)
        synthetic = sum(a.synthetic for a in areas)
        note = f" ({synthetic} synthetic)" if synthetic else ""
        lines.append(f"  {level:<14}{len(areas):>4}{note}: "
                     f"{_sample([(a.id, a.name) for a in areas])}")
        levels.append({"level": level, "count": len(areas), "synthetic": synthetic,
                       "areas": [{"id": a.id, "name": a.name, "synthetic": a.synthetic}
                                 for a in areas]})
    if any(level["synthetic"] for level in levels):
        lines.append("  “N (M synthetic)”: M of the N areas are areas the report does not list, "
                     "made up by hokatsu")
        lines.append("  (names and ids invented for modelling; Area.synthetic is True).")
    width = max(len(a.id) for a in city.agencies)
    lines += ["", f"Agencies ({len(city.agencies)})"]
    lines += [f"  {a.id:<{width}}  {a.name} — {a.kind.label}, {a.sector.label}"
              for a in city.agencies]
    if city.id in _MADE_UP_AGENCIES:
        lines.append(f"  (not from the report: {_MADE_UP_AGENCIES[city.id]})")
    lines += ["", f"Coordinators ({len(city.coordinators)}, {city.coordinator_fte:g} FTE), "
                  "told apart by their ids"]
    coordinators = []
    for c in city.coordinators:
        host = city.agency(c.agency_id).name if c.agency_id else None
        where = f"at {host} ({c.agency_id})" if host else "in no agency"
        lines.append(f"  {c.id} ({c.title or 'coordinator'}) {where}, employed by "
                     f"{c.affiliation.label}: pattern {c.pattern.label}, {c.fte:g} FTE")
        coordinators.append({"id": c.id, "title": c.title, "agency_id": c.agency_id,
                             "agency": host, "affiliation": c.affiliation.value,
                             "pattern": c.pattern.label, "fte": c.fte})
    lines += ["", f"Meeting bodies ({len(city.bodies)}), from the community tier up"]
    bodies = []
    for b in sorted(city.bodies, key=lambda b: (-b.tier, b.id)):
        where = f"one per {b.convenes_per}" if b.convenes_per else tree.get(b.area_id).name
        up = f" → {b.escalates_to}" if b.escalates_to else ""
        lines.append(f"  [{b.tier_label}] {b.id} {b.name} ({where}, {len(b.members)} members)"
                     f"{up}")
        bodies.append({"id": b.id, "name": b.name, "tier": b.tier, "tier_label": b.tier_label,
                       "convenes_per": b.convenes_per, "members": len(b.members),
                       "escalates_to": b.escalates_to, "basis": b.basis.value,
                       "basis_assumed": b.basis_assumed})
    data = {
        "id": city.id, "name": city.name, "prefecture": city.prefecture,
        "population": city.population, "households": city.households,
        "aging_rate": city.aging_rate,
        "foundations": sorted(f.value for f in city.foundations),
        "areas": levels,
        "agencies": [{"id": a.id, "name": a.name, "kind": a.kind.value, "sector": a.sector.value}
                     for a in city.agencies],
        "coordinators": coordinators, "bodies": bodies,
    }
    return Section(key="directory", title=f"The directory of {city.name}",
                   provenance="REPORT; areas marked synthetic are made up", lines=tuple(lines),
                   data=data)


# -- the simulated year -------------------------------------------------------------------


def _simulated(city: Municipality, seed: int) -> str:
    return _NOT_RESULTS.format(label=f"{SIMULATED}, seed {seed}", city=city.name)


def year_section(ledger: Ledger, state: Replay, seed: int) -> Section:
    """What happened in a simulated year: events, cases, referrals, sessions, coordinators.

    Args:
        ledger: the simulated year.
        state: its replay.
        seed: the seed it was simulated with (for the label).

    Returns:
        The section; its figures are simulated.
    """
    city = ledger.directory
    cases = list(state.cases.values())
    closed = sum(not c.is_open for c in cases)
    hard = sum(c.hard_case_type is not None for c in cases)
    referrals = list(state.referrals.values())
    completed = sum(r.status is ReferralStatus.COMPLETED for r in referrals)
    sessions = collections.Counter(s.body_id for s in ledger.facts.sessions.values())
    by_coordinator = {c.id: sum(c.id in case.coordinator_ids for case in cases)
                      for c in city.coordinators}
    first, last = ledger.events[0].date, ledger.last_date
    lines = [
        f"{len(ledger):,} events from {first} to {last}, each validated by the ledger",
        f"cases: {len(cases)} opened, {closed} closed, {len(cases) - closed} still open; "
        f"{hard} hard cases (types ①–④)",
        f"referrals (つなぎ): {len(referrals)} requested, {completed} completed",
        "sessions: " + ", ".join(f"{b} {n}" for b, n in sorted(sessions.items())),
        "cases each coordinator took part in: "
        + ", ".join(f"{c} {n}" for c, n in by_coordinator.items()),
    ]
    data = {
        "events": len(ledger), "first": first.isoformat(),
        "last": last.isoformat() if last else None,
        "cases": len(cases), "closed": closed, "open": len(cases) - closed, "hard_cases": hard,
        "referrals": len(referrals), "referrals_completed": completed,
        "sessions": dict(sorted(sessions.items())), "cases_by_coordinator": by_coordinator,
    }
    return Section(key="year", title=f"A simulated year of {city.name}",
                   provenance=_simulated(city, seed), lines=tuple(lines), data=data)


# -- one case's climb ---------------------------------------------------------------------


def climbing_case(paths: Iterable[EscalationPath]) -> EscalationPath | None:
    """The case that climbed furthest up the meetings (the first raised among equals).

    Examples:
        >>> climbing_case([]) is None
        True
    """
    cases = [p for p in paths if p.case_id is not None]
    if not cases:
        return None
    return min(cases, key=lambda p: (-len(p.steps), p.steps[0].raised, p.case_id or ""))


def climb_section(ledger: Ledger, state: Replay, seed: int) -> Section:
    """One case's climb up the layered meetings, and how far the year's cases went.

    Args:
        ledger: the simulated year.
        state: its replay.
        seed: its seed (for the label).

    Returns:
        The section; the case and its dates are simulated, the ladder is the directory's.
    """
    city = ledger.directory
    paths = escalation_paths(state, city)
    path = climbing_case(paths)
    depth = collections.Counter(len(p.steps) for p in paths if p.case_id is not None)
    lines = ["cases discussed by number of bodies they went through: "
             + (", ".join(f"{n} body: {k}" if n == 1 else f"{n} bodies: {k}"
                          for n, k in sorted(depth.items())) or "none")]
    data: dict[str, Any] = {"paths_by_bodies": {str(n): k for n, k in sorted(depth.items())},
                            "case_id": None, "ladder": [], "steps": []}
    if path is None:
        lines.append("no case was discussed at a meeting this year")
        return Section(key="climb", title="One case's climb up the layered meetings",
                       provenance=_simulated(city, seed), lines=tuple(lines), data=data)
    case = state.cases[path.case_id or ""]
    ladder = [b.id for b in city.escalation_chain(path.steps[0].body_id)]
    lines.append("the ladder from its first body (the directory's): "
                 + " → ".join(ladder))
    hard = case.hard_case_type.label if case.hard_case_type else "not a hard case"
    who = ("coordinator " + ", ".join(sorted(case.coordinator_ids)) if case.coordinator_ids
           else "no coordinator took part")
    where = " in ".join(f"{a} {city.areas.get(a).name}"
                        for a in city.areas.lineage(case.area_id)[:2])
    lines.append(f"case {case.case_id}: a household of {where}; {hard}; {who}")
    steps = []
    for step in path.steps:
        body = city.body(step.body_id)
        wait = f", {step.wait_days} days after the body below" if step.wait_days is not None \
            else ""
        outcome = step.outcome.label if step.outcome else "pending"
        lines.append(f"  {step.raised} [{body.tier_label}] {body.name} "
                     f"({city.areas.get(step.area_id).name}{wait}): {outcome}")
        steps.append({"body_id": step.body_id, "body": body.name, "tier": step.tier,
                      "tier_label": body.tier_label, "area_id": step.area_id,
                      "raised": step.raised.isoformat(), "wait_days": step.wait_days,
                      "outcome": step.outcome.value if step.outcome else None})
    if path.settled is not None and len(path.steps) == 1:
        lines.append(f"settled at its first body (tier {path.settled_tier})")
    elif path.settled is not None:
        lines.append(f"settled at tier {path.settled_tier} ({city.body(path.settled.body_id).name}"
                     f") after {sum(path.delays)} days of waiting between bodies")
    elif path.waiting:
        lines.append("escalated and not yet taken up at the year's end")
    else:
        lines.append("not settled by the year's end")
    data.update(case_id=case.case_id, area_id=case.area_id, ladder=ladder, steps=steps,
                coordinators=sorted(case.coordinator_ids),
                hard_case_type=case.hard_case_type.value if case.hard_case_type else None,
                settled_tier=path.settled_tier, waiting_days=sum(path.delays))
    return Section(key="climb", title="One case's climb up the layered meetings",
                   provenance=_simulated(city, seed), lines=tuple(lines), data=data)


# -- indicators ---------------------------------------------------------------------------


def indicators_section(table: ResultTable, city: Municipality, year: FiscalYear,
                       seed: int) -> Section:
    """The year's operation-stage indicators (第4章 2.(3)) for the whole municipality.

    Args:
        table: the indicators computed on the simulated year.
        city: the municipality.
        year: the fiscal year.
        seed: the seed (for the label).

    Returns:
        The section: the text through :func:`~hokatsu.indicators.output.format_table`, the
        data through :func:`~hokatsu.indicators.output.to_records`; every figure simulated.
    """
    root = city.areas.root.id
    text = format_table(table, period=year, area_id=root, indicators=REPORT,
                        title=f"{SIMULATED} figures, seed {seed} — not {city.name}'s results")
    rows = [r for r in to_records(table)
            if r["area_id"] == root and r["period"] == year.key and r["group"] is None]
    return Section(key="indicators", title="The year's indicators (第4章 2.(3))",
                   provenance=_simulated(city, seed),
                   lines=tuple(text.splitlines()),
                   data={"period": year.key, "area_id": root, "rows": rows})


# -- the network --------------------------------------------------------------------------


def network_section(ledger: Ledger, seed: int) -> Section:
    """The referral and collaboration network of the year: measures, brokers, silos.

    Args:
        ledger: the simulated year.
        seed: its seed (the label, and the community detection's seed).

    Returns:
        The section; every figure is simulated.
    """
    city = ledger.directory
    name = {a.id: a.name for a in city.agencies}
    referrals = referral_graph(ledger)
    m = network_measures(referrals)
    together = collaboration_graph(ledger)
    top = brokers(together, 3)
    share = cross_field_share(referral_multigraph(ledger))
    found = silos(together, seed=seed)
    lines = [
        f"referrals: {m.ties} ties between {m.agencies} agencies, density {m.density:.2f}, "
        f"centralisation {m.centralization:.2f}, reciprocity "
        + ("— (no ties)" if m.reciprocity is None else f"{m.reciprocity:.2f}"),
        "brokers (betweenness, working together on cases and in meetings): "
        + (", ".join(f"{a} {name.get(a, a)} {score:.2f}" for a, score in top) or "none"),
        "referrals crossing fields (sender and receiver share no field): "
        + ("no referral between agencies of fields" if share is None else f"{share:.0%}"),
        f"communities (Louvain, seed {seed}): "
        + "; ".join(f"{len(c.agencies)} agencies over {len(c.fields)} fields"
                    for c in found.communities),
        "silos (two or more agencies keeping to one field): "
        + (", ".join("+".join(c.agencies) for c in found.silos) or "none"),
    ]
    data = {
        "ties": m.ties, "agencies": m.agencies, "density": m.density,
        "centralization": m.centralization, "reciprocity": m.reciprocity,
        "brokers": [{"agency_id": a, "name": name.get(a), "betweenness": s} for a, s in top],
        "cross_field_share": share,
        "communities": [{"agencies": list(c.agencies), "fields": list(c.fields)}
                        for c in found.communities],
        "silos": [list(c.agencies) for c in found.silos],
    }
    return Section(key="network", title="The network of the year",
                   provenance=_simulated(city, seed), lines=tuple(lines), data=data)


# -- the checklist ------------------------------------------------------------------------

#: The checklist answers of みどり町, an imaginary town (those of the checklist tutorial).
SAMPLE_ANSWERS: Mapping[int, str | list[str]] = {
    1: "イ", 2: "ア", 3: ["ア", "ウ"], 4: "community_care", 6: ["ア", "エ"],
    7: ["ア", "イ", "ウ", "エ"], 8: ["ア", "イ", "ウ"], 9: "ア", 10: ["ア", "イ", "ウ", "エ", "オ"],
    11: ["community_issues", "individual_cases"], 12: ["ア", "ウ"], 13: "イ", 14: ["ア"],
}
SAMPLE_TOWN = "みどり町"


def checklist_section(year: FiscalYear) -> Section:
    """A checklist self-assessment (第4章 2.(1)(2)) of an imaginary town, and the survey.

    Args:
        year: the fiscal year the answers are for.

    Returns:
        The section: the made-up answers' assessment and next steps, then how the 26 model
        municipalities answered item 1 (参考資料3 1-①, the report's data).
    """
    answers = ChecklistAnswers.of(SAMPLE_ANSWERS, municipality=SAMPLE_TOWN, fiscal_year=year)
    result = assess(answers)
    c = result.counts
    lines = [f"{SAMPLE_TOWN}, {year.label}: {c.meets} items meet the recommendation, "
             f"{c.partial} partly, {c.gap} fall short, {c.unanswered} unanswered"]
    lines += [f"  stage {stage.code} {stage.label}: {n.meets} of {n.total} meet"
              for stage, n in result.by_stage().items()]
    todo = result.next_steps()
    lines.append(f"next steps, most urgent first (the first 4 of {len(todo)}):")
    steps = []
    for finding in todo[:4]:
        item = checklist_item(finding.item)
        lines.append(f"  {finding.describe()} — {item.label}")
        lines.append(f"      {item.advice_ja}"
                     + (f" (参考事例: {'、'.join(item.references)})" if item.references else ""))
        steps.append({"item": finding.item, "status": finding.status.value,
                      "missing": [o.letter for o in finding.missing_options],
                      "question": item.question, "label": item.label,
                      "advice_ja": item.advice_ja, "references": list(item.references)})
    item_1, letter = ITEM_1_SURVEY, {o.key: o.letter for o in checklist_item(1).options}
    lines.append(f"how the {item_1.respondents} model municipalities of FY2016 answered item 1 "
                 f"({item_1.source}) [REPORT]; the survey's letters are not the checklist's:")
    survey = []
    for answer in item_1.answers:
        covers = ", ".join(sorted(letter[k] for k in answer.item_options)) or "none"
        lines.append(f"  survey {answer.letter} {answer.label} ({answer.description}): "
                     f"{answer.count} ({item_1.share(answer.letter):.0%}); checklist options: "
                     f"{covers}")
        survey.append({"letter": answer.letter, "label": answer.label,
                       "description": answer.description, "count": answer.count,
                       "checklist_options": sorted(letter[k] for k in answer.item_options)})
    data = {
        "municipality": SAMPLE_TOWN, "made_up": True, "fiscal_year": year.key,
        "counts": {"meets": c.meets, "partial": c.partial, "gap": c.gap,
                   "unanswered": c.unanswered},
        "findings": [{"item": f.item, "status": f.status.value} for f in result.findings],
        "next_steps": steps, "item_1_survey": survey,
    }
    return Section(key="checklist", title="A checklist self-assessment (第4章 2.(1)(2))",
                   provenance=f"MADE UP answers of {SAMPLE_TOWN}, an imaginary town; "
                              "survey figures: REPORT",
                   lines=tuple(lines), data=data)


# -- sharing ------------------------------------------------------------------------------


def _view(ledger: Ledger, case_id: str, to: Recipient, purpose: SharingPurpose,
          date: dt.date) -> dict[str, Any]:
    """What *to* may see of the case: shown categories and the rules, or the refusal."""
    try:
        view = disclose(ledger, case_id, to=to, purpose=purpose, date=date)
    except DisclosureDeniedError as error:
        return {"recipient": str(to), "purpose": purpose.value, "date": date.isoformat(),
                "shown": [], "rules": [error.rule], "refused": True}
    return {"recipient": str(to), "purpose": purpose.value, "date": date.isoformat(),
            "shown": sorted(c.value for c in view.shown),
            "rules": sorted({p.rule for p in view.parts}), "refused": False}


def _say(view: Mapping[str, Any]) -> str:
    rules = ", ".join(view["rules"])
    if view["refused"]:
        return f"refused [{rules}]"
    if not view["shown"]:
        return f"a de-identified summary only [{rules}]"
    return f"{len(view['shown'])} of {len(DataCategory)} categories shown [{rules}]"


def _scope(provision: Provision | None) -> str:
    """The purposes a consent's latest version covers, in words."""
    if provision is None:
        return "(withdrawn)"
    if not provision.purposes:
        return "for any purpose"
    return "for " + ", ".join(sorted(p.value for p in provision.purposes))


def sharing_section(ledger: Ledger, state: Replay, seed: int) -> Section:
    """What the meetings and an agency may see of the climbing case, and the year's audit.

    Args:
        ledger: the simulated year.
        state: its replay.
        seed: its seed (for the label).

    Returns:
        The section: the bodies' legal bases (hokatsu's assumption where ``basis_assumed``),
        one view per session that discussed the case and one for an agency outside it asking
        for a referral, each naming the rule that decided it, and the audit of the year's
        recorded disclosures.
    """
    city = ledger.directory
    bases = [f"{b.id} {b.basis.value}{'*' if b.basis_assumed else ''}"
             for b in sorted(city.bodies, key=lambda b: (-b.tier, b.id))]
    lines = ["legal bases of the bodies: " + ", ".join(bases),
             "  (confidential: a 支援会議, may share without consent; consent: needs the "
             "person's consent;",
             "  community: a de-identified summary without consent"
             + ("; * assumed by hokatsu, the report predates the 2021 law)"
                if any(b.basis_assumed for b in city.bodies) else ")")]
    views: list[dict[str, Any]] = []
    path = climbing_case(escalation_paths(state, city))
    if path is not None:
        case = state.cases[path.case_id or ""]
        consents = ledger.facts.case_consents.get(case.case_id) or []
        lines.append(f"case {case.case_id}: {len(consents)} "
                     f"{'consent' if len(consents) == 1 else 'consents'} on record"
                     + "".join(f"; {k.consent_id} given {k.given} {_scope(k.versions[-1][2])}"
                               for k in consents[:2]))
        for item_id in case.item_ids:
            item = state.items[item_id]
            view = _view(ledger, case.case_id, Recipient(session_id=item.session_id),
                         SharingPurpose.CASE_CONFERENCE, item.raised)
            view["body_id"] = item.body_id
            views.append(view)
            lines.append(f"  {item.raised} session {item.session_id} of {item.body_id}, "
                         f"case conference: {_say(view)}")
        confidential = [state.items[i] for i in case.item_ids
                        if city.body(state.items[i].body_id).basis is LegalBasis.CONFIDENTIAL]
        if confidential:  # a purpose no consent of the simulation covers: the 支援会議's ground
            item = confidential[0]
            view = _view(ledger, case.case_id, Recipient(session_id=item.session_id),
                         SharingPurpose.REFERRAL, item.raised)
            view["body_id"] = item.body_id
            views.append(view)
            lines.append(f"  {item.raised} session {item.session_id} of {item.body_id} (a "
                         f"支援会議), referral: {_say(view)}")
        outside = sorted(a.id for a in city.agencies
                         if a.id not in case.involved_agency_ids
                         and a.id not in case.prior_agency_ids)
        if outside:
            when = path.steps[0].raised
            view = _view(ledger, case.case_id, Recipient(agency_id=outside[0]),
                         SharingPurpose.REFERRAL, when)
            views.append(view)
            lines.append(f"  {when} agency {outside[0]} (not involved in the case), "
                         f"referral: {_say(view)}")
    report = audit(ledger)
    lines.append(f"the year's audit: {report.total} disclosures recorded, {report.summaries} "
                 f"of them summaries only; emergency overrides {len(report.emergency)}; by "
                 "ground " + ", ".join(f"{b} {n}" for b, n in report.by_basis))
    data = {
        "bases": [{"body_id": b.id, "basis": b.basis.value, "assumed": b.basis_assumed}
                  for b in city.bodies],
        "case_id": path.case_id if path is not None else None, "views": views,
        "audit": {"total": report.total, "summaries": report.summaries,
                  "by_basis": dict(report.by_basis), "without_consent": report.without_consent,
                  "emergency": len(report.emergency)},
    }
    return Section(key="sharing", title="Sharing a case safely (hokatsu.sharing)",
                   provenance=_simulated(city, seed) + (
                       "; legal bases marked * ASSUMED"
                       if any(b.basis_assumed for b in city.bodies) else ""),
                   lines=tuple(lines), data=data)


# -- where next, and the whole tour -------------------------------------------------------


def next_section() -> Section:
    """Where to read next: the tutorials in order, two explanations, the reference.

    Examples:
        >>> next_section().lines[0]
        'Model a household and its issues: docs/tutorials/household.md'
    """
    lines = [f"{title}: {path}" for title, path in READ_NEXT]
    lines.append("build the docs: python -m pip install -e \".[docs]\" (or [test]), then "
                 "sphinx-build docs docs/_build/html and open docs/_build/html/index.html")
    return Section(key="next", title="Where to read next", provenance="", lines=tuple(lines),
                   data={"pages": [{"title": t, "path": p} for t, p in READ_NEXT]})


def provenance_lines(city: Municipality, seed: int) -> tuple[str, ...]:
    """The legend at the top: which parts are the report's data and which are not.

    Examples:
        >>> from hokatsu.reference import himi
        >>> print(provenance_lines(himi(), 0)[3])
          SYNTHETIC  247 of 252 areas: areas the report does not list, made up by hokatsu
    """
    areas = [a for level in city.areas.levels for a in city.areas.at_level(level)]
    synthetic = sum(a.synthetic for a in areas)
    lines = [
        "What is real and what is not:",
        f"  REPORT     {city.name}'s directory as the report describes it (its agencies, "
        "coordinators and meeting",
        "             bodies; section 1 says what is generic), its census figures, the survey's "
        "figures",
        f"  SYNTHETIC  {synthetic} of {len(areas)} areas: areas the report does not list, "
        "made up by hokatsu" if synthetic else
        f"  SYNTHETIC  none of the {len(areas)} areas",
    ]
    if any(b.basis_assumed for b in city.bodies):
        lines.append("  ASSUMED    the meeting bodies' legal bases for sharing, where marked *")
    lines += [
        f"  {SIMULATED}  every figure of the year (sections 2–5 and 7) comes from hokatsu's "
        f"simulation (seed {seed}):",
        f"             they are NOT {city.name}'s results",
        f"  MADE UP    the checklist answers of {SAMPLE_TOWN}, an imaginary town (section 6)",
    ]
    return tuple(lines)


@attrs.frozen(kw_only=True)
class Tour:
    """The whole tour: what was asked, the legend and the sections in order.

    Args:
        preset: the preset's name.
        seed: the simulation's seed.
        fiscal_year: the simulated fiscal year.
        city: the municipality's name.
        legend: the lines saying what is real and what is not.
        sections: the sections, in order.
    """

    preset: str
    seed: int
    fiscal_year: FiscalYear
    city: str
    legend: tuple[str, ...]
    sections: tuple[Section, ...]

    @property
    def heading(self) -> str:
        """The first line: the version, the municipality, the preset, the seed and the year."""
        return (f"hokatsu {__version__} — a tour of {self.city} (preset {self.preset!r}, "
                f"seed {self.seed}, simulated {self.fiscal_year.label} {self.fiscal_year.key})")

    def section(self, key: str) -> Section:
        """The section named *key*.

        Raises:
            UnknownReferenceError: no section has that key.
        """
        for section in self.sections:
            if section.key == key:
                return section
        raise UnknownReferenceError("Tour", "sections", key, [s.key for s in self.sections])


def tour(preset: str = "himi", *, seed: int = 0, fiscal_year: int | None = None) -> Tour:
    """Build the whole tour of a preset: simulate its year, then every section.

    Args:
        preset: a name of :data:`PRESETS`.
        seed: the simulation's seed.
        fiscal_year: the fiscal year to simulate; default the preset's.

    Returns:
        The :class:`Tour`.

    Raises:
        UnknownReferenceError: *preset* is not one of :data:`PRESETS`.
        InvalidValueError: *seed* or *fiscal_year* is not acceptable to the simulation.
    """
    make = PRESETS.get(preset) if type(preset) is str else None
    if make is None:
        raise UnknownReferenceError("tour", "preset", preset, sorted(PRESETS))
    scenario = make() if fiscal_year is None else make(fiscal_year)
    ledger = simulate(scenario, seed=seed)
    state = replay(ledger)
    city = ledger.directory
    year = FiscalYear(scenario.fiscal_year)
    table = compute(ledger, indicators=REPORT)
    sections = (
        directory_section(city),
        year_section(ledger, state, seed),
        climb_section(ledger, state, seed),
        indicators_section(table, city, year, seed),
        network_section(ledger, seed),
        checklist_section(year),
        sharing_section(ledger, state, seed),
        next_section(),
    )
    return Tour(preset=preset, seed=seed, fiscal_year=year, city=city.name,
                legend=provenance_lines(city, seed), sections=sections)


def to_text(t: Tour) -> str:
    """The tour as the demo prints it: the heading, the legend, then each numbered section."""
    out = [t.heading, *t.legend]
    for n, section in enumerate(t.sections, start=1):
        label = f" [{section.provenance}]" if section.provenance else ""
        out += ["", f"{n}. {section.title}{label}"]
        out += [f"  {line}" if line else "" for line in section.lines]
    return "\n".join(out)


def to_data(t: Tour) -> dict[str, Any]:
    """The tour as plain data that ``json.dumps`` takes: what was asked, the legend, and one
    entry per section (its title, its provenance and its content)."""
    data: dict[str, Any] = {
        "hokatsu": __version__, "preset": t.preset, "seed": t.seed,
        "fiscal_year": t.fiscal_year.key, "municipality": t.city, "legend": list(t.legend),
        "sections": [s.key for s in t.sections],
    }
    for section in t.sections:
        data[section.key] = {"title": section.title, "provenance": section.provenance,
                             **section.data}
    return data


# -- the command line ---------------------------------------------------------------------


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"a seed is a whole number of at least 0, got {value}")
    return value


def _fiscal_year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not 1990 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"a fiscal year from 1990 to 2100, got {value}")
    return value


def parser() -> argparse.ArgumentParser:
    """The demo's command line: ``--preset``, ``--seed``, ``--fiscal-year``, ``--json``.

    Examples:
        >>> args = parser().parse_args(["--preset", "iga", "--seed", "3"])
        >>> args.preset, args.seed, args.fiscal_year, args.json
        ('iga', 3, None, False)
    """
    p = argparse.ArgumentParser(
        prog="python -m hokatsu",
        description="A tour of hokatsu: a municipality's directory (the report's data), a "
                    "simulated fiscal year of it, one case's climb up the layered meetings, the "
                    "year's indicators, its network, a checklist self-assessment, a consent and "
                    "disclosure example, and where to read next. Every figure of the year is "
                    "simulated, not the municipality's results.")
    p.add_argument("--preset", choices=sorted(PRESETS), default="himi",
                   help="the municipality: 氷見市 (himi, default), 江戸川区 (edogawa, the "
                        "slowest: about 300,000 households), 伊賀市 (iga)")
    p.add_argument("--seed", type=_seed, default=0,
                   help="the simulation's seed, a whole number ≥ 0 (default 0); the same seed "
                        "gives the same tour")
    p.add_argument("--fiscal-year", type=_fiscal_year, default=None, metavar="YEAR",
                   help="the fiscal year (年度) to simulate, e.g. 2017; default the preset's "
                        "(氷見市 2017, 江戸川区 and 伊賀市 2016)")
    p.add_argument("--json", action="store_true",
                   help="print the same content as one JSON document, for scripts")
    return p
