"""Indicators of the information-sharing practice, written with the public indicator algebra.

The report asks whether sharing rules exist (checklist item 7-エ, 第4章 2.(2)①); once they do,
these say how they are kept. Each is an ordinary :class:`~hokatsu.indicators.model.Indicator`,
computed in the same pass as the catalogue's (``compute(ledger, CATALOGUE + SHARING_INDICATORS)``):

- ``consent_rate`` — first consents recorded per case opened, by the case's route: how often
  the person's consent is obtained (in practice the bottleneck of sharing, DOMAIN.md §9);
- ``discussed_without_consent`` — the share of case discussions in a body that needs consent
  (an agenda item at a session of a ``CONSENT`` body, or a case conference) with no consent on
  record letting that recipient see anything of the case for a case conference; it should
  be zero;
- ``disclosures_by_basis`` — recorded disclosures by the ground they relied on;
- ``emergency_overrides`` — emergency overrides of consent.

Examples:
    >>> import datetime as dt
    >>> from hokatsu import FiscalYear, Ledger, compute
    >>> from hokatsu.reference import himi, sample
    >>> ledger = Ledger(himi(), sample.himi_fy2017())
    >>> table = compute(ledger, indicators=SHARING_INDICATORS)
    >>> table.value("consent_rate", FiscalYear(2017), "himi")
    0.0
    >>> row = table.row("discussed_without_consent", FiscalYear(2017), "himi")
    >>> row.value, row.numerator, row.denominator  # a case conference, no consent recorded
    (1.0, 1, 1)
    >>> table.value("disclosures_by_basis", FiscalYear(2017), "himi")
    0
"""

from __future__ import annotations

from typing import Any

from hokatsu.domain.meetings import LegalBasis
from hokatsu.events import AgendaItemRaised, CaseConferenceHeld, CaseOpened, Route
from hokatsu.events.sharing import (
    ConsentGiven,
    ConsentOverridden,
    Decision,
    DisclosureBasis,
    DisclosureRecorded,
    SharingPurpose,
)
from hokatsu.facts import Context
from hokatsu.indicators import Always, Count, Indicator, OfType, Ratio
from hokatsu.indicators.model import IndicatorKind, Viewpoint
from hokatsu.sharing.consent import _decisions

__all__ = [
    "CONSENT_RATE",
    "DISCLOSURES_BY_BASIS",
    "DISCUSSED_WITHOUT_CONSENT",
    "EMERGENCY_OVERRIDES",
    "SHARING_INDICATORS",
]

_CONFERENCE = SharingPurpose.CASE_CONFERENCE
_PERMIT = Decision.PERMIT


def _route(event: Any, ctx: Context) -> Route:
    """The route by which the event's case came in."""
    return ctx.case(event.case_id).opening.route


def _first_consent(event: Any, ctx: Context) -> bool:
    """A consent that is the first ever given about its case."""
    if type(event) is not ConsentGiven:
        return False
    return ctx.case_consents[event.case_id][0].consent_id == event.consent_id


def _permits(ctx: Context, event: Any, agency: str | None, body: str | None,
             basis: LegalBasis | None) -> bool:
    permitted, _ = _decisions(ctx.case_consents.get(event.case_id), event.date, agency, body,
                              basis, _CONFERENCE)
    return bool(permitted)


def _needs_consent(event: Any, ctx: Context) -> bool:
    """A discussion of a case where sharing needs consent: an item about a case at a session
    of a ``CONSENT`` body, or a case conference."""
    if type(event) is CaseConferenceHeld:
        return True
    if event.case_id is None or ctx.directory is None:
        return False
    body = ctx.session(event.session_id).body_id
    return ctx.directory.body(body).basis is LegalBasis.CONSENT


def _without_consent(event: Any, ctx: Context) -> bool:
    """No consent on record lets the discussion's recipients see anything of the case: the
    session's body, or every agency at a case conference."""
    if type(event) is CaseConferenceHeld:
        return not all(_permits(ctx, event, a, None, None) for a in sorted(event.agency_ids))
    body = ctx.session(event.session_id).body_id
    return not _permits(ctx, event, None, body, LegalBasis.CONSENT)


def _basis(event: Any, ctx: Context) -> str:
    """The ground a disclosure relied on: an emergency override if any part did, else a
    支援会議's basis if any part did, else consent; ``summary`` for the summary alone."""
    bases = {g.basis for g in event.grounds}
    if not bases:
        return "summary"
    for basis in (DisclosureBasis.EMERGENCY, DisclosureBasis.SUPPORT_MEETING):
        if basis in bases:
            return str(basis)
    return str(DisclosureBasis.CONSENT)


_X = IndicatorKind.CONTEXT
_B = Viewpoint.BEYOND

#: First consents per case opened, by route.
CONSENT_RATE = Indicator(
    id="consent_rate", name="同意取得率（相談経路別）", viewpoint=_B, kind=_X, unit="割合",
    events=(CaseOpened, ConsentGiven),
    measure=Ratio(numerator=_first_consent, denominator=OfType((CaseOpened,))),
    group=_route, groups=tuple(r.value for r in Route),
    description="First consents recorded in the period per case opened in it, by the case's "
                "route; a consent given in a later period counts there.",
)

#: The share of case discussions in consent-requiring bodies without consent on record.
DISCUSSED_WITHOUT_CONSENT = Indicator(
    id="discussed_without_consent", name="同意が必要な会議で同意なく検討された事例の割合",
    viewpoint=_B, kind=_X, unit="割合", events=(AgendaItemRaised, CaseConferenceHeld),
    where=_needs_consent, measure=Ratio(numerator=_without_consent, denominator=Always()),
    description="Case items at sessions of bodies that need consent, and case conferences, "
                "with no consent on record for them; should be zero.",
)

#: Recorded disclosures by the ground they relied on.
DISCLOSURES_BY_BASIS = Indicator(
    id="disclosures_by_basis", name="情報提供の件数（根拠別）", viewpoint=_B, kind=_X,
    unit="件", events=(DisclosureRecorded,), measure=Count(), group=_basis,
    groups=("consent", "support_meeting", "emergency", "summary"),
    description="Disclosures recorded, by ground: emergency if an override allowed any part, "
                "else support_meeting if a 支援会議's basis did, else consent; summary for a "
                "de-identified summary alone.",
)

#: Emergency overrides of consent.
EMERGENCY_OVERRIDES = Indicator(
    id="emergency_overrides", name="緊急時の同意によらない情報共有の判断件数", viewpoint=_B,
    kind=_X, unit="件", events=(ConsentOverridden,), measure=Count(),
    description="Decisions to share without consent because a life was at risk.",
)

#: The sharing indicators, to add to the catalogue.
SHARING_INDICATORS: tuple[Indicator, ...] = (
    CONSENT_RATE, DISCUSSED_WITHOUT_CONSENT, DISCLOSURES_BY_BASIS, EMERGENCY_OVERRIDES)
