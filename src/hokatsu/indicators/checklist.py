"""Self-assessment with the checklist of 第4章 2.(1) and 2.(2): answers, assessment, comparison.

The report asks a municipality building a comprehensive consultation system to check fourteen
items in two stages: 現状把握・方向性検討段階 (items 1–5) and 包括的な相談支援体制の構築段階
(items 6–14). The items are data (:data:`CHECKLIST`, defined in
``hokatsu.indicators.checklist_items`` and re-exported here); this module takes a
municipality's :class:`ChecklistAnswers`, checks them, and :func:`assess` turns them into a
:class:`ChecklistAssessment`: per item a :class:`Finding` (meets, partial, gap or unanswered,
with the recommended options still missing and the advice), counts per stage and viewpoint,
and the :meth:`~ChecklistAssessment.next_steps` in priority order. :func:`compare_years` follows
one municipality across fiscal years, :func:`compare_municipalities` sets several side by side.

Decisions where the report leaves room (第4章 2.(1), 2.(2)):

- Item 8's options are the coordinator's five roles, but the checklist numbers 体制の構築・
  マネジメント ➍ and 資源等の開発推進 ➎, the reverse of chapter 2. Options are keyed by meaning
  (:data:`ITEM_8_ROLES`): エ is :attr:`Role.MANAGE_SYSTEM <hokatsu.domain.coordinators.Role>`
  (➎ in chapter 2) and オ is ``DEVELOP_RESOURCES`` (➍).
- Item 10 is printed with the single-choice instruction (当てはまるものにチェック), but its
  options are independent kinds of backing and its advice wants all of them, so it is a
  multiple-choice item whose recommendation is ア–オ.
- Item 12's advice orders the work: first ア (the relation to existing meetings), then イ–カ.
  It is the one item with a partial status: ア settled but not all of イ–カ is
  ``PARTIAL``; without ア it is a ``GAP`` whatever else is ticked.
- "Other" options (その他) count for items 3 and 11, where any answer shows work or purpose,
  and are never required where all options are recommended (items 7, 10, 14).

Examples:
    >>> answers = ChecklistAnswers.of(
    ...     {1: "ア", 2: "イ", 4: "community_care", 8: ["ア", "イ", "ウ"], 12: ["ア", "イ"]},
    ...     municipality="見本市", fiscal_year=FiscalYear(2016),
    ... )
    >>> result = assess(answers)
    >>> result.finding(8).status.value, [o.letter for o in result.finding(8).missing_options]
    ('gap', ['エ', 'オ'])
    >>> [f.item for f in result.next_steps()][:4]
    [2, 3, 5, 8]
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.calendar import FiscalYear
from hokatsu.errors import InvalidValueError
from hokatsu.indicators.checklist_items import (
    CHECKLIST,
    ITEM_1_SURVEY,
    ITEM_4_FOUNDATIONS,
    ITEM_8_ROLES,
    ITEM_11_PURPOSES,
    ChecklistItem,
    ChecklistOption,
    ChecklistStage,
    ChecklistStatus,
    ChecklistViewpoint,
    ChoiceKind,
    ItemSurvey,
    ItemSurveyAnswer,
    Recommendation,
    Rule,
    checklist_item,
)

__all__ = [
    "CHECKLIST",
    "ITEM_1_SURVEY",
    "ITEM_4_FOUNDATIONS",
    "ITEM_8_ROLES",
    "ITEM_11_PURPOSES",
    "Answer",
    "ChecklistAnswers",
    "ChecklistAssessment",
    "ChecklistItem",
    "ChecklistOption",
    "ChecklistStage",
    "ChecklistStatus",
    "ChecklistViewpoint",
    "ChoiceKind",
    "ComparisonRow",
    "Finding",
    "ItemSurvey",
    "ItemSurveyAnswer",
    "MunicipalityComparison",
    "Recommendation",
    "Rule",
    "StatusCounts",
    "Trend",
    "YearComparison",
    "YearRow",
    "assess",
    "checklist_item",
    "compare_municipalities",
    "compare_years",
]

_ITEMS = tuple(range(1, len(CHECKLIST) + 1))
_ITEM = v.simple("a checklist item number from 1 to 14", lambda n: type(n) is int and n in _ITEMS)
_STATUSES = v.tuple_of(v.enum_of(ChecklistStatus))
# Enum members accepted in place of option keys, per item (the mappings, inverted).
_ENUM_KEYS: dict[int, dict[Any, str]] = {
    4: {f: k for k, f in ITEM_4_FOUNDATIONS.items() if f is not None},
    8: {r: k for k, r in ITEM_8_ROLES.items()},
    11: {p: k for k, p in ITEM_11_PURPOSES.items()},
}
_RANK = {ChecklistStatus.GAP: 0, ChecklistStatus.PARTIAL: 1, ChecklistStatus.MEETS: 2}
# Within a stage, confirmed shortfalls come before items still to be checked.
_URGENCY = {ChecklistStatus.GAP: 0, ChecklistStatus.PARTIAL: 1, ChecklistStatus.UNANSWERED: 2}


def _listed(func: str, field: str, value: Any, items: str, *, nonempty: bool = False
            ) -> tuple[Any, ...]:
    """*value* as a tuple: any iterable but a string, bytes or a mapping (whose items would
    be letters or keys, never what was meant)."""
    if isinstance(value, Mapping | str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(func, field, value,
                                f"a{' non-empty' if nonempty else 'n'} iterable of {items}")
    return tuple(value)


def _check_chosen(obj: str, item: ChecklistItem, chosen: frozenset[str]) -> None:
    """Raise InvalidValueError unless *chosen* is a valid answer to *item*."""
    if not chosen:
        raise InvalidValueError(
            obj, "chosen", chosen,
            f"at least one option (leave item {item.number} out to mark it unanswered); "
            + item.describe_options(),
        )
    for key in sorted(chosen):
        if key not in item.keys:
            raise InvalidValueError(obj, "chosen", key, item.describe_options())
    if item.kind is ChoiceKind.SINGLE and len(chosen) > 1:
        raise InvalidValueError(
            obj, "chosen", sorted(chosen),
            f"a single option, item {item.number} being single-choice: "
            + item.describe_options(),
        )


def _sorted_answers(value: tuple[Answer, ...]) -> tuple[Answer, ...]:
    # Answers are kept in item order so that equal answers compare equal; junk is left to
    # the validator, which names it.
    if type(value) is tuple and all(type(a) is Answer for a in value):
        return tuple(sorted(value, key=lambda a: a.item))
    return value


@attrs.frozen(kw_only=True)
class Answer:
    """The options a municipality chose for one item.

    Args:
        item: the item number, 1 to 14.
        chosen: the option keys chosen; exactly one for a single-choice item, at least one
            otherwise. An unanswered item has no :class:`Answer`.

    Raises:
        InvalidValueError: an unknown item or option, several options on a single-choice item,
            or no option at all; the message names the item and its options.

    Examples:
        >>> Answer(item=9, chosen=frozenset({"clear"})).options[0].letter
        'ア'
        >>> Answer(item=9, chosen=frozenset({"clear", "not_clear"}))
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: Answer(item=9).chosen: got ['clear', 'not_clear']; \
expected a single option, item 9 being single-choice: one of item 9's options: clear (ア), \
not_clear (イ)
    """

    item: int = attrs.field(validator=_ITEM)
    chosen: frozenset[str] = attrs.field(validator=v.frozenset_of(v.ANY_TEXT))

    def __attrs_post_init__(self) -> None:
        _check_chosen(f"Answer(item={self.item})", checklist_item(self.item), self.chosen)

    @property
    def checklist_item(self) -> ChecklistItem:
        """The item answered.

        Examples:
            >>> from hokatsu.indicators.checklist import Answer
            >>> Answer(item=9, chosen=frozenset({"clear"})).checklist_item.number
            9
        """
        return checklist_item(self.item)

    @property
    def options(self) -> tuple[ChecklistOption, ...]:
        """The chosen options, in the item's order.

        Examples:
            >>> from hokatsu.indicators.checklist import Answer
            >>> answer = Answer(item=3, chosen=frozenset({"other", "with_agencies"}))
            >>> [o.letter for o in answer.options]
            ['イ', 'エ']
        """
        return tuple(o for o in self.checklist_item.options if o.key in self.chosen)


def _keys_of(item: ChecklistItem, value: Any) -> frozenset[str]:
    """Option keys from what :meth:`ChecklistAnswers.of` accepts for one item."""
    obj = f"Answer(item={item.number})"
    expected = "an option key or letter, a list of them, or None; " + item.describe_options()
    one = isinstance(value, str | enum.Enum)
    if not one and (isinstance(value, Mapping | bytes) or not isinstance(value, Iterable)):
        raise InvalidValueError(obj, "chosen", value, expected)
    keys: set[str] = set()
    for x in [value] if one else value:
        if isinstance(x, enum.Enum) and x in _ENUM_KEYS.get(item.number, {}):
            keys.add(_ENUM_KEYS[item.number][x])
        elif type(x) is str:
            match = [o.key for o in item.options if x in (o.key, o.letter)]
            keys.add(match[0] if match else x)  # an unknown key is reported by Answer
        else:
            raise InvalidValueError(obj, "chosen", x, expected)
    return frozenset(keys)


@attrs.frozen(kw_only=True)
class ChecklistAnswers:
    """A municipality's answers to the checklist; items left out are unanswered.

    Build it with :meth:`of` from a mapping of item number to option key(s), or directly from
    :class:`Answer` objects (kept in item order).

    Args:
        municipality: the municipality's name or id, optional.
        fiscal_year: the fiscal year (年度) the answers describe, optional (needed by
            :func:`compare_years`).
        answers: one :class:`Answer` per answered item.

    Raises:
        InvalidValueError: an item is answered twice, or a field has the wrong type.

    Examples:
        >>> from hokatsu.indicators.checklist import ChecklistAnswers
        >>> from hokatsu.indicators.checklist import Answer
        >>> from hokatsu.calendar import FiscalYear
        >>> a = ChecklistAnswers(municipality="見本市", fiscal_year=FiscalYear(2017),
        ...                      answers=(Answer(item=9, chosen=frozenset({"clear"})),))
        >>> a.answered, len(a.unanswered)
        ((9,), 13)
    """

    municipality: str | None = attrs.field(default=None, validator=v.optional(v.ID))
    fiscal_year: FiscalYear | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(FiscalYear))
    )
    answers: tuple[Answer, ...] = attrs.field(
        default=(), converter=_sorted_answers, validator=v.tuple_of(v.instance_of(Answer))
    )

    def __attrs_post_init__(self) -> None:
        items = [a.item for a in self.answers]
        for n in items:
            if items.count(n) > 1:
                raise InvalidValueError("ChecklistAnswers", "answers", n,
                                        f"one answer per item; item {n} is answered twice")

    @classmethod
    def of(
        cls,
        choices: Mapping[int, Any],
        *,
        municipality: str | None = None,
        fiscal_year: FiscalYear | None = None,
    ) -> ChecklistAnswers:
        """Build answers from ``{item number: option(s)}``.

        An option is given by its key (``"in_plan"``) or its letter (``"イ"``), or, for items
        4, 8 and 11, by the :class:`~hokatsu.domain.foundations.Foundation`,
        :class:`~hokatsu.domain.coordinators.Role` or
        :class:`~hokatsu.domain.meetings.MeetingPurpose` it stands for. Give one option or an
        iterable of them; None leaves the item unanswered.

        Raises:
            InvalidValueError: an unknown item or option, several options for a single-choice
                item, or an empty choice; the message names the item and its options.

        Examples:
            >>> from hokatsu.domain.coordinators import Role
            >>> a = ChecklistAnswers.of({1: "イ", 8: {Role.GRASP_ISSUES, Role.MANAGE_SYSTEM}})
            >>> sorted(a.chosen(8)), a.unanswered[:3]
            (['grasp_issues', 'manage_system'], (2, 3, 4))
        """
        if not isinstance(choices, Mapping):
            raise InvalidValueError("ChecklistAnswers", "answers", choices,
                                    "a mapping of item number to option key(s)")
        answers = []
        for number, value in choices.items():
            if _ITEM.find(number) is not None:
                raise InvalidValueError("ChecklistAnswers", "answers", number, _ITEM.expected)
            if value is not None:
                item = checklist_item(number)
                answers.append(Answer(item=number, chosen=_keys_of(item, value)))
        return cls(municipality=municipality, fiscal_year=fiscal_year, answers=tuple(answers))

    def updated(
        self, choices: Mapping[int, Any], *, fiscal_year: FiscalYear | None = None
    ) -> ChecklistAnswers:
        """Return a copy with some items answered anew (None clears one), as :meth:`of` reads.

        Args:
            choices: the items to change.
            fiscal_year: the copy's fiscal year; by default this one's.

        Returns:
            The new answers (this object is unchanged).

        Raises:
            InvalidValueError: *choices* is not a mapping, or as :meth:`of` raises.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAnswers
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> answers = ChecklistAnswers.of({1: "ア", 8: ["ア", "イ"], 12: ["ア"]},
            ...                               municipality="見本市")
            >>> later = answers.updated({1: None, 9: "ア"})
            >>> later.answered, answers.answered
            ((8, 9, 12), (1, 8, 12))
        """
        if not isinstance(choices, Mapping):
            raise InvalidValueError("ChecklistAnswers", "answers", choices,
                                    "a mapping of item number to option key(s)")
        merged: dict[int, Any] = {a.item: a.chosen for a in self.answers}
        merged.update(choices)
        return ChecklistAnswers.of(
            merged, municipality=self.municipality,
            fiscal_year=self.fiscal_year if fiscal_year is None else fiscal_year,
        )

    def chosen(self, number: int) -> frozenset[str]:
        """The option keys chosen for item *number*; empty when it is unanswered.

        Args:
            number: the item number, 1 to 14.

        Returns:
            The option keys; an empty frozenset for an unanswered item.

        Raises:
            InvalidValueError: there is no such item.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAnswers
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> answers = ChecklistAnswers.of({1: "ア", 8: ["ア", "イ"], 12: ["ア"]},
            ...                               municipality="見本市")
            >>> sorted(answers.chosen(8)), answers.chosen(2)
            (['grasp_issues', 'individual_support'], frozenset())
        """
        checklist_item(number)
        return next((a.chosen for a in self.answers if a.item == number), frozenset())

    @property
    def answered(self) -> tuple[int, ...]:
        """The numbers of the answered items.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAnswers
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> answers = ChecklistAnswers.of({1: "ア", 8: ["ア", "イ"], 12: ["ア"]},
            ...                               municipality="見本市")
            >>> answers.answered
            (1, 8, 12)
        """
        return tuple(a.item for a in self.answers)

    @property
    def unanswered(self) -> tuple[int, ...]:
        """The numbers of the unanswered items.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAnswers
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> answers = ChecklistAnswers.of({1: "ア", 8: ["ア", "イ"], 12: ["ア"]},
            ...                               municipality="見本市")
            >>> answers.unanswered
            (2, 3, 4, 5, 6, 7, 9, 10, 11, 13, 14)
        """
        return tuple(n for n in _ITEMS if n not in self.answered)


@attrs.frozen(kw_only=True)
class Finding:
    """Where one item stands: its status, what was chosen and what is missing.

    Args:
        item: the item number.
        status: the status the item's :class:`Recommendation` gives ``chosen``.
        chosen: the option keys chosen; empty when unanswered.
        missing: the recommended option keys not chosen, in order. For a gap on an item
            where any one option will do (items 1, 2, 4, 5, 9, 13), the alternatives.

    Raises:
        InvalidValueError: ``chosen`` is not a valid answer, or ``status`` or ``missing``
            is not what the recommendation gives (a finding cannot contradict its item).

    Examples:
        >>> from hokatsu.indicators.checklist import Finding
        >>> f = Finding.of(12, frozenset({"existing_meetings"}))
        >>> f.status.value, f.missing[:2]
        ('partial', ('structure', 'participants'))
    """

    item: int = attrs.field(validator=_ITEM)
    status: ChecklistStatus = attrs.field(validator=v.enum_of(ChecklistStatus))
    chosen: frozenset[str] = attrs.field(default=frozenset(),
                                         validator=v.frozenset_of(v.ANY_TEXT))
    missing: tuple[str, ...] = attrs.field(default=(), validator=v.tuple_of(v.ANY_TEXT))

    def __attrs_post_init__(self) -> None:
        obj = f"Finding(item={self.item})"
        item = checklist_item(self.item)
        if self.chosen:
            _check_chosen(obj, item, self.chosen)
        status, missing = item.recommendation.evaluate(self.chosen)
        if self.status is not status:
            raise InvalidValueError(obj, "status", self.status, f"{status.value} for that choice")
        if self.missing != missing:
            raise InvalidValueError(obj, "missing", self.missing, f"{missing!r} for that choice")

    @classmethod
    def of(cls, number: int, chosen: frozenset[str]) -> Finding:
        """The finding for item *number* when *chosen* was answered (empty: unanswered).

        Args:
            number: the item number, 1 to 14.
            chosen: the option keys chosen (empty: unanswered).

        Returns:
            The finding, with the status and missing options its recommendation gives.

        Raises:
            InvalidValueError: no such item, or *chosen* is not a valid answer to it.

        Examples:
            >>> from hokatsu.indicators.checklist import Finding
            >>> Finding.of(9, frozenset()).status.value
            'unanswered'
            >>> Finding.of(9, frozenset({"clear"})).status.value
            'meets'
        """
        status, missing = checklist_item(number).recommendation.evaluate(chosen)
        return cls(item=number, status=status, chosen=chosen, missing=missing)

    @property
    def checklist_item(self) -> ChecklistItem:
        """The item.

        Examples:
            >>> from hokatsu.indicators.checklist import Finding
            >>> Finding.of(9, frozenset()).checklist_item.label
            '推進員と他の主体との役割分担'
        """
        return checklist_item(self.item)

    @property
    def stage(self) -> ChecklistStage:
        """The item's stage.

        Examples:
            >>> from hokatsu.indicators.checklist import Finding
            >>> Finding.of(9, frozenset()).stage.code
            '(2)'
        """
        return self.checklist_item.stage

    @property
    def viewpoint(self) -> ChecklistViewpoint:
        """The item's viewpoint.

        Examples:
            >>> from hokatsu.indicators.checklist import Finding
            >>> Finding.of(9, frozenset()).viewpoint.code
            '(2)-2'
        """
        return self.checklist_item.viewpoint

    @property
    def missing_options(self) -> tuple[ChecklistOption, ...]:
        """The missing options themselves.

        Examples:
            >>> from hokatsu.indicators.checklist import Finding
            >>> [o.letter for o in Finding.of(1, frozenset({"in_plan"})).missing_options]
            ['ア']
        """
        return tuple(o for o in self.checklist_item.options if o.key in self.missing)

    @property
    def advice(self) -> str:
        """What to do about the item, in English (after the report's ポイント).

        Examples:
            >>> from hokatsu.indicators.checklist import Finding
            >>> Finding.of(1, frozenset()).advice.split(",")[0]
            "Write the comprehensive system into the municipality's plans"
        """
        return self.checklist_item.advice

    @property
    def advice_ja(self) -> str:
        """The same, as a short Japanese summary.

        Examples:
            >>> from hokatsu.indicators.checklist import Finding
            >>> Finding.of(1, frozenset()).advice_ja
            '地域福祉計画などに包括化を位置づけ、具体的な施策まで書き込む。'
        """
        return self.checklist_item.advice_ja

    @property
    def references(self) -> tuple[str, ...]:
        """The report's reference municipalities for the item.

        Examples:
            >>> from hokatsu.indicators.checklist import Finding
            >>> Finding.of(1, frozenset()).references
            ('栃木市',)
        """
        return self.checklist_item.references

    def describe(self) -> str:
        """One line: the item, its status and the missing options by letter.

        Examples:
            >>> Finding.of(4, frozenset({"undecided"})).describe()
            'item 4: gap; choose one of ア, イ, ウ'
            >>> Finding.of(12, frozenset({"existing_meetings"})).describe()
            'item 12: partial; missing イ, ウ, エ, オ, カ'
        """
        text = f"item {self.item}: {self.status.value}"
        if not self.missing:
            return text
        letters = ", ".join(o.letter for o in self.missing_options)
        any_of = self.checklist_item.recommendation.rule is Rule.ANY_OF
        if any_of and len(self.missing) > 1:
            return f"{text}; choose one of {letters}"
        return f"{text}; {'choose' if any_of else 'missing'} {letters}"


@attrs.frozen(kw_only=True)
class StatusCounts:
    """How many items have each status.

    Args:
        meets: the items meeting their recommendation.
        partial: the items partly meeting it (item 12 only).
        gap: the items answered without meeting it.
        unanswered: the items not answered.

    Raises:
        InvalidValueError: a count that is not an integer from 0 to 14.

    Examples:
        >>> from hokatsu.indicators.checklist import StatusCounts
        >>> StatusCounts(meets=3, gap=1).total
        4
    """

    meets: int = attrs.field(default=0, validator=v.integer(0, 14))
    partial: int = attrs.field(default=0, validator=v.integer(0, 14))
    gap: int = attrs.field(default=0, validator=v.integer(0, 14))
    unanswered: int = attrs.field(default=0, validator=v.integer(0, 14))

    @classmethod
    def of(cls, statuses: Iterable[ChecklistStatus]) -> StatusCounts:
        """Count *statuses*.

        Args:
            statuses: at most fourteen statuses, one per item.

        Returns:
            The counts.

        Raises:
            InvalidValueError: *statuses* is not an iterable of at most fourteen
                :class:`ChecklistStatus`.

        Examples:
            >>> from hokatsu.indicators.checklist import StatusCounts
            >>> from hokatsu.indicators.checklist import ChecklistStatus
            >>> counts = StatusCounts.of([ChecklistStatus.MEETS, ChecklistStatus.GAP])
            >>> counts.meets, counts.gap, counts.unanswered
            (1, 1, 0)
        """
        listed = _listed("StatusCounts.of", "statuses", statuses, "ChecklistStatus members")
        for i, status in enumerate(listed):
            if type(status) is not ChecklistStatus:
                raise InvalidValueError("StatusCounts.of", f"statuses[{i}]", status,
                                        "a ChecklistStatus")
        if len(listed) > len(_ITEMS):
            raise InvalidValueError("StatusCounts.of", "statuses", len(listed),
                                    f"at most {len(_ITEMS)} statuses (one per item)")
        return cls(**{s.value: listed.count(s) for s in ChecklistStatus})

    @property
    def total(self) -> int:
        """All items counted.

        Examples:
            >>> from hokatsu.indicators.checklist import StatusCounts
            >>> StatusCounts(meets=3, unanswered=11).total
            14
        """
        return self.meets + self.partial + self.gap + self.unanswered

    @property
    def answered(self) -> int:
        """The items answered.

        Examples:
            >>> from hokatsu.indicators.checklist import StatusCounts
            >>> StatusCounts(meets=3, unanswered=11).answered
            3
        """
        return self.total - self.unanswered


@attrs.frozen(kw_only=True)
class ChecklistAssessment:
    """A municipality's checklist assessed: one :class:`Finding` per item, 1 to 14.

    Made by :func:`assess`; its fields round-trip through
    :func:`~hokatsu.convert.make_converter`.

    Args:
        municipality: as in the answers.
        fiscal_year: as in the answers.
        findings: the fourteen findings, in item order.

    Raises:
        InvalidValueError: the findings are not the fourteen items in order, or a field has the
            wrong type.

    Examples:
        >>> from hokatsu.indicators.checklist import ChecklistAssessment
        >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
        >>> answers = ChecklistAnswers.of({1: "ア", 8: ["ア", "イ"], 12: ["ア"]},
        ...                               municipality="見本市")
        >>> result = assess(answers)
        >>> result.municipality, len(result.findings)
        ('見本市', 14)
    """

    municipality: str | None = attrs.field(default=None, validator=v.optional(v.ID))
    fiscal_year: FiscalYear | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(FiscalYear))
    )
    findings: tuple[Finding, ...] = attrs.field(validator=v.tuple_of(v.instance_of(Finding)))

    def __attrs_post_init__(self) -> None:
        items = tuple(f.item for f in self.findings)
        if items != _ITEMS:
            raise InvalidValueError("ChecklistAssessment", "findings", items,
                                    "one finding per item, 1 to 14 in order")

    def finding(self, number: int) -> Finding:
        """The finding for item *number*.

        Args:
            number: the item number, 1 to 14.

        Returns:
            The item's finding.

        Raises:
            InvalidValueError: there is no such item.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAssessment
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> answers = ChecklistAnswers.of({1: "ア", 8: ["ア", "イ"], 12: ["ア"]},
            ...                               municipality="見本市")
            >>> result = assess(answers)
            >>> result.finding(12).status.value
            'partial'
        """
        checklist_item(number)
        return self.findings[number - 1]

    @property
    def answers(self) -> ChecklistAnswers:
        """The answers assessed.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAssessment
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> answers = ChecklistAnswers.of({1: "ア", 8: ["ア", "イ"], 12: ["ア"]},
            ...                               municipality="見本市")
            >>> result = assess(answers)
            >>> result.answers == answers
            True
        """
        return ChecklistAnswers(
            municipality=self.municipality, fiscal_year=self.fiscal_year,
            answers=tuple(Answer(item=f.item, chosen=f.chosen) for f in self.findings
                          if f.chosen),
        )

    @property
    def counts(self) -> StatusCounts:
        """Status counts over all fourteen items.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAssessment
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> answers = ChecklistAnswers.of({1: "ア", 8: ["ア", "イ"], 12: ["ア"]},
            ...                               municipality="見本市")
            >>> result = assess(answers)
            >>> result.counts
            StatusCounts(meets=1, partial=1, gap=1, unanswered=11)
        """
        return StatusCounts.of(f.status for f in self.findings)

    def by_stage(self) -> dict[ChecklistStage, StatusCounts]:
        """Status counts per stage, in stage order.

        Examples:
            >>> result = assess(ChecklistAnswers.of({1: "ア", 2: "ア"}))
            >>> result.by_stage()[ChecklistStage.CURRENT_STATE]
            StatusCounts(meets=2, partial=0, gap=0, unanswered=3)
        """
        return {s: StatusCounts.of(f.status for f in self.findings if f.stage is s)
                for s in ChecklistStage}

    def by_viewpoint(self) -> dict[ChecklistViewpoint, StatusCounts]:
        """Status counts per viewpoint, in viewpoint order.

        Returns:
            Each of the seven viewpoints with the counts of its items.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAssessment
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> answers = ChecklistAnswers.of({1: "ア", 8: ["ア", "イ"], 12: ["ア"]},
            ...                               municipality="見本市")
            >>> result = assess(answers)
            >>> {p.code: c.answered for p, c in result.by_viewpoint().items()}
            {'(1)-1': 1, '(1)-2': 0, '(1)-3': 0, '(2)-1': 0, '(2)-2': 1, '(2)-3': 1, '(2)-4': 0}
        """
        return {p: StatusCounts.of(f.status for f in self.findings if f.viewpoint is p)
                for p in ChecklistViewpoint}

    def with_status(self, *statuses: ChecklistStatus) -> tuple[Finding, ...]:
        """The findings with any of these statuses, in item order.

        Args:
            statuses: the statuses wanted.

        Returns:
            The findings, in item order (none without statuses).

        Raises:
            InvalidValueError: a status is not a :class:`ChecklistStatus`.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAssessment
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> answers = ChecklistAnswers.of({1: "ア", 8: ["ア", "イ"], 12: ["ア"]},
            ...                               municipality="見本市")
            >>> result = assess(answers)
            >>> from hokatsu.indicators.checklist import ChecklistStatus
            >>> [f.item for f in result.with_status(ChecklistStatus.GAP, ChecklistStatus.PARTIAL)]
            [8, 12]
        """
        for status in statuses:
            if not isinstance(status, ChecklistStatus):
                raise InvalidValueError("ChecklistAssessment.with_status", "statuses",
                                        type(status).__name__,
                                        ", ".join(s.name for s in ChecklistStatus))
        return tuple(f for f in self.findings if f.status in statuses)

    def next_steps(self) -> tuple[Finding, ...]:
        """The findings that still call for work, most urgent first.

        The order is: stage 1 before stage 2, since the report sets the stages in time order
        and builds the system on the direction settled in stage 1 (第4章 1.(2)); within a
        stage, gaps, then partial items (whose first step is done), then unanswered items
        (a confirmed shortfall with its advice comes before an item merely unchecked); then
        item number, the report's own order. Items that meet are left out.

        Examples:
            >>> result = assess(ChecklistAnswers.of({1: "イ", 6: ["ア"], 12: ["ア"]}))
            >>> [(f.item, f.status.value) for f in result.next_steps()][:6]
            [(1, 'gap'), (2, 'unanswered'), (3, 'unanswered'), (4, 'unanswered'), \
(5, 'unanswered'), (6, 'gap')]
            >>> [f.item for f in result.next_steps()][5:]
            [6, 12, 7, 8, 9, 10, 11, 13, 14]
        """
        pending = (f for f in self.findings if f.status is not ChecklistStatus.MEETS)
        return tuple(sorted(pending, key=lambda f: (f.stage.number, _URGENCY[f.status], f.item)))


def assess(answers: ChecklistAnswers) -> ChecklistAssessment:
    """Assess a municipality's answers against the report's recommendations.

    Each item's :class:`Recommendation` decides its status (第4章 2.(1), 2.(2), ポイント).

    Args:
        answers: the municipality's answers.

    Returns:
        One finding per item, with the municipality and fiscal year of the answers.

    Raises:
        InvalidValueError: *answers* is not a :class:`ChecklistAnswers`.

    Examples:
        >>> best = {i.number: i.recommendation.options for i in CHECKLIST
        ...         if i.kind is ChoiceKind.MULTIPLE}
        >>> best.update({i.number: i.recommendation.options[0] for i in CHECKLIST
        ...              if i.kind is ChoiceKind.SINGLE})
        >>> assess(ChecklistAnswers.of(best)).counts.meets
        14
        >>> assess(ChecklistAnswers()).counts.unanswered
        14
    """
    if not isinstance(answers, ChecklistAnswers):
        raise InvalidValueError("assess", "answers", answers, "a ChecklistAnswers")
    return ChecklistAssessment(
        municipality=answers.municipality,
        fiscal_year=answers.fiscal_year,
        findings=tuple(Finding.of(n, answers.chosen(n)) for n in _ITEMS),
    )


class Trend(Labelled):
    """How an item moved between the first and the last year it was answered.

    Examples:
        >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess, compare_years
        >>> from hokatsu.calendar import FiscalYear
        >>> fy = FiscalYear
        >>> a16 = ChecklistAnswers.of({1: "ウ", 2: "ア", 6: ["ア"]}, fiscal_year=fy(2016))
        >>> a17 = a16.updated({1: "ア", 2: "ウ", 12: ["ア"]}, fiscal_year=fy(2017))
        >>> cmp = compare_years([assess(a16), assess(a17)])
        >>> cmp.row(1).trend, cmp.row(2).trend.label
        (<Trend.IMPROVED: 'improved'>, '後退')
    """

    IMPROVED = ("improved", "改善")
    REGRESSED = ("regressed", "後退")
    UNCHANGED = ("unchanged", "変化なし")
    NOT_COMPARABLE = ("not_comparable", "比較不能")


def _progress(finding: Finding) -> tuple[int, int]:
    """Status first, then how many recommended options are chosen (more is better)."""
    recommended = set(finding.checklist_item.recommendation.options)
    return _RANK[finding.status], len(finding.chosen & recommended)


def _allowed_trends(statuses: tuple[ChecklistStatus, ...]) -> frozenset[Trend]:
    answered = [s for s in statuses if s is not ChecklistStatus.UNANSWERED]
    if len(answered) < 2:
        return frozenset({Trend.NOT_COMPARABLE})
    first, last = _RANK[answered[0]], _RANK[answered[-1]]
    if first != last:
        return frozenset({Trend.IMPROVED if last > first else Trend.REGRESSED})
    # Same status: the number of recommended options chosen decides, which rows do not keep.
    return frozenset({Trend.IMPROVED, Trend.REGRESSED, Trend.UNCHANGED})


@attrs.frozen(kw_only=True)
class YearRow:
    """One item across the years of a :class:`YearComparison`.

    Args:
        item: the item number.
        statuses: its status in each year, oldest first.
        trend: from the first to the last year the item was answered: better status, or the
            same status with more (fewer) recommended options chosen, is an improvement
            (regression); fewer than two answered years cannot be compared.

    Raises:
        InvalidValueError: ``trend`` contradicts ``statuses``.

    Examples:
        >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess, compare_years
        >>> from hokatsu.calendar import FiscalYear
        >>> fy = FiscalYear
        >>> a16 = ChecklistAnswers.of({1: "ウ", 2: "ア", 6: ["ア"]}, fiscal_year=fy(2016))
        >>> a17 = a16.updated({1: "ア", 2: "ウ", 12: ["ア"]}, fiscal_year=fy(2017))
        >>> cmp = compare_years([assess(a16), assess(a17)])
        >>> row = cmp.row(1)
        >>> [s.value for s in row.statuses], row.trend.value
        (['gap', 'meets'], 'improved')
    """

    item: int = attrs.field(validator=_ITEM)
    statuses: tuple[ChecklistStatus, ...] = attrs.field(validator=_STATUSES)
    trend: Trend = attrs.field(validator=v.enum_of(Trend))

    def __attrs_post_init__(self) -> None:
        allowed = _allowed_trends(self.statuses)
        if self.trend not in allowed:
            raise InvalidValueError(f"YearRow(item={self.item})", "trend", self.trend,
                                    f"one of {sorted(t.value for t in allowed)}")


def _rows_check(obj: str, rows: tuple[Any, ...], width: int) -> None:
    items = tuple(r.item for r in rows)
    if items != _ITEMS:
        raise InvalidValueError(obj, "rows", items, "one row per item, 1 to 14 in order")
    for r in rows:
        if len(r.statuses) != width:
            raise InvalidValueError(obj, f"rows[{r.item - 1}].statuses", r.statuses,
                                    f"{width} statuses, one per column")


@attrs.frozen(kw_only=True)
class YearComparison:
    """One municipality's checklist across fiscal years (:func:`compare_years`).

    Args:
        municipality: the municipality, None if the assessments did not name it.
        years: the fiscal years, oldest first.
        rows: one :class:`YearRow` per item.

    Raises:
        InvalidValueError: the years are not in order, the rows are not the fourteen items in
            order, or a row's statuses do not match the years.

    Examples:
        >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess, compare_years
        >>> from hokatsu.calendar import FiscalYear
        >>> fy = FiscalYear
        >>> a16 = ChecklistAnswers.of({1: "ウ", 2: "ア", 6: ["ア"]}, fiscal_year=fy(2016))
        >>> a17 = a16.updated({1: "ア", 2: "ウ", 12: ["ア"]}, fiscal_year=fy(2017))
        >>> cmp = compare_years([assess(a16), assess(a17)])
        >>> [y.key for y in cmp.years], cmp.municipality
        (['FY2016', 'FY2017'], None)
    """

    municipality: str | None = attrs.field(default=None, validator=v.optional(v.ID))
    years: tuple[FiscalYear, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(FiscalYear), nonempty=True, unique=True)
    )
    rows: tuple[YearRow, ...] = attrs.field(validator=v.tuple_of(v.instance_of(YearRow)))

    def __attrs_post_init__(self) -> None:
        if list(self.years) != sorted(self.years):
            raise InvalidValueError("YearComparison", "years", self.years, "oldest first")
        _rows_check("YearComparison", self.rows, len(self.years))

    def row(self, number: int) -> YearRow:
        """The row of item *number*.

        Args:
            number: the item number, 1 to 14.

        Returns:
            The item's row.

        Raises:
            InvalidValueError: there is no such item.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess, compare_years
            >>> from hokatsu.calendar import FiscalYear
            >>> fy = FiscalYear
            >>> a16 = ChecklistAnswers.of({1: "ウ", 2: "ア", 6: ["ア"]}, fiscal_year=fy(2016))
            >>> a17 = a16.updated({1: "ア", 2: "ウ", 12: ["ア"]}, fiscal_year=fy(2017))
            >>> cmp = compare_years([assess(a16), assess(a17)])
            >>> [s.value for s in cmp.row(12).statuses]
            ['unanswered', 'partial']
        """
        checklist_item(number)
        return self.rows[number - 1]

    def statuses_in(self, year: FiscalYear) -> dict[int, ChecklistStatus]:
        """Every item's status in *year*.

        Args:
            year: one of the comparison's fiscal years.

        Returns:
            Each item number with its status that year.

        Raises:
            InvalidValueError: the comparison has no such year.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess, compare_years
            >>> from hokatsu.calendar import FiscalYear
            >>> fy = FiscalYear
            >>> a16 = ChecklistAnswers.of({1: "ウ", 2: "ア", 6: ["ア"]}, fiscal_year=fy(2016))
            >>> a17 = a16.updated({1: "ア", 2: "ウ", 12: ["ア"]}, fiscal_year=fy(2017))
            >>> cmp = compare_years([assess(a16), assess(a17)])
            >>> cmp.statuses_in(FiscalYear(2017))[1].value
            'meets'
        """
        if year not in self.years:
            raise InvalidValueError("YearComparison", "years", year,
                                    "one of " + ", ".join(y.key for y in self.years))
        column = self.years.index(year)
        return {r.item: r.statuses[column] for r in self.rows}

    def _with(self, trend: Trend) -> tuple[int, ...]:
        return tuple(r.item for r in self.rows if r.trend is trend)

    def improved(self) -> tuple[int, ...]:
        """The items that improved.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess, compare_years
            >>> from hokatsu.calendar import FiscalYear
            >>> fy = FiscalYear
            >>> a16 = ChecklistAnswers.of({1: "ウ", 2: "ア", 6: ["ア"]}, fiscal_year=fy(2016))
            >>> a17 = a16.updated({1: "ア", 2: "ウ", 12: ["ア"]}, fiscal_year=fy(2017))
            >>> cmp = compare_years([assess(a16), assess(a17)])
            >>> cmp.improved()
            (1,)
        """
        return self._with(Trend.IMPROVED)

    def regressed(self) -> tuple[int, ...]:
        """The items that regressed.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess, compare_years
            >>> from hokatsu.calendar import FiscalYear
            >>> fy = FiscalYear
            >>> a16 = ChecklistAnswers.of({1: "ウ", 2: "ア", 6: ["ア"]}, fiscal_year=fy(2016))
            >>> a17 = a16.updated({1: "ア", 2: "ウ", 12: ["ア"]}, fiscal_year=fy(2017))
            >>> cmp = compare_years([assess(a16), assess(a17)])
            >>> cmp.regressed()
            (2,)
        """
        return self._with(Trend.REGRESSED)

    def unchanged(self) -> tuple[int, ...]:
        """The items answered in two years or more that did not move.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess, compare_years
            >>> from hokatsu.calendar import FiscalYear
            >>> fy = FiscalYear
            >>> a16 = ChecklistAnswers.of({1: "ウ", 2: "ア", 6: ["ア"]}, fiscal_year=fy(2016))
            >>> a17 = a16.updated({1: "ア", 2: "ウ", 12: ["ア"]}, fiscal_year=fy(2017))
            >>> cmp = compare_years([assess(a16), assess(a17)])
            >>> cmp.unchanged()
            (6,)
        """
        return self._with(Trend.UNCHANGED)

    def not_comparable(self) -> tuple[int, ...]:
        """The items answered in fewer than two of the years.

        Examples:
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess, compare_years
            >>> from hokatsu.calendar import FiscalYear
            >>> fy = FiscalYear
            >>> a16 = ChecklistAnswers.of({1: "ウ", 2: "ア", 6: ["ア"]}, fiscal_year=fy(2016))
            >>> a17 = a16.updated({1: "ア", 2: "ウ", 12: ["ア"]}, fiscal_year=fy(2017))
            >>> cmp = compare_years([assess(a16), assess(a17)])
            >>> cmp.not_comparable()[:4]
            (3, 4, 5, 7)
        """
        return self._with(Trend.NOT_COMPARABLE)


def _assessments(func: str, assessments: Iterable[ChecklistAssessment]) -> tuple[Any, ...]:
    listed = _listed(func, "assessments", assessments, "ChecklistAssessment", nonempty=True)
    if not listed:
        raise InvalidValueError(func, "assessments", listed, "at least one assessment")
    for i, a in enumerate(listed):
        if not isinstance(a, ChecklistAssessment):
            raise InvalidValueError(func, f"assessments[{i}]", a, "a ChecklistAssessment")
    return listed


def compare_years(assessments: Iterable[ChecklistAssessment]) -> YearComparison:
    """Follow one municipality's checklist across fiscal years.

    Args:
        assessments: assessments of one municipality, each with its fiscal year, in any order.

    Returns:
        One row per item, with its status each year and its trend.

    Raises:
        InvalidValueError: no assessments, an assessment without a fiscal year, two of the
            same year, or assessments of different municipalities.

    Examples:
        >>> fy = FiscalYear
        >>> a16 = ChecklistAnswers.of({1: "ウ", 6: ["ア"]}, fiscal_year=fy(2016))
        >>> a17 = a16.updated({1: "ア", 6: ["ア", "エ"], 12: ["ア"]}, fiscal_year=fy(2017))
        >>> cmp = compare_years([assess(a17), assess(a16)])
        >>> [y.key for y in cmp.years], cmp.improved(), cmp.row(12).trend.value
        (['FY2016', 'FY2017'], (1, 6), 'not_comparable')
    """
    listed = _assessments("compare_years", assessments)
    for i, a in enumerate(listed):
        if a.fiscal_year is None:
            raise InvalidValueError("compare_years", f"assessments[{i}].fiscal_year", None,
                                    "a FiscalYear to place the assessment in time")
    names = {a.municipality for a in listed}
    if len(names) > 1:
        raise InvalidValueError("compare_years", "assessments", sorted(map(str, names)),
                                "assessments of one municipality")
    ordered = sorted(listed, key=lambda a: a.fiscal_year)
    years = tuple(a.fiscal_year for a in ordered)
    for y in years:
        if years.count(y) > 1:
            raise InvalidValueError("compare_years", "assessments", y,
                                    "one assessment per fiscal year")
    rows = []
    for n in _ITEMS:
        column = [a.findings[n - 1] for a in ordered]
        answered = [f for f in column if f.status is not ChecklistStatus.UNANSWERED]
        trend = Trend.NOT_COMPARABLE
        if len(answered) >= 2:
            before, after = _progress(answered[0]), _progress(answered[-1])
            trend = (Trend.IMPROVED if after > before
                     else Trend.REGRESSED if after < before else Trend.UNCHANGED)
        rows.append(YearRow(item=n, statuses=tuple(f.status for f in column), trend=trend))
    return YearComparison(municipality=ordered[0].municipality, years=years, rows=tuple(rows))


@attrs.frozen(kw_only=True)
class ComparisonRow:
    """One item across the municipalities of a :class:`MunicipalityComparison`.

    Args:
        item: the item number.
        statuses: its status in each municipality, in the comparison's order.

    Raises:
        InvalidValueError: a field of the wrong kind.

    Examples:
        >>> from hokatsu.indicators import checklist
        >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
        >>> a = assess(ChecklistAnswers.of({2: "イ", 13: "ア"}, municipality="甲市"))
        >>> b = assess(ChecklistAnswers.of({2: "ウ", 13: "ウ"}, municipality="乙町"))
        >>> cmp = checklist.compare_municipalities([a, b])
        >>> [s.value for s in cmp.row(2).statuses]
        ['gap', 'gap']
    """

    item: int = attrs.field(validator=_ITEM)
    statuses: tuple[ChecklistStatus, ...] = attrs.field(validator=_STATUSES)


@attrs.frozen(kw_only=True)
class MunicipalityComparison:
    """Several municipalities' checklists side by side (:func:`compare_municipalities`).

    Args:
        municipalities: the municipalities, in the order given (the table's columns).
        fiscal_years: each one's fiscal year (None where not given); compare like with like.
        rows: one :class:`ComparisonRow` per item.

    Raises:
        InvalidValueError: the rows are not the fourteen items in order, or a row's statuses do
            not match the municipalities.

    Examples:
        >>> from hokatsu.indicators import checklist
        >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
        >>> a = assess(ChecklistAnswers.of({2: "イ", 13: "ア"}, municipality="甲市"))
        >>> b = assess(ChecklistAnswers.of({2: "ウ", 13: "ウ"}, municipality="乙町"))
        >>> cmp = checklist.compare_municipalities([a, b])
        >>> cmp.municipalities
        ('甲市', '乙町')
    """

    municipalities: tuple[str, ...] = attrs.field(
        validator=v.tuple_of(v.ID, nonempty=True, unique=True)
    )
    fiscal_years: tuple[FiscalYear | None, ...] = attrs.field(
        validator=v.tuple_of(v.optional(v.instance_of(FiscalYear)))
    )
    rows: tuple[ComparisonRow, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(ComparisonRow))
    )

    def __attrs_post_init__(self) -> None:
        if len(self.fiscal_years) != len(self.municipalities):
            raise InvalidValueError("MunicipalityComparison", "fiscal_years", self.fiscal_years,
                                    "one entry per municipality")
        _rows_check("MunicipalityComparison", self.rows, len(self.municipalities))

    def row(self, number: int) -> ComparisonRow:
        """The row of item *number*.

        Args:
            number: the item number, 1 to 14.

        Returns:
            The item's row.

        Raises:
            InvalidValueError: there is no such item.

        Examples:
            >>> from hokatsu.indicators import checklist
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> a = assess(ChecklistAnswers.of({2: "イ", 13: "ア"}, municipality="甲市"))
            >>> b = assess(ChecklistAnswers.of({2: "ウ", 13: "ウ"}, municipality="乙町"))
            >>> cmp = checklist.compare_municipalities([a, b])
            >>> [s.value for s in cmp.row(13).statuses]
            ['meets', 'gap']
        """
        checklist_item(number)
        return self.rows[number - 1]

    def column(self, municipality: str) -> dict[int, ChecklistStatus]:
        """Every item's status in one municipality.

        Args:
            municipality: one of the comparison's municipalities.

        Returns:
            Each item number with its status there.

        Raises:
            InvalidValueError: the comparison has no such municipality.

        Examples:
            >>> from hokatsu.indicators import checklist
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> a = assess(ChecklistAnswers.of({2: "イ", 13: "ア"}, municipality="甲市"))
            >>> b = assess(ChecklistAnswers.of({2: "ウ", 13: "ウ"}, municipality="乙町"))
            >>> cmp = checklist.compare_municipalities([a, b])
            >>> cmp.column("乙町")[2].value
            'gap'
        """
        if municipality not in self.municipalities:
            raise InvalidValueError("MunicipalityComparison", "municipalities", municipality,
                                    "one of " + ", ".join(self.municipalities))
        index = self.municipalities.index(municipality)
        return {r.item: r.statuses[index] for r in self.rows}

    def counts(self) -> dict[str, StatusCounts]:
        """Status counts per municipality.

        Returns:
            Each municipality with its status counts, in the comparison's order.

        Examples:
            >>> from hokatsu.indicators import checklist
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> a = assess(ChecklistAnswers.of({2: "イ", 13: "ア"}, municipality="甲市"))
            >>> b = assess(ChecklistAnswers.of({2: "ウ", 13: "ウ"}, municipality="乙町"))
            >>> cmp = checklist.compare_municipalities([a, b])
            >>> {m: c.gap for m, c in cmp.counts().items()}
            {'甲市': 1, '乙町': 2}
        """
        return {m: StatusCounts.of(self.column(m).values()) for m in self.municipalities}

    def meeting(self, number: int) -> tuple[str, ...]:
        """The municipalities that meet item *number*: peers to learn from.

        Args:
            number: the item number, 1 to 14.

        Returns:
            The municipalities meeting it, in the comparison's order.

        Raises:
            InvalidValueError: there is no such item.

        Examples:
            >>> from hokatsu.indicators import checklist
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> a = assess(ChecklistAnswers.of({2: "イ", 13: "ア"}, municipality="甲市"))
            >>> b = assess(ChecklistAnswers.of({2: "ウ", 13: "ウ"}, municipality="乙町"))
            >>> cmp = checklist.compare_municipalities([a, b])
            >>> cmp.meeting(2)
            ()
        """
        statuses = self.row(number).statuses
        return tuple(m for m, s in zip(self.municipalities, statuses, strict=True)
                     if s is ChecklistStatus.MEETS)

    def shared_gaps(self) -> tuple[int, ...]:
        """The items that every municipality has answered without meeting.

        Returns:
            The item numbers, in order.

        Examples:
            >>> from hokatsu.indicators import checklist
            >>> from hokatsu.indicators.checklist import ChecklistAnswers, assess
            >>> a = assess(ChecklistAnswers.of({2: "イ", 13: "ア"}, municipality="甲市"))
            >>> b = assess(ChecklistAnswers.of({2: "ウ", 13: "ウ"}, municipality="乙町"))
            >>> cmp = checklist.compare_municipalities([a, b])
            >>> cmp.shared_gaps()
            (2,)
        """
        short = {ChecklistStatus.GAP, ChecklistStatus.PARTIAL}
        return tuple(r.item for r in self.rows if all(s in short for s in r.statuses))


def compare_municipalities(
    assessments: Iterable[ChecklistAssessment],
) -> MunicipalityComparison:
    """Set several municipalities' assessments side by side, as a table item × municipality.

    Args:
        assessments: one assessment per municipality, each naming it; columns keep this
            order. Fiscal years may differ but are recorded; compare like with like.

    Returns:
        One row per item, with its status in each municipality.

    Raises:
        InvalidValueError: no assessments, an assessment without a municipality, or two of
            the same municipality.

    Examples:
        >>> a = assess(ChecklistAnswers.of({13: "ア"}, municipality="甲市"))
        >>> b = assess(ChecklistAnswers.of({13: "ウ"}, municipality="乙町"))
        >>> cmp = compare_municipalities([a, b])
        >>> [s.value for s in cmp.row(13).statuses], cmp.meeting(13)
        (['meets', 'gap'], ('甲市',))
    """
    listed = _assessments("compare_municipalities", assessments)
    names: list[str] = []
    for i, a in enumerate(listed):
        if a.municipality is None:
            raise InvalidValueError("compare_municipalities", f"assessments[{i}].municipality",
                                    None, "the municipality's name or id")
        if a.municipality in names:
            raise InvalidValueError("compare_municipalities", "assessments", a.municipality,
                                    "one assessment per municipality")
        names.append(a.municipality)
    return MunicipalityComparison(
        municipalities=tuple(names),
        fiscal_years=tuple(a.fiscal_year for a in listed),
        rows=tuple(ComparisonRow(item=n, statuses=tuple(a.findings[n - 1].status
                                                         for a in listed))
                   for n in _ITEMS),
    )
