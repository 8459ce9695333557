"""Escalation paths on the report's other meeting structures (栃木市, 琴浦町, 釧路市).

The ledger issue asks that the path a case takes up the tiers, the tier where it settles and
the delay at each step work for 氷見市's six bodies "and equally" for the structures of
栃木市, 琴浦町 and 釧路市 (DOMAIN.md §5); these tests follow a case through each.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hokatsu.cases import escalation_paths, replay
from hokatsu.domain import Household, Member, Municipality, Relation
from hokatsu.errors import EventRejectedError
from hokatsu.events import (
    AgendaItemConcluded,
    AgendaItemRaised,
    CaseOpened,
    Event,
    ItemOutcome,
    MeetingHeld,
    Route,
)
from hokatsu.ledger import Ledger
from hokatsu.reference import kotoura, kushiro, tochigi

START = dt.date(2017, 5, 8)


def _open(city: Municipality, area: str) -> CaseOpened:
    home = Household(id="h", person_id="m", area_id=area,
                     members=(Member(id="m", relation=Relation.HEAD, born=dt.date(1950, 1, 1)),))
    return CaseOpened(id="open", date=START, case_id="c1", household=home, route=Route.SELF,
                      agency_id=city.agencies[0].id)


def _climb(city: Municipality, area: str, bodies: list[str], waits: list[int]) -> list[Event]:
    """A case raised at the first body, escalated body by body, settled at the last."""
    events: list[Event] = [_open(city, area)]
    day = START
    previous: str | None = None
    session_area = area
    for n, (body, wait) in enumerate(zip(bodies, waits, strict=True)):
        day += dt.timedelta(days=wait)
        if n:
            target = city.escalation_target(bodies[n - 1], session_area)
            assert target is not None
            assert target[0] == body
            session_area = target[1]
        else:
            session_area = city.session_areas(body)[0]
        last = n == len(bodies) - 1
        events += [
            MeetingHeld(id=f"s{n}", date=day, session_id=f"s{n}", body_id=body,
                        area_id=session_area, participants=5),
            AgendaItemRaised(id=f"r{n}", date=day, item_id=f"i{n}", session_id=f"s{n}",
                             case_id="c1", escalated_from=previous),
            AgendaItemConcluded(id=f"c{n}", date=day, item_id=f"i{n}", session_id=f"s{n}",
                                outcome=ItemOutcome.AGREED if last else ItemOutcome.ESCALATED),
        ]
        previous = f"i{n}"
    return events


class TestTochigi:
    """栃木市: 担当者個別会議 → 相談支援包括化推進会議 → 福祉総合相談支援センター会議."""

    def test_three_steps_settled_at_the_centre_meeting(self) -> None:
        """A case climbs the three bodies and settles at the top, with the waits between."""
        city = tochigi()
        chain = [b.id for b in city.escalation_chain("tochigi-case-meeting")]
        assert chain == ["tochigi-case-meeting", "tochigi-promotion", "tochigi-centre-meeting"]
        ledger = Ledger(city, _climb(city, "tochigi", chain, [0, 14, 30]))
        (path,) = escalation_paths(replay(ledger), city)
        assert [s.body_id for s in path.steps] == chain
        assert path.delays == (14, 30)
        assert path.settled_tier == 1
        assert path.settled is path.steps[-1]


class TestKotoura:
    """琴浦町: 担当者会議 → 相談支援包括化推進会議."""

    def test_two_steps(self) -> None:
        """A case passes from the per-case meeting to the promotion meeting."""
        city = kotoura()
        chain = [b.id for b in city.escalation_chain("kotoura-case-meeting")]
        assert chain == ["kotoura-case-meeting", "kotoura-promotion"]
        ledger = Ledger(city, _climb(city, "kotoura", chain, [3, 21]))
        (path,) = escalation_paths(replay(ledger), city)
        assert [s.body_id for s in path.steps] == chain
        assert path.delays == (21,)
        assert not path.waiting


class TestKushiro:
    """釧路市: three 部会 under a 全体会, each settling its own cases."""

    def test_subcommittee_settles_at_its_tier(self) -> None:
        """A case taken up by the 美原部会 settles there, at tier 2, in one step."""
        city = kushiro()
        ledger = Ledger(city, _climb(city, "kushiro-mihara", ["kushiro-mihara-committee"], [7]))
        (path,) = escalation_paths(replay(ledger), city)
        assert path.settled_tier == 2
        assert path.steps[0].area_id == "kushiro-mihara"

    def test_subcommittee_cannot_escalate(self) -> None:
        """The report gives the 部会 no body to escalate to, so the ledger refuses one."""
        city = kushiro()
        events = _climb(city, "kushiro-mihara", ["kushiro-mihara-committee"], [7])
        bad = AgendaItemConcluded(id="again", date=events[-1].date, item_id="i0",
                                  session_id="s0", outcome=ItemOutcome.ESCALATED)
        ledger = Ledger(city, events[:-1])
        with pytest.raises(EventRejectedError) as info:
            ledger.append(bad)
        assert info.value.rule == "no_escalation_target"
