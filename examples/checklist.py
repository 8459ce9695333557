"""Self-assess a municipality with the report's checklist (第4章 2.(1), 2.(2)).

Before measuring how its comprehensive consultation system works, a municipality checks where
it stands: fourteen items in two stages, first taking stock and choosing a direction (items
1–5), then building the system (items 6–14). This script answers the checklist for みどり町, an
imaginary town (the answers are made up), prints every item with its question in Japanese and
in English and how the answer compares with the report's recommendation, the next steps in
priority order with the report's advice and reference municipalities (参考事例), the town's
progress a year later, and how the 26 model municipalities of FY2016 answered item 1 (the
report's survey, 参考資料3 1-①).

To assess your own municipality, write its answers as JSON — ``{"1": "ア", "3": ["ア",
"ウ"], …}``, an option by its letter or key, a list for a multiple-choice item — and run
``python examples/checklist.py --answers answers.json``.

Run it with ``python examples/checklist.py``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from hokatsu import FiscalYear, HokatsuError
from hokatsu.indicators.checklist import (
    ITEM_1_SURVEY,
    ChecklistAnswers,
    ChecklistAssessment,
    assess,
    checklist_item,
    compare_years,
)

#: みどり町's answers for FY2016 (made up; the checklist tutorial's).
ANSWERS_2016: dict[int, Any] = {
    1: "イ", 2: "ア", 3: ["ア", "ウ"], 4: "community_care", 6: ["ア", "エ"],
    7: ["ア", "イ", "ウ", "エ"], 8: ["ア", "イ", "ウ"], 9: "ア", 10: ["ア", "イ", "ウ", "エ", "オ"],
    11: ["community_issues", "individual_cases"], 12: ["ア", "ウ"], 13: "イ", 14: ["ア"],
}
#: What changed a year later.
CHANGES_2017: dict[int, Any] = {1: "ア", 5: "イ", 6: ["ア", "イ", "エ"],
                                12: ["ア", "イ", "ウ", "エ", "オ", "カ"]}


def print_assessment(result: ChecklistAssessment) -> None:
    """Every item: its question (Japanese, English), then its status and what is missing."""
    stage = None
    for finding in result.findings:
        item = checklist_item(finding.item)
        if item.stage is not stage:
            stage = item.stage
            print(f"\n{stage.code} {stage.label}")
        print(f"  {item.number:>2}. {item.label}")
        print(f"      {item.question}")
        print(f"      → {finding.describe()}")
    c = result.counts
    print(f"\n{c.meets} items meet the recommendation, {c.partial} partly, {c.gap} fall short, "
          f"{c.unanswered} unanswered")


def print_next_steps(result: ChecklistAssessment) -> None:
    """The items still to work on, most urgent first, with the report's advice."""
    print("\nNext steps, most urgent first:")
    for finding in result.next_steps():
        item = checklist_item(finding.item)
        learn = f" (参考事例: {'、'.join(item.references)})" if item.references else ""
        print(f"  item {item.number} {item.label}: {finding.status.value}")
        print(f"      {item.advice_ja}{learn}")


def main() -> None:
    """Assess the answers given (or みどり町's), then compare years and read the survey."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=Path, help="a JSON file of answers by item number")
    parser.add_argument("--name", default="みどり町", help="the municipality's name")
    args = parser.parse_args()
    choices = ANSWERS_2016
    if args.answers is not None:
        choices = {int(k): v for k, v in json.loads(args.answers.read_text("utf-8")).items()}
    try:
        answers = ChecklistAnswers.of(choices, municipality=args.name,
                                      fiscal_year=FiscalYear(2016))
    except HokatsuError as error:  # the error names the item and lists its options
        parser.error(str(error))
    result = assess(answers)
    print(f"{args.name}, {answers.fiscal_year.label if answers.fiscal_year else ''}"
          + (" (made-up answers)" if args.answers is None else ""))
    print_assessment(result)
    print_next_steps(result)

    if args.answers is None:
        later = assess(answers.updated(CHANGES_2017, fiscal_year=FiscalYear(2017)))
        history = compare_years([result, later])
        print(f"\nA year later ({later.fiscal_year.label if later.fiscal_year else ''}): "
              f"improved items {list(history.improved())}, regressed {list(history.regressed())}"
              f"; {later.counts.meets} items now meet the recommendation")

    letters = {o.key: o.letter for o in checklist_item(1).options}
    print(f"\nHow the {ITEM_1_SURVEY.respondents} model municipalities answered item 1 "
          f"({ITEM_1_SURVEY.source}, the report's data; the survey's letters are its own):")
    for answer in ITEM_1_SURVEY.answers:
        covers = ", ".join(sorted(letters[k] for k in answer.item_options)) or "none"
        print(f"  survey {answer.letter} {answer.label}: {answer.count} "
              f"({ITEM_1_SURVEY.share(answer.letter):.0%}) — checklist options {covers}")


if __name__ == "__main__":
    main()
