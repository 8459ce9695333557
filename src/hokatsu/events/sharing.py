"""Events of information sharing: consent given, changed or withdrawn, an emergency override,
and every disclosure made.

Households' data is among the most sensitive a municipality holds, and the report names rules
for exchanging personal information as a pillar of the comprehensive system (checklist item
7-エ, 第4章 2.(2)①; 佐賀市's rules, 第3章). A consent is shaped after HL7 FHIR's Consent, kept
as small as the domain needs: a :class:`Provision` permits or denies sharing with some
recipients (agencies, kinds of meeting body by their
:class:`~hokatsu.domain.meetings.LegalBasis`, named bodies), for some purposes and categories
of data, over a period, and nests exceptions (a deny inside a permit). A consent is given by
the person, or by a representative named in words, and is changed or withdrawn by later events;
what it allows on a date is the business of :mod:`hokatsu.sharing.consent`.

A :class:`ConsentOverridden` (Primero's "consent overridden") lets information flow without
consent when a life is at risk; it needs a reason. A :class:`DisclosureRecorded` says what was
shown, to whom, why and on which ground, so that the audit trail is complete.

Examples:
    >>> import datetime as dt
    >>> consent = ConsentGiven(
    ...     id="e1", date=dt.date(2017, 5, 1), case_id="c1", consent_id="k1",
    ...     provision=Provision(
    ...         purposes=frozenset({SharingPurpose.SUPPORT_PLANNING}),
    ...         exceptions=(Provision(decision=Decision.DENY,
    ...                               categories=frozenset({DataCategory.FINANCES})),)))
    >>> consent.provision.decision.label, consent.provision.exceptions[0].decision.label
    ('同意', '拒否')
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.domain.meetings import LegalBasis
from hokatsu.errors import InvalidValueError
from hokatsu.events.base import Event, ref

__all__ = [
    "ConsentChanged",
    "ConsentGiven",
    "ConsentOverridden",
    "ConsentWithdrawn",
    "DataCategory",
    "Decision",
    "DisclosureBasis",
    "DisclosureRecorded",
    "Ground",
    "Provision",
    "SharingPurpose",
]

_OPT_ID = v.optional(v.ID)
_OPT_DATE = v.optional(v.DATE)
_OPT_TEXT = v.optional(v.TEXT)


class DataCategory(Labelled):
    """A category of a household's data, the unit a consent and a disclosure speak of.

    Identity and contact are personal; the other five are sensitive (close to the law's
    要配慮個人情報): a recipient without a lawful ground never sees them.

    Examples:
        >>> DataCategory.FINANCES.label, DataCategory.FINANCES.sensitive
        ('家計・生活保護', True)
    """

    IDENTITY = ("identity", "本人確認情報")
    CONTACT = ("contact", "連絡先・居住地")
    HEALTH_CARE = ("health_care", "健康・介護")
    DISABILITY = ("disability", "障害")
    FINANCES = ("finances", "家計・生活保護")
    FAMILY = ("family", "家族の状況")
    NOTES = ("notes", "自由記述の記録")

    @property
    def sensitive(self) -> bool:
        """Whether the category is sensitive (everything but identity and contact).

        Examples:
            >>> [c.value for c in DataCategory if not c.sensitive]
            ['identity', 'contact']
        """
        return self not in _PLAIN


_PLAIN = frozenset({DataCategory.IDENTITY, DataCategory.CONTACT})


class SharingPurpose(Labelled):
    """Why information is shared.

    Examples:
        >>> SharingPurpose.REFERRAL.label
        '他機関へのつなぎ'
    """

    SUPPORT_PLANNING = ("support_planning", "支援計画の作成")
    CASE_CONFERENCE = ("case_conference", "事例検討・支援会議")
    REFERRAL = ("referral", "他機関へのつなぎ")
    RESEARCH = ("research", "調査・研究")


class Decision(Labelled):
    """What a provision says: permit or deny (FHIR Consent's ``decision``).

    Examples:
        >>> Decision.DENY.label
        '拒否'
    """

    PERMIT = ("permit", "同意")
    DENY = ("deny", "拒否")


class DisclosureBasis(Labelled):
    """The ground on which a part of a case was shown.

    Examples:
        >>> DisclosureBasis.EMERGENCY.label
        '生命等の保護のための緊急時の判断'
    """

    CONSENT = ("consent", "本人の同意")
    SUPPORT_MEETING = ("support_meeting", "支援会議の法定の守秘義務（社会福祉法第106条の6等）")
    EMERGENCY = ("emergency", "生命等の保護のための緊急時の判断")


@attrs.frozen(kw_only=True)
class Provision:
    """A rule of a consent: permit or deny sharing within a scope, with nested exceptions.

    Each scope left empty means "any": a provision with no agencies, bodies and kinds of body
    covers every recipient. A recipient is covered when it is one of *agency_ids*, or a session
    of one of *body_ids*, or of a body whose legal basis is in *bases* (the kinds of meeting
    body). An exception is a provision inside this one, usually of the opposite decision (a
    deny inside a permit); within what this provision covers, the innermost exception that
    covers a disclosure decides.

    Args:
        decision: permit or deny.
        agency_ids: the agencies covered.
        body_ids: the meeting bodies covered.
        bases: the kinds of meeting body covered, by their legal basis.
        purposes: the purposes covered.
        categories: the categories of data covered.
        start: the first day covered, None for "from the consent's date".
        end: the last day covered, None for "until changed or withdrawn".
        exceptions: provisions nested inside this one.

    Raises:
        InvalidValueError: a field of the wrong type, or *end* before *start*.

    Examples:
        >>> p = Provision(purposes=frozenset({SharingPurpose.CASE_CONFERENCE}), exceptions=(
        ...     Provision(decision=Decision.DENY, categories=frozenset({DataCategory.FINANCES})),))
        >>> p.decision, len(p.walk())
        (<Decision.PERMIT: 'permit'>, 2)
    """

    decision: Decision = attrs.field(default=Decision.PERMIT, validator=v.enum_of(Decision))
    agency_ids: frozenset[str] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.ID), metadata=ref("agency"))
    body_ids: frozenset[str] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.ID), metadata=ref("body"))
    bases: frozenset[LegalBasis] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(LegalBasis)))
    purposes: frozenset[SharingPurpose] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(SharingPurpose)))
    categories: frozenset[DataCategory] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(DataCategory)))
    start: dt.date | None = attrs.field(default=None, validator=_OPT_DATE)
    end: dt.date | None = attrs.field(default=None, validator=_OPT_DATE)
    exceptions: tuple[Provision, ...] = attrs.field(default=())

    @exceptions.validator
    def _check_exceptions(self, attribute: attrs.Attribute[object], value: object) -> None:
        # a class cannot name itself in its own decorator's validators: checked here
        v.tuple_of(v.instance_of(Provision))(self, attribute, value)

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidValueError("Provision", "end", self.end,
                                    f"a date on or after start ({self.start})")

    def walk(self) -> tuple[Provision, ...]:
        """This provision and every exception nested in it, depth first.

        Returns:
            The provisions, this one first.

        Examples:
            >>> inner = Provision(decision=Decision.DENY, agency_ids=frozenset({"himi-school"}))
            >>> [p.decision.value for p in Provision(exceptions=(inner,)).walk()]
            ['permit', 'deny']
        """
        out: list[Provision] = [self]
        for exception in self.exceptions:
            out.extend(exception.walk())
        return tuple(out)


@attrs.frozen(kw_only=True)
class ConsentGiven(Event):
    """A member of the household gives a consent about the case's information.

    Args:
        case_id: the case.
        consent_id: the new consent's id.
        provision: what it permits and denies.
        member_id: the member who consents, None for the case's person.
        representative: who gave it on the member's behalf (成年後見人, 家族 …), in words; None
            when the member gave it.

    Examples:
        >>> import datetime as dt
        >>> event = ConsentGiven(id='e1', date=dt.date(2017, 4, 3), case_id='c1', consent_id='k1',
        ...     provision=Provision(purposes=frozenset({SharingPurpose.CASE_CONFERENCE,
        ...     SharingPurpose.SUPPORT_PLANNING})))
        >>> event.TYPE
        'consent_given'
    """

    TYPE: ClassVar[str] = "consent_given"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))
    consent_id: str = attrs.field(validator=v.ID, metadata=ref("consent", new=True))
    provision: Provision = attrs.field(validator=v.instance_of(Provision))
    member_id: str | None = attrs.field(default=None, validator=_OPT_ID)
    representative: str | None = attrs.field(
        default=None, validator=_OPT_TEXT, metadata=v.PERSONAL, repr=v.redacted)


@attrs.frozen(kw_only=True)
class ConsentChanged(Event):
    """A consent is changed: from this date its provision is the new one.

    Args:
        consent_id: the consent.
        provision: what it permits and denies from now on.
        representative: who changed it on the member's behalf, in words, if not the member.

    Examples:
        >>> import datetime as dt
        >>> event = ConsentChanged(id='e1', date=dt.date(2017, 6, 3), consent_id='k1',
        ...     provision=Provision(purposes=frozenset({SharingPurpose.CASE_CONFERENCE,
        ...     SharingPurpose.SUPPORT_PLANNING}), exceptions=(Provision(decision=Decision.DENY,
        ...     categories=frozenset({DataCategory.FINANCES})),)))
        >>> event.TYPE
        'consent_changed'
    """

    TYPE: ClassVar[str] = "consent_changed"
    consent_id: str = attrs.field(validator=v.ID, metadata=ref("consent"))
    provision: Provision = attrs.field(validator=v.instance_of(Provision))
    representative: str | None = attrs.field(
        default=None, validator=_OPT_TEXT, metadata=v.PERSONAL, repr=v.redacted)


@attrs.frozen(kw_only=True)
class ConsentWithdrawn(Event):
    """A consent is withdrawn: from this date it allows nothing. What was disclosed before
    stays disclosed, and stays in the audit trail.

    Args:
        consent_id: the consent.
        representative: who withdrew it on the member's behalf, in words, if not the member.

    Examples:
        >>> import datetime as dt
        >>> event = ConsentWithdrawn(id='e1', date=dt.date(2017, 5, 22), consent_id='k1')
        >>> event.TYPE
        'consent_withdrawn'
    """

    TYPE: ClassVar[str] = "consent_withdrawn"
    consent_id: str = attrs.field(validator=v.ID, metadata=ref("consent"))
    representative: str | None = attrs.field(
        default=None, validator=_OPT_TEXT, metadata=v.PERSONAL, repr=v.redacted)


@attrs.frozen(kw_only=True)
class ConsentOverridden(Event):
    """Information about a case may flow without consent because a life is at risk (Primero's
    "consent overridden"); every disclosure it allows is flagged in every report.

    Args:
        case_id: the case.
        agency_id: the agency that decided.
        reason: why, in words (required).
        until: the last day it holds; None for the day of the decision only.

    Examples:
        >>> import datetime as dt
        >>> event = ConsentOverridden(id='e1', date=dt.date(2018, 1, 20), case_id='c1',
        ...     agency_id='himi-health', reason='生命の危険')
        >>> event.TYPE, event.last_day
        ('consent_overridden', datetime.date(2018, 1, 20))
        >>> event  # doctest: +NORMALIZE_WHITESPACE
        ConsentOverridden(id='e1', date=datetime.date(2018, 1, 20), case_id='c1',
                          agency_id='himi-health', reason=<redacted>, until=None)
    """

    TYPE: ClassVar[str] = "consent_overridden"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))
    agency_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))
    reason: str = attrs.field(validator=v.TEXT, metadata=v.PERSONAL, repr=v.redacted)
    until: dt.date | None = attrs.field(default=None, validator=_OPT_DATE)

    def __attrs_post_init__(self) -> None:
        if self.until is not None and self.until < self.date:
            raise InvalidValueError(f"ConsentOverridden {self.id!r}", "until", self.until,
                                    f"None or a date on or after the event's ({self.date})")

    @property
    def last_day(self) -> dt.date:
        """The last day the override holds.

        Examples:
            >>> import datetime as dt
            >>> ConsentOverridden(id="e1", date=dt.date(2018, 1, 20), case_id="c1", agency_id="a",
            ...                   reason="生命の危険", until=dt.date(2018, 1, 27)).last_day
            datetime.date(2018, 1, 27)
        """
        return self.date if self.until is None else self.until


@attrs.frozen(kw_only=True)
class Ground:
    """One category of a disclosure and the ground it was shown on.

    Args:
        category: the category shown.
        basis: the ground it was shown on.

    Raises:
        InvalidValueError: a field of the wrong type.

    Examples:
        >>> Ground(category=DataCategory.HEALTH_CARE, basis=DisclosureBasis.CONSENT).basis.label
        '本人の同意'
    """

    category: DataCategory = attrs.field(validator=v.enum_of(DataCategory))
    basis: DisclosureBasis = attrs.field(validator=v.enum_of(DisclosureBasis))


@attrs.frozen(kw_only=True)
class DisclosureRecorded(Event):
    """A disclosure was made: what, to whom, why and on which ground.

    Exactly one of ``agency_id`` and ``session_id`` names the recipient. No grounds means
    that only the de-identified summary was shown (a community tier without consent).

    Args:
        case_id: the case.
        agency_id: the agency it was shown to.
        session_id: the meeting session it was shown to.
        purpose: why.
        grounds: each category shown, with its ground, in the order of :class:`DataCategory`.

    Examples:
        >>> import datetime as dt
        >>> event = DisclosureRecorded(id='e1', date=dt.date(2017, 6, 1), case_id='c1',
        ...     session_id='s1', purpose=SharingPurpose.CASE_CONFERENCE)
        >>> event.TYPE
        'disclosure_recorded'
    """

    TYPE: ClassVar[str] = "disclosure_recorded"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))
    agency_id: str | None = attrs.field(default=None, validator=_OPT_ID, metadata=ref("agency"))
    session_id: str | None = attrs.field(
        default=None, validator=_OPT_ID, metadata=ref("session"))
    purpose: SharingPurpose = attrs.field(validator=v.enum_of(SharingPurpose))
    grounds: tuple[Ground, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance_of(Ground)))

    def __attrs_post_init__(self) -> None:
        if (self.agency_id is None) == (self.session_id is None):
            raise InvalidValueError(
                f"DisclosureRecorded {self.id!r}", "agency_id/session_id",
                "neither" if self.agency_id is None else "both",
                "exactly one of an agency id and a session id")
        v.unique_ids(f"DisclosureRecorded {self.id!r}", "grounds",
                     (g.category.value for g in self.grounds))

    @property
    def categories(self) -> frozenset[DataCategory]:
        """The categories shown.

        Examples:
            >>> import datetime as dt
            >>> d = DisclosureRecorded(id="e1", date=dt.date(2017, 6, 1), case_id="c1",
            ...     agency_id="a",
            ...     purpose=SharingPurpose.REFERRAL,
            ...     grounds=(Ground(category=DataCategory.CONTACT, basis=DisclosureBasis.CONSENT),))
            >>> d.categories
            frozenset({<DataCategory.CONTACT: 'contact'>})
        """
        return frozenset(g.category for g in self.grounds)

    @property
    def emergency(self) -> bool:
        """Whether an emergency override allowed any part of it.

        Examples:
            >>> import datetime as dt
            >>> DisclosureRecorded(id="e1", date=dt.date(2017, 6, 1), case_id="c1", agency_id="a",
            ...     purpose=SharingPurpose.REFERRAL).emergency
            False
        """
        return any(g.basis is DisclosureBasis.EMERGENCY for g in self.grounds)
