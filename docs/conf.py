"""Sphinx configuration for the hokatsu documentation.

The build must pass ``sphinx-build -W -n`` (warnings are errors, nitpicky) for both the ``html``
and the ``doctest`` builders; CI (``.ci/run``) runs both. Nothing is fetched at build time.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Let a source checkout build its docs even when hokatsu is not installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
# The docs' own helpers: tables and pictures written at build time (docs/_ext).
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

import hokatsu

project = "hokatsu"
author = "The hokatsu developers"
copyright = "2026, The hokatsu developers"
try:
    release = version("hokatsu")
except PackageNotFoundError:  # pragma: no cover - building from a bare checkout
    release = hokatsu.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
# _generated holds what the build writes (pictures, tables included by pages), never pages.
exclude_patterns = ["_build", "_generated", "_ext", "Thumbs.db", ".DS_Store"]
language = "en"

# -- MyST ----------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc and napoleon ------------------------------------------------------------------
autodoc_default_options = {
    "members": True,
    "member-order": "bysource",
}
autodoc_typehints = "signature"
autoclass_content = "class"
add_module_names = False
python_use_unqualified_type_names = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# -- nitpicky mode -------------------------------------------------------------------------
# Every hokatsu name must resolve. Without intersphinx (the build is offline) names from the
# standard library and from attrs/cattrs cannot, so those, and only those, are ignored here.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"datetime\..*"),  # dates in signatures
    (r"py:.*", r"dt\..*"),  # the same, as written in hokatsu's annotations
    (r"py:.*", r"t\..*"),  # typing, imported as t where a module defines an accessor Any
    (r"py:.*", r"collections\.abc\..*"),
    (r"py:.*", r"(Iterable|Iterator|Mapping|Callable)"),  # collections.abc, unqualified
    (r"py:.*", r"enum\..*"),  # enum.Enum behind every Labelled enum
    (r"py:.*", r"attrs?\..*"),
    (r"py:.*", r"cattrs?\..*"),  # HokatsuConverter's base class and its hooks
    (r"py:.*", r"hypothesis\..*"),  # the strategies of hokatsu.testing
    (r"py:.*", r"hokatsu\.testing\._\w+\.T"),  # strategy_for's type variable
    (r"py:.*", r"(random|concurrent)(\..*)?"),  # the simulation's standard library
    (r"py:.*", r"pandas\..*"),  # an optional dependency of sweep tables
    (r"py:.*", r"(nx|networkx)(\..*)?"),  # the graphs of hokatsu.network
]

# -- doctest -------------------------------------------------------------------------------
# Pages import what they use, so that every example can be copied as it stands. Docstring
# examples shown by autodoc run in their module's namespace: each reference page sets that up
# in a hidden ``testsetup``, as ``pytest --doctest-modules`` does.
doctest_global_setup = ""
doctest_test_doctest_blocks = "default"

# -- HTML ----------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"hokatsu {release}"
html_static_path = ["_static"]
# Code wraps instead of running off the page (docs/_static/hokatsu.css).
html_css_files = ["hokatsu.css"]

# -- copy button ---------------------------------------------------------------------------
# The button copies what to type: prompts (>>> , ... , $ ) stripped, output lines left out.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_remove_prompts = True


# -- enum members --------------------------------------------------------------------------
# autodoc would list enum members without their Japanese labels (they have no docstrings), so
# each hokatsu enum gets a table instead: member, stable value (used in serialisation), label.
def _enum_table(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    from hokatsu._enums import Labelled

    if what != "class" or not (isinstance(obj, type) and issubclass(obj, Labelled)):
        return
    lines += ["", ".. list-table::", "   :header-rows: 1", "", "   * - member", "     - value",
              "     - label"]
    for member in obj:
        lines += [f"   * - ``{member.name}``", f"     - ``{member.value!r}``",
                  f"     - {member.label}"]
    lines.append("")


# -- completeness --------------------------------------------------------------------------
# The reference pages list members by hand, in an order that reads well. So that a name added to
# a module's __all__ cannot be forgotten, the build warns (and with -W fails) when a public
# name of a documented module has no entry. Add a module here when you give it a page.
REFERENCE_MODULES = (
    "hokatsu.calendar",
    "hokatsu.convert",
    "hokatsu.hsds",
    "hokatsu.testing",
    "hokatsu.errors",
    "hokatsu.domain.fields",
    "hokatsu.domain.households",
    "hokatsu.domain.areas",
    "hokatsu.domain.agencies",
    "hokatsu.domain.coordinators",
    "hokatsu.domain.foundations",
    "hokatsu.domain.meetings",
    "hokatsu.domain.municipality",
    "hokatsu.reference.himi",
    "hokatsu.reference.edogawa",
    "hokatsu.reference.tochigi",
    "hokatsu.reference.kotoura",
    "hokatsu.reference.kushiro",
    "hokatsu.reference.sample",
    "hokatsu.reference.municipalities",
    "hokatsu.reference.survey",
    "hokatsu.events",
    "hokatsu.events.base",
    "hokatsu.events.cases",
    "hokatsu.events.meetings",
    "hokatsu.events.corrections",
    "hokatsu.events.activities",
    "hokatsu.events.sharing",
    "hokatsu.ledger",
    "hokatsu.cases",
    "hokatsu.indicators",
    "hokatsu.indicators.model",
    "hokatsu.indicators.accessors",
    "hokatsu.indicators.measures",
    "hokatsu.indicators.explain",
    "hokatsu.facts",
    "hokatsu.indicators.engine",
    "hokatsu.indicators.catalogue",
    "hokatsu.indicators.compare",
    "hokatsu.indicators.checklist",
    "hokatsu.reference.iga",
    "hokatsu.simulation",
    "hokatsu.simulation.scenario",
    "hokatsu.simulation.engine",
    "hokatsu.simulation.presets",
    "hokatsu.simulation.sweep",
    "hokatsu.simulation.assumptions",
    "hokatsu.sharing",
    "hokatsu.sharing.consent",
    "hokatsu.sharing.disclose",
    "hokatsu.sharing.indicators",
    "hokatsu.network",
)


def _check_reference_complete(app: Sphinx, env: Any) -> None:
    import importlib

    from sphinx.util import logging

    logger = logging.getLogger("hokatsu.docs")
    documented = env.get_domain("py").objects
    # A package that re-exports names (hokatsu.events, hokatsu.indicators) is complete when
    # each name has an entry where it is defined, in another module listed here.
    entries: dict[tuple[str, int], list[str]] = {}
    for module_name in REFERENCE_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            key = (name, id(getattr(module, name)))
            entries.setdefault(key, []).append(f"{module_name}.{name}")
    for module_name in REFERENCE_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            if not any(e in documented for e in entries[(name, id(getattr(module, name)))]):
                logger.warning(
                    "%s.%s is in __all__ but has no entry in the reference", module_name, name
                )


# -- module summaries ----------------------------------------------------------------------
# A reference page introduces its module in its own words before ``automodule``; the module
# docstring's summary line would then say the same thing a second time. Where the page (or the
# section holding the automodule) has prose of its own before the directive, the summary is
# left out; where it has none, the summary is that section's first sentence and stays.
def _modules_introduced_by_their_page(reference: Path) -> frozenset[str]:
    introduced = set()
    for page in reference.rglob("*.md"):
        prose = False
        fence = None  # the fence that opened the block we are in, if any
        for line in page.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if fence is None and stripped.startswith("```"):
                fence = stripped[: len(stripped) - len(stripped.lstrip("`"))]
                continue
            if fence is not None:
                if stripped == fence:
                    fence = None
                elif stripped.startswith(".. automodule::") and prose:
                    introduced.add(stripped.split("::", 1)[1].strip())
                continue
            if line.startswith("#"):
                prose = False
            elif stripped and not stripped.startswith(("(", "<!--")):
                prose = True
    return frozenset(introduced)


INTRODUCED = _modules_introduced_by_their_page(Path(__file__).resolve().parent / "reference")


def _drop_repeated_summary(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what != "module" or name not in INTRODUCED:
        return
    # The summary is the docstring's first paragraph; drop it and the blank line after it.
    end = next((n for n, line in enumerate(lines) if not line.strip()), len(lines))
    del lines[: end + 1]


# -- pictures and tables -------------------------------------------------------------------
# What the pages show of hokatsu's own data is written at build time, never kept by hand: the
# network tutorial's picture is drawn by the example that shows how (examples/himi_network.py,
# with matplotlib from the plot extra), the architecture's by docs/_ext/architecture_diagram.py,
# and the indicator catalogues' and the checklist's tables by docs/_ext/hokatsu_tables.py.
GENERATED = Path(__file__).resolve().parent / "_generated"


def _draw_pictures(app: Sphinx) -> None:
    import runpy

    import architecture_diagram
    import hokatsu_tables

    GENERATED.mkdir(exist_ok=True)
    example = runpy.run_path(str(Path(__file__).resolve().parents[1] / "examples"
                                 / "himi_network.py"))
    example["draw"](GENERATED / "himi-network.png")
    architecture_diagram.draw(GENERATED / "architecture.png")
    hokatsu_tables.write(GENERATED)


def setup(app: Sphinx) -> None:
    # {indicator}`1A1` links to the indicator's row in the catalogue's tables, which declare
    # each one (``indicator`` directive); the general index lists them.
    app.add_crossref_type("indicator", "indicator", indextemplate="pair: %s; indicator")
    app.connect("builder-inited", _draw_pictures)
    app.connect("autodoc-process-docstring", _enum_table)
    app.connect("autodoc-process-docstring", _drop_repeated_summary)
    app.connect("env-check-consistency", _check_reference_complete)
