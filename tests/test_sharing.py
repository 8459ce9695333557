"""Tests of hokatsu.sharing: consent resolution, legal bases, disclosure views and the audit."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu.domain import CareLevel, Field, LegalBasis, MeetingBody
from hokatsu.errors import (
    DisclosureDeniedError,
    EventRejectedError,
    HokatsuError,
    InvalidValueError,
    UnknownReferenceError,
)
from hokatsu.events import (
    ConsentChanged,
    ConsentGiven,
    ConsentOverridden,
    ConsentWithdrawn,
    DataCategory,
    Decision,
    DisclosureBasis,
    DisclosureRecorded,
    Event,
    Ground,
    MeetingHeld,
    Provision,
    SharingPurpose,
)
from hokatsu.ledger import Ledger
from hokatsu.reference import himi, sample
from hokatsu.sharing import (
    SHARING_RULES,
    Recipient,
    audit,
    consent_at,
    disclose,
    disclosures,
    grounds_at,
    share,
    who_has_seen,
    without_consent,
)
from hokatsu.sharing.consent import check_recorded
from tests.strategies import scaled

D0 = dt.date(2018, 3, 26)  # after the sample year's last event
CATS = tuple(DataCategory)
SENSITIVE = frozenset(c for c in CATS if c.sensitive)
AGENCIES = ("himi-cgsc", "himi-health", "himi-school", "himi-swc")
#: (session id, body, session area): a 支援会議, a body needing consent, a community tier.
SESSIONS = (("s-core", "himi-core", "himi"), ("s-regular", "himi-regular", "himi"),
            ("s-district", "himi-district", "himi-d03"))
CASES = ("case-a", "case-b", "case-c")


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def sess(sid: str, n: int = 0) -> Recipient:
    """The session of kind *sid* held on ``day(n)``."""
    return Recipient(session_id=f"{sid}-{n}")


def base(*events: Event) -> Ledger:
    """The sample year, then a session of each kind of body every day of a week with
    *events* (in date order) among them."""
    ledger = Ledger(himi(), sample.himi_fy2017())
    sessions = [MeetingHeld(id=f"e-{sid}-{n}", date=day(n), session_id=f"{sid}-{n}",
                            body_id=body, area_id=area, participants=5)
                for n in range(7) for sid, body, area in SESSIONS]
    ledger.extend(sorted([*sessions, *events], key=lambda e: (e.date, type(e) is not
                                                              MeetingHeld)))
    return ledger


def given_(n: int, provision: Provision, case: str = "case-a", date: dt.date = D0,
           **kw: Any) -> ConsentGiven:
    return ConsentGiven(id=f"g{n}", date=date, case_id=case, consent_id=f"k{n}",
                        provision=provision, **kw)


def to(agency: str) -> Recipient:
    return Recipient(agency_id=agency)


PLAN = SharingPurpose.SUPPORT_PLANNING
CONF = SharingPurpose.CASE_CONFERENCE


class TestLegalBasis:
    """Meeting bodies declare their legal basis; 氷見市's are the library's assumptions."""

    def test_default_needs_consent(self) -> None:
        """A body that declares nothing needs consent, and its basis is not marked assumed."""
        body = MeetingBody(id="b", name="会議", tier=1, area_id="x")
        assert body.basis is LegalBasis.CONSENT
        assert body.basis_assumed is False

    def test_himi_bodies(self) -> None:
        """The six bodies of 氷見市: two 支援会議, one needing consent, three community tiers,
        every one marked as an assumption (the report predates the law)."""
        bases = {b.id: b.basis for b in himi().bodies}
        assert bases == {
            "himi-construction": LegalBasis.COMMUNITY, "himi-core": LegalBasis.CONFIDENTIAL,
            "himi-regular": LegalBasis.CONSENT, "himi-care": LegalBasis.CONFIDENTIAL,
            "himi-block": LegalBasis.COMMUNITY, "himi-district": LegalBasis.COMMUNITY}
        assert all(b.basis_assumed for b in himi().bodies)

    def test_basis_is_an_enum(self) -> None:
        """A basis given as a string is refused with a hokatsu error."""
        with pytest.raises(InvalidValueError):
            MeetingBody(id="b", name="会議", tier=1, area_id="x",
                        basis="confidential")  # type: ignore[arg-type]


class TestEvents:
    """The sharing events check themselves and keep personal text out of reprs."""

    def test_override_needs_reason(self) -> None:
        """An override without a reason, or with a blank one, is refused."""
        for reason in ("", "  ", None):
            with pytest.raises(InvalidValueError):
                ConsentOverridden(id="o", date=D0, case_id="c", agency_id="a",
                                  reason=reason)  # type: ignore[arg-type]

    def test_override_until_not_before(self) -> None:
        """An override cannot end before it starts."""
        with pytest.raises(InvalidValueError):
            ConsentOverridden(id="o", date=D0, case_id="c", agency_id="a", reason="危険",
                              until=day(-1))

    def test_reprs_redact(self) -> None:
        """The reason of an override and the name of a representative never show."""
        o = ConsentOverridden(id="o", date=D0, case_id="c", agency_id="a", reason="自殺の危険")
        g = given_(1, Provision(), representative="長男の太郎")
        assert "自殺" not in repr(o)
        assert "太郎" not in repr(g)

    def test_disclosure_needs_one_recipient(self) -> None:
        """A disclosure names an agency or a session, not both, not neither."""
        for kw in ({}, {"agency_id": "a", "session_id": "s"}):
            with pytest.raises(InvalidValueError):
                DisclosureRecorded(id="d", date=D0, case_id="c", purpose=PLAN, **kw)

    def test_disclosure_categories_unique(self) -> None:
        """A category appears once in a disclosure's grounds."""
        ground = Ground(category=DataCategory.NOTES, basis=DisclosureBasis.CONSENT)
        with pytest.raises(HokatsuError):
            DisclosureRecorded(id="d", date=D0, case_id="c", agency_id="a", purpose=PLAN,
                               grounds=(ground, ground))

    def test_provision_period(self) -> None:
        """A provision's end is not before its start."""
        with pytest.raises(InvalidValueError):
            Provision(start=day(2), end=day(1))

    def test_provision_exceptions_are_provisions(self) -> None:
        """Exceptions must be provisions."""
        with pytest.raises(InvalidValueError):
            Provision(exceptions=("deny",))  # type: ignore[arg-type]


class TestConsent:
    """Consent resolution: latest applicable provision wins, exceptions nest, withdrawal
    counts from its date."""

    def test_nothing_without_consent(self) -> None:
        """A case without consent has no decisions."""
        assert consent_at(base().facts, "case-a", D0, to("himi-cgsc"), PLAN) == {}

    def test_permit_scope(self) -> None:
        """A permit covers its agencies, purposes and categories only."""
        ledger = base(given_(1, Provision(agency_ids=frozenset({"himi-cgsc"}),
                                          purposes=frozenset({PLAN}),
                                          categories=frozenset({DataCategory.CONTACT}))))
        facts = ledger.facts
        assert consent_at(facts, "case-a", D0, to("himi-cgsc"), PLAN) == {
            DataCategory.CONTACT: Decision.PERMIT}
        assert consent_at(facts, "case-a", D0, to("himi-health"), PLAN) == {}
        assert consent_at(facts, "case-a", D0, to("himi-cgsc"), CONF) == {}
        assert consent_at(facts, "case-b", D0, to("himi-cgsc"), PLAN) == {}

    def test_nested_deny_is_an_exception(self) -> None:
        """A deny nested in a permit removes its categories, and a permit nested in that
        deny gives one back."""
        ledger = base(given_(1, Provision(exceptions=(Provision(
            decision=Decision.DENY,
            categories=frozenset({DataCategory.FINANCES, DataCategory.NOTES}),
            exceptions=(Provision(categories=frozenset({DataCategory.NOTES})),)),))))
        found = consent_at(ledger.facts, "case-a", D0, to("himi-cgsc"), PLAN)
        assert found[DataCategory.FINANCES] is Decision.DENY
        assert found[DataCategory.NOTES] is Decision.PERMIT
        assert found[DataCategory.HEALTH_CARE] is Decision.PERMIT

    def test_latest_provision_wins(self) -> None:
        """A later consent's deny overrides an earlier permit, and a change of the earlier
        consent after that wins again."""
        ledger = base(given_(1, Provision()),
                      given_(2, Provision(decision=Decision.DENY), date=day(1)),
                      ConsentChanged(id="c1", date=day(2), consent_id="k1",
                                     provision=Provision(purposes=frozenset({PLAN}))))
        facts = ledger.facts
        say = lambda d, p=PLAN: consent_at(facts, "case-a", d, to("himi-cgsc"), p)  # noqa: E731
        assert set(say(D0).values()) == {Decision.PERMIT}
        assert set(say(day(1)).values()) == {Decision.DENY}
        assert set(say(day(2)).values()) == {Decision.PERMIT}
        assert set(say(day(2), CONF).values()) == {Decision.DENY}

    def test_withdrawal_from_its_date(self) -> None:
        """A withdrawn consent allows what it allowed before its withdrawal, nothing after."""
        ledger = base(given_(1, Provision()),
                      ConsentWithdrawn(id="w1", date=day(3), consent_id="k1"))
        facts = ledger.facts
        assert consent_at(facts, "case-a", day(2), to("himi-cgsc"), PLAN)
        assert consent_at(facts, "case-a", day(3), to("himi-cgsc"), PLAN) == {}

    def test_provision_period(self) -> None:
        """A provision covers its own start and end days only."""
        ledger = base(given_(1, Provision(start=day(1), end=day(2))))
        facts = ledger.facts
        covered = [bool(consent_at(facts, "case-a", day(n), to("himi-cgsc"), PLAN))
                   for n in range(4)]
        assert covered == [False, True, True, False]

    def test_bodies_and_kinds(self) -> None:
        """A session is covered by its body's id or its body's kind, not by an agency."""
        ledger = base(given_(1, Provision(body_ids=frozenset({"himi-regular"}))),
                      given_(2, Provision(bases=frozenset({LegalBasis.COMMUNITY})), case="case-b"))
        facts = ledger.facts
        assert consent_at(facts, "case-a", D0, sess("s-regular"), CONF)
        assert not consent_at(facts, "case-a", D0, sess("s-district"), CONF)
        assert consent_at(facts, "case-b", D0, sess("s-district"), CONF)
        assert not consent_at(facts, "case-b", D0, to("himi-cgsc"), CONF)

    def test_unknowns(self) -> None:
        """Unknown cases, agencies and sessions are hokatsu errors."""
        facts = base().facts
        for case, recipient in (("nope", to("himi-cgsc")), ("case-a", to("nope")),
                                ("case-a", Recipient(session_id="nope"))):
            with pytest.raises(UnknownReferenceError):
                consent_at(facts, case, D0, recipient, PLAN)

    def test_bad_arguments(self) -> None:
        """Arguments of the wrong kind are refused with hokatsu errors."""
        facts = base().facts
        with pytest.raises(InvalidValueError):
            consent_at(facts, "case-a", dt.datetime(2018, 3, 26), to("himi-cgsc"), PLAN)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            consent_at(facts, "case-a", D0, "himi-cgsc", PLAN)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            consent_at(facts, "case-a", D0, to("himi-cgsc"), "research")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            consent_at(base(), "case-a", D0, to("himi-cgsc"), PLAN)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            Recipient()

    def test_rules_described(self) -> None:
        """Every rule a view or an error may name is in SHARING_RULES with a description."""
        assert set(SHARING_RULES) == {"consent", "support_meeting", "emergency_override",
                                      "community_summary", "consent_denied",
                                      "consent_withdrawn", "no_consent"}
        assert all(rule.description for rule in SHARING_RULES.values())


class TestDisclose:
    """disclose() shows what the rules allow, naming the rule for each part."""

    def test_denied_without_basis(self) -> None:
        """An agency without consent is refused, the error naming the rule and no data."""
        with pytest.raises(DisclosureDeniedError) as info:
            disclose(base(), "case-a", to=to("himi-school"), purpose=PLAN, date=D0)
        error = info.value
        assert error.rule == "no_consent"
        assert "care" not in str(error)
        assert pickle.loads(pickle.dumps(error)).rule == "no_consent"

    def test_support_meeting(self) -> None:
        """A 支援会議 sees every category without consent, on its legal basis, except for
        research."""
        view = disclose(base(), "case-a", to=sess("s-core"), purpose=CONF,
                        date=D0)
        assert view.shown == frozenset(CATS)
        assert {p.rule for p in view.parts} == {"support_meeting"}
        with pytest.raises(DisclosureDeniedError):
            disclose(base(), "case-a", to=sess("s-core"),
                     purpose=SharingPurpose.RESEARCH, date=D0)

    def test_community_summary(self) -> None:
        """A community tier without consent sees the summary alone; with consent, what it
        permits."""
        view = disclose(base(), "case-a", to=sess("s-district"), purpose=CONF,
                        date=D0)
        assert view.shown == frozenset()
        assert {p.rule for p in view.parts} == {"community_summary"}
        assert (view.summary.members, view.summary.issues) == (2, 2)
        ledger = base(given_(1, Provision(bases=frozenset({LegalBasis.COMMUNITY}),
                                          categories=frozenset({DataCategory.FAMILY}))))
        view = disclose(ledger, "case-a", to=sess("s-district"), purpose=CONF,
                        date=D0)
        assert view.shown == {DataCategory.FAMILY}

    def test_needs_consent_body(self) -> None:
        """A body that needs consent is refused without it."""
        with pytest.raises(DisclosureDeniedError):
            disclose(base(), "case-a", to=sess("s-regular"), purpose=CONF,
                     date=D0)

    def test_partial_and_lookup(self) -> None:
        """Shown parts hold the case's data; a redacted part raises naming its rule."""
        ledger = base(given_(1, Provision(categories=frozenset({DataCategory.HEALTH_CARE}))))
        view = disclose(ledger, "case-a", to=to("himi-cgsc"), purpose=PLAN, date=D0)
        health = dict(view[DataCategory.HEALTH_CARE])
        assert health["care_levels"] == (("a1", CareLevel.CARE_2),)
        assert [i[2] for i in health["issues"]] == [Field.ELDERLY]
        with pytest.raises(DisclosureDeniedError) as info:
            view[DataCategory.FINANCES]
        assert info.value.rule == "no_consent"
        assert view.part(DataCategory.FINANCES).shown is False

    def test_denied_and_withdrawn_rules(self) -> None:
        """A redacted part names a deny, or a withdrawal, when that is why."""
        ledger = base(given_(1, Provision(exceptions=(Provision(
            decision=Decision.DENY, categories=frozenset({DataCategory.NOTES})),))),
            given_(2, Provision(), case="case-b"),
            ConsentWithdrawn(id="w2", date=day(1), consent_id="k2"))
        view = disclose(ledger, "case-a", to=to("himi-cgsc"), purpose=PLAN, date=D0)
        assert view.part(DataCategory.NOTES).rule == "consent_denied"
        with pytest.raises(DisclosureDeniedError) as info:
            disclose(ledger, "case-b", to=to("himi-cgsc"), purpose=PLAN, date=day(1))
        assert info.value.rule == "consent_withdrawn"

    def test_emergency_override(self) -> None:
        """An override lets everything through for its days, never for research, and the
        view says so."""
        ledger = base(ConsentOverridden(id="o1", date=day(1), case_id="case-c",
                                        agency_id="himi-welfare", reason="命の危険",
                                        until=day(2)))
        for n, allowed in ((0, False), (1, True), (2, True), (3, False)):
            if allowed:
                view = disclose(ledger, "case-c", to=to("himi-health"),
                                purpose=SharingPurpose.REFERRAL, date=day(n))
                assert view.emergency
                assert {p.rule for p in view.parts} == {"emergency_override"}
            else:
                with pytest.raises(DisclosureDeniedError):
                    disclose(ledger, "case-c", to=to("himi-health"),
                             purpose=SharingPurpose.REFERRAL, date=day(n))
        with pytest.raises(DisclosureDeniedError):
            disclose(ledger, "case-c", to=to("himi-health"), purpose=SharingPurpose.RESEARCH,
                     date=day(1))

    def test_repr_private(self) -> None:
        """A view's repr and its parts' reprs never show the data."""
        view = disclose(base(), "case-a", to=sess("s-core"), purpose=CONF,
                        date=D0)
        text = repr(view) + repr(view.parts) + repr(view.summary)
        assert "care_2" not in text
        assert "1936" not in text
        assert "<case data>" not in text

    def test_record_and_share(self) -> None:
        """A view records itself as an event the ledger accepts; share does both."""
        ledger = base(given_(1, Provision(agency_ids=frozenset({"himi-cgsc"}))))
        view = disclose(ledger, "case-a", to=to("himi-cgsc"), purpose=PLAN, date=day(6))
        ledger.append(view.record("d1"))
        assert disclosures(ledger) == (ledger.get("d1"),)
        shared = share(ledger, "case-a", to=sess("s-district", 6), purpose=CONF,
                       date=day(6), id="d2")
        assert ledger.get("d2").grounds == shared.grounds == ()

    def test_share_denied_records_nothing(self) -> None:
        """A refused disclosure appends nothing."""
        ledger = base()
        n = len(ledger)
        with pytest.raises(DisclosureDeniedError):
            share(ledger, "case-a", to=to("himi-school"), purpose=PLAN, date=day(6), id="d1")
        assert len(ledger) == n

    def test_forged_record_refused(self) -> None:
        """The ledger refuses a record showing more than the rules allow."""
        ledger = base()
        forged = DisclosureRecorded(id="d", date=day(6), case_id="case-a", agency_id="himi-school",
                                    purpose=PLAN, grounds=(Ground(
                                        category=DataCategory.HEALTH_CARE,
                                        basis=DisclosureBasis.SUPPORT_MEETING),))
        with pytest.raises(EventRejectedError) as info:
            ledger.append(forged)
        assert info.value.rule == "disclosure_not_allowed"

    def test_frozen(self) -> None:
        """Views are frozen."""
        view = disclose(base(), "case-a", to=sess("s-core"), purpose=CONF,
                        date=D0)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            view.case_id = "x"  # type: ignore[misc]

    def test_grounds_at(self) -> None:
        """grounds_at gives one row per category, in order, with its rule."""
        rows = grounds_at(base().facts, "case-b", D0, to("himi-cgsc"), PLAN)
        assert [r[0] for r in rows] == list(CATS)
        assert {r[2] for r in rows} == {"no_consent"}

    def test_bad_source(self) -> None:
        """A source that is not a ledger or its facts is refused."""
        with pytest.raises(InvalidValueError):
            disclose([], "case-a", to=to("himi-cgsc"), purpose=PLAN, date=D0)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            share(base().facts, "case-a", to=to("himi-cgsc"), purpose=PLAN,  # type: ignore[arg-type]
                  date=D0, id="x")


class TestAudit:
    """The audit trail answers who has seen what, and on what basis."""

    def ledger(self) -> Ledger:
        ledger = base(given_(1, Provision(agency_ids=frozenset({"himi-cgsc"}))),
                      ConsentOverridden(id="o1", date=D0, case_id="case-c",
                                        agency_id="himi-welfare", reason="命の危険",
                                        until=day(6)))
        share(ledger, "case-a", to=to("himi-cgsc"), purpose=PLAN, date=day(6), id="d1")
        share(ledger, "case-a", to=sess("s-core", 6), purpose=CONF, date=day(6), id="d2")
        share(ledger, "case-b", to=sess("s-district", 6), purpose=CONF, date=day(6), id="d3")
        share(ledger, "case-c", to=to("himi-health"), purpose=SharingPurpose.REFERRAL,
              date=day(6), id="d4")
        return ledger

    def test_who_has_seen(self) -> None:
        """Who has seen case-a's health data: the agency its consent covers, on consent, and
        the 支援会議, on its legal basis."""
        seen = who_has_seen(self.ledger(), "case-a", DataCategory.HEALTH_CARE)
        assert [(s.event_id, s.basis, s.emergency) for s in seen] == [
            ("d1", DisclosureBasis.CONSENT, False),
            ("d2", DisclosureBasis.SUPPORT_MEETING, False)]
        assert seen[1].recipient == sess("s-core", 6)

    def test_without_consent(self) -> None:
        """The disclosures relying on a 支援会議's basis, and on an override."""
        ledger = self.ledger()
        assert [e.id for e in without_consent(ledger)] == ["d2"]
        assert [e.id for e in without_consent(ledger, DisclosureBasis.EMERGENCY)] == ["d4"]
        with pytest.raises(InvalidValueError):
            without_consent(ledger, DisclosureBasis.CONSENT)

    def test_report_flags_emergency(self) -> None:
        """The report counts by ground and flags the override."""
        report = audit(self.ledger())
        assert report.total == 4
        assert report.summaries == 1
        assert dict(report.by_basis) == {"consent": 1, "support_meeting": 1, "emergency": 1}
        assert report.without_consent == 2
        assert report.emergency == ("d4",)

    def test_views_of_a_period(self) -> None:
        """A selected view of the ledger is audited too."""
        ledger = self.ledger()
        assert audit(ledger.select(end=D0 - dt.timedelta(days=1))).total == 0
        assert len(disclosures(ledger.select(start=D0), case_id="case-a")) == 2

    def test_bad_filters(self) -> None:
        """Filters of the wrong kind are refused with hokatsu errors."""
        ledger = self.ledger()
        for kw in ({"case_id": 3}, {"category": "health_care"}, {"basis": "consent"}):
            with pytest.raises(InvalidValueError):
                disclosures(ledger, **kw)
        with pytest.raises(InvalidValueError):
            disclosures(ledger.facts)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            who_has_seen(ledger, "case-a", "health_care")  # type: ignore[arg-type]


# -- property tests --------------------------------------------------------------------------

_dates = st.integers(0, 6).map(day)


@st.composite
def provisions(draw: st.DrawFn, depth: int = 2) -> Provision:
    """A provision over a few agencies, bodies, kinds, purposes and categories."""
    start = draw(st.none() | _dates)
    end = draw(st.none() | _dates.filter(lambda d: start is None or d >= start))
    return Provision(
        decision=draw(st.sampled_from(Decision)),
        agency_ids=draw(st.frozensets(st.sampled_from(AGENCIES), max_size=2)),
        body_ids=draw(st.frozensets(st.sampled_from([b for _, b, _ in SESSIONS]), max_size=1)),
        bases=draw(st.frozensets(st.sampled_from(LegalBasis), max_size=2)),
        purposes=draw(st.frozensets(st.sampled_from(SharingPurpose), max_size=2)),
        categories=draw(st.frozensets(st.sampled_from(DataCategory), max_size=3)),
        start=start, end=end,
        exceptions=tuple(draw(st.lists(provisions(depth - 1), max_size=2))) if depth else (),
    )


@st.composite
def histories(draw: st.DrawFn) -> list[Event]:
    """Consents given, changed and withdrawn over a week, and maybe an override."""
    events: list[Event] = []
    live: list[str] = []
    for n in range(draw(st.integers(0, 6))):
        date = day(n)
        action = draw(st.sampled_from(["give", "change", "withdraw", "override"]))
        if action == "give" or (not live and action != "override"):
            consent = f"k{n}"
            live.append(consent)
            events.append(ConsentGiven(id=f"h{n}", date=date, consent_id=consent,
                                       case_id=draw(st.sampled_from(CASES)),
                                       provision=draw(provisions())))
        elif action == "change":
            events.append(ConsentChanged(id=f"h{n}", date=date,
                                         consent_id=draw(st.sampled_from(live)),
                                         provision=draw(provisions())))
        elif action == "withdraw":
            consent = draw(st.sampled_from(live))
            live.remove(consent)
            events.append(ConsentWithdrawn(id=f"h{n}", date=date, consent_id=consent))
        else:
            events.append(ConsentOverridden(id=f"h{n}", date=date, agency_id="himi-welfare",
                                            case_id=draw(st.sampled_from(CASES)),
                                            reason="命の危険"))
    return events


#: An agency, or a kind of session (the session of that kind on the day is the recipient).
recipients = st.sampled_from([*AGENCIES, *(s for s, _, _ in SESSIONS)])


def rcpt(who: str, date: dt.date) -> Recipient:
    """The agency *who*, or the session of kind *who* held on *date*."""
    if who in AGENCIES:
        return to(who)
    return sess(who, (date - D0).days)


def _oracle(events: list[Event], case: str, date: dt.date, recipient: Recipient,
            purpose: SharingPurpose, category: DataCategory) -> Decision | None:
    """The consents' decision, computed naively from the events: for each consent the
    version in force, the innermost covering provision of each, the latest version's
    decision."""
    bodies = {s: b for s, b, _ in SESSIONS}
    body = bodies.get((recipient.session_id or "").rsplit("-", 1)[0])
    basis = None if body is None else himi().body(body).basis
    versions: dict[str, list[tuple[int, dt.date, Provision | None]]] = {}
    owner: dict[str, str] = {}
    for n, e in enumerate(events):
        if isinstance(e, ConsentGiven):
            owner[e.consent_id] = e.case_id
            versions[e.consent_id] = [(n, e.date, e.provision)]
        elif isinstance(e, ConsentChanged):
            versions[e.consent_id].append((n, e.date, e.provision))
        elif isinstance(e, ConsentWithdrawn):
            versions[e.consent_id].append((n, e.date, None))

    def covers(p: Provision) -> bool:
        if p.purposes and purpose not in p.purposes:
            return False
        if p.categories and category not in p.categories:
            return False
        if (p.start and date < p.start) or (p.end and date > p.end):
            return False
        if not (p.agency_ids or p.body_ids or p.bases):
            return True
        if recipient.agency_id:
            return recipient.agency_id in p.agency_ids
        return body in p.body_ids or basis in p.bases

    def innermost(p: Provision) -> Decision | None:
        if not covers(p):
            return None
        decision = p.decision
        for exception in p.exceptions:
            decision = innermost(exception) or decision
        return decision

    best: tuple[int, Decision] | None = None
    for consent, history in versions.items():
        if owner[consent] != case:
            continue
        in_force = [h for h in history if h[1] <= date]
        if not in_force or in_force[-1][2] is None:
            continue
        n, _, provision = in_force[-1]
        decision = innermost(provision)  # type: ignore[arg-type]
        if decision is not None and (best is None or n > best[0]):
            best = (n, decision)
    return None if best is None else best[1]


def _lawful(events: list[Event], case: str, date: dt.date, recipient: Recipient,
            purpose: SharingPurpose, category: DataCategory) -> bool:
    """Whether some ground lets the recipient see the category, computed from the events."""
    if _oracle(events, case, date, recipient, purpose, category) is Decision.PERMIT:
        return True
    if purpose is SharingPurpose.RESEARCH:
        return False
    if (recipient.session_id or "").startswith("s-core-"):
        return True
    return any(isinstance(e, ConsentOverridden) and e.case_id == case
               and e.date <= date <= e.last_day for e in events)


#: Each example draws a consent history of nested provisions: a quarter of the profile's
#: examples keeps the three properties near half a minute in the thorough profile.
PROPERTY = scaled(1 / 4)


class TestProperties:
    """Invariants over any consent history."""

    @PROPERTY
    @given(events=histories(), case=st.sampled_from(CASES), date=_dates, who=recipients,
           purpose=st.sampled_from(SharingPurpose))
    def test_never_without_lawful_basis(self, events: list[Event], case: str, date: dt.date,
                                        who: str, purpose: SharingPurpose) -> None:
        """A recipient without a lawful basis never sees a sensitive field, whatever the case
        and the consent history; a category is shown exactly when some ground allows it, and
        a consent-based part agrees with a naive reading of the consents."""
        ledger = base(*events)
        recipient = rcpt(who, date)
        refused = None
        try:
            view = disclose(ledger, case, to=recipient, purpose=purpose, date=date)
        except DisclosureDeniedError as error:
            refused = error.rule
        if refused is not None:
            assert refused in SHARING_RULES
            assert not any(_lawful(events, case, date, recipient, purpose, c) for c in CATS)
            return
        for part in view.parts:
            lawful = _lawful(events, case, date, recipient, purpose, part.category)
            assert part.shown == lawful, part
            if part.shown:
                assert view[part.category]
            elif part.category in SENSITIVE:
                with pytest.raises(DisclosureDeniedError):
                    view[part.category]
            if part.basis is DisclosureBasis.CONSENT:
                assert _oracle(events, case, date, recipient, purpose,
                               part.category) is Decision.PERMIT
            assert part.rule in SHARING_RULES

    @PROPERTY
    @given(events=histories(), case=st.sampled_from(CASES), date=_dates, who=recipients,
           purpose=st.sampled_from(SharingPurpose))
    def test_consent_at_agrees_with_the_consents(self, events: list[Event], case: str,
                                                 date: dt.date, who: str,
                                                 purpose: SharingPurpose) -> None:
        """consent_at gives, category by category and in order, the decision a naive reading
        of the consents gives, permits and denies alike."""
        ledger = base(*events)
        recipient = rcpt(who, date)
        expected = {c: d for c in CATS
                    if (d := _oracle(events, case, date, recipient, purpose, c)) is not None}
        found = consent_at(ledger.facts, case, date, recipient, purpose)
        assert found == expected
        assert list(found) == [c for c in CATS if c in found]

    @PROPERTY
    @given(events=histories(), case=st.sampled_from(CASES), who=recipients,
           purpose=st.sampled_from(SharingPurpose), when=st.integers(0, 6), later=_dates)
    def test_withdrawal_from_its_date(self, events: list[Event], case: str,
                                      who: str, purpose: SharingPurpose,
                                      when: int, later: dt.date) -> None:
        """Withdrawing every consent of a case on a day changes nothing before that day, and
        from that day nothing is shown on consent."""
        ledger = base(*events)
        withdrawn_on = max(day(when), ledger.last_date or D0)
        live = [c for c in ledger.facts.case_consents.get(case, [])
                if c.withdrawn is None]
        before = {d: _shown(ledger, case, who, purpose, d)
                  for d in (day(n) for n in range(7)) if d < withdrawn_on}
        ledger.extend(ConsentWithdrawn(id=f"w-{c.consent_id}", date=withdrawn_on,
                                       consent_id=c.consent_id) for c in live)
        for d, shown in before.items():
            assert _shown(ledger, case, who, purpose, d) == shown
        if later >= withdrawn_on:
            after = _shown(ledger, case, who, purpose, later)
            assert after is None or all(b is not DisclosureBasis.CONSENT
                                        for _, b in after)

    @PROPERTY
    @given(events=histories(),
           asks=st.lists(st.tuples(st.sampled_from(CASES), recipients,
                                   st.sampled_from(SharingPurpose)), max_size=12))
    def test_every_disclosure_audited(self, events: list[Event],
                                      asks: list[tuple[str, str, SharingPurpose]]) -> None:
        """Every disclosure made with share() is in the audit trail, once, with its grounds;
        a refused one is not; who_has_seen lists every category shown."""
        ledger = base(*events)
        date = day(6)
        made = []
        for n, (case, who, purpose) in enumerate(asks):
            try:
                view = share(ledger, case, to=rcpt(who, date), purpose=purpose, date=date,
                             id=f"d{n}")
            except DisclosureDeniedError:
                assert f"d{n}" not in ledger
                continue
            made.append((f"d{n}", view))
        recorded = disclosures(ledger)
        assert [e.id for e in recorded] == [i for i, _ in made]
        for (event_id, view), event in zip(made, recorded, strict=True):
            assert event.grounds == view.grounds
            assert event.case_id == view.case_id
            assert (event.agency_id, event.session_id) == (view.recipient.agency_id,
                                                            view.recipient.session_id)
            for category in view.shown:
                seen = who_has_seen(ledger, view.case_id, category)
                assert event_id in {s.event_id for s in seen}
        report = audit(ledger)
        assert report.total == len(made)
        assert set(report.emergency) == {i for i, v in made if v.emergency}


def _shown(ledger: Ledger, case: str, who: str, purpose: SharingPurpose,
           date: dt.date) -> tuple[tuple[DataCategory, DisclosureBasis | None], ...] | None:
    """The grounds of a disclosure to *who* on *date*, None when refused."""
    try:
        view = disclose(ledger, case, to=rcpt(who, date), purpose=purpose, date=date)
    except DisclosureDeniedError:
        return None
    return tuple((p.category, p.basis) for p in view.parts)



class TestCheckRecorded:
    """check_recorded is public: what the ledger would refuse, it names with a hokatsu
    error, never a KeyError."""

    @pytest.mark.parametrize("refs", [
        {"case_id": "case-a", "session_id": "no-such-session"},
        {"case_id": "no-such-case", "agency_id": "himi-cgsc"},
        {"case_id": "case-a", "agency_id": "no-such-agency"},
    ])
    def test_unknown_reference(self, refs: dict[str, str]) -> None:
        facts = Ledger(himi(), sample.himi_fy2017()).facts
        event = DisclosureRecorded(id="d1", date=dt.date(2018, 3, 27),
                                   purpose=SharingPurpose.REFERRAL, grounds=(), **refs)
        with pytest.raises(UnknownReferenceError):
            check_recorded(facts, event)

    def test_wrong_arguments(self) -> None:
        facts = Ledger(himi(), sample.himi_fy2017()).facts
        event = DisclosureRecorded(id="d1", date=dt.date(2018, 3, 27), case_id="case-a",
                                   agency_id="himi-cgsc", purpose=SharingPurpose.REFERRAL,
                                   grounds=())
        with pytest.raises(InvalidValueError, match=r"check_recorded\.event"):
            check_recorded(facts, "not an event")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=r"check_recorded\.facts"):
            check_recorded(None, event)  # type: ignore[arg-type]
        # a known agency shown only a summary: refused, in words
        assert "community tier" in (check_recorded(facts, event) or "")
