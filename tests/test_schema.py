"""Tests for hokatsu.schema: the JSON Schemas accept what the converter writes and reject
broken data."""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu.convert import SCHEMA_VERSION, make_converter
from hokatsu.domain import Household, Member, Municipality
from hokatsu.errors import InvalidValueError, StructureError
from hokatsu.events import EVENT_TYPES, EnteredInError, Event
from hokatsu.ledger import Ledger
from hokatsu.reference import edogawa, himi, kotoura, kushiro, tochigi
from hokatsu.reference.sample import himi_fy2017
from hokatsu.schema import (
    DRAFT,
    directory_schema,
    event_schema,
    json_schema,
    ledger_schema,
)
from tests.scenarios import generate
from tests.strategies import STRATEGIES

conv = make_converter()
Validator = jsonschema.Draft202012Validator
PRESETS = (himi, edogawa, tochigi, kotoura, kushiro)
# periods are written as key strings, not objects: they have no object schema
OBJECT_CLASSES = [c for c in STRATEGIES if c.__name__ not in ("FiscalYear", "Quarter", "Month")]


@functools.cache
def validator(kind: str, cls: type[Any] | None = None) -> jsonschema.protocols.Validator:
    """A validator of a schema, made once (with format checks on)."""
    schemas = {"directory": directory_schema, "event": event_schema,
               "record": lambda: event_schema(record=True), "ledger": ledger_schema,
               "ledger_alone": lambda: ledger_schema(directory=False)}
    schema = json_schema(cls) if cls is not None else schemas[kind]()
    Validator.check_schema(schema)
    return Validator(schema, format_checker=Validator.FORMAT_CHECKER)


@functools.cache
def every_event() -> tuple[Event, ...]:
    """Events of every type, from a generated ledger."""
    events = generate(himi(), 3, 300)
    wrong = events[150]
    events.append(EnteredInError(id="fix", date=events[-1].date, event_id=wrong.id,
                                 reason="誤り", replacement=attrs.evolve(wrong, id="fixed")))
    assert {type(e) for e in events} == set(EVENT_TYPES.values())
    return tuple(events)


def errors(kind: str, data: Any, cls: type[Any] | None = None) -> list[str]:
    """The messages of the schema's complaints about *data*."""
    return [e.message for e in validator(kind, cls).iter_errors(data)]


class TestSchemasAreValid:
    @pytest.mark.parametrize("cls", [*OBJECT_CLASSES, *EVENT_TYPES.values(), Event, Ledger],
                             ids=lambda c: c.__name__)
    def test_json_schema_is_a_valid_schema(self, cls: type[Any]) -> None:
        """The schema of every class is a valid Draft 2020-12 schema, JSON-ready."""
        schema = json_schema(cls)
        assert schema["$schema"] == DRAFT
        Validator.check_schema(schema)
        assert json.loads(json.dumps(schema, ensure_ascii=False)) == schema

    def test_fresh_dicts(self) -> None:
        """Each call returns a new schema: changing one changes no other."""
        first = directory_schema()
        first["$defs"].clear()
        assert directory_schema()["$defs"]

    def test_every_event_type_is_a_variant(self) -> None:
        """The event union has one variant per event type, each tagged by its type."""
        schema = event_schema()
        union = schema["$defs"]["Event"]
        variants = {v["if"]["properties"]["type"]["const"]: v["then"]["$ref"].split("/")[-1]
                    for v in union["allOf"]}
        assert variants == {tag: cls.__name__ for tag, cls in EVENT_TYPES.items()}
        assert sorted(union["properties"]["type"]["enum"]) == sorted(EVENT_TYPES)
        for tag, cls in EVENT_TYPES.items():
            assert schema["$defs"][cls.__name__]["properties"]["type"] == {"const": tag}

    @pytest.mark.parametrize("cls", [int, str, dict, None, "Municipality", Ledger.__init__])
    def test_not_a_class(self, cls: Any) -> None:
        """Only attrs classes the converter writes have a schema."""
        with pytest.raises(InvalidValueError):
            json_schema(cls)

    def test_periods_have_no_object_schema(self) -> None:
        """A period is written as a key string: json_schema refuses it."""
        from hokatsu.calendar import FiscalYear

        with pytest.raises(InvalidValueError):
            json_schema(FiscalYear)

    @pytest.mark.parametrize("flag", [None, 1, "yes"])
    def test_bad_flags(self, flag: Any) -> None:
        """The record and directory flags take a bool only."""
        with pytest.raises(InvalidValueError):
            event_schema(record=flag)
        with pytest.raises(InvalidValueError):
            ledger_schema(directory=flag)


class TestAccepts:
    @pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.__name__)
    def test_presets(self, preset: Any) -> None:
        """Every preset directory, unstructured, fits the directory schema."""
        assert errors("directory", conv.unstructure(preset())) == []

    @pytest.mark.parametrize("cls", OBJECT_CLASSES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_every_domain_type(self, cls: type[Any], data: st.DataObject) -> None:
        """Any valid object of a directory type, unstructured, fits its class's schema."""
        obj = data.draw(STRATEGIES[cls])
        assert errors("class", conv.unstructure(obj), cls) == []

    def test_every_event_type(self) -> None:
        """An event of every type, unstructured, fits the event union, its own class's schema,
        and as a record, the record schema."""
        one_of_each = {type(e): e for e in every_event()}.values()
        for event in one_of_each:
            data = conv.unstructure(event)
            assert errors("event", data) == [], event.TYPE
            assert errors("class", data, type(event)) == [], event.TYPE
            assert errors("record", conv.unstructure_event(event)) == [], event.TYPE

    def test_ledger_documents(self) -> None:
        """A stored ledger fits the ledger schema, with or without its directory."""
        ledger = Ledger(himi(), himi_fy2017())
        assert errors("ledger", conv.unstructure(ledger)) == []
        alone = conv.unstructure_ledger(ledger, directory=False)
        assert errors("ledger_alone", alone) == []
        assert errors("ledger", alone) != []  # the directory is required in the full form
        assert errors("ledger_alone", conv.unstructure(ledger)) != []

    def test_defaults_may_be_left_out(self) -> None:
        """A member with only its required fields fits, as the converter reads it."""
        data = {"id": "m1", "relation": "head", "born": "1950-01-02"}
        assert errors("class", data, Member) == []
        assert conv.structure(data, Member).id == "m1"

    def test_defaults_are_the_stored_defaults(self) -> None:
        """Each default the schema states is what the converter writes for it."""
        props = json_schema(Member)["$defs"]["Member"]["properties"]
        assert props["employment"]["default"] == "unknown"
        assert props["certificates"]["default"] == []
        assert props["care_level"]["default"] is None


def _member() -> dict[str, Any]:
    """A member with its required fields only."""
    return {"id": "m1", "relation": "head", "born": "1950-01-02"}


class TestRejects:
    @pytest.mark.parametrize(
        ("change", "said"),
        [({"relation": "HEAD"}, "is not one of"),
         ({"relation": "世帯主"}, "is not one of"),
         ({"born": "1950/01/02"}, "does not match"),
         ({"born": 19500102}, "is not of type 'string'"),
         ({"carer": "true"}, "is not of type 'boolean'"),
         ({"carer": 1}, "is not of type 'boolean'"),
         ({"id": ""}, "should be non-empty"),
         ({"id": " m1"}, "does not match"),
         ({"id": 1}, "is not of type 'string'"),
         ({"certificates": ["physical", "physical"]}, "non-unique"),
         ({"certificates": "physical"}, "is not of type 'array'"),
         ({"nickname": "x"}, "Additional properties"),
         ({"care_level": "care_9"}, "is not valid under any")],
    )
    def test_broken_member(self, change: dict[str, Any], said: str) -> None:
        """A wrong enum value, a wrong type, a malformed date or id, a repeated set item or
        an unknown key is refused; the converter refuses each too, but the repeat (which it
        reads as a set, and never writes)."""
        data = {**_member(), **change}
        found = errors("class", data, Member)
        assert any(said in message for message in found), found
        if said != "non-unique":
            with pytest.raises(StructureError):
                conv.structure(data, Member)

    @pytest.mark.parametrize("key", ["id", "relation", "born"])
    def test_missing_required(self, key: str) -> None:
        """A required field left out is refused."""
        data = {k: v for k, v in _member().items() if k != key}
        assert any(f"'{key}' is a required property" in m for m in errors("class", data, Member))

    def test_broken_events(self) -> None:
        """Events with an unknown type, a missing field, a field of another type or an
        integer out of bounds are refused by the union, for the variant its tag names."""
        training = next(conv.unstructure(e) for e in every_event() if e.TYPE == "training_held")
        broken = [
            {**training, "type": "training"},
            {k: v for k, v in training.items() if k != "date"},
            {k: v for k, v in training.items() if k != "type"},
            {**training, "participants": 0},
            {**training, "participants": "30"},
            {**training, "date": "2017-13-45"},
            {**training, "extra": 1},
        ]
        for data in broken:
            assert errors("event", data) != [], data
        found = errors("event", {**training, "participants": "30"})
        assert found == ["'30' is not of type 'integer'"]

    def test_bad_date_format(self) -> None:
        """A date of the right shape that is no real day fails the date format check."""
        data = {**_member(), "born": "1950-02-30"}
        assert any("is not a 'date'" in m for m in errors("class", data, Member))

    def test_broken_records(self) -> None:
        """A record without its version, or of another version, is refused."""
        record = conv.unstructure_event(every_event()[0])
        assert errors("record", {**record, "schema_version": SCHEMA_VERSION + 1}) != []
        assert errors("record", {k: v for k, v in record.items()
                                 if k != "schema_version"}) != []
        assert errors("event", record) != []  # a nested event carries no version

    def test_broken_directory(self) -> None:
        """A directory with a wrong nested value is refused at that place."""
        data = copy.deepcopy(conv.unstructure(himi()))
        data["bodies"][0]["tier"] = 0
        found = list(validator("directory").iter_errors(data))
        assert found
        assert any(list(e.absolute_path)[:3] == ["bodies", 0, "tier"] for e in found)

    def test_broken_ledger(self) -> None:
        """A ledger of another version, or with a broken event, is refused."""
        doc = conv.unstructure(Ledger(himi(), himi_fy2017()[:4]))
        assert errors("ledger", {**doc, "schema_version": 2}) != []
        doc["events"][1]["type"] = "nope"
        assert errors("ledger", doc) != []

    def test_households_need_members(self) -> None:
        """A household without members is refused (a non-empty collection)."""
        data = {"id": "h", "person_id": "m1", "members": []}
        assert any("should be non-empty" in m or "too short" in m
                   for m in errors("class", data, Household))
        assert errors("directory", {"name": "x"}) != []
        assert directory_schema() == json_schema(Municipality)

