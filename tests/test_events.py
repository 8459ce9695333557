"""Tests for hokatsu.events: construction rules, the tag registry and the tagged-union
converter."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import pkgutil
import re
from typing import Any

import attrs
import pytest
from hypothesis import given

import hokatsu.events
from hokatsu.convert import make_converter
from hokatsu.domain import Field, Household, Issue, Member, Relation
from hokatsu.errors import DuplicateIdError, InvalidValueError, StructureError
from hokatsu.events import (
    EVENT_TYPES,
    TRANSITIONS,
    AgendaItemRaised,
    AreaEvent,
    CaseClosed,
    CaseConferenceHeld,
    CaseEvent,
    CaseOpened,
    CommunityExchangeHeld,
    ConferenceKind,
    EnteredInError,
    EvaluationCollected,
    EvaluationTopic,
    Event,
    ItemOutcome,
    MeetingHeld,
    Outcome,
    PlanMade,
    PlanRole,
    ReferralAccepted,
    ReferralCancelled,
    ReferralCompleted,
    ReferralFailed,
    ReferralPutOnHold,
    ReferralRejected,
    ReferralResumed,
    ReferralStarted,
    ReferralStatus,
    ReferralTransition,
    Route,
    TargetSet,
    TrainingHeld,
)
from tests.scenarios import TRANSITION_CLASSES, event_sequences, generate

D = dt.date(2017, 5, 1)
CONV = make_converter()
#: The abstract bases: no tag of their own.
ABSTRACT = {Event, AreaEvent, CaseEvent, ReferralTransition}


def _transition(cls: type[ReferralTransition], **kw: Any) -> ReferralTransition:
    return cls(id="e1", date=D, referral_id="r1", actor_id="a1", **kw)


def _evaluation(counts: tuple[int, ...]) -> EvaluationCollected:
    return EvaluationCollected(id="e1", date=D, area_id="x",
                               topic=EvaluationTopic.MEETING_EFFECT, counts=counts)


def _home() -> Household:
    return Household(id="h1", person_id="m1", area_id="x",
                     members=(Member(id="m1", relation=Relation.HEAD, born=dt.date(1950, 1, 1)),))


def _event_classes_defined() -> set[type[Event]]:
    """Every Event subclass defined in any module of the hokatsu.events package."""
    found: set[type[Event]] = set()
    for info in pkgutil.iter_modules(hokatsu.events.__path__):
        module = importlib.import_module(f"hokatsu.events.{info.name}")
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Event)
                    and value.__module__ == module.__name__):
                found.add(value)
    return found


class TestConstruction:
    """Events check their own fields when built."""

    @pytest.mark.parametrize(
        "cls", [ReferralRejected, ReferralCancelled, ReferralPutOnHold, ReferralFailed])
    def test_reason_required(self, cls: type[ReferralTransition]) -> None:
        """Rejecting, cancelling, holding or failing a referral without a reason is refused."""
        with pytest.raises(InvalidValueError) as info:
            _transition(cls)
        assert info.value.field == "reason"
        assert cls.status.value in str(info.value)
        assert _transition(cls, reason="本人の辞退").reason == "本人の辞退"

    @pytest.mark.parametrize(
        "cls", [ReferralAccepted, ReferralStarted, ReferralResumed, ReferralCompleted])
    def test_reason_optional(self, cls: type[ReferralTransition]) -> None:
        """Accepting, starting, resuming or completing needs no reason, but takes one."""
        assert _transition(cls).reason is None
        assert _transition(cls, reason="メモ").reason == "メモ"

    def test_needs_reason_flags(self) -> None:
        """Exactly the four transitions that end or pause support need a reason."""
        needing = {cls for cls in TRANSITION_CLASSES if cls.needs_reason}
        assert needing == {ReferralRejected, ReferralCancelled, ReferralPutOnHold,
                           ReferralFailed}

    def test_blank_reason_refused(self) -> None:
        """A blank reason is no reason."""
        with pytest.raises(InvalidValueError):
            _transition(ReferralFailed, reason="  ")

    @pytest.mark.parametrize(("case_id", "theme"), [(None, None), ("c1", "買い物支援")])
    def test_agenda_item_needs_case_or_theme(self, case_id: str | None,
                                             theme: str | None) -> None:
        """An agenda item is about exactly one of a case and a theme."""
        with pytest.raises(InvalidValueError) as info:
            AgendaItemRaised(id="e1", date=D, item_id="i1", session_id="s1", case_id=case_id,
                             theme=theme)
        assert info.value.field == "case_id/theme"
        assert "'e1'" in str(info.value)

    def test_agenda_item_either(self) -> None:
        """A case id alone or a theme alone makes a valid item."""
        by_case = AgendaItemRaised(id="e1", date=D, item_id="i1", session_id="s1", case_id="c1")
        by_theme = AgendaItemRaised(id="e2", date=D, item_id="i2", session_id="s1", theme="居場所")
        assert (by_case.theme, by_theme.case_id) == (None, None)

    @pytest.mark.parametrize("counts", [(5,), (1,) * 11, (0, 0), (0, 0, 0, 0, 0), ()])
    def test_evaluation_counts_refused(self, counts: tuple[int, ...]) -> None:
        """Evaluation counts are 2 to 10 values with at least one respondent."""
        with pytest.raises(InvalidValueError) as info:
            _evaluation(counts)
        assert info.value.field.startswith("counts")

    @pytest.mark.parametrize("counts", [(0, 1), (1,) * 10, (3, 0, 2, 5, 0)])
    def test_evaluation_counts_accepted(self, counts: tuple[int, ...]) -> None:
        """Between 2 and 10 counts with a respondent are accepted, and score as expected."""
        event = _evaluation(counts)
        assert event.respondents == sum(counts)
        assert event.mean == pytest.approx(
            sum((i + 1) * c for i, c in enumerate(counts)) / sum(counts))
        assert 1 <= event.mean <= len(counts)

    def test_evaluation_negative_count(self) -> None:
        """A negative number of respondents is refused."""
        with pytest.raises(InvalidValueError):
            _evaluation((3, -1))

    def test_plan_roles_unique(self) -> None:
        """A plan gives each agency one role."""
        roles = (PlanRole(agency_id="a1"), PlanRole(agency_id="a2"),
                 PlanRole(agency_id="a1", member_ids=frozenset({"m1"})))
        with pytest.raises(DuplicateIdError) as info:
            PlanMade(id="e1", date=D, case_id="c1", roles=roles)
        assert info.value.ref == "a1"
        assert "'e1'" in str(info.value)

    def test_plan_needs_roles(self) -> None:
        """A plan without any role is refused."""
        with pytest.raises(InvalidValueError):
            PlanMade(id="e1", date=D, case_id="c1", roles=())

    def test_conference_needs_agencies(self) -> None:
        """A case conference has at least one agency."""
        with pytest.raises(InvalidValueError):
            CaseConferenceHeld(id="e1", date=D, case_id="c1",
                               kind=ConferenceKind.CARE_TEAM, agency_ids=frozenset())

    def test_exchange_needs_actors(self) -> None:
        """An exchange of views with community actors names at least one."""
        with pytest.raises(InvalidValueError):
            CommunityExchangeHeld(id="e1", date=D, area_id="x", actor_ids=frozenset())

    @pytest.mark.parametrize("participants", [0, -1, 1.5, True])
    def test_meeting_participants(self, participants: Any) -> None:
        """A session has a whole, positive head count."""
        with pytest.raises(InvalidValueError):
            MeetingHeld(id="e1", date=D, session_id="s1", body_id="b", area_id="x",
                        participants=participants)

    @pytest.mark.parametrize("date", [dt.datetime(2017, 5, 1, 9), "2017-05-01", None])
    def test_date_is_a_date(self, date: Any) -> None:
        """An event's date is a datetime.date, not a datetime or a string."""
        with pytest.raises(InvalidValueError) as info:
            CaseClosed(id="e1", date=date, case_id="c1", outcome=Outcome.RESOLVED)
        assert info.value.field == "date"

    @pytest.mark.parametrize("event_id", ["", " e1", "e\n1", 7, None])
    def test_id_is_an_id(self, event_id: Any) -> None:
        """An event id is a non-empty printable string without surrounding spaces."""
        with pytest.raises(InvalidValueError) as info:
            CaseClosed(id=event_id, date=D, case_id="c1", outcome=Outcome.RESOLVED)
        assert info.value.field == "id"

    def test_enum_field_takes_members(self) -> None:
        """An enum field takes the member, not its string value."""
        with pytest.raises(InvalidValueError):
            CaseClosed(id="e1", date=D, case_id="c1", outcome="resolved")  # type: ignore[arg-type]

    def test_target_value_non_negative(self) -> None:
        """A target is a finite, non-negative number."""
        for value in (-1, float("nan"), float("inf")):
            with pytest.raises(InvalidValueError):
                TargetSet(id="e1", date=D, area_id="x", fiscal_year=2017,
                          indicator_id="2A2", value=value)

    def test_case_opened_household(self) -> None:
        """A case opens with a Household object."""
        with pytest.raises(InvalidValueError):
            CaseOpened(id="e1", date=D, case_id="c1", household="h1",  # type: ignore[arg-type]
                       route=Route.SELF, agency_id="a1")
        assert CaseOpened(id="e1", date=D, case_id="c1", household=_home(), route=Route.SELF,
                          agency_id="a1").prior_agency_ids == frozenset()

    def test_frozen(self) -> None:
        """An event never changes once made."""
        event = CaseClosed(id="e1", date=D, case_id="c1", outcome=Outcome.RESOLVED)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            event.case_id = "c2"  # type: ignore[misc]


class TestRegistry:
    """EVENT_TYPES names every concrete event class exactly once."""

    def test_every_exported_class(self) -> None:
        """Every concrete Event subclass exported from hokatsu.events is in EVENT_TYPES."""
        exported = [getattr(hokatsu.events, n) for n in hokatsu.events.__all__]
        classes = {c for c in exported if isinstance(c, type) and issubclass(c, Event)}
        assert classes - ABSTRACT == set(EVENT_TYPES.values())
        assert classes >= ABSTRACT

    def test_every_defined_class(self) -> None:
        """No concrete event class is defined in the package without being registered."""
        assert _event_classes_defined() - ABSTRACT == set(EVENT_TYPES.values())

    def test_tags(self) -> None:
        """Each tag is its class's TYPE, unique, and the snake case of the class name."""
        tags = [cls.TYPE for cls in EVENT_TYPES.values()]
        assert len(set(tags)) == len(tags) == len(EVENT_TYPES)
        for tag, cls in EVENT_TYPES.items():
            assert tag == cls.TYPE
            assert tag == re.sub(r"(?<!^)([A-Z])", r"_\1", cls.__name__).lower()

    def test_abstract_have_no_tag(self) -> None:
        """The abstract bases carry no tag."""
        assert {cls.TYPE for cls in ABSTRACT} == {""}

    def test_transition_classes(self) -> None:
        """Every concrete referral transition is registered and reaches a distinct status
        or a distinct source, and every status but REQUESTED is reached by one."""
        registered = {c for c in EVENT_TYPES.values() if issubclass(c, ReferralTransition)}
        assert registered == set(TRANSITION_CLASSES)
        reached = {cls.status for cls in TRANSITION_CLASSES}
        assert reached == set(ReferralStatus) - {ReferralStatus.REQUESTED}

    def test_sources_match_transitions(self) -> None:
        """The sources of the classes reaching each status are exactly the statuses
        TRANSITIONS lets move there, and no two classes share a (source, target) pair."""
        for status in ReferralStatus:
            classes = [c for c in TRANSITION_CLASSES if c.status is status]
            expected = {s for s, targets in TRANSITIONS.items() if status in targets}
            union: set[ReferralStatus] = set()
            for cls in classes:
                assert not union & cls.sources, f"{cls.__name__} overlaps"
                union |= cls.sources
            assert union == expected

    def test_final_statuses(self) -> None:
        """Rejected, cancelled, completed and failed are final; the others are not."""
        final = {s for s in ReferralStatus if s.is_final}
        assert final == {ReferralStatus.REJECTED, ReferralStatus.CANCELLED,
                         ReferralStatus.COMPLETED, ReferralStatus.FAILED}

    def test_item_outcomes_settle(self) -> None:
        """Agreement and a presented response settle an item; continuing or escalating do
        not."""
        assert {o for o in ItemOutcome if o.settles} == {ItemOutcome.AGREED,
                                                         ItemOutcome.RESPONSE_PRESENTED}


def _roundtrip(event: Event) -> None:
    data = CONV.unstructure(event)
    assert data["type"] == event.TYPE
    loaded = json.loads(json.dumps(data, ensure_ascii=False))
    assert loaded == data
    assert CONV.structure(loaded, Event) == event
    assert type(CONV.structure(loaded, Event)) is type(event)
    assert CONV.structure(loaded, type(event)) == event


class TestConversion:
    """Events convert to JSON-ready dicts tagged with "type", and back."""

    @given(event_sequences(max_events=150))
    def test_roundtrip(self, events: list[Event]) -> None:
        """Every event survives unstructure → JSON → structure, as Event and as its class."""
        for event in events:
            _roundtrip(event)

    def test_roundtrip_every_type(self) -> None:
        """A few generated sequences hold every event type, and each round-trips."""
        seen: dict[str, Event] = {}
        for seed in range(5):
            for event in generate(seed=seed, n_events=300):
                seen.setdefault(event.TYPE, event)
        wrong = seen["training_held"]  # corrections come from the simulation, not generate()
        seen["entered_in_error"] = EnteredInError(
            id="fix", date=wrong.date, event_id=wrong.id, reason="誤り",
            replacement=attrs.evolve(wrong, id="fixed"))
        assert set(seen) == set(EVENT_TYPES)
        for event in seen.values():
            _roundtrip(event)

    @given(event_sequences(max_events=80))
    def test_roundtrip_list(self, events: list[Event]) -> None:
        """A whole sequence structures back as a list of events."""
        data = json.loads(json.dumps(CONV.unstructure(events, list[Event])))
        assert CONV.structure(data, list[Event]) == events

    def test_frozensets_sorted(self) -> None:
        """Sets are written sorted, so that output is stable."""
        event = CaseConferenceHeld(id="e1", date=D, case_id="c1", kind=ConferenceKind.CARE_TEAM,
                                   agency_ids=frozenset({"b", "c", "a"}))
        assert CONV.unstructure(event)["agency_ids"] == ["a", "b", "c"]

    def test_without_tag(self) -> None:
        """Structuring into a concrete class does not need the tag."""
        event = CaseClosed(id="e1", date=D, case_id="c1", outcome=Outcome.DIED)
        data = CONV.unstructure(event)
        del data["type"]
        assert CONV.structure(data, CaseClosed) == event

    def test_abstract_base(self) -> None:
        """Structuring into an abstract base gives the tagged subclass."""
        event = TrainingHeld(id="e1", date=D, area_id="x", participants=3)
        assert CONV.structure(CONV.unstructure(event), AreaEvent) == event
        accepted = ReferralAccepted(id="e2", date=D, referral_id="r1", actor_id="a1")
        assert CONV.structure(CONV.unstructure(accepted), ReferralTransition) == accepted

    def test_abstract_base_wrong_tag(self) -> None:
        """A tag outside the abstract base asked for is refused."""
        data = CONV.unstructure(CaseClosed(id="e1", date=D, case_id="c1", outcome=Outcome.DIED))
        for base in (AreaEvent, ReferralTransition):
            with pytest.raises(StructureError) as info:
                CONV.structure(data, base)
            assert info.value.path == "$.type"

    @pytest.mark.parametrize("tag", ["nope", "", None, 3, ["case_closed"], "CaseClosed"])
    def test_unknown_tag(self, tag: Any) -> None:
        """An unknown or malformed tag is a StructureError at $.type listing the tags."""
        data = {**CONV.unstructure(CaseClosed(id="e1", date=D, case_id="c1",
                                              outcome=Outcome.DIED)), "type": tag}
        with pytest.raises(StructureError) as info:
            CONV.structure(data, Event)
        assert info.value.path == "$.type"
        assert "case_closed" in info.value.reason

    def test_missing_tag(self) -> None:
        """Structuring into Event needs the tag."""
        data = CONV.unstructure(CaseClosed(id="e1", date=D, case_id="c1", outcome=Outcome.DIED))
        del data["type"]
        with pytest.raises(StructureError) as info:
            CONV.structure(data, Event)
        assert info.value.path == "$.type"

    def test_tag_mismatch(self) -> None:
        """A tag that does not match the class asked for is refused."""
        data = CONV.unstructure(CaseClosed(id="e1", date=D, case_id="c1", outcome=Outcome.DIED))
        with pytest.raises(StructureError) as info:
            CONV.structure(data, CaseOpened)
        assert info.value.path == "$.type"
        assert "case_opened" in info.value.reason

    @pytest.mark.parametrize("data", [None, [], "case_closed", 3, [("type", "case_closed")]])
    @pytest.mark.parametrize("cls", [Event, CaseClosed, AreaEvent])
    def test_not_a_mapping(self, data: Any, cls: type[Event]) -> None:
        """Anything but a mapping is refused at the root."""
        with pytest.raises(StructureError) as info:
            CONV.structure(data, cls)
        assert info.value.path == "$"

    def test_bad_field_path(self) -> None:
        """A bad field is reported at its path, nested ones included."""
        data = CONV.unstructure(PlanMade(id="e1", date=D, case_id="c1",
                                         roles=(PlanRole(agency_id="a1",
                                                         fields=frozenset({Field.HEALTH})),)))
        data["roles"][0]["fields"] = ["nope"]
        with pytest.raises(StructureError) as info:
            CONV.structure(data, Event)
        assert info.value.path == "$.roles[0].fields[0]"
        bad_date = {**CONV.unstructure(CaseClosed(id="e1", date=D, case_id="c1",
                                                  outcome=Outcome.DIED)), "date": "2017-13-01"}
        with pytest.raises(StructureError) as info:
            CONV.structure(bad_date, Event)
        assert info.value.path == "$.date"

    def test_rule_broken_in_data(self) -> None:
        """A dict that breaks an event's own rule (no reason for a rejection) is refused."""
        data = CONV.unstructure(ReferralRejected(id="e1", date=D, referral_id="r1",
                                                 actor_id="a1", reason="満員"))
        data["reason"] = None
        with pytest.raises(StructureError):
            CONV.structure(data, Event)

    def test_extra_key(self) -> None:
        """Unknown keys are refused."""
        data = {**CONV.unstructure(CaseClosed(id="e1", date=D, case_id="c1",
                                              outcome=Outcome.DIED)), "note": "x"}
        with pytest.raises(StructureError) as info:
            CONV.structure(data, Event)
        assert "note" in info.value.reason

    def test_issue_roundtrip(self) -> None:
        """A case opening with a household and its issues round-trips whole."""
        home = attrs.evolve(_home(), issues=(Issue(id="i1", member_id="m1",
                                                   field=Field.ELDERLY, identified=D),))
        _roundtrip(CaseOpened(id="e1", date=D, case_id="c1", household=home,
                              route=Route.OUTREACH, agency_id="a1",
                              prior_agency_ids=frozenset({"a2", "a3"})))

    @pytest.mark.parametrize("event", [Event(id="e1", date=D),
                                       AreaEvent(id="e1", date=D, area_id="x")])
    def test_unstructure_abstract(self, event: Event) -> None:
        """An event of an abstract class has no tag and cannot be written."""
        with pytest.raises(InvalidValueError):
            CONV.unstructure(event)
        with pytest.raises(InvalidValueError):
            CONV.unstructure(event, Event)
