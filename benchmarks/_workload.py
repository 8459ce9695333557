"""A deterministic synthetic workload for the benchmarks: valid events for the 氷見市 preset.

Not part of the library: it exists so that every benchmark measures the same events. It makes
cases that open, get issues, assessments, plans, referrals through their state machine,
conferences and closure; sessions of the layered meetings with items escalated up the chain;
and the activity events every operation-stage indicator reads.
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
    AgencyInterviewed,
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentRecorded,
    AssessmentStage,
    CaseClosed,
    CaseConferenceHeld,
    CaseOpened,
    CommunityExchangeHeld,
    ConferenceKind,
    ConsultationReceived,
    EvaluationCollected,
    EvaluationTopic,
    Event,
    FundingKind,
    FundingSecured,
    IssueIdentified,
    ItemOutcome,
    MeasureCompleted,
    MeasureDomain,
    MeasureStarted,
    MeetingHeld,
    Outcome,
    OutreachDone,
    PlanMade,
    PlanRole,
    ReferralAccepted,
    ReferralCompleted,
    ReferralRequested,
    ReferralStarted,
    Route,
    SurveyConducted,
    TrainingHeld,
)

FIELDS = (Field.ELDERLY, Field.DISABILITY, Field.CHILDREN, Field.HARDSHIP, Field.HEALTH)


def workload(city: Municipality, n_events: int, *, seed: int = 0,
             start: dt.date = dt.date(2016, 4, 1)) -> list[Event]:
    """About *n_events* valid events for *city*, in date order, deterministic for *seed*."""
    out: list[Event] = []
    for event in _generate(city, random.Random(seed), start):
        out.append(event)
        if len(out) >= n_events:
            break
    return out


def _generate(city: Municipality, rng: random.Random, start: dt.date) -> Iterator[Event]:
    districts = [a.id for a in city.areas.at_level("district")]
    agencies = [a.id for a in city.agencies if not a.is_community_actor]
    actors = [a.id for a in city.agencies if a.is_community_actor]
    coordinators = sorted(city.coordinator_ids)
    root = city.areas.root.id
    seq = 0
    day = start
    open_cases: list[tuple[str, str, str]] = []  # (case, receiver, district)
    pending: list[tuple[str, str, str, str]] = []  # escalated: (item, body, area, case)
    session_of_day: dict[tuple[str, str], str] = {}

    def nid(prefix: str) -> str:
        nonlocal seq
        seq += 1
        return f"{prefix}{seq}"

    while True:
        session_of_day.clear()
        for _ in range(rng.randint(20, 40)):  # cases opened today
            case = nid("c")
            district = rng.choice(districts)
            born = dt.date(rng.randint(1930, 2010), rng.randint(1, 12), rng.randint(1, 28))
            members = (Member(id="m1", relation=Relation.HEAD, born=born),
                       Member(id="m2", relation=Relation.CHILD,
                              born=dt.date(born.year + 28, 1, 1)))
            issues = (Issue(id="i1", member_id="m1", field=rng.choice(FIELDS), identified=day),)
            home = Household(id=nid("h"), person_id="m1", members=members, issues=issues,
                             area_id=district)
            coordinator = rng.choice(coordinators)
            receiver = rng.choice(agencies)
            yield CaseOpened(id=nid("e"), date=day, case_id=case, household=home,
                             route=rng.choice(list(Route)), agency_id=receiver,
                             coordinator_id=coordinator,
                             prior_agency_ids=frozenset({rng.choice(agencies)}))
            yield ConsultationReceived(id=nid("e"), date=day, area_id=district,
                                       agency_id=receiver, case_id=case,
                                       content=rng.choice(list(ConsultationContent)))
            yield IssueIdentified(id=nid("e"), date=day, case_id=case, issue=Issue(
                id="i2", member_id="m2", field=rng.choice(FIELDS), identified=day,
                tags=frozenset({CompoundTag.EIGHTY_FIFTY}),
                fits_existing_services=rng.random() > .2))
            yield AssessmentRecorded(id=nid("e"), date=day, case_id=case,
                                     stage=AssessmentStage.ASSESSMENT, agency_id=receiver,
                                     coordinator_id=coordinator if rng.random() < .6 else None)
            other = rng.choice([a for a in agencies if a != receiver])
            yield PlanMade(id=nid("e"), date=day, case_id=case, coordinator_id=coordinator,
                           roles=(PlanRole(agency_id=receiver, member_ids=frozenset({"m1"})),
                                  PlanRole(agency_id=other, member_ids=frozenset({"m2"}))))
            ref = nid("r")
            yield ReferralRequested(id=nid("e"), date=day, referral_id=ref, case_id=case,
                                    from_agency_id=receiver, to_agency_id=other,
                                    coordinator_id=coordinator, member_id="m2")
            yield ReferralAccepted(id=nid("e"), date=day, referral_id=ref, actor_id=other)
            yield ReferralStarted(id=nid("e"), date=day, referral_id=ref, actor_id=other)
            yield CaseConferenceHeld(id=nid("e"), date=day, case_id=case,
                                     kind=ConferenceKind.CASE_CONFERENCE,
                                     agency_ids=frozenset({receiver, other}),
                                     coordinator_id=coordinator)
            yield ReferralCompleted(id=nid("e"), date=day, referral_id=ref, actor_id=other)
            open_cases.append((case, district, other))
        # a district meeting in a few districts, with a case item that may escalate
        for district in rng.sample(districts, 3):
            if not open_cases:
                break
            session = nid("s")
            yield MeetingHeld(id=nid("e"), date=day, session_id=session,
                              body_id="himi-district", area_id=district,
                              agency_ids=frozenset(rng.sample(agencies, 3)),
                              participants=rng.randint(5, 15))
            case = open_cases[rng.randrange(len(open_cases))][0]
            item = nid("i")
            yield AgendaItemRaised(id=nid("e"), date=day, item_id=item, session_id=session,
                                   case_id=case)
            outcome = ItemOutcome.ESCALATED if rng.random() < .3 else ItemOutcome.AGREED
            yield AgendaItemConcluded(id=nid("e"), date=day, item_id=item, session_id=session,
                                      outcome=outcome)
            if outcome is ItemOutcome.ESCALATED:
                target = city.escalation_target("himi-district", district)
                assert target is not None
                pending.append((item, *target, case))
        # escalated items are taken up by the next body the following day
        still: list[tuple[str, str, str, str]] = []
        for item, body, area, case in pending:
            if rng.random() < .5:
                still.append((item, body, area, case))
                continue
            key = (body, area)
            if key not in session_of_day:
                session_of_day[key] = nid("s")
                yield MeetingHeld(id=nid("e"), date=day, session_id=session_of_day[key],
                                  body_id=body, area_id=area,
                                  agency_ids=frozenset(rng.sample(agencies, 4)),
                                  participants=rng.randint(6, 20))
            new = nid("i")
            yield AgendaItemRaised(id=nid("e"), date=day, item_id=new,
                                   session_id=session_of_day[key], case_id=case,
                                   escalated_from=item)
            top = city.escalation_target(body, area) is None
            outcome = (ItemOutcome.RESPONSE_PRESENTED if top or rng.random() < .6
                       else ItemOutcome.ESCALATED)
            yield AgendaItemConcluded(id=nid("e"), date=day, item_id=new,
                                      session_id=session_of_day[key], outcome=outcome)
            if outcome is ItemOutcome.ESCALATED:
                target = city.escalation_target(body, area)
                assert target is not None
                still.append((new, *target, case))
        pending = still
        # close some cases
        rng.shuffle(open_cases)
        for case, _, _ in open_cases[: len(open_cases) // 3]:
            yield CaseClosed(id=nid("e"), date=day, case_id=case,
                             outcome=rng.choice(list(Outcome)))
        open_cases = open_cases[len(open_cases) // 3:]
        # the coordinator's activity
        district = rng.choice(districts)
        coordinator = rng.choice(coordinators)
        yield CommunityExchangeHeld(id=nid("e"), date=day, area_id=district,
                                    coordinator_id=coordinator,
                                    actor_ids=frozenset(rng.sample(actors, 2)))
        yield OutreachDone(id=nid("e"), date=day, area_id=district, coordinator_id=coordinator,
                           actor_ids=frozenset({rng.choice(actors)}))
        yield AgencyInterviewed(id=nid("e"), date=day, area_id=root,
                                coordinator_id=coordinator, agency_id=rng.choice(agencies))
        if day.day == 1:
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
            yield EvaluationCollected(id=nid("e"), date=day, area_id=root,
                                      topic=rng.choice(list(EvaluationTopic)),
                                      counts=(*tuple(rng.randint(0, 9) for _ in range(4)), 1))
        day += dt.timedelta(days=1)
