"""Late records for the benchmarks: events of a workload's last days held back, to be appended
after the rest (the way minutes typed up late arrive)."""

from __future__ import annotations

import random
from collections.abc import Sequence

from hokatsu.events import (
    AreaEvent,
    AssessmentRecorded,
    CaseConferenceHeld,
    Event,
    FollowUpDone,
    PlanMade,
    ProgressReported,
)
from hokatsu.ledger import _made

#: Events no later event depends on — a case's assessments, follow-ups, plans, conferences,
#: progress reports, and activities that create nothing — so that the rest stays valid alone.
LEAVES = (AssessmentRecorded, FollowUpDone, PlanMade, CaseConferenceHeld, ProgressReported,
          AreaEvent)


def hold_back(events: Sequence[Event], n: int, days: int,
              seed: int) -> tuple[list[Event], list[Event]]:
    """``(rest, late)``: *n* events of the last *days* days of *events* (in date order) held
    back, in date order, and the others."""
    last = events[-1].date
    recent = [i for i, e in enumerate(events)
              if (last - e.date).days <= days and isinstance(e, LEAVES) and not _made(e)]
    held = set(random.Random(seed).sample(recent, min(n, len(recent))))
    rest = [e for i, e in enumerate(events) if i not in held]
    return rest, [events[i] for i in sorted(held)]
