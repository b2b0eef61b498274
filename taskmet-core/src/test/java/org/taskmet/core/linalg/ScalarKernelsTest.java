package org.taskmet.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** The scalar reference kernels against Commons Math, so the SIMD-vs-scalar tests compare to something right. */
class ScalarKernelsTest {
  private final DenseKernels k = new ScalarKernels();

  static RealMatrix randomMatrix(SplittableRandom rng, int rows, int cols) {
    double[][] d = new double[rows][cols];
    for (double[] row : d) {
      for (int j = 0; j < cols; j++) {
        row[j] = rng.nextDouble(-1, 1);
      }
    }
    return new Array2DRowRealMatrix(d);
  }

  static double[] flat(RealMatrix m) {
    double[] f = new double[m.getRowDimension() * m.getColumnDimension()];
    for (int i = 0; i < m.getRowDimension(); i++) {
      System.arraycopy(m.getRow(i), 0, f, i * m.getColumnDimension(), m.getColumnDimension());
    }
    return f;
  }

  @Test
  void gemmAndGemvMatchCommonsMath() {
    SplittableRandom rng = new SplittableRandom(9);
    int m = 4;
    int n = 6;
    int kk = 5;
    RealMatrix a = randomMatrix(rng, m, kk);
    RealMatrix b = randomMatrix(rng, kk, n);
    RealMatrix c = randomMatrix(rng, m, n);
    RealMatrix expected = a.multiply(b).scalarMultiply(0.5).add(c.scalarMultiply(2));
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        double[] out = flat(c);
        k.gemm(ta, tb, m, n, kk, 0.5, flat(ta ? a.transpose() : a), flat(tb ? b.transpose() : b), 2, out);
        assertThat(out).containsExactly(flat(expected), offset(1e-12));
      }
    }
    double[] x = ScalarKernelsTest.flat(randomMatrix(rng, 1, kk));
    double[] y = new double[m];
    k.gemv(m, kk, 1, flat(a), 0, x, 0, 0, y, 0);
    assertThat(y).containsExactly(a.operate(x), offset(1e-12));
    double[] z = new double[kk];
    k.gemvTransposed(m, kk, 1, flat(a), 0, y, 0, 0, z, 0);
    assertThat(z).containsExactly(a.transpose().operate(y), offset(1e-12));
  }

  @Test
  void reductionsMatchTheirDefinitions() {
    SplittableRandom rng = new SplittableRandom(10);
    int n = 3;
    RealMatrix e = randomMatrix(rng, 2, n);
    RealMatrix l0 = randomMatrix(rng, n, n);
    RealMatrix l1 = randomMatrix(rng, n, n);
    double[] lambdas = new double[2 * n * n];
    System.arraycopy(flat(l0), 0, lambdas, 0, n * n);
    System.arraycopy(flat(l1), 0, lambdas, n * n, n * n);
    double[] out = new double[2];
    k.rowQuadraticForms(2, n, lambdas, flat(e), out);
    ArrayRealVector e0 = new ArrayRealVector(e.getRow(0));
    ArrayRealVector e1 = new ArrayRealVector(e.getRow(1));
    assertThat(out[0]).isCloseTo(e0.dotProduct(l0.operate(e0)), offset(1e-12));
    assertThat(out[1]).isCloseTo(e1.dotProduct(l1.operate(e1)), offset(1e-12));
    k.rowSquaredNorms(2, n, flat(e), out);
    assertThat(out[1]).isCloseTo(e1.dotProduct(e1), offset(1e-12));
    double[] a = flat(l0);
    k.rank1Update(n, n, 2, e.getRow(0), 0, e.getRow(1), 0, a, 0);
    assertThat(a).containsExactly(flat(l0.add(e0.outerProduct(e1).scalarMultiply(2))), offset(1e-12));
  }
}
