"""The self-assessment checklist's fourteen items as data (第4章 2.(1), 2.(2)).

The report evaluates a comprehensive consultation system in three stages (第4章 1.(2)); the
first two, 現状把握・方向性検討段階 (items 1–5) and 包括的な相談支援体制の構築段階 (items 6–14), are
checklists. This module holds the instrument: stages, viewpoints, every item's question,
options and recommended answer, advice written for hokatsu, and the report's reference
municipalities (参考事例). Answering and assessing are in :mod:`hokatsu.indicators.checklist`,
which re-exports everything here.

The recommended answer is data, a :class:`Recommendation` of one of three :class:`Rule`\\ s,
never a code path per item. Questions, option labels and advice are short renderings in
hokatsu's own words; the facts (which option is recommended, which municipality is the
example) are the report's.

Examples:
    >>> item = checklist_item(8)
    >>> item.viewpoint.code, item.kind.value, item.recommendation.rule.value
    ('(2)-2', 'multiple', 'all_of')
    >>> item.option("エ").key, ITEM_8_ROLES["manage_system"].symbol
    ('manage_system', '➎')
    >>> [o.letter for o in checklist_item(4).recommended]
    ['ア', 'イ', 'ウ']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from types import MappingProxyType
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.domain.coordinators import Role
from hokatsu.domain.foundations import Foundation
from hokatsu.domain.meetings import MeetingPurpose
from hokatsu.errors import InvalidValueError

__all__ = [
    "CHECKLIST",
    "ITEM_1_SURVEY",
    "ITEM_4_FOUNDATIONS",
    "ITEM_8_ROLES",
    "ITEM_11_PURPOSES",
    "ChecklistItem",
    "ChecklistOption",
    "ChecklistStage",
    "ChecklistStatus",
    "ChecklistViewpoint",
    "ChoiceKind",
    "ItemSurvey",
    "ItemSurveyAnswer",
    "Recommendation",
    "Rule",
    "checklist_item",
]

#: The letters the report gives options, in order.
LETTERS = "アイウエオカキク"
_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")


class ChecklistStage(Labelled):
    """The two checklist stages of the evaluation (第4章 1.(2)); stage 3 has indicators.

    Examples:
        >>> from hokatsu.indicators.checklist_items import ChecklistStage
        >>> ChecklistStage.SYSTEM_BUILDING.label
        '包括的な相談支援体制の構築段階'
    """

    CURRENT_STATE = ("current_state", "現状把握・方向性検討段階")
    SYSTEM_BUILDING = ("system_building", "包括的な相談支援体制の構築段階")

    @property
    def number(self) -> int:
        """The report's stage number, 1 or 2.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistStage
            >>> ChecklistStage.SYSTEM_BUILDING.number
            2
        """
        return list(ChecklistStage).index(self) + 1

    @property
    def code(self) -> str:
        """The report's code, ``"(1)"`` or ``"(2)"``.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistStage
            >>> ChecklistStage.CURRENT_STATE.code
            '(1)'
        """
        return f"({self.number})"

    @property
    def viewpoints(self) -> tuple[ChecklistViewpoint, ...]:
        """The viewpoints of this stage, in order.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistStage
            >>> [p.code for p in ChecklistStage.CURRENT_STATE.viewpoints]
            ['(1)-1', '(1)-2', '(1)-3']
        """
        return tuple(p for p in ChecklistViewpoint if p.stage is self)

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        """The items of this stage, in order.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistStage
            >>> [i.number for i in ChecklistStage.CURRENT_STATE.items]
            [1, 2, 3, 4, 5]
        """
        return tuple(i for i in CHECKLIST if i.stage is self)


class ChecklistViewpoint(Labelled):
    """The seven viewpoints (評価の視点) the items are grouped under (第4章 2.(1), 2.(2)).

    (2)-4 is named as in the checklist itself (マネジメントの仕組み); the overview figure
    (図23) calls it マネジメント方策の検討.

    Examples:
        >>> from hokatsu.indicators.checklist_items import ChecklistViewpoint
        >>> ChecklistViewpoint.COORDINATOR.label
        '相談支援包括化推進員の配置'
    """

    PLAN_POSITION = ("plan_position", "上位計画における位置づけ")
    CURRENT_SYSTEM = ("current_system", "相談支援体制の現状把握")
    DIRECTION = ("direction", "包括的な相談支援体制構築の方向性検討")
    COLLABORATION = ("collaboration", "多機関の連携と情報共有")
    COORDINATOR = ("coordinator", "相談支援包括化推進員の配置")
    PROMOTION_MEETING = ("promotion_meeting", "相談支援包括化推進会議の設置")
    MANAGEMENT = ("management", "相談支援体制のマネジメントの仕組み")

    @property
    def stage(self) -> ChecklistStage:
        """The stage the viewpoint belongs to.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistViewpoint
            >>> ChecklistViewpoint.COORDINATOR.stage.code
            '(2)'
        """
        index = list(ChecklistViewpoint).index(self)
        return ChecklistStage.CURRENT_STATE if index < 3 else ChecklistStage.SYSTEM_BUILDING

    @property
    def code(self) -> str:
        """The report's code, ``"(1)-1"`` … ``"(2)-4"``.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistViewpoint
            >>> ChecklistViewpoint.MANAGEMENT.code
            '(2)-4'
        """
        index = list(ChecklistViewpoint).index(self)
        return f"{self.stage.code}-{index + 1 if index < 3 else index - 2}"

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        """The items under this viewpoint, in order.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistViewpoint
            >>> [i.number for i in ChecklistViewpoint.CURRENT_SYSTEM.items]
            [2, 3]
        """
        return tuple(i for i in CHECKLIST if i.viewpoint is self)


class ChoiceKind(Labelled):
    """Whether an item takes one option or any number of them.

    Examples:
        >>> from hokatsu.indicators.checklist_items import ChoiceKind
        >>> from hokatsu.indicators.checklist_items import checklist_item
        >>> checklist_item(1).kind, checklist_item(8).kind.label
        (<ChoiceKind.SINGLE: 'single'>, '複数選択')
    """

    SINGLE = ("single", "単一選択")
    MULTIPLE = ("multiple", "複数選択")


class Rule(Labelled):
    """How an item's recommended options are to be met.

    ``ANY_OF``: one of the options is enough (for a single-choice item, "the answer is one of
    these"). ``ALL_OF``: every one of them. ``ORDERED``: every one of them, the ``first`` ones
    before the rest; having only the first ones is partial progress.

    Examples:
        >>> from hokatsu.indicators.checklist_items import Rule
        >>> from hokatsu.indicators.checklist_items import checklist_item
        >>> checklist_item(4).recommendation.rule
        <Rule.ANY_OF: 'any_of'>
    """

    ANY_OF = ("any_of", "いずれか")
    ALL_OF = ("all_of", "すべて")
    ORDERED = ("ordered", "段階的にすべて")


class ChecklistStatus(Labelled):
    """Where an answered (or unanswered) item stands against its recommendation.

    Examples:
        >>> from hokatsu.indicators.checklist_items import ChecklistStatus
        >>> ChecklistStatus("partial").label
        '一部達成'
    """

    MEETS = ("meets", "達成")
    PARTIAL = ("partial", "一部達成")
    GAP = ("gap", "課題あり")
    UNANSWERED = ("unanswered", "未回答")


_KEY_CHECK = v.simple("a lower-case key such as 'in_plan'", lambda k: bool(_KEY.fullmatch(k)))
_KEYS = v.tuple_of(_KEY_CHECK, unique=True)
_MUNICIPALITIES = v.tuple_of(v.TEXT, unique=True)


@attrs.frozen(kw_only=True)
class ChecklistOption:
    """One option of an item.

    Args:
        letter: the report's letter, ``"ア"``, ``"イ"`` ….
        key: a stable English key, used in answers and serialisation.
        label: a short Japanese rendering of the option.
        description: the same in English.
        examples: municipalities the report gives as examples of this option (item 4 only).

    Raises:
        InvalidValueError: a field of the wrong kind (a letter not among ア … ク, a key not
            lower-case).

    Examples:
        >>> from hokatsu.indicators.checklist_items import ChecklistOption
        >>> o = ChecklistOption(letter="ア", key="in_plan", label="計画に位置づけ",
        ...                     description="in a plan")
        >>> o.key, o.examples
        ('in_plan', ())
    """

    letter: str = attrs.field(validator=v.simple(f"one of {LETTERS}", lambda x: x in LETTERS))
    key: str = attrs.field(validator=_KEY_CHECK)
    label: str = attrs.field(validator=v.TEXT)
    description: str = attrs.field(validator=v.TEXT)
    examples: tuple[str, ...] = attrs.field(default=(), validator=_MUNICIPALITIES)


@attrs.frozen(kw_only=True)
class Recommendation:
    """The answer the report's advice (ポイント) recommends, as a rule over option keys.

    Args:
        rule: how ``options`` are to be met.
        options: the recommended option keys, in the item's order.
        first: for ``Rule.ORDERED`` only, the options to settle before the others.

    Examples:
        >>> r = Recommendation(rule=Rule.ORDERED, options=("a", "b", "c"), first=("a",))
        >>> [s.value for s, _ in (r.evaluate(frozenset(c)) for c in ("abc", "a", "bc", ""))]
        ['meets', 'partial', 'gap', 'unanswered']
        >>> r.evaluate(frozenset({"a"}))[1]
        ('b', 'c')
    """

    rule: Rule = attrs.field(validator=v.enum_of(Rule))
    options: tuple[str, ...] = attrs.field(validator=v.tuple_of(_KEY_CHECK, unique=True,
                                                                 nonempty=True))
    first: tuple[str, ...] = attrs.field(default=(), validator=_KEYS)

    def __attrs_post_init__(self) -> None:
        if (self.rule is Rule.ORDERED) != bool(self.first):
            raise InvalidValueError(
                "Recommendation", "first", self.first,
                "some options for an ordered rule and none otherwise",
            )
        if not set(self.first) <= set(self.options):
            raise InvalidValueError(
                "Recommendation", "first", self.first, "a subset of the recommended options"
            )

    def evaluate(self, chosen: frozenset[str]) -> tuple[ChecklistStatus, tuple[str, ...]]:
        """Return the status of an answer and the recommended options it lacks.

        An empty *chosen* is an unanswered item. For a gap under ``ANY_OF`` the missing options
        are the alternatives, any one of which would do.

        Args:
            chosen: the option keys ticked (a frozenset or set of strings).

        Returns:
            The status, and the recommended option keys the answer lacks.

        Raises:
            InvalidValueError: *chosen* is not a set of strings.

        Examples:
            >>> from hokatsu.indicators.checklist_items import Recommendation
            >>> from hokatsu.indicators.checklist_items import Rule
            >>> r = Recommendation(rule=Rule.ANY_OF, options=("a", "b"))
            >>> r.evaluate(frozenset({"c"}))
            (<ChecklistStatus.GAP: 'gap'>, ('a', 'b'))
            >>> r.evaluate(frozenset({"b"}))
            (<ChecklistStatus.MEETS: 'meets'>, ())
        """
        if not isinstance(chosen, AbstractSet) or not all(type(k) is str for k in chosen):
            raise InvalidValueError("Recommendation.evaluate", "chosen", chosen,
                                    "a frozenset of option keys (strings)")
        if not chosen:
            return ChecklistStatus.UNANSWERED, ()
        if self.rule is Rule.ANY_OF:
            if chosen & set(self.options):
                return ChecklistStatus.MEETS, ()
            return ChecklistStatus.GAP, self.options
        missing = tuple(o for o in self.options if o not in chosen)
        if not missing:
            return ChecklistStatus.MEETS, ()
        if self.rule is Rule.ORDERED and set(self.first) <= chosen:
            return ChecklistStatus.PARTIAL, missing
        return ChecklistStatus.GAP, missing


@attrs.frozen(kw_only=True)
class ChecklistItem:
    """One item of the checklist (番号 1–14, 第4章 2.(1), 2.(2)).

    Args:
        number: the report's item number, 1 to 14.
        viewpoint: the viewpoint it belongs to (which fixes the stage).
        question: the question, in English.
        label: the question, as a short Japanese rendering.
        kind: whether one option or several may be chosen.
        options: the options, in the report's order (ア, イ, …).
        recommendation: the recommended answer.
        advice: what to do when the item is not met, in English (hokatsu's words, after the
            report's ポイント).
        advice_ja: a short Japanese summary of the same.
        references: the report's reference municipalities (参考事例) for the item.

    Raises:
        InvalidValueError: a field of the wrong kind, options not lettered ア, イ, … in order or
            with repeated keys, a recommendation naming other keys or out of order, or a rule
            other than any_of for a single-choice item.

    Examples:
        >>> from hokatsu.indicators.checklist_items import ChecklistItem
        >>> from hokatsu.indicators.checklist_items import checklist_item
        >>> item = checklist_item(1)
        >>> item.number, item.kind.value, item.references
        (1, 'single', ('栃木市',))
    """

    number: int = attrs.field(validator=v.integer(1, 99))
    viewpoint: ChecklistViewpoint = attrs.field(validator=v.enum_of(ChecklistViewpoint))
    question: str = attrs.field(validator=v.TEXT)
    label: str = attrs.field(validator=v.TEXT)
    kind: ChoiceKind = attrs.field(validator=v.enum_of(ChoiceKind))
    options: tuple[ChecklistOption, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(ChecklistOption), nonempty=True)
    )
    recommendation: Recommendation = attrs.field(validator=v.instance_of(Recommendation))
    advice: str = attrs.field(validator=v.TEXT)
    advice_ja: str = attrs.field(validator=v.TEXT)
    references: tuple[str, ...] = attrs.field(default=(), validator=_MUNICIPALITIES)

    def __attrs_post_init__(self) -> None:
        obj = f"ChecklistItem {self.number}"
        letters = "".join(o.letter for o in self.options)
        if letters != LETTERS[: len(self.options)]:
            raise InvalidValueError(obj, "options", letters, "letters ア, イ, … in order")
        if len(set(self.keys)) != len(self.keys):
            raise InvalidValueError(obj, "options", self.keys, "distinct option keys")
        rec = self.recommendation
        if not set(rec.options) <= set(self.keys):
            raise InvalidValueError(obj, "recommendation", rec.options, "keys of its options")
        if rec.options != tuple(k for k in self.keys if k in rec.options):
            raise InvalidValueError(obj, "recommendation", rec.options, "keys in option order")
        if self.kind is ChoiceKind.SINGLE and rec.rule is not Rule.ANY_OF:
            raise InvalidValueError(obj, "recommendation", rec.rule, "any_of for a single choice")

    @property
    def stage(self) -> ChecklistStage:
        """The stage of the item's viewpoint.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistItem
            >>> from hokatsu.indicators.checklist_items import checklist_item
            >>> checklist_item(6).stage.code
            '(2)'
        """
        return self.viewpoint.stage

    @property
    def keys(self) -> tuple[str, ...]:
        """The option keys, in order.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistItem
            >>> from hokatsu.indicators.checklist_items import checklist_item
            >>> checklist_item(2).keys
            ('known_and_shared', 'known_not_shared', 'not_known')
        """
        return tuple(o.key for o in self.options)

    @property
    def recommended(self) -> tuple[ChecklistOption, ...]:
        """The recommended options, in order.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistItem
            >>> from hokatsu.indicators.checklist_items import checklist_item
            >>> [o.letter for o in checklist_item(1).recommended]
            ['ア']
        """
        return tuple(o for o in self.options if o.key in self.recommendation.options)

    def option(self, key_or_letter: str) -> ChecklistOption:
        """Return the option with this key or letter.

        Args:
            key_or_letter: an option key (``"in_plan"``) or the report's letter (``"イ"``).

        Returns:
            The option.

        Raises:
            InvalidValueError: no option of the item has that key or letter.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistItem
            >>> from hokatsu.indicators.checklist_items import checklist_item
            >>> checklist_item(1).option("イ").key
            'in_plan'
            >>> checklist_item(1).option("in_plan").letter
            'イ'
        """
        for o in self.options:
            if key_or_letter in (o.key, o.letter):
                return o
        raise InvalidValueError(
            f"ChecklistItem {self.number}", "options", key_or_letter, self.describe_options()
        )

    def describe_options(self) -> str:
        """The options in words, for error messages: ``"in_plan (イ), …"``.

        Returns:
            The options' keys and letters, after "one of" or "any of".

        Examples:
            >>> from hokatsu.indicators.checklist_items import ChecklistItem
            >>> from hokatsu.indicators.checklist_items import checklist_item
            >>> checklist_item(2).describe_options()
            "one of item 2's options: known_and_shared (ア), known_not_shared (イ), not_known (ウ)"
        """
        kind = "one of" if self.kind is ChoiceKind.SINGLE else "any of"
        listed = ", ".join(f"{o.key} ({o.letter})" for o in self.options)
        return f"{kind} item {self.number}'s options: {listed}"


def _options(*rows: tuple[Any, ...]) -> tuple[ChecklistOption, ...]:
    """Options from (key, Japanese label, English description[, examples]) rows, lettered."""
    return tuple(
        ChecklistOption(letter=LETTERS[i], key=row[0], label=row[1], description=row[2],
                        examples=row[3] if len(row) > 3 else ())
        for i, row in enumerate(rows)
    )


def _item(
    number: int, viewpoint: ChecklistViewpoint, kind: ChoiceKind, *,
    question: str, label: str, options: tuple[ChecklistOption, ...],
    rule: Rule, recommended: str | Iterable[str], first: tuple[str, ...] = (),
    advice: str, advice_ja: str, references: tuple[str, ...] = (),
) -> ChecklistItem:
    keys = tuple(o.key for o in options)
    wanted = {recommended} if isinstance(recommended, str) else set(recommended)
    return ChecklistItem(
        number=number, viewpoint=viewpoint, question=question, label=label, kind=kind,
        options=options,
        recommendation=Recommendation(
            rule=rule, options=tuple(k for k in keys if k in wanted), first=first
        ),
        advice=advice, advice_ja=advice_ja, references=references,
    )


_P = ChecklistViewpoint
_ONE, _ALL = ChoiceKind.SINGLE, ChoiceKind.MULTIPLE
_ROLE_KEYS = ("grasp_issues", "individual_support", "run_meeting", "manage_system",
              "develop_resources")

#: The fourteen items, in order (第4章 2.(1) items 1–5, 2.(2) items 6–14).
CHECKLIST: tuple[ChecklistItem, ...] = (
    _item(
        1, _P.PLAN_POSITION, _ONE,
        question="How do the municipality's plans, starting with the community welfare plan, "
                 "place the building of a comprehensive consultation system?",
        label="地域福祉計画等の行政計画における包括化の位置づけ",
        options=_options(
            ("concrete_measures", "計画に位置づけ、具体的な施策も明記",
             "in a plan, with concrete measures"),
            ("in_plan", "計画に位置づけ、施策は未記載", "in a plan, without concrete measures"),
            ("recognised", "計画に記載はないが重要性は認識",
             "not in a plan, but seen as important"),
            ("not_discussed", "計画に記載がなく検討も進んでいない",
             "not in a plan and not under discussion"),
        ),
        rule=Rule.ANY_OF, recommended="concrete_measures",
        advice="Write the comprehensive system into the municipality's plans, with concrete "
               "measures, so that sections and outside agencies have a mandate to take part.",
        advice_ja="地域福祉計画などに包括化を位置づけ、具体的な施策まで書き込む。",
        references=("栃木市",),
    ),
    _item(
        2, _P.CURRENT_SYSTEM, _ONE,
        question="Are the strengths, weaknesses and missing resources of each field's "
                 "consultation system (elderly, disability, children, hardship, other) known?",
        label="分野ごとの相談支援体制の強み・弱み・不足するリソースの把握",
        options=_options(
            ("known_and_shared", "把握し、関係機関で共有", "known and shared with the agencies"),
            ("known_not_shared", "把握しているが未共有", "known, but not shared"),
            ("not_known", "把握できていない", "not known"),
        ),
        rule=Rule.ANY_OF, recommended="known_and_shared",
        advice="Take stock of each field's system and share the picture with the agencies: "
               "strengths show where to anchor the new system, weaknesses and gaps show where "
               "collaboration has to fill in.",
        advice_ja="分野ごとの強み・弱み・不足資源を整理し、関係機関と共有する。",
        references=("琴浦町",),
    ),
    _item(
        3, _P.CURRENT_SYSTEM, _ALL,
        question="How far has work toward a comprehensive consultation system gone so far?",
        label="包括化に向けたこれまでの取組",
        options=_options(
            ("within_government", "庁内連携の円滑化", "smoother coordination inside the "
             "municipal office (meetings, training, one-stop consultation, shared case data)"),
            ("with_agencies", "行政・関係機関の連携の円滑化",
             "smoother coordination between the municipality and agencies"),
            ("with_community", "地域の主体との連携の円滑化",
             "smoother coordination with community actors"),
            ("other", "その他の取組", "other work"),
        ),
        rule=Rule.ANY_OF,
        recommended=("within_government", "with_agencies", "with_community", "other"),
        advice="Keep up whatever has been started and list the problems still open or newly "
               "arising; if nothing has been started, begin by listing the problems "
               "consultation runs into and how to tackle them.",
        advice_ja="既存の取組は継続しつつ残る課題を整理する。未着手なら相談支援の課題整理から始める。",
        references=("釧路市",),
    ),
    _item(
        4, _P.DIRECTION, _ONE,
        question="Is it decided which existing system comprehensive support will be built on?",
        label="包括化の基盤とする制度等の方針",
        options=_options(
            ("community_care", "地域包括ケアシステムを基盤",
             "on community-based integrated care, widening elderly support to all", ("名張市",)),
            ("community_welfare", "特定の制度によらず地域福祉を基盤",
             "on community welfare, not on one system", ("大牟田市",)),
            ("hardship_support", "生活困窮者自立支援制度を基盤",
             "on the self-reliance support system, widening its desk's reach", ("氷見市",)),
            ("undecided", "定まっていない", "not decided"),
        ),
        rule=Rule.ANY_OF,
        recommended=("community_care", "community_welfare", "hardship_support"),
        advice="Any clear direction will do, even one outside these three; while it is open, "
               "review the current strengths, weaknesses and missing resources first and "
               "choose what fits the area.",
        advice_ja="基盤は三つに限らないが、未定なら現状の強み・弱みを整理し地域に合う方針を決める。",
        references=("名張市", "大牟田市", "氷見市"),
    ),
    _item(
        5, _P.DIRECTION, _ONE,
        question="Is it known which cases are hard cases, and is it clear how they will be "
                 "handled?",
        label="困難事例等の把握と対応方針",
        options=_options(
            ("known_with_policy", "把握しており対応方針も明確", "known, with a clear policy"),
            ("known_no_policy", "把握しているが方針は不明確", "known, without a clear policy"),
            ("not_known", "把握していない", "not known"),
        ),
        rule=Rule.ANY_OF, recommended="known_with_policy",
        advice="Find out which cases local actors and single agencies cannot handle, for "
               "instance by surveying welfare commissioners and agencies, and agree in a "
               "multi-agency meeting how such cases will be handled.",
        advice_ja="調査で困難事例等の実態をつかみ、関係機関の会議で対応方針を決める。",
        references=("氷見市", "東海村"),
    ),
    _item(
        6, _P.COLLABORATION, _ALL,
        question="Does the system involve a wide range of actors?",
        label="幅広い主体が関わる体制の構築",
        options=_options(
            ("community_actors", "地域の主体と連携した体制", "community actors"),
            ("private_bodies", "企業・NPO・民間団体等と連携した体制",
             "companies, NPOs and other private bodies"),
            ("wider_agencies", "市町村・都道府県単位の関係機関・専門家等と連携した体制",
             "agencies and experts at municipal or prefectural level"),
            ("internal_organisations", "自治体内の関係組織が連携した体制",
             "the municipality's own organisations"),
        ),
        rule=Rule.ALL_OF,
        recommended=("community_actors", "private_bodies", "wider_agencies",
                     "internal_organisations"),
        advice="Hard cases need a wide circle; build ties with whichever of community actors, "
               "private bodies, wider agencies and experts, and the municipality's own "
               "sections the system has so far lacked.",
        advice_ja="これまで連携が弱かった主体とのネットワークを築き、幅広い主体が関わる体制にする。",
        references=("盛岡市", "鴨川市"),
    ),
    _item(
        7, _P.COLLABORATION, _ALL,
        question="Is there a way for the actors to share information on community issues and "
                 "cases across fields?",
        label="横断的な情報共有の仕組み",
        options=_options(
            ("overseeing_section", "福祉相談支援を統括する庁内部署",
             "a section overseeing welfare consultation"),
            ("shared_records", "記録等を共有するツール（アセスメントシート、情報システム等）",
             "shared record tools (assessment sheets, an information system)"),
            ("sharing_meetings", "情報共有のための会議", "meetings for sharing information"),
            ("sharing_rules", "情報共有のルールづくり（個人情報の取扱い等）",
             "rules for sharing, with care for personal information"),
            ("other", "その他の仕組み", "other arrangements"),
        ),
        rule=Rule.ALL_OF,
        recommended=("overseeing_section", "shared_records", "sharing_meetings", "sharing_rules"),
        advice="Give the agencies the means to share information smoothly: a section that "
               "oversees consultation, common records, sharing meetings and rules that "
               "protect personal information.",
        advice_ja="統括部署・共通様式・会議・個人情報のルールなど横断的な情報共有の仕組みを整える。",
        references=("伊賀市", "茅野市", "佐賀市"),
    ),
    _item(
        8, _P.COORDINATOR, _ALL,
        question="Is it clear how the coordinator, working with the agencies, carries out "
                 "each of the five roles?",
        label="推進員の役割➊～➎の果たし方",
        options=_options(
            ("grasp_issues", "役割➊ 課題の把握の方法が明確",
             "role ➊, grasping issues of consultation support"),
            ("individual_support", "役割➋ 個別相談に関する支援の方法が明確",
             "role ➋, support in individual consultations"),
            ("run_meeting", "役割➌ 推進会議の運営の方法が明確",
             "role ➌, running the promotion meeting"),
            ("manage_system", "役割➎ 体制の構築・マネジメントの方法が明確",
             "role ➎, building and managing the system (printed as ➍ in the checklist)"),
            ("develop_resources", "役割➍ 資源等の開発推進の方法が明確",
             "role ➍, developing resources (printed as ➎ in the checklist)"),
        ),
        rule=Rule.ALL_OF, recommended=_ROLE_KEYS,
        advice="Decide how each of the five roles of chapter 2 will be carried out, learning "
               "from the model municipalities; the roles belong to the whole system working "
               "with the agencies, not to the coordinator alone.",
        advice_ja="役割➊～➎の果たし方を明確にする。役割は推進員個人でなく体制全体で担う。",
    ),
    _item(
        9, _P.COORDINATOR, _ONE,
        question="Is the division of roles between the coordinator and other actors clear?",
        label="推進員と他の主体との役割分担",
        options=_options(
            ("clear", "明確になっている", "clear"),
            ("not_clear", "明確になっていない", "not clear"),
        ),
        rule=Rule.ANY_OF, recommended="clear",
        advice="Settle who does what, remembering that the coordinator grasps the issues of "
               "consultation support and works from a broad view on assessment, sharing and "
               "cooperation rather than taking on cases one by one (第3章 5.).",
        advice_ja="推進員は個別対応より広い視点で課題把握・連携推進を担う立場として役割分担を明確にする。",
    ),
    _item(
        10, _P.COORDINATOR, _ALL,
        question="Do the municipality and the contracted organisation back the coordinator up?",
        label="行政・受託組織による推進員のバックアップ",
        options=_options(
            ("authority", "適切な権限の付与", "the coordinator has suitable authority"),
            ("exchange_forum", "情報共有・意見交換の場", "a place to share views with the "
             "coordinator"),
            ("liaison_support", "庁内・外部との連携調整のサポート",
             "help in liaising with sections and outside agencies"),
            ("skill_up", "スキルアップへの支援", "support for skill development"),
            ("contractor_backup", "受託組織による補完体制",
             "a team in the contracted organisation that complements the coordinator"),
            ("other", "その他の支援", "other support"),
        ),
        rule=Rule.ALL_OF,
        recommended=("authority", "exchange_forum", "liaison_support", "skill_up",
                     "contractor_backup"),
        advice="Back the coordinator up: authority, a forum to talk things through, help with "
               "liaison inside and outside the municipal office, skill development, and "
               "colleagues in the contracted organisation who complement the work.",
        advice_ja="権限付与、意見交換の場、連携調整の支援、スキルアップ支援、受託組織の補完体制で推進員を支える。",
        references=("江戸川区", "大牟田市", "氷見市"),
    ),
    _item(
        11, _P.PROMOTION_MEETING, _ALL,
        question="Is the purpose of the promotion meeting clear?",
        label="推進会議の目的",
        options=_options(
            ("community_issues", "地域課題の発掘・共有", "finding and sharing community issues"),
            ("individual_cases", "個別ケースの情報共有・対応検討",
             "sharing and handling individual cases"),
            ("resource_development", "地域資源の開発の検討", "developing community resources"),
            ("funding", "財源の創出の検討", "creating funding"),
            ("networking", "ネットワーキング・連携強化", "networking and closer cooperation"),
            ("other", "その他", "other"),
        ),
        rule=Rule.ANY_OF,
        recommended=("community_issues", "individual_cases", "resource_development", "funding",
                     "networking", "other"),
        advice="Decide, in the light of the local system, what the promotion meeting is for; "
               "the options are examples to choose from.",
        advice_ja="地域の相談支援体制の現状を踏まえ、推進会議の目的を定める。",
        references=("盛岡市", "釧路市"),
    ),
    _item(
        12, _P.PROMOTION_MEETING, _ALL,
        question="Is the format of the promotion meeting clear?",
        label="推進会議の開催形式",
        options=_options(
            ("existing_meetings", "既存の会議体との関係", "its relation to existing meetings"),
            ("structure", "会議の構成（全体会・部会等）",
             "its structure (plenary, sub-committees)"),
            ("participants", "参加者", "who takes part"),
            ("frequency", "開催回数", "how often it meets"),
            ("method", "手法（討議・ワークショップ・講演等）",
             "how it works (discussion, workshop, lecture)"),
            ("secretariat", "事務局", "who runs its secretariat"),
        ),
        rule=Rule.ORDERED,
        recommended=("existing_meetings", "structure", "participants", "frequency", "method",
                     "secretariat"),
        first=("existing_meetings",),
        advice="First settle how the meeting relates to existing ones (built on integrated "
               "care, it may run together with the community care meeting to spare "
               "participants), then its structure, participants, frequency, method and "
               "secretariat.",
        advice_ja="まず既存会議との関係を整理し、そのうえで構成・参加者・回数・手法・事務局を決める。",
    ),
    _item(
        13, _P.MANAGEMENT, _ONE,
        question="Is the goal of the comprehensive system clear, and shared with the agencies?",
        label="体制構築の目標の明確化と共有",
        options=_options(
            ("clear_and_shared", "明確で関係機関に共有", "clear and shared"),
            ("clear_not_shared", "明確だが未共有", "clear, not shared"),
            ("not_clear", "明確でない", "not clear"),
        ),
        rule=Rule.ANY_OF, recommended="clear_and_shared",
        advice="Set a clear goal and share it with the agencies so that everyone pulls in the "
               "same direction.",
        advice_ja="目標を明確にし、関係者が方向をそろえられるよう関係機関と共有する。",
        references=("大牟田市", "佐賀市"),
    ),
    _item(
        14, _P.MANAGEMENT, _ALL,
        question="Is there a mechanism for managing the system as a whole?",
        label="体制全体のマネジメントの仕組み",
        options=_options(
            ("results_forum", "成果・課題を協議する場", "a forum on results and issues"),
            ("indicators", "成果・課題を評価する指標", "indicators to evaluate them"),
            ("improvement_process", "改善策を検討・実行するプロセス",
             "a clear process to decide and carry out improvements"),
            ("other", "その他の仕組み", "other arrangements"),
        ),
        rule=Rule.ALL_OF,
        recommended=("results_forum", "indicators", "improvement_process"),
        advice="Build a management cycle: a forum on results and issues, indicators to judge "
               "them (the operation-stage indicators are a start) and a clear improvement "
               "process, using the promotion meeting as well as internal discussion.",
        advice_ja="成果・課題の協議の場、評価指標、改善のプロセスを整える。推進会議も活用する。",
    ),
)


def checklist_item(number: int) -> ChecklistItem:
    """Return item *number* (1–14) of the checklist.

    Raises:
        InvalidValueError: there is no such item.

    Examples:
        >>> checklist_item(12).recommendation.first
        ('existing_meetings',)
    """
    if type(number) is int and 1 <= number <= len(CHECKLIST):
        return CHECKLIST[number - 1]
    raise InvalidValueError("checklist", "item", number, "a checklist item number from 1 to 14")


#: Item 8's options by meaning: option key → :class:`~hokatsu.domain.coordinators.Role`.
#: Options エ and オ are roles ➎ and ➍ in chapter 2's numbering (the checklist prints ➍, ➎).
ITEM_8_ROLES: Mapping[str, Role] = MappingProxyType({k: Role(k) for k in _ROLE_KEYS})

#: Item 11's options: option key → :class:`~hokatsu.domain.meetings.MeetingPurpose`.
ITEM_11_PURPOSES: Mapping[str, MeetingPurpose] = MappingProxyType(
    {k: MeetingPurpose(k) for k in checklist_item(11).keys}
)

#: Item 4's options: option key → :class:`~hokatsu.domain.foundations.Foundation`, or None
#: for "not decided".
ITEM_4_FOUNDATIONS: Mapping[str, Foundation | None] = MappingProxyType(
    {k: None if k == "undecided" else Foundation(k) for k in checklist_item(4).keys}
)


@attrs.frozen(kw_only=True)
class ItemSurveyAnswer:
    """How many municipalities gave one answer to a survey question tied to an item.

    Args:
        letter: the survey's letter for the answer.
        label: a short Japanese rendering of the answer.
        description: the same in English.
        count: how many municipalities gave it.
        item_options: the item's option keys this answer corresponds to (the survey's answers
            need not match the checklist's one to one).

    Raises:
        InvalidValueError: a field of the wrong kind (a negative count, a letter not among
            ア … ク).

    Examples:
        >>> from hokatsu.indicators.checklist_items import ItemSurveyAnswer
        >>> from hokatsu.indicators.checklist_items import ITEM_1_SURVEY
        >>> answer = ITEM_1_SURVEY.answers[0]
        >>> answer.letter, answer.count, sorted(answer.item_options)
        ('ア', 8, ['concrete_measures'])
    """

    letter: str = attrs.field(validator=v.simple(f"one of {LETTERS}", lambda x: x in LETTERS))
    label: str = attrs.field(validator=v.TEXT)
    description: str = attrs.field(validator=v.TEXT)
    count: int = attrs.field(validator=v.integer(0, 100_000))
    item_options: frozenset[str] = attrs.field(default=frozenset(),
                                               validator=v.frozenset_of(_KEY_CHECK))


@attrs.frozen(kw_only=True)
class ItemSurvey:
    """A survey question of the report's appendix that asks what a checklist item asks.

    Args:
        item: the checklist item number.
        source: where in the report the figures are.
        question: the survey question, in English.
        respondents: how many municipalities answered (N).
        answers: the answers and their counts.

    Examples:
        >>> ITEM_1_SURVEY.respondents, [a.count for a in ITEM_1_SURVEY.answers]
        (26, [8, 11, 6, 1])
        >>> round(ITEM_1_SURVEY.share("イ"), 2)
        0.42
    """

    item: int = attrs.field(validator=v.integer(1, 14))
    source: str = attrs.field(validator=v.TEXT)
    question: str = attrs.field(validator=v.TEXT)
    respondents: int = attrs.field(validator=v.integer(1, 100_000))
    answers: tuple[ItemSurveyAnswer, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(ItemSurveyAnswer), nonempty=True)
    )

    def __attrs_post_init__(self) -> None:
        if sum(a.count for a in self.answers) > self.respondents:
            raise InvalidValueError("ItemSurvey", "answers", self.answers,
                                    f"counts adding up to at most {self.respondents}")
        if len({a.letter for a in self.answers}) != len(self.answers):
            raise InvalidValueError("ItemSurvey", "answers", self.answers, "distinct letters")
        keys = set(checklist_item(self.item).keys)
        for a in self.answers:
            if not a.item_options <= keys:
                raise InvalidValueError("ItemSurvey", "answers", a.item_options,
                                        checklist_item(self.item).describe_options())

    def share(self, letter: str) -> float:
        """The share of respondents who gave the answer with this letter.

        Args:
            letter: the survey's letter for the answer.

        Returns:
            Its count divided by the number of respondents.

        Raises:
            InvalidValueError: the survey has no such answer.

        Examples:
            >>> from hokatsu.indicators.checklist_items import ItemSurvey
            >>> from hokatsu.indicators.checklist_items import ITEM_1_SURVEY
            >>> ITEM_1_SURVEY.share("ア") == 8 / 26
            True
        """
        for a in self.answers:
            if a.letter == letter:
                return a.count / self.respondents
        allowed = ", ".join(a.letter for a in self.answers)
        raise InvalidValueError("ItemSurvey", "answers", letter, f"one of {allowed}")


#: How the 26 model municipalities of FY2016 placed comprehensive support in their plans
#: (参考資料3, question 1-①). The survey does not split checklist options ウ and エ, and adds
#: "unknown".
ITEM_1_SURVEY = ItemSurvey(
    item=1,
    source="参考資料3 1-①",
    question="How do the community welfare plan and other plans place comprehensive support?",
    respondents=26,
    answers=(
        ItemSurveyAnswer(letter="ア", label="具体的な取組とあわせて記載",
                         description="described with concrete measures", count=8,
                         item_options=frozenset({"concrete_measures"})),
        ItemSurveyAnswer(letter="イ", label="方向性のみ記載", description="direction only",
                         count=11, item_options=frozenset({"in_plan"})),
        ItemSurveyAnswer(letter="ウ", label="記述なし", description="not mentioned", count=6,
                         item_options=frozenset({"recognised", "not_discussed"})),
        ItemSurveyAnswer(letter="エ", label="不明", description="unknown", count=1),
    ),
)
