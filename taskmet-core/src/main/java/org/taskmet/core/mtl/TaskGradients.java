package org.taskmet.core.mtl;

import org.taskmet.api.Matrix;
import org.taskmet.core.mtl.aggregate.GradientGeometry;

/**
 * Per-task losses and gradients at one parameter point of a {@link MultiTaskNetwork}.
 *
 * @param losses ℓ_k, length K
 * @param shared K × P_shared, row k = ∇_{θ_shared} ℓ_k (the input of a {@link org.taskmet.api.GradientAggregator})
 * @param heads heads[k] = ∇_{θ_k} ℓ_k, the gradient of task k's loss on its own head parameters
 */
public record TaskGradients(double[] losses, Matrix shared, double[][] heads) {
  /** The task-gradient Gram matrix M = G Gᵀ on the shared parameters, K×K row-major. */
  public double[] gram() {
    return GradientGeometry.gram(shared);
  }
}
