package org.taskmet.conformance;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Central-difference checks of derivative products of a generic function f: ℝ^p → ℝ^q, usable from any
 * test framework: a failed check throws an {@link AssertionError} whose message names the product, the
 * coordinate, the expected (finite-difference) and the actual value.
 *
 * <p>Comparison rule: |expected − actual| ≤ absolute + relative·max(|expected|, |actual|, scale), where
 * scale is the largest magnitude among the compared values (so tiny entries of a large vector are judged
 * against the vector's size, not against zero). Steps are relative: h = step·max(1, ‖x‖∞).
 *
 * @param step relative finite-difference step (default 1e-5: truncation ≈ h², rounding ≈ 1e-16/h)
 * @param relative relative tolerance
 * @param absolute absolute tolerance
 * @param maxCoordinates how many randomly chosen input coordinates a coordinate-wise check visits
 */
public record FiniteDifferenceCheck(double step, double relative, double absolute, int maxCoordinates) {
  public FiniteDifferenceCheck {
    if (!(step > 0) || !(relative >= 0) || !(absolute >= 0) || maxCoordinates < 1) {
      throw new IllegalArgumentException("finite-difference check needs step > 0, tolerances >= 0 and "
          + "maxCoordinates >= 1, got step=" + step + " relative=" + relative + " absolute=" + absolute
          + " maxCoordinates=" + maxCoordinates);
    }
  }

  /** step 1e-5, relative 1e-5, absolute 1e-8, 40 coordinates. */
  public static FiniteDifferenceCheck defaults() {
    return new FiniteDifferenceCheck(1e-5, 1e-5, 1e-8, 40);
  }

  public FiniteDifferenceCheck withTolerance(double rel, double abs) {
    return new FiniteDifferenceCheck(step, rel, abs, maxCoordinates);
  }

  /**
   * Checks a gradient of a scalar function at x: coordinate-wise on up to {@link #maxCoordinates} random
   * coordinates, and along one random direction.
   */
  public void gradient(String name, ToDoubleFunction<double[]> f, double[] gradient, double[] x, RandomGenerator rng) {
    if (gradient.length != x.length) {
      throw new AssertionError(name + ": gradient has length " + gradient.length + ", expected " + x.length);
    }
    requireFinite(name + " gradient", gradient);
    double h = step(x);
    double scale = maxAbs(gradient);
    for (int j : coordinates(x.length, rng)) {
      double fd = (f.applyAsDouble(shifted(x, j, h)) - f.applyAsDouble(shifted(x, j, -h))) / (2 * h);
      compare(name + " gradient", "coordinate " + j, fd, gradient[j], scale);
    }
    double[] v = randomUnit(x.length, rng);
    double fd = (f.applyAsDouble(along(x, v, h)) - f.applyAsDouble(along(x, v, -h))) / (2 * h);
    compare(name + " gradient", "random direction", fd, dot(gradient, v), Math.sqrt(x.length) * scale);
  }

  /**
   * Checks a vector-Jacobian product x, w ↦ J(x)ᵀ w against central differences of f, for one random
   * cotangent w: coordinate-wise and along a random direction.
   */
  public void vjp(String name, Function<double[], double[]> f, BiFunction<double[], double[], double[]> vjp,
      double[] x, RandomGenerator rng) {
    double[] y = f.apply(x);
    double[] w = randomGaussian(y.length, rng);
    double[] jtw = vjp.apply(x, w);
    if (jtw.length != x.length) {
      throw new AssertionError(name + " VJP: result has length " + jtw.length + ", expected " + x.length);
    }
    gradient(name + " VJP", z -> dot(w, f.apply(z)), jtw, x, rng);
  }

  /** Checks a Jacobian-vector product x, v ↦ J(x) v against a central difference along one random v. */
  public void jvp(String name, Function<double[], double[]> f, BiFunction<double[], double[], double[]> jvp,
      double[] x, RandomGenerator rng) {
    double[] v = randomUnit(x.length, rng);
    double[] actual = jvp.apply(x, v);
    double[] expected = directional(f, x, v);
    vectors(name + " JVP", expected, actual);
  }

  /** (f(x + h v) − f(x − h v)) / 2h. */
  public double[] directional(Function<double[], double[]> f, double[] x, double[] v) {
    double h = step(x);
    double[] plus = f.apply(along(x, v, h));
    double[] minus = f.apply(along(x, v, -h));
    double[] out = new double[plus.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (plus[i] - minus[i]) / (2 * h);
    }
    return out;
  }

  /** Compares two vectors entry by entry (same length required). */
  public void vectors(String product, double[] expected, double[] actual) {
    if (expected.length != actual.length) {
      throw new AssertionError(product + ": result has length " + actual.length + ", expected " + expected.length);
    }
    requireFinite(product, actual);
    double scale = Math.max(maxAbs(expected), maxAbs(actual));
    for (int i = 0; i < expected.length; i++) {
      compare(product, "coordinate " + i, expected[i], actual[i], scale);
    }
  }

  /** One comparison under this check's tolerance rule. */
  public void compare(String product, String where, double expected, double actual, double scale) {
    if (!Double.isFinite(actual)) {
      throw new AssertionError(product + " at " + where + ": actual value is not finite: " + actual);
    }
    double bound = absolute + relative * Math.max(Math.max(Math.abs(expected), Math.abs(actual)), scale);
    if (!(Math.abs(expected - actual) <= bound)) {
      throw new AssertionError(String.format("%s at %s: expected %.12g (finite difference) but was %.12g "
          + "(|diff| %.3g > tolerance %.3g)", product, where, expected, actual, Math.abs(expected - actual), bound));
    }
  }

  private static void requireFinite(String product, double[] actual) {
    for (int i = 0; i < actual.length; i++) {
      if (!Double.isFinite(actual[i])) {
        throw new AssertionError(product + " at coordinate " + i + ": actual value is not finite: " + actual[i]);
      }
    }
  }

  double step(double[] x) {
    return step * Math.max(1.0, maxAbs(x));
  }

  int[] coordinates(int n, RandomGenerator rng) {
    if (n <= maxCoordinates) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    // a partial Fisher–Yates shuffle: distinct random coordinates
    int[] perm = new int[n];
    Arrays.setAll(perm, i -> i);
    for (int i = 0; i < maxCoordinates; i++) {
      int j = i + rng.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return Arrays.copyOf(perm, maxCoordinates);
  }

  static double[] shifted(double[] x, int j, double h) {
    double[] y = x.clone();
    y[j] += h;
    return y;
  }

  static double[] along(double[] x, double[] v, double h) {
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] += h * v[i];
    }
    return y;
  }

  static double[] randomGaussian(int n, RandomGenerator rng) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    return v;
  }

  static double[] randomUnit(int n, RandomGenerator rng) {
    double[] v = randomGaussian(n, rng);
    double norm = Math.sqrt(dot(v, v));
    for (int i = 0; i < n; i++) {
      v[i] /= norm;
    }
    return v;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
