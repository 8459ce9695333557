"""Benchmark: the whole indicator catalogue over a large ledger, against pandas.

Simulates one fiscal year of the 氷見市 preset with its households scaled to about ``--events``
events (``hokatsu.simulation.simulate``, through ``_simulated.py``; the validated ledger is
not timed), then measures:

- hokatsu: ``IndicatorEngine(city).update(ledger)`` — the whole catalogue (the report's 1A1–5O4
  and hokatsu's extras) in one pass — plus ``results(level="district")``, by fiscal year ×
  district;
- pandas: the same counts with a pandas groupby, starting from the same in-memory event objects
  and their areas: building the frame, deriving fiscal year and district, and one groupby per
  indicator. pandas is given only the indicators that need no case history (counts, sums and
  distinct counts over event fields, joined to sessions, items and measures where needed);
  the case-state indicators (2A2–2A5, 2O1, 2O2, shares, referral timings) would need a
  sequential pass it cannot vectorise. So pandas does less than hokatsu: the ratio is
  conservative. Both results are checked to agree on every indicator pandas computes.
- user indicators: the catalogue plus the twenty indicators of :data:`USER` below, written in
  this script as a user would (reference paths into the engine's facts, groups, distinct
  counts, per-case measures, one plain function), by fiscal year × district;
- incremental: adding the last day's events to an engine that has read the rest, against
  recomputing the whole record;
- late records: a day's worth of events (150) dated up to 60 days back, appended after an
  engine read the rest, then the engine updated with that year's results, best of ``--repeat``
  (issue 10's target: at most 5 % of a recomputation).

Each hokatsu figure is taken twice: as the engine runs by default, and inside
``hokatsu.paused_gc()`` (the cyclic collector paused for the call, which the caller asks for:
it affects the whole process). ``events_per_s`` and ``user_events_per_s`` are the default runs.

Targets (issue 9): the catalogue at least 1,000,000 events/s on one core and at least 5× the
pandas baseline; with the twenty user indicators at least 850,000 events/s.
The last line is one JSON object with the figures.

Run: ``python benchmarks/indicators.py [--events N] [--seed S] [--repeat R]``
(needs the ``benchmark`` extra: ``pip install -e ".[benchmark]"``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd
from _late import hold_back
from _simulated import himi_year

from hokatsu import Indicator, paused_gc
from hokatsu.calendar import FiscalYear
from hokatsu.errors import EventRejectedError
from hokatsu.events import (
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentRecorded,
    CaseConferenceHeld,
    DevelopmentPurpose,
    Event,
    FollowUpDone,
    IssueIdentified,
    ItemOutcome,
    MeasureDomain,
    MeetingHeld,
    PlanMade,
    ReferralAccepted,
    ReferralCompleted,
    ReferralFailed,
    ReferralRequested,
    ResourceKind,
)
from hokatsu.indicators import (
    CATALOGUE,
    All,
    Always,
    Attr,
    Case,
    CaseLabels,
    Cases,
    Count,
    Days,
    Distinct,
    Equals,
    IndicatorEngine,
    Is,
    IsNot,
    Item,
    Mean,
    Not,
    OfType,
    Ratio,
    Referral,
    Session,
    Sum,
)
from hokatsu.ledger import Ledger

TARGET = 1_000_000
USER_TARGET = 850_000
LATE = 150  # a day of late records (issue 10)
LATE_DAYS = 60
LATE_SHARE = 0.05  # of a recomputation, at most
HARD = IsNot(Case("hard_type"), None)


def _u(id_: str, events: tuple[type[Event], ...], measure: Any, **extra: Any) -> Indicator:
    return Indicator(id=id_, name=id_, events=events, measure=measure, **extra)


#: Twenty indicators a user might add, written with the public algebra only.
USER: tuple[Indicator, ...] = (
    _u("u_conf_multi_hard", (CaseConferenceHeld,), Count(), where=All(Case("multi_field"), HARD)),
    _u("u_plans_by_type", (PlanMade,), Count(), group=Case("hard_type")),
    _u("u_referrals_by_type", (ReferralRequested,), Count(), group=Case("hard_type")),
    _u("u_accept_days_hard", (ReferralAccepted,), Mean(Days(Referral("requested"), Attr("date"))),
       where=HARD),
    _u("u_receivers_multi", (ReferralRequested,), Distinct(Attr("to_agency_id")),
       where=Case("multi_field")),
    _u("u_assessed_whole", (AssessmentRecorded,), Distinct(Attr("case_id")),
       where=Case("whole_household")),
    _u("u_open_hard_cases", (), Cases(All(Case("is_open"), HARD))),
    _u("u_discussed_cases", (), Cases(Case("discussed"))),
    _u("u_connected_labels", (), CaseLabels(Case("connected"))),
    _u("u_case_items", (AgendaItemRaised,), Count(),
       where=All(Session("promotion"), IsNot("case_id", None))),
    _u("u_conclusions_by_tier", (AgendaItemConcluded,), Count(), group=Item("tier")),
    _u("u_escalations", (AgendaItemConcluded,), Count(),
       where=Is("outcome", ItemOutcome.ESCALATED)),
    _u("u_coordinated_follow_ups", (FollowUpDone,), Count(), where=IsNot("coordinator_id", None),
       group=Case("hard_type")),
    _u("u_completion_hard", (ReferralCompleted, ReferralFailed),
       Ratio(OfType((ReferralCompleted,)), Always()), where=HARD),
    _u("u_other_meeting_agencies", (MeetingHeld,), Distinct(Attr("agency_ids"), many=True),
       where=Not(Session("promotion"))),
    _u("u_subcommittee_participants", (MeetingHeld,), Sum(Attr("participants")),
       where=Session("subcommittee")),
    _u("u_issues_in_multi_cases", (IssueIdentified,), Count(), where=Case("multi_field")),
    _u("u_first_plans_coordinated", (PlanMade,), Count(),
       where=All(Equals(Case("plans"), 1), IsNot("coordinator_id", None))),
    _u("u_many_agencies", (), CaseLabels(lambda case: "3+" if len(case.involved) >= 3 else None)),
    _u("u_hard_cases_accepted", (ReferralAccepted,), Distinct(Case("case_id")), where=HARD),
)
LEVEL = "district"
COMPUTED: set[str] = set()  # the indicators pandas_indicators computes


def _frame(events: list[Event], areas: list[str], district_of: dict[str, str | None]) -> Any:
    """One row per event with the fields the vectorisable indicators read."""
    def col(name: str, default: Any = None) -> list[Any]:
        return [getattr(e, name, default) for e in events]

    def enum_col(name: str) -> list[str | None]:  # enums as their string values
        return [None if v is None else v.value for v in col(name)]

    frame = pd.DataFrame({
        "type": [e.TYPE for e in events],
        "date": pd.to_datetime([e.date for e in events]),
        "district": [district_of[a] for a in areas],
        "case_id": col("case_id"),
        "agency_id": col("agency_id"),
        "coordinator_id": col("coordinator_id"),
        "session_id": col("session_id"),
        "body_id": col("body_id"),
        "item_id": col("item_id"),
        "theme": col("theme"),
        "escalated_from": col("escalated_from"),
        "outcome": enum_col("outcome"),
        "measure_id": col("measure_id"),
        "domain": enum_col("domain"),
        "purpose": enum_col("purpose"),
        "kind": enum_col("kind"),
        "topic": enum_col("topic"),
        "participants": col("participants", 0),
        "items": col("items", 0),
        "respondents": col("respondents", 0),
        "amount_yen": col("amount_yen", 0),
        "newly_budgeted": col("newly_budgeted", False),
        "actor_ids": col("actor_ids", frozenset()),
        "agency_ids": col("agency_ids", frozenset()),
        "content": enum_col("content"),
        "route": enum_col("route"),
        "counts": col("counts", ()),
    })
    frame["fy"] = frame["date"].dt.year - (frame["date"].dt.month < 4)
    return frame


def pandas_indicators(events: list[Event], areas: list[str],
                      district_of: dict[str, str | None],
                      promotion: frozenset[str]) -> dict[tuple[str, int, str, str | None], float]:
    """The vectorisable indicators per (indicator, fiscal year, district, group) with pandas."""
    f = _frame(events, areas, district_of)
    f = f[f["district"].notna()]
    out: dict[tuple[str, int, str, str | None], float] = {}
    keys = ["fy", "district"]

    def put(ind: str, series: Any, group: str | None = None) -> None:
        COMPUTED.add(ind)
        for (fy, district), value in series.items():
            out[(ind, int(fy), district, group)] = float(value)

    def count(ind: str, mask: Any) -> None:
        put(ind, f[mask].groupby(keys).size())

    def total(ind: str, mask: Any, column: str) -> None:
        put(ind, f[mask].groupby(keys)[column].sum())

    def nunique(ind: str, mask: Any, column: str) -> None:
        put(ind, f[mask].groupby(keys)[column].nunique())

    def nunique_many(ind: str, mask: Any, column: str) -> None:
        exploded = f[mask][[*keys, column]].explode(column).dropna()
        put(ind, exploded.groupby(keys)[column].nunique())

    t = f["type"]
    sessions = f[t == "meeting_held"][["session_id", "body_id"]]
    session_body = dict(zip(sessions["session_id"], sessions["body_id"], strict=True))
    items = f[t == "agenda_item_raised"][["item_id", "session_id", "theme"]]
    item_body = {i: session_body[s] for i, s in zip(items["item_id"], items["session_id"],
                                                    strict=True)}
    item_theme = dict(zip(items["item_id"], items["theme"], strict=True))
    measures = f[t == "measure_started"][["measure_id", "domain"]]
    measure_domain = dict(zip(measures["measure_id"], measures["domain"], strict=True))
    on_promotion = f["session_id"].map(lambda s: session_body.get(s) in promotion)
    item_promotion = f["item_id"].map(lambda i: item_body.get(i) in promotion)

    count("1A1", t == "community_exchange_held")
    count("1A2", t == "community_gathering_attended")
    count("1A3", t == "survey_conducted")
    total("1A4", t == "survey_conducted", "items")
    total("1A5", t == "survey_conducted", "respondents")
    nunique("1A6", t == "agency_interviewed", "agency_id")
    count("1A7", (t == "outreach_done") & f["actor_ids"].map(bool))
    passed_on = f["escalated_from"].map(lambda i: item_body.get(i) in promotion)
    count("1O1", (t == "agenda_item_raised") & f["theme"].notna() & on_promotion & ~passed_on)
    count("1O2", (t == "agenda_item_concluded")
          & (f["outcome"] == ItemOutcome.RESPONSE_PRESENTED.value)
          & f["item_id"].map(lambda i: item_theme.get(i) is not None) & item_promotion)
    nunique("2A1", (t == "assessment_recorded") & f["coordinator_id"].notna(), "case_id")
    count("2O3", (t == "resource_created") & (f["kind"] == ResourceKind.TOOL.value))
    for ind, purpose in (("3A1", DevelopmentPurpose.RESOURCES),
                         ("3A5", DevelopmentPurpose.FUNDING)):
        count(ind, (t == "development_consultation_held") & (f["purpose"] == purpose.value))
    for a, b, purpose in (("3A2", "3A3", DevelopmentPurpose.RESOURCES),
                          ("3A6", "3A7", DevelopmentPurpose.FUNDING)):
        mask = (t == "development_meeting_held") & (f["purpose"] == purpose.value)
        count(a, mask)
        total(b, mask, "participants")
    count("3O1", t == "actor_joined")
    count("3O2", (t == "resource_created") & (f["kind"] == ResourceKind.BASE.value))
    count("3O3", (t == "resource_created") & (f["kind"] == ResourceKind.COMMUNITY_SERVICE.value))
    nunique("3O4", t == "funding_secured", "kind")
    total("3O5", t == "funding_secured", "amount_yen")
    total("3O6", (t == "funding_secured") & f["newly_budgeted"], "amount_yen")
    count("4A1", (t == "measure_started") & (f["domain"] == MeasureDomain.SYSTEM.value))
    count("4A3", t == "sharing_consultation_held")
    count("4A4", (t == "measure_started")
          & (f["domain"] == MeasureDomain.INFORMATION_SHARING.value))
    count("4A5", t == "training_held")
    total("4A6", t == "training_held", "participants")
    count("4A7", t == "assessment_exchange_held")
    total("4A8", t == "assessment_exchange_held", "participants")
    domain = f["measure_id"].map(measure_domain)
    count("4O1", (t == "measure_completed") & (domain == MeasureDomain.SYSTEM.value))
    count("4O3", (t == "measure_completed") & (domain == MeasureDomain.INFORMATION_SHARING.value))
    promoted = (t == "meeting_held") & on_promotion
    count("5A1", promoted)
    nunique_many("5A2", promoted, "agency_ids")
    total("5A3", promoted, "participants")
    count("5A4", (t == "agenda_item_raised") & on_promotion)
    count("5O2", (t == "agenda_item_concluded") & item_promotion
          & f["outcome"].isin([ItemOutcome.AGREED.value, ItemOutcome.RESPONSE_PRESENTED.value]))
    count("5O3", (t == "progress_reported") & item_promotion)
    consultations = f[t == "consultation_received"]
    put("consultations", consultations.groupby(keys).size())
    for (fy, district, content), n in consultations.groupby([*keys, "content"]).size().items():
        out[("consultations", int(fy), district, content)] = float(n)
    opened = f[t == "case_opened"]
    put("cases_opened", opened.groupby(keys).size())
    for (fy, district, route), n in opened.groupby([*keys, "route"]).size().items():
        out[("cases_opened", int(fy), district, route)] = float(n)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs")
    args = parser.parse_args()

    t0 = time.perf_counter()
    ledger = himi_year(args.events, seed=args.seed)
    city = ledger.directory
    events, areas = list(ledger.events), list(ledger.areas)
    n = len(events)
    print(f"simulated: {n:,} events for {city.name} ({events[0].date} – {events[-1].date}), "
          f"ledger built in {time.perf_counter() - t0:.1f}s")
    tree = city.areas
    district_of = {a.id: tree.ancestor_at(a.id, LEVEL) for a in tree}
    promotion = frozenset(b.id for b in city.bodies if b.promotion)

    hokatsu_s = pandas_s = pass_s = results_s = float("inf")
    best: dict[str, float] = {}
    table = None
    expected: dict[tuple[str, int, str, str | None], float] = {}
    for _ in range(args.repeat):
        gc.collect()  # neither side pays for the other's garbage
        t0 = time.perf_counter()
        engine = IndicatorEngine(city)
        engine.update(ledger)
        t1 = time.perf_counter()
        table = engine.results(level=LEVEL)
        t2 = time.perf_counter()
        if t2 - t0 < hokatsu_s:
            hokatsu_s, pass_s, results_s = t2 - t0, t1 - t0, t2 - t1
        del engine
        for name, indicators, paused in (("paused", CATALOGUE, True),
                                         ("user", CATALOGUE + USER, False),
                                         ("user_paused", CATALOGUE + USER, True)):
            gc.collect()
            best[name] = min(best.get(name, float("inf")),
                             _timed(city, ledger, indicators, paused))
        gc.collect()
        t0 = time.perf_counter()
        expected = pandas_indicators(events, areas, district_of, promotion)
        pandas_s = min(pandas_s, time.perf_counter() - t0)
    assert table is not None
    compared = _agree(table, expected)

    # incremental: the record without its last full day, then that day added
    last_day = events[-1].date - dt.timedelta(days=1)
    head = next(i for i, e in enumerate(events) if e.date == last_day)
    tail = next(i for i, e in enumerate(events) if e.date > last_day)
    events = events[:tail]
    partial = Ledger(city, events[:head])
    engine = IndicatorEngine(city)
    engine.update(partial)
    partial.extend(events[head:])
    gc.collect()
    t0 = time.perf_counter()
    added = engine.update(partial)
    update_s = time.perf_counter() - t0
    engine.results(level=LEVEL, periods=[FiscalYear.of(last_day)])
    day_s = time.perf_counter() - t0

    # late records: a day's worth held back from the last LATE_DAYS days, the rest read by an
    # engine, then the late ones appended and the engine updated, with that year's results;
    # best of --repeat, as the recomputation it is compared with is
    rest, late = hold_back(list(ledger.events), LATE, LATE_DAYS, args.seed)
    late_update_s = float("inf")
    reread = 0
    for _ in range(args.repeat):
        partial = Ledger(city, rest)
        engine = IndicatorEngine(city)
        engine.update(partial)
        for event in late:
            with contextlib.suppress(EventRejectedError):  # recorded after a same-day event
                partial.append(event)  # it must precede
        gc.collect()
        t0 = time.perf_counter()
        reread = engine.update(partial)
        engine.results(level=LEVEL, periods=[FiscalYear.of(late[0].date)])
        late_update_s = min(late_update_s, time.perf_counter() - t0)
        del partial

    events_per_s = n / hokatsu_s
    print(f"hokatsu, whole catalogue ({len(engine.indicators)} indicators) by fiscal year × "
          f"{LEVEL}: {hokatsu_s:.2f}s  {events_per_s:,.0f} events/s "
          f"= {events_per_s / TARGET:.2f}× the target of {TARGET:,}/s")
    print(f"  of which the pass over the events {pass_s:.2f}s ({n / pass_s:,.0f} events/s), "
          f"the results by fiscal year × {LEVEL} {results_s:.2f}s")
    print(f"pandas, {len(COMPUTED)} vectorisable indicators "
          f"({len({k[0] for k in expected})} with values at {LEVEL} level): {pandas_s:.2f}s")
    print(f"  with the collector paused (hokatsu.paused_gc): {best['paused']:.2f}s  "
          f"{n / best['paused']:,.0f} events/s")
    print(f"speedup vs pandas: {pandas_s / hokatsu_s:.2f}×  ({compared:,} values agree)")
    user_per_s = n / best["user"]
    print(f"catalogue + {len(USER)} user indicators: {best['user']:.2f}s  {user_per_s:,.0f} "
          f"events/s = {user_per_s / USER_TARGET:.2f}× the target of {USER_TARGET:,}/s; "
          f"with the collector paused {n / best['user_paused']:,.0f} events/s")
    print(f"adding a day ({added:,} events) to an engine: {update_s * 1000:.1f} ms to read them, "
          f"{day_s * 1000:.1f} ms with that year's results, against {hokatsu_s:.2f}s to "
          f"recompute: {hokatsu_s / day_s:,.0f}× faster")
    print(f"late records ({len(late)} events up to {LATE_DAYS} days late) into an engine: "
          f"{late_update_s:.2f}s with that year's results ({reread:,} events read again) = "
          f"{late_update_s / hokatsu_s:.1%} of a recomputation (target ≤ {LATE_SHARE:.0%})")
    print(json.dumps({
        "benchmark": "indicators",
        "events": n,
        "events_per_s": round(events_per_s),
        "events_per_s_gc_paused": round(n / best["paused"]),
        "user_events_per_s": round(user_per_s),
        "user_events_per_s_gc_paused": round(n / best["user_paused"]),
        "hokatsu_s": round(hokatsu_s, 3),
        "pandas_s": round(pandas_s, 3),
        "speedup_vs_pandas": round(pandas_s / hokatsu_s, 2),
        "incremental_day_s": round(day_s, 4),
        "late_update_s": round(late_update_s, 4),
        "pass_s": round(pass_s, 3),
        "results_s": round(results_s, 3),
    }))


def _timed(city: Any, ledger: Ledger, indicators: tuple[Indicator, ...], paused: bool) -> float:
    """Seconds for a fresh engine's pass and results by fiscal year × district."""
    t0 = time.perf_counter()
    if paused:
        with paused_gc():
            engine = IndicatorEngine(city, indicators)
            engine.update(ledger)
            engine.results(level=LEVEL)
    else:
        engine = IndicatorEngine(city, indicators)
        engine.update(ledger)
        engine.results(level=LEVEL)
    return time.perf_counter() - t0


def _agree(table: Any, expected: dict[tuple[str, int, str, str | None], float]) -> int:
    """Check that hokatsu and pandas agree wherever pandas computed a value."""
    for (indicator, fy, district, group), value in expected.items():
        got = table.value(indicator, FiscalYear(fy), district, group)
        if got is None or abs(got - value) > 1e-9:
            raise SystemExit(f"disagreement on {indicator} FY{fy} {district} {group}: "
                             f"hokatsu {got}, pandas {value}")
    return len(expected)


if __name__ == "__main__":
    main()
