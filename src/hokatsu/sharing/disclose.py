"""Disclosure: the view of a case a recipient may see, its record, and the audit trail.

:func:`disclose` is a pure function of the fold of the facts: for a recipient (an agency or a
meeting session), a purpose, a case and a date it returns a :class:`DisclosureView` whose every
part says whether its :class:`~hokatsu.events.sharing.DataCategory` is shown and under which
rule of :data:`~hokatsu.sharing.consent.SHARING_RULES`, or raises a
:class:`~hokatsu.errors.DisclosureDeniedError` naming the rule that denied it. A view records
itself as a :class:`~hokatsu.events.sharing.DisclosureRecorded` event
(:meth:`DisclosureView.record`); :func:`share` discloses and records in one step, so that
the audit trail is complete by default. The audit functions answer "who has seen this
household's health data, and on what basis" (:func:`who_has_seen`) and "which disclosures had
no consent and relied on a 支援会議's basis" (:func:`without_consent`); every answer flags
disclosures an emergency override allowed.

Examples:
    >>> import datetime as dt
    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.reference import himi, sample
    >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
    >>> ledger = Ledger(himi(), sample.himi_fy2017())
    >>> ledger.append(ConsentGiven(
    ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
    ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
    ...                         categories=frozenset({DataCategory.IDENTITY,
    ...                                               DataCategory.HEALTH_CARE}))))
    >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
    ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
    >>> view  # doctest: +NORMALIZE_WHITESPACE
    <DisclosureView case 'case-a' to agency 'himi-cgsc' for referral on 2018-03-27:
     2 of 7 categories shown>
    >>> [(part.category.value, part.rule) for part in view.parts][:3]
    [('identity', 'consent'), ('contact', 'no_consent'), ('health_care', 'consent')]
    >>> [(seen.recipient.agency_id, seen.basis.value) for seen in
    ...  who_has_seen(ledger, "case-a", DataCategory.HEALTH_CARE)]
    [('himi-cgsc', 'consent')]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu.domain.fields import Field
from hokatsu.domain.households import HardCaseType
from hokatsu.domain.meetings import LegalBasis
from hokatsu.errors import DisclosureDeniedError, InvalidValueError
from hokatsu.events import Event
from hokatsu.events.sharing import (
    DataCategory,
    DisclosureBasis,
    DisclosureRecorded,
    Ground,
    SharingPurpose,
)
from hokatsu.facts import CaseInfo, Context
from hokatsu.ledger import Ledger, LedgerView
from hokatsu.sharing.consent import (
    _ROWS,
    RULE_BASIS,
    Outcome,
    Recipient,
    _check,
    _resolve,
    _target,
)

__all__ = [
    "CaseSummary",
    "DisclosureReport",
    "DisclosureView",
    "Part",
    "Seen",
    "audit",
    "disclose",
    "disclosures",
    "share",
    "who_has_seen",
    "without_consent",
]

#: The data categories the household's issues fall in, by the issue's field.
_ISSUE_CATEGORY: dict[Field, DataCategory] = {
    Field.ELDERLY: DataCategory.HEALTH_CARE,
    Field.HEALTH: DataCategory.HEALTH_CARE,
    Field.DISABILITY: DataCategory.DISABILITY,
    Field.HARDSHIP: DataCategory.FINANCES,
    Field.EMPLOYMENT: DataCategory.FINANCES,
    Field.HOUSING: DataCategory.FINANCES,
}

Value = tuple[tuple[str, Any], ...]


class _Snapshot:
    """What a view may read of a case, as it was when the view was made: the household as
    opened, the issues and the latest plan's roles so far, the area."""

    __slots__ = ("area_id", "household", "issues", "roles")

    def __init__(self, case: CaseInfo) -> None:
        self.household = case.opening.household
        self.issues = tuple(case.issues)
        self.roles = case.plan_roles or ()
        self.area_id = case.area_id

    def __repr__(self) -> str:
        return "<case data>"


def _issues(case: _Snapshot, category: DataCategory) -> tuple[tuple[str, str | None, Field], ...]:
    family = DataCategory.FAMILY
    return tuple((i.id, i.member_id, i.field) for i in case.issues
                 if _ISSUE_CATEGORY.get(i.field, family) is category)


def _value(case: _Snapshot, category: DataCategory) -> Value:
    """What *case*'s category holds: ``(name, value)`` pairs."""
    household = case.household
    members = household.members
    if category is DataCategory.IDENTITY:
        return (("household_id", household.id), ("person_id", household.person_id),
                ("born", tuple((m.id, m.born) for m in members)))
    if category is DataCategory.CONTACT:
        return (("area_id", case.area_id),)
    if category is DataCategory.HEALTH_CARE:
        return (("care_levels", tuple((m.id, m.care_level) for m in members
                                      if m.care_level is not None)),
                ("issues", _issues(case, category)))
    if category is DataCategory.DISABILITY:
        return (("certificates", tuple((m.id, tuple(sorted(c.value for c in m.certificates)))
                                       for m in members if m.certificates)),
                ("suspected", tuple(m.id for m in members if m.disability_suspected)),
                ("issues", _issues(case, category)))
    if category is DataCategory.FINANCES:
        return (("public_assistance", tuple(m.id for m in members if m.public_assistance)),
                ("employment", tuple((m.id, m.employment) for m in members)),
                ("issues", _issues(case, category)))
    if category is DataCategory.FAMILY:
        return (("relations", tuple((m.id, m.relation) for m in members)),
                ("carers", tuple(m.id for m in members if m.carer)),
                ("issues", _issues(case, category)))
    return (("plan_tasks", tuple((r.agency_id, r.task) for r in case.roles if r.task)),)


@attrs.frozen(kw_only=True)
class Part:
    """One category of a case in a view: shown or redacted, and the rule that decided.

    What a shown part holds is read from the view (``view[category]``); a part itself holds
    no personal data.

    Args:
        category: the category of data.
        shown: whether the recipient sees it.
        rule: the rule of :data:`~hokatsu.sharing.consent.SHARING_RULES` that decided.
        basis: the ground it is shown on, None when redacted.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> from hokatsu.sharing import Recipient, share
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> ledger.append(ConsentGiven(
        ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
        ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
        ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
        >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
        ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
        >>> view.part(DataCategory.HEALTH_CARE)  # doctest: +NORMALIZE_WHITESPACE
        Part(category=<DataCategory.HEALTH_CARE: 'health_care'>, shown=True, rule='consent',
             basis=<DisclosureBasis.CONSENT: 'consent'>)
        >>> view.part(DataCategory.CONTACT).shown, view.part(DataCategory.CONTACT).rule
        (False, 'no_consent')
    """

    category: DataCategory = attrs.field(validator=v.enum_of(DataCategory))
    shown: bool = attrs.field(validator=v.BOOL)
    rule: str = attrs.field(validator=v.ID)
    basis: DisclosureBasis | None = attrs.field(validator=v.optional(v.enum_of(DisclosureBasis)))


@attrs.frozen(kw_only=True)
class CaseSummary:
    """What anyone allowed to discuss a case sees: counts and the hard-case type, nothing
    that names or describes a person.

    Args:
        members: how many members the household has.
        issues: how many issues are known.
        hard_type: the hard-case type ①–④ (第1章 2.(2)), None if none.
        is_open: whether the case is open.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> from hokatsu.sharing import Recipient, share
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> ledger.append(ConsentGiven(
        ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
        ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
        ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
        >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
        ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
        >>> summary = view.summary
        >>> summary.members >= 1, summary.is_open
        (True, False)
    """

    members: int = attrs.field(validator=v.integer(0))
    issues: int = attrs.field(validator=v.integer(0))
    hard_type: HardCaseType | None = attrs.field(validator=v.optional(v.enum_of(HardCaseType)))
    is_open: bool = attrs.field(validator=v.BOOL)


_make_summary = v.positional(CaseSummary)

#: Every part there can be, by category and rule: a part holds no data, so views share them.
_PARTS: dict[tuple[DataCategory, str], Part] = {
    (cat, rule): Part(category=cat, shown=basis is not None, rule=rule, basis=basis)
    for cat in DataCategory for rule, basis in RULE_BASIS.items()
}


@attrs.frozen(kw_only=True, repr=False)
class DisclosureView:
    """The view of a case a recipient may see for a purpose on a date.

    Args:
        case_id: the case.
        recipient: who sees it.
        purpose: why.
        date: the day of the disclosure.
        parts: one :class:`Part` per category, in the order of
            :class:`~hokatsu.events.sharing.DataCategory`.
        summary: the de-identified summary.

    ``view[category]`` reads what a shown category holds, as ``(name, value)`` pairs, as
    the case stood when the view was made. Its repr counts the categories shown and quotes
    none of the data.

    Raises:
        InvalidValueError: a field of the wrong kind (views are made by :func:`disclose`).

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> from hokatsu.sharing import Recipient, share
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> ledger.append(ConsentGiven(
        ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
        ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
        ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
        >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
        ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
        >>> view  # doctest: +NORMALIZE_WHITESPACE
        <DisclosureView case 'case-a' to agency 'himi-cgsc' for referral on 2018-03-27:
         1 of 7 categories shown>
        >>> view[DataCategory.CONTACT]  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.DisclosureDeniedError: ...
    """

    case_id: str = attrs.field(validator=v.ID)
    recipient: Recipient = attrs.field(validator=v.instance_of(Recipient))
    purpose: SharingPurpose = attrs.field(validator=v.enum_of(SharingPurpose))
    date: dt.date = attrs.field(validator=v.DATE)
    parts: tuple[Part, ...] = attrs.field(validator=v.tuple_of(v.instance_of(Part)))
    summary: CaseSummary = attrs.field(validator=v.instance_of(CaseSummary))
    # the case's data as it stood (a private snapshot, read by __getitem__)
    _data: Any = attrs.field(default=None, repr=False, eq=False, alias="_data")

    def __repr__(self) -> str:
        shown = sum(p.shown for p in self.parts)
        return (f"<DisclosureView case {self.case_id!r} to {self.recipient} for "
                f"{self.purpose.value} on {self.date}: {shown} of {len(self.parts)} "
                f"categories shown>")

    @property
    def shown(self) -> frozenset[DataCategory]:
        """The categories the recipient sees.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi, sample
            >>> from hokatsu.sharing import Recipient, share
            >>> ledger = Ledger(himi(), sample.himi_fy2017())
            >>> ledger.append(ConsentGiven(
            ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
            ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
            ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
            >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
            ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
            >>> view.shown == {DataCategory.HEALTH_CARE}
            True
        """
        return frozenset(p.category for p in self.parts if p.shown)

    @property
    def grounds(self) -> tuple[Ground, ...]:
        """Each category shown with its ground, as a record of the disclosure carries them.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi, sample
            >>> from hokatsu.sharing import Recipient, share
            >>> ledger = Ledger(himi(), sample.himi_fy2017())
            >>> ledger.append(ConsentGiven(
            ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
            ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
            ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
            >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
            ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
            >>> [(g.category.value, g.basis.value) for g in view.grounds]
            [('health_care', 'consent')]
        """
        return tuple(Ground(category=p.category, basis=p.basis) for p in self.parts
                     if p.basis is not None)

    @property
    def emergency(self) -> bool:
        """Whether an emergency override allowed any part.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi, sample
            >>> from hokatsu.sharing import Recipient, share
            >>> ledger = Ledger(himi(), sample.himi_fy2017())
            >>> ledger.append(ConsentGiven(
            ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
            ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
            ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
            >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
            ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
            >>> view.emergency
            False
        """
        return any(p.basis is DisclosureBasis.EMERGENCY for p in self.parts)

    def part(self, category: DataCategory) -> Part:
        """The part of *category*.

        Args:
            category: a category of data.

        Returns:
            The :class:`Part` of that category (every category has one).

        Raises:
            InvalidValueError: *category* is not a DataCategory.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi, sample
            >>> from hokatsu.sharing import Recipient, share
            >>> ledger = Ledger(himi(), sample.himi_fy2017())
            >>> ledger.append(ConsentGiven(
            ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
            ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
            ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
            >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
            ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
            >>> view.part(DataCategory.HEALTH_CARE).rule
            'consent'
            >>> view.part("health_care")  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            hokatsu.errors.InvalidValueError: ...
        """
        for p in self.parts:
            if p.category is category:
                return p
        raise InvalidValueError("DisclosureView.part", "category", category,
                                "a DataCategory")

    def __getitem__(self, category: DataCategory) -> Value:
        """The value of a shown *category*.

        Raises:
            DisclosureDeniedError: the category is redacted; the error names the rule.
            InvalidValueError: *category* is not a DataCategory.
        """
        p = self.part(category)
        if not p.shown or self._data is None:
            raise DisclosureDeniedError(self.case_id, str(self.recipient), p.rule,
                                        f"{category.value} is redacted")
        return _value(self._data, category)

    def record(self, id: str) -> DisclosureRecorded:
        """The event recording this disclosure, with id *id*, to append to the ledger.

        Args:
            id: the id of the event.

        Returns:
            A :class:`~hokatsu.events.sharing.DisclosureRecorded` with the view's case,
            recipient, purpose, date and grounds.

        Raises:
            InvalidValueError: *id* is not an id.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi, sample
            >>> from hokatsu.sharing import Recipient, share
            >>> ledger = Ledger(himi(), sample.himi_fy2017())
            >>> ledger.append(ConsentGiven(
            ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
            ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
            ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
            >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
            ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
            >>> event = view.record("d2")
            >>> event.id, event.case_id, event.grounds == view.grounds
            ('d2', 'case-a', True)
        """
        return DisclosureRecorded(
            id=id, date=self.date, case_id=self.case_id, agency_id=self.recipient.agency_id,
            session_id=self.recipient.session_id, purpose=self.purpose, grounds=self.grounds)


_make_view = v.positional(DisclosureView)
_SUMMARY_ONLY = tuple(_PARTS[cat, "community_summary"] for cat in DataCategory)
_NONE: tuple[Part, ...] = ()  # nothing shown


class _Parts(dict[Outcome, tuple[Part, ...]]):
    """The parts of each outcome of the rules (``_NONE`` when nothing is shown), made when it
    is first met and shared from then on: a table of a pure function, like ``_ROWS``."""

    def __missing__(self, outcome: Outcome) -> tuple[Part, ...]:
        rows = _ROWS[outcome]
        parts = self[outcome] = (_NONE if all(ground is None for _, ground, _ in rows)
                                 else tuple(_PARTS[cat, rule] for cat, _, rule in rows))
        return parts


_PARTS_OF = _Parts()


def _facts(source: object, obj: str) -> Context:
    if isinstance(source, Ledger):
        return source.facts
    if isinstance(source, Context):
        return source
    raise InvalidValueError(obj, "source", type(source).__name__,
                            "a Ledger or its facts (a hokatsu.facts.Context)")


def disclose(source: Ledger | Context, case_id: str, *, to: Recipient, purpose: SharingPurpose,
             date: dt.date) -> DisclosureView:
    """The view of a case that a recipient may see for a purpose on a date.

    Each category of data is shown or redacted as :mod:`hokatsu.sharing.consent` decides
    (consent, a 支援会議's legal basis, an emergency override), and every part names the
    rule that decided it. Pure: nothing is recorded; :meth:`DisclosureView.record` makes the
    event to append, and :func:`share` does both.

    Args:
        source: the ledger (or its facts) the case, its consents and the session are in.
        case_id: the case.
        to: the recipient: an agency, or a session held in the ledger.
        purpose: why it is shared.
        date: the day of the disclosure.

    Returns:
        The view. A session of a community tier with nothing shown sees the summary alone.

    Raises:
        DisclosureDeniedError: nothing of the case may be shown to a recipient that is not a
            community tier; the error names the rule that denied it.
        InvalidValueError: an argument of the wrong kind, or a date other than the
            session's.
        UnknownReferenceError: an unknown case, agency or session.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu import HokatsuError
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> try:
        ...     disclose(ledger, "case-a", to=Recipient(agency_id="himi-school"),
        ...              purpose=SharingPurpose.SUPPORT_PLANNING, date=dt.date(2018, 3, 1))
        ... except HokatsuError as error:
        ...     print(error.rule)
        no_consent
    """
    facts = source if type(source) is Context else _facts(source, "disclose")
    case = facts.cases.get(case_id) if type(case_id) is str else None
    if case is None or type(date) is not dt.date or type(purpose) is not SharingPurpose:
        _check("disclose", facts, case_id, date, purpose)  # raises the right error
        case = facts.cases[case_id]  # pragma: no cover - _check raised
    agency, body, basis = _target(facts, to, "disclose")
    if body is not None and facts.sessions[to.session_id].date != date:  # type: ignore[index]
        raise InvalidValueError("disclose", "date", date,
                                f"the date session {to.session_id!r} was held "
                                f"({facts.sessions[to.session_id].date})")  # type: ignore[index]
    outcome = _resolve(facts, case_id, date, agency, body, basis, purpose)
    parts = _PARTS_OF[outcome]
    if parts is _NONE:
        if basis is not LegalBasis.COMMUNITY:
            # _value_ is the member's own attribute: .value goes through a descriptor
            raise DisclosureDeniedError(case_id, str(to), _ROWS[outcome][0][2],
                                        f"nothing may be shown for {purpose._value_} on {date}")
        parts = _SUMMARY_ONLY
    summary = _make_summary(len(case.opening.household.members), len(case.issues),
                            case.hard_type, case.is_open)
    return _make_view(case_id, to, purpose, date, parts, summary, _Snapshot(case))


def share(ledger: Ledger, case_id: str, *, to: Recipient, purpose: SharingPurpose,
          date: dt.date, id: str) -> DisclosureView:
    """Disclose a case and record the disclosure in the ledger, in one step.

    Args:
        ledger: the ledger; the record is appended to it.
        case_id: the case.
        to: the recipient.
        purpose: why.
        date: the day of the disclosure (not before the ledger's latest event).
        id: the id of the :class:`~hokatsu.events.sharing.DisclosureRecorded` event.

    Returns:
        The view, as :func:`disclose` gives it.

    Raises:
        DisclosureDeniedError: nothing may be shown (nothing is recorded).
        EventRejectedError: the record breaks a ledger rule (a duplicate id, a date before
            the latest event's); the ledger is unchanged.
        InvalidValueError: an argument of the wrong kind.
        UnknownReferenceError: an unknown case, agency or session.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> from hokatsu.sharing import Recipient, share
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> ledger.append(ConsentGiven(
        ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
        ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
        ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
        >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
        ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
        >>> view.shown == {DataCategory.HEALTH_CARE}, ledger.events[-1].id
        (True, 'd1')
    """
    if not isinstance(ledger, Ledger):
        raise InvalidValueError("share", "ledger", type(ledger).__name__, "a Ledger")
    view = disclose(ledger, case_id, to=to, purpose=purpose, date=date)
    ledger.append(view.record(id))
    return view


# -- the audit trail ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Seen:
    """One time a recipient was shown a category of a case.

    Args:
        event_id: the disclosure's record.
        date: when.
        recipient: who.
        purpose: why.
        basis: on which ground.
        emergency: an emergency override allowed it (flagged in every report).

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> from hokatsu.sharing import Recipient, share
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> ledger.append(ConsentGiven(
        ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
        ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
        ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
        >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
        ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
        >>> from hokatsu.sharing import who_has_seen
        >>> seen, = who_has_seen(ledger, "case-a", DataCategory.HEALTH_CARE)
        >>> seen.event_id, seen.date, seen.basis.value, seen.emergency
        ('d1', datetime.date(2018, 3, 27), 'consent', False)
    """

    event_id: str
    date: dt.date
    recipient: Recipient
    purpose: SharingPurpose
    basis: DisclosureBasis
    emergency: bool


def _events(source: object, obj: str) -> Iterable[Event]:
    if not isinstance(source, Ledger | LedgerView):
        raise InvalidValueError(obj, "source", type(source).__name__, "a Ledger or LedgerView")
    return source.events


def disclosures(source: Ledger | LedgerView, *, case_id: str | None = None,
                category: DataCategory | None = None,
                basis: DisclosureBasis | None = None) -> tuple[DisclosureRecorded, ...]:
    """The recorded disclosures, in ledger order, optionally of one case, showing one
    category, or relying on one ground for some part.

    Args:
        source: a ledger or a view of one.
        case_id: keep the disclosures of this case.
        category: keep those that showed this category.
        basis: keep those with a part shown on this ground.

    Returns:
        The :class:`~hokatsu.events.sharing.DisclosureRecorded` events that pass every filter
        given.

    Raises:
        InvalidValueError: an argument of the wrong kind.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> disclosures(Ledger(himi(), sample.himi_fy2017()))
        ()
        >>> import datetime as dt
        >>> from hokatsu.events import DataCategory, SharingPurpose
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> from hokatsu.sharing import Recipient, share
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> core = "s-core-07"  # a session of the コア会議, a 支援会議 of 氷見市
        >>> view = share(ledger, "case-a", to=Recipient(session_id=core),
        ...              purpose=SharingPurpose.CASE_CONFERENCE,
        ...              date=ledger.facts.sessions[core].date, id="d1")
        >>> from hokatsu.sharing import disclosures
        >>> [e.id for e in disclosures(ledger, case_id="case-a",
        ...                            category=DataCategory.HEALTH_CARE)]
        ['d1']
        >>> disclosures(ledger, case_id="case-b")
        ()
    """
    events = _events(source, "disclosures")
    if case_id is not None and type(case_id) is not str:
        raise InvalidValueError("disclosures", "case_id", type(case_id).__name__,
                                "None or a case id (a str)")
    if category is not None and type(category) is not DataCategory:
        raise InvalidValueError("disclosures", "category", category, "None or a DataCategory")
    if basis is not None and type(basis) is not DisclosureBasis:
        raise InvalidValueError("disclosures", "basis", basis, "None or a DisclosureBasis")
    out = []
    for e in events:
        if type(e) is not DisclosureRecorded:
            continue
        if case_id is not None and e.case_id != case_id:
            continue
        if category is not None and all(g.category is not category for g in e.grounds):
            continue
        if basis is not None and all(g.basis is not basis for g in e.grounds):
            continue
        out.append(e)
    return tuple(out)


def who_has_seen(source: Ledger | LedgerView, case_id: str,
                 category: DataCategory) -> tuple[Seen, ...]:
    """Who has been shown a category of a case's data, when, why and on what ground.

    Args:
        source: a ledger or a view of one.
        case_id: the case (the household).
        category: the category (``DataCategory.HEALTH_CARE`` for health data).

    Returns:
        One :class:`Seen` per disclosure that showed it, in ledger order; those an emergency
        override allowed are flagged.

    Raises:
        InvalidValueError: an argument of the wrong kind.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> from hokatsu.sharing import Recipient, share
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> ledger.append(ConsentGiven(
        ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
        ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
        ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
        >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
        ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
        >>> from hokatsu.sharing import who_has_seen
        >>> [(s.recipient.agency_id, s.basis.value)
        ...  for s in who_has_seen(ledger, "case-a", DataCategory.HEALTH_CARE)]
        [('himi-cgsc', 'consent')]
        >>> who_has_seen(ledger, "case-a", DataCategory.CONTACT)
        ()
    """
    if type(case_id) is not str:
        raise InvalidValueError("who_has_seen", "case_id", type(case_id).__name__,
                                "a case id (a str)")
    if type(category) is not DataCategory:
        raise InvalidValueError("who_has_seen", "category", category, "a DataCategory")
    out = []
    for e in disclosures(source, case_id=case_id, category=category):
        ground = next(g for g in e.grounds if g.category is category)
        out.append(Seen(event_id=e.id, date=e.date,
                        recipient=Recipient(agency_id=e.agency_id, session_id=e.session_id),
                        purpose=e.purpose, basis=ground.basis,
                        emergency=ground.basis is DisclosureBasis.EMERGENCY))
    return tuple(out)


def without_consent(source: Ledger | LedgerView,
                    basis: DisclosureBasis = DisclosureBasis.SUPPORT_MEETING,
                    ) -> tuple[DisclosureRecorded, ...]:
    """The disclosures that showed something without consent, relying on *basis*.

    Args:
        source: a ledger or a view of one.
        basis: the ground relied on: a 支援会議's legal basis by default, or an emergency
            override.

    Returns:
        The disclosures with no part shown on consent and some part shown on *basis*, in
        ledger order.

    Raises:
        InvalidValueError: an argument of the wrong kind, or ``DisclosureBasis.CONSENT``.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> without_consent(Ledger(himi(), sample.himi_fy2017()))
        ()
        >>> import datetime as dt
        >>> from hokatsu.events import DataCategory, SharingPurpose
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> from hokatsu.sharing import Recipient, share
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> core = "s-core-07"  # a session of the コア会議, a 支援会議 of 氷見市
        >>> view = share(ledger, "case-a", to=Recipient(session_id=core),
        ...              purpose=SharingPurpose.CASE_CONFERENCE,
        ...              date=ledger.facts.sessions[core].date, id="d1")
        >>> from hokatsu.sharing import without_consent
        >>> [(e.id, e.session_id) for e in without_consent(ledger)]
        [('d1', 's-core-07')]
    """
    if type(basis) is not DisclosureBasis or basis is DisclosureBasis.CONSENT:
        raise InvalidValueError("without_consent", "basis", basis,
                                "DisclosureBasis.SUPPORT_MEETING or EMERGENCY")
    return tuple(e for e in disclosures(source, basis=basis)
                 if all(g.basis is not DisclosureBasis.CONSENT for g in e.grounds))


@attrs.frozen(kw_only=True)
class DisclosureReport:
    """A summary of the disclosures in a record, emergency overrides flagged.

    Args:
        total: how many disclosures were recorded.
        summaries: how many showed the de-identified summary alone.
        by_basis: how many relied on each ground for some part (value of the
            :class:`~hokatsu.events.sharing.DisclosureBasis` → count, every ground listed).
        without_consent: how many showed something with no part on consent.
        emergency: the ids of the disclosures an emergency override allowed.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> from hokatsu.sharing import Recipient, share
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> ledger.append(ConsentGiven(
        ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
        ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}),
        ...                         categories=frozenset({DataCategory.HEALTH_CARE}))))
        >>> view = share(ledger, "case-a", to=Recipient(agency_id="himi-cgsc"),
        ...              purpose=SharingPurpose.REFERRAL, date=dt.date(2018, 3, 27), id="d1")
        >>> from hokatsu.sharing import audit
        >>> report = audit(ledger)
        >>> report.total, report.without_consent, dict(report.by_basis)["consent"]
        (1, 0, 1)
    """

    total: int
    summaries: int
    by_basis: tuple[tuple[str, int], ...]
    without_consent: int
    emergency: tuple[str, ...]


def audit(source: Ledger | LedgerView) -> DisclosureReport:
    """Count the recorded disclosures by ground, and flag those an emergency override allowed.

    Args:
        source: a ledger or a view of one (:meth:`~hokatsu.ledger.Ledger.select` a period).

    Returns:
        The :class:`DisclosureReport` of every disclosure recorded in *source*.

    Raises:
        InvalidValueError: *source* is not a ledger or a view.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> audit(Ledger(himi(), sample.himi_fy2017())).total
        0
    """
    counts: Counter[str] = Counter()
    total = summaries = unconsented = 0
    emergency = []
    for e in disclosures(source):
        total += 1
        if not e.grounds:
            summaries += 1
            continue
        bases = {g.basis for g in e.grounds}
        for b in bases:
            counts[b.value] += 1
        if DisclosureBasis.CONSENT not in bases:
            unconsented += 1
        if DisclosureBasis.EMERGENCY in bases:
            emergency.append(e.id)
    return DisclosureReport(total=total, summaries=summaries,
                            by_basis=tuple((b.value, counts[b.value]) for b in DisclosureBasis),
                            without_consent=unconsented, emergency=tuple(emergency))
