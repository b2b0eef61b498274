package org.taskmet.core.rl;

import org.taskmet.api.Matrix;

/**
 * A batch of B transitions (s, a, r, s', not-done), one per row.
 *
 * @param observations s (B × d)
 * @param actions a (B)
 * @param rewards r (B)
 * @param nextObservations s' (B × d)
 * @param notDone 0 when s' is terminal, 1 otherwise (also when the episode was only truncated by a time limit,
 *     so the value of s' is bootstrapped: the reference's {@code not_done_no_max})
 */
public record Transitions(Matrix observations, int[] actions, double[] rewards, Matrix nextObservations,
    double[] notDone) {
  public Transitions {
    int b = observations.rows();
    if (actions.length != b || rewards.length != b || nextObservations.rows() != b || notDone.length != b
        || nextObservations.cols() != observations.cols()) {
      throw new IllegalArgumentException("transition batch parts disagree: observations " + observations.shape()
          + ", " + actions.length + " actions, " + rewards.length + " rewards, next observations "
          + nextObservations.shape() + ", " + notDone.length + " not-done flags");
    }
  }

  /** B. */
  public int size() {
    return actions.length;
  }
}
