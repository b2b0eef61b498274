/**
 * Exact linear oracles for combinatorial feasible sets — the shortest path on PyEPO's grid (dynamic programming
 * on the DAG) and the multi-dimensional 0/1 knapsack (branch and bound) — with documented deterministic
 * tie-breaks, lexicographic variants for unambiguous regret, and no allocation per call.
 */
package org.taskmet.solvers.combinatorial;
