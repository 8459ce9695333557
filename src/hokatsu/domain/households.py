"""Households, their members and their issues, and the hard-case typology ①–④.

The unit of comprehensive support is the household (世帯), not the single client: the report's
target cases are households where several members have issues, where the person consulting has
several issues, or where an issue falls between existing services (制度の狭間) — 実施要綱,
quoted in 第1章 2.(2). :func:`classify` derives that typology from the household's facts; it is
never typed in by hand.

Members are identified by a pseudonymous id; hokatsu keeps no names. A member's birth date,
care level, certificates, disability, employment, caring and public assistance, and an issue's
intake categories and tags, are personal fields: errors never quote them and reprs show
``<redacted>``; a household's repr counts its members and issues.

Examples:
    >>> import datetime as dt
    >>> parent = Member(id="p", relation=Relation.HEAD, born=dt.date(1936, 5, 1),
    ...                 care_level=CareLevel.CARE_2)
    >>> son = Member(id="s", relation=Relation.CHILD, born=dt.date(1966, 8, 1),
    ...              employment=Employment.UNEMPLOYED)
    >>> household = Household(
    ...     id="h1", person_id="p", members=(parent, son),
    ...     issues=(
    ...         Issue(id="i1", member_id="p", field=Field.ELDERLY, identified=dt.date(2016, 6, 1)),
    ...         Issue(id="i2", member_id="s", field=Field.ISOLATION,
    ...               tags=frozenset({CompoundTag.HIKIKOMORI}), identified=dt.date(2016, 6, 1)),
    ...     ),
    ... )
    >>> classify(household)
    <HardCaseType.MULTI_MEMBER: 'multi_member'>
    >>> son.age_on(dt.date(2016, 6, 1))
    49
    >>> repr(son)[:69]
    "Member(id='s', relation=<Relation.CHILD: 'child'>, born=<redacted>, c"
    >>> household
    Household(id='h1', person_id='p', members=<2 members>, issues=<2 issues>, area_id=None)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.domain.fields import CompoundTag, Field, IntakeCategory
from hokatsu.errors import UnknownReferenceError

__all__ = [
    "CareLevel",
    "Certificate",
    "Employment",
    "HardCaseType",
    "Household",
    "Issue",
    "Member",
    "Relation",
    "Typology",
    "age_on",
    "classify",
    "hard_case_type",
    "typology",
]


class Relation(Labelled):
    """A member's relation to the head of the household (世帯主).

    Examples:
        >>> Relation.CHILD.label, Relation("spouse")
        ('子', <Relation.SPOUSE: 'spouse'>)
    """

    HEAD = ("head", "世帯主")
    SPOUSE = ("spouse", "配偶者")
    CHILD = ("child", "子")
    CHILD_IN_LAW = ("child_in_law", "子の配偶者")
    PARENT = ("parent", "親")
    PARENT_IN_LAW = ("parent_in_law", "配偶者の親")
    SIBLING = ("sibling", "兄弟姉妹")
    GRANDCHILD = ("grandchild", "孫")
    GRANDPARENT = ("grandparent", "祖父母")
    OTHER_RELATIVE = ("other_relative", "その他の親族")
    NON_RELATIVE = ("non_relative", "親族以外")


class Certificate(Labelled):
    """A disability certificate (障害者手帳) a member holds.

    Examples:
        >>> Certificate.INTELLECTUAL.label
        '療育手帳'
    """

    PHYSICAL = ("physical", "身体障害者手帳")
    INTELLECTUAL = ("intellectual", "療育手帳")
    PSYCHIATRIC = ("psychiatric", "精神障害者保健福祉手帳")


class CareLevel(Labelled):
    """Long-term-care certification (要介護度) under the 介護保険法.

    Examples:
        >>> [c.label for c in CareLevel][:3]
        ['要支援1', '要支援2', '要介護1']
    """

    SUPPORT_1 = ("support_1", "要支援1")
    SUPPORT_2 = ("support_2", "要支援2")
    CARE_1 = ("care_1", "要介護1")
    CARE_2 = ("care_2", "要介護2")
    CARE_3 = ("care_3", "要介護3")
    CARE_4 = ("care_4", "要介護4")
    CARE_5 = ("care_5", "要介護5")

    @property
    def needs_care(self) -> bool:
        """True for 要介護1–5, False for 要支援1–2.

        Examples:
            >>> CareLevel.SUPPORT_2.needs_care, CareLevel.CARE_1.needs_care
            (False, True)
        """
        return self.name.startswith("CARE")


class Employment(Labelled):
    """A member's main activity.

    Examples:
        >>> Employment.UNEMPLOYED.label
        '無職（求職中を含む）'
    """

    EMPLOYED = ("employed", "就労（雇用）")
    SELF_EMPLOYED = ("self_employed", "自営")
    UNEMPLOYED = ("unemployed", "無職（求職中を含む）")
    STUDENT = ("student", "就学")
    PRESCHOOL = ("preschool", "未就学")
    HOMEMAKER = ("homemaker", "家事")
    RETIRED = ("retired", "退職")
    UNKNOWN = ("unknown", "不明")


def age_on(born: dt.date, date: dt.date) -> int:
    """Age in completed years on *date* of someone born on *born*.

    Args:
        born: the date of birth.
        date: the day asked about.

    Returns:
        Whole years; a birthday counts from its day.

    Raises:
        InvalidValueError: *born* or *date* is not a plain date (the birth date is not quoted).

    Examples:
        >>> import datetime as dt
        >>> age_on(dt.date(2000, 4, 2), dt.date(2016, 4, 1)), age_on(dt.date(2000, 4, 1),
        ...     dt.date(2016, 4, 1))
        (15, 16)
    """
    v.argument("age_on", "born", born, v.DATE, personal=True)
    v.argument("age_on", "date", date, v.DATE)
    return date.year - born.year - ((date.month, date.day) < (born.month, born.day))


_OPT_DATE = v.optional(v.DATE)
_P, _R = v.PERSONAL, v.redacted  # a personal field: never quoted, redacted in reprs


def _count(noun: str) -> Callable[[tuple[object, ...]], str]:
    """A field repr that says how many items there are, not what they are."""

    def show(items: tuple[object, ...]) -> str:
        n = len(items) if isinstance(items, tuple) else 0
        return f"<{n} {noun}{'' if n == 1 else 's'}>"

    return show


@attrs.frozen(kw_only=True)
class Member:
    """A member of a household.

    Args:
        id: a pseudonymous id, unique within the household.
        relation: relation to the head of the household.
        born: date of birth; ages on any date derive from it.
        certificates: disability certificates held.
        disability_suspected: a disability is suspected but no certificate is held
            (障害の疑い, one of the report's example target persons, 第1章 2.(2)).
        care_level: long-term-care certification, or None if not certified.
        employment: main activity.
        carer: the member cares for another member (介護・ケアの担い手).
        public_assistance: the household member receives public assistance (生活保護).

    Raises:
        InvalidValueError: a field of the wrong type, or *disability_suspected* set for a member
            holding a certificate (the value is never quoted).

    Examples:
        >>> import datetime as dt
        >>> m = Member(id="m1", relation=Relation.HEAD, born=dt.date(1950, 1, 1),
        ...            certificates=frozenset({Certificate.PHYSICAL}))
        >>> m.has_disability, m.age_on(dt.date(2017, 1, 1))
        (True, 67)
        >>> m  # doctest: +NORMALIZE_WHITESPACE
        Member(id='m1', relation=<Relation.HEAD: 'head'>, born=<redacted>,
               certificates=<redacted>, disability_suspected=<redacted>, care_level=<redacted>,
               employment=<redacted>, carer=<redacted>, public_assistance=<redacted>)
    """

    id: str = attrs.field(validator=v.ID)
    relation: Relation = attrs.field(validator=v.enum_of(Relation))
    born: dt.date = attrs.field(validator=v.DATE, metadata=_P, repr=_R)
    certificates: frozenset[Certificate] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(Certificate)), metadata=_P,
        repr=_R,
    )
    disability_suspected: bool = attrs.field(
        default=False, validator=v.BOOL, metadata=_P, repr=_R
    )
    care_level: CareLevel | None = attrs.field(
        default=None, validator=v.optional(v.enum_of(CareLevel)), metadata=_P, repr=_R
    )
    employment: Employment = attrs.field(
        default=Employment.UNKNOWN, validator=v.enum_of(Employment), metadata=_P, repr=_R
    )
    carer: bool = attrs.field(default=False, validator=v.BOOL, metadata=_P, repr=_R)
    public_assistance: bool = attrs.field(default=False, validator=v.BOOL, metadata=_P, repr=_R)

    def __attrs_post_init__(self) -> None:
        if self.disability_suspected and self.certificates:
            raise v.invalid(
                self, "disability_suspected", True,
                "False when certificates are held (a suspicion is for members without one)",
            )

    def age_on(self, date: dt.date) -> int:
        """The member's age in completed years on *date*.

        Args:
            date: the day asked about.

        Returns:
            Whole years.

        Raises:
            InvalidValueError: *date* is not a plain date.

        Examples:
            >>> import datetime as dt
            >>> Member(id="m", relation=Relation.HEAD, born=dt.date(1966, 8, 1)).age_on(
            ...     dt.date(2016, 7, 31))
            49
        """
        v.argument("Member.age_on", "date", date, v.DATE)
        return age_on(self.born, date)

    @property
    def has_disability(self) -> bool:
        """Whether the member holds a certificate or is suspected of a disability.

        Examples:
            >>> import datetime as dt
            >>> Member(id="m", relation=Relation.CHILD, born=dt.date(1990, 1, 1),
            ...        disability_suspected=True).has_disability
            True
        """
        return bool(self.certificates) or self.disability_suspected


@attrs.frozen(kw_only=True)
class Issue:
    """An issue (課題) identified in a household.

    Args:
        id: unique within the household.
        member_id: the member it belongs to, or None for the whole household.
        field: the field of support it belongs to.
        identified: the date it was identified.
        categories: boxes of the hardship intake form that describe it.
        tags: compound-case tags (8050, ダブルケア …).
        fits_existing_services: False when no existing service can take it (制度の狭間,
            type ③ of 実施要綱).

    Raises:
        InvalidValueError: a field of the wrong type.

    Examples:
        >>> import datetime as dt
        >>> i = Issue(id="i1", member_id=None, field=Field.HOUSING, identified=dt.date(2016, 6, 1),
        ...           fits_existing_services=False)
        >>> i.field.label, i.fits_existing_services
        ('住まい', False)
    """

    id: str = attrs.field(validator=v.ID)
    member_id: str | None = attrs.field(validator=v.optional(v.ID))
    field: Field = attrs.field(validator=v.enum_of(Field))
    identified: dt.date = attrs.field(validator=v.DATE)
    categories: frozenset[IntakeCategory] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(IntakeCategory)), metadata=_P,
        repr=_R,
    )
    tags: frozenset[CompoundTag] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(CompoundTag)), metadata=_P,
        repr=_R,
    )
    fits_existing_services: bool = attrs.field(default=True, validator=v.BOOL)


@attrs.frozen(kw_only=True)
class Household:
    """A household (世帯): its members, the person at the centre of support, and its issues.

    Args:
        id: the household's pseudonymous id.
        person_id: the member who consulted or was found (本人, 相談者本人).
        members: the members, at least the person.
        issues: the issues identified so far.
        area_id: the area (usually a district) the household lives in, if known.

    Raises:
        DuplicateIdError: two members or two issues share an id.
        UnknownReferenceError: ``person_id`` or an issue's ``member_id`` is not a member.

    Examples:
        >>> import datetime as dt
        >>> h = Household(id="h", person_id="p", members=(
        ...     Member(id="p", relation=Relation.HEAD, born=dt.date(1950, 1, 1)),
        ...     Member(id="c", relation=Relation.CHILD, born=dt.date(1980, 1, 1))))
        >>> h
        Household(id='h', person_id='p', members=<2 members>, issues=<0 issues>, area_id=None)
        >>> Household(id="h", person_id="x", members=h.members)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.UnknownReferenceError: ...
    """

    id: str = attrs.field(validator=v.ID)
    person_id: str = attrs.field(validator=v.ID)
    members: tuple[Member, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(Member), nonempty=True), metadata=_P,
        repr=_count("member"),
    )
    issues: tuple[Issue, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance_of(Issue)), metadata=_P,
        repr=_count("issue"),
    )
    area_id: str | None = attrs.field(default=None, validator=v.optional(v.ID))

    def __attrs_post_init__(self) -> None:
        ids = v.unique_ids(f"Household {self.id!r}", "members", (m.id for m in self.members))
        v.unique_ids(f"Household {self.id!r}", "issues", (i.id for i in self.issues))
        if self.person_id not in ids:
            raise UnknownReferenceError(f"Household {self.id!r}", "person_id", self.person_id, ids)
        for issue in self.issues:
            if issue.member_id is not None and issue.member_id not in ids:
                raise UnknownReferenceError(
                    f"Household {self.id!r} issue {issue.id!r}", "member_id", issue.member_id, ids
                )

    def member(self, member_id: str) -> Member:
        """Return the member with id *member_id*.

        Args:
            member_id: the member's id.

        Returns:
            The :class:`Member`.

        Raises:
            UnknownReferenceError: there is no such member.

        Examples:
            >>> import datetime as dt
            >>> h = Household(id="h", person_id="p", members=(
            ...     Member(id="p", relation=Relation.HEAD, born=dt.date(1950, 1, 1)),))
            >>> h.member("p").relation
            <Relation.HEAD: 'head'>
        """
        for m in self.members:
            if m.id == member_id:
                return m
        raise UnknownReferenceError(
            f"Household {self.id!r}", "members", member_id, (m.id for m in self.members)
        )

    @property
    def person(self) -> Member:
        """The member at the centre of support (本人).

        Examples:
            >>> import datetime as dt
            >>> h = Household(id="h", person_id="c", members=(
            ...     Member(id="p", relation=Relation.HEAD, born=dt.date(1950, 1, 1)),
            ...     Member(id="c", relation=Relation.CHILD, born=dt.date(1980, 1, 1))))
            >>> h.person.id
            'c'
        """
        return self.member(self.person_id)

    def issues_of(self, member_id: str | None, on: dt.date | None = None) -> tuple[Issue, ...]:
        """Issues of one member (None: the whole household's own), identified by *on*.

        Args:
            member_id: a member's id, or None for the issues of the whole household.
            on: count only issues identified by this day; None for all.

        Returns:
            The issues, in the household's order.

        Raises:
            InvalidValueError: *on* is neither None nor a plain date.

        Examples:
            >>> import datetime as dt
            >>> h = Household(id="h", person_id="p", members=(
            ...     Member(id="p", relation=Relation.HEAD, born=dt.date(1950, 1, 1)),), issues=(
            ...     Issue(id="i1", member_id="p", field=Field.ELDERLY,
            ...           identified=dt.date(2016, 6, 1)),
            ...     Issue(id="i2", member_id="p", field=Field.HARDSHIP,
            ...           identified=dt.date(2016, 9, 1))))
            >>> [i.id for i in h.issues_of("p")]
            ['i1', 'i2']
            >>> [i.id for i in h.issues_of("p", dt.date(2016, 7, 1))]
            ['i1']
        """
        v.argument("Household.issues_of", "on", on, _OPT_DATE)
        return tuple(
            i for i in self.issues
            if i.member_id == member_id and (on is None or i.identified <= on)
        )

    def fields(self, on: dt.date | None = None) -> frozenset[Field]:
        """The fields the household's issues touch, as identified by *on*.

        Args:
            on: count only issues identified by this day; None for all.

        Returns:
            The set of fields.

        Raises:
            InvalidValueError: *on* is neither None nor a plain date.

        Examples:
            >>> import datetime as dt
            >>> h = Household(id="h", person_id="p", members=(
            ...     Member(id="p", relation=Relation.HEAD, born=dt.date(1950, 1, 1)),), issues=(
            ...     Issue(id="i1", member_id=None, field=Field.HOUSING,
            ...           identified=dt.date(2016, 6, 1)),))
            >>> sorted(f.value for f in h.fields()), h.fields(dt.date(2016, 5, 1))
            (['housing'], frozenset())
        """
        v.argument("Household.fields", "on", on, _OPT_DATE)
        return frozenset(i.field for i in self.issues if on is None or i.identified <= on)


_HOUSEHOLD = v.instance_of(Household)


class HardCaseType(Labelled):
    """The typology of target cases in 実施要綱 (第1章 2.(2)), ① to ④.

    Examples:
        >>> HardCaseType.COMPOUND.label
        '④①〜③が複合している'
    """

    MULTI_MEMBER = ("multi_member", "①世帯内の複数の者が課題を抱える")
    MULTI_ISSUE = ("multi_issue", "②相談者本人が複数の課題を抱える")
    NO_FITTING_SERVICE = ("no_fitting_service", "③既存サービスの活用が困難な課題を抱える")
    COMPOUND = ("compound", "④①〜③が複合している")


@attrs.frozen(kw_only=True)
class Typology:
    """Which of the three basic conditions a household meets, and the type they give.

    Args:
        multi_member: more than one member has an issue of their own (①).
        multi_issue: the person at the centre has more than one issue (②); issues of the
            whole household count as the person's, since the person carries them.
        no_fitting_service: some issue cannot be taken by existing services (③).

    Raises:
        InvalidValueError: a condition is not True or False.

    Examples:
        >>> Typology(multi_member=False, multi_issue=True, no_fitting_service=False).type
        <HardCaseType.MULTI_ISSUE: 'multi_issue'>
    """

    multi_member: bool = attrs.field(validator=v.BOOL)
    multi_issue: bool = attrs.field(validator=v.BOOL)
    no_fitting_service: bool = attrs.field(validator=v.BOOL)

    @property
    def type(self) -> HardCaseType | None:
        """① ② or ③ when exactly one condition holds, ④ when several do, None when none.

        Examples:
            >>> Typology(multi_member=True, multi_issue=True, no_fitting_service=False).type
            <HardCaseType.COMPOUND: 'compound'>
            >>> none = Typology(multi_member=False, multi_issue=False, no_fitting_service=False)
            >>> none.type is None
            True
        """
        return hard_case_type(self.multi_member, self.multi_issue, self.no_fitting_service)


def hard_case_type(
    multi_member: bool, multi_issue: bool, no_fitting_service: bool
) -> HardCaseType | None:
    """The type ①–④ from the three conditions of 実施要綱 (第1章 2.(2)): the one that holds,
    ④ when several do, None when none does.

    Args:
        multi_member: condition ①, several members have issues.
        multi_issue: condition ②, the person has several issues.
        no_fitting_service: condition ③, an issue fits no existing service.

    Returns:
        The type, or None when no condition holds.

    Raises:
        InvalidValueError: a condition is not True or False.

    Examples:
        >>> hard_case_type(False, False, True)
        <HardCaseType.NO_FITTING_SERVICE: 'no_fitting_service'>
        >>> hard_case_type(True, False, True)
        <HardCaseType.COMPOUND: 'compound'>
    """
    # called for every issue the indicator engine tracks: one cheap test on the way through
    if not (type(multi_member) is bool and type(multi_issue) is bool
            and type(no_fitting_service) is bool):
        v.argument("hard_case_type", "multi_member", multi_member, v.BOOL)
        v.argument("hard_case_type", "multi_issue", multi_issue, v.BOOL)
        v.argument("hard_case_type", "no_fitting_service", no_fitting_service, v.BOOL)
    held = multi_member + multi_issue + no_fitting_service
    if held == 0:
        return None
    if held > 1:
        return _COMPOUND
    if multi_member:
        return _MULTI_MEMBER
    return _MULTI_ISSUE if multi_issue else _NO_FITTING_SERVICE


# read on every issue the indicator engine tracks: module globals are faster than the class
_COMPOUND, _MULTI_MEMBER = HardCaseType.COMPOUND, HardCaseType.MULTI_MEMBER
_MULTI_ISSUE, _NO_FITTING_SERVICE = HardCaseType.MULTI_ISSUE, HardCaseType.NO_FITTING_SERVICE


def typology(household: Household, on: dt.date | None = None) -> Typology:
    """The conditions ①–③ of 実施要綱 (第1章 2.(2)) for *household* as of *on*.

    Only issues identified by *on* count (all of them when *on* is None).

    Args:
        household: the household.
        on: count only issues identified by this day; None for all.

    Returns:
        The three conditions as a :class:`Typology`.

    Raises:
        InvalidValueError: *household* is not a Household, or *on* is neither None nor a date.

    Examples:
        >>> import datetime as dt
        >>> h = Household(id="h", person_id="p", members=(
        ...     Member(id="p", relation=Relation.HEAD, born=dt.date(1950, 1, 1)),), issues=(
        ...     Issue(id="i1", member_id="p", field=Field.ELDERLY,
        ...           identified=dt.date(2016, 6, 1)),
        ...     Issue(id="i2", member_id=None, field=Field.HOUSING,
        ...           identified=dt.date(2016, 6, 1))))
        >>> typology(h)
        Typology(multi_member=False, multi_issue=True, no_fitting_service=False)
    """
    v.argument("typology", "household", household, _HOUSEHOLD, personal=True)
    v.argument("typology", "on", on, _OPT_DATE)
    issues = [i for i in household.issues if on is None or i.identified <= on]
    members_with_issues = {i.member_id for i in issues if i.member_id is not None}
    person_issues = sum(1 for i in issues if i.member_id in (household.person_id, None))
    return Typology(
        multi_member=len(members_with_issues) > 1,
        multi_issue=person_issues > 1,
        no_fitting_service=any(not i.fits_existing_services for i in issues),
    )


def classify(household: Household, on: dt.date | None = None) -> HardCaseType | None:
    """The hard-case type ①–④ of *household* as of *on*, or None if it is none of them.

    This is a pure function of the household's members and issues (第1章 2.(2)).

    Args:
        household: the household.
        on: count only issues identified by this day; None for all.

    Returns:
        The type ①–④, or None.

    Raises:
        InvalidValueError: *household* is not a Household, or *on* is neither None nor a date.

    Examples:
        >>> import datetime as dt
        >>> h = Household(id="h", person_id="p", members=(
        ...     Member(id="p", relation=Relation.HEAD, born=dt.date(1950, 1, 1)),), issues=(
        ...     Issue(id="i1", member_id="p", field=Field.ELDERLY,
        ...           identified=dt.date(2016, 6, 1)),
        ...     Issue(id="i2", member_id="p", field=Field.HARDSHIP,
        ...           identified=dt.date(2016, 9, 1))))
        >>> classify(h), classify(h, dt.date(2016, 7, 1))
        (<HardCaseType.MULTI_ISSUE: 'multi_issue'>, None)
    """
    v.argument("classify", "household", household, _HOUSEHOLD, personal=True)
    v.argument("classify", "on", on, _OPT_DATE)
    return typology(household, on).type
