"""氷見市's network in its sample year: who refers to whom, who works with whom, and a drawing.

Municipalities asked for each field's network to be made visible (ネットワークの見える化,
参考資料3 3-②). This script builds the referral and collaboration graphs of the hand-written
sample year FY2017 (``himi_fy2017``), prints the measures collaboration-network practice
reports — density, degree centralisation, reciprocity — and what the coordinator wants to
know: the fields within reach, referrals crossing fields, loops left open, the agencies new to
hard cases (indicator 2O2) and the communities compared with the fields.

With ``--picture PATH`` it also draws the network with matplotlib (the ``plot`` extra):
agencies coloured by field, referrals as arrows as wide as their number, collaboration in the
background. The documentation's build draws the tutorial's picture with :func:`draw`.

Run it with ``python examples/himi_network.py [--picture himi-network.png]``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hokatsu import FiscalYear, Ledger
from hokatsu.domain import Field
from hokatsu.network import (
    closed_loop_rate,
    collaboration_graph,
    cross_field_share,
    fields_within,
    network_measures,
    new_ties,
    referral_graph,
    referral_multigraph,
    silos,
)
from hokatsu.reference import himi
from hokatsu.reference.sample import himi_fy2017

#: A colour per field (the first field an agency covers, in Field's order); grey for
#: community actors, which cover none.
COLOURS = {
    Field.ELDERLY.value: "#4e79a7", Field.DISABILITY.value: "#f28e2b",
    Field.CHILDREN.value: "#59a14f", Field.HARDSHIP.value: "#e15759",
    Field.OTHER.value: "#b07aa1", Field.HEALTH.value: "#76b7b2",
}
COMMUNITY = "#bab0ac"


def draw(path: Path, ledger: Ledger | None = None) -> None:
    """Draw the sample year's network into *path* (a PNG): agencies coloured by field, edge
    width by referrals."""
    import matplotlib

    matplotlib.use("Agg")  # no display: draw into a file
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.patches import Patch

    ledger = ledger if ledger is not None else Ledger(himi(), himi_fy2017())
    referrals = referral_graph(ledger)
    together = collaboration_graph(ledger)
    order = [f.value for f in Field]

    def colour(fields: list[str]) -> str:
        return COLOURS.get(order[first(fields)], COMMUNITY) if fields else COMMUNITY

    def first(fields: list[str]) -> int:
        return min((order.index(f) for f in fields), default=len(order))

    # a circle, agencies of a field side by side; the branches, tied to no one, stay on it
    ring = sorted(referrals, key=lambda a: (first(referrals.nodes[a]["fields"]), a))
    pos = nx.circular_layout(ring)
    fig, ax = plt.subplots(figsize=(8, 6.5), dpi=100)
    nx.draw_networkx_edges(together, pos, ax=ax, edge_color="#dddddd",
                           width=[0.3 + 0.2 * w for _, _, w in together.edges(data="weight")])
    nx.draw_networkx_nodes(referrals, pos, ax=ax, node_size=900,
                           node_color=[colour(f) for _, f in referrals.nodes(data="fields")])
    nx.draw_networkx_edges(referrals, pos, ax=ax, arrows=True, arrowsize=15, node_size=900,
                           width=[1.5 * c for _, _, c in referrals.edges(data="count")],
                           connectionstyle="arc3,rad=0.1")
    nx.draw_networkx_labels(referrals, pos, ax=ax, font_size=7,
                            labels={a: a.removeprefix("himi-") for a in referrals})
    ax.legend(handles=[Patch(color=c, label=f) for f, c in COLOURS.items()]
              + [Patch(color=COMMUNITY, label="community actor")],
              loc="upper left", bbox_to_anchor=(1, 1), fontsize=8, frameon=False)
    ax.set_title("Himi FY2017: referrals (arrows) and collaboration (grey)")
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main() -> None:
    """Print the network's measures; draw it with --picture."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--picture", type=Path, help="draw the network into this PNG file")
    args = parser.parse_args()

    ledger = Ledger(himi(), himi_fy2017())
    referrals = referral_graph(ledger)
    m = network_measures(referrals)
    print(f"referral network: {m.agencies} agencies, {m.ties} ties, density {m.density:.3f}, "
          f"centralisation {m.centralization:.2f}, reciprocity {m.reciprocity}")
    together = network_measures(collaboration_graph(ledger))
    print(f"collaboration network: {together.ties} ties, density {together.density:.2f}")
    reach = fields_within(referrals, "himi-support", 1)
    print(f"ふくし相談サポートセンター reaches in one step: {', '.join(reach)}")
    multi = referral_multigraph(ledger)
    print(f"referrals crossing fields: {cross_field_share(multi):.0%}; "
          f"closed loops by sender: {closed_loop_rate(multi)}")
    ties = new_ties(ledger, FiscalYear(2017), hard_only=True)
    print(f"agencies new to hard cases in FY2017 (2O2): {len(ties.agencies)}")
    found = silos(collaboration_graph(ledger))
    print(f"{len(found.communities)} communities, modularity {found.modularity:.3f}, "
          f"{len(found.silos)} of one field")
    if args.picture is not None:
        draw(args.picture, ledger)
        print(f"drawn into {args.picture}")


if __name__ == "__main__":
    main()
