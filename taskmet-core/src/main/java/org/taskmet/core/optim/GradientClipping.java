package org.taskmet.core.optim;

import org.taskmet.core.linalg.Kernels;

/** Gradient-norm clipping with PyTorch's {@code clip_grad_norm_} rule. */
public final class GradientClipping {
  private GradientClipping() {}

  /**
   * Scales {@code gradient} in place by min(1, maxNorm / (‖g‖ + 1e-6)) and returns ‖g‖ before clipping.
   *
   * @throws IllegalArgumentException when maxNorm is not a positive finite number or ‖g‖ is not finite
   */
  public static double clipByNorm(double[] gradient, double maxNorm) {
    if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
      throw new IllegalArgumentException("maxNorm must be a finite value > 0, got " + maxNorm);
    }
    double norm = Kernels.get().norm2(gradient, 0, gradient.length);
    if (!Double.isFinite(norm)) {
      throw new IllegalArgumentException("gradient norm is not finite: " + norm);
    }
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      Kernels.get().scale(coef, gradient, 0, gradient.length);
    }
    return norm;
  }
}
