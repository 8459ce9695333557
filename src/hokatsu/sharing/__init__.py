"""Sharing households' data safely: a research export with keyed pseudonyms, coarse dates,
age bands and generalised areas; tables of counts with small cells suppressed; and a check of
k-anonymity and ℓ-diversity.

Households' data is among the most sensitive a municipality holds; these functions make the
safe thing the easy one. Consent events, legal bases and ``disclose()`` are to join them here.
"""

from hokatsu.sharing.anonymity import (
    DEFAULT_QUASI_IDENTIFIERS,
    QUASI_IDENTIFIERS,
    SENSITIVE,
    AnonymityReport,
    Group,
    check_anonymity,
)
from hokatsu.sharing.export import (
    DROPPED,
    FIELD_RULES,
    NESTED_RULES,
    ResearchExport,
    age_band,
    research_export,
)
from hokatsu.sharing.pseudonyms import MIN_KEY_BYTES, Pseudonymiser
from hokatsu.sharing.suppression import DEFAULT_THRESHOLD, SuppressedTable, suppress
from hokatsu.sharing.tables import Table

__all__ = [
    "DEFAULT_QUASI_IDENTIFIERS",
    "DEFAULT_THRESHOLD",
    "DROPPED",
    "FIELD_RULES",
    "MIN_KEY_BYTES",
    "NESTED_RULES",
    "QUASI_IDENTIFIERS",
    "SENSITIVE",
    "AnonymityReport",
    "Group",
    "Pseudonymiser",
    "ResearchExport",
    "SuppressedTable",
    "Table",
    "age_band",
    "check_anonymity",
    "research_export",
    "suppress",
]
