package org.taskmet.core.mtl.flat;

/**
 * The first-order SAM/ASAM ascent step ε = ρ·T²⊙g / (‖T⊙g‖₂ + 1e-12), with T = |θ| elementwise for ASAM
 * (adaptive) and T = I for SAM, computed over blocks of a flat parameter vector that share one norm.
 */
public final class SharpnessPerturbation {
  /** The 1e-12 of the reference code, so a zero gradient gives ε = 0. */
  public static final double NORM_FLOOR = 1e-12;

  private SharpnessPerturbation() {}

  /**
   * Writes ε into {@code epsilonOut} for the coordinates of the given blocks (others untouched); all blocks
   * share one norm (normalise blocks separately by calling this once per block).
   *
   * @param offsets start index of each block in {@code parameters}, {@code gradient} and {@code epsilonOut}
   * @param lengths length of each block
   */
  public static void perturb(double[] parameters, double[] gradient, int[] offsets, int[] lengths, double rho,
      boolean adaptive, double[] epsilonOut) {
    double squared = 0;
    for (int b = 0; b < offsets.length; b++) {
      for (int i = offsets[b]; i < offsets[b] + lengths[b]; i++) {
        double t = adaptive ? Math.abs(parameters[i]) : 1.0;
        squared += t * t * gradient[i] * gradient[i];
      }
    }
    double factor = rho / (Math.sqrt(squared) + NORM_FLOOR);
    for (int b = 0; b < offsets.length; b++) {
      for (int i = offsets[b]; i < offsets[b] + lengths[b]; i++) {
        double t = adaptive ? Math.abs(parameters[i]) : 1.0;
        epsilonOut[i] = factor * t * t * gradient[i];
      }
    }
  }
}
