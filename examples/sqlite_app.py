"""A small application that keeps 氷見市's directory and its ledger in SQLite.

hokatsu does no I/O: an application stores the directory and the events however it likes, and
the converter (:func:`hokatsu.make_converter`) turns them into plain, JSON-ready data and back.
This script keeps them in a SQLite file in a temporary directory:

- the directory as one JSON document, next to the ``schema_version`` it was written with;
- the events as one row each: id, date, type, the order they were recorded in, and the
  event's JSON record (which carries the ``schema_version`` too).

It records the sample year's first quarter as an application would, one event at a time as
the forms come in (the ledger checks each event before it reaches the table, so a refused
record is never stored), then closes the database, opens it again from the file alone, as a
new process would, rebuilds the ledger and prints June's indicators.

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

from hokatsu import SCHEMA_VERSION, EventRejectedError, Ledger, compute, make_converter
from hokatsu.domain import Municipality
from hokatsu.events import Event
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

    def record(self, ledger: Ledger, event: Event) -> None:
        """Append *event* to *ledger* and, once the ledger has accepted it, store it.

        A refused event raises :class:`~hokatsu.EventRejectedError` and leaves both the ledger
        and the table as they were.
        """
        ledger.append(event)
        record = self.converter.unstructure_event(event)
        with self.db:
            self.db.execute(
                "INSERT INTO events (id, date, type, body) VALUES (?, ?, ?, ?)",
                (event.id, record["date"], record["type"],
                 json.dumps(record, ensure_ascii=False)),
            )

    def load(self) -> Ledger:
        """Rebuild the ledger from the database alone.

        Events are read in the order they were recorded, which is the order to append them
        in: with late records and corrections (still to come in hokatsu) that is not the date
        order, and reading by ``recorded`` keeps this function right for them.
        """
        version, body = self.db.execute(
            "SELECT schema_version, body FROM directory WHERE id = 1").fetchone()
        if version != SCHEMA_VERSION:  # the converter checks each event record itself
            raise SystemExit(f"directory written with schema version {version}, "
                             f"this hokatsu reads {SCHEMA_VERSION}")
        directory = self.converter.structure(json.loads(body), Municipality)
        rows = self.db.execute("SELECT body FROM events ORDER BY recorded")
        events = [self.converter.structure_event(json.loads(b)) for (b,) in rows]
        return Ledger(directory, events)


def first_quarter() -> list[Event]:
    """The events the application records: the sample year's April to June, in the order the
    forms come in.

    This is the one place that decides the order of recording. When the ledger takes late
    records and corrections (issue #10), add here a record that arrives after later events
    (an outreach visit written up in July for a day in June) and a correction of a mistyped
    one (an event marking another as entered in error); nothing else in this script changes.
    """
    return [e for e in himi_fy2017() if dt.date(2017, 4, 1) <= e.date <= dt.date(2017, 6, 30)]


def record_all(store: Store, ledger: Ledger, events: Iterable[Event]) -> int:
    """Record each event; return how many were refused (none, for the sample)."""
    refused = 0
    for event in sorted(events, key=lambda e: e.date):  # in-order records only, for now
        try:
            store.record(ledger, event)
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

    assert list(reloaded.events) == list(ledger.events)
    assert reloaded.directory == ledger.directory
    print(f"reloaded {reloaded!r}")
    print(f"June's most frequent events: {by_type}")
    shown = ["consultations", "cases_opened", "1A1", "1A2", "2A1", "5A4",
             "referral_acceptance", "days_to_accept"]
    table = compute(reloaded, grain="month", periods=["2017-06"], indicators=shown)
    assert table == compute(ledger, grain="month", periods=["2017-06"], indicators=shown)
    print(table.format(indicators=shown, title="June's indicators, from the reloaded ledger"))


if __name__ == "__main__":
    main()
