package org.taskmet.core.rl;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.taskmet.core.linalg.LinearOperator;
import org.taskmet.core.linalg.LinearSolver;
import org.taskmet.core.linalg.SolveOptions;
import org.taskmet.core.linalg.SolveResult;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Newton's method for ∇f(x) = c on small problems, to near machine precision, for the implicit-gradient tests.
 *
 * <p>Why a tilted stationary point: the implicit function theorem needs x*(p) with ∇f(x*(p), p) = c and an
 * invertible Hessian; its derivative −H⁻¹ ∂²f/∂x∂p does not depend on the constant c. Taking c = ∇f(x₀, p₀) makes an
 * arbitrary point x₀ (e.g. after a few hundred optimizer steps) the exact solution at p₀, and Newton's method
 * re-solves the perturbed problems quadratically fast from it — while a neural network's minimum proper can lie at
 * the end of a long flat valley where no solver reaches machine precision.
 */
final class StationaryPoints {
  private StationaryPoints() {}

  /**
   * Solves gradient(x) = c from x0 by undamped Newton steps on the dense Hessian (built from Hessian-vector
   * products). The steps use the pseudo-inverse: a loss invariant along some directions (e.g. a bias beside a
   * one-hot input) has an exactly singular Hessian, and moving along those directions changes nothing.
   */
  static double[] solve(Function<double[], double[]> gradient, BiFunction<double[], double[], double[]> hvp,
      double[] c, double[] x0, double tolerance) {
    double[] x = x0.clone();
    for (int it = 0; it < 30; it++) {
      double[] r = residual(gradient.apply(x), c);
      if (norm(r) <= tolerance) {
        return x;
      }
      double[] step = new SingularValueDecomposition(hessian(hvp, x)).getSolver().solve(new ArrayRealVector(r))
          .toArray();
      for (int i = 0; i < x.length; i++) {
        x[i] -= step[i];
      }
    }
    throw new AssertionError("Newton did not reach a residual of " + tolerance + ": "
        + norm(residual(gradient.apply(x), c)));
  }

  /**
   * The Hessian's eigenvalues split at 1e-10 × the largest magnitude: how many are (numerically) zero, and the
   * smallest magnitude among the others (how far the problem is from singular off its invariant directions).
   */
  record Spectrum(int zeros, double smallestNonzero) {}

  static Spectrum spectrum(BiFunction<double[], double[], double[]> hvp, double[] x) {
    double[] ev = new EigenDecomposition(hessian(hvp, x)).getRealEigenvalues();
    double max = 0;
    for (double v : ev) {
      max = Math.max(max, Math.abs(v));
    }
    int zeros = 0;
    double min = Double.POSITIVE_INFINITY;
    for (double v : ev) {
      if (Math.abs(v) <= 1e-10 * max) {
        zeros++;
      } else {
        min = Math.min(min, Math.abs(v));
      }
    }
    return new Spectrum(zeros, min);
  }

  /**
   * A direct linear solver for the checks: forms the operator densely and applies its pseudo-inverse, exact up to
   * rounding also on the invariant directions where the operator is singular (an iterative solver's stopping rule
   * would add its own error to the comparison).
   */
  static LinearSolver pseudoInverse() {
    return new LinearSolver() {
      @Override
      public String name() {
        return "dense-pseudo-inverse";
      }

      @Override
      public SolveResult solve(LinearOperator a, double[] b, SolveOptions options) {
        double[] x = new SingularValueDecomposition(hessian((p, v) -> {
          double[] out = new double[v.length];
          a.apply(v, out);
          return out;
        }, b)).getSolver().solve(new ArrayRealVector(b)).toArray();
        return new SolveResult(x, 1, 0.0, true);
      }
    };
  }

  static RealMatrix hessian(BiFunction<double[], double[], double[]> hvp, double[] x) {
    int n = x.length;
    RealMatrix h = new Array2DRowRealMatrix(n, n);
    for (int j = 0; j < n; j++) {
      double[] e = new double[n];
      e[j] = 1;
      double[] col = hvp.apply(x, e);
      for (int i = 0; i < n; i++) {
        h.setEntry(i, j, col[i]);
      }
    }
    return h.add(h.transpose()).scalarMultiply(0.5);
  }

  private static double[] residual(double[] g, double[] c) {
    double[] r = new double[g.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = g[i] - c[i];
    }
    return r;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
