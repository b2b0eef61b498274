package org.taskmet.core.mtl.aggregate;

import java.util.SplittableRandom;
import org.taskmet.api.Matrix;

/** Random task-gradient matrices and small dense helpers for the aggregator tests. */
final class AggregatorTestSupport {
  private AggregatorTestSupport() {}

  static Matrix randomGradients(int k, int p, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] g = new double[k * p];
    for (int i = 0; i < g.length; i++) {
      g[i] = gaussian(rng);
    }
    return new Matrix(k, p, g);
  }

  static double gaussian(SplittableRandom rng) {
    // Box–Muller from the seeded generator
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double[] zeros(int k) {
    return new double[k];
  }
}
