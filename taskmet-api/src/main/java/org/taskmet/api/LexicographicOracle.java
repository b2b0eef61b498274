package org.taskmet.api;

/**
 * A {@link LinearOracle} that also solves the lexicographic problem: among the maximizers of a primary
 * reward, a maximizer of a secondary reward. Regret metrics need it to find the worst decision among the
 * tied optima of a prediction (PyEPO's "unambiguous regret": primary = the rounded predicted rewards,
 * secondary = the negated true rewards).
 */
public interface LexicographicOracle extends LinearOracle {
  /**
   * Writes into {@code out} a z that maximizes {@code primary}ᵀz over 𝒵 and, among those, maximizes
   * {@code secondary}ᵀz. The primary rewards must be integers (stored as doubles, |value| &lt; 2⁵⁰ summed
   * over a decision) so that ties are exact.
   *
   * @throws IllegalArgumentException when a primary reward is not an integer or either vector has the
   *     wrong length
   */
  void argmaxLexicographic(double[] primary, double[] secondary, Instance instance, double[] out);
}
