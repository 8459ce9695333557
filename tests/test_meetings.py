"""Tests for hokatsu.domain.meetings: frequencies, formats, memberships and meeting bodies."""

from __future__ import annotations

import pytest
from hypothesis import given

from hokatsu import (
    BodyStructure,
    CycleError,
    DuplicateIdError,
    Frequency,
    FrequencyUnit,
    InvalidValueError,
    MeetingBody,
    MeetingFormat,
    MemberRole,
    Membership,
)
from tests.strategies import frequencies


class TestFrequency:
    @pytest.mark.parametrize(
        ("times", "per", "expected"),
        [
            (1, FrequencyUnit.MONTH, 12.0),   # 氷見市's 定例会議, about monthly
            (2, FrequencyUnit.MONTH, 24.0),   # 栃木市's 推進会議, twice a month
            (1, FrequencyUnit.WEEK, 52.0),    # 江戸川区's coordinators, weekly
            (1, FrequencyUnit.DAY, 245.0),    # 名張市's daily meeting, on working days
            (4, FrequencyUnit.YEAR, 4.0),     # 盛岡市's 推進会議, four times in FY2016
        ],
    )
    def test_sessions_per_year(self, times: int, per: FrequencyUnit, expected: float) -> None:
        """Sessions a year are times × units a year (days as working days)."""
        assert Frequency(times=times, per=per).sessions_per_year == expected

    def test_ad_hoc(self) -> None:
        """An ad-hoc body (随時) has no expected number of sessions."""
        f = Frequency.ad_hoc()
        assert (f.times, f.per) == (0, FrequencyUnit.AD_HOC)
        assert f.sessions_per_year is None

    @pytest.mark.parametrize(
        ("times", "per"),
        [(1, FrequencyUnit.AD_HOC), (0, FrequencyUnit.MONTH), (1001, FrequencyUnit.YEAR),
         (-1, FrequencyUnit.YEAR)],
    )
    def test_rules(self, times: int, per: FrequencyUnit) -> None:
        """Ad hoc takes 0 times, anything else 1 to 1000."""
        with pytest.raises(InvalidValueError) as info:
            Frequency(times=times, per=per)
        assert info.value.field == "times"

    @pytest.mark.parametrize(
        ("times", "per"), [(True, FrequencyUnit.YEAR), (1.0, FrequencyUnit.YEAR), (1, "month")]
    )
    def test_types(self, times: object, per: object) -> None:
        """times is an int (not a bool or float) and per a FrequencyUnit."""
        with pytest.raises(InvalidValueError):
            Frequency(times=times, per=per)  # type: ignore[arg-type]

    @given(frequencies)
    def test_sessions_are_positive_unless_ad_hoc(self, f: Frequency) -> None:
        """Every regular frequency expects at least one session a year."""
        if f.per is FrequencyUnit.AD_HOC:
            assert f.sessions_per_year is None
        else:
            assert f.sessions_per_year is not None
            assert f.sessions_per_year >= 1


class TestMeetingFormat:
    def test_defaults(self) -> None:
        """A format is a single body held on its own unless said otherwise."""
        f = MeetingFormat()
        assert f.structure is BodyStructure.SINGLE
        assert f.joint_with is None
        assert f.methods == frozenset()

    @pytest.mark.parametrize(("field", "value"), [("duration_minutes", 0),
                                                  ("duration_minutes", 24 * 60 + 1),
                                                  ("joint_with", ""), ("secretariat_id", " x")])
    def test_rejects(self, field: str, value: object) -> None:
        """Durations are 1 minute to a day; texts and ids are not blank."""
        with pytest.raises(InvalidValueError) as info:
            MeetingFormat(**{field: value})  # type: ignore[arg-type]
        assert info.value.field == field


def body(**kw: object) -> MeetingBody:
    base: dict[str, object] = {"id": "b", "name": "推進会議", "tier": 1, "area_id": "city"}
    return MeetingBody(**{**base, **kw})  # type: ignore[arg-type]


class TestMeetingBody:
    @pytest.mark.parametrize("field", ["escalates_to", "part_of"])
    def test_self_reference_rejected(self, field: str) -> None:
        """A body can neither escalate to itself nor be its own sub-committee."""
        with pytest.raises(CycleError) as info:
            body(**{field: "b"})
        assert info.value.cycle == ("b",)
        assert info.value.field == field

    def test_duplicate_members(self) -> None:
        """An agency holds one seat in a body."""
        with pytest.raises(DuplicateIdError) as info:
            body(members=(Membership(agency_id="a"),
                          Membership(agency_id="a", role=MemberRole.CHAIR)))
        assert info.value.ref == "a"

    @pytest.mark.parametrize("tier", [0, 10, 1.0, True])
    def test_tier_bounds(self, tier: object) -> None:
        """Tiers are integers from 1 to 9."""
        with pytest.raises(InvalidValueError) as info:
            body(tier=tier)
        assert info.value.field == "tier"

    def test_tier_label_and_member_ids(self) -> None:
        """The tier reads as 第n層; member ids are the seated agencies."""
        b = body(tier=2, members=(Membership(agency_id="x"), Membership(agency_id="y")))
        assert b.tier_label == "第2層"
        assert b.member_ids == {"x", "y"}

    def test_default_role_is_member(self) -> None:
        """A seat is an ordinary member's unless a role is given."""
        assert Membership(agency_id="a").role is MemberRole.MEMBER

    @pytest.mark.parametrize(
        ("field", "value"),
        [("format", None), ("frequency", "monthly"), ("members", [Membership(agency_id="a")]),
         ("promotion", 1), ("convenes_per", "")],
    )
    def test_rejects_bad_fields(self, field: str, value: object) -> None:
        """Each field checks its type and names itself in the error."""
        with pytest.raises(InvalidValueError) as info:
            body(**{field: value})
        assert info.value.field == field
