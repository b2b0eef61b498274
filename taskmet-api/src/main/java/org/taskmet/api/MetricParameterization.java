package org.taskmet.api;

import java.util.random.RandomGenerator;

/**
 * A learned metric Λ_φ(x) in prediction space: for every input row x_r an n×n symmetric positive
 * (semi-)definite matrix Λ_r, with a flat parameter vector φ. The model is trained on the Mahalanobis
 * loss mean_r e_rᵀ Λ_r e_r, e_r = f_θ(x_r) − y_r.
 *
 * <p>Every product works on a {@link ForwardPass} made by {@link #forward}, whose {@code output()} is
 * the rows × n² matrix of the row-major Λ_r. The rows of {@code a}, {@code b}, {@code v} are
 * n-vectors, one per input row.
 */
public interface MetricParameterization {
  /** F, the length of an input row. */
  int inputSize();

  /** n, the prediction dimension. */
  int outputSize();

  int parameterCount();

  /** Initial φ (the reference initialization of the parameterization). */
  double[] initialParameters(RandomGenerator rng);

  /**
   * Evaluates Λ_φ(x_r) for every row of {@code input} (rows × F).
   *
   * <p>The pass must keep its own copy of {@code parameters}: optimizers update φ in place while a pass is
   * still in use, and its products must not change when they do (the conformance kit checks this).
   */
  ForwardPass forward(double[] parameters, Matrix input);

  /** Rows Λ_r v_r (rows × n). */
  Matrix apply(ForwardPass pass, Matrix v);

  /** ∇_φ Σ_r w_r a_rᵀ Λ_φ(x_r) b_r: the reverse product used by the loss gradient and the mixed product. */
  double[] bilinearGradient(ForwardPass pass, Matrix a, Matrix b, double[] rowWeights);

  /** Rows (DΛ_r[φ̇]) v_r: the forward product along a parameter tangent φ̇ (rows × n). */
  Matrix applyTangent(ForwardPass pass, double[] parameterTangent, Matrix v);

  /** Builds a metric for a task's sizes; this is what a metric plugin provides. */
  interface Factory {
    MetricParameterization create(int inputSize, int outputSize);
  }
}
