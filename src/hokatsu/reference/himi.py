"""氷見市 (富山県): its areas, agencies, coordinators and six meeting bodies.

Sources in the report: base data (第3章 3., 平成27年国勢調査), the 社協's four areas and the
ふくし相談サポートセンター (第3章 3.(2)①), the two CSW coordinators (3.(2)②) and the meeting
bodies from FY2017 with their tiers, members and escalation (3.(2)④). The report names the
four blocks but not the 21 districts (地区) or the 226 neighbourhood associations (自治会), so
those are generated and marked ``synthetic``; the three branches of the community general
support centre are named generically.

The report predates the FY2021 law that tells a 支援会議 (sharing without consent under
secrecy, 社会福祉法 第106条の6) from meetings that need consent, so every body's
:class:`~hokatsu.domain.meetings.LegalBasis` is an assumption of the library, marked
``basis_assumed``: the コア会議 and the ケア会議 (city sections and professionals convened by
the city, the ケア会議 for an urgent case) are taken as 支援会議; the 定例会議, a case study
with the people involved in the case, needs consent; the 構築会議, ブロック会議 and 地域会議,
where community leaders and 民生委員 sit, are community tiers.
"""

from __future__ import annotations

import functools

from hokatsu.domain.agencies import Agency, AgencyKind, Sector
from hokatsu.domain.areas import Area, AreaTree
from hokatsu.domain.coordinators import ActivityRange, Affiliation, Coordinator
from hokatsu.domain.fields import Field
from hokatsu.domain.foundations import Foundation
from hokatsu.domain.meetings import (
    BodyStructure,
    Frequency,
    FrequencyUnit,
    LegalBasis,
    MeetingBody,
    MeetingFormat,
    MeetingMethod,
    MeetingPurpose,
    MemberRole,
    Membership,
)
from hokatsu.domain.municipality import Municipality

__all__ = ["BLOCKS", "himi"]

#: The 社協's four areas, used as the blocks of the layered meetings (第3章 3.(2)①).
BLOCKS = (("himi-b1", "氷見"), ("himi-b2", "南條"), ("himi-b3", "上庄谷"), ("himi-b4", "灘浦"))
_DISTRICTS_PER_BLOCK = (6, 5, 5, 5)  # 21 districts; the split is made up
_NEIGHBOURHOODS = 226
CITY = "himi"


def _areas() -> AreaTree:
    areas = [Area(id=CITY, name="氷見市", level="city")]
    districts: list[str] = []
    for (block_id, block_name), n in zip(BLOCKS, _DISTRICTS_PER_BLOCK, strict=True):
        areas.append(Area(id=block_id, name=block_name, level="block", parent_id=CITY))
        for _ in range(n):
            d = f"himi-d{len(districts) + 1:02d}"
            districts.append(d)
            areas.append(Area(id=d, name=f"{block_name}第{len(districts)}地区", level="district",
                              parent_id=block_id, synthetic=True))
    base, extra = divmod(_NEIGHBOURHOODS, len(districts))
    n = 0
    for i, d in enumerate(districts):
        for _ in range(base + (i < extra)):
            n += 1
            areas.append(Area(id=f"himi-n{n:03d}", name=f"自治会{n:03d}", level="neighbourhood",
                              parent_id=d, synthetic=True))
    return AreaTree(levels=("city", "block", "district", "neighbourhood"), areas=tuple(areas))


_ALL_FIELDS = frozenset({Field.ELDERLY, Field.DISABILITY, Field.CHILDREN, Field.HARDSHIP})
_CITY = frozenset({CITY})


def _section(id_: str, name: str, *fields: Field) -> Agency:
    return Agency(id=id_, name=name, sector=Sector.GOVERNMENT, kind=AgencyKind.MUNICIPAL_SECTION,
                  fields=frozenset(fields), area_ids=_CITY)


def _agencies() -> tuple[Agency, ...]:
    branches = tuple(
        Agency(id=f"himi-branch{i}", name=f"地域包括支援センターブランチ{i}", sector=sector,
               kind=AgencyKind.CGSC_BRANCH, fields=frozenset({Field.ELDERLY}),
               area_ids=frozenset({block}))
        for i, (sector, block) in enumerate(
            ((Sector.SOCIAL_WELFARE_CORPORATION, "himi-b2"),
             (Sector.SOCIAL_WELFARE_CORPORATION, "himi-b3"),
             (Sector.MEDICAL_CORPORATION, "himi-b4")), start=1)
    )
    return (
        _section("himi-welfare", "福祉介護課", Field.ELDERLY, Field.DISABILITY, Field.HARDSHIP),
        _section("himi-child", "子育て支援課", Field.CHILDREN),
        _section("himi-citizen", "市民課", Field.OTHER),
        _section("himi-health", "健康課", Field.HEALTH),
        _section("himi-school", "学校教育課", Field.CHILDREN),
        Agency(id="himi-cgsc", name="地域包括支援センター", sector=Sector.GOVERNMENT,
               kind=AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER,
               fields=frozenset({Field.ELDERLY}), area_ids=_CITY),
        *branches,
        Agency(id="himi-support", name="ふくし相談サポートセンター", sector=Sector.GOVERNMENT,
               kind=AgencyKind.SELF_RELIANCE_SUPPORT, fields=_ALL_FIELDS, area_ids=_CITY),
        Agency(id="himi-swc", name="氷見市社会福祉協議会", sector=Sector.SOCIAL_WELFARE_COUNCIL,
               kind=AgencyKind.SOCIAL_WELFARE_COUNCIL, fields=_ALL_FIELDS, area_ids=_CITY),
        Agency(id="himi-jichi", name="自治振興委員", sector=Sector.COMMUNITY,
               kind=AgencyKind.NEIGHBOURHOOD_ASSOCIATION, area_ids=_CITY),
        Agency(id="himi-minsei", name="民生委員児童委員協議会", sector=Sector.COMMUNITY,
               kind=AgencyKind.WELFARE_COMMISSIONERS, area_ids=_CITY),
        Agency(id="himi-chiku-swc", name="地区社会福祉協議会", sector=Sector.COMMUNITY,
               kind=AgencyKind.DISTRICT_SWC, area_ids=_CITY),
    )


def _m(agency_id: str, role: MemberRole = MemberRole.MEMBER) -> Membership:
    return Membership(agency_id=agency_id, role=role)


_SECTIONS = ("himi-welfare", "himi-cgsc", "himi-child", "himi-citizen", "himi-health",
             "himi-school")
_LEADERS = ("himi-jichi", "himi-minsei", "himi-chiku-swc")


def _bodies() -> tuple[MeetingBody, ...]:
    core_members = tuple(_m(a) for a in (*_SECTIONS, "himi-swc"))
    return (
        MeetingBody(
            id="himi-construction", name="地域セーフティネット構築会議", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.COMMUNITY_ISSUES,
                                MeetingPurpose.RESOURCE_DEVELOPMENT, MeetingPurpose.NETWORKING}),
            format=MeetingFormat(
                structure=BodyStructure.PLENARY, methods=frozenset({MeetingMethod.DISCUSSION}),
                participants="地域リーダー、関連機関、市社協、市各課"),
            members=(*(_m(a) for a in _LEADERS), _m("himi-support"), _m("himi-swc"),
                     *(_m(a) for a in _SECTIONS)),
            promotion=True,
            basis=LegalBasis.COMMUNITY, basis_assumed=True,
        ),
        MeetingBody(
            id="himi-core", name="地域セーフティネットコア会議", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.COMMUNITY_ISSUES,
                                MeetingPurpose.INDIVIDUAL_CASES, MeetingPurpose.NETWORKING}),
            format=MeetingFormat(methods=frozenset({MeetingMethod.DISCUSSION}),
                                 participants="関係課・地域包括支援センター・市社協の管理職"),
            members=core_members, escalates_to="himi-construction", promotion=True,
            basis=LegalBasis.CONFIDENTIAL, basis_assumed=True,
        ),
        MeetingBody(
            id="himi-regular", name="地域セーフティネット定例会議", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES}),
            format=MeetingFormat(methods=frozenset({MeetingMethod.CASE_STUDY}),
                                 duration_minutes=60,
                                 participants="コア会議に参画する各課の担当者と事例の関係者"),
            members=core_members, frequency=Frequency(times=1, per=FrequencyUnit.MONTH),
            escalates_to="himi-core",
            basis=LegalBasis.CONSENT, basis_assumed=True,
        ),
        MeetingBody(
            id="himi-care", name="セーフティネットケア会議", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES}),
            format=MeetingFormat(methods=frozenset({MeetingMethod.CASE_STUDY})),
            members=(_m("himi-welfare", MemberRole.CONVENER),
                     *(_m(a) for a in (*_SECTIONS[1:], "himi-swc", "himi-support"))),
            frequency=Frequency.ad_hoc(), escalates_to="himi-core",
            basis=LegalBasis.CONFIDENTIAL, basis_assumed=True,
        ),
        MeetingBody(
            id="himi-block", name="地域セーフティネットブロック会議", tier=2, area_id=CITY,
            convenes_per="block",
            purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES,
                                MeetingPurpose.COMMUNITY_ISSUES}),
            format=MeetingFormat(
                methods=frozenset({MeetingMethod.CASE_STUDY, MeetingMethod.LECTURE}),
                secretariat_id="himi-swc",
                participants="ブロック内の地域リーダー、高齢・障害・児童の相談支援従事者、"
                             "市社協エリア担当、市各課"),
            members=(*(_m(a) for a in ("himi-chiku-swc", "himi-minsei", "himi-cgsc",
                                       "himi-support", "himi-welfare", "himi-child")),
                     _m("himi-swc", MemberRole.SECRETARIAT)),
            escalates_to="himi-core",
            basis=LegalBasis.COMMUNITY, basis_assumed=True,
        ),
        MeetingBody(
            id="himi-district", name="セーフティネット地域会議", tier=3, area_id=CITY,
            convenes_per="district",
            purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES,
                                MeetingPurpose.COMMUNITY_ISSUES}),
            format=MeetingFormat(
                joint_with="民生委員児童委員協議会の地区会議",
                methods=frozenset({MeetingMethod.INFORMATION_SHARING}),
                participants="地区社協会長、民生委員地区会長、自治会長、関係専門職、"
                             "市社協エリア担当、市各課"),
            members=tuple(_m(a) for a in (*_LEADERS, "himi-swc", "himi-welfare")),
            escalates_to="himi-block",
            basis=LegalBasis.COMMUNITY, basis_assumed=True,
        ),
    )


@functools.cache
def himi() -> Municipality:
    """The 氷見市 preset: 1 city, 4 blocks, 21 districts and 226 自治会 (the last two
    synthetic), its agencies, two CSW coordinators and its six meeting bodies (第3章 3.).

    Returns:
        The same frozen :class:`~hokatsu.domain.municipality.Municipality` on every call.

    Examples:
        >>> city = himi()
        >>> city.name, city.population, len(city.areas.at_level("district"))
        ('氷見市', 47992, 21)
        >>> [p.label for p in city.placement_patterns]
        ['③社会福祉協議会・市区町村全域']
    """
    return Municipality(
        id=CITY, name="氷見市", prefecture="富山県", areas=_areas(), agencies=_agencies(),
        coordinators=tuple(
            Coordinator(id=f"himi-csw{i}", title="CSW",
                        affiliation=Affiliation.SOCIAL_WELFARE_COUNCIL,
                        activity_range=ActivityRange.CITY_WIDE, agency_id="himi-support")
            for i in (1, 2)
        ),
        bodies=_bodies(), foundations=frozenset({Foundation.HARDSHIP_SUPPORT}),
        population=47_992, households=16_096, aging_rate=0.36,
    )
