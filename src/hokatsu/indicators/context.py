"""The engine's running knowledge of cases, referrals, sessions and items.

Kept for compatibility: the fold of the facts now lives in :mod:`hokatsu.facts`, which replay
and the indicator engine share. Import from there.
"""

from hokatsu.facts import (
    CASE_ATTRIBUTES,
    CASE_EVENTS,
    CONTEXT_ATTRIBUTES,
    FACTS,
    FRESH,
    TRACKERS,
    CaseInfo,
    Context,
    FactKind,
    ItemInfo,
    ReferralInfo,
    SessionInfo,
)

__all__ = [
    "CASE_ATTRIBUTES",
    "CASE_EVENTS",
    "CONTEXT_ATTRIBUTES",
    "FACTS",
    "FRESH",
    "TRACKERS",
    "CaseInfo",
    "Context",
    "FactKind",
    "ItemInfo",
    "ReferralInfo",
    "SessionInfo",
]
