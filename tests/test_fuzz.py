"""Fuzz the front door (STYLE.md item 7): junk into every constructor, ``structure()`` and the
parsers may be refused, but only ever with a hokatsu error."""

from __future__ import annotations

import datetime as dt
import enum
import math
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hokatsu
from hokatsu import (
    Eligibility,
    Field,
    FiscalYear,
    Frequency,
    HokatsuError,
    Household,
    InvalidValueError,
    Issue,
    Member,
    Month,
    Quarter,
    Relation,
    Service,
    StructureError,
    make_converter,
    parse_period,
    typology,
)
from hokatsu.reference import himi
from tests.strategies import STRATEGIES, attrs_classes, scaled

EXPORTED = attrs_classes(vars(hokatsu), hokatsu.__all__)
# The two per-class fuzz tests run once per exported class (thirty and growing): a third of
# the profile's examples each keeps the thorough profile within its time budget.
PER_CLASS = scaled(1 / 3)
ENUMS = [v for v in vars(hokatsu).values() if isinstance(v, type) and issubclass(v, enum.Enum)]
conv = make_converter()

# -- junk ------------------------------------------------------------------------------------

control_text = st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl"]), max_size=5)
junk_text = st.one_of(
    st.text(max_size=10),
    st.sampled_from(["", " ", "\t", "\n", "x ", " x", "\x00", "None", "true", "1", "FY2016",
                     "2016-05-01", "平成28年度", "head", "elderly"]),
    control_text,
    st.text(min_size=190, max_size=260),
)
junk_numbers = st.one_of(
    st.integers(),
    st.integers(-2, 1001),
    st.floats(),  # nan and ±inf included
    st.sampled_from([math.nan, math.inf, -math.inf, 0.0, -0.0, 1e308, 2**63]),
)
hashable_junk = st.one_of(
    st.none(),
    st.booleans(),
    junk_numbers,
    junk_text,
    st.binary(max_size=5),
    st.dates(),
    st.datetimes(),
    st.sampled_from([m for e in ENUMS for m in e]),  # members of every enum, mostly wrong ones
    st.builds(object),
)
junk: st.SearchStrategy[Any] = st.recursive(
    hashable_junk,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.frozensets(hashable_junk, max_size=3),
        st.dictionaries(st.text(max_size=6), inner, max_size=3),
    ),
    max_leaves=6,
)
#: JSON-like junk: what a careless file or client might hand to structure().
json_junk: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | junk_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=8,
)


def _sample_objects() -> list[Any]:
    """One valid object of every domain type, taken from the 氷見市 preset where it has one
    (drawing them from the strategies on every example would make the fuzz slow)."""
    city = himi()
    member = Member(id="m", relation=Relation.HEAD, born=dt.date(1950, 1, 2))
    issue = Issue(id="i", member_id="m", field=Field.HEALTH, identified=dt.date(2016, 6, 1))
    household = Household(id="h", person_id="m", members=(member,), issues=(issue,))
    service = Service(id="s", name="相談", eligibility=Eligibility(min_age=65))
    objects = [
        FiscalYear(2016), Quarter(2016, 1), Month(2016, 5), member, issue, household,
        typology(household), city.areas.root, city.areas, service.eligibility, service,
        city.agencies[0], city.coordinators[0], Frequency.ad_hoc(), city.bodies[4].format,
        city.bodies[0].members[0], city.bodies[4], city,
    ]
    assert {type(o) for o in objects} <= set(STRATEGIES)
    return objects


#: Valid objects of every hokatsu type (the wrong one, for most fields).
other_objects = st.sampled_from(_sample_objects())


def junk_like(value: Any) -> st.SearchStrategy[Any]:
    """Junk, or *value* with junk slipped into it when it is a collection."""
    if type(value) is tuple:
        return st.tuples(st.integers(0, len(value)), junk | other_objects).map(
            lambda t: (*value[:t[0]], t[1], *value[t[0]:])
        )
    if type(value) is frozenset:
        return hashable_junk.map(lambda j: value | {j})
    return junk


def init_fields(cls: type[Any]) -> list[attrs.Attribute[Any]]:
    return [f for f in attrs.fields(cls) if f.init]


@st.composite
def constructor_kwargs(draw: st.DrawFn, cls: type[Any]) -> dict[str, Any]:
    """Keyword arguments for *cls*: per field a valid value, junk, junk slipped into a valid
    collection, a valid object of the wrong type, or (for fields with defaults) nothing."""
    valid = draw(STRATEGIES[cls]) if cls in STRATEGIES else None
    kwargs: dict[str, Any] = {}
    for f in init_fields(cls):
        choices = ["junk", "object"]
        if valid is not None:
            choices += ["valid", "valid", "valid", "slipped"]
        if f.default is not attrs.NOTHING:
            choices.append("omit")
        how = draw(st.sampled_from(choices))
        if how == "omit":
            continue
        good = getattr(valid, f.name) if valid is not None else None
        if how == "valid":
            kwargs[f.alias] = good
        elif how == "slipped":
            kwargs[f.alias] = draw(junk_like(good))
        elif how == "object":
            kwargs[f.alias] = draw(other_objects)
        else:
            kwargs[f.alias] = draw(junk)
    return kwargs


def _replace_somewhere(draw: st.DrawFn, data: Any, depth: int = 0) -> Any:
    """*data* (unstructured) with one value somewhere in it replaced, a key dropped or added."""
    if isinstance(data, dict) and data and depth < 6:
        key = draw(st.sampled_from(sorted(data)))
        action = draw(st.sampled_from(["descend", "descend", "replace", "drop", "add"]))
        if action == "descend":
            return {**data, key: _replace_somewhere(draw, data[key], depth + 1)}
        if action == "drop":
            return {k: v for k, v in data.items() if k != key}
        if action == "add":
            return {**data, draw(st.text(max_size=8)): draw(json_junk)}
        return {**data, key: draw(json_junk)}
    if isinstance(data, list) and data and depth < 6:
        i = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["descend", "descend", "replace", "drop", "dup"]))
        if action == "descend":
            return [*data[:i], _replace_somewhere(draw, data[i], depth + 1), *data[i + 1:]]
        if action == "drop":
            return data[:i] + data[i + 1:]
        if action == "dup":
            return [*data, data[i]]
        return [*data[:i], draw(json_junk), *data[i + 1:]]
    return draw(json_junk)


@st.composite
def structure_input(draw: st.DrawFn, cls: type[Any]) -> Any:
    """Input for structure(): plain junk, the right keys with junk values, or a valid
    object's dict with one thing broken deep inside."""
    how = draw(st.sampled_from(["junk", "keys", "broken", "broken"]))
    if how == "junk" or cls not in STRATEGIES:
        return draw(json_junk | junk)
    if how == "keys":
        names = [f.name for f in init_fields(cls)]
        chosen = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
        return {n: draw(json_junk) for n in chosen}
    return _replace_somewhere(draw, conv.unstructure(draw(STRATEGIES[cls])))


# -- the tests -------------------------------------------------------------------------------


class TestConstructors:
    def test_every_exported_attrs_class_is_fuzzed(self) -> None:
        """The fuzzed classes include the whole directory (guards the discovery itself)."""
        names = {c.__name__ for c in EXPORTED}
        assert {"Municipality", "Household", "AreaTree", "MeetingBody", "FiscalYear"} <= names

    @pytest.mark.parametrize("cls", EXPORTED, ids=lambda c: c.__name__)
    @PER_CLASS
    @given(data=st.data())
    def test_only_hokatsu_errors_escape(self, cls: type[Any], data: st.DataObject) -> None:
        """A constructor given junk either builds a valid object or raises a HokatsuError."""
        kwargs = data.draw(constructor_kwargs(cls), label="kwargs")
        try:
            obj = cls(**kwargs)
        except HokatsuError:
            return
        assert isinstance(obj, cls)


class TestStructure:
    @pytest.mark.parametrize("cls", EXPORTED, ids=lambda c: c.__name__)
    @PER_CLASS
    @given(data=st.data())
    def test_only_structure_errors_escape(self, cls: type[Any], data: st.DataObject) -> None:
        """structure() given junk either returns an object of the class or raises a
        StructureError with a path."""
        value = data.draw(structure_input(cls), label="input")
        try:
            obj = conv.structure(value, cls)
        except StructureError as error:
            path = error.path
        else:
            assert isinstance(obj, cls)
            return
        assert path.startswith("$")


parse_text = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="令和平成昭和大正明治元年度RHSTMFYQ0123456789０１２３４５６７８９- 　",
            max_size=10),
)


class TestParsers:
    @given(parse_text | junk)
    def test_fiscal_year_parse(self, value: Any) -> None:
        """FiscalYear.parse returns a valid fiscal year or raises InvalidValueError."""
        try:
            fy = FiscalYear.parse(value)
        except InvalidValueError:
            return
        assert FiscalYear.parse(fy.label) == fy

    @given(parse_text | junk)
    def test_parse_period(self, value: Any) -> None:
        """parse_period returns a period whose key reads back, or raises InvalidValueError."""
        try:
            period = parse_period(value)
        except InvalidValueError:
            return
        assert type(period) in (FiscalYear, Quarter, Month)
        assert parse_period(period.key) == period

    @pytest.mark.parametrize("cls", [FiscalYear, Quarter, Month])
    @given(value=json_junk | junk | parse_text)
    def test_period_structure(self, cls: type[Any], value: Any) -> None:
        """Structuring junk into a period gives that kind of period or a StructureError."""
        try:
            period = conv.structure(value, cls)
        except StructureError:
            return
        assert type(period) is cls

    @given(st.dates(dt.date(1868, 4, 1), dt.date(9999, 3, 31)))
    def test_every_kind_of_period_of_a_date(self, date: dt.date) -> None:
        """Every date in the supported range has a fiscal year, quarter and month whose
        keys parse back."""
        for period in (FiscalYear.of(date), Quarter.of(date), Month.of(date)):
            assert parse_period(period.key) == period
