package org.taskmet.solvers.pto;

import org.taskmet.api.Instance;

/**
 * One training instance with what PyEPO's {@code optDataset} precomputes for it, in reward form (rewards =
 * sense · targets): the true rewards c, an optimal decision z* = z*(c) and its value cᵀz*.
 */
record Sample(Instance instance, double[] rewards, double[] optimalDecision, double optimalValue) {}
