"""伊賀市 (三重県): three direct-run centres, the 福祉相談調整課 and five coordinators.

Sources in the report (第3章 1.): base data (平成27年国勢調査: 90,581 residents, 33,651
households, aging rate 31.7 %); three 地域包括支援センター run by the city — 中部 in the city
hall, 東部 and 南部 satellites — made the city's all-field first consultation desks in FY2014;
the 福祉相談調整課 inside the city hall steps into hard cases and convenes the ad-hoc
相談事案調整会議; one coordinator in each centre and two in the 福祉相談調整課 (placement
patterns ② and ①); the 福祉施策調整会議 (the promotion meeting) takes what the 地域ケア会議
bring up and passes policy matters to the 地域福祉計画推進委員会.

The report gives neither the centres' territories nor the districts under them: the 12
districts are generated and marked ``synthetic``. The community actors and the 社会福祉法人 are
named generically (the report speaks of them, not of particular ones; agencies carry no
``synthetic`` mark). The meeting bodies' frequencies are not given either.

Examples:
    >>> city = iga()
    >>> city.name, city.households, len(city.coordinators)
    ('伊賀市', 33651, 5)
    >>> [b.name for b in city.escalation_chain("iga-care-meeting")]
    ['地域ケア会議', '福祉施策調整会議', '地域福祉計画推進委員会']
"""

from __future__ import annotations

import functools

from hokatsu.domain.agencies import Agency, AgencyKind, Sector
from hokatsu.domain.areas import Area, AreaTree
from hokatsu.domain.coordinators import ActivityRange, Affiliation, Coordinator
from hokatsu.domain.fields import Field
from hokatsu.domain.foundations import Foundation
from hokatsu.domain.meetings import (
    Frequency,
    MeetingBody,
    MeetingFormat,
    MeetingMethod,
    MeetingPurpose,
    MemberRole,
    Membership,
)
from hokatsu.domain.municipality import Municipality

__all__ = ["CENTRES", "iga"]

CITY = "iga"

#: The three centres (地域包括支援センター, all run by the city), as (territory id, agency id,
#: name) (第3章 1.(2)①).
CENTRES = (
    ("iga-chubu", "iga-cgsc-chubu", "中部"),
    ("iga-tobu", "iga-cgsc-tobu", "東部"),
    ("iga-nanbu", "iga-cgsc-nanbu", "南部"),
)
_DISTRICTS_PER_CENTRE = 4  # made up
_ALL = frozenset({Field.ELDERLY, Field.DISABILITY, Field.CHILDREN, Field.HARDSHIP,
                  Field.HEALTH})
_CITY = frozenset({CITY})
_COORDINATION = "iga-coordination"


def _areas() -> AreaTree:
    areas = [Area(id=CITY, name="伊賀市", level="city")]
    n = 0
    for territory, _, name in CENTRES:
        areas.append(Area(id=territory, name=f"{name}圏域", level="centre", parent_id=CITY))
        for _ in range(_DISTRICTS_PER_CENTRE):
            n += 1
            areas.append(Area(id=f"iga-d{n:02d}", name=f"{name}第{n}地区", level="district",
                              parent_id=territory, synthetic=True))
    return AreaTree(levels=("city", "centre", "district"), areas=tuple(areas))


def _agencies() -> tuple[Agency, ...]:
    return (
        *(Agency(id=agency, name=f"地域包括支援センター{name}", sector=Sector.GOVERNMENT,
                 kind=AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER, fields=_ALL,
                 area_ids=frozenset({territory}))
          for territory, agency, name in CENTRES),
        Agency(id=_COORDINATION, name="福祉相談調整課", sector=Sector.GOVERNMENT,
               kind=AgencyKind.MUNICIPAL_SECTION, fields=_ALL, area_ids=_CITY),
        Agency(id="iga-policy", name="医療福祉政策課", sector=Sector.GOVERNMENT,
               kind=AgencyKind.MUNICIPAL_SECTION, fields=frozenset({Field.HEALTH}),
               area_ids=_CITY),
        Agency(id="iga-hardship", name="生活困窮者自立支援相談窓口", sector=Sector.GOVERNMENT,
               kind=AgencyKind.SELF_RELIANCE_SUPPORT,
               fields=frozenset({Field.HARDSHIP, Field.EMPLOYMENT}), area_ids=_CITY),
        Agency(id="iga-swc", name="伊賀市社会福祉協議会", sector=Sector.SOCIAL_WELFARE_COUNCIL,
               kind=AgencyKind.SOCIAL_WELFARE_COUNCIL,
               fields=frozenset({Field.HARDSHIP, Field.ISOLATION, Field.RIGHTS}),
               area_ids=_CITY),
        Agency(id="iga-corporations", name="社会福祉法人", sector=Sector.SOCIAL_WELFARE_CORPORATION,
               kind=AgencyKind.CARE_PROVIDER,
               fields=frozenset({Field.ELDERLY, Field.DISABILITY}), area_ids=_CITY),
        Agency(id="iga-jichi", name="住民自治協議会", sector=Sector.COMMUNITY,
               kind=AgencyKind.COMMUNITY_ORGANISATION, area_ids=_CITY),
        Agency(id="iga-minsei", name="民生委員児童委員協議会", sector=Sector.COMMUNITY,
               kind=AgencyKind.WELFARE_COMMISSIONERS, area_ids=_CITY),
    )


def _m(agency_id: str, role: MemberRole = MemberRole.MEMBER) -> Membership:
    return Membership(agency_id=agency_id, role=role)


def _bodies() -> tuple[MeetingBody, ...]:
    centres = tuple(agency for _, agency, _ in CENTRES)
    return (
        MeetingBody(
            id="iga-plan-committee", name="地域福祉計画推進委員会", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.COMMUNITY_ISSUES,
                                MeetingPurpose.RESOURCE_DEVELOPMENT}),
            members=(_m(_COORDINATION), _m("iga-policy", MemberRole.SECRETARIAT),
                     _m("iga-swc"), _m("iga-jichi"), _m("iga-minsei")),
        ),
        MeetingBody(
            id="iga-policy-meeting", name="福祉施策調整会議", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.COMMUNITY_ISSUES,
                                MeetingPurpose.INDIVIDUAL_CASES}),
            format=MeetingFormat(methods=frozenset({MeetingMethod.DISCUSSION})),
            members=(*(_m(a) for a in centres), _m(_COORDINATION, MemberRole.SECRETARIAT),
                     _m("iga-policy")),
            escalates_to="iga-plan-committee", promotion=True,
        ),
        MeetingBody(
            id="iga-adjustment", name="相談事案調整会議", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES}),
            members=(_m(_COORDINATION, MemberRole.CONVENER), *(_m(a) for a in centres),
                     _m("iga-hardship")),
            frequency=Frequency.ad_hoc(), escalates_to="iga-policy-meeting",
        ),
        MeetingBody(
            id="iga-care-meeting", name="地域ケア会議", tier=2, area_id=CITY,
            convenes_per="centre",
            purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES,
                                MeetingPurpose.COMMUNITY_ISSUES}),
            format=MeetingFormat(methods=frozenset({MeetingMethod.CASE_STUDY})),
            members=(*(_m(a) for a in centres), _m("iga-corporations"), _m("iga-swc"),
                     _m("iga-minsei")),
            escalates_to="iga-policy-meeting",
        ),
    )


@functools.cache
def iga() -> Municipality:
    """The 伊賀市 preset: the city, its three centres' territories with 12 synthetic
    districts, its agencies, five coordinators (pattern ① in the 福祉相談調整課, ② in the
    centres) and four meeting bodies (第3章 1.).

    Returns:
        The same frozen :class:`~hokatsu.domain.municipality.Municipality` on every call.

    Examples:
        >>> sorted(p.label for p in iga().placement_patterns)
        ['①自治体・市区町村全域', '②自治体・一定のエリア']
    """
    return Municipality(
        id=CITY, name="伊賀市", prefecture="三重県", areas=_areas(), agencies=_agencies(),
        coordinators=(
            *(Coordinator(id=f"iga-coordinator-{territory.removeprefix('iga-')}",
                          affiliation=Affiliation.MUNICIPALITY,
                          activity_range=ActivityRange.AREA, area_ids=frozenset({territory}),
                          agency_id=agency)
              for territory, agency, _ in CENTRES),
            *(Coordinator(id=f"iga-coordinator-city{i}", affiliation=Affiliation.MUNICIPALITY,
                          activity_range=ActivityRange.CITY_WIDE, agency_id=_COORDINATION)
              for i in (1, 2)),
        ),
        bodies=_bodies(), foundations=frozenset({Foundation.COMMUNITY_CARE}),
        population=90_581, households=33_651, aging_rate=0.317,
    )
