"""Sharing households' data safely: between agencies, and with researchers.

Between agencies, :mod:`hokatsu.sharing.consent` decides what a recipient may see of a case on
a date, and why (consent events in the ledger, the legal bases of meeting bodies);
:mod:`hokatsu.sharing.disclose` builds the redacted view, records it and answers the audit
questions; :mod:`hokatsu.sharing.indicators` measures the practice. For researchers,
:func:`research_export` gives a dataset with keyed pseudonyms, coarse dates, age bands and
generalised areas; :func:`suppress` publishes tables of counts with small cells hidden; and
:func:`check_anonymity` reports k-anonymity and ℓ-diversity.

Households' data is among the most sensitive a municipality holds; these functions make the
safe thing the easy one.
"""

from hokatsu.sharing.anonymity import (
    DEFAULT_QUASI_IDENTIFIERS,
    QUASI_IDENTIFIERS,
    SENSITIVE,
    AnonymityReport,
    Group,
    check_anonymity,
)
from hokatsu.sharing.consent import SHARING_RULES, Recipient, consent_at, grounds_at
from hokatsu.sharing.disclose import (
    CaseSummary,
    DisclosureReport,
    DisclosureView,
    Part,
    Seen,
    audit,
    disclose,
    disclosures,
    share,
    who_has_seen,
    without_consent,
)
from hokatsu.sharing.export import (
    DROPPED,
    FIELD_RULES,
    NESTED_RULES,
    ResearchExport,
    age_band,
    research_export,
)
from hokatsu.sharing.indicators import SHARING_INDICATORS
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
    "SHARING_INDICATORS",
    "SHARING_RULES",
    "AnonymityReport",
    "CaseSummary",
    "DisclosureReport",
    "DisclosureView",
    "Group",
    "Part",
    "Pseudonymiser",
    "Recipient",
    "ResearchExport",
    "Seen",
    "SuppressedTable",
    "Table",
    "age_band",
    "audit",
    "check_anonymity",
    "consent_at",
    "disclose",
    "disclosures",
    "grounds_at",
    "research_export",
    "share",
    "suppress",
    "who_has_seen",
    "without_consent",
]
