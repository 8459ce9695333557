"""Tests for hokatsu.indicators.catalogue: the report's indicators 1A1…5O4 as 第4章 2.(3)
lists them (DOMAIN.md §7.2), with the report's names and sensible units, plus the extras."""

from __future__ import annotations

import re

import pytest

from hokatsu.calendar import PeriodKind
from hokatsu.indicators import (
    BY_ID,
    CATALOGUE,
    EXTRAS,
    MULTILAYERED,
    REPORT,
    Composite,
    Count,
    Distinct,
    Flag,
    IndicatorEngine,
    IndicatorKind,
    IsZero,
    PerCapita,
    Scores,
    Sum,
    Viewpoint,
)
from hokatsu.indicators.model import CaseLabels, Cases
from hokatsu.reference import himi

#: The report's indicator ids per viewpoint, in the report's order (DOMAIN.md §7.2).
REPORT_IDS: dict[Viewpoint, tuple[str, ...]] = {
    Viewpoint.GRASP_ISSUES: ("1A1", "1A2", "1A3", "1A4", "1A5", "1A6", "1A7", "1O1", "1O2"),
    Viewpoint.INDIVIDUAL_SUPPORT: ("2A1", "2A2", "2A3", "2A4", "2A5", "2O1", "2O2", "2O3"),
    Viewpoint.DEVELOP_RESOURCES: ("3A1", "3A2", "3A3", "3A4", "3A5", "3A6", "3A7",
                                  "3O1", "3O2", "3O3", "3O4", "3O5", "3O6"),
    Viewpoint.MANAGE_SYSTEM: ("4A1", "4A2", "4A3", "4A4", "4A5", "4A6", "4A7", "4A8",
                              "4O1", "4O2", "4O3", "4O4"),
    Viewpoint.RUN_MEETING: ("5A1", "5A2", "5A3", "5A4", "5O1", "5O2", "5O3", "5O4"),
}

#: The names as the report words them (seed text, 第4章 2.(3) 評価指標案, lines ~5480–5762),
#: with the two OCR slips of the extraction corrected (連消 → 連携, 見交換 → 意見交換). Where the
#: report puts two indicators in one line (事例数及びケース会議開催数, 実施回数及び参加者数,
#: 参加機関数・参加者数), each half is completed with the shared subject.
REPORT_NAMES: dict[str, str] = {
    "1A1": "意見交換の実施回数",
    "1A2": "地域の会合への出席回数",
    "1A3": "アンケート調査実施回数",
    "1A4": "アンケート調査項目数",
    "1A5": "アンケート調査回答人数",
    "1A6": "ヒアリング実施機関数",
    "1A7": "地域の主体と連携したアウトリーチ実施回数",
    "1O1": "相談支援包括化推進会議等で議題に取り上げた課題数",
    "1O2": "相談支援包括化推進会議等で対応策が提示された課題数",
    "2A1": "相談支援包括化推進員の視点からインテーク・アセスメントを行った事例数",
    "2A2": "複数分野の関係機関が連携・対応した事例数",
    "2A3": "複数分野の関係機関が連携・対応した事例のケース会議開催数",
    "2A4": "世帯全体の支援を検討・実施した事例数",
    "2A5": "世帯全体の支援を検討・実施した事例のケース会議開催数",
    "2O1": "相談支援包括化推進会議等を通じて新たに支援につながった事例数",
    "2O2": "困難事例等への対応において新たに連携した機関数",
    "2O3": "困難事例等への対応を円滑化するツール等の開発数",
    "3A1": "地域資源創出に向けた地域主体との協議件数",
    "3A2": "地域資源創出に向けた会議等開催件数",
    "3A3": "地域資源創出に向けた会議等参加者数",
    "3A4": "地域資源の創出に参加した機関数",
    "3A5": "財源の創出に向けた地域主体との協議件数",
    "3A6": "財源の創出に向けた会議等開催件数",
    "3A7": "財源の創出に向けた会議等参加者数",
    "3O1": "新たに包括的相談支援体制に参画した主体数",
    "3O2": "新たに整備された相談支援に係る拠点数",
    "3O3": "新たに開始した地域向けサービス数",
    "3O4": "新たに創出された財源の種類数",
    "3O5": "新たに創出された財源の金額",
    "3O6": "新たに予算化された財源の金額",
    "4A1": "課題解決に向けた施策着手件数",
    "4A2": "次年度以降の対応計画の策定有無",
    "4A3": "情報共有の円滑化に向けた関係機関の協議件数",
    "4A4": "情報共有の円滑化に向けた施策着手件数",
    "4A5": "関係専門職を対象とした研修の実施回数",
    "4A6": "関係専門職を対象とした研修の参加者数",
    "4A7": "アセスメントの課題等に関する関係専門職との意見交換実施回数",
    "4A8": "アセスメントの課題等に関する関係専門職との意見交換参加者数",
    "4O1": "課題解決に向けた施策完了件数",
    "4O2": "相談支援体制の改善に関する関係機関からの評価",
    "4O3": "情報共有の円滑化に向けた施策完了件数",
    "4O4": "情報共有の仕組みの改善に関する関係機関からの評価",
    "5A1": "会議開催回数",
    "5A2": "会議参加機関数",
    "5A3": "会議参加者数",
    "5A4": "会議設定議題数",
    "5O1": "包括化推進会議を通じた連携強化の成果に関する参加者からの評価",
    "5O2": "会議における合意や結論が明確になった議題",
    "5O3": "会議での継続テーマにおける進捗報告数",
    "5O4": "包括的な相談支援体制の整備が前進したか",
}

#: The unit of each report indicator: counts of occasions 回, of cases and items 件, of
#: agencies 機関, of people 人, money 円, yes/no 有無, questionnaire scores 点.
REPORT_UNITS: dict[str, str] = {
    "1A1": "回", "1A2": "回", "1A3": "回", "1A4": "項目", "1A5": "人", "1A6": "機関",
    "1A7": "回", "1O1": "件", "1O2": "件",
    "2A1": "件", "2A2": "件", "2A3": "回", "2A4": "件", "2A5": "回", "2O1": "件",
    "2O2": "機関", "2O3": "件",
    "3A1": "件", "3A2": "件", "3A3": "人", "3A4": "機関", "3A5": "件", "3A6": "件",
    "3A7": "人", "3O1": "主体", "3O2": "箇所", "3O3": "件", "3O4": "種類", "3O5": "円",
    "3O6": "円",
    "4A1": "件", "4A2": "有無", "4A3": "件", "4A4": "件", "4A5": "回", "4A6": "人",
    "4A7": "回", "4A8": "人", "4O1": "件", "4O2": "点", "4O3": "件", "4O4": "点",
    "5A1": "回", "5A2": "機関", "5A3": "人", "5A4": "件", "5O1": "点", "5O2": "件",
    "5O3": "件", "5O4": "",
}

#: What each report indicator measures: a count, a distinct count, a sum, a yes/no, a
#: questionnaire score (DOMAIN.md §7.2), distinct cases, or 5O4's composite.
REPORT_MEASURES: dict[str, type] = {
    **dict.fromkeys(("1A1", "1A2", "1A3", "1A7", "1O1", "1O2", "2A3", "2A5", "2O3", "3A1",
                     "3A2", "3A5", "3A6", "3O1", "3O2", "3O3", "4A1", "4A3", "4A4", "4A5",
                     "4A7", "4O1", "4O3", "5A1", "5A4", "5O2", "5O3"), Count),
    **dict.fromkeys(("1A4", "1A5", "3A3", "3A7", "3O5", "3O6", "4A6", "4A8", "5A3"), Sum),
    **dict.fromkeys(("1A6", "2A1", "2O1", "2O2", "3A4", "3O4", "5A2"), Distinct),
    **dict.fromkeys(("2A2", "2A4"), Cases),
    "4A2": Flag,
    **dict.fromkeys(("4O2", "4O4", "5O1"), Scores),
    "5O4": Composite,
}

EXTRA_IDS = ("consultations", "cases_opened", "plans_made", "hard_case_types",
             "multi_field_share", "settled_tier", "escalation_days", "referral_acceptance",
             "referral_completion", "days_to_accept", "days_to_first_referral",
             "consultations_per_100k", "cases_per_100k", "plans_per_100k",
             "no_multi_agency_cases", "no_targets")

_VIEWPOINT_NUMBER = {
    "1": Viewpoint.GRASP_ISSUES, "2": Viewpoint.INDIVIDUAL_SUPPORT,
    "3": Viewpoint.DEVELOP_RESOURCES, "4": Viewpoint.MANAGE_SYSTEM, "5": Viewpoint.RUN_MEETING,
}


class TestReportIds:
    """The report's indicators and their ids."""

    def test_ids_per_viewpoint(self) -> None:
        """Each viewpoint holds exactly the ids DOMAIN.md §7.2 lists, in the report's order."""
        for viewpoint, ids in REPORT_IDS.items():
            assert tuple(i.id for i in REPORT if i.viewpoint is viewpoint) == ids

    def test_report_in_order(self) -> None:
        """REPORT runs 1A1 … 5O4 viewpoint by viewpoint, activities before outcomes."""
        assert tuple(i.id for i in REPORT) == tuple(
            i for ids in REPORT_IDS.values() for i in ids
        )

    def test_id_pattern_matches_viewpoint_and_kind(self) -> None:
        """An id's digit names its viewpoint and its letter the kind (A activity, O outcome)."""
        for ind in REPORT:
            match = re.fullmatch(r"([1-5])([AO])([1-9])", ind.id)
            assert match is not None, ind.id
            assert ind.viewpoint is _VIEWPOINT_NUMBER[match[1]]
            expected = IndicatorKind.ACTIVITY if match[2] == "A" else IndicatorKind.OUTCOME
            assert ind.kind is expected, ind.id

    def test_fifty_report_indicators(self) -> None:
        """The report proposes 50 indicators (counting each half of a joint line)."""
        assert len(REPORT) == 50

    def test_unique_ids(self) -> None:
        """No two catalogue indicators share an id, and BY_ID finds each."""
        ids = [i.id for i in CATALOGUE]
        assert len(ids) == len(set(ids))
        both = {i.id for i in (*CATALOGUE, *MULTILAYERED)}
        assert set(BY_ID) == both
        assert all(BY_ID[i.id] is i for i in (*CATALOGUE, *MULTILAYERED))

    def test_catalogue_is_report_then_extras(self) -> None:
        """CATALOGUE is the report's indicators followed by the extras."""
        assert CATALOGUE == REPORT + EXTRAS

    def test_default_engine_reads_the_catalogue(self) -> None:
        """An engine given no indicators computes the whole catalogue."""
        assert IndicatorEngine(himi()).indicators == CATALOGUE


class TestReportWording:
    """Names, units and measures of the report's indicators."""

    @pytest.mark.parametrize("indicator_id", list(REPORT_NAMES))
    def test_name_as_the_report_words_it(self, indicator_id: str) -> None:
        """The name is the report's wording of the indicator."""
        assert BY_ID[indicator_id].name == REPORT_NAMES[indicator_id]

    def test_every_report_indicator_named(self) -> None:
        """The name table covers every report indicator, so none escapes the check."""
        assert set(REPORT_NAMES) == {i.id for i in REPORT}

    @pytest.mark.parametrize("indicator_id", list(REPORT_UNITS))
    def test_unit(self, indicator_id: str) -> None:
        """The unit fits what the indicator counts."""
        assert BY_ID[indicator_id].unit == REPORT_UNITS[indicator_id]

    @pytest.mark.parametrize("indicator_id", list(REPORT_MEASURES))
    def test_measure(self, indicator_id: str) -> None:
        """Each indicator measures what its wording asks (a count, a distinct count, a sum …)."""
        assert type(BY_ID[indicator_id].measure) is REPORT_MEASURES[indicator_id]

    def test_every_report_indicator_has_a_measure_and_unit_checked(self) -> None:
        """The unit and measure tables cover every report indicator."""
        ids = {i.id for i in REPORT}
        assert set(REPORT_UNITS) == ids
        assert set(REPORT_MEASURES) == ids

    def test_descriptions(self) -> None:
        """Every catalogue indicator says in a sentence what it counts."""
        for ind in CATALOGUE:
            assert ind.description.strip(), ind.id
            assert ind.description.rstrip().endswith("."), ind.id

    def test_names_are_japanese(self) -> None:
        """Every catalogue indicator has a Japanese name."""
        for ind in CATALOGUE:
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", ind.name), ind.id

    def test_viewpoint_labels(self) -> None:
        """The viewpoints carry the report's headings (3)-1 … (3)-5."""
        assert Viewpoint.GRASP_ISSUES.label == "(3)-1 相談支援に関する課題の把握"
        assert Viewpoint.INDIVIDUAL_SUPPORT.label == "(3)-2 個別相談に関する支援"
        assert Viewpoint.DEVELOP_RESOURCES.label == (
            "(3)-3 相談支援機能強化に資する資源等の開発推進")
        assert Viewpoint.MANAGE_SYSTEM.label == "(3)-4 相談支援体制の構築・マネジメント"
        assert Viewpoint.RUN_MEETING.label == "(3)-5 包括化推進会議の運営"

    def test_kind_labels(self) -> None:
        """Activity and outcome indicators carry the report's words."""
        assert IndicatorKind.ACTIVITY.label == "活動指標"
        assert IndicatorKind.OUTCOME.label == "成果指標"

    def test_composite_reads_every_other_outcome(self) -> None:
        """5O4 is judged with every other outcome of the report (1O1 … 5O3)."""
        measure = BY_ID["5O4"].measure
        assert isinstance(measure, Composite)
        outcomes = tuple(i.id for i in REPORT
                         if i.kind is IndicatorKind.OUTCOME and i.id != "5O4")
        assert measure.of == outcomes
        assert BY_ID["5O4"].inputs == outcomes

    def test_report_indicators_fit_every_grain(self) -> None:
        """The report's indicators are per fiscal year by default but fit every grain."""
        for ind in REPORT:
            assert ind.grains == frozenset(PeriodKind), ind.id


class TestExtras:
    """hokatsu's indicators beyond the report."""

    def test_extras_present(self) -> None:
        """The extras are exactly the documented ones, in order."""
        assert tuple(i.id for i in EXTRAS) == EXTRA_IDS

    def test_extras_are_context(self) -> None:
        """Extras sit outside the report's viewpoints, as context indicators."""
        for ind in EXTRAS:
            assert ind.viewpoint is Viewpoint.BEYOND, ind.id
            assert ind.kind is IndicatorKind.CONTEXT, ind.id
            assert re.fullmatch(r"[a-z0-9_]+", ind.id), ind.id

    def test_extras_do_not_collide_with_report_ids(self) -> None:
        """No extra looks like a report id."""
        for ind in EXTRAS:
            assert not re.fullmatch(r"[1-5][AO][1-9]", ind.id)

    def test_rates_per_100k(self) -> None:
        """The *_per_100k rates are per 100,000 residents of the indicator they name."""
        expected = {"consultations_per_100k": "consultations", "cases_per_100k": "cases_opened",
                    "plans_per_100k": "plans_made"}
        for rate, base in expected.items():
            measure = BY_ID[rate].measure
            assert isinstance(measure, PerCapita)
            assert (measure.of, measure.per) == (base, 100_000)
            assert BY_ID[rate].unit == "件/10万人/月"

    def test_yearly_flags(self) -> None:
        """no_multi_agency_cases and no_targets are yes/no flags for fiscal years only."""
        zero = BY_ID["no_multi_agency_cases"].measure
        assert isinstance(zero, IsZero)
        assert zero.of == "2A2"
        flag = BY_ID["no_targets"].measure
        assert isinstance(flag, Flag)
        assert flag.absent
        for name in ("no_multi_agency_cases", "no_targets"):
            assert BY_ID[name].grains == frozenset({PeriodKind.FISCAL_YEAR})

    def test_shares_are_case_labels(self) -> None:
        """hard_case_types and multi_field_share label each case handled."""
        for name in ("hard_case_types", "multi_field_share"):
            assert isinstance(BY_ID[name].measure, CaseLabels)

    def test_inputs_of_derived_indicators_exist(self) -> None:
        """Every derived indicator reads indicators of the catalogue."""
        for ind in CATALOGUE:
            assert ind.derived == bool(ind.inputs), ind.id
            for dep in ind.inputs:
                assert dep in BY_ID, (ind.id, dep)
