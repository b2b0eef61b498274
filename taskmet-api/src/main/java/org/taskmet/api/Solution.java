package org.taskmet.api;

/**
 * What a {@link Solver} returns: the decision, and what it needs to differentiate it later.
 *
 * @param decision the decision vector z
 * @param predictions the predictions it was computed from (not copied; do not modify)
 * @param instance the instance it was computed for
 * @param iterations iterations the solver used (0 for closed forms)
 * @param residual the solver's final optimality residual (0 for closed forms)
 * @param backwardState solver-private data for {@link Solver#vjp} (potentials, active sets, factorizations);
 *     opaque to everyone else
 */
public record Solution(
    double[] decision, Matrix predictions, Instance instance, int iterations, double residual, Object backwardState) {}
