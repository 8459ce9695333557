"""Meeting bodies (会議体) and how hard cases escalate between them.

A municipality's comprehensive system works through layered meetings. 氷見市's design from
FY2017 (第3章 3.(2)④) runs from district meetings (第3層, one per 地区) to block meetings
(第2層, one per ブロック) to the city-wide core meeting and the construction meeting (第1層):
each step is taken when the lower body finds no effective way to support a case. A
:class:`MeetingBody` records its tier, the area it covers (and, for a body that meets
separately in every area of a level, that level), its purposes (checklist item 11), its format
(item 12), members, frequency and the body it escalates to. The
:class:`~hokatsu.domain.municipality.Municipality` checks escalation against the area tree.

Examples:
    >>> body = MeetingBody(
    ...     id="district", name="セーフティネット地域会議", tier=3, area_id="city",
    ...     convenes_per="district", purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES}),
    ...     frequency=Frequency(times=1, per=FrequencyUnit.MONTH), escalates_to="block",
    ... )
    >>> body.tier_label, body.frequency.sessions_per_year
    ('第3層', 12.0)
"""

from __future__ import annotations

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.errors import CycleError, InvalidValueError

__all__ = [
    "BodyStructure",
    "Frequency",
    "FrequencyUnit",
    "LegalBasis",
    "MeetingBody",
    "MeetingFormat",
    "MeetingMethod",
    "MeetingPurpose",
    "MemberRole",
    "Membership",
]


class MeetingPurpose(Labelled):
    """What a meeting body is for: the options of checklist item 11 (第4章 2.(2)③).

    Examples:
        >>> MeetingPurpose.RESOURCE_DEVELOPMENT.label
        '社会資源の開発'
    """

    COMMUNITY_ISSUES = ("community_issues", "地域課題の発見・共有")
    INDIVIDUAL_CASES = ("individual_cases", "個別事例の検討")
    RESOURCE_DEVELOPMENT = ("resource_development", "社会資源の開発")
    FUNDING = ("funding", "財源の創出")
    NETWORKING = ("networking", "ネットワークづくり")
    OTHER = ("other", "その他")


class LegalBasis(Labelled):
    """On what footing a meeting body may see personal information about a case.

    Since FY2021 the law tells two kinds of meeting apart (社会福祉法, see DOMAIN.md §9): a
    支援会議 (第106条の6; likewise the 生活困窮 支援会議 of 生活困窮者自立支援法 from 2018)
    whose members owe secrecy under penalty and may share without the person's consent, and
    meetings such as the 重層的支援会議 or a case conference, where sharing needs consent.
    Community tiers, where residents and 民生委員 sit, see a de-identified summary unless the
    person's consent covers them (:mod:`hokatsu.sharing`).

    Examples:
        >>> from hokatsu.reference import himi
        >>> himi().body("himi-core").basis
        <LegalBasis.CONFIDENTIAL: 'confidential'>
    """

    CONFIDENTIAL = ("confidential", "支援会議（守秘義務・同意なしの共有可）")
    CONSENT = ("consent", "本人同意が必要な会議（重層的支援会議・ケース会議）")
    COMMUNITY = ("community", "地域の会議（同意がなければ匿名化した概要のみ）")


class BodyStructure(Labelled):
    """How a body is organised (checklist item 12 イ).

    Examples:
        >>> BodyStructure.SUBCOMMITTEE.label
        '部会・分科会'
    """

    SINGLE = ("single", "単一の会議")
    PLENARY = ("plenary", "全体会")
    SUBCOMMITTEE = ("subcommittee", "部会・分科会")


class MeetingMethod(Labelled):
    """How a body works in session (checklist item 12 オ).

    Examples:
        >>> MeetingMethod.CASE_STUDY.label
        '事例検討'
    """

    DISCUSSION = ("discussion", "協議")
    CASE_STUDY = ("case_study", "事例検討")
    WORKSHOP = ("workshop", "ワークショップ")
    LECTURE = ("lecture", "講義・研修")
    INFORMATION_SHARING = ("information_sharing", "情報共有")


class FrequencyUnit(Labelled):
    """The unit of a meeting frequency.

    Examples:
        >>> FrequencyUnit("month")
        <FrequencyUnit.MONTH: 'month'>
    """

    DAY = ("day", "日")
    WEEK = ("week", "週")
    MONTH = ("month", "月")
    YEAR = ("year", "年")
    AD_HOC = ("ad_hoc", "随時")


_PER_YEAR = {
    FrequencyUnit.DAY: 245.0,  # working days
    FrequencyUnit.WEEK: 52.0,
    FrequencyUnit.MONTH: 12.0,
    FrequencyUnit.YEAR: 1.0,
}


@attrs.frozen(kw_only=True)
class Frequency:
    """How often a body meets: ``times`` per ``per``, or ad hoc (随時).

    Args:
        times: sessions per unit (ignored, and must be 0, for ad hoc).
        per: the unit.

    Raises:
        InvalidValueError: *times* is not 0 for an ad-hoc body, or 0 for any other.

    Examples:
        >>> Frequency(times=2, per=FrequencyUnit.MONTH).sessions_per_year
        24.0
        >>> Frequency(times=0, per=FrequencyUnit.WEEK)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """

    times: int = attrs.field(validator=v.integer(0, 1000))
    per: FrequencyUnit = attrs.field(validator=v.enum_of(FrequencyUnit))

    def __attrs_post_init__(self) -> None:
        if (self.per is FrequencyUnit.AD_HOC) != (self.times == 0):
            raise InvalidValueError(
                "Frequency", "times", self.times,
                "0 for an ad-hoc body and at least 1 otherwise",
            )

    @classmethod
    def ad_hoc(cls) -> Frequency:
        """A body convened when needed (随時).

        Returns:
            ``Frequency(times=0, per=FrequencyUnit.AD_HOC)``.

        Examples:
            >>> Frequency.ad_hoc().per.label, Frequency.ad_hoc().sessions_per_year
            ('随時', None)
        """
        return cls(times=0, per=FrequencyUnit.AD_HOC)

    @property
    def sessions_per_year(self) -> float | None:
        """Expected sessions a year (days counted as working days), None for ad hoc.

        Examples:
            >>> Frequency(times=1, per=FrequencyUnit.WEEK).sessions_per_year
            52.0
        """
        per = _PER_YEAR.get(self.per)
        return None if per is None else self.times * per


@attrs.frozen(kw_only=True)
class MeetingFormat:
    """How a body is held: the fields of checklist item 12 (第4章 2.(2)③).

    Args:
        joint_with: the existing meeting it is held together with (e.g. 地域ケア会議 or the
            民生委員 district meeting), None if it is held on its own (item 12 ア).
        structure: single body, plenary or sub-committee (イ).
        participants: who takes part, in words (ウ; member agencies are on the body).
        methods: how it works in session (オ).
        duration_minutes: usual length of a session.
        secretariat_id: the agency that runs its secretariat (カ).

    Raises:
        InvalidValueError: a field of the wrong type or out of range.

    Examples:
        >>> f = MeetingFormat(joint_with="地域ケア会議",
        ...                   methods=frozenset({MeetingMethod.CASE_STUDY}))
        >>> f.structure, f.joint_with
        (<BodyStructure.SINGLE: 'single'>, '地域ケア会議')
    """

    joint_with: str | None = attrs.field(default=None, validator=v.optional(v.TEXT))
    structure: BodyStructure = attrs.field(
        default=BodyStructure.SINGLE, validator=v.enum_of(BodyStructure)
    )
    participants: str | None = attrs.field(default=None, validator=v.optional(v.TEXT))
    methods: frozenset[MeetingMethod] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(MeetingMethod))
    )
    duration_minutes: int | None = attrs.field(
        default=None, validator=v.optional(v.integer(1, 24 * 60))
    )
    secretariat_id: str | None = attrs.field(default=None, validator=v.optional(v.ID))


class MemberRole(Labelled):
    """An agency's role in a meeting body.

    Examples:
        >>> MemberRole.SECRETARIAT.label
        '事務局'
    """

    CHAIR = ("chair", "議長・座長")
    CONVENER = ("convener", "招集者")
    SECRETARIAT = ("secretariat", "事務局")
    MEMBER = ("member", "構成員")
    ADVISER = ("adviser", "助言者")
    OBSERVER = ("observer", "オブザーバー")


@attrs.frozen(kw_only=True)
class Membership:
    """An agency's seat in a meeting body.

    Args:
        agency_id: the member agency.
        role: its role; an ordinary member by default.

    Raises:
        InvalidValueError: a field of the wrong type.

    Examples:
        >>> Membership(agency_id="swc", role=MemberRole.CHAIR).role.label
        '議長・座長'
    """

    agency_id: str = attrs.field(validator=v.ID)
    role: MemberRole = attrs.field(default=MemberRole.MEMBER, validator=v.enum_of(MemberRole))


@attrs.frozen(kw_only=True)
class MeetingBody:
    """A meeting body (会議体) of the comprehensive system.

    Args:
        id: unique within the municipality.
        name: display name (``"地域セーフティネットコア会議"``).
        tier: the layer, 1 for city-wide (第1層), larger numbers for smaller areas.
        area_id: the area the body covers.
        convenes_per: a level of the area tree when the body meets separately in each area of
            that level under ``area_id`` (氷見市's block meeting in each of its 4 blocks);
            None when it meets once for the whole of ``area_id``.
        purposes: what it is for (checklist item 11).
        format: how it is held (checklist item 12).
        members: member agencies and their roles.
        frequency: how often it meets, None if not set.
        escalates_to: the body a case goes to when this one finds no effective support.
        part_of: the body this one is a sub-committee (部会) of.
        promotion: the body is (part of) the 相談支援包括化推進会議 whose operation the (3)-5
            indicators evaluate.
        basis: the footing on which it may see personal information (:class:`LegalBasis`);
            a body that declares none needs the person's consent.
        basis_assumed: the basis is an assumption of the library where its source is silent.

    Raises:
        InvalidValueError: a field of the wrong type or out of range.
        DuplicateIdError: an agency holds two seats.
        CycleError: the body escalates to, or is part of, itself.

    Examples:
        >>> body = MeetingBody(id="core", name="コア会議", tier=1, area_id="city",
        ...                    members=(Membership(agency_id="swc"), Membership(agency_id="city")))
        >>> body.tier_label, sorted(body.member_ids)
        ('第1層', ['city', 'swc'])
        >>> MeetingBody(id="x", name="x", tier=1, area_id="city",
        ...             escalates_to="x")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.CycleError: ...
    """

    id: str = attrs.field(validator=v.ID)
    name: str = attrs.field(validator=v.TEXT)
    tier: int = attrs.field(validator=v.integer(1, 9))
    area_id: str = attrs.field(validator=v.ID)
    convenes_per: str | None = attrs.field(default=None, validator=v.optional(v.ID))
    purposes: frozenset[MeetingPurpose] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(MeetingPurpose))
    )
    format: MeetingFormat = attrs.field(
        factory=MeetingFormat, validator=v.instance_of(MeetingFormat)
    )
    members: tuple[Membership, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance_of(Membership))
    )
    frequency: Frequency | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(Frequency))
    )
    escalates_to: str | None = attrs.field(default=None, validator=v.optional(v.ID))
    part_of: str | None = attrs.field(default=None, validator=v.optional(v.ID))
    promotion: bool = attrs.field(default=False, validator=v.BOOL)
    basis: LegalBasis = attrs.field(default=LegalBasis.CONSENT, validator=v.enum_of(LegalBasis))
    basis_assumed: bool = attrs.field(default=False, validator=v.BOOL)

    def __attrs_post_init__(self) -> None:
        v.unique_ids(f"MeetingBody {self.id!r}", "members", (m.agency_id for m in self.members))
        for name in ("escalates_to", "part_of"):
            if getattr(self, name) == self.id:
                raise CycleError(f"MeetingBody {self.id!r}", name, (self.id,))

    @property
    def tier_label(self) -> str:
        """The report's name of the tier, ``"第1層"``.

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().body("himi-district").tier_label
            '第3層'
        """
        return f"第{self.tier}層"

    @property
    def member_ids(self) -> frozenset[str]:
        """The ids of the member agencies.

        Examples:
            >>> from hokatsu.reference import himi
            >>> "himi-minsei" in himi().body("himi-district").member_ids
            True
        """
        return frozenset(m.agency_id for m in self.members)
