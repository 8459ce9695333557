"""江戸川区 (東京都): three なごみの家, their CSW coordinators and the 地域支援会議.

江戸川区 built its comprehensive support around new bases (第2章 3.(2)②, 拠点): in May 2016
the ward opened three なごみの家 — 小岩, 松江北 and 長島桑川 — set up and run by the ward's
社会福祉協議会 in rented empty houses and shops (第3章 2.(2)①②). Each base is a first
consultation desk for any field (なんでも相談), a place to gather, and a base for study support
and a children's diner. The CSW who manages each base is its coordinator, also serving as the
生活支援コーディネーター (第3章 2.(2)③; placement pattern ④, 第2章 4.(2)). Each base holds a
地域支援会議 that is at once the promotion meeting and the second-tier 協議体 of the
生活支援体制整備事業 (第3章 2.(2)⑥).

Sources: base data (第3章 2. 基礎情報), the history and plans (2.(1), 2.(3)), the bases and
their figures for May 2016 – January 2017 (2.(2)). The report gives no frequency for the
地域支援会議 and names no body it passes cases to, so the preset sets neither. The planned
fifteen 地区 (two junior-high districts each, one なごみの家 in each) and the fourth base
(鹿骨, to open in April 2017 under a 社会福祉法人) are left out; the three territories are
named by the report, so none of the areas is synthetic.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from hokatsu.calendar import Month
from hokatsu.domain.agencies import Agency, AgencyKind, Sector
from hokatsu.domain.areas import Area, AreaTree
from hokatsu.domain.coordinators import ActivityRange, Affiliation, Coordinator
from hokatsu.domain.fields import ConsultationContent, Field
from hokatsu.domain.foundations import Foundation, WelfareStyle
from hokatsu.domain.meetings import (
    Frequency,
    FrequencyUnit,
    MeetingBody,
    MeetingFormat,
    MeetingMethod,
    MeetingPurpose,
    MemberRole,
    Membership,
)
from hokatsu.domain.municipality import Municipality
from hokatsu.events import (
    ActivityKind,
    ActivitySessionHeld,
    AttendeeCategory,
    ConsultationReceived,
    Event,
    Headcount,
)

__all__ = [
    "BASES",
    "COORDINATORS_MEET",
    "HOME_VISITS",
    "NAGOMI_CHILDRENS_DINER",
    "NAGOMI_CONSULTATIONS",
    "NAGOMI_PERIOD",
    "NAGOMI_STUDY_SUPPORT",
    "NAGOMI_VISITORS",
    "DinerFigures",
    "StudySupportFigures",
    "VisitorFigures",
    "edogawa",
    "nagomi_events",
]

CITY = "edogawa"

#: The three なごみの家 opened in May 2016, as (territory area id, base agency id, name)
#: (第3章 2.(2)①).
BASES = (
    ("edogawa-koiwa", "edogawa-nagomi-koiwa", "小岩"),
    ("edogawa-matsue-kita", "edogawa-nagomi-matsue-kita", "松江北"),
    ("edogawa-nagashima-kuwagawa", "edogawa-nagomi-nagashima-kuwagawa", "長島桑川"),
)
_AREAS = tuple(area for area, _, _ in BASES)

#: The first and last month of the period the なごみの家 figures cover (第3章 2.(2)⑤⑦).
NAGOMI_PERIOD = (Month(2016, 5), Month(2017, 1))

#: The three coordinators meet once a week to share information (第3章 2.(2)③).
COORDINATORS_MEET = Frequency(times=1, per=FrequencyUnit.WEEK)

#: Home visits the bases made from the ward's watch list (地域見守り名簿), "about 3,800 or
#: more" over their territories (第3章 2.(2)④); a lower bound, not an exact count.
HOME_VISITS = 3_800


def _contents(living: int, care: int, health: int, child: int, other: int
              ) -> Mapping[ConsultationContent, int]:
    return MappingProxyType(dict(zip(ConsultationContent, (living, care, health, child, other),
                                     strict=True)))


#: Consultations at each base by main content (生活 / 介護 / 健康 / 子育て / その他), May 2016 –
#: January 2017, keyed by the base's territory (第3章 2.(2)⑤). 小岩 188, 松江北 311,
#: 長島桑川 70: 569 in all.
NAGOMI_CONSULTATIONS: Mapping[str, Mapping[ConsultationContent, int]] = MappingProxyType({
    "edogawa-koiwa": _contents(62, 37, 40, 24, 25),
    "edogawa-matsue-kita": _contents(158, 20, 103, 4, 26),
    "edogawa-nagashima-kuwagawa": _contents(39, 4, 5, 2, 20),
})


class VisitorFigures(NamedTuple):
    """Visitors to a base's gathering space by age band.

    Examples:
        >>> NAGOMI_VISITORS["edogawa-koiwa"]
        VisitorFigures(under_20=108, from_20_to_64=588, over_64=1334)
    """

    under_20: int
    from_20_to_64: int
    over_64: int

    @property
    def total(self) -> int:
        """All visitors.

        Examples:
            >>> NAGOMI_VISITORS["edogawa-koiwa"].total
            2030
            >>> sum(f.total for f in NAGOMI_VISITORS.values())
            10531
        """
        return sum(self)


class StudySupportFigures(NamedTuple):
    """Study-support sessions at a base and their participants by school level.

    Examples:
        >>> NAGOMI_STUDY_SUPPORT["edogawa-nagashima-kuwagawa"]
        StudySupportFigures(sessions=30, elementary=60, junior_high=22, high_school=0)
    """

    sessions: int
    elementary: int
    junior_high: int
    high_school: int

    @property
    def participants(self) -> int:
        """All participants.

        Examples:
            >>> sum(f.participants for f in NAGOMI_STUDY_SUPPORT.values())
            244
        """
        return self.elementary + self.junior_high + self.high_school


class DinerFigures(NamedTuple):
    """Children's-diner (こども食堂) sessions at a base and their participants.

    Examples:
        >>> NAGOMI_CHILDRENS_DINER["edogawa-koiwa"]
        DinerFigures(sessions=8, children=105, adults=38)
    """

    sessions: int
    children: int
    adults: int

    @property
    def participants(self) -> int:
        """All participants.

        Examples:
            >>> NAGOMI_CHILDRENS_DINER["edogawa-koiwa"].participants
            143
        """
        return self.children + self.adults


#: Visitors to the gathering space (居場所・集いの場), May 2016 – January 2017, by age band
#: 19 or under / 20–64 / 65 or over (第3章 2.(2)⑦): 10,531 in all.
NAGOMI_VISITORS: Mapping[str, VisitorFigures] = MappingProxyType({
    "edogawa-koiwa": VisitorFigures(108, 588, 1_334),
    "edogawa-matsue-kita": VisitorFigures(1_623, 1_128, 1_326),
    "edogawa-nagashima-kuwagawa": VisitorFigures(1_999, 1_035, 1_390),
})

#: Study support (学習支援) at each base from May 2016 to January 2017 (第3章 2.(2)⑦). There
#: were 30 sessions at each base and 244 participants in all.
NAGOMI_STUDY_SUPPORT: Mapping[str, StudySupportFigures] = MappingProxyType({
    "edogawa-koiwa": StudySupportFigures(30, 57, 8, 9),
    "edogawa-matsue-kita": StudySupportFigures(30, 88, 0, 0),
    "edogawa-nagashima-kuwagawa": StudySupportFigures(30, 60, 22, 0),
})

#: The children's diner (こども食堂) at each base from May 2016 to January 2017
#: (第3章 2.(2)⑦). There were 8 sessions at each base and 339 participants in all.
NAGOMI_CHILDRENS_DINER: Mapping[str, DinerFigures] = MappingProxyType({
    "edogawa-koiwa": DinerFigures(8, 105, 38),
    "edogawa-matsue-kita": DinerFigures(8, 95, 23),
    "edogawa-nagashima-kuwagawa": DinerFigures(8, 69, 9),
})


def _areas() -> AreaTree:
    return AreaTree(levels=("city", "district"), areas=(
        Area(id=CITY, name="江戸川区", level="city"),
        *(Area(id=area, name=name, level="district", parent_id=CITY)
          for area, _, name in BASES),
    ))


_ALL_FIELDS = frozenset({Field.ELDERLY, Field.DISABILITY, Field.CHILDREN, Field.HARDSHIP,
                         Field.HEALTH, Field.OTHER})
_CITY = frozenset({CITY})
_SWC = "edogawa-swc"
_WARD = "edogawa-welfare"


def _community(id_: str, name: str, kind: AgencyKind, sector: Sector = Sector.COMMUNITY
               ) -> Agency:
    return Agency(id=id_, name=name, sector=sector, kind=kind, area_ids=_CITY)


def _agencies() -> tuple[Agency, ...]:
    return (
        *(Agency(id=base, name=f"なごみの家{name}", sector=Sector.SOCIAL_WELFARE_COUNCIL,
                 kind=AgencyKind.CONSULTATION_BASE, fields=_ALL_FIELDS,
                 area_ids=frozenset({area}))
          for area, base, name in BASES),
        Agency(id=_SWC, name="江戸川区社会福祉協議会", sector=Sector.SOCIAL_WELFARE_COUNCIL,
               kind=AgencyKind.SOCIAL_WELFARE_COUNCIL, fields=_ALL_FIELDS, area_ids=_CITY),
        Agency(id=_WARD, name="江戸川区福祉部", sector=Sector.GOVERNMENT,
               kind=AgencyKind.MUNICIPAL_SECTION,
               fields=frozenset({Field.ELDERLY, Field.DISABILITY, Field.HARDSHIP}),
               area_ids=_CITY),
        # The 18 centres and 8 branches (熟年相談室), run on contract by 社会福祉法人 and
        # 一般社団法人, as one agency; recorded under the more common sector.
        Agency(id="edogawa-jukunen", name="熟年相談室（地域包括支援センター）",
               sector=Sector.SOCIAL_WELFARE_CORPORATION,
               kind=AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER,
               fields=frozenset({Field.ELDERLY}), area_ids=_CITY),
        Agency(id="edogawa-hardship", name="生活困窮者自立支援相談窓口", sector=Sector.COMPANY,
               kind=AgencyKind.SELF_RELIANCE_SUPPORT, fields=frozenset({Field.HARDSHIP}),
               area_ids=_CITY),
        _community("edogawa-chokai", "町会・自治会", AgencyKind.NEIGHBOURHOOD_ASSOCIATION),
        _community("edogawa-minsei", "民生・児童委員", AgencyKind.WELFARE_COMMISSIONERS),
        _community("edogawa-kusunoki", "くすのきクラブ", AgencyKind.COMMUNITY_ORGANISATION),
        _community("edogawa-shops", "商店街", AgencyKind.SHOP),
        _community("edogawa-volunteers", "ボランティア", AgencyKind.VOLUNTEERS),
        _community("edogawa-npo", "NPO", AgencyKind.NPO, Sector.NPO),
        _community("edogawa-police", "警察署", AgencyKind.POLICE, Sector.PREFECTURE_OR_STATE),
    )


def _support_meeting() -> MeetingBody:
    def m(agency_id: str, role: MemberRole = MemberRole.MEMBER) -> Membership:
        return Membership(agency_id=agency_id, role=role)

    return MeetingBody(
        id="edogawa-support-meeting", name="地域支援会議", tier=2, area_id=CITY,
        convenes_per="district",
        purposes=frozenset({MeetingPurpose.NETWORKING, MeetingPurpose.COMMUNITY_ISSUES,
                            MeetingPurpose.RESOURCE_DEVELOPMENT}),
        format=MeetingFormat(
            joint_with="生活支援体制整備事業の第2層協議体",
            methods=frozenset({MeetingMethod.DISCUSSION, MeetingMethod.INFORMATION_SHARING}),
            secretariat_id=_SWC,
            participants="町会・自治会、民生・児童委員、くすのきクラブ、ファミリーヘルス推進委員、"
                         "熟年相談室、ケアマネ、医師会・歯科医師会・薬剤師会、医療・介護関係団体、"
                         "商店街、NPO、ふれあい訪問員、ボランティア、警察・消防、"
                         "江戸川総合人生大学など",
        ),
        members=(
            *(m(base, MemberRole.CONVENER) for _, base, _ in BASES),
            m(_SWC, MemberRole.SECRETARIAT),
            *(m(a) for a in (_WARD, "edogawa-jukunen", "edogawa-chokai", "edogawa-minsei",
                             "edogawa-kusunoki", "edogawa-shops", "edogawa-volunteers",
                             "edogawa-npo", "edogawa-police")),
        ),
        promotion=True,
    )


@functools.cache
def edogawa() -> Municipality:
    """The 江戸川区 preset: the ward, the three なごみの家 and their territories, three CSW
    coordinators and the 地域支援会議 held at each base (第3章 2.).

    The 地域支援会議 is one body meeting separately in each territory; it counts as the
    promotion meeting (``promotion=True``) and sits in the second tier, being also the
    second-tier 協議体 (第3章 2.(2)⑥).

    Returns:
        The same frozen :class:`~hokatsu.domain.municipality.Municipality` on every call.

    Examples:
        >>> ward = edogawa()
        >>> ward.name, ward.population, ward.welfare_style.label
        ('江戸川区', 681298, '拠点型')
        >>> [p.label for p in ward.placement_patterns]
        ['④社会福祉協議会・一定のエリア']
        >>> [ward.areas.get(a).name for a in ward.session_areas("edogawa-support-meeting")]
        ['小岩', '松江北', '長島桑川']
    """
    return Municipality(
        id=CITY, name="江戸川区", prefecture="東京都", areas=_areas(), agencies=_agencies(),
        coordinators=tuple(
            Coordinator(id=f"edogawa-csw-{area.removeprefix('edogawa-')}", title="CSW",
                        affiliation=Affiliation.SOCIAL_WELFARE_COUNCIL,
                        activity_range=ActivityRange.AREA, area_ids=frozenset({area}),
                        agency_id=base)
            for area, base, _ in BASES
        ),
        bodies=(_support_meeting(),),
        foundations=frozenset({Foundation.COMMUNITY_WELFARE}), welfare_style=WelfareStyle.BASE,
        population=681_298, households=309_072, aging_rate=0.206,
    )


def _split(total: int, parts: int) -> list[int]:
    """*total* split into *parts* whole numbers as even as can be, the larger first."""
    share, extra = divmod(total, parts)
    return [share + (1 if i < extra else 0) for i in range(parts)]


def _days(n: int, first: dt.date, last: dt.date) -> list[dt.date]:
    """*n* days spread evenly from *first* to *last*."""
    span = (last - first).days
    return [first + dt.timedelta(days=i * span // max(n - 1, 1)) for i in range(n)]


def _sessions(area: str, base: str, activity: ActivityKind, days: list[dt.date],
              counts: Mapping[AttendeeCategory, int]) -> list[tuple[dt.date, Any]]:
    """One session a day of *days*, each category's count split between them."""
    split = {c: _split(n, len(days)) for c, n in counts.items()}
    return [(day, lambda i, k=k, day=day: ActivitySessionHeld(
        id=i, date=day, area_id=area, activity=activity, base_id=base,
        attendance=tuple(Headcount(category=c, count=split[c][k]) for c in counts)))
        for k, day in enumerate(days)]


@functools.cache
def nagomi_events() -> tuple[Event, ...]:
    """The なごみの家 tables of May 2016 – January 2017 as ledger events (第3章 2.(2)⑤⑦).

    Each consultation is a :class:`~hokatsu.events.activities.ConsultationReceived` at its
    base, by main content; the gathering space is one
    :class:`~hokatsu.events.activities.ActivitySessionHeld` per base and month, with its
    visitors by age band; study support and the children's diner are their sessions (30 and 8
    per base), with participants by school level, and children and adults. The totals and
    every breakdown are the report's; how they are spread over days and sessions is this
    library's choice (the report gives totals only), the larger shares first. Event ids are
    ``nagomi-1`` … in date order, and the events fit :func:`edogawa`'s directory.

    Returns:
        The events in date order, the same tuple on every call.

    Examples:
        >>> events = nagomi_events()
        >>> len(events), events[0].date, events[-1].date
        (710, datetime.date(2016, 5, 1), datetime.date(2017, 1, 31))
        >>> sum(e.participants for e in events if isinstance(e, ActivitySessionHeld)
        ...     and e.activity is ActivityKind.CHILDRENS_DINER)
        339
    """
    first, last = NAGOMI_PERIOD[0].start, NAGOMI_PERIOD[1].end
    months = [Month(2016, m) for m in range(5, 13)] + [Month(2017, 1)]
    # (date, order of kind, area, order within, make(id))
    made: list[tuple[dt.date, int, str, int, Any]] = []
    for area, base, _ in BASES:
        contents = [c for c, n in NAGOMI_CONSULTATIONS[area].items() for _ in range(n)]
        for k, (day, content) in enumerate(zip(_days(len(contents), first, last), contents,
                                               strict=True)):
            made.append((day, 0, area, k, lambda i, day=day, area=area, base=base,
                         content=content: ConsultationReceived(
                             id=i, date=day, area_id=area, agency_id=base, content=content)))
        visitors = NAGOMI_VISITORS[area]
        study = NAGOMI_STUDY_SUPPORT[area]
        diner = NAGOMI_CHILDRENS_DINER[area]
        kinds = (
            (ActivityKind.GATHERING_SPACE, [m.end for m in months], {
                AttendeeCategory.UNDER_20: visitors.under_20,
                AttendeeCategory.FROM_20_TO_64: visitors.from_20_to_64,
                AttendeeCategory.OVER_64: visitors.over_64}),
            (ActivityKind.STUDY_SUPPORT, _days(study.sessions, first, last), {
                AttendeeCategory.ELEMENTARY: study.elementary,
                AttendeeCategory.JUNIOR_HIGH: study.junior_high,
                AttendeeCategory.HIGH_SCHOOL: study.high_school}),
            (ActivityKind.CHILDRENS_DINER, _days(diner.sessions, first, last), {
                AttendeeCategory.CHILDREN: diner.children,
                AttendeeCategory.ADULTS: diner.adults}),
        )
        for order, (activity, days, counts) in enumerate(kinds, start=1):
            made.extend((day, order, area, k, make) for k, (day, make) in enumerate(
                _sessions(area, base, activity, days, counts)))
    made.sort(key=lambda m: m[:4])
    return tuple(make(f"nagomi-{n}") for n, (*_, make) in enumerate(made, start=1))
