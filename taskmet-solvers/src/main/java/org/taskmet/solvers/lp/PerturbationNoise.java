package org.taskmet.solvers.lp;

/**
 * How a reward vector ĉ is perturbed by a standard normal Z (Berthet et al. 2020):
 * <ul>
 *   <li>{@link #ADDITIVE}: ĉ + σZ.</li>
 *   <li>{@link #MULTIPLICATIVE}: ĉ ∘ exp(σZ − σ²/2), which keeps every sign (useful when the oracle needs
 *       rewards of one sign, e.g. costs ≥ 0) and has mean ĉ. Needs every ĉ_i ≠ 0 (its derivative divides
 *       by ĉ).</li>
 * </ul>
 */
public enum PerturbationNoise {
  ADDITIVE,
  MULTIPLICATIVE;

  /** Writes the perturbed rewards for the noise vector {@code z} into {@code out}. */
  void perturb(double[] c, double[] z, double sigma, double[] out) {
    for (int i = 0; i < c.length; i++) {
      out[i] = this == ADDITIVE ? c[i] + sigma * z[i] : c[i] * Math.exp(sigma * z[i] - 0.5 * sigma * sigma);
    }
  }
}
