"""The 26 municipalities of the FY2016 model project and the case-study cities' base data.

:data:`MODEL_MUNICIPALITIES` is the list of 第2章 1. (表 相談支援包括化推進員の配置状況): for
each municipality, who runs the project (directly or on contract), how many coordinators it
placed and where. :data:`BASE_DATA` holds the base data (基礎情報) of the three cities studied
in 第3章 — 伊賀市, 江戸川区, 氷見市 — from the 2015 census (平成27年国勢調査) and the cities'
own figures.

Where the hearings (第2章 4.(2) and 参考資料2) give a coordinator count other than the list's,
both are kept: ``coordinators`` is the list's figure and ``coordinators_hearing`` the
hearing's, with a note.

Examples:
    >>> m = model_municipality("盛岡市")
    >>> m.number, m.prefecture, m.coordinators, m.coordinators_hearing
    (2, '岩手県', 17.0, 20.0)
    >>> model_municipality(23).coordinators
    1.3
    >>> BASE_DATA["江戸川区"].population
    681298
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from hokatsu import _validators as v
from hokatsu.domain.agencies import Sector
from hokatsu.errors import UnknownReferenceError

__all__ = [
    "BASE_DATA",
    "MODEL_MUNICIPALITIES",
    "BaseData",
    "ModelMunicipality",
    "model_municipality",
]


@attrs.frozen(kw_only=True)
class ModelMunicipality:
    """One municipality of the FY2016 model project (第2章 1.).

    Args:
        number: its number in the report's list, 1 to 26 (not the survey's anonymised number).
        name: the municipality's name; for number 26 the prefecture (鹿児島県) itself.
        prefecture: its prefecture.
        operator: who runs the project, in words: the municipality itself (direct, 直営) or the
            contracted body (受託機関).
        sectors: the kinds of organisation the operator is; several for a joint operation,
            empty where the list names only a kind of agency.
        coordinators: the number of coordinators in the list, possibly fractional (full-time
            equivalents: 妙高市 0.5, 大牟田市 1.3).
        placed_at: the agencies the coordinators are placed in, in words.
        coordinators_hearing: a different count given by the hearings (参考資料2 or
            第2章 4.(2)), None where they agree or give none.
        note: what the report says about a discrepancy or a misprint, if anything.

    Raises:
        InvalidValueError: a field of the wrong type or out of range.

    Examples:
        >>> m = model_municipality(12)
        >>> m.name, m.coordinators, m.direct
        ('世田谷区', 27.0, False)
    """

    number: int = attrs.field(validator=v.integer(1, 26))
    name: str = attrs.field(validator=v.TEXT)
    prefecture: str = attrs.field(validator=v.TEXT)
    operator: str = attrs.field(validator=v.TEXT)
    sectors: frozenset[Sector] = attrs.field(validator=v.frozenset_of(v.enum_of(Sector)))
    coordinators: float = attrs.field(validator=v.number(0, exclusive_min=True))
    placed_at: str = attrs.field(validator=v.TEXT)
    coordinators_hearing: float | None = attrs.field(
        default=None, validator=v.optional(v.number(0, exclusive_min=True))
    )
    note: str | None = attrs.field(default=None, validator=v.optional(v.TEXT))

    @property
    def direct(self) -> bool:
        """Whether the municipality runs the project itself (直営).

        Examples:
            >>> sorted(m.name for m in MODEL_MUNICIPALITIES if m.direct)
            ['伊賀市', '名張市', '妙高市', '有田川町', '栃木市', '矢巾町', '茅野市']
        """
        return self.sectors == {Sector.GOVERNMENT}


_GOV = frozenset({Sector.GOVERNMENT})
_SWC = frozenset({Sector.SOCIAL_WELFARE_COUNCIL})


def _m(number: int, name: str, prefecture: str, operator: str, sectors: frozenset[Sector],
       coordinators: float, placed_at: str, *, coordinators_hearing: float | None = None,
       note: str | None = None) -> ModelMunicipality:
    return ModelMunicipality(number=number, name=name, prefecture=prefecture, operator=operator,
                             sectors=sectors, coordinators=coordinators, placed_at=placed_at,
                             coordinators_hearing=coordinators_hearing, note=note)


#: The 26 municipalities of FY2016 in the report's order (第2章 1.).
MODEL_MUNICIPALITIES: tuple[ModelMunicipality, ...] = (
    _m(1, "釧路市", "北海道", "一般社団法人 釧路社会的企業創造協議会",
       frozenset({Sector.GENERAL_INCORPORATED}), 1.0, "釧路市生活相談支援センターくらしごと",
       note="The list writes 社団法人; 参考資料2 gives the full form 一般社団法人."),
    _m(2, "盛岡市", "岩手県", "社会福祉法人 盛岡市社会福祉協議会", _SWC, 17.0,
       "the 社協 and the main consultation agencies of the city (disability, child-rearing, "
       "hardship, food bank, school social work, youth and employment support, medical)",
       coordinators_hearing=20.0,
       note="第2章 2.(2) counts 2 at the 社協 and 15 agency staff (17); 参考資料2 counts 3 at "
            "the 社協 and 17 agency staff (20), and 20 sit on the FY2016 全体会."),
    _m(3, "矢巾町", "岩手県", "矢巾町", _GOV, 2.0, "矢巾町役場 福祉・子ども課"),
    _m(4, "湯沢市", "秋田県", "社会福祉法人 雄勝福祉会",
       frozenset({Sector.SOCIAL_WELFARE_CORPORATION}), 2.0, "ぱあとなあ相談支援事業所"),
    _m(5, "大潟村", "秋田県", "社会福祉法人 大潟村社会福祉協議会", _SWC, 3.0,
       "大潟村社会福祉協議会"),
    _m(6, "山形市", "山形県", "社会福祉法人 山形市社会福祉協議会", _SWC, 2.0,
       "山形市役所 生活福祉課; 山形市社会福祉協議会 山形市総合福祉センター"),
    _m(7, "東海村", "茨城県", "社会福祉法人 東海村社会福祉協議会", _SWC, 2.0,
       "東海村社会福祉協議会 生活支援ネットワーク係"),
    _m(8, "栃木市", "栃木県", "栃木市", _GOV, 3.0,
       "栃木中央包括支援センター (elderly); 子育て支援課 (child-rearing)"),
    _m(9, "市貝町", "栃木県", "社会福祉法人 市貝町社会福祉協議会", _SWC, 3.0,
       "市貝町総合相談支援センター・総合相談窓口 (provisional name)"),
    _m(10, "鴨川市", "千葉県", "特定非営利活動法人 夕なぎ", frozenset({Sector.NPO}), 1.0,
       "オレンジハウス相談支援センター (指定特定相談支援事業所)"),
    _m(11, "江戸川区", "東京都", "社会福祉法人 江戸川区社会福祉協議会", _SWC, 3.0,
       "なごみの家"),
    _m(12, "世田谷区", "東京都",
       "the 13 社会福祉法人 running the 地域包括支援センター on contract",
       frozenset({Sector.SOCIAL_WELFARE_CORPORATION}), 27.0,
       "地域包括支援センター (あんしんすこやかセンター)"),
    _m(13, "妙高市", "新潟県", "妙高市", _GOV, 0.5, "妙高市役所 福祉介護課"),
    _m(14, "氷見市", "富山県", "社会福祉法人 氷見市社会福祉協議会", _SWC, 2.0,
       "ふくし相談サポートセンター (自立相談支援機関, 氷見市社会福祉協議会)"),
    _m(15, "美浜町", "福井県", "社会福祉法人 美浜町社会福祉協議会", _SWC, 1.0,
       "美浜町社会福祉協議会"),
    _m(16, "茅野市", "長野県", "茅野市", _GOV, 4.0,
       "保健福祉サービスセンター (地域包括支援センターのサブセンター)"),
    _m(17, "名張市", "三重県", "名張市", _GOV, 3.0, "名張市地域包括支援センター"),
    _m(18, "伊賀市", "三重県", "伊賀市", _GOV, 5.0, "地域包括支援センター; 福祉相談調整課"),
    _m(19, "豊中市", "大阪府",
       "豊中市, 社会福祉法人 豊中市社会福祉協議会 and 一般社団法人 キャリアブリッジ",
       frozenset({Sector.GOVERNMENT, Sector.SOCIAL_WELFARE_COUNCIL,
                  Sector.GENERAL_INCORPORATED}), 3.0,
       "自立相談支援機関 (生活困窮者自立支援法)"),
    _m(20, "有田川町", "和歌山県", "有田川町", _GOV, 1.0, "家庭支援総合センター (行政機関)",
       note="The list's operator column misprints the town as 有田川市."),
    _m(21, "琴浦町", "鳥取県", "社会福祉法人 琴浦町社会福祉協議会", _SWC, 2.0,
       "ことうらあんしん相談支援センター", coordinators_hearing=1.0,
       note="参考資料2 names one 社協 staff member as the coordinator."),
    _m(22, "呉市", "広島県", "社会福祉法人 呉市社会福祉協議会", _SWC, 1.0,
       "福祉の窓口 (自立相談支援機関, contracted to the 社協)"),
    _m(23, "大牟田市", "福岡県", "医療法人 静光園", frozenset({Sector.MEDICAL_CORPORATION}),
       1.3, "大牟田市 保健福祉部 保健総務課 地域福祉推進室", coordinators_hearing=2.0,
       note="第2章 4.(2) names two staff of the medical corporation (よろず相談員), one of "
            "them placed in the city's 地域福祉推進室; 参考資料2 describes only that one."),
    _m(24, "佐賀市", "佐賀県", "社会福祉法人 佐賀市社会福祉協議会", _SWC, 3.0,
       "two full-time (専任) in the city's 福祉総務課, one holding the post alongside "
       "other work (兼任) at the 社協"),
    _m(25, "長崎市", "長崎県", "地域包括支援センター", frozenset(), 6.0,
       "南多機関型地域包括支援センター and 北多機関型地域包括支援センター",
       note="The list names the kind of operator only, not who runs the centres."),
    _m(26, "鹿児島県", "鹿児島県", "大隅くらし・しごとサポートネットワーク共同事業体",
       frozenset({Sector.VOLUNTARY}), 1.0,
       "大隅くらし・しごとサポートセンター (自立相談支援窓口)",
       note="A prefecture running the project; the operator is a consortium (共同事業体), "
            "recorded as a voluntary body."),
)

_BY_NUMBER = MappingProxyType({m.number: m for m in MODEL_MUNICIPALITIES})
_BY_NAME = MappingProxyType({m.name: m for m in MODEL_MUNICIPALITIES})


def model_municipality(key: int | str) -> ModelMunicipality:
    """The model municipality with list number or name *key* (第2章 1.).

    Args:
        key: the list number, 1 to 26, or the name (``"盛岡市"``; ``"鹿児島県"`` for number 26).

    Returns:
        The :class:`ModelMunicipality`.

    Raises:
        UnknownReferenceError: no municipality has that number or name.

    Examples:
        >>> model_municipality(20).name, model_municipality("有田川町").operator
        ('有田川町', '有田川町')
    """
    if type(key) is int:
        found = _BY_NUMBER.get(key)
        if found is None:
            raise UnknownReferenceError("MODEL_MUNICIPALITIES", "number", key, _BY_NUMBER)
        return found
    found = _BY_NAME.get(key) if isinstance(key, str) else None
    if found is None:
        raise UnknownReferenceError("MODEL_MUNICIPALITIES", "name", key, _BY_NAME)
    return found


@attrs.frozen(kw_only=True)
class BaseData:
    """Base data (基礎情報) of a case-study city (第3章).

    Args:
        name: the municipality's name.
        prefecture: its prefecture.
        population: residents (2015 census).
        households: households (2015 census).
        aging_rate: share of residents aged 65 or over (2015 census), 0 to 1.
        centres: 地域包括支援センター.
        centres_run_by: who runs them (``GOVERNMENT`` for direct).
        branches: their branches (ブランチ).
        branches_run_by: who runs the branches.
        hardship_desks: 生活困窮者自立支援 consultation desks.
        desks_run_by: who runs the desks.
        coordinators: the number of coordinators.
        coordinator_placement: where the coordinators are, in words.

    Raises:
        InvalidValueError: a field of the wrong type or out of range.

    Examples:
        >>> d = BASE_DATA["氷見市"]
        >>> d.population, d.households, d.aging_rate, d.coordinators
        (47992, 16096, 0.36, 2)
    """

    name: str = attrs.field(validator=v.TEXT)
    prefecture: str = attrs.field(validator=v.TEXT)
    population: int = attrs.field(validator=v.integer(0))
    households: int = attrs.field(validator=v.integer(0))
    aging_rate: float = attrs.field(validator=v.number(0, 1))
    centres: int = attrs.field(validator=v.integer(0))
    centres_run_by: frozenset[Sector] = attrs.field(validator=v.frozenset_of(v.enum_of(Sector)))
    branches: int = attrs.field(validator=v.integer(0))
    branches_run_by: frozenset[Sector] = attrs.field(validator=v.frozenset_of(v.enum_of(Sector)))
    hardship_desks: int = attrs.field(validator=v.integer(0))
    desks_run_by: frozenset[Sector] = attrs.field(validator=v.frozenset_of(v.enum_of(Sector)))
    coordinators: int = attrs.field(validator=v.integer(0))
    coordinator_placement: str = attrs.field(validator=v.TEXT)


#: Base data of the three case-study cities, keyed by name (第3章 1.–3. 基礎情報).
#:
#: 氷見市's hardship desk is direct (市直営) in its base data, although the list of 第2章 1.
#: places its coordinators in the ふくし相談サポートセンター of the 社協; both are the report's.
BASE_DATA: Mapping[str, BaseData] = MappingProxyType({
    "伊賀市": BaseData(
        name="伊賀市", prefecture="三重県", population=90_581, households=33_651,
        aging_rate=0.317, centres=3, centres_run_by=_GOV, branches=0,
        branches_run_by=frozenset(), hardship_desks=1, desks_run_by=_GOV, coordinators=5,
        coordinator_placement="one in each of the three centres, two in the 福祉相談調整課",
    ),
    "江戸川区": BaseData(
        name="江戸川区", prefecture="東京都", population=681_298, households=309_072,
        aging_rate=0.206, centres=18,
        centres_run_by=frozenset({Sector.SOCIAL_WELFARE_CORPORATION,
                                  Sector.GENERAL_INCORPORATED}),
        branches=8, branches_run_by=frozenset({Sector.SOCIAL_WELFARE_CORPORATION}),
        hardship_desks=3, desks_run_by=frozenset({Sector.COMPANY}), coordinators=3,
        coordinator_placement="one CSW of the 社協 in each of the three なごみの家",
    ),
    "氷見市": BaseData(
        name="氷見市", prefecture="富山県", population=47_992, households=16_096,
        aging_rate=0.36, centres=1, centres_run_by=_GOV, branches=3,
        branches_run_by=frozenset({Sector.SOCIAL_WELFARE_CORPORATION,
                                   Sector.MEDICAL_CORPORATION}),
        hardship_desks=1, desks_run_by=_GOV, coordinators=2,
        coordinator_placement="two CSW of the 社協 in the ふくし相談サポートセンター, "
                              "within a 社協 team of nine",
    ),
})
