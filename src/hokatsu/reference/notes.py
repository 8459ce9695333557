"""Where each reference dataset comes from, what is made up, and where the source disagrees
with itself.

Every dataset of :mod:`hokatsu.reference` — the preset directories and the tables — has a
:class:`SourceNote` in :data:`SOURCE_NOTES`, keyed by the name it is imported under. A note
cites the report's sections, says in words which parts are synthetic (made up for modelling)
and how many areas carry ``synthetic=True``, and lists the report's own inconsistencies with
the reading the library takes.

Examples:
    >>> note = SOURCE_NOTES["himi"]
    >>> note.sections[0], note.synthetic_areas
    ('第3章 3.', 247)
    >>> len(source_note("morioka").inconsistencies)
    1
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from hokatsu import _validators as v
from hokatsu.errors import UnknownReferenceError

__all__ = ["SOURCE_NOTES", "SourceNote", "source_note"]


@attrs.frozen(kw_only=True)
class SourceNote:
    """The provenance of one reference dataset.

    Args:
        dataset: the dataset's name in :mod:`hokatsu.reference` (``"himi"``,
            ``"MODEL_MUNICIPALITIES"``).
        sections: the report's sections the data comes from, most important first.
        synthetic: the parts made up for modelling, in words; empty if nothing is.
        synthetic_areas: for a preset directory, how many of its areas are marked
            ``synthetic=True``; 0 otherwise.
        inconsistencies: where the report contradicts itself, and which reading the library
            takes.

    Raises:
        InvalidValueError: a field has the wrong type or *synthetic_areas* is negative.

    Examples:
        >>> SourceNote(dataset="x", sections=("第2章 1.",)).synthetic
        ()
    """

    dataset: str = attrs.field(validator=v.TEXT)
    sections: tuple[str, ...] = attrs.field(validator=v.tuple_of(v.TEXT, nonempty=True))
    synthetic: tuple[str, ...] = attrs.field(default=(), validator=v.tuple_of(v.TEXT))
    synthetic_areas: int = attrs.field(default=0, validator=v.integer(0))
    inconsistencies: tuple[str, ...] = attrs.field(default=(), validator=v.tuple_of(v.TEXT))


_RANKING_SWAP = (
    "Survey question 2-② and checklist item 8 list ➍ as 体制の構築・マネジメント and ➎ as "
    "資源等の開発推進, the reverse of 第2章 2.(2)②; roles are keyed by name and numbered as "
    "chapter 2."
)

_NOTES = (
    SourceNote(
        dataset="himi", sections=("第3章 3.", "第3章 3.(2)①②④", "第2章 1."),
        synthetic=(
            "the 21 districts (地区) and their split over the four blocks",
            "the 226 neighbourhood associations (自治会)",
            "the three branches of the community general support centre, named generically",
            "every meeting body's legal basis (the report predates the FY2021 law), marked "
            "basis_assumed",
        ),
        synthetic_areas=247,
        inconsistencies=(
            "The base data gives the hardship desk as run directly by the city (市直営), "
            "while the list of 第2章 1. places the coordinators in the 社協's "
            "ふくし相談サポートセンター; both are kept (BASE_DATA and the preset).",
        ),
    ),
    SourceNote(
        dataset="edogawa", sections=("第3章 2.", "第3章 2.(2)①–⑥", "第2章 3.(2)②"),
        synthetic=("how nagomi_events() spreads the なごみの家 totals over days and sessions "
                   "(the report gives totals only)",),
    ),
    SourceNote(
        dataset="iga", sections=("第3章 1.", "第3章 1.(2)①"),
        synthetic=(
            "the 12 districts under the three centres' territories",
            "the community actors and the 社会福祉法人, named generically",
        ),
        synthetic_areas=12,
    ),
    SourceNote(
        dataset="tochigi", sections=("参考資料2 ④", "第2章 3.(2)①"),
        synthetic=("the escalation between the three meetings, the preset's reading",),
        inconsistencies=(
            "参考資料2 once calls the case conference 相談支援包括化推進会議（個別会議）, but "
            "describes and draws it as a meeting of its own; only the practitioners' meeting is "
            "the promotion meeting.",
        ),
    ),
    SourceNote(
        dataset="kotoura", sections=("参考資料2 ⑧", "第2章 1."),
        synthetic=("the population, given only as about 18,000",
                   "the escalation 担当者会議 → 推進会議, the preset's reading"),
        inconsistencies=(
            "The list of 第2章 1. gives two coordinators, 参考資料2 names one 社協 staff member; "
            "the preset follows the list.",
        ),
    ),
    SourceNote(
        dataset="kushiro", sections=("参考資料2 ①", "第2章 3.(2)③"),
        inconsistencies=(
            "The list of 第2章 1. writes the operator as 社団法人, 参考資料2 as 一般社団法人.",
            "The report gives two sessions each for the 音別 and 就労支援 部会 and the 全体会, "
            "but none for the 美原部会, only its monthly diner (SESSIONS_FY2016 keeps None).",
        ),
    ),
    SourceNote(
        dataset="morioka", sections=("参考資料2 ②", "第2章 1.", "第2章 2.(2)", "第2章 3.(2)②"),
        synthetic=("the population, given only as about 290,000",
                   "one of the list's 15 agency staff coordinators left unplaced"),
        inconsistencies=(
            "The list of 第2章 1. and 第2章 2.(2) count 17 coordinators (2 at the 社協, 15 agency "
            "staff), 参考資料2 counts 20 (3 and 17), and 20 sit on the FY2016 全体会; the preset "
            "follows the list, MODEL_MUNICIPALITIES keeps both.",
        ),
    ),
    SourceNote(
        dataset="MODEL_MUNICIPALITIES", sections=("第2章 1.", "参考資料2", "第2章 4.(2)"),
        inconsistencies=(
            "盛岡市: 17 coordinators in the list, 20 in 参考資料2 (coordinators_hearing).",
            "琴浦町: 2 in the list, one named in 参考資料2.",
            "大牟田市: 1.3 in the list, two staff named in 第2章 4.(2).",
            "有田川町: the list's operator column misprints 有田川市.",
            "釧路市: the list writes 社団法人, 参考資料2 一般社団法人.",
        ),
    ),
    SourceNote(
        dataset="BASE_DATA", sections=("第3章 1.", "第3章 2.", "第3章 3."),
        inconsistencies=(
            "氷見市's hardship desk is direct in its base data, while the list of 第2章 1. "
            "places its coordinators at the 社協.",
        ),
    ),
    SourceNote(
        dataset="survey", sections=("参考資料3",),
        synthetic=("figures read off charts whose labels were lost; each constant says how it "
                   "was read and which sums confirm the reading",),
        inconsistencies=(
            _RANKING_SWAP,
            "ROLE_RANKING: some answers were left blank, so rows 3–5 and the columns of ➊, ➌ and "
            "➍ add up to 25, not 26.",
            "1-①'s options differ from checklist item 1's: ウ is 'not mentioned' and エ "
            "'unknown' here.",
        ),
    ),
)

#: The note of every reference dataset, keyed by its name in :mod:`hokatsu.reference`.
SOURCE_NOTES: Mapping[str, SourceNote] = MappingProxyType({n.dataset: n for n in _NOTES})


def source_note(dataset: str) -> SourceNote:
    """The note of the reference dataset named *dataset*.

    Args:
        dataset: a key of :data:`SOURCE_NOTES`, such as ``"iga"`` or ``"survey"``.

    Returns:
        The dataset's :class:`SourceNote`.

    Raises:
        UnknownReferenceError: no dataset has that name.

    Examples:
        >>> source_note("iga").synthetic_areas
        12
        >>> source_note("nowhere")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.UnknownReferenceError: ...
    """
    found = SOURCE_NOTES.get(dataset) if isinstance(dataset, str) else None
    if found is None:
        raise UnknownReferenceError("SOURCE_NOTES", "dataset", dataset, SOURCE_NOTES)
    return found
