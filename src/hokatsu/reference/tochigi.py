"""栃木市 (栃木県): a city-led centre and three meetings, from heads of department to cases.

In FY2016 栃木市 set up the 福祉総合相談支援センター, not a building but an organisation of
the city's department and section heads that oversees every consultation agency (参考資料2 ④).
Three meetings carry the work: the centre's meeting of department and section heads, the
相談支援包括化推進会議 of practitioners (実務者会議, about twice a month, held together with
the 地域ケア会議, 第2章 3.(2)①) and the 担当者個別会議, convened when needed for one case.
The three coordinators are city staff, two in the directly run 栃木中央包括支援センター and one
in the 子育て支援課 (placement pattern ①). The 地域包括ケア推進課 runs the secretariat of the
first two meetings, and the report counts the city among those building on community care
(第2章 3.(2)①).

Escalation is this preset's reading of the report, which describes the meetings by level but
draws no arrows between them: a case conference that cannot settle a case passes it to the
practitioners' 推進会議, which passes what it cannot settle to the heads of the centre
(担当者個別会議 → 相談支援包括化推進会議 → 福祉総合相談支援センター会議). Only the
practitioners' meeting is marked as the promotion meeting; 参考資料2 once calls the case
conference "相談支援包括化推進会議（個別会議）", but describes and draws it as a meeting of its
own. All three meet for the whole city (第1層).

The report does not say who runs the consultation agencies that take part in the centre
(障がい児者相談支援センター, とちぎ市くらしサポートセンター and the other centres); as members
of a centre run inside the city government they are recorded as the city's (``GOVERNMENT``).
The related bodies outside the city are listed as the report names them, except
とちぎメディカルセンター, whose operator the report does not give. The report gives no
population for the city, so the preset has none.
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
    FrequencyUnit,
    MeetingBody,
    MeetingFormat,
    MeetingMethod,
    MeetingPurpose,
    MemberRole,
    Membership,
)
from hokatsu.domain.municipality import Municipality

__all__ = ["tochigi"]

CITY = "tochigi"
_CITY = frozenset({CITY})


def _a(id_: str, name: str, kind: AgencyKind, *fields: Field,
       sector: Sector = Sector.GOVERNMENT) -> Agency:
    return Agency(id=f"tochigi-{id_}", name=name, sector=sector, kind=kind,
                  fields=frozenset(fields), area_ids=_CITY)


_SECTION = AgencyKind.MUNICIPAL_SECTION
_STATE = Sector.PREFECTURE_OR_STATE


def _agencies() -> tuple[Agency, ...]:
    return (
        # department and section heads of the centre
        _a("health-welfare-dept", "保健福祉部", _SECTION, Field.ELDERLY, Field.DISABILITY,
           Field.HARDSHIP, Field.HEALTH),
        _a("children-dept", "子ども未来部", _SECTION, Field.CHILDREN),
        _a("welfare-general", "福祉総務課", _SECTION, Field.OTHER),
        _a("elderly-welfare", "高齢福祉課", _SECTION, Field.ELDERLY),
        _a("community-care", "地域包括ケア推進課", _SECTION, Field.ELDERLY),
        # consultation agencies taking part in the centre
        _a("central-cgsc", "栃木中央包括支援センター",
           AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER, Field.ELDERLY),
        _a("disability-centre", "障がい児者相談支援センター",
           AgencyKind.DISABILITY_CONSULTATION, Field.DISABILITY),
        _a("livelihood", "生活福祉課", _SECTION, Field.HARDSHIP),
        _a("kurashi-support", "とちぎ市くらしサポートセンター", AgencyKind.SELF_RELIANCE_SUPPORT,
           Field.HARDSHIP),
        _a("childcare-centre", "地域子育て支援センター", AgencyKind.OTHER, Field.CHILDREN),
        _a("childcare-section", "子育て支援課", _SECTION, Field.CHILDREN),
        _a("child-support-centre", "こどもサポートセンター", AgencyKind.OTHER, Field.CHILDREN),
        _a("school-education", "学校教育課", _SECTION, Field.CHILDREN),
        _a("health-promotion", "健康増進課", _SECTION, Field.HEALTH),
        _a("guardianship", "成年後見サポートセンター", AgencyKind.OTHER, Field.RIGHTS),
        # related agencies
        _a("swc", "栃木市社会福祉協議会", AgencyKind.SOCIAL_WELFARE_COUNCIL, Field.ELDERLY,
           Field.DISABILITY, Field.CHILDREN, Field.HARDSHIP,
           sector=Sector.SOCIAL_WELFARE_COUNCIL),
        _a("health-welfare-centre", "栃木健康福祉センター", AgencyKind.PUBLIC_HEALTH_CENTER,
           Field.HEALTH, sector=_STATE),
        _a("child-guidance", "栃木県南児童相談所", AgencyKind.CHILD_GUIDANCE_CENTER,
           Field.CHILDREN, sector=_STATE),
        _a("hello-work", "栃木公共職業安定所", AgencyKind.HELLO_WORK, Field.EMPLOYMENT,
           sector=_STATE),
    )


_CONSULTATION = ("central-cgsc", "disability-centre", "livelihood", "kurashi-support",
                 "childcare-centre", "childcare-section", "child-support-centre",
                 "school-education", "health-promotion", "guardianship")


def _m(id_: str, role: MemberRole = MemberRole.MEMBER) -> Membership:
    return Membership(agency_id=f"tochigi-{id_}", role=role)


def _bodies() -> tuple[MeetingBody, ...]:
    return (
        MeetingBody(
            id="tochigi-centre-meeting", name="福祉総合相談支援センター会議", tier=1,
            area_id=CITY, purposes=frozenset({MeetingPurpose.NETWORKING}),
            format=MeetingFormat(
                methods=frozenset({MeetingMethod.DISCUSSION}),
                secretariat_id="tochigi-community-care",
                participants="センター長（保健福祉部長）、副センター長（子ども未来部長）、"
                             "統括課長（福祉総務課長・高齢福祉課長）、相談支援機関を所管する各課長"),
            members=(_m("health-welfare-dept", MemberRole.CHAIR), _m("children-dept"),
                     _m("welfare-general"), _m("elderly-welfare"),
                     _m("community-care", MemberRole.SECRETARIAT), _m("livelihood"),
                     _m("childcare-section"), _m("school-education"), _m("health-promotion")),
        ),
        MeetingBody(
            id="tochigi-promotion", name="相談支援包括化推進会議", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.NETWORKING, MeetingPurpose.INDIVIDUAL_CASES,
                                MeetingPurpose.COMMUNITY_ISSUES,
                                MeetingPurpose.RESOURCE_DEVELOPMENT}),
            format=MeetingFormat(
                joint_with="地域ケア会議",
                methods=frozenset({MeetingMethod.DISCUSSION, MeetingMethod.CASE_STUDY}),
                secretariat_id="tochigi-community-care",
                participants="包括化推進員と各相談支援機関の実務者"),
            members=(_m("community-care", MemberRole.SECRETARIAT),
                     *(_m(a) for a in _CONSULTATION)),
            frequency=Frequency(times=2, per=FrequencyUnit.MONTH),
            escalates_to="tochigi-centre-meeting", promotion=True,
        ),
        MeetingBody(
            id="tochigi-case-meeting", name="担当者個別会議", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES}),
            format=MeetingFormat(methods=frozenset({MeetingMethod.CASE_STUDY}),
                                 participants="ケースに関わる各機関の担当者"),
            frequency=Frequency.ad_hoc(), escalates_to="tochigi-promotion",
        ),
    )


@functools.cache
def tochigi() -> Municipality:
    """The 栃木市 preset: the city, its consultation agencies and related bodies, three city
    coordinators and the three meetings of its 福祉総合相談支援センター (参考資料2 ④).

    Returns:
        The same frozen :class:`~hokatsu.domain.municipality.Municipality` on every call.

    Examples:
        >>> city = tochigi()
        >>> [b.name for b in city.escalation_chain("tochigi-case-meeting")]
        ['担当者個別会議', '相談支援包括化推進会議', '福祉総合相談支援センター会議']
        >>> city.body("tochigi-promotion").frequency.sessions_per_year
        24.0
        >>> [p.label for p in city.placement_patterns]
        ['①自治体・市区町村全域']
    """
    placed = ("tochigi-central-cgsc", "tochigi-central-cgsc", "tochigi-childcare-section")
    return Municipality(
        id=CITY, name="栃木市", prefecture="栃木県",
        areas=AreaTree(levels=("city",), areas=(Area(id=CITY, name="栃木市", level="city"),)),
        agencies=_agencies(),
        coordinators=tuple(
            Coordinator(id=f"tochigi-coordinator{i}", affiliation=Affiliation.MUNICIPALITY,
                        activity_range=ActivityRange.CITY_WIDE, agency_id=agency)
            for i, agency in enumerate(placed, start=1)
        ),
        bodies=_bodies(), foundations=frozenset({Foundation.COMMUNITY_CARE}),
    )
