package org.taskmet.tasks.pyepo;

import java.util.random.RandomGenerator;
import org.taskmet.core.method.ConfigChecks;

/**
 * The generator PyEPO's synthetic tasks share ({@code pyepo.data.shortestpath/knapsack.genData}): a fixed
 * Bernoulli(0.5) matrix B (d×p), features x ~ N(0, I_p), and per sample the polynomial
 * <pre>
 *   g_j(x) = ((B x)_j / √p + 3)^deg + 1
 * </pre>
 * scaled by the task and multiplied by independent noise ε_j ~ U(1 − ε̄, 1 + ε̄). Draw order as PyEPO's: B,
 * then every sample's x, then every sample's noise (the knapsack draws its weights before B).
 */
final class PolynomialGenerator {
  /** The largest polynomial degree (PyEPO's experiments use 1 to 8). */
  static final int MAX_DEG = 100;
  private final int[][] b;
  private final int features;
  private final int deg;
  private final double noiseWidth;

  /** Checks the generator's settings (PyEPO's own checks: deg a positive integer, noise_width ≥ 0). */
  static void checkSettings(String plugin, int features, int deg, double noiseWidth) {
    ConfigChecks.atLeast(plugin, "num_feat", features, 1);
    ConfigChecks.between(plugin, "deg", deg, 1, MAX_DEG, "the costs grow as ((Bx)_j / sqrt(p) + 3)^deg and overflow "
        + "double precision from about deg 400");
    ConfigChecks.inRange(plugin, "noise_width", noiseWidth, 0, 1e6);
  }

  /** Draws B (outputs × features) from {@code rng}. */
  PolynomialGenerator(RandomGenerator rng, int outputs, int features, int deg, double noiseWidth) {
    this.features = features;
    this.deg = deg;
    this.noiseWidth = noiseWidth;
    this.b = new int[outputs][features];
    for (int j = 0; j < outputs; j++) {
      for (int k = 0; k < features; k++) {
        b[j][k] = rng.nextBoolean() ? 1 : 0;
      }
    }
  }

  /** The Bernoulli matrix B (not copied). */
  int[][] matrix() {
    return b;
  }

  /** {@code count} feature vectors x ~ N(0, I_p), drawn row by row. */
  double[][] features(RandomGenerator rng, int count) {
    double[][] x = new double[count][features];
    for (int i = 0; i < count; i++) {
      for (int k = 0; k < features; k++) {
        x[i][k] = rng.nextGaussian();
      }
    }
    return x;
  }

  /** g_j(x) = ((B x)_j / √p + 3)^deg + 1 for every output j. */
  double[] polynomial(double[] x) {
    double[] g = new double[b.length];
    double scale = Math.sqrt(features);
    for (int j = 0; j < b.length; j++) {
      double s = 0;
      for (int k = 0; k < features; k++) {
        s += b[j][k] * x[k];
      }
      g[j] = Math.pow(s / scale + 3, deg) + 1;
    }
    return g;
  }

  /** {@code count} × outputs noise factors ε ~ U(1 − ε̄, 1 + ε̄), drawn row by row. */
  double[][] noise(RandomGenerator rng, int count) {
    double[][] e = new double[count][b.length];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < b.length; j++) {
        e[i][j] = 1 - noiseWidth + 2 * noiseWidth * rng.nextDouble();
      }
    }
    return e;
  }
}
