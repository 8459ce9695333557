"""Generated event handlers for the indicator engine.

The engine's pass is the hot path of the library: every event of a ledger goes through it.
Instead of calling one small closure per indicator, the engine generates, once per engine and
event class, a single Python function that runs the context's tracker and then every indicator
reading that class, with the common measures (counts, sums, distinct counts) written out inline
and the case noted in its cell; a second function takes the per-case measures of the cases a
month met, once the month is over. The code comes only from the templates below — slot numbers
and generated names — and from copies of hokatsu's own code, so that a handler makes no call
for it: the bodies of the trackers (the :class:`~hokatsu.indicators.context.Context` methods,
see :func:`_inlined`) and the catalogue's functions that return one expression (see
:func:`_expression`). A user's functions (``where``, keys, values, labels) are bound as names
and called, never turned into source — so this is code generation in the way attrs and cattrs
do it, not evaluation of anything a user wrote. Each function keeps its source in ``__doc__``
for debugging (it is not registered globally, so engines leave nothing behind).
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import textwrap
import types
from collections.abc import Callable
from typing import Any

from hokatsu.indicators.model import (
    Always,
    Attr,
    CaseAttr,
    CaseLabels,
    Cases,
    Count,
    CtxAttr,
    Distinct,
    Flag,
    Indicator,
    Is,
    IsNot,
    Mean,
    OfType,
    Ratio,
    Sum,
)

__all__ = ["Flush", "Handler", "make_flush", "make_handler"]

Handler = Callable[[Any, list[Any], str], None]
Flush = Callable[[list[tuple[list[Any], Any]]], None]
_serial = itertools.count()


def _call(fn: Any, ns: dict[str, Any], name: str, subject: str = "event",
          cls: type | None = None) -> str:
    """Source for applying *fn*: an accessor inline, anything else as a bound call.

    Accessor names are identifiers checked when the indicator was built, and constants are
    bound in *ns*, so nothing but identifiers enters the source. *cls*, the class a handler
    is for, settles an :class:`OfType` test when the handler is generated.
    """
    if isinstance(fn, Attr | CaseAttr):
        return f"{subject}.{fn.name}"
    if isinstance(fn, Is | IsNot):
        ns[name] = fn.value
        return f"({subject}.{fn.name} {'is' if isinstance(fn, Is) else 'is not'} {name})"
    if isinstance(fn, CtxAttr):
        return f"ctx.{fn.name}"
    if isinstance(fn, Always):
        return "True"
    if isinstance(fn, OfType):
        if cls is not None:
            return str(issubclass(cls, fn.classes))
        ns[name] = fn.classes
        return f"isinstance({subject}, {name})"
    params = ("case",) if subject == "case" else ("event", "ctx")
    copied = _expression(fn, params)
    if copied is not None:  # hokatsu's own one-expression function: evaluated in place
        expression, bound = copied
        ns.update(bound)
        return f"({expression})"
    ns[name] = fn
    return f"{name}({', '.join(params)})"


def _one_or_zero(test: str) -> str:
    """Source for 1 if *test* holds, else 0 (constants folded)."""
    return {"True": "1", "False": "0"}.get(test, f"(1 if {test} else 0)")


def _event_lines(ind: Indicator, i: int, ns: dict[str, Any], fallback: Any,
                 cls: type) -> list[str]:
    """Lines (one indent level) adding an event of class *cls* to slot *i*; binds functions
    in *ns*."""
    m = ind.measure
    where = ind.where
    body: list[str]
    grouped_count = ind.group is not None and isinstance(m, Count | Flag)
    if not grouped_count and (
        ind.group is not None or not isinstance(m, Count | Flag | Sum | Distinct | Mean | Ratio)
    ):
        ns[f"u{i}"] = fallback
        return [f"u{i}(event, cell)"]  # the closure checks its own where
    if grouped_count:
        body = [f"g = {_call(ind.group, ns, f'g{i}')}", f"acc = cell[{i}]", "if acc is None:",
                f"    acc = cell[{i}] = {{}}", "acc[None] = acc.get(None, 0) + 1",
                "if g is not None:", "    acc[g] = acc.get(g, 0) + 1"]
    elif isinstance(m, Mean):
        body = [f"x = {_call(m.value, ns, f'v{i}')}", "if x is not None:",
                f"    acc = cell[{i}]", "    if acc is None:", f"        cell[{i}] = [x, 1]",
                "    else:", "        acc[0] += x", "        acc[1] += 1"]
    elif isinstance(m, Ratio):
        n = _one_or_zero(_call(m.numerator, ns, f"n{i}", cls=cls))
        d = _one_or_zero(_call(m.denominator, ns, f"d{i}", cls=cls))
        settled = n in ("0", "1") and d in ("0", "1")  # for this class: no test at run time
        if settled and n == d == "0":
            return []
        x, y = (n, d) if settled else ("n", "d")
        add = [f"acc = cell[{i}]", "if acc is None:", f"    cell[{i}] = [{x}, {y}]", "else:",
               *(f"    acc[{j}] += {z}" for j, z in enumerate((x, y)) if z != "0")]
        body = add if settled else [f"n = {n}", f"d = {d}", "if n or d:",
                                    *("    " + line for line in add)]
    elif isinstance(m, Count | Flag):
        body = [f"cell[{i}] += 1"]
    elif isinstance(m, Sum):
        body = [f"cell[{i}] += {_call(m.value, ns, f'v{i}')}"]
    else:
        assert isinstance(m, Distinct)
        key = _call(m.key, ns, f"k{i}")
        if m.many:
            body = [f"k = {key}", "if k:", f"    acc = cell[{i}]",
                    "    if acc is None:", f"        cell[{i}] = set(k)", "    else:",
                    "        acc.update(k)"]
        else:
            body = [f"k = {key}", "if k is not None:", f"    acc = cell[{i}]",
                    "    if acc is None:", f"        cell[{i}] = {{k}}", "    else:",
                    "        acc.add(k)"]
    if where is None:
        return body
    test = _call(where, ns, f"w{i}", cls=cls)
    if test == "True":
        return body
    if test == "False":
        return []
    return [f"if {test}:", *("    " + line for line in body)]


def _case_lines(ind: Indicator, i: int, ns: dict[str, Any]) -> list[str]:
    """Lines adding the case in hand (``case``) to slot *i*.

    Per-case accumulators hold the engine's case objects, not their ids: there is one object
    per case, and an object hashes by its address without reading its id from memory (the
    case is usually out of the cache by the month's end, and its id string with it).
    """
    m = ind.measure
    if isinstance(m, Cases):
        body = [f"acc = cell[{i}]", "if acc is None:", f"    cell[{i}] = {{case}}", "else:",
                "    acc.add(case)"]
        if m.where is None:
            return body
        return [f"if {_call(m.where, ns, f'cw{i}', 'case')}:", *("    " + line for line in body)]
    assert isinstance(m, CaseLabels)
    return [f"acc = cell[{i}]", "if acc is None:", f"    acc = cell[{i}] = {{}}",
            f"acc[case] = {_call(m.label, ns, f'cl{i}', 'case')}"]


def make_handler(
    cls: type,
    *,
    track: Any,
    indicators: list[tuple[Indicator, int, Any]],
    late: list[tuple[Indicator, int, Any]],
    case_indicators: list[tuple[Indicator, int]],
    visits: bool,
    ctx: Any,
    months: dict[int, dict[str, list[Any]]],
    template: list[Any],
    touched: list[tuple[list[Any], Any]],
) -> Handler | None:
    """The handler of one event class, or None when nothing reads it.

    Args:
        cls: the event class.
        track: the context's tracker for the class (returning the case for case events);
            its body is inlined when it can be, else it is called.
        indicators: ``(indicator, slot, fallback updater)`` reading the class, by event date.
        late: the same for indicators with their own ``when`` date.
        case_indicators: ``(indicator, slot)`` of the per-case measures.
        visits: whether events of the class visit their case.
        ctx: the engine's context.
        months: the engine's cells, month → area → cell.
        template: an empty cell.
        touched: ``(cell, case)`` for each case first met in a cell of the current month.
    """
    if track is None and not indicators and not late and not (visits and case_indicators):
        return None
    ns: dict[str, Any] = {"ctx": ctx, "track": track, "months": months, "template": template}
    lines = ["def handle(event, cell, area):"]
    if track is not None:
        inlined = _inlined(track)
        if inlined is None:
            lines.append("    case = track(ctx, event)")
        else:
            body, bound = inlined
            ns.update(bound)
            lines += ["    " + line for line in body]
    for ind, slot, fallback in indicators:
        lines += ["    " + line for line in _event_lines(ind, slot, ns, fallback, cls)]
    if visits and case_indicators:
        # the case is noted once per cell; its per-case measures are taken when the month
        # is over (see make_flush)
        ns["touched"] = touched
        lines += ["    if case.stamp is not cell:", "        case.stamp = cell",
                  "        touched.append((cell, case))"]
    for n, (ind, _, fallback) in enumerate(late):
        ns[f"when{n}"] = ind.when
        ns[f"late{n}"] = fallback
        lines += [f"    d = when{n}(event)", "    ym = d.year * 12 + d.month - 1",
                  "    other = months.get(ym)", "    if other is None:",
                  "        other = months[ym] = {}", "    c = other.get(area)",
                  "    if c is None:", "        c = other[area] = template.copy()",
                  f"    late{n}(event, c)"]
    handler: Handler = _compiled(lines, ns, f"handler {cls.__name__}", "handle")
    return handler


def _copy(fn: Any, params: tuple[str, ...]) -> tuple[list[ast.stmt], dict[str, Any]] | None:
    """The statements of the function *fn* rewritten to run in a generated handler, and the
    names they need bound; None when *fn* has no source or is not a plain ``def`` of exactly
    as many positional parameters as *params*.

    The copy is *fn*'s syntax tree with its parameters renamed to *params* (the handler's own
    names), its other locals prefixed ``t_``, and the globals it reads bound under names
    prefixed ``G<n>_`` (*n* numbering the functions copied), so that nothing of the handler is
    shadowed and two copies never clash. Globals are bound as they are when the function is
    first copied: hokatsu's are constants, classes and functions that nothing rebinds.
    """
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):  # no source (a frozen or stripped install)
        return None
    node = tree.body[0] if tree.body else None
    if not isinstance(node, ast.FunctionDef) or len(node.args.args) != len(params) \
            or node.args.vararg or node.args.kwarg or node.args.kwonlyargs \
            or node.args.posonlyargs or node.decorator_list or fn.__code__.co_freevars:
        return None
    if not _same_code(node, fn.__code__):
        return None  # the file was edited since the module was imported: not this code
    body = node.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    if not body:
        return None
    stored = {n.id for n in ast.walk(node)
              if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    rename = {name: f"t_{name}" for name in stored}
    rename.update(zip((a.arg for a in node.args.args), params, strict=True))
    prefix = f"G{next(_copies)}_"
    bound: dict[str, Any] = {}

    class Rename(ast.NodeTransformer):
        def visit_Name(self, n: ast.Name) -> ast.Name:
            new = rename.get(n.id)
            if new is None and n.id in fn.__globals__:
                new = prefix + n.id
                bound[new] = fn.__globals__[n.id]
            return ast.copy_location(ast.Name(new or n.id, n.ctx), n)

    return [Rename().visit(stmt) for stmt in body], bound


def _same_code(node: ast.FunctionDef, code: types.CodeType) -> bool:
    """Whether the ``def`` *node* compiles to the code *code* (bytecode, names, constants)."""
    module = compile(ast.Module(body=[node], type_ignores=[]), "<hokatsu copy>", "exec")
    compiled = next(c for c in module.co_consts if isinstance(c, types.CodeType))
    return _shape(compiled) == _shape(code)


def _shape(code: types.CodeType) -> tuple[Any, ...]:
    """What a code object does, without where it is (line numbers, file)."""
    consts = tuple(_shape(c) if isinstance(c, types.CodeType) else (type(c), c)
                   for c in code.co_consts)
    return code.co_code, code.co_names, code.co_varnames, consts


_copies = itertools.count()
#: What a copied body cannot mean the same as the original before its end: leaving early.
_EXITS = (ast.Return, ast.Yield, ast.YieldFrom, ast.Await, ast.Global, ast.Nonlocal)
#: What a copied expression cannot hold: that, or a scope of its own.
_SCOPED = (*_EXITS, ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.NamedExpr)


@functools.cache
def _inlined(track: Any) -> tuple[tuple[str, ...], dict[str, Any]] | None:
    """The body of the tracker *track* as lines that leave its result in ``case``, and the
    names those lines need bound; None when it cannot be inlined (no source, or it returns
    before its last statement).

    Trackers are hokatsu's own :class:`~hokatsu.indicators.context.Context` methods
    ``(self, event)``: they stay ordinary typed, tested methods, and the handler runs a copy of
    their body (see :func:`_copy`, with ``self`` and the event renamed to the handler's ``ctx``
    and ``event``) instead of calling them, its final ``return x`` turned into ``case = x``:
    one call fewer per event.
    """
    copied = _copy(track, ("ctx", "event"))
    if copied is None:
        return None
    body, bound = copied
    if any(isinstance(node, _EXITS) for stmt in body[:-1] for node in ast.walk(stmt)):
        return None  # an early return (or anything else a copy cannot mean the same)
    last = body[-1]
    if isinstance(last, ast.Return):
        result = last.value if last.value is not None else ast.Constant(None)
        body[-1] = ast.copy_location(
            ast.Assign(targets=[ast.Name("case", ast.Store())], value=result), last)
    else:
        body.append(ast.Assign(targets=[ast.Name("case", ast.Store())],
                               value=ast.Constant(None)))
    module = ast.fix_missing_locations(ast.Module(body=body, type_ignores=[]))
    return tuple(ast.unparse(module).splitlines()), bound


def _expression(fn: Any, params: tuple[str, ...]) -> tuple[str, dict[str, Any]] | None:
    """Source of the value of hokatsu's own function *fn*, a ``def`` that only returns one
    expression, over the handler's *params*, and the names it needs bound; None for any other
    function.

    The catalogue writes its filters and values that need the context as such functions
    (``ctx.cases[event.case_id].multi_field``); a handler evaluates a copy of the expression
    (see :func:`_copy`) instead of calling them. Only functions of hokatsu's own modules are
    copied: a user's functions are always called, never turned into source.
    """
    module = getattr(fn, "__module__", None)
    if not isinstance(fn, types.FunctionType) or not isinstance(module, str) \
            or not module.startswith("hokatsu."):
        return None  # a user's function, a method, a callable object …
    return _one_expression(fn, params)


@functools.cache
def _one_expression(fn: types.FunctionType, params: tuple[str, ...]
                    ) -> tuple[str, dict[str, Any]] | None:
    """:func:`_expression` for a function of hokatsu's own (cached: the catalogue's are copied
    once, whatever the number of engines)."""
    copied = _copy(fn, params)
    if copied is None:
        return None
    body, bound = copied
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None \
            or any(isinstance(node, _SCOPED) for node in ast.walk(body[0].value)):
        return None
    return ast.unparse(body[0].value), bound


def make_flush(case_indicators: list[tuple[Indicator, int]]) -> Flush:
    """The function taking the per-case measures of the cases a month touched.

    It gets ``(cell, case)`` pairs, one per case and cell of the month, once the month is over
    (or, for the month still being read, on a copy of its cells when results are asked for),
    and adds each case, in the state the engine knows at that moment, to the cell's per-case
    measures.
    """
    ns: dict[str, Any] = {}
    lines = ["def flush(touched):", "    for cell, case in touched:"]
    for ind, slot in case_indicators:
        lines += ["        " + line for line in _case_lines(ind, slot, ns)]
    flush: Flush = _compiled(lines, ns, "flush", "flush")
    return flush


def _compiled(lines: list[str], ns: dict[str, Any], what: str, name: str) -> Any:
    """The function *name* defined by *lines*, compiled in the namespace *ns*."""
    source = "\n".join(lines) + "\n"
    exec(compile(source, f"<hokatsu indicator {what} #{next(_serial)}>", "exec"), ns)
    fn = ns[name]
    fn.__doc__ = source  # the generated code, for whoever debugs a traceback in it
    return fn
