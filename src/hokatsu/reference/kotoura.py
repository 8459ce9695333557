"""琴浦町 (鳥取県): a small town's promotion meeting and its case-level 担当者会議.

A town of about 18,000 residents whose 福祉あんしん課 covers elderly care, community welfare,
disability, livelihood hardship and public assistance, with the 地域包括支援センター, the
hardship consultation desk and the welfare office run directly inside it (参考資料2 ⑧). The
town contracts the project to its 社会福祉協議会, whose ことうらあんしん相談支援センター hosts
the coordinators, who work for the whole town (placement pattern ③). Two bodies carry the work:
the 相談支援包括化推進会議 (network, coordination with agencies, support programmes,
monitoring of the project; also the search for resources and funding) and the 担当者会議,
which takes individual cases.

Choices this preset makes:

- Coordinators: the list of 第2章 1. gives two, 参考資料2 names one 社協 staff member; the
  preset follows the list (:mod:`hokatsu.reference.municipalities` keeps both).
- Escalation: the report says hard cases are resolved "through the 担当者会議 and the
  推進会議", in that order, and gives the 推進会議 the coordination with agencies; the preset
  reads this as 担当者会議 → 推進会議.
- Foundation: the report does not classify the town, so none is set.
- Population: the report gives it only as "about 18,000"; the preset records 18,000.

The 司法書士 on the 推進会議 and the other bodies joining a 担当者会議 case by case are named in
the participants' text, not as agencies.
"""

from __future__ import annotations

import functools

from hokatsu.domain.agencies import Agency, AgencyKind, Sector
from hokatsu.domain.areas import Area, AreaTree
from hokatsu.domain.coordinators import ActivityRange, Affiliation, Coordinator
from hokatsu.domain.fields import Field
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

__all__ = ["kotoura"]

CITY = "kotoura"
_CITY = frozenset({CITY})
_WELFARE_FIELDS = (Field.ELDERLY, Field.DISABILITY, Field.HARDSHIP)


def _a(id_: str, name: str, kind: AgencyKind, *fields: Field,
       sector: Sector = Sector.GOVERNMENT) -> Agency:
    return Agency(id=f"kotoura-{id_}", name=name, sector=sector, kind=kind,
                  fields=frozenset(fields), area_ids=_CITY)


def _agencies() -> tuple[Agency, ...]:
    swc = Sector.SOCIAL_WELFARE_COUNCIL
    return (
        _a("anshin", "福祉あんしん課", AgencyKind.MUNICIPAL_SECTION, *_WELFARE_FIELDS),
        _a("cgsc", "地域包括支援センター", AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER,
           Field.ELDERLY),
        _a("self-reliance", "自立相談支援窓口", AgencyKind.SELF_RELIANCE_SUPPORT, Field.HARDSHIP),
        _a("welfare-office", "福祉事務所", AgencyKind.MUNICIPAL_SECTION, Field.HARDSHIP),
        _a("child-health", "子育て健康課", AgencyKind.MUNICIPAL_SECTION, Field.CHILDREN,
           Field.HEALTH),
        _a("education", "教育委員会教育総務課", AgencyKind.MUNICIPAL_SECTION, Field.CHILDREN),
        _a("swc", "琴浦町社会福祉協議会", AgencyKind.SOCIAL_WELFARE_COUNCIL, *_WELFARE_FIELDS,
           Field.CHILDREN, sector=swc),
        _a("anshin-centre", "ことうらあんしん相談支援センター", AgencyKind.CONSULTATION_BASE,
           *_WELFARE_FIELDS, Field.CHILDREN, sector=swc),
        _a("minsei", "民生児童委員", AgencyKind.WELFARE_COMMISSIONERS, sector=Sector.COMMUNITY),
    )


def _m(id_: str, role: MemberRole = MemberRole.MEMBER) -> Membership:
    return Membership(agency_id=f"kotoura-{id_}", role=role)


def _bodies() -> tuple[MeetingBody, ...]:
    return (
        MeetingBody(
            id="kotoura-promotion", name="相談支援包括化推進会議", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.NETWORKING, MeetingPurpose.RESOURCE_DEVELOPMENT,
                                MeetingPurpose.FUNDING, MeetingPurpose.OTHER}),
            format=MeetingFormat(
                methods=frozenset({MeetingMethod.DISCUSSION}),
                participants="包括化推進員、司法書士、民生児童委員の代表、町福祉事務所長、"
                             "町福祉あんしん課長、町子育て健康課長、町教育委員会教育総務課長、"
                             "社協会長、社協事務局長等"),
            members=(_m("anshin-centre", MemberRole.CONVENER), _m("minsei"),
                     _m("welfare-office"), _m("anshin"), _m("child-health"), _m("education"),
                     _m("swc")),
            promotion=True,
        ),
        MeetingBody(
            id="kotoura-case-meeting", name="担当者会議", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES}),
            format=MeetingFormat(
                methods=frozenset({MeetingMethod.CASE_STUDY}),
                participants="包括化推進員、担当民生委員、町教育委員会スクールソーシャルワーカー、"
                             "町子育て健康課・福祉あんしん課（障がい・生活支援・包括支援センター）"
                             "の担当者、社協（指定特定相談支援・成年後見・日常生活自立支援事業・"
                             "資金貸付の担当）、ケースに応じてその他の機関"),
            members=(_m("anshin-centre", MemberRole.CONVENER), _m("minsei"), _m("education"),
                     _m("child-health"), _m("anshin"), _m("cgsc"), _m("swc")),
            frequency=Frequency.ad_hoc(), escalates_to="kotoura-promotion",
        ),
    )


@functools.cache
def kotoura() -> Municipality:
    """The 琴浦町 preset: the town, its welfare sections and 社協, two 社協 coordinators, the
    推進会議 and the 担当者会議 (参考資料2 ⑧).

    Returns:
        The same frozen :class:`~hokatsu.domain.municipality.Municipality` on every call.

    Examples:
        >>> town = kotoura()
        >>> town.population, len(town.coordinators)
        (18000, 2)
        >>> [b.name for b in town.escalation_chain("kotoura-case-meeting")]
        ['担当者会議', '相談支援包括化推進会議']
        >>> [p.label for p in town.placement_patterns]
        ['③社会福祉協議会・市区町村全域']
    """
    return Municipality(
        id=CITY, name="琴浦町", prefecture="鳥取県",
        areas=AreaTree(levels=("city",), areas=(Area(id=CITY, name="琴浦町", level="city"),)),
        agencies=_agencies(),
        coordinators=tuple(
            Coordinator(id=f"kotoura-coordinator{i}",
                        affiliation=Affiliation.SOCIAL_WELFARE_COUNCIL,
                        activity_range=ActivityRange.CITY_WIDE,
                        agency_id="kotoura-anshin-centre")
            for i in (1, 2)
        ),
        bodies=_bodies(), population=18_000,
    )
