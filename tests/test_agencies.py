"""Tests for hokatsu.domain.agencies: agencies, services and eligibility."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu import (
    Agency,
    AgencyKind,
    CompoundTag,
    DuplicateIdError,
    Eligibility,
    Field,
    InvalidValueError,
    Sector,
    Service,
)
from tests.strategies import eligibilities


def agency(**kw: object) -> Agency:
    base: dict[str, object] = {
        "id": "a", "name": "地域包括支援センター", "sector": Sector.GOVERNMENT,
        "kind": AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER,
    }
    return Agency(**{**base, **kw})  # type: ignore[arg-type]


class TestEligibility:
    def test_everyone_by_default(self) -> None:
        """An unrestricted service admits anyone, whatever is known about them."""
        assert Eligibility().admits()
        assert Eligibility().admits(age=0, field=Field.OTHER)

    def test_age_bounds_are_inclusive(self) -> None:
        """Both age bounds admit the bound itself."""
        e = Eligibility(min_age=65, max_age=74)
        assert [e.admits(age=a) for a in (64, 65, 74, 75)] == [False, True, True, False]
        assert e.admits(age=None)

    def test_fields(self) -> None:
        """A service limited to fields refuses other fields but passes an unknown one."""
        e = Eligibility(fields=frozenset({Field.ELDERLY}))
        assert e.admits(field=Field.ELDERLY)
        assert not e.admits(field=Field.CHILDREN)
        assert e.admits(field=None)

    def test_tags(self) -> None:
        """A service aimed at tags needs one of them."""
        e = Eligibility(tags=frozenset({CompoundTag.HIKIKOMORI, CompoundTag.EIGHTY_FIFTY}))
        assert e.admits(tags=[CompoundTag.EIGHTY_FIFTY])
        assert not e.admits(tags=[CompoundTag.DV])
        assert not e.admits()

    def test_certificate_and_care_level(self) -> None:
        """Certificate and care-level requirements must be met."""
        assert not Eligibility(needs_certificate=True).admits()
        assert Eligibility(needs_certificate=True).admits(has_certificate=True)
        assert not Eligibility(needs_care_level=True).admits(has_certificate=True)
        assert Eligibility(needs_care_level=True).admits(has_care_level=True)

    def test_rejects_max_below_min(self) -> None:
        """The oldest age admitted may not be below the youngest."""
        with pytest.raises(InvalidValueError) as info:
            Eligibility(min_age=65, max_age=64)
        assert info.value.field == "max_age"

    @pytest.mark.parametrize("age", [-1, 151, 20.0, True, "20"])
    def test_rejects_bad_ages(self, age: object) -> None:
        """Ages are integers from 0 to 150."""
        with pytest.raises(InvalidValueError):
            Eligibility(min_age=age)  # type: ignore[arg-type]

    @given(eligibilities(), st.integers(0, 150))
    def test_admits_within_bounds(self, e: Eligibility, age: int) -> None:
        """With nothing else required, a person is admitted iff their age is in bounds."""
        free = Eligibility(min_age=e.min_age, max_age=e.max_age)
        inside = (e.min_age is None or age >= e.min_age) and (e.max_age is None or age <= e.max_age)
        assert free.admits(age=age) == inside


class TestService:
    def test_defaults(self) -> None:
        """A service is open to everyone and unbounded by default."""
        s = Service(id="s", name="総合相談")
        assert s.eligibility == Eligibility()
        assert s.capacity is None

    @pytest.mark.parametrize(("field", "value"), [("capacity", -1), ("eligibility", None),
                                                  ("name", " ")])
    def test_rejects_bad_fields(self, field: str, value: object) -> None:
        """Capacity is non-negative, eligibility an Eligibility, the name not blank."""
        kw: dict[str, object] = {"id": "s", "name": "n", field: value}
        with pytest.raises(InvalidValueError) as info:
            Service(**kw)  # type: ignore[arg-type]
        assert info.value.field == field


class TestAgency:
    def test_duplicate_service_ids(self) -> None:
        """Two services of one agency may not share an id."""
        with pytest.raises(DuplicateIdError) as info:
            agency(services=(Service(id="s", name="a"), Service(id="s", name="b")))
        assert info.value.ref == "s"

    def test_community_actor(self) -> None:
        """Community kinds (自治会, 民生委員 …) are community actors; agencies are not."""
        assert agency(kind=AgencyKind.WELFARE_COMMISSIONERS).is_community_actor
        assert agency(kind=AgencyKind.NEIGHBOURHOOD_ASSOCIATION).is_community_actor
        assert not agency().is_community_actor
        assert not agency(kind=AgencyKind.MUNICIPAL_SECTION).is_community_actor

    def test_consultation_bases(self) -> None:
        """The three systems' consultation bases are consultation bases; a school is not."""
        bases = {k for k in AgencyKind if k.is_consultation_base}
        assert {AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER, AgencyKind.SELF_RELIANCE_SUPPORT,
                AgencyKind.DISABILITY_CONSULTATION} <= bases
        assert AgencyKind.SCHOOL not in bases
        assert not bases & {k for k in AgencyKind if k.is_community_actor}

    def test_in_system_on(self) -> None:
        """An agency is in the system from the day it joined; never if it has not."""
        a = agency(joined=dt.date(2016, 10, 1))
        assert not a.in_system_on(dt.date(2016, 9, 30))
        assert a.in_system_on(dt.date(2016, 10, 1))
        assert not agency().in_system_on(dt.date(2100, 1, 1))

    @pytest.mark.parametrize(
        ("field", "value"),
        [("sector", "government"), ("kind", Sector.NPO), ("fields", frozenset({"elderly"})),
         ("area_ids", frozenset({""})), ("area_ids", ("city",)), ("capacity", 1.5),
         ("joined", "2016-10-01"), ("services", [Service(id="s", name="n")])],
    )
    def test_rejects_bad_fields(self, field: str, value: object) -> None:
        """Each field checks its type and names itself in the error."""
        with pytest.raises(InvalidValueError) as info:
            agency(**{field: value})
        assert info.value.field.startswith(field)

    def test_labels(self) -> None:
        """Sectors and kinds carry the report's Japanese terms."""
        assert Sector.SOCIAL_WELFARE_COUNCIL.label == "社会福祉協議会"
        assert AgencyKind.SELF_RELIANCE_SUPPORT.label == "自立相談支援機関"


class TestAdmitsArguments:
    @pytest.mark.parametrize(("kwargs", "field"), [
        ({"age": "70"}, "age"), ({"age": 70.5}, "age"), ({"age": -1}, "age"),
        ({"field": "elderly"}, "field"), ({"tags": 5}, "tags"), ({"tags": ["8050"]}, "tags"),
        ({"has_certificate": "yes"}, "has_certificate"), ({"has_care_level": 1}, "has_care_level"),
    ])
    def test_junk_is_refused(self, kwargs: dict[str, object], field: str) -> None:
        """Eligibility.admits(age="70") and the like name the argument, not its value."""
        with pytest.raises(InvalidValueError) as info:
            Eligibility(min_age=65).admits(**kwargs)  # type: ignore[arg-type]
        assert info.value.obj == "Eligibility.admits"
        assert info.value.field.startswith(field)
        if field != "field":
            assert repr(kwargs[field]) not in str(info.value)

    def test_in_system_on_junk(self) -> None:
        """Agency.in_system_on names its date argument."""
        with pytest.raises(InvalidValueError) as info:
            agency(joined=dt.date(2016, 4, 1)).in_system_on("2017-01-01")  # type: ignore[arg-type]
        assert info.value.field == "date"
