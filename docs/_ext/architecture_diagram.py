"""The picture of hokatsu's architecture, drawn with matplotlib when the docs are built.

Directory and ledger at the top, the one fold of case facts inside the ledger, the pure
consumers below. Labels are in English only, so that no CJK font is needed where the docs are
built. Run it alone to look at the picture: ``python docs/_ext/architecture_diagram.py out.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_BLUE = "#dbe9f6"
_GREEN = "#e3f1df"
_GREY = "#eeeeee"
_EDGE = "#444444"


def draw(path: Path) -> None:
    """Write the architecture diagram to ``path`` (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    fig, ax = plt.subplots(figsize=(10, 6.2), dpi=110)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 62)
    ax.axis("off")

    def box(x: float, y: float, w: float, h: float, title: str, body: str, colour: str,
            size: float = 8.5) -> None:
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.4,rounding_size=1.2",
                                    facecolor=colour, edgecolor=_EDGE, linewidth=1.1))
        ax.text(x + w / 2, y + h - 1.6, title, ha="center", va="top", fontsize=size + 1.5,
                fontweight="bold")
        ax.text(x + w / 2, y + h - 5.0, body, ha="center", va="top", fontsize=size,
                linespacing=1.35)

    def arrow(start: tuple[float, float], end: tuple[float, float], label: str = "") -> None:
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14,
                                     color=_EDGE, linewidth=1.2))
        if label:
            ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 1.2, label,
                    fontsize=7.5, style="italic", ha="center", va="bottom")

    # What exists, and what happened.
    box(2, 44, 30, 16, "Directory", "hokatsu.domain.Municipality\nareas tree, agencies,\n"
        "coordinators, meeting bodies\n(frozen; validity dates)", _BLUE)
    box(2, 22, 30, 14, "Events", "hokatsu.events\nfrom applications\nor hokatsu.simulation",
        _GREY)
    box(42, 22, 56, 38, "Ledger", "hokatsu.ledger.Ledger: append-only, every event checked\n"
        "against the directory and the fold (RULES)", _BLUE)
    box(47, 26, 46, 14, "One fold of case facts",
        "hokatsu.facts.Context\nCaseInfo · ReferralInfo · SessionInfo · ItemInfo\n"
        "updated event by event by hokatsu.facts.TRACKERS", _GREEN, size=8)
    arrow((32, 52), (42, 52), "read by")
    arrow((32, 29), (42, 29), "append")

    # The pure consumers, each reading the one fold.
    consumers = [
        ("Case states", "hokatsu.cases\nreplay, escalation paths"),
        ("Indicators", "hokatsu.indicators\none pass, period × area"),
        ("Networks", "hokatsu.network\nnetworkx graphs"),
        ("Sharing", "hokatsu.sharing\nconsent, disclose, export"),
    ]
    width, gap, left = 21.5, 3.0, 2.0
    for n, (title, body) in enumerate(consumers):
        x = left + n * (width + gap)
        box(x, 1, width, 12, title, body, _GREY, size=8)
        arrow((70, 25.6), (x + width / 2, 13.4))
    ax.text(50, 17.0, "pure functions: they read the fold, never change it",
            ha="center", fontsize=8, style="italic",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})

    fig.savefig(path, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)


if __name__ == "__main__":  # pragma: no cover - a convenience for looking at the picture
    draw(Path(sys.argv[1] if len(sys.argv) > 1 else "architecture.png"))
