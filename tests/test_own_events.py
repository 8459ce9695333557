"""An application's own event types: checked by the ledger like its own, read by indicators."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu.cases import replay
from hokatsu.errors import EventRejectedError
from hokatsu.events import AreaEvent, CaseEvent, CaseOpened, Event, TrainingHeld
from hokatsu.events.base import ref
from hokatsu.indicators import Attr, Count, Distinct, Indicator, IndicatorEngine, Sum, compute
from hokatsu.ledger import Ledger
from hokatsu.reference import himi, sample


@attrs.frozen(kw_only=True)
class HomeVisit(CaseEvent):
    """An application's visit to a household, by an agency."""

    TYPE: ClassVar[str] = "myapp_home_visit"
    agency_id: str = attrs.field(metadata=ref("agency"))
    minutes: int = 30


@attrs.frozen(kw_only=True)
class StallHeld(AreaEvent):
    """An application's information stall at a local festival."""

    TYPE: ClassVar[str] = "myapp_stall_held"
    visitors: int = 0
    partner_ids: frozenset[str] = attrs.field(default=frozenset(), metadata=ref("agency"))


@attrs.frozen(kw_only=True)
class ExtraTraining(TrainingHeld):
    """A subclass of a built-in event type: refused."""

    TYPE: ClassVar[str] = "myapp_training"


@attrs.frozen(kw_only=True)
class Placeless(Event):
    """Derived from neither AreaEvent nor CaseEvent: refused."""

    TYPE: ClassVar[str] = "myapp_placeless"


@attrs.frozen(kw_only=True)
class Tagless(AreaEvent):
    """No tag of its own: refused."""


@attrs.frozen(kw_only=True)
class Impostor(AreaEvent):
    """A built-in type's tag: refused."""

    TYPE: ClassVar[str] = "training_held"


def _ledger() -> Ledger:
    return Ledger(himi(), sample.himi_fy2017())


def _case_of(ledger: Ledger) -> str:
    return next(c for c in ledger.facts.cases)


VISITS = Indicator(id="visits", name="家庭訪問", events=(HomeVisit,), measure=Count(), unit="件")
MINUTES = Indicator(id="minutes", name="訪問時間", events=(HomeVisit,),
                    measure=Sum(Attr("minutes")), unit="分")
VISITORS = Indicator(id="stall_visitors", name="ブース来場者", events=(StallHeld,),
                     measure=Sum(Attr("visitors")), unit="人")
AGENCIES = Indicator(id="visiting_agencies", name="訪問機関", events=(HomeVisit,),
                     measure=Distinct(Attr("agency_id")), unit="機関")


class TestLedger:
    """The ledger checks an application's events like its own."""

    def test_case_event_accepted(self) -> None:
        """A CaseEvent of a known case is appended and happens in the case's area."""
        ledger = _ledger()
        case = _case_of(ledger)
        ledger.append(HomeVisit(id="v1", date=ledger.last_date, case_id=case,
                                agency_id="himi-support"))
        assert ledger.area_of("v1") == ledger.facts.cases[case].area_id
        assert ledger.get("v1").minutes == 30  # type: ignore[attr-defined]

    def test_area_event_accepted(self) -> None:
        """An AreaEvent subclass happens in its own area."""
        ledger = _ledger()
        ledger.append(StallHeld(id="s1", date=ledger.last_date, area_id="himi-d03",
                                visitors=40, partner_ids=frozenset({"himi-support"})))
        assert ledger.area_of("s1") == "himi-d03"

    @pytest.mark.parametrize(("rule", "event"), [
        ("unknown_case", HomeVisit(id="x", date=dt.date(2018, 3, 31), case_id="nope",
                                   agency_id="himi-support")),
        ("unknown_agency", HomeVisit(id="x", date=dt.date(2018, 3, 31), case_id="case-a",
                                     agency_id="nope")),
        ("unknown_agency", StallHeld(id="x", date=dt.date(2018, 3, 31), area_id="himi",
                                     partner_ids=frozenset({"himi-support", "nope"}))),
        ("unknown_area", StallHeld(id="x", date=dt.date(2018, 3, 31), area_id="nowhere")),
        # a late record: case-a was not open yet on its date
        ("unknown_case", HomeVisit(id="x", date=dt.date(2017, 4, 1), case_id="case-a",
                                   agency_id="himi-support")),
        ("duplicate_id", StallHeld(id="e-001", date=dt.date(2018, 3, 31), area_id="himi")),
        ("date_out_of_range", StallHeld(id="x", date=dt.date(9999, 4, 1), area_id="himi")),
    ])
    def test_rules(self, rule: str, event: Event) -> None:
        """References the fields declare, dates and ids are checked; nothing changes."""
        ledger = _ledger()
        if rule == "duplicate_id":
            event = attrs.evolve(event, id=ledger.events[0].id)
        before = (len(ledger), repr(ledger.facts))
        with pytest.raises(EventRejectedError) as info:
            ledger.append(event)
        assert info.value.rule == rule
        assert (len(ledger), repr(ledger.facts)) == before

    @pytest.mark.parametrize(("cls", "why"), [
        (ExtraTraining, "derives from the built-in event type TrainingHeld"),
        (Placeless, "derives from neither AreaEvent nor CaseEvent"),
        (Tagless, "TYPE must be a tag of its own"),
        (Impostor, "TYPE must be a tag of its own"),
    ])
    def test_classes_refused(self, cls: type[Event], why: str) -> None:
        """A class the ledger could not check fully is refused as not_an_event, saying why."""
        kw: dict[str, object] = {"id": "x", "date": dt.date(2018, 3, 31)}
        if issubclass(cls, AreaEvent):
            kw["area_id"] = "himi"
        if issubclass(cls, TrainingHeld):
            kw["participants"] = 5
        ledger = _ledger()
        with pytest.raises(EventRejectedError) as info:
            ledger.append(cls(**kw))
        assert info.value.rule == "not_an_event"
        assert why in str(info.value)

    def test_views_and_replay(self) -> None:
        """Views by area stay readable, and replay folds the built-in facts only."""
        ledger = _ledger()
        case = _case_of(ledger)
        ledger.append(HomeVisit(id="v1", date=ledger.last_date, case_id=case,
                                agency_id="himi-support"))
        area = ledger.area_of("v1")
        view = ledger.select(area_id=area)
        assert view.from_start
        assert "v1" in {e.id for e in view}
        assert replay(ledger) == replay(Ledger(himi(), sample.himi_fy2017()))


class TestIndicators:
    """A user's indicators read an application's events on the engine's fast path."""

    def test_compute(self) -> None:
        """Counts, sums and distinct agencies of an application's events."""
        ledger = _ledger()
        case = _case_of(ledger)
        day = ledger.last_date
        assert day is not None
        ledger.extend([
            HomeVisit(id="v1", date=day, case_id=case, agency_id="himi-support", minutes=45),
            HomeVisit(id="v2", date=day, case_id=case, agency_id="himi-cgsc"),
            StallHeld(id="s1", date=day, area_id="himi-d03", visitors=40),
        ])
        table = compute(ledger, indicators=[VISITS, MINUTES, VISITORS, AGENCIES])
        assert table.value("visits", "FY2017", "himi") == 2
        assert table.value("minutes", "FY2017", "himi") == 75
        assert table.value("stall_visitors", "FY2017", "himi") == 40
        assert table.value("visiting_agencies", "FY2017", "himi") == 2

    @given(st.lists(st.integers(0, 120), min_size=1, max_size=30), st.integers(1, 29))
    def test_update_equals_compute(self, minutes: list[int], split: int) -> None:
        """Reading an application's events in two updates equals one computation."""
        ledger = _ledger()
        case = _case_of(ledger)
        day = ledger.last_date
        assert day is not None
        engine = IndicatorEngine(ledger.directory, indicators=[VISITS, MINUTES])
        engine.update(ledger)
        ledger.extend(HomeVisit(id=f"v{i}", date=day, case_id=case, agency_id="himi-support",
                                minutes=m) for i, m in enumerate(minutes[:split]))
        engine.update(ledger)
        ledger.extend(HomeVisit(id=f"w{i}", date=day, case_id=case, agency_id="himi-support",
                                minutes=m) for i, m in enumerate(minutes[split:]))
        engine.update(ledger)
        fresh = compute(ledger, indicators=[VISITS, MINUTES])
        assert engine.results() == fresh
        assert fresh.value("minutes", "FY2017", "himi") == sum(minutes)

    def test_builtin_indicators_unchanged(self) -> None:
        """The catalogue's figures do not move when an application's events are added."""
        ledger = _ledger()
        before = compute(Ledger(himi(), sample.himi_fy2017()))
        ledger.append(StallHeld(id="s1", date=ledger.last_date, area_id="himi", visitors=3))
        assert compute(ledger) == before


def test_case_opened_is_not_a_case_event() -> None:
    """The built-in case events are not CaseEvent subclasses (an application's own are)."""
    assert not issubclass(CaseOpened, CaseEvent)


class TestConverter:
    """The converter writes and reads an application's events under their tags."""

    def test_ledger_round_trip(self) -> None:
        """A stored ledger holding an application's events reads back equal, through JSON."""
        import json

        from hokatsu.convert import make_converter

        ledger = _ledger()
        case = _case_of(ledger)
        ledger.extend([
            HomeVisit(id="v1", date=dt.date(2018, 3, 31), case_id=case,
                      agency_id="himi-support", minutes=45),
            StallHeld(id="s1", date=dt.date(2018, 3, 31), area_id="himi", visitors=12,
                      partner_ids=frozenset({"himi-minsei"})),
        ])
        conv = make_converter(event_types=[HomeVisit, StallHeld])
        doc = json.loads(json.dumps(conv.unstructure(ledger), ensure_ascii=False))
        assert doc["events"][-1]["type"] == "myapp_stall_held"
        back = conv.structure(doc, Ledger)
        assert list(back.events) == list(ledger.events)

    def test_record_round_trip(self) -> None:
        """An event record of an application's type reads back equal."""
        from hokatsu.convert import make_converter

        conv = make_converter(event_types=[HomeVisit])
        visit = HomeVisit(id="v1", date=dt.date(2018, 3, 31), case_id="c", agency_id="a")
        assert conv.structure_event(conv.unstructure_event(visit)) == visit

    def test_unknown_to_a_plain_converter(self) -> None:
        """A converter not told of the type refuses to write it, naming what it knows."""
        from hokatsu.convert import make_converter
        from hokatsu.errors import InvalidValueError

        visit = HomeVisit(id="v1", date=dt.date(2018, 3, 31), case_id="c", agency_id="a")
        with pytest.raises(InvalidValueError):
            make_converter().unstructure_event(visit)

    @pytest.mark.parametrize("bad", [[Impostor], [HomeVisit, HomeVisit], [int], HomeVisit, "x",
                                     [Tagless]])
    def test_bad_types_refused(self, bad: object) -> None:
        """Classes that are not events, or whose tag is not their own, are refused."""
        from hokatsu.convert import make_converter
        from hokatsu.errors import InvalidValueError

        with pytest.raises(InvalidValueError):
            make_converter(event_types=bad)  # type: ignore[arg-type]
