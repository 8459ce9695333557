"""The ledger: an append-only, validated record of what happened in a municipality.

A :class:`Ledger` holds a :class:`~hokatsu.domain.municipality.Municipality` (the directory of
what exists) and the events appended to it, in date order (an event recorded late takes its
place by its date; one recorded in error is corrected, never edited). Each append is checked
against the
directory and against the facts so far — the one fold of cases, referrals, sessions, agenda
items and measures (:mod:`hokatsu.facts`), which the ledger keeps as :attr:`Ledger.facts` and
which replay and the indicators read too — a referral to an unknown agency, an acceptance of a
referral never made, a case closed twice, an item escalated to a body its body does not
escalate to — and a rejected append raises :class:`~hokatsu.errors.EventRejectedError` naming
the event and the rule, leaving the ledger exactly as it was. :meth:`Ledger.extend` appends
many events all or nothing.

:data:`RULES` is the catalogue of those rules, a :class:`Rule` per name. Each is enforced in
one place: the references an event's fields declare (:func:`hokatsu.events.base.ref`) are
checked by code generated once per event class from the declarations (``unknown_case``,
``unknown_agency`` …), then the handler of the event's class checks the rest, in the order it
lists them; the rules common to all events (``duplicate_id``, ``date_out_of_range``, the
recording days', ``area_not_valid``) are checked around them, in ``Ledger._apply``. An event
dated before the latest (a late record) and a correction
(:class:`~hokatsu.events.corrections.EnteredInError`) are checked by the same code, run over
the histories they touch again (``Ledger._recheck``).

The ledger is the one object in hokatsu that changes, and only by growing: records already in
it never change (:attr:`Ledger.records` keeps them all, in the order recorded), and the views
it hands out (:attr:`Ledger.events`, :meth:`Ledger.select`)
never see later appends; a selection says whether replay and the indicator engine can read it
(a :class:`LedgerView`'s ``from_start``, and why not in its ``unreadable``). It does no I/O.

Examples:
    >>> import datetime as dt
    >>> from hokatsu.reference import himi
    >>> from hokatsu.domain import Household, Member, Relation
    >>> from hokatsu.events import CaseOpened, CaseClosed, Outcome, Route
    >>> ledger = Ledger(himi())
    >>> home = Household(id="h1", person_id="m1", area_id="himi-d03",
    ...                  members=(Member(id="m1", relation=Relation.HEAD,
    ...                                  born=dt.date(1940, 1, 1)),))
    >>> ledger.append(CaseOpened(id="e1", date=dt.date(2017, 5, 1), case_id="c1",
    ...                          household=home, route=Route.COMMUNITY, agency_id="himi-support"))
    >>> ledger.append(CaseClosed(id="e2", date=dt.date(2017, 6, 1), case_id="c1",
    ...                          outcome=Outcome.RESOLVED))
    >>> try:
    ...     ledger.append(CaseClosed(id="e3", date=dt.date(2017, 6, 2), case_id="c1",
    ...                              outcome=Outcome.RESOLVED))
    ... except EventRejectedError as error:
    ...     rule = error.rule
    >>> rule
    'case_not_open'
    >>> len(ledger), ledger.area_of("e2")
    (2, 'himi-d03')
    >>> ledger
    <Ledger 氷見市: 2 events, 2017-05-01…2017-06-01>
    >>> RULES[rule].description  # doctest: +NORMALIZE_WHITESPACE
    'only an open case takes new issues, assessments, plans, conferences, follow-ups,
    referrals, participation support or closure'
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import linecache
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NoReturn, TypeVar, overload

import attrs

from hokatsu.calendar import MAX_YEAR, MIN_YEAR, Period
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import (
    EventRejectedError,
    InvalidValueError,
    LedgerError,
    UnknownReferenceError,
)
from hokatsu.events import (
    ActivitySessionHeld,
    ActorJoined,
    AgencyInterviewed,
    AgendaItemConcluded,
    AgendaItemRaised,
    AreaEvent,
    AssessmentExchangeHeld,
    AssessmentRecorded,
    CaseClosed,
    CaseConferenceHeld,
    CaseEvent,
    CaseOpened,
    CaseReopened,
    CommunityExchangeHeld,
    CommunityGatheringAttended,
    ConsentChanged,
    ConsentGiven,
    ConsentOverridden,
    ConsentWithdrawn,
    ConsultationReceived,
    DevelopmentConsultationHeld,
    DevelopmentMeetingHeld,
    DisclosureRecorded,
    EvaluationCollected,
    Event,
    FollowUpDone,
    FundingSecured,
    IssueIdentified,
    ItemOutcome,
    MeasureCompleted,
    MeasureStarted,
    MeetingHeld,
    NextYearPlanAdopted,
    OutreachDone,
    ParticipationSupportStarted,
    PlanMade,
    ProgressReported,
    ReferralAccepted,
    ReferralCancelled,
    ReferralCompleted,
    ReferralFailed,
    ReferralPutOnHold,
    ReferralRejected,
    ReferralRequested,
    ReferralResumed,
    ReferralStarted,
    ReferralStatus,
    ReferralTransition,
    ResourceCreated,
    SharingConsultationHeld,
    SurveyConducted,
    TargetSet,
    TrainingHeld,
)
from hokatsu.events.base import REF, REF_KINDS
from hokatsu.events.corrections import EnteredInError
from hokatsu.facts import TRACKERS, Context, ItemInfo

__all__ = ["RULES", "EventSource", "Ledger", "LedgerView", "Rule"]

_T = TypeVar("_T")

#: The first and last day the calendar supports (fiscal years MIN_YEAR to MAX_YEAR).
FIRST_DAY = dt.date(MIN_YEAR, 4, 1)
LAST_DAY = dt.date(MAX_YEAR + 1, 3, 31)

_REENTRANT = ("Ledger.{}: called while an extend of this ledger is running (from the iterable "
              "it reads); append the events after the extend, or put them in its iterable")


@attrs.frozen(kw_only=True)
class _Rewind:
    """What bringing a fold back to a day folds again (:meth:`Ledger._rewind_plan`)."""

    day: dt.date  #: the day the fold is brought back to
    owners: frozenset[tuple[str, str]]  #: the histories with events from the day on
    loose: tuple[Event, ...]  #: events from the day on that change no history
    originals: tuple[Event, ...]  #: events corrected since the fold was made
    size: int  #: how many records the histories hold: what folding them again costs


@attrs.frozen
class Rule:
    """One rule the ledger enforces.

    Args:
        name: the short, stable name an :class:`~hokatsu.errors.EventRejectedError` carries
            as its ``rule``.
        description: what the rule requires, in one line; ``str(rule)`` gives it.
        section: the section of the report the rule comes from, or None for the library's
            own consistency rules (most of them).

    Examples:
        >>> RULES["not_community_actor"].section
        '第4章 2.(3)-1'
        >>> str(RULES["correction_before_event"])
        'an event is corrected on or after the day it happened'
    """

    name: str
    description: str
    section: str | None = None

    def __str__(self) -> str:
        return self.description


_LAYERS = "第3章 3.(2)④"  # 氷見市's layered meeting bodies and their escalation chain
_SHARING = "第4章 2.(2)①"  # checklist item 7-エ: rules for sharing personal information

#: Every rule the ledger enforces, by the name an
#: :class:`~hokatsu.errors.EventRejectedError` carries (``RULES[error.rule]``), in the order
#: the reference lists them.
RULES: Mapping[str, Rule] = MappingProxyType({rule.name: rule for rule in (
    Rule("not_an_event", "only hokatsu events can be appended: the built-in types, and an "
                         "application's own types derived from AreaEvent or CaseEvent"),
    Rule("duplicate_id", "event ids are unique within a ledger"),
    Rule("recorded_before_date", "an event is recorded on or after the day it happened"),
    Rule("recorded_out_of_order", "recording dates never go back: each record is recorded on "
                                  "or after the one before it"),
    Rule("unknown_area", "areas must exist in the directory's area tree"),
    Rule("area_not_valid", "an area is used only within its validity dates"),
    Rule("unknown_agency", "agencies must exist in the directory"),
    Rule("unknown_coordinator", "coordinators must exist in the directory"),
    Rule("unknown_body", "meeting bodies must exist in the directory"),
    Rule("unknown_service", "services must be offered by the receiving agency"),
    Rule("not_community_actor", "exchanges and consultations with community actors name "
                                "community actors (地域の主体)", "第4章 2.(3)-1"),
    Rule("household_area_missing", "a case's household must say which area it lives in"),
    Rule("duplicate_case", "case ids are unique"),
    Rule("unknown_case", "case events refer to a case already opened"),
    Rule("case_not_open", "only an open case takes new issues, assessments, plans, "
                          "conferences, follow-ups, referrals, participation support or "
                          "closure"),
    Rule("case_not_closed", "only a closed case can be reopened"),
    Rule("duplicate_issue", "issue ids are unique within a case"),
    Rule("unknown_member", "members must belong to the case's household"),
    Rule("unknown_issue", "issues must have been identified in the case"),
    Rule("issue_in_future", "an issue cannot be identified after the event that records it"),
    Rule("duplicate_referral", "referral ids are unique"),
    Rule("unknown_referral", "referral transitions refer to a referral already requested"),
    Rule("self_referral", "a referral goes from one agency to another"),
    Rule("invalid_transition", "referral statuses follow the state machine"),
    Rule("not_receiver", "only the receiving agency accepts, rejects, starts, holds, resumes, "
                         "completes or fails a referral"),
    Rule("not_sender", "only the sending agency cancels a referral that is still requested"),
    Rule("not_party", "only the two agencies of a referral cancel it once accepted"),
    Rule("duplicate_session", "session ids are unique"),
    Rule("not_session_area", "a body meets only in its own area, or in each area of its "
                             "convenes_per level", _LAYERS),
    Rule("unknown_session", "agenda events refer to a session already held"),
    Rule("date_mismatch", "agenda events happen on their session's date"),
    Rule("duplicate_item", "agenda item ids are unique"),
    Rule("unknown_item", "agenda events refer to an item already raised"),
    Rule("wrong_session", "an item is concluded or reported on at a session of its own body, "
                          "in its own session area"),
    Rule("item_settled", "an item settled or escalated takes no further outcome"),
    Rule("not_continuing", "progress is reported only on a continuing item"),
    Rule("no_escalation_target", "only a body with an escalation target escalates", _LAYERS),
    Rule("not_escalated", "escalated_from names an item that was escalated", _LAYERS),
    Rule("not_escalation_target", "an escalated item is taken up by its body's escalation "
                                  "target, in the session area the escalation leads to",
         _LAYERS),
    Rule("escalation_taken", "an escalated item is taken up once", _LAYERS),
    Rule("escalation_mismatch", "an escalated item is taken up as an item about the same case "
                                "(or, for a community theme, as a theme)", _LAYERS),
    Rule("duplicate_measure", "measure ids are unique"),
    Rule("unknown_measure", "a completed measure was started"),
    Rule("measure_completed", "a measure is completed once"),
    Rule("already_joined", "an actor joins the comprehensive system once (the directory's "
                           "joined date counts)", "第4章 2.(3)-3"),
    Rule("duplicate_resource", "resource ids are unique"),
    Rule("date_out_of_range", "event dates lie within the calendar's range, 1868-04-01 to "
                              "9999-03-31 (fiscal years 1868 to 9998)"),
    Rule("duplicate_consent", "consent ids are unique", _SHARING),
    Rule("unknown_consent", "consent events refer to a consent already given", _SHARING),
    Rule("consent_not_in_force", "a withdrawn consent is neither changed nor withdrawn again",
         _SHARING),
    Rule("disclosure_not_at_session", "a disclosure to a meeting session is made on the day "
                                      "the session is held"),
    Rule("disclosure_not_allowed", "a recorded disclosure shows only what the sharing rules "
                                   "allow on its date (hokatsu.sharing.SHARING_RULES), and a "
                                   "summary alone only to a community tier", _SHARING),
    Rule("unknown_event", "a correction names an event in the ledger"),
    Rule("already_corrected", "an event is corrected once (to correct a replacement, name the "
                              "replacement)"),
    Rule("not_correctable", "a correction is not itself corrected: correct its replacement"),
    Rule("correction_before_event", "an event is corrected on or after the day it happened"),
    Rule("correction_breaks_history", "an event that later events refer to is corrected only "
                                      "by a replacement that makes the same object, on the "
                                      "same day and in the same place"),
)})

class _ListView(Sequence[_T]):
    """A read-only view of the first ``n`` items of an append-only list."""

    __slots__ = ("_items", "_n")

    def __init__(self, items: list[_T], n: int) -> None:
        self._items = items
        self._n = n

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | Sequence[_T]:
        if isinstance(index, slice):
            # slice the list itself, bounded to the view, without copying the rest of it
            bounded = range(self._n)[index]
            if bounded.step > 0:
                return self._items[bounded.start:bounded.stop:bounded.step]
            return [self._items[i] for i in bounded]
        if index < 0:
            index += self._n
        if not 0 <= index < self._n:
            raise IndexError(index)
        return self._items[index]

    def __iter__(self) -> Iterator[_T]:
        return itertools.islice(self._items, self._n)

    def __repr__(self) -> str:
        return f"<view of {self._n} items>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(other) == self._n and all(a == b for a, b in zip(self, other, strict=False))

    __hash__ = None  # type: ignore[assignment]  # equal to tuples, so not hashable


#: The views replay and the indicator engine read, in words, for the errors they raise.
READABLE_VIEW = ("a view that starts at the beginning of the record, keeps every kind of event "
                 "and holds whatever its events refer to (select by end date, or by an area "
                 "whose events refer to no case, referral, session, item or measure outside it)")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class LedgerView:
    """A fixed selection of a ledger's events with the area each happened in.

    Consumers (replay, indicators) accept a :class:`Ledger` or a view alike, as long as the
    view is *readable* (``from_start``): see :meth:`Ledger.select`.

    Args:
        directory: the municipality the events belong to.
        events: the selected events, in ledger order.
        areas: the area id of each event, in the same order.
        from_start: the selection starts at the beginning of the record, keeps every kind
            of event (it may keep only some areas) and is self-contained — whatever a kept
            event refers to was created by a kept event —, so that replay and the indicator
            engine can read it.
        unreadable: why the view is not readable, in a short sentence naming the first event
            at fault (no personal data); None when *from_start*. Left out for a view that is
            not *from_start*, it says so.

    Raises:
        InvalidValueError: a field is not of the kind above, *areas* and *events* differ in
            length, or *unreadable* is given for a readable view.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> ledger = Ledger(himi(), himi_fy2017())
        >>> import datetime as dt
        >>> view = ledger.select(end=dt.date(2017, 9, 30))
        >>> view.from_start, view.unreadable, len(view.events) == len(view.areas)
        (True, None, True)
    """

    directory: Municipality
    events: Sequence[Event]
    areas: Sequence[str]
    from_start: bool = False
    unreadable: str | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.directory, Municipality):
            raise InvalidValueError("LedgerView", "directory", type(self.directory).__name__,
                                    "a Municipality")
        for name in ("events", "areas"):
            value = getattr(self, name)
            if not isinstance(value, Sequence) or isinstance(value, str | bytes):
                raise InvalidValueError("LedgerView", name, type(value).__name__,
                                        "a sequence (a tuple or list)")
        for event in self.events:
            if not isinstance(event, Event):
                raise InvalidValueError("LedgerView", "events", type(event).__name__,
                                        "a sequence of hokatsu events")
        for area in self.areas:
            if type(area) is not str:
                raise InvalidValueError("LedgerView", "areas", type(area).__name__,
                                        "a sequence of area ids (str)")
        if len(self.areas) != len(self.events):
            raise InvalidValueError("LedgerView", "areas", f"{len(self.areas)} areas",
                                    f"one area per event ({len(self.events)})")
        if type(self.from_start) is not bool:
            raise InvalidValueError("LedgerView", "from_start", self.from_start, "True or False")
        if self.unreadable is not None and (type(self.unreadable) is not str
                                            or self.from_start):
            raise InvalidValueError("LedgerView", "unreadable", type(self.unreadable).__name__,
                                    "None for a readable view, else a str")
        if not self.from_start and self.unreadable is None:
            object.__setattr__(self, "unreadable", "the view was made with from_start=False")

    @classmethod
    def _make(cls, directory: Municipality, events: tuple[Event, ...], areas: tuple[str, ...],
              unreadable: str | None) -> LedgerView:
        """A view of fields already known to be right (from :meth:`Ledger.select`)."""
        view = object.__new__(cls)
        set_ = object.__setattr__
        set_(view, "directory", directory)
        set_(view, "events", events)
        set_(view, "areas", areas)
        set_(view, "from_start", unreadable is None)
        set_(view, "unreadable", unreadable)
        return view

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __repr__(self) -> str:
        # counts, not contents: the events hold households (personal data) and may be many
        state = "readable" if self.from_start else "not readable"
        return f"<LedgerView {_span(self.directory, self.events)}, {state}>"


class Ledger:
    """A validated record of events about one municipality, in date order.

    Events are appended as they are recorded. One dated before the latest (a *late record*:
    minutes typed up a week later) takes its place by its date, after the events of the same
    day recorded before it, when every history it touches stays valid with it in its place;
    a mistaken record is marked :class:`~hokatsu.events.corrections.EnteredInError`, never
    edited. Each record keeps when it was recorded (:meth:`recorded_on`), so that
    :meth:`as_known_on` gives the ledger as it stood on a past day.

    Args:
        directory: the municipality the events happen in.
        events: events to append at once (all or nothing), in any order (each one checked
            against those before it in the iterable, late ones by their date).

    Raises:
        EventRejectedError: an event breaks a rule (see :data:`RULES`).

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> ledger = Ledger(himi(), himi_fy2017())
        >>> len(ledger.events), ledger.last_date
        (142, datetime.date(2018, 3, 23))
    """

    __slots__ = (
        "_agencies", "_areas", "_bodies", "_built", "_changes", "_community", "_coordinators",
        "_corrected", "_directory", "_dropped", "_dropped_seen", "_events", "_extending",
        "_facts", "_folded", "_histories", "_index", "_last", "_order", "_ordered",
        "_ordered_areas", "_recorded", "_recorded_last", "_services", "_session_areas", "_stale",
        "_theme_root", "_tie", "_tree", "_validity",
    )

    #: What a ledger reads from its directory once, shared with the scratch ledgers that check
    #: a late record's histories.
    _DIRECTORY = ("_directory", "_agencies", "_community", "_coordinators", "_bodies",
                  "_session_areas", "_services", "_tree", "_validity")

    def __init__(self, directory: Municipality, events: Iterable[Event] = ()) -> None:
        if not isinstance(directory, Municipality):
            raise InvalidValueError("Ledger", "directory", directory, "a Municipality")
        self._directory = directory
        self._agencies = frozenset(a.id for a in directory.agencies)
        self._community = frozenset(a.id for a in directory.agencies if a.is_community_actor)
        self._coordinators = directory.coordinator_ids
        self._bodies = frozenset(b.id for b in directory.bodies)
        self._session_areas = {b.id: frozenset(directory.session_areas(b.id))
                               for b in directory.bodies}
        self._services = {s.id: a.id for a in directory.agencies for s in a.services}
        self._tree = directory.areas.ids
        self._validity = {a.id: (a.valid_from or dt.date.min, a.valid_to or dt.date.max)
                          for a in directory.areas
                          if a.valid_from is not None or a.valid_to is not None}
        self._empty(Context(directory))
        self.extend(events)

    def _empty(self, facts: Context) -> None:
        """Start with no record, folding into *facts*."""
        # the records, in the order they were recorded (their arrival), with the area each
        # happened in and the day each was recorded
        self._events: list[Event] = []
        self._areas: list[str] = []
        self._recorded: list[dt.date] = []
        self._index: dict[str, int] = {}  # event id (a replacement's too) -> its record
        self._last: dt.date = FIRST_DAY  # the latest date of an event in the history
        self._recorded_last: dt.date = FIRST_DAY
        self._extending = False
        self._facts = facts
        self._folded = 0  # how many records the fold has taken
        # the history in ledger order: None while it is the records' own order (nothing late,
        # nothing corrected); else the sort keys (date, tie, record) of the records in it (a
        # correction stands for its replacement), and the events and areas at them, brought
        # up to date when stale
        self._order: list[tuple[dt.date, int, int]] | None = None
        self._ordered: list[Event] = []
        self._ordered_areas: list[str] = []
        self._built = 0  # how many records _order has considered
        self._stale = False
        self._dropped_seen = 0  # how many records _order knows to be left out
        self._changes: list[tuple[int, dt.date]] = []  # (record, earliest date it changed)
        self._dropped: set[int] = set()  # records out of the history: corrected, or void
        self._corrected: dict[str, str] = {}  # corrected event id -> its correction's id
        # a correction's record -> the record whose place in a day its replacement takes
        self._tie: dict[int, int] = {}
        # the records of each history a late record can touch: a case's, a theme item's
        # escalations, a measure's
        self._histories: dict[tuple[str, str], list[int]] = {}
        self._theme_root: dict[str, str] = {}  # theme item escalated from another -> first

    def _scratch(self, shared_measures: bool) -> Ledger:
        """An empty ledger of the same directory whose fold shares this one's sessions,
        resources and joins, to check one history again."""
        scratch = Ledger.__new__(Ledger)
        for name in Ledger._DIRECTORY:
            setattr(scratch, name, getattr(self, name))
        scratch._empty(self._facts._scratch(share_measures=shared_measures))
        scratch._histories = None  # type: ignore[assignment]  # it checks one history, once
        return scratch

    # -- reading -------------------------------------------------------------------------

    @property
    def directory(self) -> Municipality:
        """The municipality the events happen in.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> ledger = Ledger(himi(), himi_fy2017())
            >>> ledger.directory.name
            '氷見市'
        """
        return self._directory

    @property
    def facts(self) -> Context:
        """The one fold of the facts so far (a :class:`hokatsu.facts.Context`): cases,
        referrals, sessions, agenda items and measures, up to date with the whole history
        (late records and corrections included).

        The ledger checks each event against it, then brings it up to date; consumers read
        it (replay of the whole ledger does) and never change it. It is the ledger's own,
        live object: it grows with later appends.

        Examples:
            >>> from hokatsu.reference import himi, sample
            >>> ledger = Ledger(himi(), sample.himi_fy2017())
            >>> ledger.facts
            <Context 氷見市: 3 cases, 5 referrals, 7 sessions, 7 items>
            >>> case = ledger.facts.cases["case-a"]
            >>> case.is_open, sorted(case.involved)[:2]
            (False, ['himi-cgsc', 'himi-health'])
        """
        return self._facts

    def _history(self) -> tuple[list[Event], list[str]]:
        """The events of the history in ledger order, and their areas (lists the ledger owns:
        only ever appended to in place, replaced whole when a late record or a correction
        reorders them)."""
        if self._order is None:
            return self._events, self._areas
        if self._stale or self._built < len(self._events):
            self._reorder()
        return self._ordered, self._ordered_areas

    def _reorder(self) -> None:
        """Put the history in ledger order again: by date, ties by the order recorded.

        The order so far is kept as sort keys ``(date, tie, record)``; the records since (and
        those left out since) are merged into it by one sort of tuples, which finds the order
        so far already sorted: the cost is a few passes over the record at the speed of C, not
        a key computed in Python for every record."""
        events, dropped = self._events, self._dropped
        keys = self._order or []
        if len(dropped) != self._dropped_seen:  # records left out since the last time
            keys = [k for k in keys if k[2] not in dropped]
        keys = keys + self._keys(self._built, len(events), dropped)
        keys.sort()
        self._order = keys
        self._ordered, self._ordered_areas = self._stood(keys, len(events), dropped)
        self._built = len(events)
        self._dropped_seen = len(dropped)
        self._stale = False

    def _keys(self, start: int, stop: int, left_out: set[int]) -> list[tuple[dt.date, int, int]]:
        """The sort keys ``(date, tie, record)`` of records *start* to *stop* but those
        *left_out*, unsorted: a correction's is its replacement's date and the place it
        takes (:meth:`_placed`, for a run of records at once)."""
        events = self._events
        keys = list(zip(map(_date_of, events[start:stop]), range(start, stop),
                        range(start, stop), strict=True))
        for j, tie in self._tie.items():
            if start <= j < stop and j not in left_out:
                keys[j - start] = (events[j].replacement.date, tie, j)  # type: ignore[attr-defined]
        if left_out:
            keys = [k for k in keys if k[2] not in left_out]
        return keys

    def _stood(self, keys: list[tuple[dt.date, int, int]], stop: int, left_out: set[int]
               ) -> tuple[list[Event], list[str]]:
        """The events the records of the sorted *keys* stand for (a correction: its
        replacement), and their areas; *keys* are of records before *stop*, none of
        *left_out*."""
        records = list(map(operator.itemgetter(2), keys))
        stood = list(map(self._events.__getitem__, records))
        for j, tie in self._tie.items():
            if j < stop and j not in left_out:
                replacement = self._events[j].replacement  # type: ignore[attr-defined]
                stood[bisect.bisect_left(keys, (replacement.date, tie, j))] = replacement
        return stood, list(map(self._areas.__getitem__, records))

    def _event_at(self, i: int) -> Event:
        """The event record *i* stands for in the history (a correction: its replacement)."""
        event = self._events[i]
        if type(event) is EnteredInError:
            assert event.replacement is not None  # a void correction is dropped
            return event.replacement
        return event

    def _placed(self, i: int) -> tuple[dt.date, int, int, Event]:
        """``(date, tie, i, event)`` of record *i*: where it goes in ledger order (by date,
        ties by the order recorded; a replacement in the place of the event it replaces) and
        the event it stands for, sortable (no two records share *i*, so the events are never
        compared)."""
        event = self._events[i]
        if type(event) is EnteredInError:
            assert event.replacement is not None
            return event.replacement.date, self._tie.get(i, i), i, event.replacement
        return event.date, i, i, event

    @property
    def events(self) -> Sequence[Event]:
        """The history so far in ledger order (by date, ties by the order recorded), as
        corrected: an event entered in error left out, its replacement in its place. A view
        that later appends do not change.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> ledger = Ledger(himi(), himi_fy2017())
            >>> events = ledger.events
            >>> events[0].TYPE, events[0].date.isoformat()
            ('target_set', '2017-04-03')
        """
        events, _ = self._history()
        return _ListView(events, len(events))

    @property
    def areas(self) -> Sequence[str]:
        """The area id of each event, parallel to :attr:`events`.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> ledger = Ledger(himi(), himi_fy2017())
            >>> ledger.areas[0], ledger.area_of(ledger.events[0].id)
            ('himi', 'himi')
        """
        _, areas = self._history()
        return _ListView(areas, len(areas))

    @property
    def records(self) -> Sequence[Event]:
        """Every record in the order it was recorded, for an audit trail and for storage:
        events entered in error and the corrections that mark them included. Appending them
        again, in this order and with their :meth:`recorded_on` dates, rebuilds the ledger.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.reference import himi
            >>> from hokatsu.events import TrainingHeld
            >>> ledger = Ledger(himi())
            >>> ledger.append(TrainingHeld(id="t2", date=dt.date(2017, 6, 9), area_id="himi",
            ...                            participants=20))
            >>> ledger.append(TrainingHeld(id="t1", date=dt.date(2017, 5, 1), area_id="himi",
            ...                            participants=12))
            >>> [e.id for e in ledger.records], [e.id for e in ledger.events]
            (['t2', 't1'], ['t1', 't2'])
        """
        return _ListView(self._events, len(self._events))

    def __len__(self) -> int:
        return len(self._events) - len(self._dropped)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __repr__(self) -> str:
        events, _ = self._history()
        text = f"<Ledger {_span(self._directory, events)}"
        corrections = len(self._corrected)
        if corrections:
            text += f" ({corrections:,} corrected)"
        return text + ">"

    def __contains__(self, event_id: object) -> bool:
        try:
            return event_id in self._index
        except TypeError:  # an unhashable object is no event id
            return False

    def _record_of(self, event_id: object, obj: str) -> int:
        try:
            return self._index[event_id]  # type: ignore[index]
        except (KeyError, TypeError):
            raise UnknownReferenceError(obj, "events", event_id, self._index.keys()) from None

    def get(self, event_id: str) -> Event:
        """The event with id *event_id*: any record (one entered in error too, for the audit
        trail), or the replacement a correction brought.

        Args:
            event_id: an event's id.

        Returns:
            The event.

        Raises:
            UnknownReferenceError: no such event.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import EnteredInError, TrainingHeld
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> april = dt.date(2017, 4, 3)
            >>> first = TrainingHeld(id="t1", date=april, area_id="himi", participants=30)
            >>> ledger = Ledger(himi(), [first])
            >>> ledger.append(EnteredInError(id="x1", date=dt.date(2017, 4, 5), event_id="t1",
            ...                              reason="typo"), recorded_on=dt.date(2017, 4, 6))
            >>> ledger.get("t1").participants, len(ledger.events)
            (30, 0)
        """
        record = self._events[self._record_of(event_id, "Ledger")]
        if type(record) is EnteredInError and record.id != event_id:
            assert record.replacement is not None
            return record.replacement
        return record

    def area_of(self, event_id: str) -> str:
        """The id of the area event *event_id* happened in (a case's events: its household's).

        Args:
            event_id: an event's id.

        Returns:
            The area id.

        Raises:
            UnknownReferenceError: no such event.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> ledger = Ledger(himi(), himi_fy2017())
            >>> ledger.get("fy17-001").TYPE, ledger.area_of("fy17-001")
            ('case_opened', 'himi-d03')
        """
        return self._areas[self._record_of(event_id, "Ledger.area_of")]

    def recorded_on(self, event_id: str) -> dt.date:
        """The day the event *event_id* was recorded (a replacement: its correction's).

        It is the day given to :meth:`append` or :meth:`extend`, or else the event's date or
        the previous record's day, whichever is later.

        Args:
            event_id: an event's id.

        Returns:
            The day it was recorded.

        Raises:
            UnknownReferenceError: no such event.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import EnteredInError, TrainingHeld
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> april = dt.date(2017, 4, 3)
            >>> first = TrainingHeld(id="t1", date=april, area_id="himi", participants=30)
            >>> ledger = Ledger(himi(), [first])
            >>> ledger.append(EnteredInError(id="x1", date=dt.date(2017, 4, 5), event_id="t1",
            ...                              reason="typo"), recorded_on=dt.date(2017, 4, 6))
            >>> ledger.recorded_on("t1"), ledger.recorded_on("x1")
            (datetime.date(2017, 4, 3), datetime.date(2017, 4, 6))
        """
        return self._recorded[self._record_of(event_id, "Ledger.recorded_on")]

    def corrected_by(self, event_id: str) -> EnteredInError | None:
        """The correction that marked the event *event_id* as entered in error, None if none.

        Args:
            event_id: an event's id.

        Returns:
            The :class:`~hokatsu.events.corrections.EnteredInError` event, or None.

        Raises:
            UnknownReferenceError: no such event.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import EnteredInError, TrainingHeld
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> april = dt.date(2017, 4, 3)
            >>> first = TrainingHeld(id="t1", date=april, area_id="himi", participants=30)
            >>> ledger = Ledger(himi(), [first])
            >>> ledger.corrected_by("t1") is None
            True
            >>> ledger.append(EnteredInError(id="x1", date=dt.date(2017, 4, 5), event_id="t1",
            ...                              reason="typo"), recorded_on=dt.date(2017, 4, 6))
            >>> ledger.corrected_by("t1").reason
            'typo'
        """
        self._record_of(event_id, "Ledger.corrected_by")
        correction = self._corrected.get(event_id)
        if correction is None:
            return None
        return self._events[self._index[correction]]  # type: ignore[return-value]

    @property
    def last_date(self) -> dt.date | None:
        """The date of the latest event, None for an empty ledger.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> ledger = Ledger(himi(), himi_fy2017())
            >>> ledger.last_date
            datetime.date(2018, 3, 23)
            >>> Ledger(himi()).last_date is None
            True
        """
        events, _ = self._history()
        return events[-1].date if events else None

    def as_known_on(self, day: dt.date) -> LedgerView:
        """The history as it was known on *day*: the records recorded on or before it, late
        ones and corrections included, in ledger order.

        A municipality reproduces exactly the figures it reported on a day by reading this
        view (replay and the indicator engine accept it), and sees what later records changed
        by comparing it with the ledger now.

        Args:
            day: the last day of recording included.

        Returns:
            A readable :class:`LedgerView`.

        Raises:
            InvalidValueError: *day* is not a date.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.reference import himi
            >>> from hokatsu.events import TrainingHeld
            >>> ledger = Ledger(himi())
            >>> ledger.append(TrainingHeld(id="t1", date=dt.date(2017, 5, 1), area_id="himi",
            ...                            participants=12))
            >>> ledger.append(TrainingHeld(id="t0", date=dt.date(2017, 4, 20), area_id="himi",
            ...                            participants=8), recorded_on=dt.date(2017, 5, 10))
            >>> [e.id for e in ledger.as_known_on(dt.date(2017, 5, 9))]
            ['t1']
            >>> [e.id for e in ledger.as_known_on(dt.date(2017, 5, 10))]
            ['t0', 't1']
        """
        if type(day) is not dt.date:
            raise InvalidValueError("Ledger.as_known_on", "day", day, "a datetime.date")
        n = bisect.bisect_right(self._recorded, day)  # recording days never go back
        events = self._events
        left_out = set()
        for i in range(n):
            record = events[i]
            if type(record) is EnteredInError:
                left_out.add(self._index[record.event_id])  # corrected before the correction
                if record.replacement is None:
                    left_out.add(i)
        keys = self._keys(0, n, left_out)
        keys.sort()
        events, areas = self._stood(keys, n, left_out)
        return LedgerView._make(self._directory, tuple(events), tuple(areas), None)

    def select(
        self,
        *,
        period: Period | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        area_id: str | None = None,
        types: type[Event] | Iterable[type[Event]] | None = None,
    ) -> LedgerView:
        """The events in a period or date range, an area (and every area below it), and of
        some types.

        Args:
            period: a fiscal year, quarter or month; combined with start/end by intersection.
            start: first date included.
            end: last date included.
            area_id: keep events that happened in this area or below it.
            types: keep events of this class, or of these classes (subclasses included).

        Returns:
            A :class:`LedgerView` of the history (as corrected, in ledger order). It is
            *readable* — ``from_start`` is True, and replay and the indicator engine accept it —
            when it starts at the beginning of the record, keeps every type of event, and is
            self-contained: every case, referral, session, agenda item and measure a kept event
            refers to was created by a kept event. A selection by end date alone always is; a
            selection by area is unless one of its events refers to something outside the area
            (an agenda item at a block's session about a case of another block, a consultation
            naming a case that lives elsewhere, an item escalated from outside). Otherwise
            ``from_start`` is False and ``unreadable`` says why, naming the first event at
            fault.

        Raises:
            InvalidValueError: *period*, *start*, *end* or *types* is not of the kind above
                (a ``datetime.datetime`` is not a date).
            UnknownReferenceError: *area_id* is not in the area tree.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> ledger = Ledger(himi(), himi_fy2017())
            >>> from hokatsu.calendar import Quarter
            >>> from hokatsu.events import TrainingHeld
            >>> trainings = ledger.select(period=Quarter(2017, 2), types=TrainingHeld)
            >>> [e.date.isoformat() for e in trainings.events], trainings.from_start
            (['2017-07-12'], False)
        """
        if period is not None and not isinstance(period, Period):
            raise InvalidValueError("Ledger.select", "period", period,
                                    "a FiscalYear, Quarter or Month")
        for name, day in (("start", start), ("end", end)):
            if day is not None and type(day) is not dt.date:
                raise InvalidValueError("Ledger.select", name, day, "a datetime.date")
        lo_date = max(d for d in (start, period.start if period else None, dt.date.min) if d)
        hi_date = min(d for d in (end, period.end if period else None, dt.date.max) if d)
        events, areas = self._history()
        dates = _DateKeys(events, len(events))
        lo = bisect.bisect_left(dates, lo_date)
        hi = bisect.bisect_right(dates, hi_date)
        keep: Callable[[int], bool] | None = None
        if area_id is not None:
            self._directory.areas.get(area_id)
            tree = self._directory.areas
            inside = frozenset([area_id, *(a.id for a in tree.descendants(area_id))])
            keep = lambda i: areas[i] in inside  # noqa: E731
        if types is not None:
            if isinstance(types, type):
                types = (types,)
            elif isinstance(types, str | bytes) or not isinstance(types, Iterable):
                raise InvalidValueError("Ledger.select", "types", types,
                                        "an event class or an iterable of event classes")
            wanted = tuple(types)
            for cls in wanted:
                if not (isinstance(cls, type) and issubclass(cls, Event)):
                    raise InvalidValueError("Ledger.select", "types", cls,
                                            "event classes (CaseOpened, AreaEvent …)")
            by_area = keep
            keep = lambda i: isinstance(events[i], wanted) and (  # noqa: E731
                by_area is None or by_area(i))
        idx = range(lo, hi) if keep is None else [i for i in range(lo, hi) if keep(i)]
        if lo > 0:
            unreadable: str | None = (f"it starts after the beginning of the record (leaves out "
                                      f"event {events[0].id!r})")
        elif types is not None:
            unreadable = "it keeps only some types of event"
        elif area_id is not None:
            unreadable = _outside_reference(events, idx)
        else:  # the record up to a date holds whatever its events refer to
            unreadable = None
        return LedgerView._make(
            self._directory,
            tuple(events[i] for i in idx),
            tuple(areas[i] for i in idx),
            unreadable,
        )

    # -- appending -----------------------------------------------------------------------

    def append(self, event: Event, *, recorded_on: dt.date | None = None) -> None:
        """Validate *event* and append it.

        An event dated before the latest is a late record: it takes its place by its date
        (after the events of that day recorded before it) when every history it touches —
        its case's, with the case's referrals, agenda items and consents; a theme's agenda
        items; a measure's — stays valid with it in place. Checking it costs what those
        histories cost, not a replay of the ledger. An
        :class:`~hokatsu.events.corrections.EnteredInError` marks an event as recorded in
        error, under the same condition for the history without it (and with its
        replacement).

        Args:
            event: the event.
            recorded_on: the day it was recorded; by default its date, or the previous
                record's day if that is later. Recording days never go back.

        Raises:
            EventRejectedError: the event breaks a rule; the ledger is unchanged. A late
                record or a correction that would break a later event names that event.
            InvalidValueError: *recorded_on* is not a date.
            LedgerError: called while an :meth:`extend` of this ledger is running (say, from
                the generator it reads); the extend then fails whole.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> april = dt.date(2017, 4, 3)
            >>> first = TrainingHeld(id="t1", date=april, area_id="himi", participants=30)
            >>> ledger = Ledger(himi(), [first])
            >>> ledger.append(TrainingHeld(id="t0", date=dt.date(2017, 4, 1), area_id="himi",
            ...                            participants=12))  # a late record
            >>> [e.id for e in ledger.events], ledger.recorded_on("t0")
            (['t0', 't1'], datetime.date(2017, 4, 3))
        """
        if self._extending:
            raise LedgerError(_REENTRANT.format("append"))
        if recorded_on is not None and type(recorded_on) is not dt.date:
            raise InvalidValueError("Ledger.append", "recorded_on", recorded_on,
                                    "None or a datetime.date")
        mark = self._mark()
        try:
            self._apply(event, recorded_on)
        except BaseException:
            self._restore(mark)
            raise

    def extend(self, events: Iterable[Event], *, recorded_on: dt.date | None = None) -> None:
        """Append *events* in order, all or nothing.

        Each is checked as by :meth:`append`, against the ledger and the events before it in
        *events*. For a large batch, pausing the garbage collector (:func:`hokatsu.paused_gc`)
        makes it faster; the ledger does not do it for you, since it affects the whole
        process. A batch refused after some of its events were accepted costs a fold of the
        record again (:attr:`facts` is brought back to the record before the batch, in place).

        Args:
            events: the events.
            recorded_on: the day they were recorded, as for :meth:`append`.

        Raises:
            EventRejectedError: some event breaks a rule; none of *events* is appended.
            InvalidValueError: *events* is not an iterable, or *recorded_on* not a date.
            LedgerError: called while another :meth:`extend` of this ledger is running.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> april = dt.date(2017, 4, 3)
            >>> first = TrainingHeld(id="t1", date=april, area_id="himi", participants=30)
            >>> ledger = Ledger(himi(), [first])
            >>> from hokatsu.errors import EventRejectedError
            >>> may = dt.date(2017, 5, 1)
            >>> again = TrainingHeld(id="t1", date=may, area_id="himi", participants=9)
            >>> fresh = TrainingHeld(id="t2", date=may, area_id="himi", participants=9)
            >>> try:
            ...     ledger.extend([fresh, again])  # t1 is taken
            ... except EventRejectedError:
            ...     pass
            >>> len(ledger.events)
            1
            >>> ledger.extend([fresh])
            >>> len(ledger.events)
            2
        """
        if isinstance(events, str | bytes) or not isinstance(events, Iterable):
            raise InvalidValueError("Ledger.extend", "events", events, "an iterable of events")
        if recorded_on is not None and type(recorded_on) is not dt.date:
            raise InvalidValueError("Ledger.extend", "recorded_on", recorded_on,
                                    "None or a datetime.date")
        self._extend((event, recorded_on) for event in events)

    def _extend(self, records: Iterable[tuple[Event, dt.date | None]]) -> None:
        """Append ``(event, recorded_on)`` pairs, all or nothing (storage reads them back)."""
        if self._extending:
            raise LedgerError(_REENTRANT.format("extend"))
        mark = self._mark()
        # an append or extend made from inside the batch (by the iterable) would be undone
        # with it, or corrupt what the rollback restores: refused
        self._extending = True
        try:
            try:
                for event, recorded_on in records:
                    self._apply(event, recorded_on)
            except BaseException:
                self._restore(mark)
                raise
        finally:
            self._extending = False

    def _mark(self) -> tuple[int, dt.date, dt.date, int]:
        return len(self._events), self._last, self._recorded_last, len(self._changes)

    def _restore(self, mark: tuple[int, dt.date, dt.date, int]) -> None:
        """Bring the ledger back to its first *mark* records."""
        if self._histories is None:  # a scratch ledger is thrown away after a refusal
            return
        n, last, recorded_last, changes = mark
        if len(self._changes) > changes or (self._changes and self._folded != n):
            # late records or corrections since, or a fold to redo that took some: the ledger
            # is made again the way it was made (a fold of the history in date order would
            # hold the same facts, but number consent versions and note the last event's
            # changes differently)
            self._rebuild(n)
            return
        events = self._events
        for i in range(len(events) - 1, n - 1, -1):  # the latest first: each last of its history
            event = events[i]
            key = _owner(self, event)
            if key is not None:
                history = self._histories[key]
                history.pop()
                if not history:
                    del self._histories[key]
            if type(event) is AgendaItemRaised:
                self._theme_root.pop(event.item_id, None)
            del self._index[event.id]
        del events[n:]
        del self._areas[n:]
        del self._recorded[n:]
        self._last, self._recorded_last = last, recorded_last
        if self._order is not None:
            self._order = [k for k in self._order if k[2] < n]
            self._built = min(self._built, n)
            self._stale = True
        if self._folded != n:  # the fold took events since: fold the record again
            self._facts._fresh()
            self._facts._take(self._history()[0])
            self._folded = n

    def _rebuild(self, n: int) -> None:
        """Make the ledger again from its first *n* records, in the same fold object."""
        records = list(zip(self._events[:n], self._recorded[:n], strict=True))
        extending = self._extending
        self._facts._fresh()
        self._empty(self._facts)
        self._extending = extending
        for event, day in records:
            self._apply(event, day)

    def _apply(self, event: Event, recorded_on: dt.date | None = None) -> None:
        cls = type(event)
        append = _APPEND.get(cls)
        if append is None and cls is not EnteredInError:  # perhaps an application's own
            append = _own_append(event)
        if event.id in self._index:
            _reject(event, "duplicate_id", f"id {event.id!r} is already in the ledger")
        date = event.date
        recorded = self._recorded_last
        if recorded_on is not None:
            if recorded_on < date:
                _reject(event, "recorded_before_date",
                        f"recorded on {recorded_on}, before its date {date}")
            if recorded_on < recorded:
                _reject(event, "recorded_out_of_order",
                        f"recorded on {recorded_on}, before the previous record ({recorded})")
            recorded = recorded_on
        elif date > recorded:
            recorded = date
        if not self._last <= date <= LAST_DAY:  # _last starts at FIRST_DAY: one comparison
            if not FIRST_DAY <= date <= LAST_DAY:
                _reject(event, "date_out_of_range",
                        f"date {date} is outside {FIRST_DAY}…{LAST_DAY} (fiscal years "
                        f"{MIN_YEAR} to {MAX_YEAR})")
            if append is not None:
                self._late(event, append, recorded)
                return
        if append is None:
            self._correct(event, recorded)  # type: ignore[arg-type]
            return
        area = append(self, event)  # the generic reference checks, then the handler
        self._valid_in(event, area)
        # valid: the fold takes it (counted first, so that an interruption inside the tracker
        # is seen by _restore), then the record
        self._folded += 1
        track = TRACKERS.get(cls)
        if track is not None:
            track(self._facts, event)
        self._commit(event, area, recorded, late=False)

    def _valid_in(self, event: Event, area: str) -> None:
        """Every event happens in an area (a case's: its household's), valid on its date."""
        if self._validity:  # most directories date no area: skip the look-up
            bounds = self._validity.get(area)
            if bounds is not None and not bounds[0] <= event.date <= bounds[1]:
                _reject(event, "area_not_valid",
                        f"area {area!r} exists from {bounds[0]} to {bounds[1]}")

    def _commit(self, event: Event, area: str, recorded: dt.date, *, late: bool) -> None:
        """Record *event* (checked, and folded) as the latest record."""
        i = len(self._events)
        self._index[event.id] = i
        self._events.append(event)
        self._areas.append(area)
        self._recorded.append(recorded)
        self._recorded_last = recorded
        if self._histories is not None:  # a scratch ledger keeps none
            key = _owner(self, event)
            if key is not None:
                self._note(key, event, i)
        if late:
            self._reordered(i, event.date)
        else:
            self._last = event.date
            if self._order is not None and not self._stale:  # the history grows in place
                self._order.append((event.date, i, i))
                self._ordered.append(event)
                self._ordered_areas.append(area)
                self._built = i + 1

    def _note(self, key: tuple[str, str], event: Event, i: int) -> None:
        """Note record *i* (standing for *event*) in the history *key*."""
        history = self._histories.get(key)
        if history is None:
            self._histories[key] = [i]
        else:
            history.append(i)
        if type(event) is AgendaItemRaised and key[0] == "item" and key[1] != event.item_id:
            self._theme_root[event.item_id] = key[1]  # a theme escalated: its first item's

    def _changed_since(self, records: int) -> list[Event]:
        """The events that changed the history other than by growing at its end since the
        first *records* records: late records, and the events corrections took out or put in
        (empty if none). The indicator engine reads again from the earliest."""
        changes = self._changes
        changed: list[Event] = []
        for i, _ in changes[bisect.bisect_left(changes, records, key=_record_of_change):]:
            record = self._events[i]
            if type(record) is EnteredInError:
                changed.append(self.get(record.event_id))  # the event it took out
                if record.replacement is not None:
                    changed.append(record.replacement)
            else:
                changed.append(record)
        return changed

    def _rewind_plan(self, day: dt.date, records: int, budget: float) -> _Rewind | None:
        """What :meth:`_rewind` to *day* folds again, for a fold of the history as it was
        after the first *records* records: the histories with events from *day* on (or
        changed since), and the events from then on that change no history. None when a
        correction since leaves it unsure which histories those are, or when they hold more
        than *budget* records (the caller then reads the whole record again)."""
        events, _ = self._history()
        k = bisect.bisect_left(events, day, key=_date_of)
        changes = self._changes[bisect.bisect_left(self._changes, records,
                                                   key=_record_of_change):]
        originals = []
        for i, _ in changes:
            record = self._events[i]
            if type(record) is EnteredInError:
                original = self.get(record.event_id)
                if _owner(self, original) is None and not isinstance(original, AreaEvent):
                    return None  # what it made is gone, and with it its history's name
                originals.append(original)
        owners: set[tuple[str, str]] = set()
        loose: list[Event] = []
        histories, size = self._histories, 0
        for event in itertools.chain(events[k:], originals):
            key = _owner(self, event)
            if key is None:
                loose.append(event)
            elif key not in owners:
                owners.add(key)
                size += len(histories.get(key, ()))
                if size > budget:
                    return None
        return _Rewind(day=day, owners=frozenset(owners), loose=tuple(loose),
                       originals=tuple(originals), size=size)

    def _rewind(self, into: Context, end: Context, plan: _Rewind) -> list[Any]:
        """Fold into *into* the history before ``plan.day``, made from *end* — a fold of the
        history the plan was made for, up to a day on or after that — by folding again only
        the histories of *plan* (:meth:`_rewind_plan`).

        The objects of *end* stay the objects of the facts they hold (whoever holds them finds
        the same case); those of the histories folded again take their state before the day,
        which :func:`hokatsu.facts._put_back` undoes with what this returns.
        """
        day = plan.day
        into._take_copy(end)
        for sid in [sid for sid, s in into.sessions.items() if s.date >= day]:
            del into.sessions[sid]
        for event in plan.loose:
            _untrack(into, self._directory, event)
        # the histories from the day on: what they made is forgotten, then folded again to it
        before: list[tuple[dt.date, int, int]] = []
        for key in plan.owners:
            for i in self._histories.get(key, ()):
                date, tie, _, event = self._placed(i)
                _forget(into, _made(event))
                if date < day:
                    before.append((date, tie, i))
            if key[0] == "case":
                into.case_consents.pop(key[1], None)
                into.overrides.pop(key[1], None)
        for original in plan.originals:
            _forget(into, _made(original))
        before.sort()
        scratch = into._scratch(share_measures=False)
        scratch._take(self._event_at(i) for _, _, i in before)
        for name in ("cases", "referrals", "items", "measures", "consents"):
            getattr(into, name).update(getattr(scratch, name))
        into.case_consents.update(scratch.case_consents)
        into.overrides.update(scratch.overrides)
        into._consent_order = scratch._consent_order
        saved = into._keep_objects(end, scratch)
        into._recount_hard()
        return saved

    def _reordered(self, i: int, since: dt.date) -> None:
        """Record *i* changed the history from *since* on: ledger order is made again."""
        self._changes.append((i, since))
        if self._order is None:
            self._order = []
            self._built = 0
        self._stale = True

    def _item_owner(self, item_id: str) -> tuple[str, str] | None:
        """The history an agenda item belongs to: its case's, or its theme's first item's."""
        item = self._facts.items.get(item_id)
        if item is None:
            return None
        if item.case_id is not None:
            return ("case", item.case_id)
        return ("item", self._theme_root.get(item_id, item_id))

    def _late(self, event: Event, append: Callable[[Ledger, Any], str], recorded: dt.date) -> None:
        """Check and record *event*, dated before the latest event."""
        self._no_duplicates(event, frozenset())
        key = _owner(self, event)
        if key is None or self._after_history(key, event.date):
            # it changes no history (a session, a resource, a join, an activity), or it comes
            # after every event of its history: its rules are those of an event at the end,
            # and what it names must exist by its date
            area = append(self, event)
            self._exists_by(event)
            self._valid_in(event, area)
            self._folded += 1
            track = TRACKERS.get(type(event))
            if track is not None:
                track(self._facts, event)
        else:
            area = self._recheck({key}, event, event, len(self._events))
        self._commit(event, area, recorded, late=True)

    def _after_history(self, key: tuple[str, str], date: dt.date) -> bool:
        """Whether an event dated *date* goes after every event of the history *key* (none is
        dated later): the fold holds that history as it stands before the event, so the
        event is checked as one at the end, with no history to check again."""
        event_at = self._event_at
        # the latest records first: the likeliest to be dated later
        return all(event_at(i).date <= date for i in reversed(self._histories.get(key, ())))

    def _no_duplicates(self, event: Event, made: frozenset[tuple[str, str]]) -> None:
        """The ids *event* creates are new to the whole fold (but for those in *made*)."""
        facts = self._facts
        for name, kind, new in _event_refs(type(event)):
            value = getattr(event, name)
            if new and value is not None and (kind, value) not in made \
                    and value in getattr(facts, _FOLD_INDEX[kind]):
                _reject(event, f"duplicate_{kind}", f"{kind} {value!r} already exists")

    def _exists_by(self, event: Event) -> None:
        """The sessions *event* names were held by its date."""
        for name, kind, new in _event_refs(type(event)):
            value = getattr(event, name)
            if kind == "session" and not new and value is not None \
                    and self._facts.sessions[value].date > event.date:
                _unknown(event, "session", value)

    def _recheck(self, keys: set[tuple[str, str]], culprit: Event, event: Event | None,
                 tie: int, drop: int | None = None) -> str:
        """Check the histories *keys* again with *event* in its place (its date, and *tie*
        among the records of that day) and record *drop* left out, in a scratch ledger; fold
        them into the ledger's fold; return *event*'s area.

        A refusal is *culprit*'s: its own rule, or the rule a later event would break."""
        places = sorted(self._placed(i) for key in keys for i in self._histories.get(key, ()))
        # what comes before the first change is valid as it was: only folded again
        first = len(places)
        if drop is not None:
            first = bisect.bisect_left(places, self._placed(drop))
            del places[first]
        events = [e for _, _, _, e in places]
        at = len(events)
        if event is not None:  # after the records of its day, or in the place it replaces
            at = bisect.bisect_right(places, (event.date, tie, -1))
            events.insert(at, event)
        first = min(first, at)
        scratch = self._scratch(shared_measures=all(kind != "measure" for kind, _ in keys))
        scratch._facts._take(events[:first])
        try:
            scratch._extend((e, None) for e in events[first:])
        except EventRejectedError as error:
            if error.event_id == culprit.id:
                raise
            raise EventRejectedError(
                culprit.id, culprit.TYPE, error.rule,
                f"the later event {error.event_id!r} ({error.event_type}) would break it: "
                f"{error.detail}") from None
        self._folded += 1
        self._adopt(keys, scratch._facts)
        return scratch._areas[at - first] if event is not None else ""

    def _adopt(self, keys: set[tuple[str, str]], scratch: Context) -> None:
        """Take the scratch fold of the histories *keys* into the ledger's fold."""
        facts = self._facts
        for kind, ident in keys:
            if kind != "case":
                continue
            pairs: tuple[tuple[dict[str, Any], dict[str, Any]], ...] = (
                (facts.cases, scratch.cases), (facts.case_consents, scratch.case_consents),
                (facts.overrides, scratch.overrides))
            for own, theirs in pairs:
                if ident in theirs:
                    own[ident] = theirs[ident]
                else:
                    own.pop(ident, None)
        for name in ("referrals", "items", "consents", "measures"):
            own_index, their_index = getattr(facts, name), getattr(scratch, name)
            if own_index is not their_index:
                own_index.update(their_index)
        facts.hard_agencies |= scratch.hard_agencies
        facts._consent_order = scratch._consent_order
        facts.fresh_hard_agencies, facts.fresh_connection = (), None

    def _correct(self, c: EnteredInError, recorded: dt.date) -> None:
        """Check and record the correction *c*."""
        i = self._index.get(c.event_id)
        if i is None:
            _reject(c, "unknown_event", f"event {c.event_id!r} is not in the ledger")
        if c.event_id in self._corrected:
            _reject(c, "already_corrected",
                    f"event {c.event_id!r} was corrected by {self._corrected[c.event_id]!r}")
        if self._events[i].id == c.event_id and type(self._events[i]) is EnteredInError:
            _reject(c, "not_correctable", f"event {c.event_id!r} is a correction")
        target = self._event_at(i)
        if c.date < target.date:
            _reject(c, "correction_before_event", f"event {c.event_id!r} happened on "
                                                  f"{target.date}")
        new = c.replacement
        made = _made(target)
        if new is not None:
            append = _APPEND.get(type(new)) or _own_append(new)
            if new.id in self._index:
                _reject(c, "duplicate_id", f"the replacement's id {new.id!r} is already in the "
                                           f"ledger")
            if not FIRST_DAY <= new.date <= LAST_DAY:
                _reject(c, "date_out_of_range", f"the replacement's date {new.date} is outside "
                                                f"{FIRST_DAY}…{LAST_DAY}")
            self._no_duplicates(new, made)
        target_key = _owner(self, target)
        new_key = None if new is None else _owner(self, new)
        if target_key is None:
            self._unused(c, target, new, made)
        undone = target_key is None and _untrack(self._facts, self._directory, target)
        area = ""
        try:
            if new is not None and new_key is None:  # as a late record changing no history
                area = append(self, new)
                self._exists_by(new)
                self._valid_in(new, area)
            keys = {k for k in (target_key, new_key) if k is not None}
            if keys:
                rechecked = self._recheck(keys, c, new if new_key is not None else None,
                                          self._tie.get(i, i),
                                          i if target_key is not None else None)
                if new_key is not None:
                    area = rechecked
            else:
                self._folded += 1
        except BaseException:
            if undone:
                TRACKERS[type(target)](self._facts, target)
            raise
        if new is not None and new_key is None and type(new) in TRACKERS:
            TRACKERS[type(new)](self._facts, new)
        if target_key is not None and target_key[0] == "case":  # a case may be hard no more
            self._facts._recount_hard()
        _forget(self._facts, made - _made(new))  # what only the original made is gone
        # the record: the correction stands for its replacement in the history
        n = len(self._events)
        self._index[c.id] = n
        if new is not None:
            self._index[new.id] = n
        self._events.append(c)
        self._areas.append(area or self._areas[i])
        self._recorded.append(recorded)
        self._recorded_last = recorded
        self._corrected[c.event_id] = c.id
        self._dropped.add(i)
        if target_key is not None:
            self._histories[target_key].remove(i)
        if new is None:
            self._dropped.add(n)
        else:
            self._tie[n] = self._tie.get(i, i)
            if new_key is not None:
                self._note(new_key, new, n)
            self._last = max(self._last, new.date)
        self._reordered(n, target.date if new is None else min(target.date, new.date))

    def _unused(self, c: EnteredInError, target: Event, new: Event | None,
                made: frozenset[tuple[str, str]]) -> None:
        """A correction of *target*, which changes no history, breaks no event referring to
        what it made — unless *new* makes the same, on the same day, in the same place."""
        if not made:
            return
        same = ["date", "area_id", "body_id"]
        if new is not None and type(new) is type(target) and _made(new) == made and all(
                getattr(new, name, None) == getattr(target, name, None) for name in same):
            return
        events, _ = self._history()
        for event in events:
            if event is target:
                continue
            for name, kind, is_new in _event_refs(type(event)):
                if not is_new and (kind, getattr(event, name)) in made:
                    _reject(c, "correction_breaks_history",
                            f"event {event.id!r} refers to {kind} {getattr(event, name)!r}")

    # Each handler below enforces the rules of its event in the order it names them, reading
    # the fold (self._facts) and never changing it; the references its fields declare
    # (events.base.ref) were checked before it runs, by the code _append_function generates,
    # so that a handler may look them up directly.

    # -- handlers: cases -----------------------------------------------------------------

    def _case_opened(self, e: CaseOpened) -> str:
        if e.case_id in self._facts.cases:
            _reject(e, "duplicate_case", f"case {e.case_id!r} is already open")
        area = e.household.area_id
        if area is None:
            _reject(e, "household_area_missing", "household.area_id is None")
        if area not in self._tree:
            _unknown(e, "area", area)
        for issue in e.household.issues:
            if issue.identified > e.date:
                _reject(e, "issue_in_future",
                        f"issue {issue.id!r} is identified on {issue.identified}")
        return area

    def _issue_identified(self, e: IssueIdentified) -> str:
        case = self._facts.cases[e.case_id]
        if not case.is_open:
            _reject(e, "case_not_open", f"case {e.case_id!r} is closed")
        issue = e.issue
        if case.has_issue(issue.id):
            _reject(e, "duplicate_issue", f"issue {issue.id!r} is already in case {e.case_id!r}")
        if issue.member_id is not None and issue.member_id not in case.member_ids:
            _reject(e, "unknown_member", f"member {issue.member_id!r} is not in the household")
        if issue.identified > e.date:
            _reject(e, "issue_in_future", f"issue {issue.id!r} is identified on "
                                          f"{issue.identified}")
        return case.area_id

    def _case_activity(self, e: AssessmentRecorded | FollowUpDone | CaseConferenceHeld) -> str:
        case = self._facts.cases[e.case_id]
        if not case.is_open:
            _reject(e, "case_not_open", f"case {e.case_id!r} is closed")
        return case.area_id

    def _plan_made(self, e: PlanMade) -> str:
        case = self._facts.cases[e.case_id]
        if not case.is_open:
            _reject(e, "case_not_open", f"case {e.case_id!r} is closed")
        members = None
        for role in e.roles:
            if role.agency_id not in self._agencies:  # a role's reference, one level down
                _unknown(e, "agency", role.agency_id)
            if role.member_ids:
                if members is None:
                    members = case.member_ids
                for m in sorted(role.member_ids - members):
                    _reject(e, "unknown_member", f"member {m!r} is not in the household")
        return case.area_id

    def _participation(self, e: ParticipationSupportStarted) -> str:
        case = self._facts.cases[e.case_id]
        if not case.is_open:
            _reject(e, "case_not_open", f"case {e.case_id!r} is closed")
        if e.member_id is not None and e.member_id not in case.member_ids:
            _reject(e, "unknown_member", f"member {e.member_id!r} is not in the household")
        return case.area_id

    def _case_closed(self, e: CaseClosed) -> str:
        case = self._facts.cases[e.case_id]
        if not case.is_open:
            _reject(e, "case_not_open", f"case {e.case_id!r} is closed")
        return case.area_id

    def _case_reopened(self, e: CaseReopened) -> str:
        case = self._facts.cases[e.case_id]
        if case.is_open:
            _reject(e, "case_not_closed", f"case {e.case_id!r} is open")
        return case.area_id

    # -- handlers: referrals -------------------------------------------------------------

    def _referral_requested(self, e: ReferralRequested) -> str:
        if e.referral_id in self._facts.referrals:
            _reject(e, "duplicate_referral", f"referral {e.referral_id!r} already exists")
        case = self._facts.cases[e.case_id]
        if not case.is_open:
            _reject(e, "case_not_open", f"case {e.case_id!r} is closed")
        if e.from_agency_id == e.to_agency_id:
            _reject(e, "self_referral", f"agency {e.to_agency_id!r} refers to itself")
        if e.service_id is not None and self._services.get(e.service_id) != e.to_agency_id:
            _reject(e, "unknown_service",
                    f"service {e.service_id!r} is not offered by {e.to_agency_id!r}")
        if e.member_id is not None and e.member_id not in case.member_ids:
            _reject(e, "unknown_member", f"member {e.member_id!r} is not in the household")
        if e.issue_id is not None and not case.has_issue(e.issue_id):
            _reject(e, "unknown_issue", f"issue {e.issue_id!r} is not in case {e.case_id!r}")
        return case.area_id

    def _referral_transition(self, e: ReferralTransition) -> str:
        ref = self._facts.referrals[e.referral_id]
        if ref.status not in e.sources:
            allowed = ", ".join(sorted(s.value for s in e.sources))
            _reject(e, "invalid_transition",
                    f"referral {e.referral_id!r} is {ref.status.value}; {e.TYPE} needs one of "
                    f"{allowed}")
        sender, receiver = ref.from_agency_id, ref.to_agency_id
        if isinstance(e, ReferralCancelled):
            if ref.status is ReferralStatus.REQUESTED and e.actor_id != sender:
                _reject(e, "not_sender", f"only {sender!r} may cancel a requested referral")
            if e.actor_id not in (sender, receiver):
                _reject(e, "not_party", f"only {sender!r} or {receiver!r} may cancel")
        elif e.actor_id != receiver:
            _reject(e, "not_receiver", f"only the receiver {receiver!r} may do this")
        return self._facts.cases[ref.case_id].area_id

    # -- handlers: meetings --------------------------------------------------------------

    def _meeting_held(self, e: MeetingHeld) -> str:
        if e.session_id in self._facts.sessions:
            _reject(e, "duplicate_session", f"session {e.session_id!r} already held")
        if e.area_id not in self._session_areas[e.body_id]:
            _reject(e, "not_session_area",
                    f"body {e.body_id!r} does not meet in area {e.area_id!r}")
        return e.area_id

    def _item_raised(self, e: AgendaItemRaised) -> str:
        facts = self._facts
        if e.item_id in facts.items:
            _reject(e, "duplicate_item", f"item {e.item_id!r} already raised")
        session = facts.sessions[e.session_id]
        if session.date != e.date:
            _reject(e, "date_mismatch",
                    f"session {e.session_id!r} was held on {session.date}, not {e.date}")
        here = (session.body_id, session.area_id)
        if e.escalated_from is not None:
            source = facts.items[e.escalated_from]
            if source.outcome is not ItemOutcome.ESCALATED:
                _reject(e, "not_escalated", f"item {e.escalated_from!r} was not escalated")
            if source.escalated_to != here:
                _reject(e, "not_escalation_target",
                        f"item {e.escalated_from!r} goes to {source.escalated_to}, not {here}")
            if source.taken_up_as is not None:
                _reject(e, "escalation_taken",
                        f"item {e.escalated_from!r} was already taken up")
            if source.case_id != e.case_id:
                _reject(e, "escalation_mismatch",
                        f"item {e.escalated_from!r} is about "
                        f"{'case ' + repr(source.case_id) if source.case_id else 'a theme'}")
        return session.area_id

    def _at_own_session(self, e: AgendaItemConcluded | ProgressReported, item: ItemInfo) -> None:
        """The rules of an event about a raised item: it happens on its session's date
        (``date_mismatch``), at a session of the item's own body and area (``wrong_session``)."""
        session = self._facts.sessions[e.session_id]
        if session.date != e.date:
            _reject(e, "date_mismatch",
                    f"session {e.session_id!r} was held on {session.date}, not {e.date}")
        if (session.body_id, session.area_id) != (item.body_id, item.area_id):
            _reject(e, "wrong_session",
                    f"item {e.item_id!r} belongs to body {item.body_id!r} in {item.area_id!r}, "
                    f"the session to {session.body_id!r} in {session.area_id!r}")

    def _item_concluded(self, e: AgendaItemConcluded) -> str:
        item = self._facts.items[e.item_id]
        self._at_own_session(e, item)
        if item.outcome is not None and item.outcome is not ItemOutcome.CONTINUED:
            _reject(e, "item_settled", f"item {e.item_id!r} is already {item.state}")
        if e.outcome is ItemOutcome.ESCALATED and \
                self._facts.escalation_target(item.body_id, item.area_id) is None:
            _reject(e, "no_escalation_target", f"body {item.body_id!r} escalates to no body")
        return item.area_id

    def _progress_reported(self, e: ProgressReported) -> str:
        item = self._facts.items[e.item_id]
        self._at_own_session(e, item)
        if item.outcome is not ItemOutcome.CONTINUED:
            _reject(e, "not_continuing", f"item {e.item_id!r} is {item.state}, not continued")
        return item.area_id

    # -- handlers: activities ------------------------------------------------------------

    def _area_event(self, e: AreaEvent) -> str:
        return e.area_id

    def _with_actors(
        self, e: CommunityExchangeHeld | CommunityGatheringAttended | OutreachDone
        | DevelopmentConsultationHeld,
    ) -> str:
        if not e.actor_ids <= self._community:
            a = min(e.actor_ids - self._community)
            _reject(e, "not_community_actor", f"agency {a!r} is not a community actor")
        return e.area_id

    def _resource_created(self, e: ResourceCreated) -> str:
        if e.resource_id in self._facts.resources:
            _reject(e, "duplicate_resource", f"resource {e.resource_id!r} already exists")
        return e.area_id

    def _actor_joined(self, e: ActorJoined) -> str:
        joined = self._facts.joined
        if e.agency_id in joined:
            _reject(e, "already_joined", f"agency {e.agency_id!r} joined on {joined[e.agency_id]}")
        return e.area_id

    def _measure_started(self, e: MeasureStarted) -> str:
        if e.measure_id in self._facts.measures:
            _reject(e, "duplicate_measure", f"measure {e.measure_id!r} already started")
        return e.area_id

    def _measure_completed(self, e: MeasureCompleted) -> str:
        measure = self._facts.measures[e.measure_id]
        if measure.completed:
            _reject(e, "measure_completed", f"measure {e.measure_id!r} is already completed")
        return measure.area_id

    # -- handlers: sharing ---------------------------------------------------------------

    def _provision_refs(self, e: ConsentGiven | ConsentChanged) -> None:
        """The agencies and bodies a consent's provisions name, nested ones included."""
        for provision in e.provision.walk():
            for a in sorted(provision.agency_ids):
                if a not in self._agencies:
                    _unknown(e, "agency", a)
            for b in sorted(provision.body_ids):
                if b not in self._bodies:
                    _unknown(e, "body", b)

    def _consent_given(self, e: ConsentGiven) -> str:
        facts = self._facts
        if e.consent_id in facts.consents:
            _reject(e, "duplicate_consent", f"consent {e.consent_id!r} already exists")
        case = facts.cases[e.case_id]
        if e.member_id is not None and e.member_id not in case.member_ids:
            _reject(e, "unknown_member", f"member {e.member_id!r} is not in the household")
        self._provision_refs(e)
        return case.area_id

    def _consent_update(self, e: ConsentChanged | ConsentWithdrawn) -> str:
        consent = self._facts.consents[e.consent_id]
        if consent.withdrawn is not None:
            _reject(e, "consent_not_in_force",
                    f"consent {e.consent_id!r} was withdrawn on {consent.withdrawn}")
        if isinstance(e, ConsentChanged):
            self._provision_refs(e)
        return self._facts.cases[consent.case_id].area_id

    def _consent_overridden(self, e: ConsentOverridden) -> str:
        return self._facts.cases[e.case_id].area_id

    def _disclosure_recorded(self, e: DisclosureRecorded) -> str:
        # imported here: hokatsu.sharing reads the ledger's fold and its Rule
        from hokatsu.sharing.consent import _recorded_problem

        facts = self._facts
        if e.session_id is not None and facts.sessions[e.session_id].date != e.date:
            _reject(e, "disclosure_not_at_session",
                    f"session {e.session_id!r} was held on {facts.sessions[e.session_id].date}")
        problem = _recorded_problem(facts, e)
        if problem is not None:
            _reject(e, "disclosure_not_allowed", problem)
        return facts.cases[e.case_id].area_id


def _record_of_change(change: tuple[int, dt.date]) -> int:
    return change[0]


def _date_of(event: Event) -> dt.date:
    return event.date


def _span(directory: Municipality, events: Sequence[Event]) -> str:
    """``氷見市: 1,000 events, 2017-04-01…2018-03-31``, for a repr."""
    n = len(events)
    text = f"{directory.name}: {n:,} event{'' if n == 1 else 's'}"
    return f"{text}, {events[0].date}…{events[-1].date}" if n else text


def _reject(event: Event, rule: str, detail: str) -> NoReturn:
    raise EventRejectedError(event.id, event.TYPE, rule, detail)


#: Per kind of reference: where the known ids are (the directory's, kept by the ledger, or
#: the fold's), and how a miss is worded.
_KNOWN: dict[str, tuple[str, str]] = {
    "area": ("ledger._tree", "is not in the area tree"),
    "agency": ("ledger._agencies", "is not in the directory"),
    "coordinator": ("ledger._coordinators", "is not in the directory"),
    "body": ("ledger._bodies", "is not in the directory"),
    "case": ("facts.cases", "has not been opened"),
    "referral": ("facts.referrals", "was never requested"),
    "session": ("facts.sessions", "has not been held"),
    "item": ("facts.items", "has not been raised"),
    "measure": ("facts.measures", "was never started"),
    "resource": ("facts.resources", "was never created"),
    "consent": ("facts.consents", "was never given"),
}
assert set(_KNOWN) == set(REF_KINDS)


def _unknown(event: Event, kind: str, ref: object) -> NoReturn:
    """Reject *event* for naming an unknown *kind* of object (the rule ``unknown_<kind>``)."""
    _reject(event, f"unknown_{kind}", f"{kind} {ref!r} {_KNOWN[kind][1]}")


def _unknown_of(event: Event, kind: str, refs: frozenset[str], known: Any) -> NoReturn:
    """Reject *event* for the first (in sorted order) of *refs* not in *known*."""
    _unknown(event, kind, min(r for r in refs if r not in known))


class _DateKeys(Sequence[dt.date]):
    """The dates of the first ``n`` events, for bisecting."""

    __slots__ = ("_events", "_n")

    def __init__(self, events: list[Event], n: int) -> None:
        self._events = events
        self._n = n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: Any) -> Any:
        return self._events[i].date


#: Anything consumers read events from, a ledger or a view of one.
EventSource = Ledger | LedgerView

_HANDLERS: dict[type[Event], Callable[[Ledger, Any], str]] = {
    CaseOpened: Ledger._case_opened,
    IssueIdentified: Ledger._issue_identified,
    AssessmentRecorded: Ledger._case_activity,
    PlanMade: Ledger._plan_made,
    CaseConferenceHeld: Ledger._case_activity,
    FollowUpDone: Ledger._case_activity,
    CaseClosed: Ledger._case_closed,
    CaseReopened: Ledger._case_reopened,
    ReferralRequested: Ledger._referral_requested,
    ReferralAccepted: Ledger._referral_transition,
    ReferralRejected: Ledger._referral_transition,
    ReferralCancelled: Ledger._referral_transition,
    ReferralStarted: Ledger._referral_transition,
    ReferralPutOnHold: Ledger._referral_transition,
    ReferralResumed: Ledger._referral_transition,
    ReferralCompleted: Ledger._referral_transition,
    ReferralFailed: Ledger._referral_transition,
    MeetingHeld: Ledger._meeting_held,
    AgendaItemRaised: Ledger._item_raised,
    AgendaItemConcluded: Ledger._item_concluded,
    ProgressReported: Ledger._progress_reported,
    CommunityExchangeHeld: Ledger._with_actors,
    CommunityGatheringAttended: Ledger._with_actors,
    SurveyConducted: Ledger._area_event,
    AgencyInterviewed: Ledger._area_event,
    OutreachDone: Ledger._with_actors,
    DevelopmentConsultationHeld: Ledger._with_actors,
    DevelopmentMeetingHeld: Ledger._area_event,
    ResourceCreated: Ledger._resource_created,
    FundingSecured: Ledger._area_event,
    ActorJoined: Ledger._actor_joined,
    MeasureStarted: Ledger._measure_started,
    MeasureCompleted: Ledger._measure_completed,
    NextYearPlanAdopted: Ledger._area_event,
    SharingConsultationHeld: Ledger._area_event,
    TrainingHeld: Ledger._area_event,
    AssessmentExchangeHeld: Ledger._area_event,
    EvaluationCollected: Ledger._area_event,
    TargetSet: Ledger._area_event,
    ConsultationReceived: Ledger._area_event,
    ActivitySessionHeld: Ledger._area_event,
    ParticipationSupportStarted: Ledger._participation,
    ConsentGiven: Ledger._consent_given,
    ConsentChanged: Ledger._consent_update,
    ConsentWithdrawn: Ledger._consent_update,
    ConsentOverridden: Ledger._consent_overridden,
    DisclosureRecorded: Ledger._disclosure_recorded,
}




def _append_function(
    cls: type[Event], handler: Callable[[Ledger, Any], str],
) -> Callable[[Ledger, Any], str]:
    """The function that appends an event of *cls*: the reference checks its fields declare
    (:func:`hokatsu.events.base.ref`), in field order, then *handler*.

    Generated once per event class from the declarations, as attrs generates ``__init__``,
    and registered in :mod:`linecache` so that a traceback shows it.
    """
    label = cls.__name__ if cls.__name__.isidentifier() else "event"
    lines = [f"def append_{label}(ledger, e):"]
    for field in attrs.fields(cls):
        declared = field.metadata.get(REF)
        if declared is None or declared.new:  # a new id is the handler's (duplicate_…)
            continue
        name = field.name
        if not name.isidentifier():  # pragma: no cover - attrs field names are identifiers
            raise AssertionError(name)
        known = _KNOWN[declared.kind][0]
        kind = repr(declared.kind)
        if "frozenset" in str(field.type):
            if known.startswith("facts."):  # the fold's indexes are dicts
                known += ".keys()"
            lines += [f"    if not e.{name} <= {known}:",
                      f"        unknown_of(e, {kind}, e.{name}, {known})"]
        elif "None" in str(field.type):
            lines += [f"    if e.{name} is not None and e.{name} not in {known}:",
                      f"        unknown(e, {kind}, e.{name})"]
        else:
            lines += [f"    if e.{name} not in {known}:",
                      f"        unknown(e, {kind}, e.{name})"]
    if any("facts." in line for line in lines):
        lines.insert(1, "    facts = ledger._facts")
    # an activity with nothing to check beyond its references happens in its own area
    lines.append("    return e.area_id" if handler is Ledger._area_event
                 else "    return handler(ledger, e)")
    source = "\n".join(lines) + "\n"
    filename = f"<hokatsu.ledger append {cls.__name__}>"
    namespace: dict[str, Any] = {"handler": handler, "unknown": _unknown,
                                 "unknown_of": _unknown_of}
    exec(compile(source, filename, "exec"), namespace)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    function: Callable[[Ledger, Any], str] = namespace[f"append_{label}"]
    return function


def _own_event(ledger: Ledger, e: AreaEvent | CaseEvent) -> str:
    """An application's own event happens in its area, or in its case's area."""
    if isinstance(e, AreaEvent):
        return e.area_id
    return ledger._facts.cases[e.case_id].area_id


def _own_append(event: object) -> Callable[[Ledger, Any], str]:
    """The append function of an application's own event class, generated from its
    declarations on first sight, as for the built-in ones; or the ``not_an_event`` refusal.

    The class derives from :class:`~hokatsu.events.activities.AreaEvent` or
    :class:`~hokatsu.events.cases.CaseEvent` (so that the ledger knows where its events
    happen), not from a built-in event class (whose rules it would skip), and has a ``TYPE``
    tag of its own.
    """
    cls: Any = type(event)
    name = cls.__name__
    why = f"{name} is not a hokatsu event type"
    if isinstance(event, Event) and attrs.has(type(event)):
        builtin = next((c for c in cls.__mro__ if c in _HANDLERS), None)
        tag = getattr(cls, "TYPE", None)
        if builtin is not None:
            why = (f"{name} derives from the built-in event type {builtin.__name__}; an "
                   f"application's own event derives from AreaEvent or CaseEvent")
        elif not isinstance(event, AreaEvent | CaseEvent):
            why = (f"{name} derives from neither AreaEvent nor CaseEvent, so the ledger cannot "
                   f"tell where its events happen")
        elif type(tag) is not str or not tag or tag in _BUILTIN_TAGS:
            why = f"{name}.TYPE must be a tag of its own (a non-empty str no built-in type has)"
        else:
            append = _APPEND[cls] = _append_function(cls, _own_event)
            return append
    raise EventRejectedError(str(getattr(event, "id", "?")), name, "not_an_event", why)


_BUILTIN_TAGS = frozenset(cls.TYPE for cls in _HANDLERS) | {EnteredInError.TYPE}

#: Per event class: the reference checks and its handler, generated at import for the
#: built-in classes, on first sight for an application's own.
_APPEND: dict[type[Event], Callable[[Ledger, Any], str]] = {
    cls: _append_function(cls, handler) for cls, handler in _HANDLERS.items()
}




def _event_refs(cls: type[Event]) -> tuple[tuple[str, str, bool], ...]:
    """(field, kind, new) of each field of *cls* that names an object events create, read
    once per class from its declarations."""
    known = _EVENT_REFS.get(cls)
    if known is None:
        known = _EVENT_REFS[cls] = tuple(
            (field.name, field.metadata[REF].kind, field.metadata[REF].new)
            for field in attrs.fields(cls)
            if REF in field.metadata and field.metadata[REF].kind in _EVENT_KINDS)
    return known


_EVENT_REFS: dict[type[Event], tuple[tuple[str, str, bool], ...]] = {}


#: The kinds of object events create and refer to (the rest are the directory's), and the
#: attribute of the fold that holds each.
_FOLD_INDEX = {"case": "cases", "referral": "referrals", "session": "sessions", "item": "items",
               "measure": "measures", "resource": "resources", "consent": "consents"}
_EVENT_KINDS = tuple(_FOLD_INDEX)


def _forget(facts: Context, made: Iterable[tuple[str, str]]) -> None:
    """Take the objects *made* (``(kind, id)``) out of *facts*."""
    for kind, value in made:
        index = getattr(facts, _FOLD_INDEX[kind])
        if isinstance(index, set):
            index.discard(value)
        else:
            index.pop(value, None)


def _untrack(facts: Context, directory: Municipality, event: Event) -> bool:
    """Take back from *facts* what *event*, an event of no history, added to it (a session,
    a resource, a join); whether there was anything."""
    if isinstance(event, MeetingHeld):
        facts.sessions.pop(event.session_id, None)
    elif isinstance(event, ResourceCreated):
        facts.resources.discard(event.resource_id)
    elif isinstance(event, ActorJoined):
        joined = directory.agency(event.agency_id).joined
        if joined is None:
            facts.joined.pop(event.agency_id, None)
        else:  # pragma: no cover - already_joined refuses it
            facts.joined[event.agency_id] = joined
    else:
        return False
    return True


def _made(event: Event | None) -> frozenset[tuple[str, str]]:
    """``(kind, id)`` of every object *event* creates."""
    if event is None:
        return _NOTHING
    makes = _MAKES.get(type(event))
    if makes is None:
        makes = _MAKES[type(event)] = tuple(
            (name, kind) for name, kind, new in _event_refs(type(event)) if new)
    if not makes:  # most events create nothing
        return _NOTHING
    return frozenset((kind, getattr(event, name)) for name, kind in makes
                     if getattr(event, name) is not None)


_NOTHING: frozenset[tuple[str, str]] = frozenset()
#: Per event class: (field, kind) of each field naming an object its events create.
_MAKES: dict[type[Event], tuple[tuple[str, str], ...]] = {}


def _outside_reference(events: Sequence[Event], idx: Iterable[int]) -> str | None:
    """Why the events at *idx* are not self-contained, or None if they are."""
    made: dict[str, set[str]] = {kind: set() for kind in _EVENT_KINDS}
    for i in idx:
        event = events[i]
        for name, kind, new in _event_refs(type(event)):
            value = getattr(event, name)
            if new:
                made[kind].add(value)
            elif value is not None and value not in made[kind]:
                return (f"event {event.id!r} refers to {kind} {value!r}, which no event in "
                        f"the view created")
    return None


#: The histories a late record can touch, by the kind of object that heads them, in the order
#: an event's references are read to find its history: a case's events (its referrals, agenda
#: items, consents and disclosures with it), a theme's agenda items, a measure's events.
_OWNING = ("case", "referral", "consent", "item", "measure")


def _owner_function(cls: type[Event]) -> Callable[[Ledger, Any], tuple[str, str] | None]:
    """The function giving the history an event of *cls* belongs to (``("case", id)``,
    ``("item", id)`` of a theme's first item, ``("measure", id)``) or None for an event that
    changes no history; generated once per class from its field declarations, as
    :func:`_append_function` is."""
    label = cls.__name__ if cls.__name__.isidentifier() else "event"
    refs = [(field.name, field.metadata[REF], "None" in str(field.type))
            for field in attrs.fields(cls)
            if REF in field.metadata and field.metadata[REF].kind in _OWNING
            and "frozenset" not in str(field.type)]
    refs.sort(key=lambda r: (_OWNING.index(r[1].kind), r[1].new))  # an item it names first
    lines = [f"def owner_{label}(ledger, e):", "    facts = ledger._facts"]
    for name, declared, optional in refs:
        kind, value = declared.kind, f"e.{name}"
        if kind in ("case", "measure") or (kind == "item" and declared.new):
            head = "case" if kind == "case" else kind
            if optional:
                lines += [f"    if {value} is not None:",
                          f"        return ({head!r}, {value})"]
            else:
                lines.append(f"    return ({head!r}, {value})")
                break
        elif kind in ("referral", "consent"):
            index = _FOLD_INDEX[kind]
            lines += [f"    found = facts.{index}.get({value})",
                      "    if found is not None:",
                      "        return ('case', found.case_id)"]
        else:  # an item it names: that item's history
            lines += [f"    if {value} is not None:",
                      f"        found = ledger._item_owner({value})",
                      "        if found is not None:",
                      "            return found"]
    else:
        lines.append("    return None")
    source = "\n".join(lines) + "\n"
    filename = f"<hokatsu.ledger owner {cls.__name__}>"
    namespace: dict[str, Any] = {}
    exec(compile(source, filename, "exec"), namespace)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    function: Callable[[Ledger, Any], tuple[str, str] | None] = namespace[f"owner_{label}"]
    return function


def _owner(ledger: Ledger, event: Event) -> tuple[str, str] | None:
    """The history *event* belongs to (see :func:`_owner_function`)."""
    cls = type(event)
    function = _OWNERS.get(cls)
    if function is None:
        function = _OWNERS[cls] = _owner_function(cls)
    return function(ledger, event)


_OWNERS: dict[type[Event], Callable[[Ledger, Any], tuple[str, str] | None]] = {}
