"""What a recipient may see of a case on a date, and why: consent, legal bases, overrides.

The report names rules for exchanging personal information as a pillar of the comprehensive
system (checklist item 7-エ, 第4章 2.(2)①, with 佐賀市's rules as its example, 第3章); since
FY2021 the law tells meetings that may share without consent from those that need it
(社会福祉法 第106条の6 for the 支援会議). This module reads the consents, overrides and
meeting bodies of the one fold of the facts (:class:`~hokatsu.facts.Context`, kept by the
ledger as :attr:`~hokatsu.ledger.Ledger.facts`) and decides, for each
:class:`~hokatsu.events.sharing.DataCategory`, whether it may be shown and under which rule of
:data:`SHARING_RULES`:

1. ``consent`` — a provision of a consent in force permits it. Of all the provisions that
   cover the recipient, purpose, category and date, the latest wins (the version given,
   changed or withdrawn last); within a provision, the innermost nested exception covering
   it decides, so a deny nested in a permit is an exception to it. A withdrawal counts from
   its date: the consent allows nothing from then on, and what was disclosed before stays in
   the audit trail.
2. ``support_meeting`` — a session of a body whose
   :class:`~hokatsu.domain.meetings.LegalBasis` is ``CONFIDENTIAL`` (a 支援会議) may see it
   without consent, for any purpose but research.
3. ``emergency_override`` — a :class:`~hokatsu.events.sharing.ConsentOverridden` of the case
   holds on the date (risk to life); not for research.
4. Otherwise it is redacted: ``consent_denied`` (a provision denies it), ``consent_withdrawn``
   (a consent of the case was withdrawn, nothing else allows it) or ``no_consent``.

A session of a community tier (``COMMUNITY``) sees a de-identified summary when nothing else
is shown (``community_summary``); any other recipient shown nothing is refused.

Examples:
    >>> import datetime as dt
    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.reference import himi, sample
    >>> from hokatsu.events import ConsentGiven, DataCategory, Provision, SharingPurpose
    >>> ledger = Ledger(himi(), sample.himi_fy2017())
    >>> ledger.append(ConsentGiven(
    ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
    ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}))))
    >>> found = consent_at(ledger.facts, "case-a", dt.date(2018, 3, 27),
    ...                    Recipient(agency_id="himi-cgsc"), SharingPurpose.REFERRAL)
    >>> found[DataCategory.HEALTH_CARE]
    <Decision.PERMIT: 'permit'>
    >>> consent_at(ledger.facts, "case-a", dt.date(2018, 3, 25),
    ...            Recipient(agency_id="himi-cgsc"), SharingPurpose.REFERRAL)
    {}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu.domain.meetings import LegalBasis
from hokatsu.errors import InvalidValueError
from hokatsu.events.sharing import (
    DataCategory,
    Decision,
    DisclosureBasis,
    DisclosureRecorded,
    Provision,
    SharingPurpose,
)
from hokatsu.facts import ConsentInfo, Context
from hokatsu.ledger import Rule

__all__ = [
    "RULE_BASIS",
    "SHARING_RULES",
    "Recipient",
    "consent_at",
    "grounds_at",
]

_SECTION = "第4章 2.(2)①"  # checklist item 7-エ: rules for sharing personal information

#: The rules that decide what a recipient sees, by the name a view's parts and a
#: :class:`~hokatsu.errors.DisclosureDeniedError` carry.
SHARING_RULES: Mapping[str, Rule] = MappingProxyType({rule.name: rule for rule in (
    Rule("consent", "a provision of a consent in force permits it; the latest applicable "
                    "provision wins, and a nested exception decides within its scope", _SECTION),
    Rule("support_meeting", "a 支援会議, its members bound to secrecy, may share without "
                            "consent for support (社会福祉法 第106条の6), never for research"),
    Rule("emergency_override", "an override of the case holds on the date (risk to life); "
                               "flagged in every report of disclosures, never for research"),
    Rule("community_summary", "a community tier (residents, 民生委員) sees only a "
                              "de-identified summary unless consent covers it"),
    Rule("consent_denied", "a provision of a consent in force denies it", _SECTION),
    Rule("consent_withdrawn", "a consent of the case was withdrawn before the date, and "
                              "nothing else allows it", _SECTION),
    Rule("no_consent", "no consent covers this recipient, purpose and category, and no legal "
                       "basis or override applies", _SECTION),
)})

#: The ground each rule shows a category on; None for a rule that redacts it.
RULE_BASIS: Mapping[str, DisclosureBasis | None] = MappingProxyType({
    "consent": DisclosureBasis.CONSENT, "support_meeting": DisclosureBasis.SUPPORT_MEETING,
    "emergency_override": DisclosureBasis.EMERGENCY, "community_summary": None,
    "consent_denied": None, "consent_withdrawn": None, "no_consent": None,
})

_CATEGORIES = tuple(DataCategory)
_INDEX = {cat: i for i, cat in enumerate(_CATEGORIES)}
_ALL = frozenset(_CATEGORIES)
_PERMIT, _DENY = Decision.PERMIT, Decision.DENY
_RESEARCH = SharingPurpose.RESEARCH
_CONSENT = DisclosureBasis.CONSENT
_CONFIDENTIAL, _COMMUNITY = LegalBasis.CONFIDENTIAL, LegalBasis.COMMUNITY


def _check_recipient(self: Recipient, attribute: Any, value: Any) -> None:
    v.optional(v.ID)(self, attribute, value)


@attrs.frozen(kw_only=True)
class Recipient:
    """Who would see a case: an agency, or a session of a meeting body (exactly one).

    Args:
        agency_id: the agency.
        session_id: the session, as held in the ledger.

    Examples:
        >>> Recipient(agency_id="himi-cgsc")
        Recipient(agency_id='himi-cgsc', session_id=None)
    """

    agency_id: str | None = attrs.field(default=None, validator=_check_recipient)
    session_id: str | None = attrs.field(default=None, validator=_check_recipient)

    def __attrs_post_init__(self) -> None:
        if (self.agency_id is None) == (self.session_id is None):
            raise InvalidValueError("Recipient", "agency_id/session_id",
                                    "neither" if self.agency_id is None else "both",
                                    "exactly one of an agency id and a session id")

    def __str__(self) -> str:
        if self.agency_id is not None:
            return f"agency {self.agency_id!r}"
        return f"session {self.session_id!r}"


def _covers(p: Provision, date: dt.date, agency: str | None, body: str | None,
            basis: LegalBasis | None, purpose: SharingPurpose) -> bool:
    """Whether *p* covers the recipient, purpose and date (its categories aside)."""
    if p.purposes and purpose not in p.purposes:
        return False
    if (p.start is not None and date < p.start) or (p.end is not None and date > p.end):
        return False
    if not (p.agency_ids or p.body_ids or p.bases):
        return True
    if agency is not None:
        return agency in p.agency_ids
    return body in p.body_ids or basis in p.bases


#: The categories some provisions permit and those they deny (disjoint sets).
Decided = tuple[frozenset[DataCategory], frozenset[DataCategory]]

_NOTHING: frozenset[DataCategory] = frozenset()


def _apply(p: Provision, within: frozenset[DataCategory], date: dt.date, agency: str | None,
           body: str | None, basis: LegalBasis | None, purpose: SharingPurpose,
           decided: Decided) -> Decided:
    """*decided* once *p* has decided the categories it covers within *within* and its
    exceptions have decided inside it (the innermost covering one wins)."""
    if not _covers(p, date, agency, body, basis, purpose):
        return decided
    cats = within if not p.categories else within & p.categories
    if not cats:
        return decided
    # set operations on frozensets run in C on the members' stored hashes; an empty side is
    # left as it is, so that a lone provision's sets are its own (their hashes kept)
    permit, deny = decided
    if p.decision is _PERMIT:
        decided = (permit | cats if permit else cats, deny - cats if deny else deny)
    else:
        decided = (permit - cats if permit else permit, deny | cats if deny else cats)
    for exception in p.exceptions:
        decided = _apply(exception, cats, date, agency, body, basis, purpose, decided)
    return decided


def _decisions(consents: list[ConsentInfo] | None, date: dt.date, agency: str | None,
               body: str | None, basis: LegalBasis | None, purpose: SharingPurpose) -> Decided:
    """The categories whose latest applicable provision permits them, and those it denies."""
    decided = (_NOTHING, _NOTHING)
    if not consents:
        return decided
    found: list[tuple[int, Provision]] = []
    for consent in consents:
        version = consent.at(date)
        if version is not None:
            found.append(version)
    if len(found) > 1:
        found.sort(key=_ORDER)  # the latest version applied last, so that it wins
    for _, provision in found:
        decided = _apply(provision, _ALL, date, agency, body, basis, purpose, decided)
    return decided


def _order(version: tuple[int, Provision]) -> int:
    return version[0]


_ORDER = _order


def _target(facts: Context, recipient: Recipient,
            obj: str) -> tuple[str | None, str | None, LegalBasis | None]:
    """``(agency id, body id, body's basis)`` of *recipient*, checked against *facts*."""
    if not isinstance(recipient, Recipient):
        raise InvalidValueError(obj, "recipient", type(recipient).__name__, "a Recipient")
    directory = facts.directory
    if recipient.agency_id is not None:
        if directory is not None:
            directory.agency(recipient.agency_id)
        return recipient.agency_id, None, None
    session = facts.session(recipient.session_id)  # type: ignore[arg-type]
    if directory is None:
        return None, session.body_id, LegalBasis.CONSENT
    return None, session.body_id, directory.body(session.body_id).basis


def _check(obj: str, facts: Context, case_id: object, date: object, purpose: object) -> None:
    if not isinstance(facts, Context):
        raise InvalidValueError(obj, "facts", type(facts).__name__,
                                "a hokatsu.facts.Context (a ledger's facts)")
    if type(case_id) is not str:
        raise InvalidValueError(obj, "case_id", type(case_id).__name__, "a case id (a str)")
    facts.case(case_id)
    if type(date) is not dt.date:
        raise InvalidValueError(obj, "date", date, "a datetime.date")
    if type(purpose) is not SharingPurpose:
        raise InvalidValueError(obj, "purpose", purpose, "a SharingPurpose")


def consent_at(facts: Context, case_id: str, date: dt.date, recipient: Recipient,
               purpose: SharingPurpose) -> dict[DataCategory, Decision]:
    """What the consents of a case say about a recipient and purpose on a date.

    Args:
        facts: the fold of the facts (a ledger's :attr:`~hokatsu.ledger.Ledger.facts`).
        case_id: the case.
        date: the day of the disclosure.
        recipient: who would see it.
        purpose: why.

    Returns:
        The decision of the latest applicable provision for each category some provision
        covers (the innermost nested exception deciding within a provision), in the order of
        :class:`~hokatsu.events.sharing.DataCategory`; a category no provision covers is
        absent. Consents withdrawn on or before *date*, or given after it, say nothing.

    Raises:
        InvalidValueError: an argument of the wrong kind.
        UnknownReferenceError: an unknown case, agency or session.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.events import ConsentGiven, Decision, DataCategory, Provision
        >>> from hokatsu.events import SharingPurpose
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> from hokatsu.sharing.consent import Recipient, consent_at
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> ledger.append(ConsentGiven(
        ...     id="k1", date=dt.date(2018, 3, 26), case_id="case-a", consent_id="consent-a",
        ...     provision=Provision(agency_ids=frozenset({"himi-cgsc"}), decision=Decision.DENY,
        ...                         categories=frozenset({DataCategory.FINANCES}))))
        >>> consent_at(ledger.facts, "case-a", dt.date(2018, 3, 27),
        ...            Recipient(agency_id="himi-cgsc"), SharingPurpose.REFERRAL)
        {<DataCategory.FINANCES: 'finances'>: <Decision.DENY: 'deny'>}
        >>> consent_at(ledger.facts, "case-a", dt.date(2018, 3, 27),
        ...            Recipient(agency_id="himi-school"), SharingPurpose.REFERRAL)
        {}
    """
    _check("consent_at", facts, case_id, date, purpose)
    agency, body, basis = _target(facts, recipient, "consent_at")
    permit, deny = _decisions(facts.case_consents.get(case_id), date, agency, body, basis,
                              purpose)
    return {cat: _PERMIT if cat in permit else _DENY for cat in _CATEGORIES
            if cat in permit or cat in deny}


def _override(facts: Context, case_id: str, date: dt.date) -> bool:
    overrides = facts.overrides.get(case_id)
    if overrides:
        for override in overrides:
            if override.date <= date <= override.last_day:
                return True
    return False


def _withdrawn(consents: list[ConsentInfo], date: dt.date) -> bool:
    return any(c.withdrawn is not None and c.withdrawn <= date for c in consents)


Row = tuple[DataCategory, DisclosureBasis | None, str]

#: What the rules decided for a recipient, purpose and date: the categories consent permits,
#: those it denies, and the rule that decides every other category (``support_meeting``,
#: ``emergency_override``, ``consent_withdrawn`` or ``no_consent``). The denied categories
#: are left out when a legal basis or an override shows the rest: they are shown all the same.
Outcome = tuple[frozenset[DataCategory], frozenset[DataCategory], str]


class _Rows(dict[Outcome, tuple[Row, ...]]):
    """The rows of each outcome, made when it is first met and shared from then on.

    A table, not state: the rows are a pure function of the outcome, and there are at most
    3⁷ × 4 outcomes (each category permitted, denied or neither; four rules for the rest).
    """

    def __missing__(self, outcome: Outcome) -> tuple[Row, ...]:
        permit, deny, rest = outcome
        ground = RULE_BASIS[rest]
        rows = self[outcome] = tuple(
            (cat, _CONSENT, "consent") if cat in permit
            else (cat, None, "consent_denied") if cat in deny
            else (cat, ground, rest)
            for cat in _CATEGORIES)
        return rows


_ROWS = _Rows()
_SUPPORT_ONLY: Outcome = (_NOTHING, _NOTHING, "support_meeting")
_EMERGENCY_ONLY: Outcome = (_NOTHING, _NOTHING, "emergency_override")
_NO_CONSENT: Outcome = (_NOTHING, _NOTHING, "no_consent")


def _resolve(facts: Context, case_id: str, date: dt.date, agency: str | None, body: str | None,
             basis: LegalBasis | None, purpose: SharingPurpose) -> Outcome:
    """What the rules decide for every category (:data:`Outcome`; ``_ROWS[outcome]`` gives
    each category's ground and rule, in order)."""
    consents = facts.case_consents.get(case_id)
    research = purpose is _RESEARCH
    lawful = basis is _CONFIDENTIAL and not research
    if not consents:  # the usual case, in a few look-ups
        if lawful:
            return _SUPPORT_ONLY
        if not research and _override(facts, case_id, date):
            return _EMERGENCY_ONLY
        return _NO_CONSENT
    permit, deny = _decisions(consents, date, agency, body, basis, purpose)
    if lawful:  # what consent does not permit, the 支援会議's basis shows
        return permit, _NOTHING, "support_meeting"
    if not research and _override(facts, case_id, date):
        return permit, _NOTHING, "emergency_override"
    return permit, deny, "consent_withdrawn" if _withdrawn(consents, date) else "no_consent"


def grounds_at(facts: Context, case_id: str, date: dt.date, recipient: Recipient,
               purpose: SharingPurpose) -> tuple[tuple[DataCategory, DisclosureBasis | None,
                                                        str], ...]:
    """For every category of data, whether a recipient may see it on a date, and why.

    Args:
        facts: the fold of the facts (a ledger's :attr:`~hokatsu.ledger.Ledger.facts`).
        case_id: the case.
        date: the day of the disclosure.
        recipient: who would see it.
        purpose: why.

    Returns:
        ``(category, ground, rule)`` for each :class:`~hokatsu.events.sharing.DataCategory`
        in order: the ground (consent, a 支援会議's basis, an emergency override) when it may
        be shown, None when not; the rule of :data:`SHARING_RULES` that decided.

    Raises:
        InvalidValueError: an argument of the wrong kind.
        UnknownReferenceError: an unknown case, agency or session.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> core = next(s for s, info in ledger.facts.sessions.items()
        ...             if info.body_id == "himi-core")
        >>> rows = grounds_at(ledger.facts, "case-a", ledger.facts.sessions[core].date,
        ...                   Recipient(session_id=core), SharingPurpose.CASE_CONFERENCE)
        >>> rows[0][0].value, rows[0][1].value, rows[0][2]
        ('identity', 'support_meeting', 'support_meeting')
    """
    _check("grounds_at", facts, case_id, date, purpose)
    agency, body, basis = _target(facts, recipient, "grounds_at")
    return _ROWS[_resolve(facts, case_id, date, agency, body, basis, purpose)]


def check_recorded(facts: Context, event: DisclosureRecorded) -> str | None:
    """Why a recorded disclosure shows more than the rules allowed on its date, None if it
    does not (the ledger's rule ``disclosure_not_allowed``).

    Args:
        facts: the fold of the facts the disclosure is checked against, before it.
        event: the record.

    Returns:
        A sentence naming the first category shown on a ground the rules do not give, or
        a non-community recipient shown only a summary; None when the record is allowed.

    Raises:
        InvalidValueError: *facts* is not a fold, or *event* not a disclosure record.
        UnknownReferenceError: the record names a case, agency or session *facts* do not
            know.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.events import DataCategory, DisclosureBasis, DisclosureRecorded
        >>> from hokatsu.events import Ground, SharingPurpose
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi, sample
        >>> from hokatsu.sharing.consent import check_recorded
        >>> ledger = Ledger(himi(), sample.himi_fy2017())
        >>> event = DisclosureRecorded(
        ...     id="d1", date=dt.date(2018, 3, 27), case_id="case-a", agency_id="himi-cgsc",
        ...     purpose=SharingPurpose.REFERRAL, grounds=(Ground(
        ...         category=DataCategory.HEALTH_CARE, basis=DisclosureBasis.CONSENT),))
        >>> check_recorded(ledger.facts, event)
        "health_care shown on ground consent; the rules allow nothing (rule 'no_consent')"
    """
    if not isinstance(event, DisclosureRecorded):
        raise InvalidValueError("check_recorded", "event", type(event).__name__,
                                "a DisclosureRecorded")
    _check("check_recorded", facts, event.case_id, event.date, event.purpose)
    _target(facts, Recipient(agency_id=event.agency_id, session_id=event.session_id),
            "check_recorded")
    return _recorded_problem(facts, event)


def _recorded_problem(facts: Context, event: DisclosureRecorded) -> str | None:
    """:func:`check_recorded` of a record whose references the ledger has checked (the
    recording is on its hot path: they are read directly)."""
    agency, body, basis = event.agency_id, None, None
    if agency is None:
        body = facts.sessions[event.session_id].body_id  # type: ignore[index]
        directory = facts.directory
        basis = LegalBasis.CONSENT if directory is None else directory.body(body).basis
    rows = _ROWS[_resolve(facts, event.case_id, event.date, agency, body, basis, event.purpose)]
    index = _INDEX
    for g in event.grounds:
        _, ground, rule = rows[index[g.category]]
        if ground is not g.basis:
            allowed = "nothing" if ground is None else ground.value
            return (f"{g.category.value} shown on ground {g.basis.value}; the rules allow "
                    f"{allowed} (rule {rule!r})")
    if not event.grounds and basis is not _COMMUNITY:
        recipient = (f"agency {agency!r}" if agency is not None
                     else f"session {event.session_id!r}")
        return f"only a community tier is shown a summary; {recipient} is not one"
    return None
