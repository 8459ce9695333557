"""The FY2016 survey of the 26 model municipalities (参考資料3 アンケート調査結果).

The survey went by e-mail to every municipality running the model project in FY2016, between
18 January and 3 February 2017, and all 26 answered (参考資料3 概要). This module keeps the
answers the library uses: where comprehensive support stands in local plans (1-①), where the
coordinator works (2-①), how the coordinator's five roles were ranked (2-②), how the
promotion meeting (相談支援包括化推進会議) is held and how often it met in FY2016 (2-④), and
how important the municipalities found each candidate evaluation item (3-①).

Municipalities are anonymised in the survey: its numbers 1–26 are *not* the numbers of the
list of municipalities in 第2章 1. (:mod:`hokatsu.reference.municipalities`).

Several figures were read off charts whose labels the text extraction kept only as bare
numbers; each constant says how it was read and which sums confirm the reading.

Examples:
    >>> PLACE_IN_PLANS.count("イ"), PLACE_IN_PLANS.total
    (11, 26)
    >>> PROMOTION_MEETINGS_FY2016[17]
    SessionCounts(whole=188, subcommittees=0)
    >>> EVALUATION_ITEM_IMPORTANCE[EvaluationItem.INTAKE_ASSESSMENT].important
    17
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.domain.coordinators import Role
from hokatsu.errors import UnknownReferenceError

__all__ = [
    "COORDINATOR_RANGE",
    "EVALUATION_ITEM_IMPORTANCE",
    "JOINT_WITH_COMMUNITY_CARE_MEETING",
    "MEETING_HELD_JOINTLY",
    "PLACE_IN_PLANS",
    "PROMOTION_MEETINGS_FY2016",
    "RESPONDENTS",
    "ROLE_RANKING",
    "SUBCOMMITTEES",
    "EvaluationItem",
    "ImportanceCounts",
    "Option",
    "SessionCounts",
    "SingleChoice",
]

#: The municipalities that answered, all 26 that ran the model project in FY2016
#: (参考資料3 概要).
RESPONDENTS = 26


@attrs.frozen(kw_only=True)
class Option:
    """One answer option of a single-choice question and how many municipalities chose it.

    Args:
        code: the option's mark in the questionnaire (``"ア"``), or a short key where the
            report shows none (``"joint"``).
        label: what the option says, in short.
        count: the number of municipalities that chose it.

    Raises:
        InvalidValueError: a field of the wrong type or a negative count.

    Examples:
        >>> PLACE_IN_PLANS.options[0].code, PLACE_IN_PLANS.options[0].count
        ('ア', 8)
    """

    code: str = attrs.field(validator=v.TEXT)
    label: str = attrs.field(validator=v.TEXT)
    count: int = attrs.field(validator=v.integer(0))


@attrs.frozen(kw_only=True)
class SingleChoice:
    """The result of one single-choice question of the survey.

    Args:
        question: the question's number in 参考資料3 (``"1-①"``).
        options: every option, in the questionnaire's order.

    Raises:
        InvalidValueError: no options, or an option that is not an :class:`Option`.

    Examples:
        >>> SUBCOMMITTEES.count("yes"), SUBCOMMITTEES.total
        (6, 26)
    """

    question: str = attrs.field(validator=v.TEXT)
    options: tuple[Option, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(Option), nonempty=True)
    )

    @property
    def total(self) -> int:
        """The number of municipalities that answered.

        Examples:
            >>> MEETING_HELD_JOINTLY.total
            26
        """
        return sum(o.count for o in self.options)

    def count(self, code: str) -> int:
        """How many municipalities chose the option *code*.

        Args:
            code: the option's code (``"ア"``, ``"joint"`` …).

        Returns:
            The number of municipalities.

        Raises:
            UnknownReferenceError: the question has no such option.

        Examples:
            >>> PLACE_IN_PLANS.count("ウ")
            6
            >>> PLACE_IN_PLANS.count("オ")  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            hokatsu.errors.UnknownReferenceError: ...
        """
        for o in self.options:
            if o.code == code:
                return o.count
        raise UnknownReferenceError(
            f"SingleChoice {self.question!r}", "options", code, (o.code for o in self.options)
        )

    def share(self, code: str) -> float:
        """The share of the answering municipalities that chose *code*, 0 to 1.

        Args:
            code: the option's code.

        Returns:
            ``count(code) / total``.

        Raises:
            UnknownReferenceError: the question has no such option.

        Examples:
            >>> round(COORDINATOR_RANGE.share("ア"), 2)
            0.81
        """
        return self.count(code) / self.total


#: Where comprehensive consultation support stands in the 地域福祉計画 and similar plans
#: (1-①). The options differ from checklist item 1's (ウ here is "not mentioned", エ "unknown").
PLACE_IN_PLANS = SingleChoice(question="1-①", options=(
    Option(code="ア", label="in the plan together with concrete measures", count=8),
    Option(code="イ", label="in the plan as a direction only", count=11),
    Option(code="ウ", label="not mentioned in the plan", count=6),
    Option(code="エ", label="unknown", count=1),
))

#: The coordinator's activity range (2-①). The chart shows only ア and イ; they add up to all
#: 26 municipalities, so the third option (その他) had no answers.
COORDINATOR_RANGE = SingleChoice(question="2-①", options=(
    Option(code="ア", label="across the whole municipality, furthering cooperation of agencies",
           count=21),
    Option(code="イ", label="from a base in one area of the municipality", count=5),
    Option(code="ウ", label="other", count=0),
))

#: Whether the 推進会議 is held together with another meeting, such as the 地域ケア会議, or on
#: its own (2-④, 位置づけ).
MEETING_HELD_JOINTLY = SingleChoice(question="2-④", options=(
    Option(code="joint", label="held together with another meeting (あわせて開催)", count=17),
    Option(code="alone", label="held on its own (単独で開催)", count=9),
))

#: Of the 17 municipalities holding the 推進会議 jointly, those holding it with the
#: 地域ケア会議 or a meeting of that family (2-④); 第2章 2.(3)② gives the same figure in a
#: note.
JOINT_WITH_COMMUNITY_CARE_MEETING = 6

#: Whether the 推進会議 has sub-committees besides the whole body (2-④, 分科会の開催).
SUBCOMMITTEES = SingleChoice(question="2-④", options=(
    Option(code="yes", label="has sub-committees (分科会) besides the whole body", count=6),
    Option(code="no", label="has no sub-committees", count=20),
))


class SessionCounts(NamedTuple):
    """Sessions of a municipality's 推進会議 in one year: the whole body and its sub-committees.

    Examples:
        >>> PROMOTION_MEETINGS_FY2016[3]
        SessionCounts(whole=2, subcommittees=4)
    """

    whole: int
    subcommittees: int

    @property
    def total(self) -> int:
        """All sessions, whole body and sub-committees together.

        Examples:
            >>> PROMOTION_MEETINGS_FY2016[3].total
            6
        """
        return self.whole + self.subcommittees


def _sessions(*rows: tuple[int, int]) -> Mapping[int, SessionCounts]:
    return MappingProxyType(
        {n: SessionCounts(w, s) for n, (w, s) in enumerate(rows, start=1)}
    )


#: FY2016 sessions of the 推進会議 of each anonymised municipality, 1 to 26, as (whole body,
#: sub-committees) (2-④, 平成28年度の開催件数). The six municipalities with sub-committee
#: sessions are the six that said they have sub-committees (:data:`SUBCOMMITTEES`).
PROMOTION_MEETINGS_FY2016: Mapping[int, SessionCounts] = _sessions(
    (1, 0), (1, 0), (2, 4), (1, 0), (9, 0), (2, 6), (1, 0), (1, 0), (18, 0), (6, 0),
    (1, 0), (79, 0), (4, 0), (3, 0), (2, 0), (0, 0), (188, 0), (2, 0), (20, 0), (0, 0),
    (2, 6), (1, 5), (1, 0), (1, 3), (2, 4), (6, 0),
)


def _ranking() -> Mapping[int, Mapping[Role, int]]:
    rows = (
        (7, 9, 2, 3, 5),
        (10, 2, 2, 4, 8),
        (5, 3, 3, 8, 6),
        (2, 9, 6, 4, 4),
        (1, 3, 12, 6, 3),
    )
    return MappingProxyType({
        importance: MappingProxyType(dict(zip(Role, row, strict=True)))
        for importance, row in enumerate(rows, start=1)
    })


#: How many municipalities gave each role each importance, from 1 (most important) to 5
#: (least), as ``ROLE_RANKING[importance][role]`` (2-②).
#:
#: The question lists ➍ as 体制の構築・マネジメント and ➎ as 資源等の開発推進, the reverse of
#: chapter 2; the chart's own labels follow chapter 2, and the counts are keyed here by the
#: role's name (:class:`~hokatsu.domain.coordinators.Role`), whatever its number. The figures
#: were read off a stacked chart series by series. Some answers were left blank: rows 3–5 and
#: the columns of ➊, ➌ and ➍ add up to 25, not 26. The reading agrees with the report's text
#: (第2章 2.(3)①): ➋ is most often ranked first, ➊ most often among the first two, and ➌ is
#: ranked lowest.
ROLE_RANKING: Mapping[int, Mapping[Role, int]] = _ranking()


class EvaluationItem(Labelled):
    """The candidate evaluation items of the coordinator's activity asked about in 3-①.

    Labels are the report's chart labels.

    Examples:
        >>> EvaluationItem.MEETING_OPERATION.label
        '包括化推進会議の開催状況'
    """

    EXCHANGE_WITH_COMMUNITY = ("exchange_with_community", "地域の主体との情報交換")
    JOINT_OUTREACH = ("joint_outreach", "地域の主体や関係機関と連携したアウトリーチ")
    ISSUE_SURVEYS = ("issue_surveys", "その他地域課題に関する調査等")
    TRAINING = ("training", "支援機関・専門職等の育成")
    INTAKE_ASSESSMENT = ("intake_assessment", "困難事例等に対するインテーク・アセスメント")
    CASES_THROUGH_MEETING = ("cases_through_meeting", "包括化推進会議を通した困難事例等への対応")
    RESOURCES_THROUGH_MEETING = (
        "resources_through_meeting", "包括化推進会議を通した財源確保、地域資源の取り組み"
    )
    SYSTEM_EXPANSION = ("system_expansion", "体制の拡大")
    POLICIES_AND_PLANS = ("policies_and_plans", "方針・プランの作成")
    SYSTEM_IMPROVEMENT = ("system_improvement", "体制の改善")
    MEETING_OPERATION = ("meeting_operation", "包括化推進会議の開催状況")


class ImportanceCounts(NamedTuple):
    """How many municipalities found an evaluation item important, rather important, rather
    not important and not important (3-①).

    Examples:
        >>> EVALUATION_ITEM_IMPORTANCE[EvaluationItem.EXCHANGE_WITH_COMMUNITY]
        ImportanceCounts(important=19, rather_important=4, rather_not_important=1, not_important=2)
    """

    important: int
    rather_important: int
    rather_not_important: int
    not_important: int

    @property
    def total(self) -> int:
        """The number of municipalities that answered.

        Examples:
            >>> {c.total for c in EVALUATION_ITEM_IMPORTANCE.values()}
            {26}
        """
        return sum(self)


def _importance() -> Mapping[EvaluationItem, ImportanceCounts]:
    rows = (
        (19, 4, 1, 2),
        (14, 9, 2, 1),
        (9, 12, 3, 2),
        (12, 10, 2, 2),
        (17, 8, 1, 0),
        (8, 17, 1, 0),
        (11, 10, 3, 2),
        (7, 13, 3, 3),
        (10, 13, 2, 1),
        (4, 17, 4, 1),
        (9, 12, 3, 2),
    )
    return MappingProxyType({
        item: ImportanceCounts(*row) for item, row in zip(EvaluationItem, rows, strict=True)
    })


#: How important the municipalities found each candidate evaluation item (3-①). Read off a
#: stacked chart whose zero segments carry no number; the two zeros (no municipality found
#: intake/assessment or handling hard cases through the 推進会議 unimportant) are placed so
#: that every row adds up to all 26 municipalities, which only one placement achieves.
EVALUATION_ITEM_IMPORTANCE: Mapping[EvaluationItem, ImportanceCounts] = _importance()
