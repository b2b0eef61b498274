package org.taskmet.api.toolkit;

import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;

/**
 * A smooth objective obj(z, Ŷ) of a decision z given predictions Ŷ, to be <em>maximized</em> over a
 * {@link ConvexSet} by {@link ProjectedGradientSolver}.
 *
 * <p>The solver evaluates it with the predictions in place of the truth. It should be concave in z, and
 * strictly concave along the face of the set the maximizer lies on, for the maximizer to be unique and its
 * derivative to exist; the backward pass reports an error when that linear system cannot be solved.
 *
 * <p>Implementations must not modify {@code z}, {@code v} or {@code predictions}. The conformance kit
 * ({@code org.taskmet.conformance.SolverConformance#checkSmoothObjective}) checks every method against
 * central finite differences of the one before it.
 */
public interface SmoothObjective {
  /** Length n of the decision vector for {@code instance}. */
  int decisionSize(Instance instance);

  /** obj(z, Ŷ); higher is better. */
  double value(double[] z, Matrix predictions, Instance instance);

  /** Writes ∇_z obj(z, Ŷ) into {@code out} (length n). */
  void gradient(double[] z, Matrix predictions, Instance instance, double[] out);

  /** Writes the Hessian-vector product ∇²_zz obj(z, Ŷ)·v into {@code out} (length n). */
  void hessianVector(double[] z, Matrix predictions, Instance instance, double[] v, double[] out);

  /**
   * Returns ∂/∂Ŷ (vᵀ∇_z obj(z, Ŷ)): the mixed second derivative applied to {@code v}, as a new matrix shaped
   * like {@code predictions}.
   */
  Matrix mixedVjp(double[] z, Matrix predictions, Instance instance, double[] v);
}
