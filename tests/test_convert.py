"""Tests for hokatsu.convert: round trips over every type, the dict layout and strictness."""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hokatsu
import hokatsu.calendar
import hokatsu.domain
from hokatsu import (
    SCHEMA_VERSION,
    Agency,
    Area,
    AreaTree,
    Certificate,
    Coordinator,
    FiscalYear,
    Frequency,
    Household,
    Member,
    Month,
    Municipality,
    Quarter,
    StructureError,
    Typology,
    make_converter,
)
from hokatsu.convert import HokatsuConverter
from hokatsu.errors import EventRejectedError, InvalidValueError
from hokatsu.events import EVENT_TYPES, CaseOpened, EnteredInError, Event
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from hokatsu.reference.sample import himi_fy2017
from tests.scenarios import generate
from tests.strategies import STRATEGIES, attrs_classes

conv = make_converter()

MEMBER = {"id": "m1", "relation": "head", "born": "1950-01-02"}
HOUSEHOLD = {
    "id": "h",
    "person_id": "m1",
    "members": [MEMBER, {"id": "m2", "relation": "child", "born": "1980-05-05"}],
    "issues": [{"id": "i1", "member_id": "m2", "field": "isolation",
                "identified": "2016-06-01", "tags": ["hikikomori", "8050"]}],
}


def structure_error(data: object, cls: type[Any]) -> StructureError:
    """The StructureError raised when structuring *data* into *cls*."""
    with pytest.raises(StructureError) as info:
        conv.structure(data, cls)
    return info.value


class TestRoundTrip:
    def test_every_domain_type_has_a_strategy(self) -> None:
        """Every attrs class of the directory and the calendar has a strategy, so none escapes
        the round trip."""
        exported = [
            *attrs_classes(vars(hokatsu.domain), hokatsu.domain.__all__),
            *attrs_classes(vars(hokatsu.calendar), hokatsu.calendar.__all__),
        ]
        assert set(exported) <= set(STRATEGIES), set(exported) - set(STRATEGIES)

    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_round_trip(self, cls: type[Any], data: st.DataObject) -> None:
        """structure(unstructure(obj)) gives back an equal object of the same type; the
        unstructured form is JSON, read back it structures to an equal object too, and that
        unstructures to equal data, lists in the same order (frozensets are sorted)."""
        obj = data.draw(STRATEGIES[cls])
        unstructured = conv.unstructure(obj)
        back = conv.structure(unstructured, type(obj))
        assert back == obj
        assert type(back) is type(obj)
        text = json.dumps(unstructured, ensure_ascii=False, allow_nan=False)
        from_json = conv.structure(json.loads(text), type(obj))
        assert from_json == obj
        # Equal data, not equal text: an int given for a float field (fte=1) stays an int.
        assert conv.unstructure(from_json) == unstructured

    def test_himi_round_trip(self) -> None:
        """The 氷見市 preset survives a JSON round trip."""
        city = himi()
        data = json.loads(json.dumps(conv.unstructure(city), ensure_ascii=False))
        assert conv.structure(data, Municipality) == city


class TestLayout:
    def test_dates_enums_frozensets(self) -> None:
        """Dates are ISO strings, enums their values, frozensets sorted lists."""
        m = Member(id="m", relation=hokatsu.Relation.HEAD, born=dt.date(1950, 1, 2),
                   certificates=frozenset({Certificate.PSYCHIATRIC, Certificate.INTELLECTUAL}))
        data = conv.unstructure(m)
        assert data["born"] == "1950-01-02"
        assert data["relation"] == "head"
        assert data["certificates"] == ["intellectual", "psychiatric"]
        assert data["care_level"] is None

    def test_tuples_are_lists(self) -> None:
        """Tuples of objects are lists of dicts."""
        data = conv.unstructure(conv.structure(HOUSEHOLD, Household))
        assert isinstance(data["members"], list)
        assert data["members"][0]["id"] == "m1"
        assert data["issues"][0]["tags"] == ["8050", "hikikomori"]

    @pytest.mark.parametrize(
        ("period", "key"),
        [(FiscalYear(2016), "FY2016"), (Quarter(2016, 4), "FY2016Q4"), (Month(2016, 5), "2016-05")],
    )
    def test_periods_are_keys(self, period: object, key: str) -> None:
        """Periods are written as their keys and read back from them."""
        assert conv.unstructure(period) == key
        assert conv.structure(key, type(period)) == period
        assert conv.structure(key, hokatsu.Period) == period

    def test_period_of_the_wrong_kind(self) -> None:
        """A fiscal-year key is not a quarter."""
        error = structure_error("FY2016", Quarter)
        assert error.path == "$"
        assert "Quarter" in error.reason

    def test_no_private_fields(self) -> None:
        """Derived indexes of AreaTree and Municipality are not written."""
        data = conv.unstructure(himi())
        assert set(data) == {f.name for f in attrs.fields(Municipality) if f.init}
        assert set(data["areas"]) == {"levels", "areas"}

    def test_fresh_converters(self) -> None:
        """Each call returns a new converter of hokatsu's own class."""
        assert make_converter() is not make_converter()
        assert isinstance(conv, HokatsuConverter)
        assert SCHEMA_VERSION == 1

    def test_defaults_may_be_omitted(self) -> None:
        """Fields with defaults may be left out of the input."""
        m = conv.structure(MEMBER, Member)
        assert m.certificates == frozenset()
        assert m.employment is hokatsu.Employment.UNKNOWN

    def test_float_field_takes_an_int(self) -> None:
        """An int is a number for a float field (JSON does not tell 1 from 1.0)."""
        c = conv.structure({"id": "c", "affiliation": "other", "activity_range": "city_wide",
                            "fte": 1}, Coordinator)
        assert c.fte == 1.0


class TestStrictness:
    @pytest.mark.parametrize("value", ["3", 3.7, True, None, [3]])
    def test_int_field(self, value: object) -> None:
        """An int field takes an int only: not a string, a float, a bool or None."""
        error = structure_error({"times": value, "per": "month"}, Frequency)
        assert error.path == "$.times"

    def test_int_field_float_with_integral_value(self) -> None:
        """3.0 is not an int either."""
        assert structure_error({"times": 3.0, "per": "month"}, Frequency).path == "$.times"

    @pytest.mark.parametrize("value", [1, 1.5, True, None, ["m"], b"m1"])
    def test_str_field(self, value: object) -> None:
        """A str field takes a string only."""
        error = structure_error({**MEMBER, "id": value}, Member)
        assert error.path == "$.id"

    @pytest.mark.parametrize("value", [1, 0, "true", None])
    def test_bool_field(self, value: object) -> None:
        """A bool field takes true or false only, not 1 or "true"."""
        error = structure_error({**MEMBER, "carer": value}, Member)
        assert error.path == "$.carer"

    @pytest.mark.parametrize("value", ["0.5", True, None, [0.5]])
    def test_float_field(self, value: object) -> None:
        """A float field takes a number only."""
        data = {"id": "c", "affiliation": "other", "activity_range": "city_wide", "fte": value}
        assert structure_error(data, Coordinator).path == "$.fte"

    def test_unknown_keys(self) -> None:
        """Unknown keys are refused and named."""
        error = structure_error({**MEMBER, "name": "山田"}, Member)
        assert error.path == "$"
        assert "name" in error.reason

    def test_unknown_nested_keys(self) -> None:
        """Unknown keys in a nested object are refused at that object's path."""
        data = {**HOUSEHOLD, "members": [MEMBER, {**MEMBER, "id": "m2", "nickname": "x"}]}
        error = structure_error(data, Household)
        assert error.path == "$.members[1]"
        assert "nickname" in error.reason

    @pytest.mark.parametrize("key", ["id", "relation", "born"])
    def test_missing_keys(self, key: str) -> None:
        """A required field left out is reported at its path."""
        data = {k: v for k, v in MEMBER.items() if k != key}
        error = structure_error(data, Member)
        assert error.path == f"$.{key}"
        assert "missing" in error.reason

    @pytest.mark.parametrize("value", ["HEAD", "世帯主", "", 1, None])
    def test_bad_enum_values(self, value: object) -> None:
        """Enums take their values only: not names, labels or other types."""
        error = structure_error({**MEMBER, "relation": value}, Member)
        assert error.path == "$.relation"
        assert "head" in error.reason  # the allowed values are listed

    def test_bad_enum_in_a_set(self) -> None:
        """A bad member of a set is reported at its index."""
        error = structure_error({**MEMBER, "certificates": ["physical", "bogus"]}, Member)
        assert error.path == "$.certificates[1]"

    @pytest.mark.parametrize(
        "value",
        ["1950-13-01", "1950-02-30", "1950/01/02", "19500102", "1950-1-2", "2 Jan 1950",
         "1950-01-02T00:00:00", "2016-W01-1", "１９５０-０１-０２", 19500102, None,
         "1950-01-02 "],
    )
    def test_bad_dates(self, value: object) -> None:
        """Dates are ISO strings YYYY-MM-DD only, and real dates."""
        data = {**HOUSEHOLD, "members": [MEMBER, {**MEMBER, "id": "m2", "born": value}]}
        error = structure_error(data, Household)
        assert error.path == "$.members[1].born"

    @pytest.mark.parametrize("value", ["abc", {"a": 1}, 5, None, "physical"])
    def test_collections_need_lists(self, value: object) -> None:
        """A string, a mapping, a number or null is not a list (a string is not split into
        characters)."""
        error = structure_error({**MEMBER, "certificates": value}, Member)
        assert error.path == "$.certificates"
        data = {"levels": value, "areas": [{"id": "c", "name": "市", "level": "c"}]}
        assert structure_error(data, AreaTree).path == "$.levels"

    def test_not_a_mapping(self) -> None:
        """An object is read from a mapping only."""
        for data in (None, "m1", ["m1"], 3):
            assert structure_error(data, Member).path == "$"

    def test_nested_constructor_errors(self) -> None:
        """An issue naming an unknown member makes the household fail as a StructureError."""
        data = {**HOUSEHOLD, "issues": [{**HOUSEHOLD["issues"][0], "member_id": "m9"}]}  # type: ignore[dict-item]
        error = structure_error(data, Household)
        assert "m9" in error.reason
        assert isinstance(error, hokatsu.HokatsuError)

    def test_nested_invalid_value(self) -> None:
        """A member's own rule (no suspicion with a certificate) is reported at its field."""
        bad = {**MEMBER, "id": "m2", "certificates": ["physical"], "disability_suspected": True}
        error = structure_error({**HOUSEHOLD, "members": [MEMBER, bad]}, Household)
        assert error.path == "$.members[1].disability_suspected"

    def test_nested_cycle(self) -> None:
        """A municipality whose bodies escalate in a loop fails as a StructureError."""
        data = conv.unstructure(himi())
        for body in data["bodies"]:
            if body["id"] == "himi-construction":
                body["escalates_to"] = "himi-core"
        error = structure_error(data, Municipality)
        assert "cycle" in error.reason

    def test_nested_tree_error(self) -> None:
        """A tree with two roots inside a municipality fails at the tree's path."""
        data = conv.unstructure(himi())
        data["areas"]["areas"].append({"id": "other", "name": "他市", "level": "city"})
        error = structure_error(data, Municipality)
        assert error.path.startswith("$.areas")

    def test_deep_path(self) -> None:
        """A bad value deep in a municipality is reported with its full path."""
        data = conv.unstructure(himi())
        data["bodies"][2]["format"]["duration_minutes"] = "60"
        error = structure_error(data, Municipality)
        assert error.path == "$.bodies[2].format.duration_minutes"

    def test_typology_fields(self) -> None:
        """Even a derived value is read strictly."""
        data = {"multi_member": True, "multi_issue": 1, "no_fitting_service": False}
        assert structure_error(data, Typology).path == "$.multi_issue"

    @pytest.mark.parametrize("cls", [Area, Agency])
    def test_error_is_a_value_error(self, cls: type[Any]) -> None:
        """StructureError is a HokatsuError and a ValueError, for callers catching either."""
        error = structure_error({}, cls)
        assert isinstance(error, hokatsu.HokatsuError)
        assert isinstance(error, ValueError)


# -- stored ledgers and event records ------------------------------------------------------

@functools.cache
def sample_events() -> tuple[Event, ...]:
    """The 氷見市 sample year, in date order."""
    return tuple(Ledger(himi(), himi_fy2017()).events)


def json_round(data: Any) -> Any:
    """*data* through JSON text and back, as an application would store it."""
    return json.loads(json.dumps(data, ensure_ascii=False, allow_nan=False))


def same_ledger(a: Ledger, b: Ledger) -> bool:
    """Whether two ledgers hold an equal directory and equal events in the same order."""
    return a.directory == b.directory and list(a.events) == list(b.events)


class TestLedgerDocument:
    @given(n=st.integers(0, 142))
    def test_sample_round_trip(self, n: int) -> None:
        """A ledger of a prefix of the sample year round-trips through JSON text to an equal
        ledger: the same directory, the same events in the same order."""
        ledger = Ledger(himi(), sample_events()[:n])
        back = conv.structure(json_round(conv.unstructure(ledger)), Ledger)
        assert isinstance(back, Ledger)
        assert same_ledger(back, ledger)

    @given(seed=st.integers(0, 2**16), n=st.integers(0, 120))
    def test_generated_round_trip(self, seed: int, n: int) -> None:
        """Generated ledgers, covering every event type, round-trip too, with the directory
        stored separately."""
        ledger = Ledger(himi(), generate(himi(), seed, n))
        doc = json_round(conv.unstructure_ledger(ledger, directory=False))
        assert "directory" not in doc
        assert same_ledger(conv.structure_ledger(doc, himi()), ledger)

    def test_layout(self) -> None:
        """The document is the version, the directory, the events, each with its tag, and the
        day each was recorded."""
        ledger = Ledger(himi(), sample_events()[:3])
        doc = conv.unstructure(ledger)
        assert list(doc) == ["schema_version", "directory", "events", "recorded_on"]
        assert doc["recorded_on"] == [e.date.isoformat() for e in sample_events()[:3]]
        assert doc["schema_version"] == SCHEMA_VERSION
        assert doc["directory"] == conv.unstructure(himi())
        assert [e["type"] for e in doc["events"]] == [e.TYPE for e in sample_events()[:3]]
        assert conv.unstructure(ledger) == conv.unstructure_ledger(ledger)

    def test_recorded_on_optional_and_checked(self) -> None:
        """A document without recording days (written before they were kept) reads with the
        default days; a list of the wrong length or with a non-date is refused at its path."""
        doc = conv.unstructure(Ledger(himi(), sample_events()[:3]))
        old = {k: v for k, v in doc.items() if k != "recorded_on"}
        assert [conv.structure(old, Ledger).recorded_on(e.id) for e in sample_events()[:3]] \
            == [e.date for e in sample_events()[:3]]
        for days, path in ((doc["recorded_on"][:2], "$.recorded_on"),
                           (["x", *doc["recorded_on"][1:]], "$.recorded_on[0]")):
            with pytest.raises(StructureError) as info:
                conv.structure({**doc, "recorded_on": days}, Ledger)
            assert info.value.path == path

    def test_full_document_read_against_its_directory(self) -> None:
        """A document with its directory is read by structure_ledger when the directories are
        equal, and refused when they differ."""
        doc = conv.unstructure(Ledger(himi(), sample_events()[:3]))
        assert len(conv.structure_ledger(doc, himi())) == 3
        other = attrs.evolve(himi(), name="別の市")
        with pytest.raises(StructureError) as info:
            conv.structure_ledger(doc, other)
        assert info.value.path == "$.directory"

    @pytest.mark.parametrize(
        ("version", "said"),
        [(2, "got 2"), (0, "got 0"), ("1", "got '1'"), (1.0, "got 1.0"), (True, "got True"),
         (None, "got None")],
    )
    def test_wrong_version(self, version: object, said: str) -> None:
        """Any version but this one is refused, naming what was given and what was
        expected."""
        doc = {**conv.unstructure(Ledger(himi())), "schema_version": version}
        error = structure_error(doc, Ledger)
        assert error.path == "$.schema_version"
        assert said in error.reason
        assert f"expected {SCHEMA_VERSION}" in error.reason

    def test_missing_version(self) -> None:
        """A document without a version is refused, naming the version expected."""
        doc = {"directory": conv.unstructure(himi()), "events": []}
        error = structure_error(doc, Ledger)
        assert error.path == "$.schema_version"
        assert "missing" in error.reason
        assert f"expected {SCHEMA_VERSION}" in error.reason
        with pytest.raises(StructureError, match="schema_version"):
            conv.structure_ledger({"events": []}, himi())

    @pytest.mark.parametrize("data", [None, [], "ledger", 3])
    def test_not_a_mapping(self, data: object) -> None:
        """A ledger is read from a mapping only."""
        assert structure_error(data, Ledger).path == "$"
        with pytest.raises(StructureError):
            conv.structure_ledger(data, himi())

    def test_missing_parts(self) -> None:
        """A document without its events, or (read as a whole) without its directory, is
        refused at that key."""
        assert structure_error({"schema_version": 1, "directory": conv.unstructure(himi())},
                               Ledger).path == "$.events"
        error = structure_error({"schema_version": 1, "events": []}, Ledger)
        assert error.path == "$.directory"
        assert "structure_ledger" in error.reason

    def test_unknown_keys(self) -> None:
        """Keys other than the version, the directory and the events are refused."""
        doc = {**conv.unstructure(Ledger(himi())), "comment": "x"}
        error = structure_error(doc, Ledger)
        assert "comment" in error.reason

    def test_bad_event_path(self) -> None:
        """A malformed event is reported at its index in the document."""
        doc = conv.unstructure(Ledger(himi(), sample_events()[:5]))
        doc["events"][3]["date"] = "2017/04/05"
        assert structure_error(doc, Ledger).path == "$.events[3].date"
        doc["events"][3]["date"] = sample_events()[3].date.isoformat()
        doc["events"][2]["type"] = "bogus"
        assert structure_error(doc, Ledger).path == "$.events[2].type"
        with pytest.raises(StructureError) as info:
            conv.structure_ledger(doc, himi())
        assert info.value.path == "$.events[2].type"

    def test_personal_value_not_quoted(self) -> None:
        """A malformed birth date inside a stored ledger or an event record is reported by
        its path and type, never quoted."""
        events = sample_events()
        i = next(i for i, e in enumerate(events) if isinstance(e, CaseOpened))
        doc = conv.unstructure(Ledger(himi(), events[: i + 1]))
        doc["events"][i]["household"]["members"][0]["born"] = "1950/01/02"
        error = structure_error(doc, Ledger)
        assert error.path == f"$.events[{i}].household.members[0].born"
        assert "1950" not in str(error)
        record = conv.unstructure_event(events[i])
        record["household"]["members"][0]["born"] = "1950/01/02"
        with pytest.raises(StructureError) as info:
            conv.structure_event(record)
        assert info.value.path == "$.household.members[0].born"
        assert "1950" not in str(info.value)

    def test_bad_directory_path(self) -> None:
        """A malformed directory is reported under $.directory."""
        doc = conv.unstructure(Ledger(himi()))
        doc["directory"]["name"] = 3
        assert structure_error(doc, Ledger).path == "$.directory.name"

    def test_broken_rule(self) -> None:
        """A stored event that breaks a ledger rule raises the ledger's own error, naming the
        event and the rule."""
        events = sample_events()
        opened = next(i for i, e in enumerate(events) if isinstance(e, CaseOpened))
        doc = conv.unstructure(Ledger(himi(), events))
        del doc["events"][opened]
        del doc["recorded_on"][opened]
        with pytest.raises(EventRejectedError) as info:
            conv.structure(doc, Ledger)
        assert info.value.rule.startswith("unknown_")

    def test_bad_arguments(self) -> None:
        """The storing methods take a ledger, a bool and a municipality only."""
        with pytest.raises(InvalidValueError):
            conv.unstructure_ledger(himi())  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            conv.unstructure_ledger(Ledger(himi()), directory=1)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            conv.structure_ledger({"schema_version": 1, "events": []}, None)  # type: ignore[arg-type]


class TestEventRecords:
    @given(seed=st.integers(0, 2**16))
    def test_round_trip(self, seed: int) -> None:
        """Every event, stored as a record through JSON text, reads back equal, one at a
        time."""
        for event in generate(himi(), seed, 60):
            record = json_round(conv.unstructure_event(event))
            assert record["schema_version"] == SCHEMA_VERSION
            assert record["type"] == event.TYPE
            back = conv.structure_event(record)
            assert back == event
            assert type(back) is type(event)

    def test_flat_record(self) -> None:
        """A record is the event's own dict with the version added."""
        event = sample_events()[0]
        record = conv.unstructure_event(event)
        assert record == {"schema_version": SCHEMA_VERSION, **conv.unstructure(event)}

    def test_every_type_in_a_ledger_rebuilt_from_records(self) -> None:
        """Records of every event type, read back one by one, rebuild an equal ledger."""
        ledger = Ledger(himi(), generate(himi(), 3, 300))
        wrong = ledger.events[len(ledger) // 2]
        ledger.append(EnteredInError(  # a correction carrying its replacement
            id="fix", date=ledger.last_date or wrong.date, event_id=wrong.id, reason="誤り",
            replacement=attrs.evolve(wrong, id="fixed")))
        assert {type(e) for e in ledger.records} == set(EVENT_TYPES.values())
        lines = [json.dumps(conv.unstructure_event(e), ensure_ascii=False)
                 for e in ledger.records]
        back = Ledger(himi(), [conv.structure_event(json.loads(line)) for line in lines])
        assert same_ledger(back, ledger)
        assert list(back.records) == list(ledger.records)

    @pytest.mark.parametrize("version", [None, 2, "1"])
    def test_wrong_or_missing_version(self, version: object) -> None:
        """A record without this version is refused at $.schema_version."""
        record = conv.unstructure_event(sample_events()[0])
        if version is None:
            del record["schema_version"]
        else:
            record["schema_version"] = version
        with pytest.raises(StructureError) as info:
            conv.structure_event(record)
        assert info.value.path == "$.schema_version"
        assert f"expected {SCHEMA_VERSION}" in info.value.reason

    def test_bad_field(self) -> None:
        """A malformed field of a record is reported at its path."""
        record = {**conv.unstructure_event(sample_events()[0]), "date": "today"}
        with pytest.raises(StructureError) as info:
            conv.structure_event(record)
        assert info.value.path == "$.date"

    @pytest.mark.parametrize("record", [None, [], "case_opened", 1])
    def test_not_a_mapping(self, record: object) -> None:
        """A record is a mapping."""
        with pytest.raises(StructureError) as info:
            conv.structure_event(record)
        assert info.value.path == "$"

    def test_not_an_event(self) -> None:
        """Only events are written as event records."""
        with pytest.raises(InvalidValueError):
            conv.unstructure_event(himi())  # type: ignore[arg-type]
