"""Tables of the documentation written at build time from hokatsu's own objects.

The indicator catalogues and the checklist are data in hokatsu; the pages that list them include
what this module writes into ``docs/_generated/`` when the build starts, so a page can never
disagree with the code. Nothing is fetched: everything comes from the installed objects.

Each indicator gets a target of the ``indicator`` type (``{indicator}`1A1``` links to it, and
the general index lists it), in the HTML as ``#std-indicator-1A1``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hokatsu.indicators import CATALOGUE, EXTRAS, MULTILAYERED, REPORT, Indicator, Viewpoint
from hokatsu.indicators.checklist import CHECKLIST

# The explanation page's section on each viewpoint's decisions (labels set in
# docs/explanation/catalogue.md).
_DECISIONS = {
    Viewpoint.GRASP_ISSUES: "catalogue-grasp-issues",
    Viewpoint.INDIVIDUAL_SUPPORT: "catalogue-individual-support",
    Viewpoint.DEVELOP_RESOURCES: "catalogue-develop-resources",
    Viewpoint.MANAGE_SYSTEM: "catalogue-manage-system",
    Viewpoint.RUN_MEETING: "catalogue-run-meeting",
    Viewpoint.BEYOND: "catalogue-beyond",
}

# The report's questions (第4章 2.(1), 2.(2)), as printed in its checklist; hokatsu's data keeps a
# short Japanese label and an English question per item, so the docs hold the full wording.
CHECKLIST_QUESTIONS_JA = {
    1: "地域福祉計画をはじめとした行政計画の中で、"
    "包括的相談支援体制の構築の取組をどのように位置づけているか？",
    2: "自治体における分野ごとの相談支援体制（高齢、障害、子ども、生活困窮、その他）について、"
    "現状の強みや弱み、不足するリソース等を適切に把握しているか？",
    3: "これまでに、包括的な相談支援体制の構築に向けた取組をどの程度進めてきたか？",
    4: "どのような制度等を基盤にして相談支援の包括化を進めるかについて、方針は明確になっているか？",
    5: "包括的な相談支援体制において、どのように困難事例等に対応を進めるか、明確にできているか？",
    6: "幅広い主体が関わる包括的な相談支援体制が構築されているか？",
    7: "地域の課題や個別事例等について、"
    "関係主体が横断的に情報共有するための仕組みが整備されているか？",
    8: "相談支援包括化推進員が、関係機関と連携しながら"
    "どのように役割を果たしていくか、明確になっているか？",
    9: "相談支援包括化推進員と他の主体との役割分担は明確か？",
    10: "行政及び受託組織が、相談支援包括化推進員の活動を適切にバックアップしているか？",
    11: "相談支援包括化推進会議の目的は明確になっているか？",
    12: "相談支援包括化推進会議の開催形式は明確になっているか？",
    13: "包括的な相談支援体制の構築により達成を目指す目標は明確になっているか？"
    "その目標は関係機関に共有されているか？",
    14: "包括的な相談支援体制全体のマネジメントの仕組みは構築されているか？",
}


def _cell(text: str) -> list[str]:
    """The lines of one list-table cell, continuation lines indented under the first."""
    first, *rest = text.splitlines() or [""]
    return [f"  - {first}", *(f"    {line}" for line in rest)]


def _reads(indicator: Indicator) -> str:
    measure = type(indicator.measure)
    text = f"{{class}}`~{measure.__module__}.{measure.__qualname__}`"
    if indicator.events:
        events = ", ".join(f"{{class}}`~{e.__module__}.{e.__qualname__}`"
                           for e in indicator.events)
        text += f" of {events}"
    else:
        text += " of other indicators' cells"
    return text


def _indicator_table(indicators: Sequence[Indicator], defined: set[str]) -> list[str]:
    """A MyST list-table, one row per indicator; each id is a target the first time it appears."""
    lines = ["```{list-table}", ":header-rows: 1", ":widths: 14 10 8 22 32 14", "",
             "* - id", "  - kind", "  - unit", "  - name", "  - what it counts", "  - reads"]
    for indicator in indicators:
        if indicator.id in defined:
            id_cell = f"{{indicator}}`{indicator.id}`"
        else:
            defined.add(indicator.id)
            id_cell = f"```{{indicator}} {indicator.id}\n```\n**{indicator.id}**"
        lines.append(f"* - {id_cell.splitlines()[0]}")
        lines += [f"    {line}" for line in id_cell.splitlines()[1:]]
        description = indicator.description
        if indicator.groups:
            description += " Groups: " + ", ".join(f"`{g}`" for g in indicator.groups) + "."
        if len(indicator.grains) == 1:
            (grain,) = indicator.grains
            description += f" Per {grain.value.replace('_', ' ')} only."
        lines += _cell(indicator.kind.label)
        lines += _cell(indicator.unit or "—")
        lines += _cell(indicator.name)
        lines += _cell(description)
        lines += _cell(_reads(indicator))
    lines += ["```", ""]
    return lines


def indicator_catalogue() -> str:
    """The catalogue page's tables: the report's, hokatsu's extras, the 重層 project's."""
    defined: set[str] = set()
    out = ["<!-- Written by docs/_ext/hokatsu_tables.py when the docs are built; do not edit. -->",
           "", "## The report's indicators", "",
           "{data}`~hokatsu.indicators.catalogue.REPORT`, per viewpoint of 第4章 2.(3). "
           "Each viewpoint's heading links to the choices behind its definitions.", ""]
    viewpoints = [v for v in Viewpoint if v is not Viewpoint.BEYOND]
    for viewpoint in viewpoints:
        members = [i for i in REPORT if i.viewpoint is viewpoint]
        out += [f"### {viewpoint.label}", "",
                f"Why each is counted so: {{ref}}`{_DECISIONS[viewpoint]}`.", ""]
        out += _indicator_table(members, defined)
    out += ["## hokatsu's extras", "",
            "{data}`~hokatsu.indicators.catalogue.EXTRAS`, context figures beyond the report "
            f"({{ref}}`{_DECISIONS[Viewpoint.BEYOND]}`).", ""]
    out += _indicator_table(EXTRAS, defined)
    out += ["## The 重層的支援体制整備事業's figures", "",
            "{data}`~hokatsu.indicators.catalogue.MULTILAYERED`, the figures asked of a "
            "municipality running the project of 社会福祉法 第106条の4 "
            "({ref}`catalogue-multilayered`). An indicator already listed above is the same "
            "object, and links there.", ""]
    out += _indicator_table(MULTILAYERED, defined)
    missing = {i.id for i in (*CATALOGUE, *MULTILAYERED)} - defined
    if missing:  # pragma: no cover - a catalogue outside REPORT, EXTRAS and MULTILAYERED
        raise RuntimeError(f"indicators left out of the docs' tables: {sorted(missing)}")
    return "\n".join(out)


def checklist_table() -> str:
    """The fourteen checklist items: number, viewpoint, the report's question and hokatsu's."""
    out = ["<!-- Written by docs/_ext/hokatsu_tables.py when the docs are built; do not edit. -->",
           "", "```{list-table}", ":header-rows: 1", ":widths: 5 15 40 40", "",
           "* - item", "  - viewpoint and title", "  - the report's question (第4章 2.(1), 2.(2))",
           "  - in hokatsu (`item.question`)"]
    for item in CHECKLIST:
        out.append(f"* - {item.number}")
        out += _cell(f"{item.viewpoint.code}\n{item.label}")
        out += _cell(CHECKLIST_QUESTIONS_JA[item.number])
        kind = "choose one" if item.kind.value == "single" else "choose all that apply"
        out += _cell(f"{item.question} ({kind})")
    out += ["```", ""]
    return "\n".join(out)


def write(directory: Path) -> list[Path]:
    """Write every generated table into ``directory``; a file is rewritten only when it changed."""
    directory.mkdir(exist_ok=True)
    written = []
    for name, text in (("indicator-catalogue.md", indicator_catalogue()),
                       ("checklist-items.md", checklist_table())):
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


__all__ = ["CHECKLIST_QUESTIONS_JA", "checklist_table", "indicator_catalogue", "write"]
