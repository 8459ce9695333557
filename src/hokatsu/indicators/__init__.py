"""Evaluation: the checklist, the operation-stage indicators and the engine computing them.

The checklist's comparisons across years and municipalities live in
:mod:`hokatsu.indicators.checklist`; :func:`~hokatsu.indicators.compare.compare_municipalities`
compares indicator tables.
"""

from hokatsu.indicators.catalogue import BY_ID, CATALOGUE, EXTRAS, REPORT
from hokatsu.indicators.checklist import (
    CHECKLIST,
    ChecklistAnswers,
    ChecklistAssessment,
    assess,
    checklist_item,
)
from hokatsu.indicators.compare import Change, Comparison, compare_municipalities, year_on_year
from hokatsu.indicators.context import CaseInfo, Context, ItemInfo, ReferralInfo, SessionInfo
from hokatsu.indicators.engine import IndicatorEngine, compute
from hokatsu.indicators.model import (
    CaseLabels,
    Cases,
    Composite,
    Count,
    Distinct,
    Flag,
    Indicator,
    IndicatorKind,
    IsZero,
    Latest,
    Mean,
    Movement,
    PerCapita,
    Ratio,
    ResultTable,
    Row,
    Scores,
    Sum,
    Viewpoint,
)

__all__ = [
    "BY_ID",
    "CATALOGUE",
    "CHECKLIST",
    "EXTRAS",
    "REPORT",
    "CaseInfo",
    "CaseLabels",
    "Cases",
    "Change",
    "ChecklistAnswers",
    "ChecklistAssessment",
    "Comparison",
    "Composite",
    "Context",
    "Count",
    "Distinct",
    "Flag",
    "Indicator",
    "IndicatorEngine",
    "IndicatorKind",
    "IsZero",
    "ItemInfo",
    "Latest",
    "Mean",
    "Movement",
    "PerCapita",
    "Ratio",
    "ReferralInfo",
    "ResultTable",
    "Row",
    "Scores",
    "SessionInfo",
    "Sum",
    "Viewpoint",
    "assess",
    "checklist_item",
    "compare_municipalities",
    "compute",
    "year_on_year",
]
