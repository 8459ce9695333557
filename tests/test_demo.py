"""The demo, ``python -m hokatsu``: the tour's sections, its labels of what is real and what is
simulated, its command line and its JSON output."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import hokatsu
from hokatsu import _demo
from hokatsu.__main__ import main
from hokatsu.errors import UnknownReferenceError
from hokatsu.reference import himi

SECTIONS = ["directory", "year", "climb", "indicators", "network", "checklist", "sharing",
            "next"]
SIMULATED_SECTIONS = ["year", "climb", "indicators", "network", "sharing"]


@functools.cache
def tour(preset: str = "himi", seed: int = 0, fiscal_year: int | None = None) -> _demo.Tour:
    """One tour per set of arguments for the whole module (each simulates a year)."""
    return _demo.tour(preset, seed=seed, fiscal_year=fiscal_year)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m hokatsu *args`` with this checkout's hokatsu first on the path."""
    src = str(Path(hokatsu.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [src, *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.run([sys.executable, "-m", "hokatsu", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


class TestCommandLine:
    """The demo as a user runs it."""

    def test_runs(self) -> None:
        """``python -m hokatsu`` exits 0 and prints the heading, the legend and every
        section."""
        done = run()
        assert done.returncode == 0, done.stderr
        out = done.stdout
        assert out.startswith("hokatsu ")
        assert "What is real and what is not:" in out
        for n in range(1, len(SECTIONS) + 1):
            assert f"\n{n}. " in out
        assert "Traceback" not in done.stderr

    def test_help(self) -> None:
        """``--help`` exits 0 and lists every option."""
        done = run("--help")
        assert done.returncode == 0
        for option in ("--preset", "--seed", "--fiscal-year", "--json", "himi", "edogawa",
                       "iga"):
            assert option in done.stdout

    def test_bad_argument_subprocess(self) -> None:
        """An unknown preset ends with argparse's usage message and status 2, not a
        traceback."""
        done = run("--preset", "tokyo")
        assert done.returncode == 2
        assert "usage:" in done.stderr
        assert "invalid choice" in done.stderr
        assert "Traceback" not in done.stderr

    @pytest.mark.parametrize("args", [
        ["--preset", "nowhere"], ["--seed", "-1"], ["--seed", "x"], ["--seed", "1.5"],
        ["--fiscal-year", "1800"], ["--fiscal-year", "二〇一七年"], ["--unknown"],
        ["extra"],
    ])
    def test_bad_arguments(self, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """Each bad argument exits with status 2 and a usage message naming the problem."""
        with pytest.raises(SystemExit) as info:
            main(args)
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("usage: python -m hokatsu")
        assert "error:" in err

    def test_in_process(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``main()`` prints the same text as :func:`to_text` of the tour and returns 0."""
        assert main([]) == 0
        assert capsys.readouterr().out == _demo.to_text(tour()) + "\n"

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--json`` prints one JSON document with what was asked and every section."""
        assert main(["--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["sections"] == SECTIONS
        assert (data["preset"], data["seed"], data["fiscal_year"]) == ("himi", 0, "FY2017")
        for key in SECTIONS:
            assert {"title", "provenance"} <= set(data[key])
        assert data == json.loads(json.dumps(_demo.to_data(tour())))

    def test_options_reach_the_tour(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--preset``, ``--seed`` and ``--fiscal-year`` choose what is simulated."""
        assert main(["--preset", "iga", "--seed", "2", "--fiscal-year", "2017", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["preset"], data["seed"], data["fiscal_year"]) == ("iga", 2, "FY2017")
        assert data["municipality"] == "伊賀市"
        assert data["year"]["first"].startswith("2017-04")


class TestProvenance:
    """A reader is told which parts are the report's data and which are simulated."""

    def test_legend(self) -> None:
        """The legend at the top names the report's data, the synthetic areas, the simulated
        figures (not the city's results) and the made-up checklist answers."""
        legend = "\n".join(tour().legend)
        assert "REPORT" in legend
        assert "SYNTHETIC  247 of 252 areas" in legend
        assert "SIMULATED" in legend
        assert "NOT 氷見市's results" in legend
        assert "MADE UP" in legend
        assert "みどり町" in legend
        assert "ASSUMED" in legend

    def test_every_simulated_section_says_so(self) -> None:
        """Each section holding figures of the year is labelled simulated, not the city's
        results; the directory is labelled the report's data."""
        t = tour()
        for key in SIMULATED_SECTIONS:
            provenance = t.section(key).provenance
            assert provenance.startswith("SIMULATED, seed 0")
            assert "not 氷見市's results" in provenance
        assert t.section("directory").provenance.startswith("REPORT")
        assert "MADE UP" in t.section("checklist").provenance
        assert "REPORT" in t.section("checklist").provenance

    def test_beside_the_figures(self) -> None:
        """In the printed text, the indicator table's own first line says its figures are
        simulated, and every simulated section's heading carries the label."""
        text = _demo.to_text(tour())
        lines = text.splitlines()
        table = lines.index("  平成29年度 (FY2017), 氷見市")
        assert lines[table - 1] == "  SIMULATED figures, seed 0 — not 氷見市's results"
        headings = [line for line in lines if line[:2] in {f"{n}." for n in range(2, 8)}]
        assert sum("[SIMULATED" in h for h in headings) == len(SIMULATED_SECTIONS)

    def test_synthetic_areas_explained(self) -> None:
        """The directory says what "21 (21 synthetic)" means."""
        lines = tour().section("directory").lines
        assert any("district        21 (21 synthetic)" in line for line in lines)
        assert any("areas the report does not list, made up" in line for line in lines)

    def test_edogawa_has_no_synthetic_areas(self) -> None:
        """A directory without synthetic areas says so instead of counting made-up ones."""
        legend = "\n".join(tour("edogawa").legend)
        assert "SYNTHETIC  none of the" in legend
        assert "ASSUMED" not in legend


class TestSections:
    """What each section holds."""

    def test_coordinators_told_apart(self) -> None:
        """氷見市's two CSWs at the same centre read differently: each line names its id,
        and the year counts each one's cases separately."""
        t = tour()
        lines = [line for line in t.section("directory").lines if "(CSW)" in line]
        assert len(lines) == 2
        assert len(set(lines)) == 2
        assert [line.split()[0] for line in lines] == ["himi-csw1", "himi-csw2"]
        assert set(t.section("year").data["cases_by_coordinator"]) == {"himi-csw1", "himi-csw2"}
        coordinators = t.section("directory").data["coordinators"]
        assert [c["id"] for c in coordinators] == ["himi-csw1", "himi-csw2"]

    def test_directory_ids(self) -> None:
        """The directory shows the ids the tutorials use."""
        text = "\n".join(tour().section("directory").lines)
        for ident in ("himi-support", "himi-csw1", "himi-district", "himi-b2", "himi-d01",
                      "himi-branch1", "himi-core"):
            assert ident in text

    def test_climb(self) -> None:
        """The case shown climbs 氷見市's ladder 地域会議 → ブロック会議 → コア会議 → 構築会議
        rung by rung, as the directory's escalation chain says, at least one rung up."""
        climb = tour().section("climb").data
        chain = [b.id for b in himi().escalation_chain("himi-district")]
        assert climb["ladder"] == chain
        steps = [s["body_id"] for s in climb["steps"]]
        assert len(steps) >= 2
        assert steps == chain[:len(steps)]
        assert climb["steps"][0]["wait_days"] is None
        assert all(s["wait_days"] >= 0 for s in climb["steps"][1:])

    def test_indicators_through_the_formatter(self) -> None:
        """The indicator lines are the public formatter's, with one record per report
        indicator in the data."""
        from hokatsu.indicators import REPORT

        t = tour()
        section = t.section("indicators")
        assert [r["indicator"] for r in section.data["rows"]] == [i.id for i in REPORT]
        assert "  2A2 複数分野の関係機関が連携・対応した事例数: " in "\n".join(
            f"  {line}" for line in section.lines)

    def test_network(self) -> None:
        """The network section gives brokers, the cross-field share and the silos."""
        data = tour().section("network").data
        assert data["brokers"]
        assert all(0 < b["betweenness"] <= 1 for b in data["brokers"])
        assert data["cross_field_share"] is None or 0 <= data["cross_field_share"] <= 1
        assert isinstance(data["silos"], list)
        assert sum(len(c["agencies"]) for c in data["communities"]) == data["agencies"]

    def test_checklist(self) -> None:
        """The made-up town's assessment counts 14 items, and the survey adds up to 26."""
        data = tour().section("checklist").data
        assert data["made_up"] is True
        assert sum(data["counts"].values()) == 14
        assert sum(a["count"] for a in data["item_1_survey"]) == 26
        assert data["next_steps"][0]["item"] == 1

    def test_sharing(self) -> None:
        """Every view of the case names the rule that decided it; a refusal shows nothing."""
        data = tour().section("sharing").data
        assert data["views"]
        for view in data["views"]:
            assert view["rules"]
            if view["refused"]:
                assert view["shown"] == []
        assert data["audit"]["total"] >= data["audit"]["summaries"]

    def test_read_next(self) -> None:
        """Where to read next lists the tutorials in their order, and every page exists."""
        pages = [p["path"] for p in tour().section("next").data["pages"]]
        tutorials = [p.split("/")[-1] for p in pages if p.startswith("docs/tutorials/")]
        assert tutorials == ["household.md", "layered-meetings.md", "indicators.md",
                             "checklist.md", "network.md", "simulate.md", "sharing.md"]
        root = Path(__file__).resolve().parents[1]
        assert all((root / p).exists() for p in pages)

    def test_unknown_section(self) -> None:
        """Asking a tour for a section it does not have is refused, naming the known
        ones."""
        with pytest.raises(UnknownReferenceError, match="directory"):
            tour().section("nothing")


class TestPresetsAndSeeds:
    """Every preset, the seed and the fiscal year."""

    @pytest.mark.parametrize("preset", sorted(_demo.PRESETS))
    def test_each_preset(self, preset: str) -> None:
        """Each preset gives every section, as text and as JSON-ready data."""
        t = tour(preset)
        assert [s.key for s in t.sections] == SECTIONS
        data: Any = json.loads(json.dumps(_demo.to_data(t)))
        assert data["preset"] == preset
        assert data["year"]["events"] > 0
        assert t.city in _demo.to_text(t).splitlines()[0]

    def test_deterministic(self) -> None:
        """The same seed gives the same tour; another seed another year."""
        again = _demo.tour("himi", seed=0)
        assert _demo.to_data(again) == _demo.to_data(tour())
        assert _demo.to_text(again) == _demo.to_text(tour())
        assert tour(seed=1).section("year").data != tour().section("year").data

    def test_fiscal_year(self) -> None:
        """Another fiscal year moves the simulated year and the indicators' period."""
        t = tour(fiscal_year=2019)
        assert t.fiscal_year.key == "FY2019"
        assert t.section("year").data["first"].startswith("2019-04")
        assert t.section("indicators").data["period"] == "FY2019"

    def test_unknown_preset(self) -> None:
        """The tour refuses a preset it does not know, naming those it does."""
        with pytest.raises(UnknownReferenceError, match="himi"):
            _demo.tour("tokyo")
