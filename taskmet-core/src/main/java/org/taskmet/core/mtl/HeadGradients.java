package org.taskmet.core.mtl;

/**
 * What each task head receives. The loss-weighting convention gives head k the aggregator weight times
 * its own gradient, w_k·∇_{θ_k}ℓ_k (MGDA code, group DRO); projection methods (PCGrad, CAGrad code)
 * report weights 1, so both choices coincide for them.
 */
public enum HeadGradients {
  /** head k gets w_k·∇_{θ_k}ℓ_k. */
  WEIGHTED,
  /** head k gets ∇_{θ_k}ℓ_k. */
  UNWEIGHTED
}
