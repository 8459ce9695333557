"""A ledger made safe to hand to researchers: pseudonyms, age bands, coarse dates and areas, no
free text.

:func:`~hokatsu.sharing.research_export` turns a ledger (or a selection of it) into a
:class:`~hokatsu.sharing.ResearchExport` of plain tables: the households at the opening of
each case, their members, their issues, and one table per kind of event. On the way:

- every id of a case, household, member, issue, referral, session, agenda item, measure,
  resource and coordinator becomes a keyed pseudonym (:mod:`hokatsu.sharing.pseudonyms`):
  the same key gives the same pseudonyms, so that two exports with one key can be joined,
  and without the key nobody can link a pseudonym to its id. Event ids are dropped: a row's
  identity tells a researcher nothing, and would tie the row to the municipality's record.
  Agencies and meeting bodies are organisations named in the directory and keep their ids
  unless ``keep_agencies=False``; community actors (民生委員・児童委員, 自治会, 地区社協 …)
  may be persons and are always pseudonymised, and so are coordinators, who are persons.
- birth dates become age bands on the date of the case's opening (``"40-49"``, ``"90+"``);
- dates become their month (``"2017-04"``), quarter or fiscal year;
- areas become the area that contains them at a chosen level of the area tree (an area above
  that level, such as the root for city-wide activity, is kept: it is coarser already);
- no free text leaves: reasons, themes, goals, tasks, titles and names are dropped.

Which fields leave is an allow-list (:data:`~hokatsu.sharing.FIELD_RULES`), decided field by
field: a field that is not in it — a new field, or an event class hokatsu does not know —
stops the export with an error instead of slipping through. Within a table, rows are ordered
by period and then by their subject (case, referral, session …), not by the order they were
recorded in, so that the order does not give back the day the month hides.

Examples:
    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.reference import himi
    >>> from hokatsu.reference.sample import himi_fy2017
    >>> ledger = Ledger(himi(), himi_fy2017())
    >>> export = research_export(ledger, b"the municipality's secret key", area_level="block")
    >>> export
    <ResearchExport 氷見市: 3 households, 6 members, 6 issues, 142 events in 37 tables>
    >>> export.households.columns
    ('period', 'area', 'household', 'case_id', 'size')
    >>> export.households.rows[0][:2]
    ('2017-05', 'himi-b1')
    >>> sorted({band for band in export.members.column("age_band")})
    ['0-9', '20-29', '30-39', '50-59', '70-79', '80-89']
    >>> export.events["referral_rejected"].columns
    ('period', 'area', 'referral_id', 'actor_id')
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import linecache
import operator
import types
import typing
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu.calendar import PeriodKind
from hokatsu.domain.households import Household, Issue, Member
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import InvalidValueError, Redacted, UnknownReferenceError
from hokatsu.events import EVENT_TYPES, CaseOpened, Event, Headcount, IssueIdentified, PlanRole
from hokatsu.events.base import REF, REF_KINDS, Ref
from hokatsu.ledger import Ledger, LedgerView
from hokatsu.sharing.pseudonyms import Pseudonymiser
from hokatsu.sharing.tables import Table

__all__ = [
    "DROPPED",
    "FIELD_RULES",
    "NESTED_RULES",
    "ResearchExport",
    "age_band",
    "research_export",
]

# -- the allow-list ----------------------------------------------------------------------------

#: How each field of an event leaves the ledger, by field name: ``"period"`` (the date,
#: coarsened), ``"code"`` (an enum's value, a bool or a number, passed as is), ``"public"`` (an
#: id of something public, such as an indicator), ``"member"`` / ``"issue_ref"`` (an id
#: within the case's household, pseudonymised), ``"service"`` (a service of an agency: kept
#: with the agencies), ``"household"`` / ``"issue"`` / ``"roles"`` (the nested objects, see
#: :data:`~hokatsu.sharing.NESTED_RULES`), ``"attendance"`` (an activity's headcounts, as
#: ``(category, count)`` pairs), or ``"drop"``. A field that declares a reference
#: (:func:`hokatsu.events.base.ref`) needs no entry: it is pseudonymised or kept by its kind.
FIELD_RULES: Mapping[str, str] = MappingProxyType({
    "id": "drop",  # an event's id identifies a row of the municipality's own record
    "date": "period",
    "household": "household",
    "issue": "issue",
    "roles": "roles",
    "member_id": "member",
    "issue_id": "issue_ref",
    "service_id": "service",
    "indicator_id": "public",
    # coded values
    "route": "code", "stage": "code", "kind": "code", "outcome": "code", "purpose": "code",
    "domain": "code", "topic": "code", "content": "code", "participants": "code",
    "items": "code", "respondents": "code", "amount_yen": "code", "newly_budgeted": "code",
    "fiscal_year": "code", "value": "code", "counts": "code", "activity": "code",
    "component": "code",
    "attendance": "attendance",  # (category, count) pairs: counts of people, no one named
    "grounds": "grounds",  # a disclosure's (category, basis) pairs
    # a consent's scope names agencies and bodies in nested provisions; kept out of the
    # export (its dates could single out a household); who gave it is free text
    "provision": "drop", "representative": "drop", "until": "drop",
    # free text, in words anyone may have written: never exported
    "reason": "drop", "theme": "drop", "goals": "drop", "title": "drop", "name": "drop",
    # a correction (EnteredInError) is not in the corrected history the export reads
    "event_id": "drop", "replacement": "drop",
})

#: The fields of the objects events carry, as the export handles them: each is exported as the
#: named column (a household's issues as the rows of the issues table), or dropped (None).
NESTED_RULES: Mapping[type[Any], Mapping[str, str | None]] = MappingProxyType({
    Household: MappingProxyType({
        "id": "household", "person_id": "person", "members": "size", "issues": "issues",
        "area_id": "area",
    }),
    Member: MappingProxyType({
        "id": "member", "relation": "relation", "born": "age_band",
        "certificates": "certificates", "disability_suspected": "disability_suspected",
        "care_level": "care_level", "employment": "employment", "carer": "carer",
        "public_assistance": "public_assistance",
    }),
    Issue: MappingProxyType({
        "id": "issue", "member_id": "member", "field": "field", "identified": "period",
        "categories": "categories", "tags": "tags",
        "fits_existing_services": "fits_existing_services",
    }),
    PlanRole: MappingProxyType({
        "agency_id": "agency_id", "member_ids": "member_ids", "fields": "fields",
        "task": None,  # free text
    }),
})

#: Every field the export drops on purpose, as ``Class.field``: free text and event ids.
DROPPED: frozenset[str] = frozenset(
    [f"{cls.__name__}.{f.name}" for cls in EVENT_TYPES.values() for f in attrs.fields(cls)
     if f.metadata.get(REF) is None and FIELD_RULES.get(f.name) == "drop"]
    + [f"{cls.__name__}.{name}" for cls, rules in NESTED_RULES.items()
       for name, column in rules.items() if column is None]
)

_HOUSEHOLD_COLUMNS = ("period", "area", "household", "case_id", "size")
_MEMBER_COLUMNS = ("household", "case_id", "member", "person", "relation", "age_band",
                   "certificates", "disability_suspected", "care_level", "employment", "carer",
                   "public_assistance")
_ISSUE_COLUMNS = ("period", "case_id", "issue", "member", "field", "categories",
                  "tags", "fits_existing_services", "at_opening")

# the kinds of reference kept as they are (by default): organisations the directory names
_DIRECTORY_KINDS = frozenset({"agency", "body"})


def _check_nested() -> None:
    """Every field of the nested classes has a rule (a new field stops the import)."""
    for cls, rules in NESTED_RULES.items():
        names = {f.name for f in attrs.fields(cls)}
        if names != set(rules):  # pragma: no cover - a guard for whoever adds a field
            raise AssertionError(f"NESTED_RULES[{cls.__name__}] lists {sorted(rules)}, "
                                 f"the class has {sorted(names)}")


_check_nested()


# -- the settings ------------------------------------------------------------------------------


def age_band(age: int, width: int = 10, top: int = 90) -> str:
    """The band of *width* years that *age* falls in, ``"top+"`` from *top* on.

    Top-coding hides the very old, who are few (an age of 97 in a small area is nearly a
    name). A negative age (a member born after the date) counts as 0.

    Args:
        age: an age in completed years.
        width: the width of a band, in years (1 to 100).
        top: the first age of the open top band (1 to 150).

    Returns:
        ``"40-49"``, ``"5-9"`` …, ``"90+"``; a band of width 1 is one age (``"7"``).

    Raises:
        InvalidValueError: an argument is not an int in its range.

    Examples:
        >>> age_band(47), age_band(97), age_band(7, width=5), age_band(83, top=85)
        ('40-49', '90+', '5-9', '80-84')
    """
    v.argument("age_band", "age", age, _AGE)
    v.argument("age_band", "width", width, _WIDTH)
    v.argument("age_band", "top", top, _TOP)
    return _band(age, width, top)


_AGE = v.integer(-200, 200)
_WIDTH = v.integer(1, 100)
_TOP = v.integer(1, 150)


def _band(age: int, width: int, top: int) -> str:
    if age >= top:
        return f"{top}+"
    low = max(age, 0) // width * width
    high = min(low + width, top) - 1
    return str(low) if high == low else f"{low}-{high}"


# -- the result --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False, eq=False)
class ResearchExport:
    """A dataset made from a ledger that is safe to hand to researchers.

    Every value in it is plain (JSON-ready): pseudonyms, codes, age bands, period keys, area
    ids at one level, counts and flags; see :func:`~hokatsu.sharing.research_export` for what
    was done.

    Attributes:
        municipality: the municipality's name.
        period_kind: the grain of every date (``"month"``, ``"quarter"``, ``"fiscal_year"``).
        area_level: the level of the area tree areas were generalised to.
        age_width: the width of the age bands, in years.
        top_age: the first age of the open top band.
        households: one row per case opened: the period it opened in, its household's area,
            the household's and the case's pseudonyms, and the household's size.
        members: one row per member of a household at a case's opening: relation, whether
            the member is the person at the centre (本人), age band, certificates, care level,
            employment and the other coded facts of :class:`~hokatsu.domain.households.Member`.
        issues: one row per issue, known at opening (``at_opening``) or identified later.
        events: one table per event type present, by its type tag (``"case_opened"`` …); each
            starts with the event's period and area, then its exported fields.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> from hokatsu.sharing import research_export
        >>> export = research_export(Ledger(himi(), himi_fy2017()), b"0123456789abcdef",
        ...                          area_level="city")
        >>> export.households.columns
        ('period', 'area', 'household', 'case_id', 'size')
        >>> len(export.households), export.period_kind.value, export.age_width, export.top_age
        (3, 'month', 10, 90)
    """

    municipality: str
    period_kind: PeriodKind
    area_level: str
    age_width: int
    top_age: int
    households: Table
    members: Table
    issues: Table
    events: Mapping[str, Table]

    def __repr__(self) -> str:
        n = sum(len(t) for t in self.events.values())
        return (f"<ResearchExport {self.municipality}: {len(self.households):,} households, "
                f"{len(self.members):,} members, {len(self.issues):,} issues, {n:,} events "
                f"in {len(self.events)} tables>")

    @property
    def tables(self) -> Mapping[str, Table]:
        """The tables by name (``households``, ``members``, ``issues``, then
        ``events.<type>`` for each event type).

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> from hokatsu.sharing import research_export
            >>> export = research_export(Ledger(himi(), himi_fy2017()), b"0123456789abcdef",
            ...                          area_level="city")
            >>> list(export.tables)[:4]
            ['households', 'members', 'issues', 'events.actor_joined']
        """
        out = {"households": self.households, "members": self.members, "issues": self.issues}
        out.update((f"events.{name}", table) for name, table in self.events.items())
        return MappingProxyType(out)

    def to_dict(self) -> dict[str, Any]:
        """The export as one JSON-ready dict: its settings and every table.

        Returns:
            A new dict of the settings and of ``tables``, each table as
            :meth:`Table.to_dict <hokatsu.sharing.Table.to_dict>` gives it.

        Examples:
            >>> import json
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> from hokatsu.sharing import research_export
            >>> export = research_export(Ledger(himi(), himi_fy2017()), b"0123456789abcdef",
            ...                          area_level="city")
            >>> data = export.to_dict()
            >>> data["period_kind"], data["tables"]["households"]["columns"][0]
            ('month', 'period')
            >>> json.loads(json.dumps(data))["tables"].keys() == data["tables"].keys()
            True
        """
        return {
            "municipality": self.municipality,
            "period_kind": self.period_kind.value,
            "area_level": self.area_level,
            "age_width": self.age_width,
            "top_age": self.top_age,
            "tables": {name: table.to_dict() for name, table in self.tables.items()},
        }


# -- the export --------------------------------------------------------------------------------


def research_export(
    ledger: Ledger | LedgerView,
    key: bytes,
    *,
    area_level: str,
    period_kind: PeriodKind | str = PeriodKind.MONTH,
    age_width: int = 10,
    top_age: int = 90,
    keep_agencies: bool = True,
) -> ResearchExport:
    """A copy of *ledger* safe to hand to researchers (see the module's description).

    Args:
        ledger: a ledger, or any selection of one (a fiscal year's, an area's).
        key: the secret the pseudonyms are made with, at least 16 bytes; the same key gives
            the same pseudonyms, so keep it to join later exports, and never hand it out.
        area_level: the level of the area tree every area is generalised to (``"block"`` …).
        period_kind: the grain every date is coarsened to: a
            :class:`~hokatsu.calendar.PeriodKind` or its value.
        age_width: the width of the age bands, in years.
        top_age: the first age of the open top band (``"90+"``).
        keep_agencies: keep the ids of agencies and meeting bodies (organisations the
            directory names); False pseudonymises them too. Community actors are
            pseudonymised either way.

    Returns:
        The :class:`~hokatsu.sharing.ResearchExport`.

    Raises:
        InvalidValueError: an argument is not of the kind above, or an event has a field
            the export has no rule for (:data:`~hokatsu.sharing.FIELD_RULES`).
        UnknownReferenceError: *area_level* is not a level of the municipality's areas.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.events import TrainingHeld
        >>> ledger = Ledger(himi(), [TrainingHeld(id="e1", date=dt.date(2017, 5, 8),
        ...                                       area_id="himi", participants=35,
        ...                                       title="多機関連携研修")])
        >>> export = research_export(ledger, b"0123456789abcdef", area_level="district",
        ...                          period_kind="quarter")
        >>> table = export.events["training_held"]
        >>> table.columns
        ('period', 'area', 'area_id', 'coordinator_id', 'participants')
        >>> table.rows  # the title is free text: it stays behind
        (('FY2017Q1', 'himi', 'himi', None, 35),)
    """
    if not isinstance(ledger, Ledger | LedgerView):
        raise InvalidValueError("research_export", "ledger", type(ledger).__name__,
                                "a Ledger or a LedgerView", personal=True)
    pseudonyms = Pseudonymiser(key)
    kind = _period_kind(period_kind)
    v.argument("research_export", "age_width", age_width, _WIDTH)
    v.argument("research_export", "top_age", top_age, _TOP)
    v.argument("research_export", "keep_agencies", keep_agencies, v.BOOL)
    directory = ledger.directory
    if type(area_level) is not str or area_level not in directory.areas.levels:
        raise UnknownReferenceError("research_export", "area_level", area_level,
                                    directory.areas.levels)
    state = _Export(directory, pseudonyms, kind, area_level, age_width, top_age, keep_agencies)
    found = state.run(ledger.events, ledger.areas)
    households = _ordered(state.households, 3)
    # members in their households' order: the record's order would tell which case came first
    by_case: dict[str, list[tuple[Any, ...]]] = {}
    for row in state.members:
        by_case.setdefault(row[1], []).append(row)
    members = tuple(row for household in households for row in by_case.pop(household[3], ()))
    return ResearchExport(
        municipality=directory.name, period_kind=kind, area_level=area_level,
        age_width=age_width, top_age=top_age,
        households=Table._trusted(_HOUSEHOLD_COLUMNS, households),
        members=Table._trusted(_MEMBER_COLUMNS, members),
        issues=Table._trusted(_ISSUE_COLUMNS, _ordered(state.issues, 1)),
        events=MappingProxyType({
            cls.TYPE: Table._trusted(plan.columns, _ordered(rows, plan.subject))
            for cls, (plan, rows) in sorted(found.items(), key=lambda item: item[0].TYPE)
        }),
    )


def _period_kind(value: object) -> PeriodKind:
    if isinstance(value, PeriodKind):
        return value
    try:
        return PeriodKind(value)  # type: ignore[arg-type]  # a wrong type is refused below
    except (ValueError, TypeError):
        raise InvalidValueError(
            "research_export", "period_kind", value,
            "a PeriodKind or one of 'month', 'quarter', 'fiscal_year'") from None


def _ordered(rows: list[tuple[Any, ...]], subject: int) -> tuple[tuple[Any, ...], ...]:
    """*rows* (in date order, period first) ordered by period, then by their *subject* column
    (a column that never holds None).

    The sort is stable, so a subject's rows keep their order; the order of different
    subjects within a period no longer tells which came first.
    """
    by_subject = operator.itemgetter(subject)
    out: list[tuple[Any, ...]] = []
    extend = out.extend
    for _, chunk in itertools.groupby(rows, operator.itemgetter(0)):
        extend(sorted(chunk, key=by_subject))
    return tuple(out)


_MAX_AGE = 150


class _Handlers(dict[type[Event], Callable[[Any, str], None]]):
    """The row function of each event class met, bound when the class is first met, so that
    the reading loop looks handlers up in C."""

    def __init__(self, export: _Export) -> None:
        super().__init__()
        self.export = export
        self.found: dict[type[Event], tuple[_Plan, list[Any]]] = {}

    def __missing__(self, cls: type[Event]) -> Callable[[Any, str], None]:
        plan = _plan(cls)
        rows: list[Any] = []
        self.found[cls] = (plan, rows)
        handler = self[cls] = plan.bind(self.export, rows.append)
        return handler


class _Export:
    """The state of one export: pseudonym caches, the generalised areas, the rows so far.

    Members and issues are pseudonymised within their case, as
    :func:`hokatsu.sharing.pseudonyms.scoped` makes the string (written out here, where it
    runs for every new member and issue: the ids are the ledger's, already checked).
    """

    def __init__(self, directory: Municipality, pseudonyms: Pseudonymiser, kind: PeriodKind,
                 level: str, width: int, top: int, keep_agencies: bool) -> None:
        self.pseudonyms = pseudonyms
        self.kind = kind
        self.bands = [_band(age, width, top) for age in range(_MAX_AGE + 1)]
        self.periods: dict[dt.date, str] = {}
        tree = directory.areas
        self.areas: dict[str, str] = {}
        for area in tree:
            self.areas[area.id] = tree.ancestor_at(area.id, level) or _nearest_above(
                tree.lineage(area.id), tree, level)
        if keep_agencies:
            kept, services = pseudonyms.cache("agency"), pseudonyms.cache("service")
            for agency in directory.agencies:
                if not agency.is_community_actor:
                    kept[agency.id] = agency.id
                    services.update((s.id, s.id) for s in agency.services)
            pseudonyms.cache("body").update((b.id, b.id) for b in directory.bodies)
        self.households: list[tuple[Any, ...]] = []
        self.members: list[tuple[Any, ...]] = []
        self.issues: list[tuple[Any, ...]] = []
        self._household = (pseudonyms.cache("household"), pseudonyms.maker("household"))
        self._case = (pseudonyms.cache("case"), pseudonyms.maker("case"))
        # members and issues by (case, id): a tuple is cheaper to hash than to format
        self._member: tuple[dict[tuple[str, str], str], Callable[[str], str]] = (
            {}, pseudonyms.maker("member", remember=False))
        self._issue: tuple[dict[tuple[str, str], str], Callable[[str], str]] = (
            {}, pseudonyms.maker("issue", remember=False))
        self._agency = (pseudonyms.cache("agency"), pseudonyms.maker("agency"))

    def period(self, date: dt.date) -> str:
        key = self.periods[date] = self.kind.of(date).key
        return key

    def area(self, area_id: str) -> str:
        raise UnknownReferenceError("research_export", "area_id", area_id, self.areas)

    def run(self, events: Any, areas: Any) -> dict[type[Event], tuple[_Plan, list[Any]]]:
        """Append the rows of every event; return each event class's plan and rows."""
        handlers = _Handlers(self)
        for event, area in zip(events, areas, strict=True):
            handlers[type(event)](event, area)  # a class met first is bound by __missing__
        return handlers.found

    # the nested objects -----------------------------------------------------------------

    def household(self, e: CaseOpened, area: str) -> str:
        """Add the rows of the household a case opened with; return its pseudonym."""
        household, case, date = e.household, e.case_id, e.date
        cache, make = self._household
        h = cache.get(household.id) or make(household.id)
        cache, make = self._case
        c = cache.get(case) or make(case)
        self.households.append((self.periods.get(date) or self.period(date),
                                self.areas.get(area) or self.area(area), h, c,
                                len(household.members)))
        bands, person, add = self.bands, household.person_id, self.members.append
        year, day = date.year, (date.month, date.day)
        members, make_member = self._member
        for m in household.members:
            born, mid = m.born, m.id
            age = year - born.year - (day < (born.month, born.day))
            pseudonym = members.get((case, mid))
            if pseudonym is None:
                pseudonym = members[(case, mid)] = make_member(f"{len(case)}:{case}/{mid}")
            care, certificates = m.care_level, m.certificates
            add((h, c, pseudonym, mid == person, m.relation._value_,
                 bands[0 if age < 0 else min(age, _MAX_AGE)],
                 _codes(certificates) if certificates else (), m.disability_suspected,
                 None if care is None else care._value_, m.employment._value_, m.carer,
                 m.public_assistance))
        if household.issues:
            self.issue_rows(household.issues, c, case, at_opening=True)
        return h

    def issue(self, e: IssueIdentified) -> str:
        """Add the row of an issue identified during a case; return its pseudonym."""
        cache, make = self._case
        case = e.case_id
        return self.issue_rows((e.issue,), cache.get(case) or make(case), case,
                               at_opening=False)

    def issue_rows(self, issues: tuple[Issue, ...], case_pseudonym: str, case: str, *,
                   at_opening: bool) -> str:
        """Add the rows of *issues* of *case*; return the last one's pseudonym."""
        cache, make = self._issue
        members, member = self._member[0], self.member
        periods, add = self.periods, self.issues.append
        pseudonym = ""
        for issue in issues:
            iid, date, categories, tags = issue.id, issue.identified, issue.categories, issue.tags
            pseudonym = cache.get((case, iid)) or ""
            if not pseudonym:
                pseudonym = cache[(case, iid)] = make(f"{len(case)}:{case}/{iid}")
            mid = issue.member_id
            add((periods.get(date) or self.period(date), case_pseudonym, pseudonym,
                 None if mid is None else members.get((case, mid)) or member(case, mid),
                 issue.field._value_,
                 _codes(categories) if categories else (), _codes(tags) if tags else (),
                 issue.fits_existing_services, at_opening))
        return pseudonym

    def member(self, case: str, member_id: str | None) -> str | None:
        """The pseudonym of a member of *case*'s household (an id unique in it only)."""
        if member_id is None:
            return None
        cache, make = self._member
        key = (case, member_id)
        found = cache.get(key)
        if found is None:
            found = cache[key] = make(f"{len(case)}:{case}/{member_id}")
        return found

    def issue_ref(self, case: str, issue_id: str | None) -> str | None:
        """The pseudonym of an issue of *case*'s household (an id unique in it only)."""
        if issue_id is None:
            return None
        cache, make = self._issue
        key = (case, issue_id)
        found = cache.get(key)
        if found is None:
            found = cache[key] = make(f"{len(case)}:{case}/{issue_id}")
        return found

    def roles(self, case: str, roles: tuple[PlanRole, ...]) -> tuple[Any, ...]:
        """A plan's roles: (agency, members' pseudonyms, fields) each; the task is text."""
        cache, make = self._agency
        known, member = self._member[0], self.member
        out = []
        for r in roles:
            agency, members, fields = r.agency_id, r.member_ids, r.fields
            out.append((
                cache.get(agency) or make(agency),
                tuple(sorted([known.get((case, m)) or member(case, m) or "" for m in members]))
                if members else (),
                _codes(fields) if fields else (),
            ))
        return tuple(out)


def _nearest_above(lineage: tuple[str, ...], tree: Any, level: str) -> str:
    """The deepest area of *lineage* (root first) above *level*: coarser than asked, never
    finer."""
    depth = tree.levels.index(level)
    above = [a for a in lineage if tree.levels.index(tree.get(a).level) <= depth]
    return str(above[-1])


def _codes(values: frozenset[Any]) -> tuple[str, ...]:
    return tuple(sorted([x._value_ for x in values])) if values else ()


# -- the plan of each event class, and its generated row function ------------------------------


@attrs.frozen
class _Plan:
    """How the rows of one event class are made."""

    cls: type[Event]
    columns: tuple[str, ...]
    subject: int  # the column rows are ordered by within a period (never None)
    code: types.CodeType

    def bind(self, export: _Export, append: Callable[[tuple[Any, ...]], None]
             ) -> Callable[[Any, str], None]:
        """The row function for one export, appending each row with *append*."""
        namespace: dict[str, Any] = {"_x": export, "_sorted": sorted, "_ar": export.areas,
                                     "_pc": export.periods, "_append": append,
                                     "_c_member": export._member[0],
                                     "_c_issue_ref": export._issue[0]}
        for kind in (*REF_KINDS, "service"):  # every kind an event field may name
            namespace[f"_c_{kind}"] = export.pseudonyms.cache(kind)
            namespace[f"_m_{kind}"] = export.pseudonyms.maker(kind)
        exec(self.code, namespace)
        function: Callable[[Any, str], None] = namespace["row"]
        return function


def _plan(cls: type[Event]) -> _Plan:
    """The plan of *cls*: made at import for hokatsu's events, on demand for any other."""
    plan = _PLANS.get(cls)
    return plan if plan is not None else _make_plan(cls)


def _refuse(cls: type[Any], field: str, expected: str) -> InvalidValueError:
    return InvalidValueError(
        "research_export", f"{cls.__name__}.{field}", Redacted("a field with no export rule"),
        expected)


_SUBJECTS = ("case_id", "referral_id", "item_id", "session_id", "measure_id", "resource_id",
             "agency_id", "area_id")


def _make_plan(cls: type[Event]) -> _Plan:
    """The row function of *cls*: one expression per column, from :data:`FIELD_RULES`."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # an event class whose annotations do not resolve has no plan
        raise _refuse(cls, "*", "an event class with resolvable annotations") from None
    columns = ["period", "area"]
    exprs = ["(_pc.get(e.date) or _x.period(e.date))", "(_ar.get(a) or _x.area(a))"]
    names = {f.name for f in attrs.fields(cls)} if attrs.has(cls) else set()
    for field in attrs.fields(cls) if attrs.has(cls) else ():
        name = field.name
        if not name.isidentifier():  # pragma: no cover - attrs field names are identifiers
            raise AssertionError(name)
        declared = field.metadata.get(REF)
        rule = FIELD_RULES.get(name)
        if isinstance(declared, Ref):
            expr = _ref_expr(declared.kind, name, hints[name])
        elif rule is None:
            raise _refuse(cls, name, "a field listed in hokatsu.sharing.export.FIELD_RULES "
                          "(exported or dropped on purpose)")
        elif rule in ("drop", "period"):
            continue  # the event's date is the period column
        elif rule == "code":
            expr = _code_expr(cls, name, hints[name])
        elif rule == "public":
            expr = f"e.{name}"
        elif rule == "attendance" and hints[name] == tuple[Headcount, ...]:
            expr = f"tuple([(h.category._value_, h.count) for h in e.{name}])"
        elif rule == "grounds":
            expr = f"tuple([(g.category._value_, g.basis._value_) for g in e.{name}])"
        elif rule == "service":
            expr = _ref_expr("service", name, hints[name])
        elif rule in ("member", "issue_ref"):
            if "case_id" not in names:
                raise _refuse(cls, name, "an id within a case, in an event with a case_id")
            cache = "_c_member" if rule == "member" else "_c_issue_ref"
            expr = (f"(None if (x := e.{name}) is None else "
                    f"({cache}.get((e.case_id, x)) or _x.{rule}(e.case_id, x)))")
        elif rule == "household" and hints[name] is Household:
            expr = "_x.household(e, a)"
        elif rule == "issue" and hints[name] is Issue and "case_id" in names:
            expr = "_x.issue(e)"
        elif rule == "roles" and "case_id" in names:
            expr = f"_x.roles(e.case_id, e.{name})"
        else:
            raise _refuse(cls, name, f"a field of the type its rule {rule!r} is for")
        columns.append(name)
        exprs.append(expr)
    # the subject rows are ordered by: a reference never None, else the area
    subject = next((columns.index(s) for s in _SUBJECTS if s in columns
                    and not _optional(hints[s]) and _origin(hints[s]) is not frozenset), 1)
    source = "def row(e, a):\n    _append((\n" + "".join(
        f"        {expr},\n" for expr in exprs) + "    ))\n"
    filename = f"<hokatsu.sharing.export row {cls.__module__}.{cls.__qualname__}>"
    code = compile(source, filename, "exec")
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    return _Plan(cls, tuple(columns), subject, code)


def _ref_expr(kind: str, name: str, hint: Any) -> str:
    one = f"(_c_{kind}.get(x) or _m_{kind}(x))"
    if kind == "area":
        one = "(_ar.get(x) or _x.area(x))"
    if _origin(hint) is frozenset:
        return f"(tuple(_sorted([{one} for x in e.{name}])) if e.{name} else ())"
    if _optional(hint):
        return f"(None if (x := e.{name}) is None else {one})"
    # the attribute is read twice only when its pseudonym is new
    return one.replace("(x)", f"(e.{name})")


def _code_expr(cls: type[Any], name: str, hint: Any) -> str:
    base = _optional(hint) or hint
    if isinstance(base, type) and issubclass(base, enum.Enum):
        # _value_ is the member's own attribute: .value goes through a descriptor, 3× slower
        return f"(None if (x := e.{name}) is None else x._value_)" if _optional(hint) \
            else f"e.{name}._value_"
    if base in (bool, int, float) or (_origin(base) is tuple and typing.get_args(base) == (
            int, ...)):
        return f"e.{name}"
    raise _refuse(cls, name, "a coded value (an enum, a bool, a number or a tuple of ints)")


def _origin(hint: Any) -> Any:
    return typing.get_origin(hint)


def _optional(hint: Any) -> Any:
    """The type *hint* makes optional (``X | None`` → X), else None."""
    if _origin(hint) in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0]
    return None


#: The plan of every event class hokatsu defines, made once.
_PLANS: dict[type[Event], _Plan] = {cls: _make_plan(cls) for cls in EVENT_TYPES.values()}
