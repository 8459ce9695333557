"""A small application that keeps 氷見市's directory and its ledger in SQLite.

hokatsu does no I/O: an application stores the directory and the events however it likes, and
the converter (:func:`hokatsu.make_converter`) turns them into plain, JSON-ready data and back.
This script keeps them in a SQLite file in a temporary directory:

- the directory as one JSON document, next to the ``schema_version`` it was written with;
- the events as one row each: id, date, type, the order they were recorded in, the day they
  were recorded, and the event's JSON record (which carries the ``schema_version`` too).

It records the sample year's first quarter as an application would, one event at a time as
the forms come in (the ledger checks each event before it reaches the table, so a refused
record is never stored) — including a gathering written up in July for a day in June (a late
record) and the correction of a session's mistyped head count (a record entered in error,
with its replacement) — then closes the database, opens it again from the file alone, as a
new process would, rebuilds the ledger and prints June's indicators: as they stand now, and
what changed since the figures known at the end of June.

The walk-through is the how-to "Store the ledger in a database" in the docs. Run it with
``python examples/sqlite_app.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

import attrs

from hokatsu import SCHEMA_VERSION, EventRejectedError, Ledger, compute, make_converter
from hokatsu.domain import Municipality
from hokatsu.events import (
    CommunityGatheringAttended,
    EnteredInError,
    Event,
    MeetingHeld,
)
from hokatsu.reference import himi
from hokatsu.reference.sample import himi_fy2017

TABLES = """
CREATE TABLE directory (
    id             INTEGER PRIMARY KEY CHECK (id = 1),  -- one directory per database
    schema_version INTEGER NOT NULL,
    body           TEXT NOT NULL                        -- the Municipality as JSON
);
CREATE TABLE events (
    recorded       INTEGER PRIMARY KEY AUTOINCREMENT,   -- the order events were recorded in
    id             TEXT NOT NULL UNIQUE,
    date           TEXT NOT NULL,                       -- ISO date, for queries by period
    recorded_on    TEXT NOT NULL,                       -- ISO date the record was made
    type           TEXT NOT NULL,                       -- the event's tag, e.g. case_opened
    body           TEXT NOT NULL                        -- the event record as JSON
);
"""


class Store:
    """The application's storage: a directory and its events in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.converter = make_converter()

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def create(self, directory: Municipality) -> Ledger:
        """Make the tables, store *directory* and return an empty ledger for it."""
        with self.db:
            self.db.executescript(TABLES)
            body = json.dumps(self.converter.unstructure(directory), ensure_ascii=False)
            self.db.execute("INSERT INTO directory VALUES (1, ?, ?)", (SCHEMA_VERSION, body))
        return Ledger(directory)

    def record(self, ledger: Ledger, event: Event, recorded_on: dt.date | None = None) -> None:
        """Append *event* (recorded on *recorded_on*, by default its own date) to *ledger*
        and, once the ledger has accepted it, store it.

        A refused event raises :class:`~hokatsu.EventRejectedError` and leaves both the ledger
        and the table as they were.
        """
        ledger.append(event, recorded_on=recorded_on)
        record = self.converter.unstructure_event(event)
        with self.db:
            self.db.execute(
                "INSERT INTO events (id, date, recorded_on, type, body) VALUES (?, ?, ?, ?, ?)",
                (event.id, record["date"], ledger.recorded_on(event.id).isoformat(),
                 record["type"], json.dumps(record, ensure_ascii=False)),
            )

    def load(self) -> Ledger:
        """Rebuild the ledger from the database alone.

        Events are read in the order they were recorded, with the day each was recorded:
        appending them again in that order rebuilds the ledger exactly, late records and
        corrections included (their date order is not the order to append them in).
        """
        version, body = self.db.execute(
            "SELECT schema_version, body FROM directory WHERE id = 1").fetchone()
        if version != SCHEMA_VERSION:  # the converter checks each event record itself
            raise SystemExit(f"directory written with schema version {version}, "
                             f"this hokatsu reads {SCHEMA_VERSION}")
        directory = self.converter.structure(json.loads(body), Municipality)
        ledger = Ledger(directory)
        for body, recorded_on in self.db.execute(
                "SELECT body, recorded_on FROM events ORDER BY recorded"):
            event = self.converter.structure_event(json.loads(body))
            ledger.append(event, recorded_on=dt.date.fromisoformat(recorded_on))
        return ledger


#: The last day of June's figures as first reported.
REPORTED = dt.date(2017, 6, 30)


def first_quarter() -> list[tuple[Event, dt.date | None]]:
    """The events the application records, with the day each is recorded (None: the day it
    happened): the sample year's April to June in the order the forms come in, then, in July,
    a gathering of 13 June written up late and the correction of the head count of the
    district meeting of 12 June (nine typed for eight)."""
    quarter = [e for e in himi_fy2017() if dt.date(2017, 4, 1) <= e.date <= REPORTED]
    gathering = next(e for e in quarter
                     if isinstance(e, CommunityGatheringAttended) and e.date.month == 6)
    meeting = next(e for e in quarter if isinstance(e, MeetingHeld) and e.date.month == 6)
    correction = EnteredInError(
        id="fix-0001", date=dt.date(2017, 7, 4), event_id=meeting.id,
        reason="参加者数の入力誤り（9→8）",
        replacement=attrs.evolve(meeting, id=f"{meeting.id}-r", participants=8))
    return [*((e, None) for e in quarter if e is not gathering),
            (gathering, dt.date(2017, 7, 3)), (correction, dt.date(2017, 7, 4))]


def record_all(store: Store, ledger: Ledger,
               records: Iterable[tuple[Event, dt.date | None]]) -> int:
    """Record each event; return how many were refused (none, for the sample)."""
    refused = 0
    for event, recorded_on in records:
        try:
            store.record(ledger, event, recorded_on)
        except EventRejectedError as error:  # a real application shows this to the user
            print(f"refused: {error}")
            refused += 1
    return refused


def main() -> None:
    """Record, close, reopen, rebuild, and print June's indicators."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "himi.sqlite"

        store = Store(path)
        ledger = store.create(himi())
        refused = record_all(store, ledger, first_quarter())
        count, = store.db.execute("SELECT count(*) FROM events").fetchone()
        store.close()
        print(f"recorded {count} events ({refused} refused) in {path.name}, "
              f"{path.stat().st_size:,} bytes")

        # A fresh start: nothing but the file.
        again = Store(path)
        reloaded = again.load()
        by_type = dict(again.db.execute(
            "SELECT type, count(*) FROM events WHERE date LIKE '2017-06-%' GROUP BY type "
            "ORDER BY count(*) DESC, type LIMIT 3").fetchall())
        again.close()

    assert list(reloaded.records) == list(ledger.records)
    assert list(reloaded.events) == list(ledger.events)
    assert reloaded.directory == ledger.directory
    print(f"reloaded {reloaded!r}")
    print(f"June's most frequent events: {by_type}")
    shown = ["consultations", "cases_opened", "1A1", "1A2", "2A1", "5A4",
             "referral_acceptance", "days_to_accept"]
    table = compute(reloaded, grain="month", periods=["2017-06"], indicators=shown)
    assert table == compute(ledger, grain="month", periods=["2017-06"], indicators=shown)
    print(table.format(indicators=shown, title="June's indicators, from the reloaded ledger"))

    # what the figures known at the end of June were, and what the July records changed
    then = compute(reloaded.as_known_on(REPORTED), grain="month", periods=["2017-06"])
    now = compute(reloaded, grain="month", periods=["2017-06"])
    changed = sorted({row.indicator for row in now.rows
                      if then.value(row.indicator, row.period, row.area_id, row.group)
                      != row.value})
    print(f"changed since the figures known on {REPORTED}: {', '.join(changed)}")
    for indicator in changed:
        before = then.value(indicator, "2017-06", "himi")
        print(f"  {indicator}: {before} → {now.value(indicator, '2017-06', 'himi')}")


if __name__ == "__main__":
    main()
