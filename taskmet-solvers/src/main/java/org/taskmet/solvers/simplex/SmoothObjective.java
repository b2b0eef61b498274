package org.taskmet.solvers.simplex;

import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;

/**
 * A smooth objective obj(z, Ŷ) that a task supplies to {@link CappedSimplexAscentSolver}: the solver
 * <em>maximizes</em> it over the capped simplex {0 ≤ z ≤ 1, Σz = k} and differentiates the maximizer
 * with respect to the predictions Ŷ.
 *
 * <p><b>Shapes.</b> {@code z} has length n = {@link #decisionSize(Instance)}; {@code predictions} is the
 * items × targets matrix the model produced for {@code instance} (for the budget task 5 × 10, n = 5).
 * The objective is evaluated with the <em>predictions</em> in place of the truth: the solver never sees
 * the true targets.
 *
 * <p><b>Sign convention.</b> Higher is better (taskmet maximizes, see {@code DecisionProblem}). The
 * solver needs the objective to be concave in z for its KKT backward to describe a maximizer; a merely
 * smooth (e.g. DR-submodular) objective still works, and then the backward differentiates the local
 * maximizer the ascent found.
 *
 * <p><b>What each method must return</b> (all derivatives are with respect to the first argument z unless
 * stated; implementations must not modify {@code z} or {@code predictions}, and must not allocate in
 * {@link #gradient} and {@link #hessian} if they want the solver to stay allocation-free):
 * <ul>
 *   <li>{@link #value}: obj(z, Ŷ).</li>
 *   <li>{@link #gradient}: ∇_z obj, written into {@code out} (length n).</li>
 *   <li>{@link #hessian}: ∇²_zz obj, written row-major into {@code out} (length n·n, symmetric).</li>
 *   <li>{@link #mixedVjp}: the mixed second derivative applied to a vector, Σ_i v_i ∂²obj/∂z_i∂Ŷ
 *       = ∂/∂Ŷ (vᵀ ∇_z obj(z, Ŷ)), returned shaped like {@code predictions}. This is the only way the
 *       solver touches ∂²obj/∂z∂Ŷ, so a task never has to materialize the n × (items·targets) matrix.</li>
 * </ul>
 * Conformance: a task implementing this interface should call
 * {@code org.taskmet.solvers.conformance.SolverConformance.checkSmoothObjective} in its tests; it checks each
 * method against central finite differences of the one before it.
 *
 * <p>Example (the budget task, w = 1): obj(z, Ŷ) = Σ_j (1 − Π_i (1 − z_i Ŷ_ij)).
 */
public interface SmoothObjective {
  /** Length n of the decision vector z for {@code instance}. */
  int decisionSize(Instance instance);

  /** obj(z, Ŷ); higher is better. */
  double value(double[] z, Matrix predictions, Instance instance);

  /** Writes ∇_z obj(z, Ŷ) into {@code out} (length n). */
  void gradient(double[] z, Matrix predictions, Instance instance, double[] out);

  /** Writes ∇²_zz obj(z, Ŷ) into {@code out}, row-major n × n. */
  void hessian(double[] z, Matrix predictions, Instance instance, double[] out);

  /**
   * Returns Σ_i v_i ∂²obj/∂z_i∂Ŷ, i.e. the gradient with respect to the predictions of vᵀ∇_z obj(z, Ŷ),
   * as a new matrix shaped like {@code predictions}.
   */
  Matrix mixedVjp(double[] z, Matrix predictions, Instance instance, double[] v);
}
