"""Tests for hokatsu.indicators.checklist: the fourteen items, answers, assessment, comparison."""

from __future__ import annotations

import contextlib
import json
import math
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu import (
    FiscalYear,
    Foundation,
    HokatsuError,
    InvalidValueError,
    MeetingPurpose,
    Role,
    StructureError,
    make_converter,
)
from hokatsu.indicators import checklist as cl
from hokatsu.indicators.checklist import (
    CHECKLIST,
    ITEM_1_SURVEY,
    ITEM_4_FOUNDATIONS,
    ITEM_8_ROLES,
    ITEM_11_PURPOSES,
    Answer,
    ChecklistAnswers,
    ChecklistAssessment,
    ChecklistItem,
    ChecklistOption,
    ChecklistStage,
    ChecklistStatus,
    ChecklistViewpoint,
    ChoiceKind,
    ComparisonRow,
    Finding,
    ItemSurvey,
    ItemSurveyAnswer,
    MunicipalityComparison,
    Recommendation,
    Rule,
    StatusCounts,
    Trend,
    YearComparison,
    YearRow,
    assess,
    checklist_item,
    compare_municipalities,
    compare_years,
)

conv = make_converter()
MEETS, PARTIAL, GAP, UNANSWERED = (
    ChecklistStatus.MEETS, ChecklistStatus.PARTIAL, ChecklistStatus.GAP, ChecklistStatus.UNANSWERED
)

# DOMAIN.md §7.1, item by item: viewpoint, kind, option letters, recommended letters, rule.
TABLE: dict[int, tuple[str, str, str, str, Rule]] = {
    1: ("(1)-1", "single", "アイウエ", "ア", Rule.ANY_OF),
    2: ("(1)-2", "single", "アイウ", "ア", Rule.ANY_OF),
    3: ("(1)-2", "multiple", "アイウエ", "アイウエ", Rule.ANY_OF),
    4: ("(1)-3", "single", "アイウエ", "アイウ", Rule.ANY_OF),
    5: ("(1)-3", "single", "アイウ", "ア", Rule.ANY_OF),
    6: ("(2)-1", "multiple", "アイウエ", "アイウエ", Rule.ALL_OF),
    7: ("(2)-1", "multiple", "アイウエオ", "アイウエ", Rule.ALL_OF),
    8: ("(2)-2", "multiple", "アイウエオ", "アイウエオ", Rule.ALL_OF),
    9: ("(2)-2", "single", "アイ", "ア", Rule.ANY_OF),
    10: ("(2)-2", "multiple", "アイウエオカ", "アイウエオ", Rule.ALL_OF),
    11: ("(2)-3", "multiple", "アイウエオカ", "アイウエオカ", Rule.ANY_OF),
    12: ("(2)-3", "multiple", "アイウエオカ", "アイウエオカ", Rule.ORDERED),
    13: ("(2)-4", "single", "アイウ", "ア", Rule.ANY_OF),
    14: ("(2)-4", "multiple", "アイウエ", "アイウ", Rule.ALL_OF),
}
# The report's 参考事例 per item (DOMAIN.md §7.1, checked against 第4章 2.).
REFERENCES: dict[int, tuple[str, ...]] = {
    1: ("栃木市",), 2: ("琴浦町",), 3: ("釧路市",), 4: ("名張市", "大牟田市", "氷見市"),
    5: ("氷見市", "東海村"), 6: ("盛岡市", "鴨川市"), 7: ("伊賀市", "茅野市", "佐賀市"),
    8: (), 9: (), 10: ("江戸川区", "大牟田市", "氷見市"), 11: ("盛岡市", "釧路市"), 12: (),
    13: ("大牟田市", "佐賀市"), 14: (),
}
VIEWPOINT_NAMES = {
    "(1)-1": "上位計画における位置づけ",
    "(1)-2": "相談支援体制の現状把握",
    "(1)-3": "包括的な相談支援体制構築の方向性検討",
    "(2)-1": "多機関の連携と情報共有",
    "(2)-2": "相談支援包括化推進員の配置",
    "(2)-3": "相談支援包括化推進会議の設置",
    "(2)-4": "相談支援体制のマネジメントの仕組み",
}


def best_choices() -> dict[int, Any]:
    """Every item answered with its recommended option(s), by letter."""
    return {n: list(row[3]) if row[1] == "multiple" else row[3][0] for n, row in TABLE.items()}


def letters(item: int, keys: Any) -> str:
    """The letters of *keys* on *item*, in option order."""
    return "".join(o.letter for o in checklist_item(item).options if o.key in keys)


def error_of(call: Any, *args: Any, **kwargs: Any) -> InvalidValueError:
    """The InvalidValueError that *call* raises."""
    with pytest.raises(InvalidValueError) as info:
        call(*args, **kwargs)
    return info.value


class TestItems:
    def test_fourteen_items_in_order(self) -> None:
        """There are fourteen items numbered 1 to 14 in order, each found by checklist_item."""
        assert [i.number for i in CHECKLIST] == list(range(1, 15))
        assert all(checklist_item(i.number) is i for i in CHECKLIST)

    def test_stages(self) -> None:
        """Items 1–5 are the current-state stage and items 6–14 the building stage."""
        assert ChecklistStage.CURRENT_STATE.items == CHECKLIST[:5]
        assert ChecklistStage.SYSTEM_BUILDING.items == CHECKLIST[5:]
        assert [s.code for s in ChecklistStage] == ["(1)", "(2)"]
        assert ChecklistStage.SYSTEM_BUILDING.label == "包括的な相談支援体制の構築段階"

    @pytest.mark.parametrize("number", TABLE)
    def test_viewpoint(self, number: int) -> None:
        """Each item sits under the viewpoint of DOMAIN.md's table, with the report's name."""
        item = checklist_item(number)
        assert item.viewpoint.code == TABLE[number][0]
        assert item.viewpoint.label == VIEWPOINT_NAMES[item.viewpoint.code]
        assert item.stage is item.viewpoint.stage

    def test_viewpoints_of_stages(self) -> None:
        """Stage 1 has viewpoints (1)-1 to (1)-3 and stage 2 has (2)-1 to (2)-4."""
        assert [p.code for p in ChecklistStage.CURRENT_STATE.viewpoints] == [
            "(1)-1", "(1)-2", "(1)-3"]
        assert [p.code for p in ChecklistStage.SYSTEM_BUILDING.viewpoints] == [
            "(2)-1", "(2)-2", "(2)-3", "(2)-4"]
        assert [i.number for i in ChecklistViewpoint.COORDINATOR.items] == [8, 9, 10]

    @pytest.mark.parametrize("number", TABLE)
    def test_kind_and_options(self, number: int) -> None:
        """Each item has the table's choice kind and option letters, in order."""
        item = checklist_item(number)
        assert item.kind.value == TABLE[number][1]
        assert "".join(o.letter for o in item.options) == TABLE[number][2]

    @pytest.mark.parametrize("number", TABLE)
    def test_recommendation(self, number: int) -> None:
        """Each item recommends the table's options under the expected rule."""
        item = checklist_item(number)
        assert letters(number, item.recommendation.options) == TABLE[number][3]
        assert "".join(o.letter for o in item.recommended) == TABLE[number][3]
        assert item.recommendation.rule is TABLE[number][4]

    def test_item_12_settles_option_a_first(self) -> None:
        """Item 12's ordered rule puts option ア (relation to existing meetings) first."""
        assert checklist_item(12).recommendation.first == ("existing_meetings",)
        assert all(not i.recommendation.first for i in CHECKLIST if i.number != 12)

    def test_item_10_is_multiple_choice(self) -> None:
        """Item 10 takes several options, although the source prints the one-option wording."""
        assert checklist_item(10).kind is ChoiceKind.MULTIPLE
        assert "Item 10" in (cl.__doc__ or "")

    @pytest.mark.parametrize("number", TABLE)
    def test_references(self, number: int) -> None:
        """Each item carries the report's reference municipalities."""
        assert checklist_item(number).references == REFERENCES[number]

    def test_item_4_option_examples(self) -> None:
        """Item 4's reference municipalities are tied to the foundation each illustrates."""
        examples = {o.letter: o.examples for o in checklist_item(4).options}
        assert examples == {"ア": ("名張市",), "イ": ("大牟田市",), "ウ": ("氷見市",), "エ": ()}

    def test_every_item_has_advice_in_both_languages(self) -> None:
        """Each item has English advice and a Japanese summary, neither empty."""
        for item in CHECKLIST:
            assert item.advice.strip()
            assert item.advice_ja.strip()
            assert not item.advice_ja.isascii()

    def test_option_keys_are_unique_and_stable(self) -> None:
        """Option keys are unique within an item and look like identifiers."""
        for item in CHECKLIST:
            assert len(set(item.keys)) == len(item.keys)
            assert all(k.isidentifier() and k.islower() for k in item.keys)

    def test_option_by_key_or_letter(self) -> None:
        """An option is found by its key or its letter; an unknown one names the options."""
        item = checklist_item(2)
        assert item.option("イ") is item.option("known_not_shared")
        error = error_of(item.option, "エ")
        assert "known_and_shared (ア)" in error.expected

    @pytest.mark.parametrize("number", [0, 15, -1, "1", 1.0, True, None])
    def test_unknown_item(self, number: Any) -> None:
        """Asking for an item that does not exist raises an error naming the range."""
        error = error_of(checklist_item, number)
        assert error.field == "item"
        assert "1 to 14" in error.expected


class TestItemValidation:
    def _item(self, **changes: Any) -> ChecklistItem:
        return attrs.evolve(checklist_item(2), **changes)

    def test_letters_must_run_in_order(self) -> None:
        """Options lettered out of order are refused."""
        options = checklist_item(2).options
        swapped = (options[1], options[0], options[2])
        assert "in order" in error_of(self._item, options=swapped).expected

    def test_recommendation_must_use_known_keys(self) -> None:
        """A recommendation naming no option of the item is refused."""
        rec = Recommendation(rule=Rule.ANY_OF, options=("nowhere",))
        assert error_of(self._item, recommendation=rec).field == "recommendation"

    def test_single_choice_takes_only_any_of(self) -> None:
        """A single-choice item cannot require all of several options."""
        rec = Recommendation(rule=Rule.ALL_OF, options=("known_and_shared", "not_known"))
        assert "single" in error_of(self._item, recommendation=rec).expected

    def test_ordered_rule_needs_first(self) -> None:
        """An ordered rule without first options, or another rule with them, is refused."""
        error_of(Recommendation, rule=Rule.ORDERED, options=("a", "b"))
        error_of(Recommendation, rule=Rule.ALL_OF, options=("a", "b"), first=("a",))
        error_of(Recommendation, rule=Rule.ORDERED, options=("a", "b"), first=("c",))


class TestRecommendation:
    @pytest.mark.parametrize(
        ("rule", "chosen", "status", "missing"),
        [
            (Rule.ANY_OF, "b", MEETS, ""),
            (Rule.ANY_OF, "x", GAP, "ab"),
            (Rule.ALL_OF, "ab", MEETS, ""),
            (Rule.ALL_OF, "abx", MEETS, ""),
            (Rule.ALL_OF, "a", GAP, "b"),
            (Rule.ALL_OF, "", UNANSWERED, ""),
            (Rule.ORDERED, "ab", MEETS, ""),
            (Rule.ORDERED, "a", PARTIAL, "b"),
            (Rule.ORDERED, "b", GAP, "a"),
        ],
    )
    def test_evaluate(self, rule: Rule, chosen: str, status: ChecklistStatus,
                      missing: str) -> None:
        """Each rule gives the expected status and missing options."""
        first = ("a",) if rule is Rule.ORDERED else ()
        rec = Recommendation(rule=rule, options=("a", "b"), first=first)
        assert rec.evaluate(frozenset(chosen)) == (status, tuple(missing))

    @pytest.mark.parametrize("chosen", [None, "ab", ["a"], ("a", "b"), 3, frozenset({1}),
                                        {"a": 1}])
    @pytest.mark.parametrize("rule", list(Rule))
    def test_evaluate_refuses_what_is_not_a_set_of_keys(self, rule: Rule, chosen: Any) -> None:
        """An answer that is not a set of option keys is an InvalidValueError naming it, not a
        TypeError or a silent gap."""
        first = ("a",) if rule is Rule.ORDERED else ()
        rec = Recommendation(rule=rule, options=("a", "b"), first=first)
        with pytest.raises(InvalidValueError, match=r"Recommendation\.evaluate\.chosen"):
            rec.evaluate(chosen)

    def test_evaluate_takes_any_set(self) -> None:
        """A plain set is as good as a frozenset."""
        rec = Recommendation(rule=Rule.ALL_OF, options=("a", "b"))
        assert rec.evaluate({"a", "b"}) == (MEETS, ())


class TestMappings:
    def test_item_8_maps_roles_by_meaning(self) -> None:
        """Item 8's エ is role ➎ (management) and オ is ➍ (resources), as in chapter 2."""
        by_letter = {o.letter: ITEM_8_ROLES[o.key] for o in checklist_item(8).options}
        assert by_letter == {
            "ア": Role.GRASP_ISSUES, "イ": Role.INDIVIDUAL_SUPPORT, "ウ": Role.RUN_MEETING,
            "エ": Role.MANAGE_SYSTEM, "オ": Role.DEVELOP_RESOURCES,
        }
        assert [by_letter[x].symbol for x in "エオ"] == ["➎", "➍"]

    def test_item_8_labels_agree_with_roles(self) -> None:
        """Each item-8 option's label carries its role's chapter-2 symbol."""
        for option in checklist_item(8).options:
            assert ITEM_8_ROLES[option.key].symbol in option.label

    def test_item_8_covers_every_role(self) -> None:
        """Item 8's options cover the five roles once each."""
        assert sorted(ITEM_8_ROLES.values(), key=lambda r: r.number) == list(Role)

    def test_item_11_maps_meeting_purposes(self) -> None:
        """Item 11's options are the meeting purposes, in order."""
        assert list(ITEM_11_PURPOSES.values()) == list(MeetingPurpose)
        assert tuple(ITEM_11_PURPOSES) == checklist_item(11).keys

    def test_item_4_maps_foundations_or_undecided(self) -> None:
        """Item 4's ア–ウ are the three foundations and エ is undecided (None)."""
        assert list(ITEM_4_FOUNDATIONS.values()) == [*Foundation, None]

    def test_mappings_are_read_only(self) -> None:
        """The mappings cannot be changed at run time."""
        with pytest.raises(TypeError):
            ITEM_8_ROLES["grasp_issues"] = Role.RUN_MEETING  # type: ignore[index]


class TestSurvey:
    def test_item_1_survey_counts(self) -> None:
        """Survey 1-① of 参考資料3: ア 8, イ 11, ウ 6, エ 1 of 26 municipalities."""
        assert ITEM_1_SURVEY.item == 1
        assert ITEM_1_SURVEY.respondents == 26
        assert [(a.letter, a.count) for a in ITEM_1_SURVEY.answers] == [
            ("ア", 8), ("イ", 11), ("ウ", 6), ("エ", 1)]
        assert "参考資料3" in ITEM_1_SURVEY.source

    def test_shares_match_the_report(self) -> None:
        """The shares round to the report's 31%, 42%, 23% and 4%."""
        assert [round(100 * ITEM_1_SURVEY.share(x)) for x in "アイウエ"] == [31, 42, 23, 4]
        error_of(ITEM_1_SURVEY.share, "オ")

    def test_survey_answers_map_to_item_options(self) -> None:
        """The survey's ウ covers item 1's ウ and エ; its エ (unknown) covers none."""
        mapped = {a.letter: letters(1, a.item_options) for a in ITEM_1_SURVEY.answers}
        assert mapped == {"ア": "ア", "イ": "イ", "ウ": "ウエ", "エ": ""}

    def test_counts_cannot_exceed_respondents(self) -> None:
        """A survey whose counts add up to more than N is refused."""
        answer = ItemSurveyAnswer(letter="ア", label="x", description="x", count=30)
        error_of(ItemSurvey, item=1, source="s", question="q", respondents=26, answers=(answer,))

    def test_item_options_must_exist(self) -> None:
        """A survey answer mapped to an option the item lacks is refused."""
        answer = ItemSurveyAnswer(letter="ア", label="x", description="x", count=1,
                                  item_options=frozenset({"nope"}))
        error_of(ItemSurvey, item=1, source="s", question="q", respondents=26, answers=(answer,))


class TestAnswers:
    def test_of_accepts_keys_letters_and_enums(self) -> None:
        """Options can be given by key, by letter, or by the domain enum they stand for."""
        a = ChecklistAnswers.of({
            1: "in_plan", 2: "ア", 4: Foundation.HARDSHIP_SUPPORT,
            8: [Role.GRASP_ISSUES, "イ", "run_meeting"], 11: {MeetingPurpose.FUNDING},
        })
        assert a.chosen(1) == {"in_plan"}
        assert a.chosen(2) == {"known_and_shared"}
        assert a.chosen(4) == {"hardship_support"}
        assert a.chosen(8) == {"grasp_issues", "individual_support", "run_meeting"}
        assert a.chosen(11) == {"funding"}

    def test_unanswered_items(self) -> None:
        """Items left out, or given None, are unanswered; chosen() is then empty."""
        a = ChecklistAnswers.of({3: ["ア"], 5: None})
        assert a.answered == (3,)
        assert a.unanswered == (1, 2, 4, 5, *range(6, 15))
        assert a.chosen(5) == frozenset()

    def test_answers_are_kept_in_item_order(self) -> None:
        """Answers given out of order compare equal to the same answers in order."""
        one = Answer(item=1, chosen=frozenset({"in_plan"}))
        nine = Answer(item=9, chosen=frozenset({"clear"}))
        assert ChecklistAnswers(answers=(nine, one)) == ChecklistAnswers(answers=(one, nine))
        assert ChecklistAnswers(answers=(nine, one)).answered == (1, 9)

    def test_municipality_and_year(self) -> None:
        """Answers may name the municipality and the fiscal year."""
        a = ChecklistAnswers.of({}, municipality="氷見市", fiscal_year=FiscalYear(2016))
        assert (a.municipality, a.fiscal_year) == ("氷見市", FiscalYear(2016))

    def test_updated(self) -> None:
        """updated() changes some items, clears those given None and keeps the rest."""
        a = ChecklistAnswers.of({1: "イ", 2: "ア"}, municipality="m", fiscal_year=FiscalYear(2016))
        b = a.updated({1: "ア", 2: None, 9: "ア"}, fiscal_year=FiscalYear(2017))
        assert b.answered == (1, 9)
        assert b.chosen(1) == {"concrete_measures"}
        assert (b.municipality, b.fiscal_year) == ("m", FiscalYear(2017))
        assert a.updated({}).fiscal_year == FiscalYear(2016)


class TestAnswerValidation:
    @pytest.mark.parametrize("number", [0, 15, "1", 1.5, True, None])
    def test_unknown_item(self, number: Any) -> None:
        """An answer to an item that does not exist names the allowed range."""
        error = error_of(ChecklistAnswers.of, {number: "ア"})
        assert "1 to 14" in error.expected
        assert error.value == number

    def test_unknown_item_in_answer(self) -> None:
        """An Answer built directly for item 15 is refused on its item field."""
        error = error_of(Answer, item=15, chosen=frozenset({"x"}))
        assert (error.obj, error.field) == ("Answer", "item")

    def test_unknown_option(self) -> None:
        """An unknown option names the item, the field and every allowed option."""
        error = error_of(ChecklistAnswers.of, {7: ["ア", "sharing_cake"]})
        assert (error.obj, error.field, error.value) == ("Answer(item=7)", "chosen",
                                                         "sharing_cake")
        for option in checklist_item(7).options:
            assert f"{option.key} ({option.letter})" in error.expected
        assert "Answer(item=7).chosen" in str(error)

    def test_two_options_on_single_choice(self) -> None:
        """Two options on a single-choice item are refused, saying it is single-choice."""
        error = error_of(ChecklistAnswers.of, {13: ["ア", "イ"]})
        assert error.obj == "Answer(item=13)"
        assert "single" in error.expected
        assert "clear_and_shared (ア)" in error.expected

    def test_two_options_on_item_10_are_fine(self) -> None:
        """Item 10, printed with the one-option wording, takes several options."""
        assert len(ChecklistAnswers.of({10: ["ア", "イ", "カ"]}).chosen(10)) == 3

    @pytest.mark.parametrize("empty", [[], (), set(), frozenset()])
    def test_empty_choice(self, empty: Any) -> None:
        """An answered item with no option is refused; None is how to leave it unanswered."""
        error = error_of(ChecklistAnswers.of, {6: empty})
        assert "unanswered" in error.expected

    @pytest.mark.parametrize("value", [3, 2.5, "ア".encode(), {"ア": 1}, [1], [None], object()])
    def test_junk_choice(self, value: Any) -> None:
        """A choice that is neither an option nor a collection of options is refused."""
        error = error_of(ChecklistAnswers.of, {6: value})
        assert error.obj == "Answer(item=6)"

    def test_enum_of_the_wrong_item(self) -> None:
        """A Role is an option of item 8 only."""
        error_of(ChecklistAnswers.of, {11: Role.RUN_MEETING})

    def test_not_a_mapping(self) -> None:
        """of() and updated() want a mapping."""
        error_of(ChecklistAnswers.of, [(1, "ア")])
        error_of(ChecklistAnswers().updated, [(1, "ア")])

    def test_item_answered_twice(self) -> None:
        """Two answers to one item are refused."""
        a = Answer(item=1, chosen=frozenset({"in_plan"}))
        b = Answer(item=1, chosen=frozenset({"recognised"}))
        assert "twice" in error_of(ChecklistAnswers, answers=(a, b)).expected

    def test_errors_are_hokatsu_errors(self) -> None:
        """Every refusal is a HokatsuError (and a ValueError)."""
        bad_choices: list[dict[int, Any]] = [{15: "ア"}, {1: "zz"}, {1: ["ア", "イ"]}, {1: []}]
        for bad in bad_choices:
            with pytest.raises(HokatsuError):
                ChecklistAnswers.of(bad)
            with pytest.raises(ValueError, match="expected"):
                ChecklistAnswers.of(bad)


class TestAssess:
    def test_all_best_meets_everything(self) -> None:
        """Answering every item as recommended meets all fourteen."""
        result = assess(ChecklistAnswers.of(best_choices()))
        assert [f.status for f in result.findings] == [MEETS] * 14
        assert result.counts == StatusCounts(meets=14)
        assert result.next_steps() == ()

    def test_empty_is_all_unanswered(self) -> None:
        """No answers leaves all fourteen unanswered, with nothing missing."""
        result = assess(ChecklistAnswers())
        assert result.counts == StatusCounts(unanswered=14)
        assert all(f.missing == () and f.chosen == frozenset() for f in result.findings)

    def test_all_of_gap_lists_missing_options(self) -> None:
        """Item 7 with ア and ウ lacks イ and エ, and carries item 7's advice."""
        finding = assess(ChecklistAnswers.of({7: ["ア", "ウ", "オ"]})).finding(7)
        assert finding.status is GAP
        assert finding.missing == ("shared_records", "sharing_rules")
        assert [o.letter for o in finding.missing_options] == ["イ", "エ"]
        assert finding.advice == checklist_item(7).advice
        assert finding.advice_ja == checklist_item(7).advice_ja
        assert finding.references == ("伊賀市", "茅野市", "佐賀市")

    def test_single_choice_gap(self) -> None:
        """Item 1 answered イ is a gap whose missing option is ア."""
        finding = assess(ChecklistAnswers.of({1: "イ"})).finding(1)
        assert (finding.status, finding.missing) == (GAP, ("concrete_measures",))

    def test_item_4_any_foundation_meets(self) -> None:
        """Any of item 4's foundations meets; undecided is a gap listing the three."""
        for x in "アイウ":
            assert assess(ChecklistAnswers.of({4: x})).finding(4).status is MEETS
        finding = assess(ChecklistAnswers.of({4: "エ"})).finding(4)
        assert finding.status is GAP
        assert letters(4, finding.missing) == "アイウ"

    @pytest.mark.parametrize(("number", "choice"), [(3, "エ"), (11, "カ"), (11, "ウ")])
    def test_any_answer_meets_items_3_and_11(self, number: int, choice: str) -> None:
        """Items 3 and 11 are met by any one option, "other" included."""
        assert assess(ChecklistAnswers.of({number: [choice]})).finding(number).status is MEETS

    def test_other_options_are_not_required(self) -> None:
        """Items 7, 10 and 14 meet without their "other" option and not with it alone."""
        for number, best, other in ((7, "アイウエ", "オ"), (10, "アイウエオ", "カ"),
                                    (14, "アイウ", "エ")):
            assert assess(ChecklistAnswers.of({number: list(best)})).finding(number).status \
                is MEETS
            assert assess(ChecklistAnswers.of({number: [other]})).finding(number).status is GAP

    @pytest.mark.parametrize(
        ("choice", "status", "missing"),
        [("アイウエオカ", MEETS, ""), ("アイ", PARTIAL, "ウエオカ"), ("ア", PARTIAL, "イウエオカ"),
         ("イウエオカ", GAP, "ア"), ("イ", GAP, "アウエオカ")],
    )
    def test_item_12_is_ordered(self, choice: str, status: ChecklistStatus,
                                missing: str) -> None:
        """Item 12 is partial with ア but not all of イ–カ, and a gap without ア."""
        finding = assess(ChecklistAnswers.of({12: list(choice)})).finding(12)
        assert finding.status is status
        assert letters(12, finding.missing) == missing

    def test_item_8_missing_roles(self) -> None:
        """Item 8 without roles ➍ and ➎ lacks options オ and エ."""
        finding = assess(ChecklistAnswers.of({8: ["ア", "イ", "ウ"]})).finding(8)
        assert {ITEM_8_ROLES[k] for k in finding.missing} == {Role.MANAGE_SYSTEM,
                                                              Role.DEVELOP_RESOURCES}

    def test_summary_by_stage_and_viewpoint(self) -> None:
        """Counts per stage and per viewpoint add up to the items they hold."""
        result = assess(ChecklistAnswers.of({1: "ア", 2: "イ", 6: list("アイウエ"),
                                             12: ["ア"]}))
        stages = result.by_stage()
        assert stages[ChecklistStage.CURRENT_STATE] == StatusCounts(meets=1, gap=1, unanswered=3)
        assert stages[ChecklistStage.SYSTEM_BUILDING] == StatusCounts(meets=1, partial=1,
                                                                      unanswered=7)
        views = result.by_viewpoint()
        assert list(views) == list(ChecklistViewpoint)
        assert views[ChecklistViewpoint.PROMOTION_MEETING] == StatusCounts(partial=1,
                                                                           unanswered=1)
        assert sum(c.total for c in views.values()) == 14
        assert result.counts.answered == 4

    def test_with_status(self) -> None:
        """with_status() picks findings by status, in item order."""
        result = assess(ChecklistAnswers.of({9: "イ", 2: "ウ", 1: "ア"}))
        assert [f.item for f in result.with_status(GAP)] == [2, 9]
        assert [f.item for f in result.with_status(MEETS, GAP)] == [1, 2, 9]

    @pytest.mark.parametrize("status", ["gap", None, 1, object()])
    def test_with_status_refuses_other_things(self, status: object) -> None:
        """Anything but a ChecklistStatus is refused with a hokatsu error naming the
        statuses (an object comparing oddly, such as a DataFrame, never reaches `in`)."""
        result = assess(ChecklistAnswers.of({1: "ア"}))
        with pytest.raises(InvalidValueError) as info:
            result.with_status(status)  # type: ignore[arg-type]
        assert "GAP" in str(info.value)

    def test_keeps_municipality_year_and_answers(self) -> None:
        """The assessment keeps the municipality, the year and the answers assessed."""
        answers = ChecklistAnswers.of({5: "イ"}, municipality="東海村",
                                      fiscal_year=FiscalYear(2016))
        result = assess(answers)
        assert (result.municipality, result.fiscal_year) == ("東海村", FiscalYear(2016))
        assert result.answers == answers

    def test_rejects_other_input(self) -> None:
        """assess() takes ChecklistAnswers only."""
        error_of(assess, {1: "ア"})

    def test_finding_lookup(self) -> None:
        """finding() returns the item's finding and refuses unknown items."""
        result = assess(ChecklistAnswers())
        assert result.finding(14).item == 14
        error_of(result.finding, 15)


class TestStatusCounts:
    def test_of_counts_each_status(self) -> None:
        """of() counts the statuses given."""
        counts = StatusCounts.of([MEETS, GAP, MEETS, UNANSWERED])
        assert counts == StatusCounts(meets=2, gap=1, unanswered=1)
        assert (counts.total, counts.answered) == (4, 3)

    @pytest.mark.parametrize("statuses", [None, 3, "meets", {MEETS: 1}, [MEETS, "gap"],
                                          [MEETS, None], [MEETS] * 15])
    def test_of_refuses_junk(self, statuses: Any) -> None:
        """Anything but at most fourteen statuses is an InvalidValueError naming the argument,
        not a TypeError or a status silently left uncounted."""
        with pytest.raises(InvalidValueError, match=r"StatusCounts\.of\.statuses"):
            StatusCounts.of(statuses)


class TestFinding:
    def test_status_must_match_the_choice(self) -> None:
        """A finding claiming a status its choice does not give is refused."""
        error = error_of(Finding, item=1, status=MEETS, chosen=frozenset({"in_plan"}),
                         missing=())
        assert error.field == "status"

    def test_missing_must_match_the_choice(self) -> None:
        """A finding with the wrong missing options is refused."""
        error = error_of(Finding, item=7, status=GAP, chosen=frozenset({"other"}), missing=())
        assert error.field == "missing"

    def test_choice_must_be_valid(self) -> None:
        """A finding's choice is checked as an answer is."""
        error_of(Finding, item=1, status=GAP, chosen=frozenset({"in_plan", "recognised"}),
                 missing=("concrete_measures",))

    def test_assessment_needs_all_fourteen_in_order(self) -> None:
        """An assessment with findings missing or out of order is refused."""
        findings = assess(ChecklistAnswers()).findings
        error_of(ChecklistAssessment, findings=findings[:13])
        error_of(ChecklistAssessment, findings=findings[::-1])

    def test_describe(self) -> None:
        """describe() names the item, its status and the missing letters."""
        result = assess(ChecklistAnswers.of({1: "ア", 2: "イ", 6: ["ア"]}))
        assert result.finding(1).describe() == "item 1: meets"
        assert result.finding(2).describe() == "item 2: gap; choose ア"
        assert result.finding(6).describe() == "item 6: gap; missing イ, ウ, エ"
        assert result.finding(3).describe() == "item 3: unanswered"


class TestNextSteps:
    def test_order(self) -> None:
        """Stage 1 first; within a stage gaps, then partial, then unanswered; then number."""
        choices = best_choices()
        choices.update({5: "イ", 2: None, 14: ["ア"], 12: ["ア"], 6: ["ア"]})
        del choices[9]
        steps = assess(ChecklistAnswers.of(choices)).next_steps()
        assert [(f.item, f.status) for f in steps] == [
            (5, GAP), (2, UNANSWERED), (6, GAP), (14, GAP), (12, PARTIAL), (9, UNANSWERED)]

    def test_stage_1_unanswered_before_stage_2_gaps(self) -> None:
        """An unchecked stage-1 item comes before a confirmed stage-2 gap."""
        steps = assess(ChecklistAnswers.of({6: ["ア"]})).next_steps()
        assert [f.item for f in steps[:6]] == [1, 2, 3, 4, 5, 6]

    def test_meets_are_left_out(self) -> None:
        """Items that meet are not among the next steps."""
        steps = assess(ChecklistAnswers.of({1: "ア", 13: "ア"})).next_steps()
        assert {f.item for f in steps} == set(range(2, 13)) | {14}


def yearly(*choices: dict[int, Any], name: str = "氷見市", start: int = 2016) -> list[Any]:
    """Assessments of one municipality for consecutive fiscal years."""
    return [assess(ChecklistAnswers.of(c, municipality=name, fiscal_year=FiscalYear(start + i)))
            for i, c in enumerate(choices)]


class TestCompareYears:
    def test_improved_regressed_unchanged(self) -> None:
        """Items move by status, or by recommended options chosen when the status holds."""
        cmp = compare_years(yearly(
            {1: "イ", 2: "ア", 3: ["ア"], 6: ["ア"], 7: list("アイウエ"), 9: "ア", 13: "イ"},
            {1: "ア", 2: "イ", 3: ["ア", "イ", "ウ"], 6: ["ア", "イ", "ウ"], 7: list("アイウエオ"),
             9: "ア", 12: ["ア"], 13: "ウ"},
        ))
        assert cmp.improved() == (1, 3, 6)
        assert cmp.regressed() == (2,)
        assert cmp.unchanged() == (7, 9, 13)
        assert cmp.not_comparable() == (4, 5, 8, 10, 11, 12, 14)
        assert cmp.row(1).statuses == (GAP, MEETS)

    def test_order_of_input_does_not_matter(self) -> None:
        """Years are sorted, so the input order does not change the comparison."""
        runs = yearly({1: "エ"}, {1: "イ"}, {1: "ア"})
        assert compare_years(runs) == compare_years(runs[::-1])
        assert [y.year for y in compare_years(runs[::-1]).years] == [2016, 2017, 2018]

    def test_trend_skips_unanswered_years(self) -> None:
        """The trend runs from the first to the last answered year."""
        cmp = compare_years(yearly({1: "イ"}, {}, {1: "ア"}, {}))
        assert cmp.row(1).statuses == (GAP, UNANSWERED, MEETS, UNANSWERED)
        assert cmp.row(1).trend is Trend.IMPROVED

    def test_statuses_in(self) -> None:
        """statuses_in() gives one year's column and refuses an unknown year."""
        cmp = compare_years(yearly({2: "ア"}, {2: "ウ"}))
        assert cmp.statuses_in(FiscalYear(2017))[2] is GAP
        error_of(cmp.statuses_in, FiscalYear(2015))

    def test_single_year(self) -> None:
        """One year can be tabulated; nothing is comparable."""
        cmp = compare_years(yearly({1: "ア"}))
        assert cmp.not_comparable() == tuple(range(1, 15))
        assert cmp.municipality == "氷見市"

    def test_errors(self) -> None:
        """No input, a missing year, a repeated year or two municipalities are refused."""
        error_of(compare_years, [])
        error_of(compare_years, 5)
        error_of(compare_years, [assess(ChecklistAnswers())])
        error_of(compare_years, [ChecklistAnswers()])
        error_of(compare_years, yearly({}) + yearly({}))
        error = error_of(compare_years, yearly({}) + yearly({}, name="琴浦町", start=2017))
        assert "one municipality" in error.expected

    def test_row_trend_must_fit_statuses(self) -> None:
        """A row whose trend contradicts its statuses is refused."""
        error_of(YearRow, item=1, statuses=(GAP, MEETS), trend=Trend.REGRESSED)
        error_of(YearRow, item=1, statuses=(GAP, UNANSWERED), trend=Trend.UNCHANGED)
        YearRow(item=6, statuses=(GAP, GAP), trend=Trend.IMPROVED)

    def test_comparison_shape_is_checked(self) -> None:
        """Years must be in order and rows must have one status per year."""
        cmp = compare_years(yearly({}, {}))
        error_of(attrs.evolve, cmp, years=cmp.years[::-1])
        error_of(attrs.evolve, cmp, years=cmp.years[:1])


class TestCompareMunicipalities:
    def test_table(self) -> None:
        """The table has one row per item and one status per municipality, in input order."""
        runs = [assess(ChecklistAnswers.of(c, municipality=m, fiscal_year=FiscalYear(2016)))
                for m, c in (("盛岡市", {11: ["ア", "オ"], 2: "ア"}),
                             ("釧路市", {11: ["ウ"], 2: "イ", 13: "ウ"}),
                             ("鴨川市", {2: "ウ", 13: "イ"}))]
        cmp = compare_municipalities(runs)
        assert cmp.municipalities == ("盛岡市", "釧路市", "鴨川市")
        assert len(cmp.rows) == 14
        assert cmp.row(2).statuses == (MEETS, GAP, GAP)
        assert cmp.row(11).statuses == (MEETS, MEETS, UNANSWERED)
        assert cmp.meeting(11) == ("盛岡市", "釧路市")
        assert cmp.shared_gaps() == ()
        assert cmp.column("鴨川市")[13] is GAP
        assert cmp.counts()["釧路市"] == StatusCounts(meets=1, gap=2, unanswered=11)
        assert cmp.fiscal_years == (FiscalYear(2016),) * 3

    def test_shared_gaps(self) -> None:
        """An item that every municipality answered without meeting is a shared gap."""
        runs = [assess(ChecklistAnswers.of({14: ["ア"], 12: ["ア"], 1: c}, municipality=m))
                for m, c in (("a", "ア"), ("b", "イ"))]
        assert compare_municipalities(runs).shared_gaps() == (12, 14)

    def test_errors(self) -> None:
        """No input, an unnamed assessment or a repeated municipality are refused."""
        error_of(compare_municipalities, [])
        error_of(compare_municipalities, [assess(ChecklistAnswers())])
        named = assess(ChecklistAnswers(municipality="a"))
        assert "one assessment per" in error_of(compare_municipalities, [named, named]).expected
        cmp = compare_municipalities([named])
        error_of(cmp.column, "b")

    def test_shape_is_checked(self) -> None:
        """Rows must have one status per municipality, and years one entry per municipality."""
        cmp = compare_municipalities([assess(ChecklistAnswers(municipality="a"))])
        error_of(attrs.evolve, cmp, fiscal_years=())
        error_of(attrs.evolve, cmp, municipalities=("a", "b"), fiscal_years=(None, None))


# -- round trips and fuzzing ----------------------------------------------------------------


@st.composite
def answers(draw: st.DrawFn) -> ChecklistAnswers:
    """Valid answers: each item answered or not, with a valid choice."""
    choices: dict[int, Any] = {}
    for item in CHECKLIST:
        if draw(st.booleans()):
            keys = st.sampled_from(item.keys)
            choices[item.number] = (draw(keys) if item.kind is ChoiceKind.SINGLE
                                    else draw(st.frozensets(keys, min_size=1)))
    return ChecklistAnswers.of(
        choices,
        municipality=draw(st.none() | st.sampled_from(["氷見市", "江戸川区", "m-1"])),
        fiscal_year=draw(st.none() | st.builds(FiscalYear, st.integers(2000, 2040))),
    )


assessments = answers().map(assess)


@st.composite
def year_comparisons(draw: st.DrawFn) -> YearComparison:
    """Comparisons of one municipality over a few distinct years."""
    years = draw(st.lists(st.integers(2010, 2030), min_size=1, max_size=4, unique=True))
    runs = [attrs.evolve(draw(assessments), municipality="x", fiscal_year=FiscalYear(y))
            for y in years]
    return compare_years(runs)


@st.composite
def municipality_comparisons(draw: st.DrawFn) -> MunicipalityComparison:
    """Side-by-side comparisons of a few distinct municipalities."""
    names = draw(st.lists(st.sampled_from("abcdef"), min_size=1, max_size=4, unique=True))
    return compare_municipalities([attrs.evolve(draw(assessments), municipality=n)
                                   for n in names])


STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    Answer: answers().flatmap(lambda a: st.sampled_from(a.answers) if a.answers
                              else st.just(Answer(item=1, chosen=frozenset({"in_plan"})))),
    ChecklistAnswers: answers(),
    ChecklistAssessment: assessments,
    Finding: assessments.flatmap(lambda a: st.sampled_from(a.findings)),
    StatusCounts: assessments.map(lambda a: a.counts),
    YearComparison: year_comparisons(),
    YearRow: year_comparisons().flatmap(lambda c: st.sampled_from(c.rows)),
    MunicipalityComparison: municipality_comparisons(),
    ComparisonRow: municipality_comparisons().flatmap(lambda c: st.sampled_from(c.rows)),
    ChecklistItem: st.sampled_from(CHECKLIST),
    ChecklistOption: st.sampled_from([o for i in CHECKLIST for o in i.options]),
    Recommendation: st.sampled_from([i.recommendation for i in CHECKLIST]),
    ItemSurvey: st.just(ITEM_1_SURVEY),
    ItemSurveyAnswer: st.sampled_from(ITEM_1_SURVEY.answers),
}
PUBLIC_TYPES = [t for name in cl.__all__
                if isinstance(t := getattr(cl, name), type) and attrs.has(t)]


class TestRoundTrip:
    def test_every_public_type_has_a_strategy(self) -> None:
        """Every attrs class the module exports is covered by the round-trip tests."""
        assert set(PUBLIC_TYPES) == set(STRATEGIES)

    @pytest.mark.parametrize("cls", PUBLIC_TYPES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_round_trip_through_json(self, cls: type[Any], data: st.DataObject) -> None:
        """unstructure → JSON → structure gives back an equal object."""
        obj = data.draw(STRATEGIES[cls])
        text = json.dumps(conv.unstructure(obj), ensure_ascii=False)
        assert conv.structure(json.loads(text), cls) == obj

    def test_answers_layout(self) -> None:
        """Answers are written as plain lists of option keys, with the year as its key."""
        a = ChecklistAnswers.of({3: ["ウ", "ア"]}, municipality="m", fiscal_year=FiscalYear(2016))
        assert conv.unstructure(a) == {
            "municipality": "m", "fiscal_year": "FY2016",
            "answers": [{"item": 3, "chosen": ["with_community", "within_government"]}],
        }

    def test_structure_reports_the_bad_answer(self) -> None:
        """structure() of an unknown option names its path and the allowed options."""
        with pytest.raises(StructureError) as info:
            conv.structure({"answers": [{"item": 2, "chosen": ["maybe"]}]}, ChecklistAnswers)
        assert info.value.path == "$.answers[0].chosen"
        assert "known_and_shared (ア)" in info.value.reason


junk_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 20), st.floats(allow_nan=True),
    st.sampled_from([math.inf, "", " ", "ア", "in_plan", "meets", "FY2016", "gap", "x" * 300]),
    st.text(max_size=5), st.sampled_from([*ChecklistStatus, *Trend, *Role, FiscalYear(2016)]),
)
junk: st.SearchStrategy[Any] = st.recursive(
    junk_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.tuples(inner, inner),
        st.frozensets(junk_leaf.filter(lambda x: x == x), max_size=3),
        st.dictionaries(st.one_of(st.integers(-1, 16), st.text(max_size=6)), inner, max_size=3),
    ),
    max_leaves=6,
)
json_junk: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 16) | st.floats() | st.text(max_size=6)
    | st.sampled_from(["in_plan", "meets", "FY2016", "ア"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["item", "chosen", "status", "missing", "answers",
                                       "municipality", "fiscal_year", "findings", "rows",
                                       "years", "statuses", "trend", "x"]), inner, max_size=4),
    max_leaves=8,
)


class TestFuzz:
    @pytest.mark.parametrize("cls", PUBLIC_TYPES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_constructor_raises_only_hokatsu_errors(self, cls: type[Any],
                                                    data: st.DataObject) -> None:
        """Junk in any field of any exported type is refused with a HokatsuError."""
        valid = data.draw(STRATEGIES[cls])
        fields = {f.name: getattr(valid, f.name) for f in attrs.fields(cls)}
        for name in data.draw(st.sets(st.sampled_from(list(fields)), min_size=1)):
            fields[name] = data.draw(junk)
        with contextlib.suppress(HokatsuError):
            cls(**fields)

    @pytest.mark.parametrize("cls", PUBLIC_TYPES, ids=lambda c: c.__name__)
    @given(value=json_junk)
    def test_structure_raises_only_hokatsu_errors(self, cls: type[Any], value: Any) -> None:
        """structure() of JSON-like junk either succeeds or raises a HokatsuError."""
        with contextlib.suppress(HokatsuError):
            conv.structure(value, cls)

    @given(value=junk)
    def test_functions_raise_only_hokatsu_errors(self, value: Any) -> None:
        """The module's functions refuse junk with HokatsuErrors only."""
        for call in (ChecklistAnswers.of, assess, compare_years, compare_municipalities,
                     checklist_item, ChecklistAnswers().updated, ChecklistAnswers().chosen):
            with contextlib.suppress(HokatsuError):
                call(value)

    @given(choices=st.dictionaries(st.integers(0, 15), junk, max_size=4))
    def test_of_raises_only_hokatsu_errors(self, choices: dict[int, Any]) -> None:
        """of() with plausible item numbers and junk choices raises HokatsuErrors only."""
        with contextlib.suppress(HokatsuError):
            ChecklistAnswers.of(choices)
