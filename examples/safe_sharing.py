"""Sharing a household's information safely: consent, legal bases, disclosure and audit.

A household tells its story to one desk; helping it takes several. The report counts rules
for exchanging personal information among the agencies (checklist item 7-エ, 第4章 2.(2)), and
since FY2021 the law tells a 支援会議, whose members owe secrecy and may share without consent,
from meetings that need the person's consent. This script, on 氷見市's hand-written sample
year (``hokatsu.reference.sample``), shows ``hokatsu.sharing`` deciding what each recipient
may see of one case and why:

1. nothing without a ground: the school section is refused, naming the rule;
2. a 支援会議 (the コア会議, by hokatsu's assumption) sees the case, a district meeting only a
   de-identified summary;
3. a consent with an exception (not the finances, not the notes) opens the case to two
   agencies; ``share`` discloses and records the disclosure in one step;
4. the consent is withdrawn, then overridden in an emergency;
5. the audit answers who has seen the health data, and on what ground;
6. for publication, a table of counts from a simulated year with its small cells hidden.

Views and errors name categories and rules, never the data. Everything here is made up: the
sample households, the consents and the simulated year are not 氷見市's records.

Run it with ``python examples/safe_sharing.py``.
"""

from __future__ import annotations

import collections
import datetime as dt
import unicodedata

from hokatsu import HardCaseType, HokatsuError, Ledger, replay
from hokatsu.events import (
    ConsentGiven,
    ConsentOverridden,
    ConsentWithdrawn,
    DataCategory,
    Decision,
    MeetingHeld,
    Provision,
    SharingPurpose,
)
from hokatsu.reference import himi, sample
from hokatsu.sharing import Recipient, audit, disclose, share, suppress, who_has_seen
from hokatsu.simulation import presets, simulate


def pad(value: object, columns: int, *, left: bool = False) -> str:
    """*value* padded to *columns* terminal columns (Japanese characters take two); · for a
    hidden count (None)."""
    text = "·" if value is None else str(value)
    fill = " " * max(columns - sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
                                   for c in text), 0)
    return text + fill if left else fill + text


CASE = "case-a"  # the sample's 8050 household: a mother needing care, her withdrawn son
DAY = dt.date(2018, 3, 26)


def show(ledger: Ledger, to: Recipient, purpose: SharingPurpose, date: dt.date) -> None:
    """Print what *to* may see of the case for *purpose* on *date*, or why it may not."""
    try:
        view = disclose(ledger, CASE, to=to, purpose=purpose, date=date)
    except HokatsuError as error:
        print(f"  {to}, {purpose.value}: refused — {error}")
        return
    if not view.shown:
        print(f"  {to}, {purpose.value}: a de-identified summary only: {view.summary.members} "
              f"members, {view.summary.issues} issues")
        return
    parts = ", ".join(f"{p.category.value} ({p.rule})" for p in view.parts)
    print(f"  {to}, {purpose.value}: {len(view.shown)} of {len(view.parts)} shown — {parts}")


def between_agencies() -> Ledger:
    """Steps 1 to 5 on the sample year; return the ledger with its disclosures."""
    city = himi()
    ledger = Ledger(city, sample.himi_fy2017())
    ledger.extend([
        MeetingHeld(id="m1", date=DAY, session_id="core", body_id="himi-core", area_id="himi",
                    participants=7),
        MeetingHeld(id="m2", date=DAY, session_id="district", body_id="himi-district",
                    area_id="himi-d03", participants=15),
    ])
    for body in (city.body("himi-core"), city.body("himi-district")):
        assumed = " (hokatsu's assumption)" if body.basis_assumed else ""
        print(f"{body.name}: legal basis {body.basis.value}{assumed}")

    print("\n1–2. Before any consent:")
    show(ledger, Recipient(agency_id="himi-school"), SharingPurpose.SUPPORT_PLANNING, DAY)
    show(ledger, Recipient(session_id="core"), SharingPurpose.CASE_CONFERENCE, DAY)
    show(ledger, Recipient(session_id="district"), SharingPurpose.CASE_CONFERENCE, DAY)

    print("\n3. The mother consents for two agencies, except her family's finances and notes:")
    ledger.append(ConsentGiven(
        id="k1", date=DAY, case_id=CASE, consent_id="consent-a", member_id="a1",
        provision=Provision(
            agency_ids=frozenset({"himi-cgsc", "himi-support"}),
            purposes=frozenset({SharingPurpose.SUPPORT_PLANNING,
                                SharingPurpose.CASE_CONFERENCE}),
            exceptions=(Provision(decision=Decision.DENY, categories=frozenset(
                {DataCategory.FINANCES, DataCategory.NOTES})),))))
    show(ledger, Recipient(agency_id="himi-cgsc"), SharingPurpose.SUPPORT_PLANNING, DAY)
    show(ledger, Recipient(agency_id="himi-school"), SharingPurpose.SUPPORT_PLANNING, DAY)
    shown = share(ledger, CASE, to=Recipient(agency_id="himi-cgsc"),
                  purpose=SharingPurpose.CASE_CONFERENCE, date=DAY + dt.timedelta(days=1),
                  id="d1")
    print(f"  shared with himi-cgsc and recorded as event d1: {len(shown.shown)} categories")

    print("\n4. The son, representing his mother, withdraws the consent; a week later her life")
    print("   is at risk and the welfare section overrides it:")
    april = dt.date(2018, 4, 1)
    ledger.append(ConsentWithdrawn(id="k2", date=april, consent_id="consent-a",
                                   representative="長男"))
    show(ledger, Recipient(agency_id="himi-cgsc"), SharingPurpose.CASE_CONFERENCE, april)
    crisis = dt.date(2018, 4, 8)
    ledger.append(ConsentOverridden(id="o1", date=crisis, case_id=CASE,
                                    agency_id="himi-welfare", reason="生命の危険"))
    urgent = share(ledger, CASE, to=Recipient(agency_id="himi-health"),
                   purpose=SharingPurpose.REFERRAL, date=crisis, id="d2")
    print(f"  shared with himi-health in the emergency (event d2, flagged: {urgent.emergency})")

    print("\n5. Who has seen the household's health data, and on what ground?")
    for seen in who_has_seen(ledger, CASE, DataCategory.HEALTH_CARE):
        print(f"  {seen.date} {seen.recipient}: {seen.basis.value}")
    report = audit(ledger)
    print(f"  the audit: {report.total} disclosures, emergencies {list(report.emergency)}")
    return ledger


def for_publication() -> None:
    """Step 6: cases by block and hard-case type from a simulated year, small cells hidden."""
    ledger = simulate(presets.himi(), seed=0)
    city = ledger.directory
    blocks = [a.id for a in city.areas.at_level("block")]
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    kinds: list[str] = []
    for case in replay(ledger).cases.values():
        kind = case.hard_case_type.label[0] if case.hard_case_type else "none"  # ①–④
        if kind not in kinds:
            kinds.append(kind)
        counts[city.areas.lineage(case.area_id)[-2], kind] += 1
    kinds.sort()
    table = suppress([[counts[b, k] for k in kinds] for b in blocks],
                     row_labels=[city.areas.get(b).name for b in blocks], column_labels=kinds)
    print(f"\n6. Cases by block and hard-case type in a SIMULATED year (not 氷見市's figures), "
          f"counts under {table.threshold} hidden (·):")
    print("  hard-case types: " + ", ".join(t.label for t in HardCaseType) + "; none: not hard")
    print("  " + pad("", 8) + "".join(pad(k, 6) for k in kinds) + pad("total", 7))
    for label, cells, total in zip(table.row_labels or (), table.cells, table.row_totals,
                                   strict=True):
        print("  " + pad(label, 8, left=True) + "".join(pad(c, 6) for c in cells)
              + pad(total, 7))
    print(f"  {table.hidden} cells hidden, so that none can be worked out from the others")


def main() -> None:
    """Share between agencies, then publish."""
    between_agencies()
    for_publication()


if __name__ == "__main__":
    main()
