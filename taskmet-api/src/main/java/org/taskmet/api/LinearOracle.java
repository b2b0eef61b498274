package org.taskmet.api;

/**
 * A black-box linear optimization oracle over a fixed feasible set 𝒵 ⊂ ℝⁿ (a polytope's vertices, a finite
 * set of combinatorial decisions): given a reward vector c it returns a maximizer of cᵀz over 𝒵.
 *
 * <p>Sign convention: the oracle <em>maximizes</em> (as all of taskmet does); a cost-minimizing problem
 * negates its costs before calling it (see {@link LinearDecisionProblem}). Ties must be broken
 * deterministically and the rule documented, so that the same c gives the same z. The feasible set may
 * depend on the instance (read it from {@link Instance#aux}).
 *
 * <p>Oracles are called from several threads at once (batched evaluation): {@link #argmax} must be
 * thread-safe.
 */
public interface LinearOracle {
  /** Stable name for logs and configs. */
  String name();

  /** The dimension n of z (and of c) for this instance. */
  int dimension(Instance instance);

  /**
   * Writes argmax_{z ∈ 𝒵} cᵀz into {@code out} (length n). Must not modify {@code c}.
   *
   * @throws IllegalArgumentException when c lies outside the oracle's domain (say which entry and why)
   */
  void argmax(double[] c, Instance instance, double[] out);
}
