package org.taskmet.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against their scalar twin on random data of many lengths: 0, 1, around the vector
 * width and its multiples, odd sizes, non-zero offsets, and all gemm transpose combinations.
 */
class PanamaKernelsTest {
  private static final double EPS = Math.ulp(1.0);
  private static final int L = DoubleVector.SPECIES_PREFERRED.length();
  /** A gemm depth over two of PanamaKernels' 128-deep k-blocks. */
  private static final int DEEP = 261;
  private final DenseKernels simd = new PanamaKernels();
  private final DenseKernels scalar = new ScalarKernels();

  static int[] lengths() {
    return IntStream.of(0, 1, 2, 3, L - 1, L, L + 1, 2 * L - 1, 2 * L + 1, 4 * L - 1, 4 * L, 4 * L + 1, 8 * L + 3,
        207, 702, 1001).filter(n -> n >= 0).distinct().toArray();
  }

  static double[] random(SplittableRandom rng, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble(-1, 1);
    }
    return v;
  }

  /** |actual − expected| ≤ c·n·eps·scale, with scale the sum of absolute terms that formed the value. */
  static void assertAgrees(double actual, double expected, double scale, int terms, String what) {
    double tol = 4.0 * (terms + 2) * EPS * scale + Double.MIN_NORMAL;
    assertThat(Math.abs(actual - expected)).as(what + ": simd " + actual + " vs scalar " + expected)
        .isLessThanOrEqualTo(tol);
  }

  @Test
  void simdKernelsAreActuallyVectorized() {
    assertThat(simd.name()).isEqualTo("panama-" + DoubleVector.SPECIES_PREFERRED.vectorBitSize());
    assertThat(L).isGreaterThanOrEqualTo(1);
  }

  @Test
  void dotAndNorm() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int n : lengths()) {
      for (int off : new int[] {0, 3}) {
        double[] a = random(rng, n + off + 2);
        double[] b = random(rng, n + off + 5);
        double abs = 0;
        for (int i = 0; i < n; i++) {
          abs += Math.abs(a[off + i] * b[off + 2 + i]);
        }
        assertAgrees(simd.dot(a, off, b, off + 2, n), scalar.dot(a, off, b, off + 2, n), abs, n, "dot n=" + n);
        double sq = scalar.dot(a, off, a, off, n);
        assertAgrees(simd.norm2(a, off, n), scalar.norm2(a, off, n), Math.sqrt(sq), n, "norm2 n=" + n);
      }
    }
  }

  @Test
  void axpyAndScaleTouchOnlyTheirSlice() {
    SplittableRandom rng = new SplittableRandom(2);
    for (int n : lengths()) {
      int off = n % 3;
      double[] x = random(rng, n + 4);
      double[] y = random(rng, n + 7);
      double[] ySimd = y.clone();
      double[] yScalar = y.clone();
      simd.axpy(-0.75, x, 1, ySimd, off, n);
      scalar.axpy(-0.75, x, 1, yScalar, off, n);
      for (int i = 0; i < y.length; i++) {
        assertAgrees(ySimd[i], yScalar[i], Math.abs(y[i]) + 1, 1, "axpy n=" + n + " i=" + i);
        if (i < off || i >= off + n) {
          assertThat(ySimd[i]).isEqualTo(y[i]);
        }
      }
      double[] s1 = y.clone();
      double[] s2 = y.clone();
      simd.scale(1.7, s1, off, n);
      scalar.scale(1.7, s2, off, n);
      assertThat(s1).containsExactly(s2);
    }
  }

  @Test
  void gemvBothOrientations() {
    SplittableRandom rng = new SplittableRandom(3);
    int[] dims = {0, 1, 3, L - 1, L + 1, 2 * L + 1, 4 * L + 3, 207};
    for (int m : dims) {
      for (int n : dims) {
        double[] a = random(rng, 2 + m * n);
        double[] x = random(rng, 1 + Math.max(m, n));
        double[] y0 = random(rng, 3 + Math.max(m, n));
        for (double beta : new double[] {0.0, 1.0, -0.5}) {
          double[] ySimd = y0.clone();
          double[] yScalar = y0.clone();
          if (beta == 0) {
            Arrays.fill(ySimd, 3, 3 + m, Double.NaN); // must be ignored
          }
          simd.gemv(m, n, 1.3, a, 2, x, 1, beta, ySimd, 3);
          scalar.gemv(m, n, 1.3, a, 2, x, 1, beta, yScalar, 3);
          for (int i = 0; i < ySimd.length; i++) {
            assertAgrees(ySimd[i], yScalar[i], 1.3 * n + 1, n, "gemv " + m + "x" + n + " beta=" + beta + " i=" + i);
          }
          ySimd = y0.clone();
          yScalar = y0.clone();
          if (beta == 0) {
            Arrays.fill(ySimd, 3, 3 + n, Double.NaN);
          }
          simd.gemvTransposed(m, n, 1.3, a, 2, x, 1, beta, ySimd, 3);
          scalar.gemvTransposed(m, n, 1.3, a, 2, x, 1, beta, yScalar, 3);
          for (int i = 0; i < ySimd.length; i++) {
            assertAgrees(ySimd[i], yScalar[i], 1.3 * m + 1, m, "gemvT " + m + "x" + n + " beta=" + beta + " i=" + i);
          }
        }
      }
    }
  }

  @Test
  void gemmAllTransposeCombinations() {
    SplittableRandom rng = new SplittableRandom(4);
    int[][] shapes = {{0, 3, 2}, {2, 0, 3}, {3, 2, 0}, {1, 1, 1}, {3, 5, 7}, {5, 2 * L + 3, 9}, {4, 2 * L, 4},
        {9, 4 * L + 1, 130}, {17, 33, 257}, {8, L - 1, 3}, {6, 3 * L + 2, 2 * L - 1}};
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          double[] a = random(rng, m * k);
          double[] b = random(rng, k * n);
          double[] c0 = random(rng, m * n);
          for (double[] ab : new double[][] {{1, 0}, {0.7, -1.3}, {-2, 1}}) {
            double[] cSimd = c0.clone();
            double[] cScalar = c0.clone();
            if (ab[1] == 0) {
              Arrays.fill(cSimd, Double.NaN);
            }
            simd.gemm(ta, tb, m, n, k, ab[0], a, b, ab[1], cSimd);
            scalar.gemm(ta, tb, m, n, k, ab[0], a, b, ab[1], cScalar);
            for (int i = 0; i < m * n; i++) {
              assertAgrees(cSimd[i], cScalar[i], Math.abs(ab[0]) * k + Math.abs(ab[1]), k,
                  "gemm transA=" + ta + " transB=" + tb + " " + m + "x" + n + "x" + k + " i=" + i);
            }
          }
        }
      }
    }
  }

  /**
   * The fused bias + ReLU: both kernels give the bits of an axpy of the bias into each row followed by the
   * activation's ReLU loop (the unfused path it replaced), NaN, ±0 and ±∞ included.
   */
  @Test
  void addBiasIsBitIdenticalToAxpyThenRelu() {
    SplittableRandom rng = new SplittableRandom(7);
    double[] special = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int n : lengths()) {
      for (int rows : new int[] {1, 3}) {
        double[] z0 = random(rng, rows * n);
        double[] bias = random(rng, n + 2);
        for (int i = 0; i < z0.length; i += 3) {
          z0[i] = special[i % special.length];
          if (i % 2 == 0) {
            z0[i] = -bias[1 + i % n]; // sums to exactly 0.0
          }
        }
        for (boolean relu : new boolean[] {false, true}) {
          double[] expected = z0.clone();
          for (int r = 0; r < rows; r++) {
            scalar.axpy(1.0, bias, 1, expected, r * n, n);
          }
          if (relu) {
            for (int i = 0; i < expected.length; i++) {
              expected[i] = expected[i] > 0 ? expected[i] : 0.0;
            }
          }
          for (DenseKernels kernels : new DenseKernels[] {scalar, simd}) {
            double[] z = z0.clone();
            kernels.addBias(rows, n, bias, 1, relu, z);
            assertThat(z).as("%s addBias rows=%d n=%d relu=%s", kernels.name(), rows, n, relu).isEqualTo(expected);
          }
        }
      }
    }
  }

  /** The ReLU gate: both kernels give the bits of v ⊙ d with d the stored ReLU derivative it replaced. */
  @Test
  void reluGateIsBitIdenticalToTimesTheStoredDerivative() {
    SplittableRandom rng = new SplittableRandom(8);
    double[] special = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.5};
    for (int n : lengths()) {
      double[] a = random(rng, n);
      double[] v = random(rng, n);
      for (int i = 0; i < n; i += 2) {
        a[i] = special[i % special.length];
        v[(i * 7 + 1) % n] = special[(i / 2) % special.length];
      }
      double[] expected = new double[n];
      for (int i = 0; i < n; i++) {
        expected[i] = v[i] * (a[i] > 0 ? 1.0 : 0.0);
      }
      for (DenseKernels kernels : new DenseKernels[] {scalar, simd}) {
        double[] out = new double[n];
        kernels.reluGate(n, a, v, out);
        assertThat(out).as("%s reluGate n=%d", kernels.name(), n).isEqualTo(expected);
        double[] inPlace = v.clone();
        kernels.reluGate(n, a, inPlace, inPlace);
        assertThat(inPlace).as("%s reluGate in place n=%d", kernels.name(), n).isEqualTo(expected);
      }
    }
  }

  /**
   * The broadcast gemm (B not transposed) computes row blocks of 6, 4, 2 and 1 rows: each C row must have the
   * same bits whichever tile computed it (here: as in a one-row gemm), so the row count of a batch never changes
   * a result and adding tile shapes changed no recorded number.
   */
  @Test
  void gemmRowsHaveTheSameBitsInEveryTileShape() {
    SplittableRandom rng = new SplittableRandom(6);
    for (int m = 1; m <= 13; m++) {
      for (int[] nk : new int[][] {{2 * L, 28}, {4 * L + 3, 5}, {L + 1, 130}, {3, DEEP}}) {
        int n = nk[0];
        int k = nk[1];
        for (boolean ta : new boolean[] {false, true}) {
          double[] a = random(rng, m * k);
          double[] b = random(rng, k * n);
          double[] c0 = random(rng, m * n);
          for (double[] ab : new double[][] {{1, 0}, {0.7, -1.3}}) {
            double[] c = c0.clone();
            simd.gemm(ta, false, m, n, k, ab[0], a, b, ab[1], c);
            for (int i = 0; i < m; i++) {
              double[] row = new double[k];
              for (int p = 0; p < k; p++) {
                row[p] = ta ? a[p * m + i] : a[i * k + p];
              }
              double[] ci = Arrays.copyOfRange(c0, i * n, (i + 1) * n);
              simd.gemm(false, false, 1, n, k, ab[0], row, b, ab[1], ci);
              assertThat(Arrays.copyOfRange(c, i * n, (i + 1) * n))
                  .as("row %d of a %dx%dx%d gemm, transA=%s, beta=%s", i, m, n, k, ta, ab[1]).isEqualTo(ci);
            }
          }
        }
      }
    }
  }

  /**
   * The broadcast gemm (B not transposed) against its exact scalar twin, bit for bit: C times beta (cleared when 0:
   * then C's old contents, NaN here, are never read), then per 128-deep k-block the products p = 0, 1, … of each
   * element — fused (Math.fma) in the columns the vector tiles compute (below L·⌊n/L⌋), rounded then added in the
   * last n mod L columns (the scalar loop's arithmetic, which those columns keep now that vectors compute them) —
   * entered into C times alpha.
   */
  @Test
  void broadcastGemmMatchesItsExactScalarTwin() {
    SplittableRandom rng = new SplittableRandom(16);
    int[] widths = {1, 3, L - 1, L, L + 1, L + 3, 2 * L - 1, 2 * L + 1, 3 * L + 5, 68, 70};
    for (int n : widths) {
      for (int m : new int[] {1, 3, 4, 5, 6, 7, 11, 13}) {
        for (int k : new int[] {1, 32, DEEP}) {
          for (boolean ta : new boolean[] {false, true}) {
            double[] a = random(rng, m * k);
            double[] b = random(rng, k * n);
            double[] c0 = random(rng, m * n);
            for (double[] ab : new double[][] {{1, 0}, {-1.3, 1}, {0.7, -0.4}}) {
              double[] c = c0.clone();
              if (ab[1] == 0) {
                Arrays.fill(c, Double.NaN);
              }
              simd.gemm(ta, false, m, n, k, ab[0], a, b, ab[1], c);
              assertSameBits(c, broadcastGemmTwin(ta, m, n, k, ab[0], a, b, ab[1], c0),
                  String.format("%dx%dx%d gemm, transA=%s, alpha=%s, beta=%s", m, n, k, ta, ab[0], ab[1]));
            }
          }
        }
      }
    }
  }

  /** What {@link #broadcastGemmMatchesItsExactScalarTwin} expects, element by element (see there). */
  private static double[] broadcastGemmTwin(boolean transA, int m, int n, int k, double alpha, double[] a,
      double[] b, double beta, double[] c0) {
    double[] c = new double[m * n];
    int vectorColumns = n / L * L;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        boolean fused = j < vectorColumns;
        double acc = beta == 0 ? 0.0 : beta == 1 ? c0[i * n + j] : c0[i * n + j] * beta;
        for (int p0 = 0; p0 < k; p0 += 128) {
          double s = 0;
          for (int p = p0; p < Math.min(k, p0 + 128); p++) {
            double av = transA ? a[p * m + i] : a[i * k + p];
            double bv = b[p * n + j];
            s = fused ? Math.fma(bv, av, s) : s + av * bv;
          }
          acc = fused ? Math.fma(s, alpha, acc) : acc + alpha * s;
        }
        c[i * n + j] = acc;
      }
    }
    return c;
  }

  static void assertSameBits(double[] actual, double[] expected, String what) {
    assertThat(Arrays.stream(actual).mapToLong(Double::doubleToLongBits).toArray()).as(what)
        .isEqualTo(Arrays.stream(expected).mapToLong(Double::doubleToLongBits).toArray());
  }

  /**
   * A bias gradient in one pass: both kernels give the bits of clearing the target and adding each row with
   * axpy(1.0, …), the per-row loop it replaced, with NaN, ±0 and ±∞ among the values.
   */
  @Test
  void columnSumsIsBitIdenticalToClearingAndAddingEachRow() {
    SplittableRandom rng = new SplittableRandom(17);
    double[] special = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300};
    int[] widths = IntStream.concat(IntStream.of(lengths()), IntStream.of(32, 68, 70)).distinct().toArray();
    for (int n : widths) {
      for (int rows : new int[] {0, 1, 3, 256}) {
        double[] g = random(rng, rows * n);
        for (int i = 0; i < g.length; i += 7) {
          g[i] = special[(i / 7) % special.length];
        }
        for (DenseKernels kernels : new DenseKernels[] {scalar, simd}) {
          double[] expected = new double[n + 3];
          Arrays.fill(expected, 5.0);
          Arrays.fill(expected, 2, 2 + n, 0.0);
          for (int r = 0; r < rows; r++) {
            kernels.axpy(1.0, g, r * n, expected, 2, n);
          }
          double[] out = new double[n + 3];
          Arrays.fill(out, 5.0);
          kernels.columnSums(rows, n, g, out, 2);
          assertSameBits(out, expected, String.format("%s columnSums rows=%d n=%d", kernels.name(), rows, n));
        }
      }
    }
  }

  /** Rows scaled by their own factors: both kernels give the bits of one scale call per row (the loop it replaced). */
  @Test
  void scaleRowsIsBitIdenticalToScalingEachRow() {
    SplittableRandom rng = new SplittableRandom(18);
    double[] special = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-320};
    for (int n : lengths()) {
      for (int rows : new int[] {0, 1, 3, 256}) {
        double[] x0 = random(rng, rows * n);
        double[] factors = random(rng, rows);
        for (int i = 0; i < x0.length; i += 5) {
          x0[i] = special[(i / 5) % special.length];
        }
        for (int r = 0; r < rows; r += 4) {
          factors[r] = special[(r / 4) % special.length];
        }
        for (DenseKernels kernels : new DenseKernels[] {scalar, simd}) {
          double[] expected = x0.clone();
          for (int r = 0; r < rows; r++) {
            kernels.scale(factors[r], expected, r * n, n);
          }
          double[] x = x0.clone();
          kernels.scaleRows(rows, n, factors, x);
          assertSameBits(x, expected, String.format("%s scaleRows rows=%d n=%d", kernels.name(), rows, n));
        }
      }
    }
  }

  @Test
  void rank1UpdateAndRowReductions() {
    SplittableRandom rng = new SplittableRandom(5);
    int[] dims = {0, 1, 2, L - 1, L, L + 1, 2 * L + 3, 10, 37};
    for (int rows : new int[] {0, 1, 5}) {
      for (int n : dims) {
        double[] x = random(rng, rows + 1);
        double[] y = random(rng, n + 2);
        double[] a = random(rng, rows * n + 3);
        double[] aSimd = a.clone();
        double[] aScalar = a.clone();
        simd.rank1Update(rows, n, 0.4, x, 1, y, 2, aSimd, 3);
        scalar.rank1Update(rows, n, 0.4, x, 1, y, 2, aScalar, 3);
        for (int i = 0; i < a.length; i++) {
          assertAgrees(aSimd[i], aScalar[i], 2, 1, "rank1 " + rows + "x" + n);
        }
        double[] e = random(rng, rows * n);
        double[] outSimd = new double[rows];
        double[] outScalar = new double[rows];
        simd.rowSquaredNorms(rows, n, e, outSimd);
        scalar.rowSquaredNorms(rows, n, e, outScalar);
        for (int r = 0; r < rows; r++) {
          assertAgrees(outSimd[r], outScalar[r], n, n, "rowSquaredNorms n=" + n);
        }
        double[] lambdas = random(rng, rows * n * n);
        simd.rowQuadraticForms(rows, n, lambdas, e, outSimd);
        scalar.rowQuadraticForms(rows, n, lambdas, e, outScalar);
        for (int r = 0; r < rows; r++) {
          assertAgrees(outSimd[r], outScalar[r], (double) n * n, n * n, "rowQuadraticForms n=" + n);
        }
      }
    }
  }
}
