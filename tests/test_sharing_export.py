"""The research export (issue 13): pseudonyms, age bands, coarse periods and areas, no free
text, and an allow-list that no new field slips past."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterator
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu import _validators as v
from hokatsu.calendar import FiscalYear, PeriodKind
from hokatsu.domain import Household, Member, Relation
from hokatsu.errors import HokatsuError, InvalidValueError, UnknownReferenceError
from hokatsu.events import EVENT_TYPES, AreaEvent, CaseOpened, Event, Route
from hokatsu.events.base import REF
from hokatsu.ledger import Ledger, LedgerView
from hokatsu.reference import himi
from hokatsu.reference.sample import himi_fy2017
from hokatsu.sharing import (
    DROPPED,
    FIELD_RULES,
    NESTED_RULES,
    Pseudonymiser,
    ResearchExport,
    Table,
    age_band,
    research_export,
)
from hokatsu.sharing.export import _plan
from hokatsu.sharing.pseudonyms import scoped
from tests.scenarios import generate, seeds

KEY = b"a key of thirty-two bytes, here."
CITY = himi()
SAMPLE = Ledger(CITY, himi_fy2017())


def leaves(value: Any) -> Iterator[Any]:
    """Every scalar in a JSON-ready structure."""
    if isinstance(value, dict):
        for k, x in value.items():
            yield k
            yield from leaves(x)
    elif isinstance(value, list | tuple):
        for x in value:
            yield from leaves(x)
    else:
        yield value


def secrets_of(events: list[Event]) -> tuple[set[str], set[str], set[dt.date]]:
    """The ids that must not survive (all but the directory's organisations and areas), the
    free texts, and the birth dates of *events*."""
    ids: set[str] = set()
    texts: set[str] = set()
    born: set[dt.date] = set()
    actors = {a.id for a in CITY.agencies if a.is_community_actor}
    for e in events:
        ids.add(e.id)
        for f in attrs.fields(type(e)):
            value = getattr(e, f.name)
            ref = f.metadata.get(REF)
            if ref is not None and ref.kind not in ("agency", "body", "area"):
                ids.update(value if isinstance(value, frozenset) else [value])
            elif ref is not None and ref.kind == "agency":
                ids.update(actors & (value if isinstance(value, frozenset) else {value}))
            if f.name in ("reason", "theme", "title", "name") and value is not None:
                texts.add(value)
        if isinstance(e, CaseOpened):
            ids.add(e.household.id)
            ids.update(m.id for m in e.household.members)
            ids.update(i.id for i in e.household.issues)
            born.update(m.born for m in e.household.members)
        for goal in getattr(e, "goals", ()):
            texts.add(goal)
        for role in getattr(e, "roles", ()):
            if role.task is not None:
                texts.add(role.task)
    ids.discard(None)  # type: ignore[arg-type]
    return ids, texts, born


class TestNothingSurvives:
    """No original id, name, free text or birth date survives the research export."""

    @given(seeds, st.integers(20, 250))
    def test_no_id_text_or_birth_date(self, seed: int, n: int) -> None:
        """Of every id of a case, household, referral, session, item, measure, resource,
        coordinator, community actor and event, every free text and every birth date, none is
        a value of the export."""
        events = generate(CITY, seed, n)
        export = research_export(Ledger(CITY, events), KEY, area_level="block")
        values = set(leaves(export.to_dict()))
        ids, texts, born = secrets_of(events)
        assert ids
        assert not values & ids
        assert not values & texts
        assert not values & {d.isoformat() for d in born}
        assert not any(isinstance(x, dt.date) for x in values)

    @given(seeds, st.integers(20, 150))
    def test_json_ready(self, seed: int, n: int) -> None:
        """Every value is None, a bool, an int, a float, a str, or a tuple of these, and the
        whole export survives a JSON round trip unchanged."""
        export = research_export(Ledger(CITY, generate(CITY, seed, n)), KEY,
                                 area_level="district")
        document = export.to_dict()
        assert all(x is None or type(x) in (bool, int, float, str) for x in leaves(document))
        assert json.loads(json.dumps(document, ensure_ascii=False)) == json.loads(
            json.dumps(document))

    def test_member_ids_are_not_kept(self) -> None:
        """A member id (unique only in its household) leaves as a pseudonym scoped to its case."""
        export = research_export(SAMPLE, KEY, area_level="block")
        assert not {"m1", "m2", "m3"} & set(leaves(export.members.to_dict()))

    def test_directory_organisations_are_kept(self) -> None:
        """Agencies that are not community actors keep their ids; community actors do not."""
        export = research_export(SAMPLE, KEY, area_level="block")
        values = set(leaves(export.to_dict()))
        assert "himi-support" in values
        assert not values & {a.id for a in CITY.agencies if a.is_community_actor}

    def test_agencies_can_be_pseudonymised(self) -> None:
        """With keep_agencies=False no agency or body id is left."""
        export = research_export(SAMPLE, KEY, area_level="block", keep_agencies=False)
        values = set(leaves(export.to_dict()))
        assert not values & {a.id for a in CITY.agencies}
        assert not values & {b.id for b in CITY.bodies}


class TestPseudonyms:
    """Keyed pseudonyms: stable under one key, unrelated under another."""

    def test_hmac(self) -> None:
        """A pseudonym is the kind and the first 16 hex digits of HMAC-SHA256 of ``kind:id``."""
        expected = hmac.new(KEY, b"case:c1", hashlib.sha256).hexdigest()[:16]
        assert Pseudonymiser(KEY)("case", "c1") == f"case-{expected}"

    def test_long_key(self) -> None:
        """A key longer than a block is hashed first, as RFC 2104 says."""
        key = bytes(range(100))
        expected = hmac.new(key, b"item:x", hashlib.sha256).hexdigest()[:16]
        assert Pseudonymiser(key)("item", "x") == f"item-{expected}"

    @given(seeds, st.integers(20, 120))
    def test_same_key_same_export(self, seed: int, n: int) -> None:
        """Two exports with the same key are equal, table by table."""
        ledger = Ledger(CITY, generate(CITY, seed, n))
        first = research_export(ledger, KEY, area_level="block")
        again = research_export(ledger, bytes(KEY), area_level="block")
        assert first.to_dict() == again.to_dict()

    @given(seeds, st.integers(20, 120))
    def test_other_key_other_pseudonyms(self, seed: int, n: int) -> None:
        """Under another key no pseudonym is the same."""
        ledger = Ledger(CITY, generate(CITY, seed, n))
        ours = research_export(ledger, KEY, area_level="block").households.column("case_id")
        theirs = research_export(ledger, b"another key of 16+ bytes",
                                 area_level="block").households.column("case_id")
        assert not set(ours) & set(theirs)

    def test_stable_across_selections(self) -> None:
        """A case keeps its pseudonym in the export of a later, larger selection."""
        early = research_export(SAMPLE.select(end=dt.date(2017, 6, 30)), KEY,
                                area_level="block")
        whole = research_export(SAMPLE, KEY, area_level="block")
        assert set(early.households.column("case_id")) < set(
            whole.households.column("case_id"))

    def test_scoped_members(self) -> None:
        """The same member id in two cases gives two pseudonyms."""
        ps = Pseudonymiser(KEY)
        assert ps("member", scoped("c1", "m1")) != ps("member", scoped("c2", "m1"))

    @pytest.mark.parametrize("key", [b"short", "a str key of 16+ chars", None, bytearray(20)])
    def test_bad_key(self, key: Any) -> None:
        """A key that is not bytes of at least 16 bytes is refused, and not quoted."""
        with pytest.raises(InvalidValueError) as info:
            research_export(SAMPLE, key, area_level="block")
        assert info.value.field == "key"
        if isinstance(key, bytes | str):
            assert repr(key) not in str(info.value)

    def test_bad_kind(self) -> None:
        """An unknown kind of id is refused."""
        with pytest.raises(InvalidValueError):
            Pseudonymiser(KEY)("person", "p1")

    def test_repr_counts(self) -> None:
        """A pseudonymiser's repr gives a count, never the key."""
        ps = Pseudonymiser(KEY)
        ps("case", "c1")
        assert repr(ps) == "<Pseudonymiser: 1 pseudonym>"


class TestAllowList:
    """Every field of every event is exported by a rule or dropped on purpose."""

    @pytest.mark.parametrize("cls", EVENT_TYPES.values(), ids=lambda c: c.TYPE)
    def test_every_field_decided(self, cls: type[Event]) -> None:
        """Each field of the event class is a column of its table, or listed in DROPPED
        (the date leaves as the period column)."""
        columns = set(_plan(cls).columns)
        for f in attrs.fields(cls):
            decided = f.name in columns or f"{cls.__name__}.{f.name}" in DROPPED
            assert decided or f.name == "date", f"{cls.__name__}.{f.name}"

    @pytest.mark.parametrize("cls", EVENT_TYPES.values(), ids=lambda c: c.TYPE)
    def test_personal_fields_transformed(self, cls: type[Event]) -> None:
        """A personal field (free text, a household, an issue) is dropped or replaced by a
        pseudonym, never exported as it is."""
        for f in attrs.fields(cls):
            if v.is_personal(cls, f.name):
                assert FIELD_RULES[f.name] in ("drop", "household", "issue"), f.name

    def test_nested_rules_cover_fields(self) -> None:
        """The rules of the objects events carry name every field of their classes."""
        for cls, rules in NESTED_RULES.items():
            assert set(rules) == {f.name for f in attrs.fields(cls)}

    def test_free_text_dropped(self) -> None:
        """Reasons, themes, goals, titles, names and plan tasks are dropped."""
        assert {"ReferralRejected.reason", "AgendaItemRaised.theme", "PlanMade.goals",
                "MeasureStarted.title", "TrainingHeld.title", "ResourceCreated.name",
                "PlanRole.task"} <= DROPPED

    def test_new_field_stops_the_export(self) -> None:
        """An event class with a field the export has no rule for is refused, by name."""

        @attrs.frozen(kw_only=True)
        class NoteTaken(AreaEvent):
            TYPE: ClassVar[str] = "note_taken"
            notes: str = attrs.field(validator=v.TEXT)

        event = NoteTaken(id="e1", date=dt.date(2017, 5, 1), area_id="himi", notes="秘密")
        view = LedgerView(directory=CITY, events=(event,), areas=("himi",))
        with pytest.raises(InvalidValueError) as info:
            research_export(view, KEY, area_level="block")
        assert info.value.field == "NoteTaken.notes"
        assert "秘密" not in str(info.value)

    def test_rule_of_wrong_type_stops_the_export(self) -> None:
        """A field named like a coded field but holding text is refused."""

        @attrs.frozen(kw_only=True)
        class Classified(AreaEvent):
            TYPE: ClassVar[str] = "classified"
            kind: str = attrs.field(validator=v.TEXT)

        event = Classified(id="e1", date=dt.date(2017, 5, 1), area_id="himi", kind="自由記述")
        view = LedgerView(directory=CITY, events=(event,), areas=("himi",))
        with pytest.raises(InvalidValueError, match=r"Classified\.kind"):
            research_export(view, KEY, area_level="block")


class TestCoarsening:
    """Dates, ages and areas leave coarser than they came."""

    @pytest.mark.parametrize(("kind", "key"), [("month", "2017-05"), ("quarter", "FY2017Q1"),
                                               (PeriodKind.FISCAL_YEAR, "FY2017")])
    def test_periods(self, kind: Any, key: str) -> None:
        """Dates become the month, quarter or fiscal year they fall in."""
        export = research_export(SAMPLE, KEY, area_level="block", period_kind=kind)
        assert export.households.rows[0][0] == key

    def test_bad_period_kind(self) -> None:
        """An unknown grain is refused with the grains allowed."""
        with pytest.raises(InvalidValueError, match="fiscal_year"):
            research_export(SAMPLE, KEY, area_level="block", period_kind="week")

    @given(seeds, st.integers(20, 150), st.sampled_from(CITY.areas.levels))
    def test_areas_at_level(self, seed: int, n: int, level: str) -> None:
        """Every area of the export is at the chosen level or above it, never below."""
        export = research_export(Ledger(CITY, generate(CITY, seed, n)), KEY, area_level=level)
        depth = CITY.areas.levels.index(level)
        for name, table in export.tables.items():
            for column in ("area", "area_id"):
                if column in table.columns:
                    for area in table.column(column):
                        assert CITY.areas.depth(area) <= depth, (name, area)

    def test_unknown_level(self) -> None:
        """A level the area tree does not have is refused, naming the levels."""
        with pytest.raises(UnknownReferenceError, match="district"):
            research_export(SAMPLE, KEY, area_level="prefecture")

    def test_age_bands_on_opening(self) -> None:
        """Members' ages are banded on the date the case opened, the oldest top-coded."""
        home = Household(id="h1", person_id="m1", area_id="himi-d01", members=(
            Member(id="m1", relation=Relation.HEAD, born=dt.date(1925, 6, 1)),
            Member(id="m2", relation=Relation.CHILD, born=dt.date(1967, 5, 2)),
            Member(id="m3", relation=Relation.GRANDCHILD, born=dt.date(2017, 4, 1)),
        ))
        ledger = Ledger(CITY, [CaseOpened(id="e1", date=dt.date(2017, 5, 1), case_id="c1",
                                          household=home, route=Route.SELF,
                                          agency_id="himi-support")])
        export = research_export(ledger, KEY, area_level="district")
        assert export.members.column("age_band") == ("90+", "40-49", "0-9")
        assert export.members.column("person") == (True, False, False)
        ps = Pseudonymiser(KEY)
        assert export.members.column("member") == tuple(
            ps("member", scoped("c1", m)) for m in ("m1", "m2", "m3"))
        assert export.households.rows[0][4] == 3

    @given(st.integers(-5, 130), st.integers(1, 20), st.integers(1, 120))
    def test_age_band_contains_age(self, age: int, width: int, top: int) -> None:
        """An age falls in its band: below the top, between the band's ends."""
        band = age_band(age, width, top)
        if age >= top:
            assert band == f"{top}+"
        else:
            low, _, high = band.partition("-")
            assert int(low) <= max(age, 0) <= int(high or low) < top

    @given(seeds, st.integers(20, 200))
    def test_members_follow_households(self, seed: int, n: int) -> None:
        """Members come in the order of their households' rows, each household's together."""
        export = research_export(Ledger(CITY, generate(CITY, seed, n)), KEY,
                                 area_level="block")
        cases = [row[3] for row in export.households.rows]
        member_cases = export.members.column("case_id")
        firsts = list(dict.fromkeys(member_cases))
        assert firsts == [c for c in cases if c in set(member_cases)]
        assert len(member_cases) == sum(row[4] for row in export.households.rows)

    def test_rows_ordered_by_subject(self) -> None:
        """Within a period, rows are ordered by their subject, not by the record's order."""
        export = research_export(SAMPLE, KEY, area_level="block")
        for table in export.events.values():
            keys = [(row[0], row[2]) for row in table.rows if row[2] is not None]
            periods = [row[0] for row in table.rows]
            assert periods == sorted(periods)
            if table.columns[2] == "case_id":
                assert keys == sorted(keys)


class TestExport:
    """The export as an object."""

    def test_repr_counts(self) -> None:
        """The repr gives counts only."""
        export = research_export(SAMPLE, KEY, area_level="block")
        assert repr(export).startswith("<ResearchExport 氷見市: 3 households")

    def test_view_of_a_year(self) -> None:
        """A selection that starts in the middle of the record exports too."""
        view = SAMPLE.select(period=FiscalYear(2017), start=dt.date(2017, 9, 1))
        export = research_export(view, KEY, area_level="city")
        assert sum(len(t) for t in export.events.values()) == len(view)
        assert isinstance(export, ResearchExport)

    def test_tables(self) -> None:
        """The tables are the three about households, then one per event type."""
        export = research_export(SAMPLE, KEY, area_level="block")
        names = list(export.tables)
        assert names[:3] == ["households", "members", "issues"]
        assert {n.removeprefix("events.") for n in names[3:]} == {
            type(e).TYPE for e in SAMPLE}

    @pytest.mark.parametrize("ledger", [None, [], "ledger", SAMPLE.events])
    def test_not_a_ledger(self, ledger: Any) -> None:
        """Anything but a ledger or a view is refused."""
        with pytest.raises(InvalidValueError, match="ledger"):
            research_export(ledger, KEY, area_level="block")

    @pytest.mark.parametrize(("name", "value"), [("age_width", 0), ("top_age", "90"),
                                                 ("keep_agencies", 1)])
    def test_bad_settings(self, name: str, value: Any) -> None:
        """Settings out of range are refused, naming the setting."""
        with pytest.raises(HokatsuError, match=name):
            research_export(SAMPLE, KEY, area_level="block", **{name: value})


class TestTable:
    """Plain tables."""

    def test_records(self) -> None:
        """Rows read as dicts and as a JSON-ready dict."""
        table = Table(columns=("a", "b"), rows=((1, "x"), (2, None)))
        assert table.records() == [{"a": 1, "b": "x"}, {"a": 2, "b": None}]
        assert table.to_dict() == {"columns": ["a", "b"], "rows": [[1, "x"], [2, None]]}
        assert len(table) == 2
        assert list(table) == [(1, "x"), (2, None)]

    def test_ragged_rows(self) -> None:
        """A row of the wrong width is refused, naming it."""
        with pytest.raises(InvalidValueError, match=r"rows\[1\]"):
            Table(columns=("a",), rows=((1,), (1, 2)))

    def test_unknown_column(self) -> None:
        """An unknown column is refused, naming the columns."""
        with pytest.raises(UnknownReferenceError, match="known ids: a"):
            Table(columns=("a",), rows=()).column("z")
