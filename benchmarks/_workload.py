"""A deterministic synthetic workload for the benchmarks: valid events for a municipality.

Not part of the library: it exists so that every benchmark measures the same events. Each day
brings new cases that open, get issues, intake and assessment, plans, referrals through their
state machine (some rejected, held, resumed, failed or cancelled), case conferences,
follow-ups and closure, some reopening later; sessions of the layered meetings with case items
escalated up the chain and community themes that continue with progress reports; and the
coordinators' and the system's activity that every operation-stage indicator reads, from
exchanges with community actors to funding, measures, trainings, evaluations, next year's plan
and targets. Its mix is roughly three events in four about cases.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from hokatsu.domain import (
    CompoundTag,
    ConsultationContent,
    Field,
    Household,
    Issue,
    Member,
    Municipality,
    Relation,
)
from hokatsu.events import (
    ActorJoined,
    AgencyInterviewed,
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentExchangeHeld,
    AssessmentRecorded,
    AssessmentStage,
    CaseClosed,
    CaseConferenceHeld,
    CaseOpened,
    CaseReopened,
    CommunityExchangeHeld,
    CommunityGatheringAttended,
    ConferenceKind,
    ConsultationReceived,
    DevelopmentConsultationHeld,
    DevelopmentMeetingHeld,
    DevelopmentPurpose,
    EvaluationCollected,
    EvaluationTopic,
    Event,
    FollowUpDone,
    FundingKind,
    FundingSecured,
    IssueIdentified,
    ItemOutcome,
    MeasureCompleted,
    MeasureDomain,
    MeasureStarted,
    MeetingHeld,
    NextYearPlanAdopted,
    Outcome,
    OutreachDone,
    PlanMade,
    PlanRole,
    ProgressReported,
    ReferralAccepted,
    ReferralCancelled,
    ReferralCompleted,
    ReferralFailed,
    ReferralPutOnHold,
    ReferralRejected,
    ReferralRequested,
    ReferralResumed,
    ReferralStarted,
    ResourceCreated,
    ResourceKind,
    Route,
    SharingConsultationHeld,
    SurveyConducted,
    TargetSet,
    TrainingHeld,
)

FIELDS = (Field.ELDERLY, Field.DISABILITY, Field.CHILDREN, Field.HARDSHIP, Field.HEALTH,
          Field.EMPLOYMENT, Field.ISOLATION)


def workload(city: Municipality, n_events: int, *, seed: int = 0,
             start: dt.date = dt.date(2016, 4, 1)) -> list[Event]:
    """About *n_events* valid events for *city*, in date order, deterministic for *seed*."""
    out: list[Event] = []
    for event in _Generator(city, random.Random(seed)).days(start):
        out.append(event)
        if len(out) >= n_events:
            break
    return out


class _Generator:
    def __init__(self, city: Municipality, rng: random.Random) -> None:
        self.city = city
        self.rng = rng
        self.seq = 0
        tree = city.areas
        self.root = tree.root.id
        self.districts = [a.id for a in tree.at_level("district")]
        self.agencies = sorted(a.id for a in city.agencies if not a.is_community_actor)
        self.actors = sorted(a.id for a in city.agencies if a.is_community_actor)
        self.coordinators = sorted(city.coordinator_ids)
        self.not_joined = sorted(a.id for a in city.agencies if a.joined is None)
        self.case_body = next(b.id for b in city.bodies if b.convenes_per == "district")
        self.promotion = [b.id for b in city.bodies if b.promotion]
        self.open_cases: list[tuple[str, str]] = []  # (case, district)
        self.closed: list[str] = []
        self.escalated: list[tuple[str, str, str, str]] = []  # (item, body, area, case)
        self.continuing: list[tuple[str, str]] = []  # (item, body)

    def nid(self, prefix: str) -> str:
        self.seq += 1
        return f"{prefix}{self.seq}"

    def days(self, day: dt.date) -> Iterator[Event]:
        while True:
            yield from self.day(day)
            day += dt.timedelta(days=1)

    def day(self, day: dt.date) -> Iterator[Event]:
        rng = self.rng
        sessions: dict[tuple[str, str], str] = {}
        for _ in range(rng.randint(15, 30)):
            yield from self.new_case(day)
        for _ in range(rng.randint(3, 8)):
            if self.open_cases:
                yield from self.case_step(day)
        if self.closed and rng.random() < .3:
            case = self.closed.pop(rng.randrange(len(self.closed)))
            yield CaseReopened(id=self.nid("e"), date=day, case_id=case)
            self.open_cases.append((case, rng.choice(self.districts)))  # area unused later
        yield from self.meetings(day, sessions)
        yield from self.activities(day)

    def new_case(self, day: dt.date) -> Iterator[Event]:
        rng, nid = self.rng, self.nid
        case, district = nid("c"), rng.choice(self.districts)
        born = dt.date(rng.randint(1930, 1990), rng.randint(1, 12), rng.randint(1, 28))
        members = (Member(id="m1", relation=Relation.HEAD, born=born),
                   Member(id="m2", relation=Relation.CHILD, born=dt.date(born.year + 28, 1, 1)))
        issues = (Issue(id="i1", member_id="m1", field=rng.choice(FIELDS), identified=day),)
        home = Household(id=nid("h"), person_id="m1", members=members, issues=issues,
                         area_id=district)
        coordinator = rng.choice(self.coordinators) if rng.random() < .7 else None
        receiver = rng.choice(self.agencies)
        yield ConsultationReceived(id=nid("e"), date=day, area_id=district, agency_id=receiver,
                                   content=rng.choice(list(ConsultationContent)))
        if rng.random() < .25:  # information only: no case
            return
        yield CaseOpened(id=nid("e"), date=day, case_id=case, household=home,
                         route=rng.choice(list(Route)), agency_id=receiver,
                         coordinator_id=coordinator,
                         prior_agency_ids=frozenset(rng.sample(self.agencies, rng.randint(0, 2))))
        yield AssessmentRecorded(id=nid("e"), date=day, case_id=case,
                                 stage=AssessmentStage.INTAKE, agency_id=receiver,
                                 coordinator_id=coordinator)
        if rng.random() < .6:
            yield IssueIdentified(id=nid("e"), date=day, case_id=case, issue=Issue(
                id="i2", member_id=rng.choice(["m1", "m2"]), field=rng.choice(FIELDS),
                identified=day, tags=frozenset({rng.choice(list(CompoundTag))}),
                fits_existing_services=rng.random() > .2))
        yield AssessmentRecorded(id=nid("e"), date=day, case_id=case,
                                 stage=AssessmentStage.ASSESSMENT, agency_id=receiver,
                                 coordinator_id=coordinator if rng.random() < .6 else None)
        other = rng.choice([a for a in self.agencies if a != receiver])
        roles = (PlanRole(agency_id=receiver, member_ids=frozenset({"m1"})),
                 PlanRole(agency_id=other,
                          member_ids=frozenset({"m2"}) if rng.random() < .7 else frozenset()))
        yield PlanMade(id=nid("e"), date=day, case_id=case, coordinator_id=coordinator,
                       roles=roles)
        yield from self.referral(day, case, receiver, other, coordinator)
        if rng.random() < .4:
            yield CaseConferenceHeld(id=nid("e"), date=day, case_id=case,
                                     kind=rng.choice(list(ConferenceKind)),
                                     agency_ids=frozenset({receiver, other}),
                                     coordinator_id=coordinator)
        self.open_cases.append((case, district))

    def referral(self, day: dt.date, case: str, sender: str, receiver: str,
                 coordinator: str | None) -> Iterator[Event]:
        rng, nid = self.rng, self.nid
        ref = nid("r")
        yield ReferralRequested(id=nid("e"), date=day, referral_id=ref, case_id=case,
                                from_agency_id=sender, to_agency_id=receiver,
                                coordinator_id=coordinator, member_id="m2")
        fate = rng.random()
        if fate < .08:
            yield ReferralRejected(id=nid("e"), date=day, referral_id=ref, actor_id=receiver,
                                   reason="対象外")
            return
        if fate < .12:
            yield ReferralCancelled(id=nid("e"), date=day, referral_id=ref, actor_id=sender,
                                    reason="本人の意向")
            return
        yield ReferralAccepted(id=nid("e"), date=day, referral_id=ref, actor_id=receiver)
        yield ReferralStarted(id=nid("e"), date=day, referral_id=ref, actor_id=receiver)
        if rng.random() < .1:
            yield ReferralPutOnHold(id=nid("e"), date=day, referral_id=ref, actor_id=receiver,
                                    reason="入院")
            yield ReferralResumed(id=nid("e"), date=day, referral_id=ref, actor_id=receiver)
        if rng.random() < .05:
            yield ReferralFailed(id=nid("e"), date=day, referral_id=ref, actor_id=receiver,
                                 reason="連絡が取れない")
        else:
            yield ReferralCompleted(id=nid("e"), date=day, referral_id=ref, actor_id=receiver)

    def case_step(self, day: dt.date) -> Iterator[Event]:
        rng, nid = self.rng, self.nid
        i = rng.randrange(len(self.open_cases))
        case, _ = self.open_cases[i]
        roll = rng.random()
        agency = rng.choice(self.agencies)
        if roll < .4:
            yield FollowUpDone(id=nid("e"), date=day, case_id=case, agency_id=agency,
                               coordinator_id=rng.choice(self.coordinators))
        elif roll < .55:
            other = rng.choice([a for a in self.agencies if a != agency])
            yield from self.referral(day, case, agency, other, rng.choice(self.coordinators))
        else:
            yield CaseClosed(id=nid("e"), date=day, case_id=case,
                             outcome=rng.choice(list(Outcome)))
            self.open_cases[i] = self.open_cases[-1]
            self.open_cases.pop()
            self.closed.append(case)

    def session(self, day: dt.date, sessions: dict[tuple[str, str], str], body: str,
                area: str) -> Iterator[Event]:
        key = (body, area)
        if key not in sessions:
            sessions[key] = self.nid("s")
            yield MeetingHeld(id=self.nid("e"), date=day, session_id=sessions[key],
                              body_id=body, area_id=area,
                              agency_ids=frozenset(self.rng.sample(self.agencies, 4)),
                              participants=self.rng.randint(5, 20),
                              coordinator_ids=frozenset(self.coordinators[:1]))

    def meetings(self, day: dt.date, sessions: dict[tuple[str, str], str]) -> Iterator[Event]:
        rng, nid, city = self.rng, self.nid, self.city
        for district in rng.sample(self.districts, 2):
            if not self.open_cases:
                break
            yield from self.session(day, sessions, self.case_body, district)
            case = self.open_cases[rng.randrange(len(self.open_cases))][0]
            item = nid("i")
            yield AgendaItemRaised(id=nid("e"), date=day, item_id=item,
                                   session_id=sessions[(self.case_body, district)], case_id=case)
            outcome = ItemOutcome.ESCALATED if rng.random() < .3 else ItemOutcome.AGREED
            yield AgendaItemConcluded(id=nid("e"), date=day, item_id=item,
                                      session_id=sessions[(self.case_body, district)],
                                      outcome=outcome)
            if outcome is ItemOutcome.ESCALATED:
                target = city.escalation_target(self.case_body, district)
                assert target is not None
                self.escalated.append((item, *target, case))
        still = []
        for item, body, area, case in self.escalated:
            if rng.random() < .5:  # waits for a later session
                still.append((item, body, area, case))
                continue
            yield from self.session(day, sessions, body, area)
            new = nid("i")
            yield AgendaItemRaised(id=nid("e"), date=day, item_id=new,
                                   session_id=sessions[(body, area)], case_id=case,
                                   escalated_from=item)
            top = city.escalation_target(body, area) is None
            outcome = (ItemOutcome.RESPONSE_PRESENTED if top or rng.random() < .6
                       else ItemOutcome.ESCALATED)
            yield AgendaItemConcluded(id=nid("e"), date=day, item_id=new,
                                      session_id=sessions[(body, area)], outcome=outcome)
            if outcome is ItemOutcome.ESCALATED:
                target = city.escalation_target(body, area)
                assert target is not None
                still.append((new, *target, case))
        self.escalated = still
        if self.promotion and day.weekday() == 2:  # a 推進会議 session every Wednesday
            body = rng.choice(self.promotion)
            yield from self.session(day, sessions, body, self.root)
            session = sessions[(body, self.root)]
            for item, item_body in list(self.continuing):
                if item_body == body:
                    yield ProgressReported(id=nid("e"), date=day, item_id=item,
                                           session_id=session)
                    if rng.random() < .5:
                        yield AgendaItemConcluded(id=nid("e"), date=day, item_id=item,
                                                  session_id=session,
                                                  outcome=ItemOutcome.RESPONSE_PRESENTED)
                        self.continuing.remove((item, item_body))
            item = nid("i")
            yield AgendaItemRaised(id=nid("e"), date=day, item_id=item, session_id=session,
                                   theme="地域の見守り体制")
            outcome = rng.choice([ItemOutcome.AGREED, ItemOutcome.RESPONSE_PRESENTED,
                                  ItemOutcome.CONTINUED])
            yield AgendaItemConcluded(id=nid("e"), date=day, item_id=item, session_id=session,
                                      outcome=outcome)
            if outcome is ItemOutcome.CONTINUED:
                self.continuing.append((item, body))

    def activities(self, day: dt.date) -> Iterator[Event]:
        rng, nid, root = self.rng, self.nid, self.root
        district = rng.choice(self.districts)
        coordinator = rng.choice(self.coordinators)
        yield CommunityExchangeHeld(id=nid("e"), date=day, area_id=district,
                                    coordinator_id=coordinator,
                                    actor_ids=frozenset(rng.sample(self.actors, 2)))
        yield CommunityGatheringAttended(id=nid("e"), date=day, area_id=district,
                                         coordinator_id=coordinator,
                                         actor_ids=frozenset({rng.choice(self.actors)}))
        yield OutreachDone(id=nid("e"), date=day, area_id=district, coordinator_id=coordinator,
                           actor_ids=frozenset({rng.choice(self.actors)})
                           if rng.random() < .6 else frozenset())
        yield AgencyInterviewed(id=nid("e"), date=day, area_id=root,
                                coordinator_id=coordinator, agency_id=rng.choice(self.agencies))
        if day.weekday() == 4:  # weekly work on the system
            purpose = rng.choice(list(DevelopmentPurpose))
            yield DevelopmentConsultationHeld(id=nid("e"), date=day, area_id=district,
                                              purpose=purpose,
                                              actor_ids=frozenset(rng.sample(self.actors, 2)))
            yield DevelopmentMeetingHeld(id=nid("e"), date=day, area_id=root, purpose=purpose,
                                         agency_ids=frozenset(rng.sample(self.agencies, 3)),
                                         participants=rng.randint(5, 30))
            yield SharingConsultationHeld(id=nid("e"), date=day, area_id=root,
                                          agency_ids=frozenset(rng.sample(self.agencies, 3)))
            yield AssessmentExchangeHeld(id=nid("e"), date=day, area_id=root,
                                         agency_ids=frozenset(rng.sample(self.agencies, 2)),
                                         participants=rng.randint(5, 25))
        if day.day == 1:  # monthly
            yield SurveyConducted(id=nid("e"), date=day, area_id=district, items=20,
                                  respondents=rng.randint(50, 300))
            yield TrainingHeld(id=nid("e"), date=day, area_id=root,
                               participants=rng.randint(10, 60))
            measure = nid("ms")
            yield MeasureStarted(id=nid("e"), date=day, area_id=root, measure_id=measure,
                                 domain=rng.choice(list(MeasureDomain)), title="改善策")
            yield MeasureCompleted(id=nid("e"), date=day, measure_id=measure)
            yield FundingSecured(id=nid("e"), date=day, area_id=root,
                                 kind=rng.choice(list(FundingKind)),
                                 amount_yen=rng.randint(1, 100) * 10_000,
                                 newly_budgeted=rng.random() < .5)
            yield ResourceCreated(id=nid("e"), date=day, area_id=district,
                                  resource_id=nid("res"), kind=rng.choice(list(ResourceKind)),
                                  name="サロン", partner_ids=frozenset({rng.choice(self.actors)}))
            for topic in EvaluationTopic:
                yield EvaluationCollected(id=nid("e"), date=day, area_id=root, topic=topic,
                                          counts=(*(rng.randint(0, 9) for _ in range(4)), 1))
            if self.not_joined and rng.random() < .3:
                yield ActorJoined(id=nid("e"), date=day, area_id=root,
                                  agency_id=self.not_joined.pop())
        if day.month == 3 and day.day == 15:  # next year's plan and targets
            yield NextYearPlanAdopted(id=nid("e"), date=day, area_id=root,
                                      fiscal_year=day.year)
            yield TargetSet(id=nid("e"), date=day, area_id=root, fiscal_year=day.year,
                            indicator_id="2A2", value=100)
