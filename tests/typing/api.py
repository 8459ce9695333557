"""Public-API usage that must pass ``mypy --strict tests/typing`` (it is not run by pytest).

Each function exercises one part of the API the way an application would; the annotations on
the assignments are what mypy checks against the library's own types.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import hokatsu
from hokatsu import (
    ActivityRange,
    Affiliation,
    Agency,
    AgencyKind,
    Area,
    AreaTree,
    CareLevel,
    Coordinator,
    Employment,
    Field,
    FiscalYear,
    Foundation,
    Frequency,
    FrequencyUnit,
    HardCaseType,
    HokatsuError,
    Household,
    Issue,
    MeetingBody,
    MeetingFormat,
    MeetingPurpose,
    Member,
    MemberRole,
    Membership,
    Month,
    Municipality,
    Period,
    PeriodKind,
    PlacementPattern,
    Quarter,
    Relation,
    Role,
    Sector,
    StructureError,
    SubRole,
    Typology,
    classify,
    fiscal_year_of,
    make_converter,
    parse_period,
    placement_pattern,
    typology,
)
from hokatsu.reference import himi


def build_municipality() -> Municipality:
    tree = AreaTree(
        levels=("city", "district"),
        areas=(
            Area(id="c", name="市", level="city", population=10_000),
            Area(id="d1", name="一地区", level="district", parent_id="c",
                 valid_from=dt.date(2016, 4, 1)),
        ),
    )
    agency = Agency(id="swc", name="社協", sector=Sector.SOCIAL_WELFARE_COUNCIL,
                    kind=AgencyKind.SOCIAL_WELFARE_COUNCIL, area_ids=frozenset({"c"}),
                    fields=frozenset({Field.ELDERLY, Field.HARDSHIP}))
    coordinator = Coordinator(id="csw", affiliation=Affiliation.SOCIAL_WELFARE_COUNCIL,
                              activity_range=ActivityRange.CITY_WIDE, fte=0.5, agency_id="swc")
    promotion = MeetingBody(
        id="promotion", name="推進会議", tier=1, area_id="c", promotion=True,
        purposes=frozenset({MeetingPurpose.NETWORKING}),
        format=MeetingFormat(secretariat_id="swc", duration_minutes=60),
        members=(Membership(agency_id="swc", role=MemberRole.SECRETARIAT),),
        frequency=Frequency(times=1, per=FrequencyUnit.MONTH),
    )
    district = MeetingBody(id="district", name="地区会議", tier=2, area_id="c",
                           convenes_per="district", escalates_to="promotion",
                           frequency=Frequency.ad_hoc())
    city = Municipality(id="x", name="市", areas=tree, agencies=(agency,),
                        coordinators=(coordinator,), bodies=(promotion, district),
                        foundations=frozenset({Foundation.HARDSHIP_SUPPORT}))
    fte: float = city.coordinator_fte
    patterns: frozenset[PlacementPattern] = city.placement_patterns
    chain: tuple[MeetingBody, ...] = city.escalation_chain("district")
    target: tuple[str, str] | None = city.escalation_target("district", "d1")
    sessions: tuple[str, ...] = city.session_areas("district")
    per_year: float | None = promotion.frequency.sessions_per_year if promotion.frequency else None
    serving: tuple[Agency, ...] = city.agencies_serving("d1")
    lineage: tuple[str, ...] = city.areas.lineage("d1")
    block: str | None = city.areas.ancestor_at("d1", "city")
    del fte, patterns, chain, target, sessions, per_year, serving, lineage, block
    return city


def classify_household() -> HardCaseType | None:
    parent = Member(id="p", relation=Relation.HEAD, born=dt.date(1936, 5, 1),
                    care_level=CareLevel.CARE_2)
    child = Member(id="c", relation=Relation.CHILD, born=dt.date(1966, 8, 1),
                   employment=Employment.UNEMPLOYED)
    household = Household(
        id="h", person_id="p", members=(parent, child),
        issues=(Issue(id="i1", member_id="p", field=Field.ELDERLY, identified=dt.date(2016, 6, 1)),
                Issue(id="i2", member_id="c", field=Field.ISOLATION,
                      identified=dt.date(2016, 6, 1))),
    )
    conditions: Typology = typology(household, dt.date(2016, 6, 1))
    kind: HardCaseType | None = conditions.type
    age: int = child.age_on(dt.date(2016, 6, 1))
    label: str = HardCaseType.MULTI_MEMBER.label
    del kind, age, label
    return classify(household)


def convert() -> Municipality:
    conv = make_converter()
    data: Any = conv.unstructure(himi())
    text: str = json.dumps(data, ensure_ascii=False)
    try:
        city: Municipality = conv.structure(json.loads(text), Municipality)
    except StructureError as error:
        path: str = error.path
        reason: str = error.reason
        raise HokatsuError(path + reason) from error
    return city


def periods() -> list[Period]:
    fy: FiscalYear = FiscalYear.parse("平成28年度")
    label: str = fy.label
    quarters: tuple[Quarter, ...] = fy.quarters()
    months: tuple[Month, ...] = fy.months()
    start: dt.date = quarters[0].start
    year: int = fiscal_year_of(dt.date(2017, 3, 31))
    period: Period = parse_period("FY2016Q1")
    by_kind: Period = PeriodKind.MONTH.of(dt.date(2016, 5, 1))
    later: FiscalYear = fy + 1
    del label, start, year
    return [fy, later, period, by_kind, *quarters, *months]


def roles() -> str:
    pattern: PlacementPattern = placement_pattern(Affiliation.OTHER, ActivityRange.AREA)
    number: int = Role.RUN_MEETING.number
    code: str = SubRole.ASSESSMENT.code
    parent: Role = SubRole.ASSESSMENT.role
    del number, parent
    return pattern.example + code


version: str = hokatsu.__version__


def indicators() -> float | None:
    from hokatsu.events import AgendaItemConcluded, ReferralAccepted
    from hokatsu.indicators import (
        All,
        Attr,
        Case,
        Count,
        Days,
        Explanation,
        Indicator,
        IndicatorEngine,
        Item,
        Mean,
        Not,
        Referral,
        ResultTable,
        compute,
        explain,
    )
    from hokatsu.reference import himi
    from hokatsu.reference.sample import himi_fy2017

    wait = Indicator(id="wait", name="受諾までの日数", events=(ReferralAccepted,),
                     measure=Mean(Days(Referral("requested"), Attr("date"))),
                     where=Not(Case("multi_field")))
    settled = Indicator(id="settled", name="x", events=(AgendaItemConcluded,), measure=Count(),
                        where=All(Item("promotion"), Not(Item("theme"))))
    del settled
    ledger = hokatsu.Ledger(himi(), himi_fy2017())
    engine = IndicatorEngine(ledger.directory, ["4A5", wait])
    with hokatsu.paused_gc():
        read: int = engine.update(ledger)
    table: ResultTable = engine.results(grain="month")
    del read, table
    why: Explanation = explain(ledger, "4A5", "FY2017", "himi")
    events: tuple[str, ...] = why.event_ids
    del events
    return compute(ledger, indicators=[wait]).value("wait", "FY2017", "himi")


def export_hsds() -> list[dict[str, Any]]:
    from hokatsu.hsds import HsdsDirectory, hsds_uuid, to_hsds
    from hokatsu.reference import himi

    export: HsdsDirectory = to_hsds(himi())
    organization_id: str = hsds_uuid("organization", "himi", "himi-cgsc")
    kinds: list[str] = [kind for kind, _ in export.objects()]
    del organization_id, kinds
    return export.as_dict()["services"]


def strategies() -> None:
    from hypothesis import strategies as st

    from hokatsu.events import Event, ReferralRequested
    from hokatsu.testing import events, households, ledgers, municipalities, strategy_for

    cities: st.SearchStrategy[Municipality] = municipalities()
    books: st.SearchStrategy[hokatsu.Ledger] = cities.flatmap(ledgers)
    homes: st.SearchStrategy[Household] = strategy_for(Household)
    referrals: st.SearchStrategy[Event] = events(ReferralRequested)
    del books, homes, referrals, households


def research_dataset() -> dict[str, Any]:
    """A research export, its anonymity check and a suppressed table of counts."""
    from hokatsu.calendar import PeriodKind
    from hokatsu.reference.sample import himi_fy2017
    from hokatsu.sharing import (
        AnonymityReport,
        ResearchExport,
        SuppressedTable,
        Table,
        check_anonymity,
        research_export,
        suppress,
    )

    ledger = hokatsu.Ledger(himi(), himi_fy2017())
    export: ResearchExport = research_export(ledger, b"0123456789abcdef", area_level="block",
                                             period_kind=PeriodKind.QUARTER, age_width=5)
    members: Table = export.members
    bands: tuple[Any, ...] = members.column("age_band")
    report: AnonymityReport = check_anonymity(export, k=3, quasi_identifiers=("size", "area"))
    at_risk: tuple[str, ...] = report.at_risk
    table: SuppressedTable = suppress([[25, 3], [30, 12]], threshold=5)
    hidden: int | None = table.cells[0][1]
    del bands, at_risk, hidden
    return export.to_dict()


def simulation_api() -> float:
    """Scenarios, a run, a what-if and a sweep on an executor, as a researcher writes them."""
    import concurrent.futures as cf

    import attrs

    from hokatsu.domain import PlacementPattern
    from hokatsu.simulation import (
        CoordinatorPolicy,
        Scenario,
        SweepResult,
        Table,
        presets,
        remove_body,
        simulate,
        sweep,
    )

    layered: Scenario = presets.himi()
    flat = attrs.evolve(layered, directory=remove_body(layered.directory, "himi-block"))
    office = attrs.evolve(layered, coordinators=CoordinatorPolicy(
        pattern=PlacementPattern.MUNICIPALITY_CITY_WIDE, fte=2.0))
    ledger: hokatsu.Ledger = simulate(layered, seed=1)
    del ledger

    def progress(done: int, total: int) -> None:
        del done, total

    with cf.ThreadPoolExecutor(max_workers=1) as pool:
        result: SweepResult = sweep({"a": flat, "b": office}, range(2), executor=pool,
                                    progress=progress, indicators=["2A1"])
    table: Table = result.indicators
    records: list[dict[str, object]] = table.records()
    value = records[0]["value"]
    return float(value) if isinstance(value, int | float) else 0.0


def storage() -> list[dict[str, Any]]:
    from hokatsu.events import Event
    from hokatsu.indicators import ResultTable, compute
    from hokatsu.indicators.output import format_value, to_records
    from hokatsu.reference import himi
    from hokatsu.reference.sample import himi_fy2017
    from hokatsu.schema import directory_schema, event_schema, json_schema, ledger_schema

    conv = make_converter()
    ledger = hokatsu.Ledger(himi(), himi_fy2017())
    doc: dict[str, Any] = conv.unstructure_ledger(ledger, directory=False)
    again: hokatsu.Ledger = conv.structure_ledger(json.loads(json.dumps(doc)), himi())
    whole: hokatsu.Ledger = conv.structure(conv.unstructure(ledger), hokatsu.Ledger)
    record: dict[str, Any] = conv.unstructure_event(ledger.events[0])
    event: Event = conv.structure_event(record)
    schemas: list[dict[str, Any]] = [directory_schema(), event_schema(record=True),
                                     ledger_schema(directory=False), json_schema(Member)]
    table: ResultTable = compute(again)
    text: str = table.format(period="FY2017", area_id="himi", indicators=["4A5"], title="t")
    said: str = format_value(table.rows[0], "件")
    try:
        frame: Any = table.to_pandas()
    except hokatsu.MissingExtraError as error:
        extra: str = error.extra
        del extra
    else:
        del frame
    del whole, event, schemas, text, said
    return to_records(table) + table.to_records()


def sharing() -> tuple[str, ...]:
    """Consent, disclosure and the audit, as an application would use them."""
    import datetime as dt

    from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
    from hokatsu.reference import himi
    from hokatsu.reference.sample import himi_fy2017
    from hokatsu.sharing import (
        DisclosureReport,
        DisclosureView,
        Recipient,
        Seen,
        audit,
        share,
        who_has_seen,
    )

    ledger = hokatsu.Ledger(himi(), himi_fy2017())
    day = dt.date(2018, 3, 26)
    ledger.append(ConsentGiven(id="k", date=day, case_id="case-a", consent_id="k",
                               provision=Provision(agency_ids=frozenset({"himi-cgsc"}))))
    view: DisclosureView = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
                                 purpose=SharingPurpose.REFERRAL, date=day, id="d")
    shown: frozenset[DataCategory] = view.shown
    seen: tuple[Seen, ...] = who_has_seen(ledger, "case-a", DataCategory.HEALTH_CARE)
    report: DisclosureReport = audit(ledger)
    del shown, seen
    return report.emergency
def network_usage() -> float | None:
    """Graphs of the network and their measures, as a user calls them."""
    from hokatsu.calendar import FiscalYear
    from hokatsu.network import (
        NetworkMeasures,
        NewTies,
        Silos,
        collaboration_graph,
        cross_field_share,
        network_measures,
        new_ties,
        referral_graph,
        referral_multigraph,
        silos,
    )
    from hokatsu.reference.sample import himi_fy2017

    ledger = hokatsu.Ledger(himi(), himi_fy2017())
    measures: NetworkMeasures = network_measures(referral_graph(ledger, until=dt.date(2018, 1, 1)))
    found: Silos = silos(collaboration_graph(ledger), seed=1)
    ties: NewTies = new_ties(ledger, FiscalYear(2017), hard_only=True)
    pairs: tuple[tuple[str, str], ...] = ties.pairs
    del measures, found, pairs
    return cross_field_share(referral_multigraph(ledger, period=FiscalYear(2017)))
