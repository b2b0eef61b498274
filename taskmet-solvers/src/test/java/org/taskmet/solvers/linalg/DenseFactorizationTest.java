package org.taskmet.solvers.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.taskmet.solvers.testing.FiniteDifferences;

class DenseFactorizationTest {
  static double[][] square(double[] a, int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a, i * n, m[i], 0, n);
    }
    return m;
  }

  @Test
  void luSolvesAndTransposedSolvesAgreeWithCommonsMath() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + rng.nextInt(30);
      double[] a = FiniteDifferences.random(rng, n * n, -1, 1);
      double[] b = FiniteDifferences.random(rng, n, -1, 1);
      RealMatrix ref = new Array2DRowRealMatrix(square(a, n));
      double[] expected = new LUDecomposition(ref).getSolver().solve(new ArrayRealVector(b)).toArray();
      double[] expectedT = new LUDecomposition(ref.transpose()).getSolver().solve(new ArrayRealVector(b)).toArray();
      double[] f = a.clone();
      int[] piv = new int[n];
      assertThat(DenseLu.factor(f, n, piv)).isTrue();
      double[] x = b.clone();
      DenseLu.solve(f, n, piv, x);
      double[] xt = b.clone();
      DenseLu.solveTransposed(f, n, piv, xt);
      assertThat(FiniteDifferences.relativeError(x, expected)).isLessThan(1e-9);
      assertThat(FiniteDifferences.relativeError(xt, expectedT)).isLessThan(1e-9);
    }
    assertThat(DenseLu.factor(new double[] {1, 2, 2, 4}, 2, new int[2])).isFalse();
  }

  @Test
  void choleskySolvesSpdSystemsAndRejectsIndefiniteOnes() {
    SplittableRandom rng = new SplittableRandom(2);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + rng.nextInt(30);
      double[] b0 = FiniteDifferences.random(rng, n * n, -1, 1);
      RealMatrix bm = new Array2DRowRealMatrix(square(b0, n));
      RealMatrix spd = bm.multiply(bm.transpose()).add(
          org.apache.commons.math3.linear.MatrixUtils.createRealIdentityMatrix(n).scalarMultiply(0.1));
      double[] a = new double[n * n];
      for (int i = 0; i < n; i++) {
        System.arraycopy(spd.getRow(i), 0, a, i * n, n);
      }
      double[] rhs = FiniteDifferences.random(rng, n, -1, 1);
      double[] expected = new LUDecomposition(spd).getSolver().solve(new ArrayRealVector(rhs)).toArray();
      assertThat(DenseCholesky.factor(a, n)).isTrue();
      double[] x = rhs.clone();
      DenseCholesky.solve(a, n, x, 0);
      assertThat(FiniteDifferences.relativeError(x, expected)).isLessThan(1e-8);
    }
    assertThat(DenseCholesky.factor(new double[] {1, 2, 2, 1}, 2)).isFalse();
  }
}
