"""The referral and collaboration network (networkx): graphs from the ledger, and measures.

:mod:`hokatsu.network.graphs` builds the graphs — referrals per referral and per pair of
agencies, collaboration on cases and in meetings, cases and agencies, fields — from the one
fold of the facts (:class:`hokatsu.facts.Context`); :mod:`hokatsu.network.analytics` measures
them as collaboration-network practice does (density, centralisation, reciprocity, brokers,
key players, silos …), from what was recorded rather than what a survey perceived.
"""

from hokatsu.network.analytics import (
    Community,
    Gap,
    NetworkMeasures,
    NewTies,
    Overload,
    PerceivedComparison,
    PingPong,
    Silos,
    YearGrowth,
    brokers,
    closed_loop_rate,
    compare_perceived,
    cross_field_share,
    degree_centralization,
    fields_within,
    fragmentation,
    growth,
    hubs,
    key_players,
    network_measures,
    new_ties,
    over_capacity,
    ping_pong,
    silos,
    uncovered,
)
from hokatsu.network.graphs import (
    Source,
    case_agency_graph,
    collaboration_graph,
    field_graph,
    referral_graph,
    referral_multigraph,
)

__all__ = [
    "Community",
    "Gap",
    "NetworkMeasures",
    "NewTies",
    "Overload",
    "PerceivedComparison",
    "PingPong",
    "Silos",
    "Source",
    "YearGrowth",
    "brokers",
    "case_agency_graph",
    "closed_loop_rate",
    "collaboration_graph",
    "compare_perceived",
    "cross_field_share",
    "degree_centralization",
    "field_graph",
    "fields_within",
    "fragmentation",
    "growth",
    "hubs",
    "key_players",
    "network_measures",
    "new_ties",
    "over_capacity",
    "ping_pong",
    "referral_graph",
    "referral_multigraph",
    "silos",
    "uncovered",
]
