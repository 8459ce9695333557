"""Every number of the simulation that the report does not give, with the reason for it.

The report (FY2016) gives base data (population, households, aging rate, agencies,
coordinators: DOMAIN.md §8), 江戸川区's consultation mix at the なごみの家, 茅野市's share of
compound consultations (about 30 %), 氷見市's layered meetings and how often a few bodies meet.
It gives no incidence rates, handling times, acceptance rates or the chance that a meeting finds
a way to support a case. Those are *assumptions*: each is declared here once, as an
:class:`Assumption` holding its value and the reason it was chosen, and the simulation's
defaults and presets read them from here. :data:`ASSUMPTIONS` lists them all by name, so that
a page (or a user) can print what a simulated result rests on.

Change a scenario's :class:`~hokatsu.simulation.scenario.Rates`,
:class:`~hokatsu.simulation.scenario.Programme` or schedules rather than this module: these
are defaults, not truths.

Examples:
    >>> from hokatsu.simulation.assumptions import ASSUMPTIONS
    >>> a = ASSUMPTIONS["CONSULTATIONS_PER_1000"]
    >>> a.value
    17.5
    >>> "なごみの家" in a.reason
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from hokatsu.domain.fields import CompoundTag, Field
from hokatsu.events import Route

__all__ = ["ASSUMPTIONS", "Assumption"]


@attrs.frozen(kw_only=True)
class Assumption:
    """A number the simulation assumes, and why.

    Args:
        name: the constant's name in this module.
        value: the value.
        reason: why this value: what it is calibrated against or what it reflects.

    Examples:
        >>> from hokatsu.simulation.assumptions import ASSUMPTIONS, Assumption
        >>> case_share = ASSUMPTIONS["CASE_SHARE"]
        >>> isinstance(case_share, Assumption), case_share.name, case_share.value
        (True, 'CASE_SHARE', 0.75)
    """

    name: str
    value: Any
    reason: str


_ALL: dict[str, Assumption] = {}


def _a(name: str, value: Any, reason: str) -> Any:
    _ALL[name] = Assumption(name=name, value=value, reason=reason)
    return value


# -- arrivals and households -------------------------------------------------------------------

CONSULTATIONS_PER_1000 = _a(
    "CONSULTATIONS_PER_1000", 17.5,
    "Yearly consultations reaching the comprehensive system per 1,000 households. 江戸川区's "
    "three なごみの家 received 569 consultations in 9 months (about 759 a year) from three of "
    "the fifteen planned 地区 (about 62,000 households), and take about 70 % of their "
    "territories' consultations in the model: 759 / (61.8 × 0.7) ≈ 17.5 (第3章 2.(2)⑤).")
CASE_SHARE = _a(
    "CASE_SHARE", 0.75,
    "Share of consultations opened as a case; the rest are information only. Not in the "
    "report; a quarter of first consultations ending with information is typical of "
    "general consultation desks.")
HUB_SHARE = _a(
    "HUB_SHARE", 0.7,
    "Share of a territory's consultations received by its first-stop base or desk (なごみの家, "
    "ふくし相談サポートセンター, the centres of 伊賀市) rather than a field's own agency. "
    "Not in the report; chosen so that 江戸川区's base volume matches (see "
    "CONSULTATIONS_PER_1000).")
MAX_HOUSEHOLD_SIZE = _a(
    "MAX_HOUSEHOLD_SIZE", 7,
    "Largest household generated; the census's larger households are rare enough to ignore.")
FIELD_WEIGHTS: tuple[tuple[Field, float], ...] = _a(
    "FIELD_WEIGHTS",
    ((Field.HARDSHIP, 0.27), (Field.EMPLOYMENT, 0.1), (Field.HOUSING, 0.085),
     (Field.ELDERLY, 0.107), (Field.HEALTH, 0.18), (Field.DISABILITY, 0.08),
     (Field.CHILDREN, 0.053), (Field.ISOLATION, 0.06), (Field.FAMILY, 0.04),
     (Field.OTHER, 0.025)),
    "Field of the issue a consultation is mainly about. Calibrated so that the mapped "
    "contents reproduce 江戸川区's なごみの家 mix (生活 45.5 %, 介護 10.7 %, 健康 26.0 %, 子育て "
    "5.3 %, その他 12.5 %; 第3章 2.(2)⑤), 生活 being hardship, employment and housing and "
    "健康 health and disability.")
TAG_CHANCES: tuple[tuple[CompoundTag, float], ...] = _a(
    "TAG_CHANCES",
    ((CompoundTag.EIGHTY_FIFTY, 0.04), (CompoundTag.DOUBLE_CARE, 0.025),
     (CompoundTag.YOUNG_CARER, 0.015), (CompoundTag.HIKIKOMORI, 0.025),
     (CompoundTag.SELF_NEGLECT, 0.02), (CompoundTag.SOCIAL_ISOLATION, 0.03),
     (CompoundTag.MULTIPLE_DEBT, 0.03), (CompoundTag.DV, 0.015), (CompoundTag.ABUSE, 0.015),
     (CompoundTag.SUSPECTED_DISABILITY, 0.03)),
    "Chance that a case shows each compound pattern (8050 and the report's other examples, "
    "第1章 2.(2)); each brings another member's or another issue. With EXTRA_ISSUE and "
    "NO_FITTING_SERVICE they give about 30 % of cases a hard-case type, 茅野市's share of "
    "compound consultations (第3章).")
EXTRA_ISSUE = _a(
    "EXTRA_ISSUE", 0.06,
    "Chance the person consulting has a second issue of another field at opening "
    "(type ②). Part of the 30 % compound share above.")
NO_FITTING_SERVICE = _a(
    "NO_FITTING_SERVICE", 0.03,
    "Chance an issue fits no existing service (制度の狭間, type ③). Not in the report.")
HIDDEN_ISSUE = _a(
    "HIDDEN_ISSUE", 0.15,
    "Chance that assessment brings a further issue to light (IssueIdentified). Not in the "
    "report; the case studies describe issues found during support (第3章 4.(2)).")
ROUTE_WEIGHTS: tuple[tuple[Route, float], ...] = _a(
    "ROUTE_WEIGHTS",
    ((Route.SELF, 0.3), (Route.FAMILY, 0.2), (Route.COMMUNITY, 0.12), (Route.AGENCY, 0.15),
     (Route.MUNICIPAL_SECTION, 0.1), (Route.COMMUNITY_DESK, 0.06),
     (Route.WELFARE_COMMISSIONER, 0.07)),
    "How cases arrive, outreach apart (outreach makes its own cases). The routes are "
    "氷見市's and 佐賀市's (第3章 3.(2)③); their weights are not in the report.")
PUBLIC_ASSISTANCE = _a(
    "PUBLIC_ASSISTANCE", 0.2,
    "Chance that a member with a hardship issue receives public assistance. Not in the "
    "report.")

# -- handling times, in days ---------------------------------------------------------------

DAYS_TO_ASSESSMENT = _a(
    "DAYS_TO_ASSESSMENT", 7.0,
    "Mean days from intake to assessment. Not in the report; a week is usual practice.")
DAYS_TO_PLAN = _a(
    "DAYS_TO_PLAN", 14.0,
    "Mean days from assessment to the support plan. Not in the report.")
DAYS_TO_ACCEPT = _a(
    "DAYS_TO_ACCEPT", 5.0,
    "Mean days a receiving agency takes to answer a referral. Not in the report.")
SUPPORT_DAYS = _a(
    "SUPPORT_DAYS", 90.0,
    "Mean days of support under an accepted referral before it completes or fails. Not in "
    "the report.")
FOLLOW_UP_DAYS = _a(
    "FOLLOW_UP_DAYS", 30.0,
    "Mean days between follow-ups of a case (湯沢市 reconvenes a case one month later, "
    "第3章).")
DAYS_TO_REOPEN = _a(
    "DAYS_TO_REOPEN", 90.0,
    "Mean days before a closed case that reopens does so. Not in the report.")

# -- referrals, conferences, closure -------------------------------------------------------

REFERRAL_ACCEPT = _a(
    "REFERRAL_ACCEPT", 0.85,
    "Chance a receiving agency accepts a referral; the rest are rejected or withdrawn. "
    "Not in the report.")
REFERRAL_REJECT = _a(
    "REFERRAL_REJECT", 0.1,
    "Chance a referral is rejected (the remainder of acceptance is cancelled by the "
    "sender). Not in the report.")
REFERRAL_HOLD = _a(
    "REFERRAL_HOLD", 0.08,
    "Chance that support under a referral pauses (入院 …) before it ends. Not in the report.")
REFERRAL_COMPLETE = _a(
    "REFERRAL_COMPLETE", 0.9,
    "Chance that support under a started referral completes rather than fails. Not in the "
    "report.")
CONFERENCE = _a(
    "CONFERENCE", 0.5,
    "Chance a case with agencies of several fields holds a case conference. Not in the "
    "report.")
CLOSE_AT_FOLLOW_UP = _a(
    "CLOSE_AT_FOLLOW_UP", 0.5,
    "Chance that a follow-up after all referrals ended closes the case. Not in the report.")
REOPEN = _a(
    "REOPEN", 0.05,
    "Chance a closed case reopens within the year. Not in the report.")

# -- meetings ------------------------------------------------------------------------------

MEETING_SHARE = _a(
    "MEETING_SHARE", 0.5,
    "Chance a hard case (type ①–④) is brought to the lowest meeting that takes cases "
    "(氷見市's 地域会議). Not in the report.")
URGENT_SHARE = _a(
    "URGENT_SHARE", 0.05,
    "Chance a hard case is urgent and an ad-hoc body (氷見市's ケア会議) is convened for it "
    "within a week. Not in the report.")
CONSENT = _a(
    "CONSENT", 0.8,
    "Chance the household consents to its case being shared at a meeting with community "
    "members; a case without consent is not raised there. Not in the report (consent events "
    "come with the sharing module).")
EFFECTIVE_BY_TIER: tuple[float, ...] = _a(
    "EFFECTIVE_BY_TIER", (0.6, 0.5, 0.45),
    "Chance that a body of tier 1, 2, 3 (and deeper: the last value) finds an effective way "
    "to support a case on the agenda; otherwise it escalates it (第3章 3.(2)④) or continues "
    "it at the top. Not in the report; the lower tiers lack the sections' authority.")
THEMES_PER_SESSION = _a(
    "THEMES_PER_SESSION", 0.5,
    "Mean community themes raised per session of a body with the community-issues purpose. "
    "Not in the report.")
CASE_STUDIES_PER_SESSION = _a(
    "CASE_STUDIES_PER_SESSION", 1,
    "Cases a case-study body that no body escalates to (氷見市's 定例会議) takes up per "
    "session: one, as its one-hour format suggests (第3章 3.(2)④).")
SESSIONS_PER_YEAR_BY_TIER: tuple[int, ...] = _a(
    "SESSIONS_PER_YEAR_BY_TIER", (4, 4, 12),
    "Sessions a year of a body whose frequency the directory does not give, by tier 1, 2, 3 "
    "(deeper: the last). Third-tier meetings ride on the 民生委員's monthly district meetings "
    "(氷見市, 第3章 3.(2)④); the rest is not in the report.")
ATTENDANCE = _a(
    "ATTENDANCE", 0.8,
    "Chance each member agency attends a session. Not in the report.")
PEOPLE_PER_AGENCY = _a(
    "PEOPLE_PER_AGENCY", 1.5,
    "Mean people each attending agency sends. Not in the report.")

HIMI_SESSIONS_PER_YEAR: Mapping[str, int] = _a(
    "HIMI_SESSIONS_PER_YEAR",
    MappingProxyType({"himi-construction": 2, "himi-core": 6, "himi-block": 4,
                      "himi-district": 12}),
    "Sessions a year of 氷見市's bodies whose frequency the report does not give: the "
    "構築会議 twice, the コア会議 every other month, the ブロック会議 quarterly, the 地域会議 "
    "monthly with the 民生委員's district meetings (第3章 3.(2)④). The 定例会議 is monthly "
    "and the ケア会議 ad hoc in the report itself.")
SUPPORT_MEETINGS_PER_YEAR = _a(
    "SUPPORT_MEETINGS_PER_YEAR", 12,
    "Sessions a year of 江戸川区's 地域支援会議 at each なごみの家; the report gives no "
    "frequency (第3章 2.(2)⑥).")
EDOGAWA_TERRITORY_SHARE = _a(
    "EDOGAWA_TERRITORY_SHARE", 1 / 15,
    "Share of 江戸川区's households living in each なごみの家's territory: the ward plans 15 "
    "地区 with a base each (第3章 2.(3)); the rest of the ward is recorded at the ward level.")
IGA_SESSIONS_PER_YEAR: Mapping[str, int] = _a(
    "IGA_SESSIONS_PER_YEAR",
    MappingProxyType({"iga-plan-committee": 2, "iga-policy-meeting": 6,
                      "iga-care-meeting": 12}),
    "Sessions a year of 伊賀市's bodies; the report gives no frequency (第3章 1.(2)⑤): the "
    "審議会 twice, the 福祉施策調整会議 every other month, the 地域ケア会議 monthly.")

# -- coordinators --------------------------------------------------------------------------

CASES_PER_FTE = _a(
    "CASES_PER_FTE", 150,
    "Cases a year one full-time coordinator can take part in (intake, assessment, "
    "connection). Not in the report; 江戸川区's 3 CSW with 569 consultations in 9 months "
    "suggest the order of magnitude.")
MUNICIPAL_ACCEPT_BONUS = _a(
    "MUNICIPAL_ACCEPT_BONUS", 0.05,
    "Added chance that a municipal section accepts a referral a coordinator placed in the "
    "city office arranged (patterns ① ②): intra-city coordination, as 伊賀市's 福祉相談調整課 "
    "shows (第3章 1.(2)). Not a figure of the report.")
COUNCIL_COMMUNITY_FACTOR = _a(
    "COUNCIL_COMMUNITY_FACTOR", 1.25,
    "Factor on community activity (exchanges, gatherings, outreach) when coordinators sit in "
    "the 社協 (patterns ③ ④), whose area staff already work with community actors "
    "(氷見市, 江戸川区). Not a figure of the report.")
AREA_OUTREACH_FACTOR = _a(
    "AREA_OUTREACH_FACTOR", 1.5,
    "Factor on the chance outreach finds a case when coordinators are area-based (② ④ ⑥), "
    "being closer to the community (第2章 4.). Not a figure of the report.")
CITY_WIDE_EFFECTIVE_BONUS = _a(
    "CITY_WIDE_EFFECTIVE_BONUS", 0.05,
    "Added chance a first-tier body finds effective support when coordinators work "
    "city-wide (① ③ ⑤) and so prepare its agenda across areas. Not a figure of the report.")

# -- activity programmes (per year, for 1 FTE of coordinator where marked) -------------------

OUTREACH_FINDS_CASE = _a(
    "OUTREACH_FINDS_CASE", 0.1,
    "Chance an outreach visit finds a household that becomes a case. Not in the report.")
PROGRAMME: Mapping[str, float] = _a(
    "PROGRAMME",
    MappingProxyType({
        "exchanges": 24, "gatherings": 36, "surveys": 1, "interviews": 12, "outreach": 60,
        "development_consultations": 6, "development_meetings": 4, "resources": 2,
        "funding": 1, "measures": 3, "sharing_consultations": 4, "trainings": 4,
        "assessment_exchanges": 4, "activity_sessions": 24}),
    "Activities a year per full-time coordinator (exchanges, gatherings, outreach …) or for "
    "the system (surveys, trainings, activity sessions …). Not in the report; 江戸川区 counted "
    "3,800+ home visits from the watch list, far above this, by base staff rather than the "
    "coordinators.")
NO_COORDINATOR_FTE = _a(
    "NO_COORDINATOR_FTE", 0.2,
    "The coordinators' share of the programme that agencies' own staff still do when there "
    "is no coordinator (or less than this FTE). Not in the report.")
MEASURE_COMPLETES = _a(
    "MEASURE_COMPLETES", 0.6,
    "Chance a measure started is completed within 4 months. Not in the report.")
TRAINING_CORRECTED = _a(
    "TRAINING_CORRECTED", 0.15,
    "Chance a training's head count was typed wrong and is corrected 1 to 14 days later (an "
    "EnteredInError whose replacement counts one fewer), so that simulated ledgers hold "
    "corrections as real records do. Not in the report.")
JOIN_SHARE = _a(
    "JOIN_SHARE", 0.3,
    "Share of agencies not yet in the comprehensive system that join in a year. Not in the "
    "report.")
EVALUATION_SCALE = _a(
    "EVALUATION_SCALE", 5,
    "Points of the questionnaire scale of evaluations (4O2, 4O4, 5O1). Not in the report.")

# -- details of the case life cycle, meetings and activities ------------------------------

CASE_DETAILS: Mapping[str, float] = _a(
    "CASE_DETAILS",
    MappingProxyType({
        "max_tags": 2, "prior_agency": 0.3, "max_plan_roles": 4, "leave_per_follow_up": 0.01,
        "moved_rather_than_died": 0.6, "connected_rather_than_resolved": 0.7,
        "declined_rather_than_other": 0.5, "resolved_rather_than_information": 0.6,
        "days_to_start_max": 3, "cancel_before_start": 0.02, "fail_after_hold": 0.2,
        "consent_withdrawn_at_close": 0.1, "consent_changed_per_follow_up": 0.02,
        "override_per_follow_up_if_hard": 0.01}),
    "Details of a case's course, none in the report: at most 2 compound patterns a case; "
    "the chance a household had an agency before (名張市 records it, 第3章 4.); at most 4 "
    "agencies in a plan; the chance a household moves away or dies between follow-ups and "
    "which; how outcomes split when referrals completed, failed or were not needed; up to 3 "
    "days from acceptance to start; the chance a referral is withdrawn before it starts or "
    "fails after a hold; the chance a household withdraws its consent when its case closes, "
    "changes it (keeping its finances out) at a follow-up, and that a follow-up of a hard case "
    "finds a risk to life that overrides consent for an urgent referral.")
MEETING_DETAILS: Mapping[str, float] = _a(
    "MEETING_DETAILS",
    MappingProxyType({
        "coordinator_attends": 0.7, "agreed_rather_than_response": 0.5,
        "ad_hoc_days_max": 7, "session_jitter": 0.15}),
    "Details of sessions, none in the report: the chance a coordinator of the area attends; "
    "how settled items split between agreement and a response presented; an ad-hoc body "
    "meets within a week (氷見市's ケア会議 is for urgent cases, 第3章 3.(2)④); sessions fall "
    "within 15 % of their regular interval.")
ACTIVITY_DETAILS: Mapping[str, float] = _a(
    "ACTIVITY_DETAILS",
    MappingProxyType({
        "exchange_actors_max": 3, "outreach_with_actor": 0.6, "survey_items_min": 10,
        "survey_items_max": 40, "survey_respondents_min": 100, "survey_respondents_max": 1500,
        "meeting_participants_min": 5, "meeting_participants_max": 30,
        "training_participants_min": 10, "training_participants_max": 80,
        "funding_10k_yen_min": 10, "funding_10k_yen_max": 300, "newly_budgeted": 0.3,
        "measure_days_min": 30, "measure_days_max": 120, "target_growth": 1.1,
        "attendance_min": 3, "attendance_max": 40, "community_building": 0.5,
        "participation_per_follow_up": 0.03}),
    "Sizes of activities, none in the report: actors at an exchange, outreach done with a "
    "community actor, survey items and respondents, participants of development meetings, "
    "assessment exchanges and trainings, amounts of new funding (in units of 10,000 yen) and "
    "the share newly budgeted, how long a measure takes, and next year's target for 2A2 "
    "(hard cases handled by several fields) set 10 % above this year's hard cases; the "
    "attendance of an activity session (a salon, study support, a children's diner: なごみの家 "
    "had about 15 at a diner, 第3章 2.(2)⑦), the share of sessions that are community building "
    "(地域づくり) and the chance a follow-up starts participation support (参加支援) for the "
    "household.")
HOUSEHOLD_DETAILS: Mapping[str, float] = _a(
    "HOUSEHOLD_DETAILS",
    MappingProxyType({
        "care_level_if_elderly": 0.7, "certificate_if_disabled": 0.8, "spouse": 0.6,
        "employed_if_working_age": 0.7}),
    "Facts of generated households, none in the report: the chance an elderly person "
    "consulting holds a care level, a disabled one a certificate (otherwise the disability is "
    "suspected, 第1章 2.(2)), that the second member is a spouse, and that a working-age "
    "member is employed.")
PERSON_AGES: Mapping[str, tuple[int, int]] = _a(
    "PERSON_AGES",
    MappingProxyType({
        "elderly": (65, 95), "children": (25, 45), "disability": (18, 64),
        "hardship": (20, 70), "employment": (18, 64), "housing": (20, 85),
        "health": (20, 85), "isolation": (30, 85), "family": (25, 70), "rights": (40, 90),
        "other": (20, 85)}),
    "Age range of the person consulting, by the main field (keyed by the field's value); a "
    "parent for children's issues. Outside the elderly and children's fields the person is "
    "65 or over with the aging rate's chance. Not in the report.")

# -- calibration bands (what a preset's simulated year must land within) --------------------

NAGOMI_MIX_BAND = _a(
    "NAGOMI_MIX_BAND", 0.07,
    "Largest gap, in shares, allowed between the simulated content mix of consultations at "
    "江戸川区's なごみの家 and the report's (569 consultations, 第3章 2.(2)⑤): with some 750 "
    "consultations a year the sampling error of a share is under 2 points; 7 points leaves "
    "room for the seed without hiding a wrong calibration.")
NAGOMI_VOLUME_BAND = _a(
    "NAGOMI_VOLUME_BAND", (0.75, 1.25),
    "Range, as a factor of the report's yearly rate (569 in 9 months, about 759 a year), of "
    "consultations at the なごみの家 in a simulated year.")
COMPOUND_BAND = _a(
    "COMPOUND_BAND", (0.2, 0.4),
    "Range of the share of cases that are hard cases (type ①–④) when they open: 茅野市 "
    "found about 30 % of its centres' consultations compound (第3章); ±10 points, the report "
    "saying only 'about'.")

#: Every assumption by name.
ASSUMPTIONS: Mapping[str, Assumption] = MappingProxyType(dict(_ALL))
