"""釧路市 (北海道): three 部会 and a 全体会, run by the hardship-support operator.

釧路市 contracts the project to 一般社団法人 釧路社会的企業創造協議会, which already runs the
city's hardship consultation desk くらしごと (釧路市生活相談支援センター); its one coordinator, a
former head of the local youth support station, works from there (参考資料2 ①; placement
pattern ⑤). The city builds on its hardship-support system (第2章 3.(2)③). Inside the city
government, the 生活福祉事務所 gathers the cases that the 18 related sections cannot handle
alone.

After a round of interviews, three 部会 were set up: two in areas where the population falls
fastest and new resources matter most — 美原 (4 local members, runs the monthly community diner
みはら・かがやき食堂) and 音別 (4 local members, creating work from farming and welfare) — and one
on employment support for the whole city (17 members from companies and support agencies). A
全体会 of 22 (representatives of support agencies, community organisations and the 部会)
reviews and shares the 部会's work. All four bodies are the promotion meeting's; the 部会 are
``part_of`` the 全体会. The report gives no escalation between them.

The report gives no population for the city, so the preset has none; 美原 and 音別 are areas
the report names, so they are not synthetic.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from hokatsu import _validators as v
from hokatsu.domain.agencies import Agency, AgencyKind, Sector
from hokatsu.domain.areas import Area, AreaTree
from hokatsu.domain.coordinators import ActivityRange, Affiliation, Coordinator
from hokatsu.domain.fields import Field
from hokatsu.domain.foundations import Foundation
from hokatsu.domain.meetings import (
    BodyStructure,
    Frequency,
    FrequencyUnit,
    MeetingBody,
    MeetingFormat,
    MeetingMethod,
    MeetingPurpose,
    Membership,
)
from hokatsu.domain.municipality import Municipality

__all__ = ["MEMBER_COUNTS", "MIHARA_DINER", "SESSIONS_FY2016", "CommunityDiner", "kushiro"]

CITY = "kushiro"
_CITY = frozenset({CITY})
_PLENARY = "kushiro-plenary"
_MIHARA = "kushiro-mihara-committee"
_ONBETSU = "kushiro-onbetsu-committee"
_EMPLOYMENT = "kushiro-employment-committee"

#: How many members each body has (参考資料2 ①), 美原部会 4, 音別部会 4, 就労支援部会 17 and
#: 全体会 22.
MEMBER_COUNTS: Mapping[str, int] = MappingProxyType({
    _MIHARA: 4, _ONBETSU: 4, _EMPLOYMENT: 17, _PLENARY: 22,
})

#: Sessions each body held in FY2016, None where the report gives no figure (参考資料2 ①).
#:
#: The report says the 音別 and 就労支援 部会 met twice each and the 全体会 twice; for the
#: 美原部会 it gives only the monthly diner, not a number of meetings (a summary reading "each
#: 部会 met twice" goes beyond what the report's wording covers).
SESSIONS_FY2016: Mapping[str, int | None] = MappingProxyType({
    _MIHARA: None, _ONBETSU: 2, _EMPLOYMENT: 2, _PLENARY: 2,
})


@attrs.frozen(kw_only=True)
class CommunityDiner:
    """A community diner (地域食堂) run as a place where people meet.

    Args:
        name: the diner's name.
        area_id: the area it serves.
        frequency: how often it opens.
        visitors: about how many people come to one opening.

    Raises:
        InvalidValueError: a field of the wrong type, or negative visitors.

    Examples:
        >>> MIHARA_DINER.frequency.sessions_per_year, MIHARA_DINER.visitors
        (12.0, 150)
    """

    name: str = attrs.field(validator=v.TEXT)
    area_id: str = attrs.field(validator=v.ID)
    frequency: Frequency = attrs.field(validator=v.instance_of(Frequency))
    visitors: int = attrs.field(validator=v.integer(0))


#: みはら・かがやき食堂, run by the 美原部会 about once a month, with about 150 visitors; besides
#: the meal it offers unicycle training, study support by university students and dental
#: guidance, and the everyday talk there is meant to bring local troubles to light
#: (参考資料2 ①). The facility's operator bears most of the cost as its social contribution.
MIHARA_DINER = CommunityDiner(
    name="みはら・かがやき食堂", area_id="kushiro-mihara",
    frequency=Frequency(times=1, per=FrequencyUnit.MONTH), visitors=150,
)


def _agencies() -> tuple[Agency, ...]:
    return (
        Agency(id="kushiro-kurashigoto", name="釧路市生活相談支援センターくらしごと",
               sector=Sector.GENERAL_INCORPORATED, kind=AgencyKind.SELF_RELIANCE_SUPPORT,
               fields=frozenset({Field.HARDSHIP, Field.EMPLOYMENT}), area_ids=_CITY),
        Agency(id="kushiro-seikatsu-fukushi", name="生活福祉事務所", sector=Sector.GOVERNMENT,
               kind=AgencyKind.MUNICIPAL_SECTION, fields=frozenset({Field.HARDSHIP}),
               area_ids=_CITY),
        Agency(id="kushiro-sections", name="関係課", sector=Sector.GOVERNMENT,
               kind=AgencyKind.MUNICIPAL_SECTION, area_ids=_CITY),
        Agency(id="kushiro-mihara-locals", name="美原地域の関係者", sector=Sector.COMMUNITY,
               kind=AgencyKind.COMMUNITY_ORGANISATION, area_ids=frozenset({"kushiro-mihara"})),
        Agency(id="kushiro-onbetsu-locals", name="音別地域の関係者", sector=Sector.COMMUNITY,
               kind=AgencyKind.COMMUNITY_ORGANISATION, area_ids=frozenset({"kushiro-onbetsu"})),
        Agency(id="kushiro-employers", name="企業・事業所", sector=Sector.COMPANY,
               kind=AgencyKind.COMPANY, fields=frozenset({Field.EMPLOYMENT}), area_ids=_CITY),
    )


def _m(agency_id: str) -> Membership:
    return Membership(agency_id=agency_id)


def _committee(id_: str, name: str, area_id: str, tier: int, purposes: frozenset[MeetingPurpose],
               *members: str) -> MeetingBody:
    return MeetingBody(
        id=id_, name=name, tier=tier, area_id=area_id, purposes=purposes,
        format=MeetingFormat(structure=BodyStructure.SUBCOMMITTEE,
                             methods=frozenset({MeetingMethod.DISCUSSION})),
        members=tuple(_m(a) for a in ("kushiro-kurashigoto", *members)),
        part_of=_PLENARY, promotion=True,
    )


def _bodies() -> tuple[MeetingBody, ...]:
    local = frozenset({MeetingPurpose.RESOURCE_DEVELOPMENT, MeetingPurpose.COMMUNITY_ISSUES})
    return (
        MeetingBody(
            id=_PLENARY, name="全体会", tier=1, area_id=CITY,
            purposes=frozenset({MeetingPurpose.COMMUNITY_ISSUES, MeetingPurpose.NETWORKING}),
            format=MeetingFormat(
                structure=BodyStructure.PLENARY,
                methods=frozenset({MeetingMethod.DISCUSSION, MeetingMethod.INFORMATION_SHARING}),
                secretariat_id="kushiro-kurashigoto",
                participants="各種支援機関・地域組織の代表、部会代表"),
            members=tuple(_m(a) for a in ("kushiro-kurashigoto", "kushiro-seikatsu-fukushi",
                                          "kushiro-mihara-locals", "kushiro-onbetsu-locals",
                                          "kushiro-employers")),
            promotion=True,
        ),
        _committee(_MIHARA, "美原部会", "kushiro-mihara", 2, local, "kushiro-mihara-locals"),
        _committee(_ONBETSU, "音別部会", "kushiro-onbetsu", 2, local, "kushiro-onbetsu-locals"),
        _committee(_EMPLOYMENT, "就労支援部会", CITY, 1,
                   frozenset({MeetingPurpose.RESOURCE_DEVELOPMENT}), "kushiro-employers"),
    )


@functools.cache
def kushiro() -> Municipality:
    """The 釧路市 preset: the city with 美原 and 音別, the operator's coordinator, and the
    全体会 with its three 部会 (参考資料2 ①).

    Returns:
        The same frozen :class:`~hokatsu.domain.municipality.Municipality` on every call.

    Examples:
        >>> city = kushiro()
        >>> sorted(b.name for b in city.bodies if b.part_of == "kushiro-plenary")
        ['就労支援部会', '美原部会', '音別部会']
        >>> [p.label for p in city.placement_patterns]
        ['⑤その他の主体・市区町村全域']
    """
    return Municipality(
        id=CITY, name="釧路市", prefecture="北海道",
        areas=AreaTree(levels=("city", "district"), areas=(
            Area(id=CITY, name="釧路市", level="city"),
            Area(id="kushiro-mihara", name="美原", level="district", parent_id=CITY),
            Area(id="kushiro-onbetsu", name="音別", level="district", parent_id=CITY),
        )),
        agencies=_agencies(),
        coordinators=(Coordinator(id="kushiro-coordinator", affiliation=Affiliation.OTHER,
                                  activity_range=ActivityRange.CITY_WIDE,
                                  agency_id="kushiro-kurashigoto"),),
        bodies=_bodies(), foundations=frozenset({Foundation.HARDSHIP_SUPPORT}),
    )
