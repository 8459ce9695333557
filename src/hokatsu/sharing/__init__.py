"""Sharing safely between agencies: consent, legal bases of meeting bodies, disclosure.

:mod:`hokatsu.sharing.consent` decides what a recipient may see of a case on a date, and why;
:mod:`hokatsu.sharing.disclose` builds the redacted view, records it and answers the audit
questions; :mod:`hokatsu.sharing.indicators` measures the practice.
"""

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
from hokatsu.sharing.indicators import SHARING_INDICATORS

__all__ = [
    "SHARING_INDICATORS",
    "SHARING_RULES",
    "CaseSummary",
    "DisclosureReport",
    "DisclosureView",
    "Part",
    "Recipient",
    "Seen",
    "audit",
    "consent_at",
    "disclose",
    "disclosures",
    "grounds_at",
    "share",
    "who_has_seen",
    "without_consent",
]
