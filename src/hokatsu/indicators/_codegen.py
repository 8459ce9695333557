"""Generated event handlers for the indicator engine.

The engine's pass is the hot path of the library: every event of a ledger goes through it.
Instead of calling one small closure per indicator, the engine generates, once per engine and
event class, a single Python function that calls the context's tracker and then adds the event
to every indicator reading that class; a second function takes the per-case measures of the
cases a month met, once the month is over.

The code is made the way attrs and cattrs make theirs: from declarations only. Each accessor
(:mod:`hokatsu.indicators.accessors`) gives the expression it stands for, each measure
(:mod:`hokatsu.indicators.measures`) the lines that add to it; slot numbers and generated names
fill the templates, and every other value (a user's function, a constant) is bound under a
generated name and called or read, never turned into source. The objects an indicator reaches
through a reference accessor (the event's case, referral, agenda item or session) are looked
up once per handler, whatever the number of indicators reading them. The source of every
generated function is registered in :mod:`linecache` under a name made from its text, so a
traceback through it shows the line, and engines built alike share one entry.
"""

from __future__ import annotations

import hashlib
import itertools
import linecache
from collections.abc import Callable
from typing import Any, cast

from hokatsu.facts import FACTS, Context
from hokatsu.indicators.accessors import is_accessor
from hokatsu.indicators.measures import Measure
from hokatsu.indicators.model import Indicator

__all__ = ["Flush", "Handler", "make_flush", "make_handler"]

Handler = Callable[[Any, list[Any], str], None]
Flush = Callable[[list[list[Any]], list[Any]], None]


class _Source:
    """One generated function in the making: its namespace, and the references it looks up.

    It is what accessors write themselves against (:class:`hokatsu.indicators.accessors.Source`).
    """

    def __init__(self, cls: type | None, ns: dict[str, Any]) -> None:
        self.cls = cls
        self.ns = ns
        self.lookups: list[str] = []
        self._refs: dict[tuple[str, str], str] = {}
        self._bound: dict[tuple[int, str], str] = {}
        self._serial = itertools.count()

    def bind(self, value: object, hint: str) -> str:
        # a constant bound twice gets one name, so that indicators testing the same thing
        # write the same test (and share it, see _lines); a user's function ("f") is bound
        # each time, and so called as often as its indicators ask
        key = (id(value), hint)
        name = self._bound.get(key) if hint != "f" else None
        if name is None:
            name = f"{hint}_{next(self._serial)}"
            self.ns[name] = value
            self._bound[key] = name
        return name

    def ref(self, kind: str, key: str) -> str:
        fact = FACTS[kind]
        if self.cls is not None and fact.via_tracker(self.cls, key):
            return "case"  # the tracker's result
        name = self._refs.get((kind, key))
        if name is None:
            assert self.cls is not None
            name = self._refs[(kind, key)] = f"{kind}_{key}"
            index = fact.index  # bound in the namespace: the context's dict itself
            if fact.optional(self.cls, key):
                self.lookups += [f"{name} = event.{key}", f"if {name} is not None:",
                                 f"    {name} = {index}[{name}]"]
            else:
                self.lookups.append(f"{name} = {index}[event.{key}]")
        return name

    def expr(self, fn: Any, params: str) -> str:
        """Source for applying *fn*: an accessor's own expression, anything else a call."""
        if is_accessor(fn):
            return str(fn.source(self))
        return f"{self.bind(fn, 'f')}({params})"


def _indent(lines: list[str], by: int = 1) -> list[str]:
    return ["    " * by + line for line in lines]


def _tested(ind: Indicator, slot: int, src: _Source, cell: str, params: str
            ) -> tuple[str, list[str]]:
    """The test of an indicator's ``where`` ("True" without one), and the lines adding the
    subject in hand (an event, or in the flush a case) to slot *slot* of the cell named *cell*
    when it holds."""
    m = cast("Measure", ind.measure)  # an indicator of events or cases, not a derived one
    test = "True" if ind.where is None else src.expr(ind.where, params)
    if test == "False":
        return test, []
    values = [src.expr(x, params) for x in m.inputs()]
    if ind.group is None:
        body = m.emit(f"{cell}[{slot}]", lambda x: f"{cell}[{slot}] = {x}", values, src.bind)
    else:
        empty = m.empty()
        default = "" if empty is None else f", {src.bind(empty, 'empty')}"
        body = [f"g = {src.expr(ind.group, params)}", f"grp = {cell}[{slot}]", "if grp is None:",
                f"    grp = {cell}[{slot}] = {{}}"]
        body += [f"v{j} = {x}" for j, x in enumerate(values)]  # each read once
        held = [f"v{j}" for j in range(len(values))]
        body += m.emit(f"grp.get(None{default})", lambda x: f"grp[None] = {x}", held, src.bind)
        body += ["if g is not None:", *_indent(m.emit(
            f"grp.get(g{default})", lambda x: f"grp[g] = {x}", held, src.bind))]
    return test, body


def _lines(tested: list[tuple[str, list[str]]]) -> list[str]:
    """The lines of several indicators, those with the same test under one ``if`` (each
    indicator's lines assign what they read before reading it, so their order is free)."""
    by_test: dict[str, list[str]] = {}
    for test, body in tested:
        by_test.setdefault(test, []).extend(body)
    lines: list[str] = []
    for test, body in by_test.items():
        if body:
            lines += body if test == "True" else [f"if {test}:", *_indent(body)]
    return lines


def make_handler(
    cls: type,
    *,
    track: Any,
    indicators: list[tuple[Indicator, int]],
    late: list[tuple[Indicator, int]],
    visits: bool,
    ctx: Context,
    months: dict[int, dict[str, list[Any]]],
    template: list[Any],
    touched: tuple[list[list[Any]], list[Any]] | None,
    order: Any,
) -> Handler | None:
    """The handler of one event class, or None when nothing reads it.

    Args:
        cls: the event class.
        track: the context's tracker for the class (returning the case for case events).
        indicators: ``(indicator, slot)`` reading the class, placed by the event's date.
        late: the same for indicators with their own ``when`` date.
        visits: whether events of the class visit their case.
        ctx: the engine's context.
        months: the engine's cells, month → area → cell.
        template: an empty cell.
        touched: the cells, and in step the cases, of each case first met in a cell of the
            current month (two lists, so that noting one makes no pair); None when no
            indicator measures cases.
        order: the engine's counter of events added to a :class:`Latest` measure.
    """
    if track is None and not indicators and not late and not (visits and touched is not None):
        return None
    ns: dict[str, Any] = {"ctx": ctx, "track": track, "months": months, "template": template,
                          "order": order}
    if touched is not None:
        ns["touched_cells"], ns["touched_cases"] = touched
    ns.update({fact.index: getattr(ctx, fact.index) for fact in FACTS.values()})
    src = _Source(cls, ns)
    body = _lines([_tested(ind, slot, src, "cell", "event, ctx") for ind, slot in indicators])
    for ind, slot in late:
        assert ind.when is not None
        body += [f"d = {src.expr(ind.when, 'event')}", "ym = d.year * 12 + d.month - 1",
                 "other = months.get(ym)", "if other is None:", "    other = months[ym] = {}",
                 "c = other.get(area)", "if c is None:", "    c = other[area] = template.copy()",
                 *_lines([_tested(ind, slot, src, "c", "event, ctx")])]
    if visits and touched is not None:
        # the case is noted once per cell; its per-case measures are taken when the month is
        # over (see make_flush)
        body += ["if case.stamp is not cell:", "    case.stamp = cell",
                 "    touched_cells.append(cell)", "    touched_cases.append(case)"]
    head = ["case = track(ctx, event)"] if track is not None else []
    lines = ["def handle(event, cell, area):", *_indent(head + src.lookups + body or ["pass"])]
    handler: Handler = _compiled(lines, ns, f"handler {cls.__name__}", "handle")
    return handler


def make_flush(case_indicators: list[tuple[Indicator, int]]) -> Flush:
    """The function taking the per-case measures of the cases a month touched.

    It gets the cells and, in step, the cases, one per case and cell of the month, once the
    month is over (or, for the month still being read, on copies of its cells when results are
    asked for), and adds each case, in the state the engine knows at that moment, to the
    cell's per-case measures. Per-case accumulators hold the engine's case objects, not their
    ids: there is one object per case, and an object hashes by its address.
    """
    ns: dict[str, Any] = {}
    src = _Source(None, ns)
    body = _lines([_tested(ind, slot, src, "cell", "case") for ind, slot in case_indicators])
    lines = ["def flush(cells, cases):", "    for cell, case in zip(cells, cases):",
             *_indent(body or ["pass"], 2)]
    flush: Flush = _compiled(lines, ns, "flush", "flush")
    return flush


def _compiled(lines: list[str], ns: dict[str, Any], what: str, name: str) -> Any:
    """The function *name* defined by *lines*, compiled in the namespace *ns*, its source
    registered in :mod:`linecache` (under a name made from the source, so that engines built
    alike share one entry)."""
    source = "\n".join(lines) + "\n"
    digest = hashlib.sha1(source.encode(), usedforsecurity=False).hexdigest()[:12]
    filename = f"<hokatsu indicator {what} {digest}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), ns)
    return ns[name]
