"""The optimal assignment, by min-cost flow, and the reason each mentee is left out.

The network has a source, one node per mentee, one per mentor, a "cap" node and a sink:

    source -> mentee   capacity 1            cost 0
    mentee -> mentor   capacity 1            cost -scaled score   (one arc per usable candidate pair)
    mentor -> cap      capacity = the mentor's remaining capacity
    cap    -> sink     capacity = the program's remaining maximum of partnerships

Every integral flow is an assignment that respects capacities and the program cap, and its cost
is minus its total (scaled) score. Min-cost flow has integral optimal solutions, so the solver's
answer is an optimal assignment, not an approximation:

- "participation": the maximum flow of minimum cost (OR-Tools' solve_max_flow_with_min_cost):
  as many mentees as possible, then the greatest total score among those assignments.
- "score": an extra source -> sink arc of cost 0 lets any amount of flow bypass the mentees, so
  the solver picks the flow of least cost whatever its size: the greatest total score. Pairs whose
  scaled score is <= 0 are left out of the network beforehand because they cannot raise the total;
  a mentee who has only such pairs is reported "not_worth_it".

Locked pairs are fixed before the solve: their mentees leave the network, and their mentors'
capacity and the program cap shrink by what they use. Excluded pairs never enter the network.
"""

from __future__ import annotations

import math

import numpy as np
from ortools.graph.python import min_cost_flow

from .model import BoolArray, Instance, IntArray, Reason, ReasonCode, Result


class EngineError(RuntimeError):
    """The solver failed or contradicted itself: a bug, never a problem of the input."""


def usable_pairs(instance: Instance, scaled: IntArray) -> BoolArray:
    """Candidates the objective may use: not excluded, and (for "score") worth taking."""
    usable = ~instance.excluded
    if instance.objective == "score":
        usable &= scaled > 0
    return usable


def solve(instance: Instance) -> Result:
    """Return the optimal assignment of a checked instance (see check_instance)."""
    n, m = instance.n_mentees, instance.n_mentors
    scaled = instance.scaled_scores()
    usable = usable_pairs(instance, scaled)

    locked = np.sort(instance.locked)
    locked_mentee = np.zeros(n, dtype=np.bool_)
    locked_mentee[instance.cand_mentee[locked]] = True
    remaining_capacity = instance.capacity - np.bincount(instance.cand_mentor[locked], minlength=m)
    remaining_cap = n if instance.max_pairs is None else instance.max_pairs - locked.size

    free = np.flatnonzero(usable & ~locked_mentee[instance.cand_mentee])
    flow_chosen, cost = _min_cost_flow(instance, free, scaled, remaining_capacity, remaining_cap)
    chosen = np.concatenate([locked, flow_chosen])
    chosen = chosen[np.argsort(instance.cand_mentee[chosen], kind="stable")]

    if -cost != int(scaled[flow_chosen].sum()):
        raise EngineError("the solver's cost does not match the assignment it returned")
    total_scaled = int(scaled[chosen].sum())
    total_score = math.fsum(instance.score[chosen].tolist())
    unmatched, reasons = _reasons(instance, usable, chosen)
    return Result(
        instance=instance,
        chosen=chosen.astype(np.int64),
        total_score=total_score,
        total_scaled=total_scaled,
        unmatched=unmatched,
        reasons=reasons,
    )


def _min_cost_flow(
    instance: Instance, arcs: IntArray, scaled: IntArray, capacity: IntArray, cap: int
) -> tuple[IntArray, int]:
    """Solve the network over the candidate indices `arcs`; return the chosen ones and the cost."""
    if arcs.size == 0 or cap == 0:
        return np.zeros(0, dtype=np.int64), 0
    n, m = instance.n_mentees, instance.n_mentors
    source, cap_node, sink = 0, n + m + 1, n + m + 2
    mentee_nodes = 1 + np.arange(n, dtype=np.int32)
    mentor_nodes = 1 + n + np.arange(m, dtype=np.int32)
    k = arcs.size
    tails = np.concatenate(
        [np.full(n, source, np.int32), mentee_nodes[instance.cand_mentee[arcs]], mentor_nodes, [np.int32(cap_node)]]
    ).astype(np.int32, copy=False)
    heads = np.concatenate(
        [mentee_nodes, mentor_nodes[instance.cand_mentor[arcs]], np.full(m, cap_node, np.int32), [np.int32(sink)]]
    ).astype(np.int32, copy=False)
    capacities = np.concatenate([np.ones(n + k, np.int64), capacity, [np.int64(cap)]])
    costs = np.concatenate([np.zeros(n, np.int64), -scaled[arcs], np.zeros(m + 1, np.int64)])
    supply = int(np.count_nonzero(np.bincount(instance.cand_mentee[arcs], minlength=n)))
    if instance.objective == "score":
        tails = np.append(tails, np.int32(source))
        heads = np.append(heads, np.int32(sink))
        capacities = np.append(capacities, np.int64(supply))
        costs = np.append(costs, np.int64(0))

    network = min_cost_flow.SimpleMinCostFlow()
    arc_ids = network.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    # The solver keeps its own copy of the arcs; dropping ours lowers the peak memory of the solve.
    del tails, heads, capacities, costs
    network.set_nodes_supplies(np.array([source, sink], np.int32), np.array([supply, -supply], np.int64))
    status = network.solve() if instance.objective == "score" else network.solve_max_flow_with_min_cost()
    if status != network.OPTIMAL:
        raise EngineError(f"the min-cost flow solver stopped with status {status!r}")
    flows = network.flows(np.asarray(arc_ids, dtype=np.int32)[n : n + k])
    return arcs[flows > 0], int(network.optimal_cost())


def _reasons(instance: Instance, usable: BoolArray, chosen: IntArray) -> tuple[IntArray, tuple[Reason, ...]]:
    """Name, for each unmatched mentee, the first fact in this order that keeps them out."""
    n, m = instance.n_mentees, instance.n_mentors
    who = instance.cand_mentee
    has_candidate = np.bincount(who, minlength=n) > 0
    has_allowed = np.bincount(who[~instance.excluded], minlength=n) > 0
    has_usable = np.bincount(who[usable], minlength=n) > 0
    load = np.bincount(instance.cand_mentor[chosen], minlength=m)
    room = load < instance.capacity
    has_room = np.bincount(who[usable & room[instance.cand_mentor]], minlength=n) > 0
    cap_reached = instance.max_pairs is not None and chosen.size >= instance.max_pairs

    matched = np.zeros(n, dtype=np.bool_)
    matched[who[chosen]] = True
    unmatched = np.flatnonzero(~matched)
    reasons = []
    for i in unmatched.tolist():
        if not has_candidate[i]:
            reasons.append(instance.prefilter_reasons.get(i, Reason.of(ReasonCode.NO_CANDIDATES)))
        elif not has_allowed[i]:
            reasons.append(Reason.of(ReasonCode.EXCLUDED))
        elif not has_usable[i]:
            reasons.append(Reason.of(ReasonCode.NOT_WORTH_IT))
        elif not has_room[i]:
            reasons.append(Reason.of(ReasonCode.CANDIDATES_FULL))
        elif cap_reached:
            reasons.append(Reason.of(ReasonCode.OVER_CAP))
        else:
            # A usable pair with a free mentor under the cap would improve the objective, so an
            # optimal assignment cannot leave this mentee out.
            raise EngineError(f"mentee {instance.mentee_ids[i]!r} was left out although a candidate mentor had room")
    return unmatched.astype(np.int64), tuple(reasons)
