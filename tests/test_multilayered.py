"""The 重層的支援体制整備事業's events and figures: activity sessions with attendance by
category, participation support, the Tally measure and the MULTILAYERED catalogue."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu.calendar import FiscalYear
from hokatsu.domain import ConsultationContent, Household, Member, Relation
from hokatsu.errors import EventRejectedError, InvalidValueError
from hokatsu.events import (
    ActivityKind,
    ActivitySessionHeld,
    AttendeeCategory,
    CaseClosed,
    CaseOpened,
    ConsultationReceived,
    Event,
    Headcount,
    Outcome,
    ParticipationSupportStarted,
    ProjectComponent,
    Route,
)
from hokatsu.indicators import MULTILAYERED, Attr, Indicator, Tally, compute
from hokatsu.ledger import Ledger
from hokatsu.reference import himi

FY = FiscalYear(2017)
D = dt.date(2017, 6, 1)
_C = AttendeeCategory
_BUILD = ProjectComponent.COMMUNITY_BUILDING


def _session(event_id: str, *counts: tuple[AttendeeCategory, int], area: str = "himi-d03",
             **kw: object) -> ActivitySessionHeld:
    return ActivitySessionHeld(
        id=event_id, date=D, area_id=area, activity=kw.pop("activity", ActivityKind.SALON),
        attendance=tuple(Headcount(category=c, count=n) for c, n in counts), **kw)


def _opened(case: str = "c1") -> CaseOpened:
    return CaseOpened(id=f"open-{case}", date=D, case_id=case, route=Route.SELF,
                      agency_id="himi-support", household=Household(
                          id=f"h-{case}", person_id="m1", area_id="himi-d03", members=(
                              Member(id="m1", relation=Relation.HEAD, born=dt.date(1960, 1, 1)),
                              Member(id="m2", relation=Relation.CHILD,
                                     born=dt.date(1990, 1, 1)))))


class TestActivitySession:
    """A session of a participation or community activity and its attendance."""

    def test_participants_and_counts(self) -> None:
        """Participants add every category; counts gives (category, count) pairs."""
        s = _session("a", (_C.CHILDREN, 14), (_C.ADULTS, 5))
        assert s.participants == 19
        assert s.counts == ((_C.CHILDREN, 14), (_C.ADULTS, 5))

    def test_repeated_category_refused(self) -> None:
        """A category counted twice in one session is refused, naming the field."""
        with pytest.raises(InvalidValueError) as info:
            _session("a", (_C.CHILDREN, 1), (_C.CHILDREN, 2))
        assert "ActivitySessionHeld.attendance" in str(info.value)

    def test_empty_attendance_refused(self) -> None:
        """A session records at least one headcount."""
        with pytest.raises(InvalidValueError):
            _session("a")

    def test_negative_count_refused(self) -> None:
        """A headcount is a whole number of at least 0."""
        with pytest.raises(InvalidValueError):
            Headcount(category=_C.ADULTS, count=-1)

    def test_ledger_checks_references(self) -> None:
        """The base and partners must be agencies of the directory; the area must exist."""
        ledger = Ledger(himi())
        ledger.append(_session("a", (_C.ADULTS, 3), base_id="himi-swc",
                               partner_ids=frozenset({"himi-minsei"})))
        for bad, rule in ((_session("b", (_C.ADULTS, 3), base_id="nope"), "unknown_agency"),
                          (_session("c", (_C.ADULTS, 3), area="nope"), "unknown_area")):
            with pytest.raises(EventRejectedError) as info:
                ledger.append(bad)
            assert info.value.rule == rule
        assert len(ledger) == 1


class TestParticipationSupport:
    """Participation support is a case event: the case open, the member its household's."""

    def test_accepted_in_the_case_area(self) -> None:
        """It happens in its case's area."""
        ledger = Ledger(himi(), [_opened()])
        ledger.append(ParticipationSupportStarted(id="p1", date=D, case_id="c1",
                                                  partner_id="himi-swc", member_id="m2"))
        assert ledger.area_of("p1") == "himi-d03"

    @pytest.mark.parametrize(("rule", "kw"), [
        ("unknown_case", {"case_id": "c9"}),
        ("unknown_agency", {"partner_id": "nope"}),
        ("unknown_member", {"member_id": "m9"}),
    ])
    def test_rules(self, rule: str, kw: dict[str, str]) -> None:
        """Unknown cases, partners and members are refused."""
        ledger = Ledger(himi(), [_opened()])
        event = ParticipationSupportStarted(id="p1", date=D, **{
            "case_id": "c1", "partner_id": "himi-swc", **kw})
        with pytest.raises(EventRejectedError) as info:
            ledger.append(event)
        assert info.value.rule == rule

    def test_closed_case_refused(self) -> None:
        """A closed case takes no participation support."""
        ledger = Ledger(himi(), [_opened(), CaseClosed(id="x", date=D, case_id="c1",
                                                       outcome=Outcome.RESOLVED)])
        with pytest.raises(EventRejectedError) as info:
            ledger.append(ParticipationSupportStarted(id="p1", date=D, case_id="c1",
                                                      partner_id="himi-swc"))
        assert info.value.rule == "case_not_open"


def _tally(**kw: object) -> Indicator:
    return Indicator(id="attendance", name="参加者", events=(ActivitySessionHeld,),
                     measure=Tally(Attr("counts")), **kw)  # type: ignore[arg-type]


class TestTally:
    """Sums of counts by label, the total first."""

    def test_rows(self) -> None:
        """The total, then the fixed labels (0 when absent), then the others sorted."""
        ledger = Ledger(himi(), [_session("a", (_C.CHILDREN, 4), (_C.ADULTS, 1)),
                                 _session("b", (_C.CHILDREN, 2), (_C.UNSPECIFIED, 3))])
        ind = _tally(groups=("adults", "over_64"))
        table = compute(ledger, indicators=[ind])
        assert [(r.group, r.value) for r in table.rows if r.area_id == "himi"] == [
            (None, 10), ("adults", 1), ("over_64", 0), ("children", 6), ("unspecified", 3)]

    def test_group_refused(self) -> None:
        """A Tally's labels are its groups: a group function is refused."""
        with pytest.raises(InvalidValueError):
            _tally(group=Attr("activity"))

    def test_function_refused(self) -> None:
        """The counts must be read by a function or an accessor."""
        with pytest.raises(InvalidValueError):
            Tally("counts")  # type: ignore[arg-type]

    @given(st.lists(st.tuples(st.sampled_from(["himi-d01", "himi-d03", "himi-d08"]),
                              st.dictionaries(st.sampled_from(list(_C)), st.integers(0, 50),
                                              min_size=1)), min_size=1, max_size=20))
    def test_rolls_up(self, sessions: list[tuple[str, dict[AttendeeCategory, int]]]) -> None:
        """The city's tally is the sum of its districts', label by label."""
        events = [_session(f"s{i}", *counts.items(), area=area)
                  for i, (area, counts) in enumerate(sessions)]
        table = compute(Ledger(himi(), events), indicators=[_tally()], level="district",
                        area_ids=["himi"])
        present = {category for _, c in sessions for category in c}
        assert set(table.groups("attendance")) == {c.value for c in present}
        for category in present:
            want = sum(c.get(category, 0) for _, c in sessions)
            assert table.value("attendance", FY, "himi", category.value) == want
        assert table.value("attendance", FY, "himi") == sum(
            sum(c.values()) for _, c in sessions)


class TestMultilayered:
    """The 重層的支援体制整備事業's figures on a small record."""

    def test_figures(self) -> None:
        """Consultations, people supported and partners, bases, participants and agencies."""
        events: list[Event] = [
            _opened("c1"), _opened("c2"),
            ConsultationReceived(id="q1", date=D, area_id="himi-d03", agency_id="himi-support",
                                 content=ConsultationContent.LIVING),
            ParticipationSupportStarted(id="p1", date=D, case_id="c1", partner_id="himi-swc"),
            ParticipationSupportStarted(id="p2", date=D, case_id="c1", partner_id="himi-school",
                                        member_id="m2"),
            ParticipationSupportStarted(id="p3", date=D, case_id="c1", partner_id="himi-swc"),
            ParticipationSupportStarted(id="p4", date=D, case_id="c2", partner_id="himi-swc"),
            _session("s1", (_C.ADULTS, 10), (_C.CHILDREN, 5), base_id="himi-swc",
                     component=_BUILD, partner_ids=frozenset({"himi-minsei", "himi-jichi"})),
            _session("s2", (_C.ADULTS, 7), base_id="himi-swc", component=_BUILD,
                     partner_ids=frozenset({"himi-minsei"})),
            _session("s3", (_C.ADULTS, 4), base_id="himi-support", component=_BUILD),
            _session("s4", (_C.ADULTS, 99), base_id="himi-cgsc"),  # not community building
        ]
        agencies = {a.id for a in himi().agencies}
        assert {"himi-swc", "himi-school", "himi-minsei", "himi-jichi"} <= agencies
        table = compute(Ledger(himi(), events), indicators=list(MULTILAYERED))
        value = {i.id: table.value(i.id, FY, "himi") for i in MULTILAYERED}
        assert value == {"consultations": 1, "participation_people": 3,
                         "participation_partners": 2, "community_bases": 2,
                         "community_participants": 26, "community_agencies": 2}
        assert table.value("community_participants", FY, "himi", "children") == 5

    def test_ids(self) -> None:
        """The second catalogue starts with the extras' consultations (one definition), and
        each of its indicators can be asked for by id."""
        from hokatsu.indicators import BY_ID, EXTRAS

        assert MULTILAYERED[0] is EXTRAS[0]
        assert all(BY_ID[i.id] is i for i in MULTILAYERED)
