"""Personal data never leaks through errors or reprs (issue 9).

For any household and any bad input about it, no error message, ``error.value``, ``repr`` of
the error, pickled and unpickled error, formatted traceback, or repr of the objects involved
contains a member's birth date (ISO and ``repr``) or care level (value and label).
"""

from __future__ import annotations

import datetime as dt
import enum
import pickle
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hokatsu import (
    CareLevel,
    Certificate,
    Employment,
    HokatsuError,
    Household,
    Issue,
    Member,
    Relation,
    classify,
    make_converter,
)
from hokatsu._validators import PERSONAL_KEY
from hokatsu.cases import replay
from hokatsu.domain.fields import Field
from hokatsu.errors import (
    InvalidValueError,
    Redacted,
    StructureError,
    UnknownReferenceError,
    describe,
    describe_allowed,
    quote,
    redact,
)
from hokatsu.events import (
    CaseOpened,
    IssueIdentified,
    PlanMade,
    PlanRole,
    ReferralRejected,
    Route,
)
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from tests import strategies as s

BORN = dt.date(1934, 7, 1)
DAY = dt.date(2017, 5, 1)
CONVERTER = make_converter()


def mother(**changes: Any) -> Member:
    """A member with every personal field set."""
    fields: dict[str, Any] = {
        "id": "m1", "relation": Relation.HEAD, "born": BORN, "care_level": CareLevel.CARE_2,
        "certificates": frozenset({Certificate.PHYSICAL}), "employment": Employment.RETIRED,
        "carer": True, "public_assistance": True,
    }
    return Member(**{**fields, **changes})


def home(*members: Member) -> Household:
    """A household of *members* (the first is the person) in 氷見市's district 3."""
    return Household(id="h1", person_id=members[0].id, members=members, area_id="himi-d03")


# -- what counts as a leak ---------------------------------------------------------------------


def secrets_of(household: Household) -> tuple[set[str], set[object]]:
    """The texts and the objects that must not appear: birth dates and care levels."""
    texts: set[str] = set()
    objects: set[object] = set()
    for m in household.members:
        texts |= {m.born.isoformat(), repr(m.born)}
        objects.add(m.born)
        if m.care_level is not None:
            texts |= {m.care_level.value, m.care_level.label}
            objects.add(m.care_level)
    return texts, objects


# the vocabulary of allowed values an error may list; naming the choices is no leak
_VOCABULARY = (
    describe_allowed(c.value for c in CareLevel),
    describe_allowed(c.name for c in CareLevel),
)


def _walk(obj: Any, seen: set[int], depth: int = 0) -> Iterator[Any]:
    """Every object reachable from *obj* through containers, attrs fields, exception args."""
    if id(obj) in seen or depth > 12:
        return
    seen.add(id(obj))
    yield obj
    children: list[Any] = []
    if isinstance(obj, dict):
        children = [*obj.keys(), *obj.values()]
    elif isinstance(obj, list | tuple | set | frozenset):
        children = list(obj)
    elif isinstance(obj, BaseException):
        children = [*obj.args, *vars(obj).values()]
    elif attrs.has(type(obj)):
        children = [getattr(obj, f.name) for f in attrs.fields(type(obj))]
    elif isinstance(obj, Redacted):
        children = [obj.description]
    for child in children:
        yield from _walk(child, seen, depth + 1)


def assert_no_leak(texts: set[str], objects: set[object], *shown: Any) -> None:
    """No text of *shown* contains a secret text; no object reachable from it is a secret."""
    for thing in shown:
        text = thing if isinstance(thing, str) else repr(thing)
        for vocabulary in _VOCABULARY:
            text = text.replace(vocabulary, "")
        for secret in texts:
            assert secret not in text, (secret, text)
        if not isinstance(thing, str):
            for reached in _walk(thing, set()):
                if isinstance(reached, dt.date | enum.Enum):
                    assert reached not in objects or type(reached) not in (
                        dt.date, CareLevel), (reached, thing)


def assert_error_keeps_no_secret(error: BaseException, household: Household) -> None:
    """Message, value, repr, pickle, traceback and the unpickled copy all keep no secret."""
    texts, objects = secrets_of(household)
    again = pickle.loads(pickle.dumps(error))
    formatted = "".join(traceback.format_exception(error))
    assert_no_leak(texts, objects, str(error), repr(error), error, formatted, again,
                   str(again), getattr(error, "value", None))
    assert type(again) is type(error)
    assert str(again) == str(error)


def raised(call: Callable[[], object]) -> HokatsuError:
    """The hokatsu error *call* raises."""
    with pytest.raises(HokatsuError) as info:
        call()
    return info.value


# -- bad inputs about a household ------------------------------------------------------------


def _member_fields(m: Member) -> dict[str, Any]:
    return {f.name: getattr(m, f.name) for f in attrs.fields(Member)}


def bad_inputs(household: Household) -> list[Callable[[], object]]:
    """Every kind of bad input about *household*, as calls that must fail."""
    first = household.members[0]
    fields = _member_fields(first)
    members = household.members
    data = CONVERTER.unstructure(household)
    level = first.care_level or CareLevel.CARE_5
    return [
        # wrong container types
        lambda: attrs.evolve(household, members=list(members)),
        lambda: attrs.evolve(household, members=set(members)),
        lambda: attrs.evolve(household, issues=list(household.issues) or [first]),
        # bad members lists
        lambda: attrs.evolve(household, members=(*members, first.born)),
        lambda: attrs.evolve(household, members=(*members, level)),
        lambda: attrs.evolve(household, members=(*members, CONVERTER.unstructure(first))),
        lambda: attrs.evolve(household, members=()),
        # duplicate ids
        lambda: attrs.evolve(household, members=(*members, first)),
        lambda: attrs.evolve(household, person_id="nobody?"),
        # wrong field types of a member, with the member's own data (a secret given to a
        # field that is not personal is quoted: errors cannot know where a value came from)
        lambda: Member(**{**fields, "born": first.born.isoformat()}),
        lambda: Member(**{**fields, "born": dt.datetime.combine(first.born, dt.time())}),
        lambda: Member(**{**fields, "born": repr(first.born)}),
        lambda: Member(**{**fields, "care_level": level.value}),
        lambda: Member(**{**fields, "care_level": level.label}),
        lambda: Member(**{**fields, "care_level": first.born}),
        lambda: Member(**{**fields, "certificates": {level}}),
        lambda: Member(**{**fields, "certificates": frozenset({level.label})}),
        lambda: Member(**{**fields, "employment": level}),
        lambda: Member(**{**fields, "public_assistance": level.label}),
        lambda: Member(**{**fields, "carer": first.born}),
        lambda: Member(**{**fields, "certificates": frozenset({Certificate.PHYSICAL}),
                          "disability_suspected": True}),
        lambda: first.age_on("2016-06-01"),  # type: ignore[arg-type]
        # functions given it wrongly
        lambda: classify(members),  # type: ignore[arg-type]
        lambda: classify(household, on="2016-06-01"),  # type: ignore[arg-type]
        # bad events about it
        lambda: CaseOpened(id="e1", date=DAY, case_id="c1", household=data,
                           route=Route.SELF, agency_id="himi-support"),
        lambda: CaseOpened(id="e1", date=DAY, case_id="c1", household=members,
                           route=Route.SELF, agency_id="himi-support"),
        lambda: CaseOpened(id="e1", date=DAY, case_id="c1", household=household,
                           route="self", agency_id="himi-support"),
        lambda: IssueIdentified(id="e2", date=DAY, case_id="c1", issue=first),
        lambda: PlanMade(id="e3", date=DAY, case_id="c1", goals=[level.label],
                         roles=(PlanRole(agency_id="a"),)),
        lambda: ReferralRejected(id="e4", date=DAY, referral_id="r1", actor_id="a",
                                 reason=first.born),
        lambda: replay([CaseOpened(id="e1", date=DAY, case_id="c1", household=household,
                                   route=Route.SELF, agency_id="himi-support"), first]),
        # structure() of corrupted dicts
        lambda: CONVERTER.structure({**data, "members": [
            {**data["members"][0], "born": first.born.strftime("%d/%m/%Y")}]}, Household),
        lambda: CONVERTER.structure({**data, "members": [
            {**data["members"][0], "born": repr(first.born)}]}, Household),
        lambda: CONVERTER.structure({**data, "members": [
            {**data["members"][0], "care_level": level.label}]}, Household),
        lambda: CONVERTER.structure({**data, "members": [
            {**data["members"][0], "certificates": first.born.isoformat()}]}, Household),
        lambda: CONVERTER.structure({**data, "members": [
            {**data["members"][0], "employment": [first.born.isoformat()]}]}, Household),
        lambda: CONVERTER.structure({**data, "members": data["members"][0]}, Household),
        lambda: CONVERTER.structure({**data, "members": [data["members"]]}, Household),
        lambda: CONVERTER.structure([data], Household),
        lambda: CONVERTER.structure({**data, "members": [
            {**data["members"][0], "id": first.born.isoformat(), "relation": 3}]}, Household),
        lambda: CONVERTER.structure(
            {"type": "case_opened", "id": "e1", "date": "2017-05-01", "case_id": "c1",
             "route": "self", "agency_id": "a",
             "household": {**data, "members": first.born.isoformat()}}, CaseOpened),
    ]


N_BAD_INPUTS = len(bad_inputs(home(Member(id="m", relation=Relation.HEAD, born=BORN))))


class TestNoLeaks:
    @pytest.mark.parametrize("choice", range(N_BAD_INPUTS))
    def test_each_bad_input_fails_for_the_example(self, choice: int) -> None:
        """Every kind of bad input fails with a hokatsu error that keeps no secret."""
        household = home(mother(), mother(id="m2", born=dt.date(1960, 2, 3),
                                          care_level=CareLevel.SUPPORT_1))
        assert_error_keeps_no_secret(raised(bad_inputs(household)[choice]), household)

    @given(s.households(), st.integers(0, N_BAD_INPUTS - 1))
    def test_no_error_about_a_household_quotes_it(self, household: Household,
                                                  choice: int) -> None:
        """No error about any household keeps or says a birth date or a care level."""
        call = bad_inputs(household)[choice]
        assume(all(m.born != DAY for m in household.members))
        error = raised(call)
        assert_error_keeps_no_secret(error, household)

    @given(s.households())
    def test_reprs_of_a_household_redact_it(self, household: Household) -> None:
        """Reprs of members, households, events and replays of them show no personal data."""
        assume(all(m.born != DAY for m in household.members))
        household = attrs.evolve(household, area_id="himi-d03", issues=tuple(
            i for i in household.issues if i.identified <= DAY))
        opened = CaseOpened(id="e1", date=DAY, case_id="c1", household=household,
                            route=Route.SELF, agency_id="himi-support")
        state = replay(Ledger(himi(), [opened]))
        texts, objects = secrets_of(household)
        assert_no_leak(texts, set(), household, *household.members, opened, state,
                       state.cases["c1"])
        assert_no_leak(texts, objects, repr(state), repr(state.cases["c1"]))

    @given(s.households())
    def test_ledger_rejection_quotes_no_household(self, household: Household) -> None:
        """A ledger refusing an event about a household says nothing personal about it."""
        household = attrs.evolve(household, area_id="nowhere")
        opened = CaseOpened(id="e1", date=DAY, case_id="c1", household=household,
                            route=Route.SELF, agency_id="himi-support")
        assume(all(m.born != DAY for m in household.members))
        error = raised(lambda: Ledger(himi(), [opened]))
        assert_error_keeps_no_secret(error, household)


# -- the cases named in the issue ---------------------------------------------------------------


class TestIssueExamples:
    def test_members_as_a_list(self) -> None:
        """Household(members=[m]) names the type and length, not the member."""
        m = mother()
        error = raised(lambda: Household(id="h1", person_id="m1", members=[m]))  # type: ignore[arg-type]
        assert str(error) == (
            "Household.members: got a list of 1 Member; expected a non-empty tuple whose "
            "items are each a Member"
        )
        assert isinstance(error, InvalidValueError)
        assert error.value == Redacted("a list of 1 Member")
        for secret in ("1934", "care_2", "要介護2", "public_assistance", "True"):
            assert secret not in str(error)
            assert secret not in repr(error.value)
        assert b"1934" not in pickle.dumps(error)
        assert b"CareLevel" not in pickle.dumps(error)

    def test_born_as_a_string(self) -> None:
        """A birth date given as a string is named as a str, and not kept."""
        error = raised(lambda: mother(born="1934-07-01"))
        assert str(error) == "Member.born: got a str; expected a datetime.date (not a datetime)"
        assert error.value == Redacted("a str")  # type: ignore[attr-defined]

    def test_care_level_as_its_value(self) -> None:
        """A care level given as its value is named as a str, while the choices are listed."""
        error = raised(lambda: mother(care_level="care_2"))
        assert str(error).startswith("Member.care_level: got a str; expected a CareLevel (CARE_1")

    def test_certificates_path_does_not_name_the_item(self) -> None:
        """A bad certificate in a set is not quoted in the path either."""
        error = raised(lambda: mother(certificates=frozenset({"physical"})))
        assert "physical" not in str(error).split(":")[0]
        assert str(error).startswith("Member.certificates{a str}: got a str;")

    def test_non_personal_values_are_still_quoted(self) -> None:
        """An id or a relation given wrongly is still quoted, as before."""
        assert str(raised(lambda: mother(id=" m1"))).startswith("Member.id: got ' m1';")
        assert "got 'head'" in str(raised(lambda: mother(relation="head")))

    def test_replay_repr_counts(self) -> None:
        """A replay's repr counts cases, referrals and items, with its date."""
        opened = CaseOpened(id="e1", date=DAY, case_id="c1", household=home(mother()),
                            route=Route.SELF, agency_id="himi-support")
        state = replay(Ledger(himi(), [opened]))
        assert repr(state) == "<Replay: 1 case, 0 referrals, 0 agenda items, as of 2017-05-01>"
        assert repr(state.cases["c1"]) == (
            "<CaseState 'c1': area 'himi-d03', open, 1 member, 0 issues, 0 referrals, 0 plans, "
            "0 agenda items>"
        )
        assert repr(replay([])) == "<Replay: 0 cases, 0 referrals, 0 agenda items, no events>"

    def test_household_and_event_reprs(self) -> None:
        """Reprs of a household and of the events holding it redact and count."""
        household = home(mother())
        issue = Issue(id="i1", member_id="m1", field=Field.ELDERLY, identified=DAY)
        assert repr(household) == (
            "Household(id='h1', person_id='m1', members=<1 member>, issues=<0 issues>, "
            "area_id='himi-d03')"
        )
        assert "categories=<redacted>, tags=<redacted>" in repr(issue)
        event = IssueIdentified(id="e2", date=DAY, case_id="c1", issue=issue)
        assert "issue=Issue(id='i1'" in repr(event)
        rejected = ReferralRejected(id="e4", date=DAY, referral_id="r1", actor_id="a",
                                    reason="母の認知症が進んだため")
        assert "認知症" not in repr(rejected)
        assert "reason=<redacted>" in repr(rejected)

    def test_structure_names_the_path_not_the_value(self) -> None:
        """structure() names the path of a bad birth date, never the date."""
        data = CONVERTER.unstructure(home(mother()))
        data["members"][0]["born"] = "01/07/1934"
        with pytest.raises(StructureError) as info:
            CONVERTER.structure(data, Household)
        assert (info.value.path, info.value.reason) == (
            "$.members[0].born", "got a str; expected an ISO date string (YYYY-MM-DD)")
        assert "1934" not in "".join(traceback.format_exception(info.value))

    def test_structure_still_quotes_non_personal_values(self) -> None:
        """structure() still quotes a bad value of a field that is not personal."""
        data = CONVERTER.unstructure(home(mother()))
        data["members"][0]["relation"] = "boss"
        with pytest.raises(StructureError) as info:
            CONVERTER.structure(data, Household)
        assert info.value.reason.startswith("got 'boss'; expected one of")

    def test_agenda_item_theme_not_quoted(self) -> None:
        """An agenda item with both a case and a theme says so without quoting the theme."""
        from hokatsu.events import AgendaItemRaised

        error = raised(lambda: AgendaItemRaised(id="e1", date=DAY, item_id="i", session_id="s",
                                                case_id="c1", theme="生活保護の相談"))
        assert str(error) == ("AgendaItemRaised 'e1'.case_id/theme: got both; expected exactly "
                              "one of a case id and a theme")


class TestPersonalDeclarations:
    @pytest.mark.parametrize(("cls", "name"), [
        (Member, "born"), (Member, "care_level"), (Member, "certificates"),
        (Member, "employment"), (Member, "public_assistance"), (Member, "carer"),
        (Member, "disability_suspected"), (Issue, "categories"), (Issue, "tags"),
        (Household, "members"), (Household, "issues"), (CaseOpened, "household"),
        (IssueIdentified, "issue"), (PlanMade, "goals"), (PlanRole, "task"),
        (ReferralRejected, "reason"),
    ])
    def test_field_is_declared_personal(self, cls: type, name: str) -> None:
        """Each personal field carries the personal marker in its attrs metadata."""
        assert attrs.fields_dict(cls)[name].metadata.get(PERSONAL_KEY) is True

    def test_ids_are_not_personal(self) -> None:
        """Pseudonymous ids and relations are not personal: errors may quote them."""
        for name in ("id", "relation"):
            assert PERSONAL_KEY not in attrs.fields_dict(Member)[name].metadata


class TestQuoting:
    def test_describe(self) -> None:
        """describe() names type and length only."""
        m = mother()
        assert describe([m]) == "a list of 1 Member"
        assert describe((m, m)) == "a tuple of 2 Members"
        assert describe({"born": BORN}) == "a dict of 1 item"
        assert describe([1, "a"]) == "a list of 2 items of mixed types"
        assert describe(frozenset()) == "an empty frozenset"
        assert describe(m) == "a Member"

    def test_quote(self) -> None:
        """quote() shows short scalars and short collections of them, nothing else."""
        assert quote("x") == "'x'"
        assert quote(3) == "3"
        assert quote(None) == "None"
        assert quote(("a", 1)) == "('a', 1)"
        assert quote(CareLevel.CARE_2) == "a CareLevel"
        assert quote(BORN) == repr(BORN)
        assert quote(BORN, personal=True) == "a date"
        assert quote(tuple(range(13))) == "a tuple of 13 int values"
        assert quote("x" * 200).endswith("...")
        assert len(quote("x" * 200)) == 80

    def test_redact(self) -> None:
        """redact() keeps what may be quoted and a stand-in for the rest."""
        assert redact("x") == "x"
        assert redact("x", personal=True) == Redacted("a str")
        assert redact([mother()]) == Redacted("a list of 1 Member")
        assert pickle.loads(pickle.dumps(Redacted("a str"))) == Redacted("a str")

    def test_unknown_reference_with_junk_ref(self) -> None:
        """An unknown reference given a member names its type."""
        error = UnknownReferenceError("Household 'h1'", "members", mother(), ("m1",))
        assert str(error) == "Household 'h1'.members: unknown id a Member; known ids: m1"


class TestFreeText:
    def test_reasons_and_themes_not_in_state_reprs(self) -> None:
        """Referral reasons and agenda themes of a simulated ledger stay out of every repr."""
        from hokatsu.cases import escalation_paths
        from hokatsu.events import AgendaItemRaised, ReferralTransition
        from tests.scenarios import generate

        events = generate(himi(), seed=1, n_events=300)
        texts = {e.reason for e in events if isinstance(e, ReferralTransition) and e.reason}
        texts |= {e.theme for e in events if isinstance(e, AgendaItemRaised) and e.theme}
        assert texts, "the scenario has reasons and themes to hide"
        state = replay(Ledger(himi(), events))
        shown = [*map(repr, state.referrals.values()), *map(repr, state.items.values()),
                 *map(repr, escalation_paths(state, himi())), *map(repr, events), repr(state)]
        for text in texts:
            assert not any(text in r for r in shown), text
