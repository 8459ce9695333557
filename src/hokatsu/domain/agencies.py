"""Agencies (関係機関), community actors and the services they offer.

The report's comprehensive system gathers consultation bases of every field — 地域包括支援センター,
自立相談支援機関, 相談支援事業所 — with the 社会福祉協議会, municipal sections, prefectural and
national bodies, corporations, NPOs and community actors (自治会, 民生委員・児童委員, 地区社協 …),
(第2章 3., 第3章). An :class:`Agency` records who hosts it (its sector), what kind of body it is,
the fields and areas it covers and when it joined the comprehensive system; its services carry
their eligibility in structured form, so that "who could take this issue" is a computation.

Examples:
    >>> import datetime as dt
    >>> centre = Agency(
    ...     id="houkatsu", name="地域包括支援センター", sector=Sector.GOVERNMENT,
    ...     kind=AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER,
    ...     fields=frozenset({Field.ELDERLY}), area_ids=frozenset({"city"}),
    ...     services=(Service(
    ...         id="care-consult", name="総合相談",
    ...         eligibility=Eligibility(min_age=65, fields=frozenset({Field.ELDERLY})),
    ...     ),),
    ... )
    >>> centre.kind.label, centre.is_community_actor
    ('地域包括支援センター', False)
    >>> centre.services[0].eligibility.admits(age=70, field=Field.ELDERLY)
    True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.domain.fields import CompoundTag, Field
from hokatsu.errors import InvalidValueError

__all__ = ["Agency", "AgencyKind", "Eligibility", "Sector", "Service"]


class Sector(Labelled):
    """The kind of organisation that runs an agency (第2章 1., 第3章).

    Examples:
        >>> Sector.SOCIAL_WELFARE_COUNCIL.label
        '社会福祉協議会'
        >>> Sector("npo")
        <Sector.NPO: 'npo'>
    """

    GOVERNMENT = ("government", "行政（直営）")
    SOCIAL_WELFARE_COUNCIL = ("social_welfare_council", "社会福祉協議会")
    SOCIAL_WELFARE_CORPORATION = ("social_welfare_corporation", "社会福祉法人")
    MEDICAL_CORPORATION = ("medical_corporation", "医療法人")
    NPO = ("npo", "NPO法人")
    GENERAL_INCORPORATED = ("general_incorporated", "一般社団法人")
    COMPANY = ("company", "株式会社・企業")
    VOLUNTARY = ("voluntary", "任意団体")
    COMMUNITY = ("community", "地域")
    PREFECTURE_OR_STATE = ("prefecture_or_state", "都道府県・国の機関")


class AgencyKind(Labelled):
    """What kind of body an agency is (第2章 3.).

    Examples:
        >>> AgencyKind.HELLO_WORK.label
        'ハローワーク'
        >>> AgencyKind.WELFARE_COMMISSIONERS.is_community_actor
        True
    """

    COMMUNITY_GENERAL_SUPPORT_CENTER = ("community_general_support_center", "地域包括支援センター")
    CGSC_BRANCH = ("cgsc_branch", "地域包括支援センターのブランチ")
    SELF_RELIANCE_SUPPORT = ("self_reliance_support", "自立相談支援機関")
    DISABILITY_CONSULTATION = ("disability_consultation", "相談支援事業所")
    DISABILITY_CORE_CENTER = ("disability_core_center", "基幹相談支援センター")
    CONSULTATION_BASE = ("consultation_base", "相談支援の拠点")
    COMMUNITY_DESK = ("community_desk", "地域相談窓口")
    SOCIAL_WELFARE_COUNCIL = ("social_welfare_council", "社会福祉協議会")
    MUNICIPAL_SECTION = ("municipal_section", "市区町村の担当課")
    PUBLIC_HEALTH_CENTER = ("public_health_center", "保健所")
    POLICE = ("police", "警察署")
    CHILD_GUIDANCE_CENTER = ("child_guidance_center", "児童相談所")
    WOMENS_CONSULTATION = ("womens_consultation", "女性相談所")
    HELLO_WORK = ("hello_work", "ハローワーク")
    LEGAL_AFFAIRS_BUREAU = ("legal_affairs_bureau", "法務局")
    MEDICAL_INSTITUTION = ("medical_institution", "医療機関")
    CARE_PROVIDER = ("care_provider", "介護・障害福祉サービス事業所")
    SCHOOL = ("school", "学校")
    NPO = ("npo", "NPO・民間団体")
    COMPANY = ("company", "企業")
    NEIGHBOURHOOD_ASSOCIATION = ("neighbourhood_association", "自治会・町会")
    WELFARE_COMMISSIONERS = ("welfare_commissioners", "民生委員・児童委員")
    DISTRICT_SWC = ("district_swc", "地区社協")
    COMMUNITY_ORGANISATION = ("community_organisation", "地域づくり組織")
    VOLUNTEERS = ("volunteers", "ボランティア")
    SHOP = ("shop", "商店")
    OTHER = ("other", "その他")

    @property
    def is_community_actor(self) -> bool:
        """Whether this kind is a community actor (地域の主体, 第2章 2.).

        Examples:
            >>> AgencyKind.DISTRICT_SWC.is_community_actor, AgencyKind.POLICE.is_community_actor
            (True, False)
        """
        return self in _COMMUNITY_KINDS

    @property
    def is_consultation_base(self) -> bool:
        """Whether this kind is a consultation base of one of the siloed systems (第2章 3.).

        Examples:
            >>> AgencyKind.SELF_RELIANCE_SUPPORT.is_consultation_base
            True
            >>> AgencyKind.MUNICIPAL_SECTION.is_consultation_base
            False
        """
        return self in _CONSULTATION_KINDS


_COMMUNITY_KINDS = frozenset({
    AgencyKind.NEIGHBOURHOOD_ASSOCIATION, AgencyKind.WELFARE_COMMISSIONERS,
    AgencyKind.DISTRICT_SWC, AgencyKind.COMMUNITY_ORGANISATION, AgencyKind.VOLUNTEERS,
    AgencyKind.SHOP,
})
_CONSULTATION_KINDS = frozenset({
    AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER, AgencyKind.CGSC_BRANCH,
    AgencyKind.SELF_RELIANCE_SUPPORT, AgencyKind.DISABILITY_CONSULTATION,
    AgencyKind.DISABILITY_CORE_CENTER, AgencyKind.CONSULTATION_BASE, AgencyKind.COMMUNITY_DESK,
})


_AGE = v.optional(v.integer(0))
_FIELD = v.optional(v.enum_of(Field))
_TAGS = v.frozenset_of(v.enum_of(CompoundTag))


@attrs.frozen(kw_only=True)
class Eligibility:
    """Who a service is for, in structured form.

    Args:
        min_age: youngest age admitted (inclusive), None for no lower bound.
        max_age: oldest age admitted (inclusive), None for no upper bound.
        fields: fields of issues the service takes; empty means any field.
        tags: compound-case tags the service is aimed at; empty means no restriction.
        needs_certificate: the person must hold a disability certificate.
        needs_care_level: the person must hold a long-term-care certification.

    Raises:
        InvalidValueError: a field of the wrong type or out of range, or *max_age* below
            *min_age*.

    Examples:
        >>> youth = Eligibility(min_age=15, max_age=39, fields=frozenset({Field.EMPLOYMENT}))
        >>> youth.admits(age=20, field=Field.EMPLOYMENT), youth.admits(age=45)
        (True, False)
        >>> Eligibility(min_age=40, max_age=20)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """

    min_age: int | None = attrs.field(default=None, validator=v.optional(v.integer(0, 150)))
    max_age: int | None = attrs.field(default=None, validator=v.optional(v.integer(0, 150)))
    fields: frozenset[Field] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(Field))
    )
    tags: frozenset[CompoundTag] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(CompoundTag))
    )
    needs_certificate: bool = attrs.field(default=False, validator=v.BOOL)
    needs_care_level: bool = attrs.field(default=False, validator=v.BOOL)

    def __attrs_post_init__(self) -> None:
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            raise InvalidValueError(
                "Eligibility", "max_age", self.max_age, f"at least min_age ({self.min_age})"
            )

    def admits(
        self,
        *,
        age: int | None = None,
        field: Field | None = None,
        tags: Iterable[CompoundTag] = (),
        has_certificate: bool = False,
        has_care_level: bool = False,
    ) -> bool:
        """Whether a person with these facts, with an issue in *field*, is eligible.

        Facts left as None are not checked (an unknown age passes the age bounds). The facts
        are personal: an error names their type, never their value.

        Args:
            age: the person's age in completed years, None if unknown.
            field: the field of the issue, None if unknown.
            tags: the compound-case tags of the person's household.
            has_certificate: the person holds a disability certificate.
            has_care_level: the person holds a long-term-care certification.

        Returns:
            True if no known fact excludes the person.

        Raises:
            InvalidValueError: a fact of the wrong type (an age that is not a whole number of
                years, a field that is not a Field, tags that are not CompoundTags …).

        Examples:
            >>> e = Eligibility(min_age=65, needs_care_level=True)
            >>> e.admits(age=70, has_care_level=True), e.admits(age=70)
            (True, False)
            >>> e.admits(has_care_level=True)  # an unknown age passes
            True
        """
        v.argument("Eligibility.admits", "age", age, _AGE, personal=True)
        v.argument("Eligibility.admits", "field", field, _FIELD)
        try:
            tags = frozenset(tags)
        except TypeError:
            raise InvalidValueError(
                "Eligibility.admits", "tags", tags, "an iterable of CompoundTag", personal=True
            ) from None
        v.argument("Eligibility.admits", "tags", tags, _TAGS, personal=True)
        v.argument("Eligibility.admits", "has_certificate", has_certificate, v.BOOL,
                   personal=True)
        v.argument("Eligibility.admits", "has_care_level", has_care_level, v.BOOL,
                   personal=True)
        if age is not None and (
            (self.min_age is not None and age < self.min_age)
            or (self.max_age is not None and age > self.max_age)
        ):
            return False
        if self.fields and field is not None and field not in self.fields:
            return False
        if self.tags and not self.tags.intersection(tags):
            return False
        if self.needs_certificate and not has_certificate:
            return False
        return not (self.needs_care_level and not has_care_level)


@attrs.frozen(kw_only=True)
class Service:
    """A service an agency offers.

    Args:
        id: unique within the municipality.
        name: display name.
        eligibility: who it is for.
        capacity: how many people it can serve at once, None when unbounded or unknown.

    Raises:
        InvalidValueError: a field of the wrong type, or a negative capacity.

    Examples:
        >>> Service(id="diner", name="こども食堂", capacity=30).eligibility.admits(age=8)
        True
    """

    id: str = attrs.field(validator=v.ID)
    name: str = attrs.field(validator=v.TEXT)
    eligibility: Eligibility = attrs.field(
        factory=Eligibility, validator=v.instance_of(Eligibility)
    )
    capacity: int | None = attrs.field(default=None, validator=v.optional(v.integer(0)))


@attrs.frozen(kw_only=True)
class Agency:
    """An agency or community actor taking part in consultation support.

    Args:
        id: unique within the municipality.
        name: display name.
        sector: the kind of organisation that runs it.
        kind: what kind of body it is.
        fields: the fields it covers.
        area_ids: the areas it serves (an area covers everything below it).
        capacity: how many cases it can hold at once, None when unbounded or unknown.
        joined: the date it joined the comprehensive system, None if it has not.
        services: the services it offers.

    Raises:
        InvalidValueError: a field of the wrong type or value.
        DuplicateIdError: two of its services share an id.

    Examples:
        >>> import datetime as dt
        >>> a = Agency(id="minsei", name="民生委員児童委員協議会", sector=Sector.COMMUNITY,
        ...            kind=AgencyKind.WELFARE_COMMISSIONERS, joined=dt.date(2016, 4, 1))
        >>> a.is_community_actor, a.in_system_on(dt.date(2017, 1, 1))
        (True, True)
    """

    id: str = attrs.field(validator=v.ID)
    name: str = attrs.field(validator=v.TEXT)
    sector: Sector = attrs.field(validator=v.enum_of(Sector))
    kind: AgencyKind = attrs.field(validator=v.enum_of(AgencyKind))
    fields: frozenset[Field] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(Field))
    )
    area_ids: frozenset[str] = attrs.field(default=frozenset(), validator=v.frozenset_of(v.ID))
    capacity: int | None = attrs.field(default=None, validator=v.optional(v.integer(0)))
    joined: dt.date | None = attrs.field(default=None, validator=v.optional(v.DATE))
    services: tuple[Service, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance_of(Service))
    )

    def __attrs_post_init__(self) -> None:
        v.unique_ids(f"Agency {self.id!r}", "services", (s.id for s in self.services))

    @property
    def is_community_actor(self) -> bool:
        """Whether the agency is a community actor (地域の主体).

        Examples:
            >>> from hokatsu.reference import himi
            >>> [a.name for a in himi().agencies if a.is_community_actor]
            ['自治振興委員', '民生委員児童委員協議会', '地区社会福祉協議会']
        """
        return self.kind.is_community_actor

    def in_system_on(self, date: dt.date) -> bool:
        """Whether the agency had joined the comprehensive system by *date*.

        Args:
            date: the day asked about.

        Returns:
            False for an agency that has not joined (``joined`` is None) or joined later.

        Raises:
            InvalidValueError: *date* is not a plain date.

        Examples:
            >>> import datetime as dt
            >>> a = Agency(id="npo", name="NPO", sector=Sector.NPO, kind=AgencyKind.NPO,
            ...            joined=dt.date(2017, 4, 1))
            >>> a.in_system_on(dt.date(2017, 3, 31)), a.in_system_on(dt.date(2017, 4, 1))
            (False, True)
        """
        v.argument("Agency.in_system_on", "date", date, v.DATE)
        return self.joined is not None and self.joined <= date
