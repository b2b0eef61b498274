package org.taskmet.tasks.budget;

import java.util.random.RandomGenerator;

/** Beta(a, b) draws as X/(X+Y) of two Gamma draws (Marsaglia–Tsang, with the a &lt; 1 boost). */
final class BetaSampler {
  private BetaSampler() {}

  static double sample(RandomGenerator rng, double a, double b) {
    double x = gamma(rng, a);
    double y = gamma(rng, b);
    double s = x + y;
    // both gammas can underflow to 0 for tiny shapes; fall back to the mean
    return s > 0 ? x / s : a / (a + b);
  }

  static double gamma(RandomGenerator rng, double shape) {
    if (shape < 1) {
      double u = rng.nextDouble();
      return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = rng.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
