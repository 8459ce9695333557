"""盛岡市 (岩手県): a network of the city's consultation agencies around the 社協.

A core city (中核市) of about 290,000 residents with many welfare bodies — its nine
地域包括支援センター are contracted to seven operators (社会福祉法人, 医療法人, 医療生協) —
that strengthens the ties between existing agencies instead of building a new base
(参考資料2 ②). The city contracts the project to its 社会福祉協議会, whose 地域福祉コーディネーター
(since FY2015) work with the city's 保健福祉部地域福祉課. Coordinators are the 社協's staff and
staff of the city's main consultation agencies, each working for the whole city (placement
patterns ③ and ⑤). The report counts 盛岡市 among the community-welfare foundations organised
around people (人員組織型, 第2章 3.(2)②).

One body carries the work: the 相談支援包括化推進会議 (全体会), held jointly by the city and the
社協, with group work because it is large; it shares issues heard from each coordinator and
develops resources (guarantors for housing and hospital stays). It met four times in FY2016;
部会 were to be added from FY2017, so the FY2016 directory has none.

Choices this preset makes, and the source's own inconsistencies:

- Coordinators: the list of 第2章 1. and 第2章 2.(2) count 17 (2 at the 社協, one of them
  full-time, and 15 agency staff); 参考資料2 counts 20 (3 at the 社協 and 17 agency staff), and
  20 sit on the FY2016 全体会. The preset follows the list (:mod:`hokatsu.reference.municipalities`
  keeps both). 参考資料2 names 14 placing bodies besides the 社協 (the 共生型 provider twice, as
  a 一般社団法人 and a 株式会社); the preset places one coordinator in each and leaves the 15th
  unplaced (``agency_id=None``), since the report does not say where the others work.
- The agencies are named by kind, as the report names them; none is made up, and the one area
  is the city, so nothing in this preset is synthetic. The school social workers come from the
  社会福祉士会, whose legal form the report does not give; the preset records it as a
  一般社団法人.
- The nine 地域包括支援センター are not in the directory: the report gives neither their names
  nor which of them take part.

Examples:
    >>> city = morioka()
    >>> city.name, city.population, city.coordinator_fte
    ('盛岡市', 290000, 17.0)
    >>> sorted(p.label for p in city.placement_patterns)
    ['③社会福祉協議会・市区町村全域', '⑤その他の主体・市区町村全域']
    >>> SESSIONS_FY2016
    4
"""

from __future__ import annotations

import functools

from hokatsu.domain.agencies import Agency, AgencyKind, Sector
from hokatsu.domain.areas import Area, AreaTree
from hokatsu.domain.coordinators import ActivityRange, Affiliation, Coordinator
from hokatsu.domain.fields import Field
from hokatsu.domain.foundations import Foundation, WelfareStyle
from hokatsu.domain.meetings import (
    MeetingBody,
    MeetingFormat,
    MeetingMethod,
    MeetingPurpose,
    MemberRole,
    Membership,
)
from hokatsu.domain.municipality import Municipality

__all__ = ["PLACING_AGENCIES", "SESSIONS_FY2016", "morioka"]

CITY = "morioka"
_CITY = frozenset({CITY})
_SWC = "morioka-swc"

#: Sessions of the 推進会議 (全体会) in FY2016 (参考資料2 ②).
SESSIONS_FY2016 = 4

_NPO = Sector.NPO

#: The bodies besides the 社協 where agency staff serve as coordinators, as (id suffix, name,
#: sector, kind, fields), in the order of 参考資料2 ②.
PLACING_AGENCIES: tuple[tuple[str, str, Sector, AgencyKind, tuple[Field, ...]], ...] = (
    ("disability", "障がい福祉サービス相談支援事業所", Sector.SOCIAL_WELFARE_CORPORATION,
     AgencyKind.DISABILITY_CONSULTATION, (Field.DISABILITY,)),
    ("childcare", "子育て支援センター", Sector.SOCIAL_WELFARE_CORPORATION, AgencyKind.OTHER,
     (Field.CHILDREN,)),
    ("tsudoi", "つどいの広場", _NPO, AgencyKind.NPO, (Field.CHILDREN,)),
    ("self-reliance", "生活困窮者自立支援センター", _NPO, AgencyKind.SELF_RELIANCE_SUPPORT,
     (Field.HARDSHIP,)),
    ("hardship-group", "生活困窮者支援団体", _NPO, AgencyKind.NPO, (Field.HARDSHIP,)),
    ("foodbank", "フードバンク", _NPO, AgencyKind.NPO, (Field.HARDSHIP,)),
    ("ssw", "スクールソーシャルワーカー（社会福祉士会）", Sector.GENERAL_INCORPORATED,
     AgencyKind.OTHER, (Field.CHILDREN,)),
    ("kyosei-association", "共生型福祉サービス提供事業所（一般社団法人）",
     Sector.GENERAL_INCORPORATED, AgencyKind.CARE_PROVIDER,
     (Field.ELDERLY, Field.DISABILITY, Field.CHILDREN)),
    ("kyosei-company", "共生型福祉サービス提供事業所（株式会社）", Sector.COMPANY,
     AgencyKind.CARE_PROVIDER, (Field.ELDERLY, Field.DISABILITY, Field.CHILDREN)),
    ("machizukuri", "まちづくり団体", Sector.VOLUNTARY, AgencyKind.COMMUNITY_ORGANISATION, ()),
    ("single-parent", "ひとり親支援団体", _NPO, AgencyKind.NPO, (Field.CHILDREN, Field.FAMILY)),
    ("employment", "就労支援団体", _NPO, AgencyKind.NPO, (Field.EMPLOYMENT,)),
    ("youth", "若者支援団体", _NPO, AgencyKind.NPO, (Field.CHILDREN, Field.ISOLATION)),
    ("medical", "医療機関", Sector.MEDICAL_CORPORATION, AgencyKind.MEDICAL_INSTITUTION,
     (Field.HEALTH,)),
)


def _agencies() -> tuple[Agency, ...]:
    return (
        Agency(id=_SWC, name="盛岡市社会福祉協議会", sector=Sector.SOCIAL_WELFARE_COUNCIL,
               kind=AgencyKind.SOCIAL_WELFARE_COUNCIL,
               fields=frozenset({Field.ELDERLY, Field.DISABILITY, Field.CHILDREN,
                                 Field.HARDSHIP}), area_ids=_CITY),
        Agency(id="morioka-community-welfare", name="保健福祉部地域福祉課",
               sector=Sector.GOVERNMENT, kind=AgencyKind.MUNICIPAL_SECTION,
               fields=frozenset({Field.OTHER}), area_ids=_CITY),
        *(Agency(id=f"morioka-{suffix}", name=name, sector=sector, kind=kind,
                 fields=frozenset(fields), area_ids=_CITY)
          for suffix, name, sector, kind, fields in PLACING_AGENCIES),
    )


def _coordinators() -> tuple[Coordinator, ...]:
    city_wide = ActivityRange.CITY_WIDE
    council = tuple(
        Coordinator(id=f"morioka-swc-coordinator{i}",
                    affiliation=Affiliation.SOCIAL_WELFARE_COUNCIL, activity_range=city_wide,
                    agency_id=_SWC)
        for i in (1, 2)
    )
    staff = tuple(
        Coordinator(id=f"morioka-coordinator-{suffix}", affiliation=Affiliation.OTHER,
                    activity_range=city_wide, agency_id=f"morioka-{suffix}")
        for suffix, *_ in PLACING_AGENCIES
    )
    # the list counts 15 agency staff over the 14 bodies 参考資料2 names: one is not placed
    unplaced = Coordinator(id="morioka-coordinator-unplaced", affiliation=Affiliation.OTHER,
                           activity_range=city_wide)
    return (*council, *staff, unplaced)


def _bodies() -> tuple[MeetingBody, ...]:
    return (
        MeetingBody(
            id="morioka-promotion", name="相談支援包括化推進会議（全体会）", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.NETWORKING, MeetingPurpose.COMMUNITY_ISSUES,
                                MeetingPurpose.RESOURCE_DEVELOPMENT}),
            format=MeetingFormat(
                methods=frozenset({MeetingMethod.INFORMATION_SHARING,
                                   MeetingMethod.WORKSHOP}),
                secretariat_id=_SWC,
                participants="相談支援包括化推進員20名（地域福祉コーディネーターとの兼務2名）、"
                             "学識経験者、各種支援機関・地域組織の代表、部会代表、"
                             "市役所関係者約20名"),
            members=(Membership(agency_id=_SWC, role=MemberRole.CONVENER),
                     Membership(agency_id="morioka-community-welfare",
                                role=MemberRole.CONVENER),
                     *(Membership(agency_id=f"morioka-{suffix}")
                       for suffix, *_ in PLACING_AGENCIES)),
            promotion=True,
        ),
    )


@functools.cache
def morioka() -> Municipality:
    """The 盛岡市 preset: the city, the 社協 and the 14 bodies whose staff are coordinators,
    17 coordinators and the 推進会議 (参考資料2 ②; 第2章 1.).

    Returns:
        The same frozen :class:`~hokatsu.domain.municipality.Municipality` on every call.

    Examples:
        >>> city = morioka()
        >>> len(city.agencies), len(city.coordinators)
        (16, 17)
        >>> [b.name for b in city.bodies if b.promotion]
        ['相談支援包括化推進会議（全体会）']
    """
    return Municipality(
        id=CITY, name="盛岡市", prefecture="岩手県",
        areas=AreaTree(levels=("city",), areas=(Area(id=CITY, name="盛岡市", level="city"),)),
        agencies=_agencies(), coordinators=_coordinators(), bodies=_bodies(),
        foundations=frozenset({Foundation.COMMUNITY_WELFARE}),
        welfare_style=WelfareStyle.PEOPLE, population=290_000,
    )
