"""A scenario: a directory, a population, rates, meeting schedules, activity programmes and a
coordinator policy — everything :func:`~hokatsu.simulation.engine.simulate` needs besides a seed.

Every default is an assumption of :mod:`hokatsu.simulation.assumptions`, where each number
has its reason. A "what if" is a changed scenario: :func:`attrs.evolve` one field, or change
the directory with :func:`remove_body` (no block tier) or a :class:`CoordinatorPolicy` (the
coordinator in the city office instead of the 社協).

Examples:
    >>> from hokatsu.reference import himi
    >>> s = Scenario(name="氷見市", directory=himi(), fiscal_year=2017)
    >>> s.n_households, round(s.household_size, 2)
    (16096, 2.98)
    >>> flat = remove_body(himi(), "himi-block")
    >>> flat.body("himi-district").escalates_to
    'himi-core'
"""

from __future__ import annotations

import hashlib
import math
import pickle

import attrs

from hokatsu import _validators as v
from hokatsu.domain.agencies import AgencyKind, Sector
from hokatsu.domain.coordinators import (
    ActivityRange,
    Affiliation,
    Coordinator,
    PlacementPattern,
)
from hokatsu.domain.fields import CompoundTag, Field
from hokatsu.domain.meetings import Frequency
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import InvalidValueError, UnknownReferenceError
from hokatsu.events import Route
from hokatsu.simulation import assumptions as _a

__all__ = [
    "CoordinatorPolicy",
    "MeetingSchedule",
    "Programme",
    "Rates",
    "Scenario",
    "remove_body",
]

_SHARE = v.number(0, 1)
_DAYS = v.number(0.5, 3650)
_COUNT = v.number(0, 100_000)


def _weights(check: v.Check) -> v.Check:
    pair = v.Check(f"a pair of {check.expected} and a weight of at least 0", lambda x, _p: (
        None if type(x) is tuple and len(x) == 2 and check.find(x[0]) is None
        and v.number(0).find(x[1]) is None else ("", x, "")))
    inner = v.tuple_of(pair, nonempty=True)

    def find(value: object, personal: bool = False) -> v.Problem:
        problem = inner.find(value, personal)
        if problem is not None:
            return problem
        assert isinstance(value, tuple)
        if sum(w for _, w in value) <= 0:
            return ("", value, "weights that do not all vanish")
        return None

    return v.Check(inner.expected + " (weights not all zero)", find)


def _chances(check: v.Check) -> v.Check:
    pair = v.Check(f"a pair of {check.expected} and a chance from 0 to 1", lambda x, _p: (
        None if type(x) is tuple and len(x) == 2 and check.find(x[0]) is None
        and _SHARE.find(x[1]) is None else ("", x, "")))
    return v.tuple_of(pair)


@attrs.frozen(kw_only=True)
class Rates:
    """How often things happen and how long they take (defaults: the assumptions).

    Args:
        consultations_per_1000: consultations a year per 1,000 households.
        case_share: share of consultations opened as cases.
        hub_share: share of an area's consultations its first-stop base or desk receives.
        fields: weights of the field a consultation is mainly about.
        tags: chance of each compound pattern (8050, ダブルケア, ヤングケアラー …) per case.
        extra_issue: chance the person has a second issue (type ②).
        no_fitting_service: chance an issue fits no existing service (type ③).
        hidden_issue: chance assessment finds a further issue.
        routes: weights of the routes cases come by (outreach apart).
        days_to_assessment: mean days from intake to assessment.
        days_to_plan: mean days from assessment to the plan.
        days_to_accept: mean days a receiving agency takes to answer a referral.
        support_days: mean days of support under a referral.
        follow_up_days: mean days between follow-ups.
        days_to_reopen: mean days before a closed case that reopens does so.
        referral_accept: chance a referral is accepted.
        referral_reject: chance it is rejected (the rest is withdrawn by the sender).
        referral_hold: chance support under a referral pauses.
        referral_complete: chance support completes rather than fails.
        agency_capacity: referrals an agency holds at once when its directory entry gives
            no capacity; None for no limit. A full agency rejects.
        conference: chance a case involving several agencies holds a case conference.
        close_at_follow_up: chance a follow-up after every referral ended closes the case.
        reopen: chance a closed case reopens.
        meeting_share: chance a hard case is brought to the lowest case meeting.
        urgent_share: chance a hard case needs an ad-hoc body.
        consent: chance a household consents to its case being shared at meetings.
        effective_by_tier: chance a body of tier 1, 2, 3 … finds an effective way to support
            a case (the last value for deeper tiers).
        themes_per_session: mean community themes raised per session.

    Raises:
        InvalidValueError: a rate out of its range, or *referral_accept* and
            *referral_reject* adding up to more than 1.

    Examples:
        >>> from hokatsu.simulation.scenario import Rates
        >>> Rates(case_share=0.5).case_share, Rates().agency_capacity
        (0.5, None)
        >>> Rates(referral_accept=0.8, referral_reject=0.3)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """

    consultations_per_1000: float = attrs.field(
        default=_a.CONSULTATIONS_PER_1000, validator=v.number(0, 1000))
    case_share: float = attrs.field(default=_a.CASE_SHARE, validator=_SHARE)
    hub_share: float = attrs.field(default=_a.HUB_SHARE, validator=_SHARE)
    fields: tuple[tuple[Field, float], ...] = attrs.field(
        default=_a.FIELD_WEIGHTS, validator=_weights(v.enum_of(Field)))
    tags: tuple[tuple[CompoundTag, float], ...] = attrs.field(
        default=_a.TAG_CHANCES, validator=_chances(v.enum_of(CompoundTag)))
    extra_issue: float = attrs.field(default=_a.EXTRA_ISSUE, validator=_SHARE)
    no_fitting_service: float = attrs.field(default=_a.NO_FITTING_SERVICE, validator=_SHARE)
    hidden_issue: float = attrs.field(default=_a.HIDDEN_ISSUE, validator=_SHARE)
    routes: tuple[tuple[Route, float], ...] = attrs.field(
        default=_a.ROUTE_WEIGHTS, validator=_weights(v.enum_of(Route)))
    days_to_assessment: float = attrs.field(default=_a.DAYS_TO_ASSESSMENT, validator=_DAYS)
    days_to_plan: float = attrs.field(default=_a.DAYS_TO_PLAN, validator=_DAYS)
    days_to_accept: float = attrs.field(default=_a.DAYS_TO_ACCEPT, validator=_DAYS)
    support_days: float = attrs.field(default=_a.SUPPORT_DAYS, validator=_DAYS)
    follow_up_days: float = attrs.field(default=_a.FOLLOW_UP_DAYS, validator=_DAYS)
    days_to_reopen: float = attrs.field(default=_a.DAYS_TO_REOPEN, validator=_DAYS)
    referral_accept: float = attrs.field(default=_a.REFERRAL_ACCEPT, validator=_SHARE)
    referral_reject: float = attrs.field(default=_a.REFERRAL_REJECT, validator=_SHARE)
    referral_hold: float = attrs.field(default=_a.REFERRAL_HOLD, validator=_SHARE)
    referral_complete: float = attrs.field(default=_a.REFERRAL_COMPLETE, validator=_SHARE)
    agency_capacity: int | None = attrs.field(
        default=None, validator=v.optional(v.integer(1)))
    conference: float = attrs.field(default=_a.CONFERENCE, validator=_SHARE)
    close_at_follow_up: float = attrs.field(default=_a.CLOSE_AT_FOLLOW_UP, validator=_SHARE)
    reopen: float = attrs.field(default=_a.REOPEN, validator=_SHARE)
    meeting_share: float = attrs.field(default=_a.MEETING_SHARE, validator=_SHARE)
    urgent_share: float = attrs.field(default=_a.URGENT_SHARE, validator=_SHARE)
    consent: float = attrs.field(default=_a.CONSENT, validator=_SHARE)
    effective_by_tier: tuple[float, ...] = attrs.field(
        default=_a.EFFECTIVE_BY_TIER, validator=v.tuple_of(_SHARE, nonempty=True))
    themes_per_session: float = attrs.field(default=_a.THEMES_PER_SESSION,
                                            validator=v.number(0, 100))

    def __attrs_post_init__(self) -> None:
        if self.referral_accept + self.referral_reject > 1:
            raise InvalidValueError(
                "Rates", "referral_reject", self.referral_reject,
                f"at most {1 - self.referral_accept:g} (1 minus referral_accept)")

    def effective(self, tier: int) -> float:
        """The chance a body of *tier* finds an effective way to support a case.

        Args:
            tier: the body's tier, 1 for the lowest.

        Returns:
            The tier's value of *effective_by_tier*, the last one for deeper tiers.

        Raises:
            InvalidValueError: *tier* is not a whole number from 1 to 9.

        Examples:
            >>> from hokatsu.simulation.scenario import Rates
            >>> rates = Rates(effective_by_tier=(0.5, 0.7))
            >>> rates.effective(1), rates.effective(2), rates.effective(5)
            (0.5, 0.7, 0.7)
        """
        v.argument("Rates.effective", "tier", tier, v.integer(1, 9))
        return self.effective_by_tier[min(tier, len(self.effective_by_tier)) - 1]


@attrs.frozen(kw_only=True)
class Programme:
    """Activities a year: per full-time coordinator for the coordinators' own work
    (exchanges, gatherings, outreach, interviews, development consultations), for the
    system for the rest. Defaults: the ``PROGRAMME`` assumption
    (:mod:`hokatsu.simulation.assumptions`).

    Args:
        exchanges: exchanges of views with community actors (1A1).
        gatherings: community gatherings attended (1A2).
        surveys: questionnaire surveys (1A3–1A5).
        interviews: agencies interviewed (1A6).
        outreach: outreach visits (1A7); some find cases.
        outreach_finds_case: chance an outreach visit finds a household that becomes a case.
        development_consultations: consultations toward resources or funding (3A1, 3A5).
        development_meetings: meetings toward resources or funding (3A2–3A4, 3A6, 3A7).
        resources: new resources (3O2, 3O3, 2O3).
        funding: new funding secured (3O4–3O6).
        join_share: share of agencies outside the system that join in a year (3O1).
        measures: measures started (4A1, 4A4), some completed (4O1, 4O3).
        sharing_consultations: consultations to smooth information sharing (4A3).
        trainings: trainings for professionals (4A5, 4A6).
        assessment_exchanges: exchanges on assessment (4A7, 4A8).
        activity_sessions: sessions of participation and community activities (salons, study
            support, children's diners), some of them community building (地域づくり).

    Raises:
        InvalidValueError: a count out of 0–100,000 or a share out of 0–1.

    Examples:
        >>> from hokatsu.simulation.scenario import Programme
        >>> Programme(outreach=0).outreach, Programme(outreach=0) == Programme()
        (0, False)
    """

    exchanges: float = attrs.field(default=_a.PROGRAMME["exchanges"], validator=_COUNT)
    gatherings: float = attrs.field(default=_a.PROGRAMME["gatherings"], validator=_COUNT)
    surveys: float = attrs.field(default=_a.PROGRAMME["surveys"], validator=_COUNT)
    interviews: float = attrs.field(default=_a.PROGRAMME["interviews"], validator=_COUNT)
    outreach: float = attrs.field(default=_a.PROGRAMME["outreach"], validator=_COUNT)
    outreach_finds_case: float = attrs.field(default=_a.OUTREACH_FINDS_CASE, validator=_SHARE)
    development_consultations: float = attrs.field(
        default=_a.PROGRAMME["development_consultations"], validator=_COUNT)
    development_meetings: float = attrs.field(
        default=_a.PROGRAMME["development_meetings"], validator=_COUNT)
    resources: float = attrs.field(default=_a.PROGRAMME["resources"], validator=_COUNT)
    funding: float = attrs.field(default=_a.PROGRAMME["funding"], validator=_COUNT)
    join_share: float = attrs.field(default=_a.JOIN_SHARE, validator=_SHARE)
    measures: float = attrs.field(default=_a.PROGRAMME["measures"], validator=_COUNT)
    sharing_consultations: float = attrs.field(
        default=_a.PROGRAMME["sharing_consultations"], validator=_COUNT)
    trainings: float = attrs.field(default=_a.PROGRAMME["trainings"], validator=_COUNT)
    assessment_exchanges: float = attrs.field(
        default=_a.PROGRAMME["assessment_exchanges"], validator=_COUNT)
    activity_sessions: float = attrs.field(
        default=_a.PROGRAMME["activity_sessions"], validator=_COUNT)


@attrs.frozen(kw_only=True)
class MeetingSchedule:
    """How often one body meets in the scenario, overriding the directory.

    Args:
        body_id: the body.
        frequency: how often it meets in each of its session areas; ad hoc: when a case
            needs it.

    Raises:
        InvalidValueError: *body_id* is not an id or *frequency* not a Frequency.

    Examples:
        >>> from hokatsu.domain.meetings import Frequency, FrequencyUnit
        >>> from hokatsu.simulation.scenario import MeetingSchedule
        >>> schedule = MeetingSchedule(body_id="himi-core",
        ...                            frequency=Frequency(times=2, per=FrequencyUnit.YEAR))
        >>> schedule.frequency.sessions_per_year
        2.0
    """

    body_id: str = attrs.field(validator=v.ID)
    frequency: Frequency = attrs.field(validator=v.instance_of(Frequency))


@attrs.frozen(kw_only=True)
class CoordinatorPolicy:
    """Who the coordinators are: none, or a placement pattern ①–⑥ with a total FTE
    (第2章 4.). The scenario's directory gets coordinators made from it.

    Args:
        pattern: the placement pattern, None for no coordinator at all.
        fte: the total full-time equivalent, split into coordinators of at most 1 FTE (an
            area-based pattern makes one per area of the case meetings' level at least).

    Raises:
        InvalidValueError: *pattern* is not a PlacementPattern, or *fte* not above 0.

    Examples:
        >>> from hokatsu.reference import himi
        >>> from hokatsu.simulation.scenario import CoordinatorPolicy
        >>> CoordinatorPolicy().apply(himi()).coordinators
        ()
        >>> CoordinatorPolicy(fte=0)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """

    pattern: PlacementPattern | None = attrs.field(
        default=None, validator=v.optional(v.enum_of(PlacementPattern)))
    fte: float = attrs.field(default=1.0, validator=v.number(0, 1000, exclusive_min=True))

    def apply(self, directory: Municipality, area_level: str | None = None) -> Municipality:
        """*directory* with its coordinators replaced by this policy's.

        Args:
            directory: the directory.
            area_level: the level whose areas area-based coordinators serve; default the
                second level of the area tree.

        Returns:
            A new directory: none of its own coordinators, this policy's instead (none for
            no pattern), hosted by the first agency of the pattern's affiliation.

        Raises:
            InvalidValueError: *directory* is not a Municipality, or *area_level* not an id.
            UnknownReferenceError: *area_level* is not a level of the tree.

        Examples:
            >>> from hokatsu.reference import himi
            >>> city = CoordinatorPolicy(pattern=PlacementPattern.MUNICIPALITY_CITY_WIDE,
            ...                          fte=1.5).apply(himi())
            >>> [(c.agency_id, c.fte) for c in city.coordinators]
            [('himi-welfare', 0.75), ('himi-welfare', 0.75)]
        """
        v.argument("CoordinatorPolicy.apply", "directory", directory,
                   v.instance_of(Municipality))
        v.argument("CoordinatorPolicy.apply", "area_level", area_level, v.optional(v.ID))
        if self.pattern is None:
            return attrs.evolve(directory, coordinators=())
        affiliation = (Affiliation.MUNICIPALITY, Affiliation.SOCIAL_WELFARE_COUNCIL,
                       Affiliation.OTHER)[(self.pattern.number - 1) // 2]
        area_based = self.pattern.number % 2 == 0
        host = _host(directory, affiliation)
        tree = directory.areas
        if area_based:
            level = area_level or tree.levels[min(1, len(tree.levels) - 1)]
            if level not in tree.levels:
                raise UnknownReferenceError("CoordinatorPolicy.apply", "area_level", level,
                                            tree.levels)
            areas = [a.id for a in tree.at_level(level)]
            n = max(1, min(len(areas), math.ceil(self.fte)))
            groups = [frozenset(areas[i::n]) for i in range(n)]
        else:
            n = math.ceil(self.fte)
            groups = [frozenset()] * n
        fte = round(self.fte / n, 6)
        return attrs.evolve(directory, coordinators=tuple(
            Coordinator(id=f"sim-coordinator{i + 1}", affiliation=affiliation,
                        activity_range=ActivityRange.AREA if area_based
                        else ActivityRange.CITY_WIDE,
                        area_ids=group, fte=min(1.0, fte), agency_id=host)
            for i, group in enumerate(groups)))


def _host(directory: Municipality, affiliation: Affiliation) -> str | None:
    """The agency a coordinator of *affiliation* is placed in: a municipal section, the
    社協, or another organisation (the first in the directory's order)."""
    def first(ok: object) -> str | None:
        return next((a.id for a in directory.agencies if ok(a)), None)  # type: ignore[operator]

    if affiliation is Affiliation.MUNICIPALITY:
        return first(lambda a: a.sector is Sector.GOVERNMENT)
    if affiliation is Affiliation.SOCIAL_WELFARE_COUNCIL:
        return first(lambda a: a.kind is AgencyKind.SOCIAL_WELFARE_COUNCIL) or first(
            lambda a: a.sector is Sector.SOCIAL_WELFARE_COUNCIL)
    return first(lambda a: a.sector not in (Sector.GOVERNMENT, Sector.SOCIAL_WELFARE_COUNCIL,
                                            Sector.COMMUNITY))


def remove_body(directory: Municipality, body_id: str) -> Municipality:
    """*directory* without the meeting body *body_id*; bodies that escalated to it escalate
    to where it escalated (氷見市 without its ブロック会議: 地域会議 → コア会議).

    Args:
        directory: the directory.
        body_id: the body to remove.

    Returns:
        A new directory; bodies that were part of the removed one stand on their own.

    Raises:
        InvalidValueError: *directory* is not a Municipality, or *body_id* not an id.
        UnknownReferenceError: no such body.

    Examples:
        >>> from hokatsu.reference import himi
        >>> from hokatsu.simulation.scenario import remove_body
        >>> flat = remove_body(himi(), "himi-block")
        >>> "himi-block" in flat.body_ids, len(flat.bodies) == len(himi().bodies) - 1
        (False, True)
        >>> remove_body(himi(), "himi-nowhere")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.UnknownReferenceError: ...
    """
    v.argument("remove_body", "directory", directory, v.instance_of(Municipality))
    v.argument("remove_body", "body_id", body_id, v.ID)
    if body_id not in directory.body_ids:
        raise UnknownReferenceError("remove_body", "body_id", body_id, directory.body_ids)
    gone = directory.body(body_id)
    bodies = tuple(
        attrs.evolve(b, escalates_to=gone.escalates_to) if b.escalates_to == body_id else b
        for b in directory.bodies if b.id != body_id)
    return attrs.evolve(directory, bodies=tuple(
        attrs.evolve(b, part_of=None) if b.part_of == body_id else b for b in bodies))


@attrs.frozen(kw_only=True, repr=False)
class Scenario:
    """What a simulated run needs besides its seed.

    Args:
        name: a short name for tables and charts.
        directory: the municipality's directory.
        fiscal_year: the first fiscal year (年度) simulated, from April 1.
        years: how many fiscal years.
        population: residents; default the directory's.
        households: households; default the directory's.
        aging_rate: share of residents aged 65 or over; default the directory's.
        area_weights: the share of households living in each area, as (area id, weight);
            default the leaves of the area tree, by their population when known.
        rates: rates and handling times.
        programme: activity programmes.
        schedules: meeting frequencies overriding the directory's.
        coordinators: the coordinator policy; None keeps the directory's coordinators.

    Raises:
        InvalidValueError: a field of the wrong kind, no population figures, or a directory
            without an agency to receive consultations.
        UnknownReferenceError: a schedule or area weight names no body or area.

    Examples:
        >>> import attrs
        >>> from hokatsu.reference import himi
        >>> from hokatsu.simulation.scenario import Scenario
        >>> scenario = Scenario(name="氷見市", directory=himi(), fiscal_year=2017)
        >>> attrs.evolve(scenario, years=2, households=20000)
        <Scenario '氷見市': 氷見市 FY2017+1, 20,000 households>
        >>> Scenario(name="氷見市", directory=himi(), fiscal_year=2017,
        ...          area_weights=(("himi-nowhere", 1.0),))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.UnknownReferenceError: ...
    """

    name: str = attrs.field(validator=v.TEXT)
    directory: Municipality = attrs.field(validator=v.instance_of(Municipality))
    fiscal_year: int = attrs.field(validator=v.integer(1900, 9990))
    years: int = attrs.field(default=1, validator=v.integer(1, 50))
    population: int | None = attrs.field(default=None, validator=v.optional(v.integer(1)))
    households: int | None = attrs.field(default=None, validator=v.optional(v.integer(1)))
    aging_rate: float | None = attrs.field(default=None, validator=v.optional(_SHARE))
    area_weights: tuple[tuple[str, float], ...] = attrs.field(
        default=(), validator=v.tuple_of(v.Check("a pair of an area id and a weight",
                                                 lambda x, _p: None if type(x) is tuple
                                                 and len(x) == 2 and v.ID.find(x[0]) is None
                                                 and v.number(0).find(x[1]) is None
                                                 else ("", x, ""))))
    rates: Rates = attrs.field(factory=Rates, validator=v.instance_of(Rates))
    programme: Programme = attrs.field(factory=Programme, validator=v.instance_of(Programme))
    schedules: tuple[MeetingSchedule, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance_of(MeetingSchedule)))
    coordinators: CoordinatorPolicy | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(CoordinatorPolicy)))

    def __attrs_post_init__(self) -> None:
        me = f"Scenario {self.name!r}"
        d = self.directory
        if not any(not a.is_community_actor for a in d.agencies):
            raise InvalidValueError(me, "directory", f"{len(d.agencies)} agencies",
                                    "a directory with an agency (not a community actor) to "
                                    "receive consultations")
        for name in ("population", "households", "aging_rate"):
            if getattr(self, name) is None and getattr(d, name) is None:
                raise InvalidValueError(me, name, None,
                                        "a value, as the directory gives none")
        for s in self.schedules:
            if s.body_id not in d.body_ids:
                raise UnknownReferenceError(me, "schedules", s.body_id, d.body_ids)
        v.unique_ids(me, "schedules", (s.body_id for s in self.schedules))
        for area, _ in self.area_weights:
            if area not in d.areas:
                raise UnknownReferenceError(me, "area_weights", area, d.areas.ids)
        if self.area_weights and sum(w for _, w in self.area_weights) <= 0:
            raise InvalidValueError(me, "area_weights", self.area_weights,
                                    "weights that do not all vanish")

    def __repr__(self) -> str:
        return (f"<Scenario {self.name!r}: {self.directory.name} FY{self.fiscal_year}"
                f"{f'+{self.years - 1}' if self.years > 1 else ''}, "
                f"{self.n_households:,} households>")

    def __dask_tokenize__(self) -> str:
        """The token Dask gives a scenario submitted to a cluster (by your own code: a sweep
        submits each scenario pickled, as bytes).

        Without it, Dask pickles the scenario twice for every submitted task to hash it, which
        on 氷見市 costs the submitting process some 15 ms a task, on the cores the workers
        need. A scenario is a frozen value: the digest of its pickle names it (equal
        scenarios may, rarely, get different tokens, which costs Dask a cache hit; different
        scenarios never share one). No import of Dask.
        """
        return hashlib.sha256(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()

    @property
    def n_households(self) -> int:
        """The number of households simulated.

        Examples:
            >>> from hokatsu.reference import himi
            >>> from hokatsu.simulation.scenario import Scenario
            >>> Scenario(name="氷見市", directory=himi(), fiscal_year=2017).n_households
            16096
            >>> Scenario(name="氷見市", directory=himi(), fiscal_year=2017,
            ...          households=100).n_households
            100
        """
        return self.households if self.households is not None else (
            self.directory.households or 0)

    @property
    def n_population(self) -> int:
        """The number of residents simulated.

        Examples:
            >>> from hokatsu.reference import himi
            >>> from hokatsu.simulation.scenario import Scenario
            >>> Scenario(name="氷見市", directory=himi(), fiscal_year=2017,
            ...          population=300).n_population
            300
        """
        return self.population if self.population is not None else (
            self.directory.population or 0)

    @property
    def rate_65(self) -> float:
        """The share of residents aged 65 or over.

        Examples:
            >>> from hokatsu.reference import himi
            >>> from hokatsu.simulation.scenario import Scenario
            >>> Scenario(name="氷見市", directory=himi(), fiscal_year=2017,
            ...          aging_rate=0.25).rate_65
            0.25
        """
        return self.aging_rate if self.aging_rate is not None else (
            self.directory.aging_rate or 0.0)

    @property
    def household_size(self) -> float:
        """Mean residents per household.

        Examples:
            >>> from hokatsu.reference import himi
            >>> from hokatsu.simulation.scenario import Scenario
            >>> Scenario(name="氷見市", directory=himi(), fiscal_year=2017, population=300,
            ...          households=100).household_size
            3.0
        """
        return self.n_population / self.n_households
