package org.taskmet.solvers.simplex;

import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;

/**
 * The toolkit's smooth objective with a dense Hessian, as {@link CappedSimplexAscentSolver} needs it: the solver
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
 * {@code org.taskmet.conformance.SolverConformance.checkSmoothObjective} in its tests; it checks each
 * method against central finite differences of the one before it.
 *
 * <p>Example (the budget task, w = 1): obj(z, Ŷ) = Σ_j (1 − Π_i (1 − z_i Ŷ_ij)).
 */
public interface SmoothObjective extends org.taskmet.api.toolkit.SmoothObjective {
  /** Writes ∇²_zz obj(z, Ŷ) into {@code out}, row-major n × n. */
  void hessian(double[] z, Matrix predictions, Instance instance, double[] out);

  /** ∇²_zz obj · v from the dense {@link #hessian} (allocates n²; override when that matters). */
  @Override
  default void hessianVector(double[] z, Matrix predictions, Instance instance, double[] v, double[] out) {
    int n = z.length;
    double[] h = new double[n * n];
    hessian(z, predictions, instance, h);
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += h[i * n + j] * v[j];
      }
      out[i] = s;
    }
  }
}
