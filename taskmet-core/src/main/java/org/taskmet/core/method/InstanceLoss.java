package org.taskmet.core.method;

import java.util.random.RandomGenerator;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;

/** A per-instance training loss on the predictions (lower is better), with its gradient. */
@FunctionalInterface
interface InstanceLoss {
  /**
   * @param index the instance's index in its split (LODL keys its surrogates by it)
   * @param predictions items × n
   * @param gradient when not null, receives ∂loss/∂predictions (same shape, overwritten)
   * @param rng randomness for stochastic solvers
   */
  double value(int index, Instance instance, Matrix predictions, Matrix gradient, RandomGenerator rng);

  /** Mean squared error over the entries of one instance, with gradient. */
  static double mse(Matrix predictions, Matrix targets, Matrix gradient, double weight) {
    double[] p = predictions.data();
    double[] y = targets.data();
    double s = 0;
    double scale = 2 * weight / p.length;
    for (int k = 0; k < p.length; k++) {
      double e = p[k] - y[k];
      s += e * e;
      if (gradient != null) {
        gradient.data()[k] += scale * e;
      }
    }
    return weight * s / p.length;
  }
}
