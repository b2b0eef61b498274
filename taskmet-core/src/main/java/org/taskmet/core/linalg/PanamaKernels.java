package org.taskmet.core.linalg;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernels} on the Vector API ({@code jdk.incubator.vector}) with the platform's preferred
 * species: several independent accumulators to hide FMA latency, scalar tails, and register-blocked gemv
 * and gemm. Loaded reflectively by {@link Kernels} only when the incubator module is readable, so no other
 * class links against it. Stateless and thread-safe; no method allocates once C2 has compiled it (before
 * that, interpreted or C1-compiled Vector API code holds vectors as heap objects).
 *
 * <p>Vector API calls are deliberately not wrapped in private helpers: the JDK's own methods are force-inlined,
 * but a helper of ours can be refused inlining once C2's node budget for a large caller is spent (e.g. when
 * gemv is inlined into a CG loop), and every vector crossing such a call is then boxed on the heap.
 *
 * <p>Results differ from {@link ScalarKernels} only by rounding (sums are reassociated across lanes and
 * accumulators). gemm with both operands transposed (not a dense-layer shape) runs a plain loop.
 *
 * <p>Horizontal sums add the lanes in lane order, never with {@code reduceLanes(ADD)}: its order is unspecified
 * for doubles, and from JDK 22 on the order of C2-compiled code differs from the interpreter's, so the same call
 * gave other bits once the kernel was hot (a run's numbers depended on when the JIT compiled it). Lane order is what
 * the interpreter and JDK 17's C2 do, so JDK 17 results are unchanged.
 */
public final class PanamaKernels implements DenseKernels {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Depth of a gemm k-block: keeps the 2-vector-wide panel of B (KC × 2L doubles) resident in L1. */
  private static final int KC = 128;
  /** What the first k-block of a gemm with beta = 0 adds its tiles to in place of a cleared C (read-only). */
  private static final double[] ZEROS = new double[2 * L];

  @Override
  public String name() {
    return "panama-" + S.vectorBitSize();
  }

  @Override
  public double dot(double[] a, int aOff, double[] b, int bOff, int n) {
    int i = 0;
    double s = 0;
    if (n >= L) {
      DoubleVector acc0 = DoubleVector.zero(S);
      DoubleVector acc1 = DoubleVector.zero(S);
      DoubleVector acc2 = DoubleVector.zero(S);
      DoubleVector acc3 = DoubleVector.zero(S);
      for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
        acc0 = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), acc0);
        acc1 = DoubleVector.fromArray(S, a, aOff + i + L).fma(DoubleVector.fromArray(S, b, bOff + i + L), acc1);
        acc2 = DoubleVector.fromArray(S, a, aOff + i + 2 * L).fma(DoubleVector.fromArray(S, b, bOff + i + 2 * L), acc2);
        acc3 = DoubleVector.fromArray(S, a, aOff + i + 3 * L).fma(DoubleVector.fromArray(S, b, bOff + i + 3 * L), acc3);
      }
      for (int bound = n - L; i <= bound; i += L) {
        acc0 = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), acc0);
      }
      DoubleVector sum = acc0.add(acc1).add(acc2.add(acc3));
      for (int l = 0; l < L; l++) { // lanes in order: see the class comment on reduceLanes
        s += sum.lane(l);
      }
    }
    for (; i < n; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }

  @Override
  public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
    DoubleVector av = DoubleVector.broadcast(S, alpha);
    int i = 0;
    for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
      DoubleVector.fromArray(S, x, xOff + i).fma(av, DoubleVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
      DoubleVector.fromArray(S, x, xOff + i + L).fma(av, DoubleVector.fromArray(S, y, yOff + i + L))
          .intoArray(y, yOff + i + L);
    }
    for (int bound = n - L; i <= bound; i += L) {
      DoubleVector.fromArray(S, x, xOff + i).fma(av, DoubleVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  @Override
  public void scale(double alpha, double[] x, int off, int n) {
    int i = 0;
    for (int bound = n - L; i <= bound; i += L) {
      DoubleVector.fromArray(S, x, off + i).mul(alpha).intoArray(x, off + i);
    }
    for (; i < n; i++) {
      x[off + i] *= alpha;
    }
  }

  @Override
  public void scaleRows(int rows, int n, double[] factors, double[] x) {
    for (int r = 0, o = 0; r < rows; r++, o += n) {
      double f = factors[r];
      int j = 0;
      for (int bound = n - L; j <= bound; j += L) {
        DoubleVector.fromArray(S, x, o + j).mul(f).intoArray(x, o + j);
      }
      for (; j < n; j++) {
        x[o + j] *= f;
      }
    }
  }

  @Override
  public double norm2(double[] x, int off, int n) {
    return Math.sqrt(dot(x, off, x, off, n));
  }

  @Override
  public void gemv(int m, int n, double alpha, double[] a, int aOff, double[] x, int xOff, double beta, double[] y,
      int yOff) {
    int i = 0;
    // four rows at a time share each load of x
    for (; i + 4 <= m; i += 4) {
      int r0 = aOff + i * n;
      int r1 = r0 + n;
      int r2 = r1 + n;
      int r3 = r2 + n;
      DoubleVector acc0 = DoubleVector.zero(S);
      DoubleVector acc1 = DoubleVector.zero(S);
      DoubleVector acc2 = DoubleVector.zero(S);
      DoubleVector acc3 = DoubleVector.zero(S);
      int j = 0;
      for (int bound = n - L; j <= bound; j += L) {
        DoubleVector xv = DoubleVector.fromArray(S, x, xOff + j);
        acc0 = DoubleVector.fromArray(S, a, r0 + j).fma(xv, acc0);
        acc1 = DoubleVector.fromArray(S, a, r1 + j).fma(xv, acc1);
        acc2 = DoubleVector.fromArray(S, a, r2 + j).fma(xv, acc2);
        acc3 = DoubleVector.fromArray(S, a, r3 + j).fma(xv, acc3);
      }
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int l = 0; l < L; l++) { // lanes in order: see the class comment on reduceLanes
        s0 += acc0.lane(l);
        s1 += acc1.lane(l);
        s2 += acc2.lane(l);
        s3 += acc3.lane(l);
      }
      for (; j < n; j++) {
        double xj = x[xOff + j];
        s0 += a[r0 + j] * xj;
        s1 += a[r1 + j] * xj;
        s2 += a[r2 + j] * xj;
        s3 += a[r3 + j] * xj;
      }
      storeScaled(y, yOff + i, alpha * s0, beta);
      storeScaled(y, yOff + i + 1, alpha * s1, beta);
      storeScaled(y, yOff + i + 2, alpha * s2, beta);
      storeScaled(y, yOff + i + 3, alpha * s3, beta);
    }
    for (; i < m; i++) {
      storeScaled(y, yOff + i, alpha * dot(a, aOff + i * n, x, xOff, n), beta);
    }
  }

  @Override
  public void gemvTransposed(int m, int n, double alpha, double[] a, int aOff, double[] x, int xOff, double beta,
      double[] y, int yOff) {
    if (beta == 0) {
      Arrays.fill(y, yOff, yOff + n, 0.0);
    } else if (beta != 1) {
      scale(beta, y, yOff, n);
    }
    int i = 0;
    // four rows at a time: one load/store of y per four FMAs
    for (; i + 4 <= m; i += 4) {
      int r0 = aOff + i * n;
      int r1 = r0 + n;
      int r2 = r1 + n;
      int r3 = r2 + n;
      DoubleVector c0 = DoubleVector.broadcast(S, alpha * x[xOff + i]);
      DoubleVector c1 = DoubleVector.broadcast(S, alpha * x[xOff + i + 1]);
      DoubleVector c2 = DoubleVector.broadcast(S, alpha * x[xOff + i + 2]);
      DoubleVector c3 = DoubleVector.broadcast(S, alpha * x[xOff + i + 3]);
      int j = 0;
      for (int bound = n - L; j <= bound; j += L) {
        DoubleVector yv = DoubleVector.fromArray(S, y, yOff + j);
        yv = DoubleVector.fromArray(S, a, r0 + j).fma(c0, yv);
        yv = DoubleVector.fromArray(S, a, r1 + j).fma(c1, yv);
        yv = DoubleVector.fromArray(S, a, r2 + j).fma(c2, yv);
        yv = DoubleVector.fromArray(S, a, r3 + j).fma(c3, yv);
        yv.intoArray(y, yOff + j);
      }
      for (; j < n; j++) {
        y[yOff + j] += alpha * (x[xOff + i] * a[r0 + j] + x[xOff + i + 1] * a[r1 + j] + x[xOff + i + 2] * a[r2 + j]
            + x[xOff + i + 3] * a[r3 + j]);
      }
    }
    for (; i < m; i++) {
      axpy(alpha * x[xOff + i], a, aOff + i * n, y, yOff, n);
    }
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, double[] b,
      double beta, double[] c) {
    int parts = RowParallelism.parts(m, n, k);
    if (parts == 1) {
      gemmRows(transA, transB, m, n, k, alpha, a, b, beta, c, 0, m);
    } else {
      RowParallelism.split(m, parts, (from, to) -> gemmRows(transA, transB, m, n, k, alpha, a, b, beta, c, from, to));
    }
  }

  /** Rows [from, to) of {@link #gemm}: each C element computed as by the whole product. */
  private void gemmRows(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, double[] b,
      double beta, double[] c, int from, int to) {
    if (k == 0) {
      scaleRowRange(from, to, n, beta, c);
    } else if (!transB) {
      // op(A) element (i, p) sits at i·rowStride + p·depthStride; it is broadcast, so any layout is fine
      int rowStride = transA ? 1 : k;
      int depthStride = transA ? m : 1;
      gemmBroadcastA(from, to, n, k, alpha, a, rowStride, depthStride, b, beta, c);
    } else if (!transA) {
      gemmRowDots(from, to, n, k, alpha, a, b, beta, c);
    } else {
      gemmBothTransposed(from, to, m, n, k, alpha, a, b, beta, c);
    }
  }

  @Override
  public void rank1Update(int m, int n, double alpha, double[] x, int xOff, double[] y, int yOff, double[] a,
      int aOff) {
    for (int i = 0; i < m; i++) {
      axpy(alpha * x[xOff + i], y, yOff, a, aOff + i * n, n);
    }
  }

  @Override
  public void addBias(int rows, int n, double[] bias, int biasOff, boolean relu, double[] z) {
    DoubleVector zero = DoubleVector.zero(S);
    for (int r = 0; r < rows; r++) {
      int o = r * n;
      int j = 0;
      if (relu) {
        for (int bound = n - L; j <= bound; j += L) {
          DoubleVector v = DoubleVector.fromArray(S, z, o + j).add(DoubleVector.fromArray(S, bias, biasOff + j));
          // v > 0 ? v : 0.0 lane by lane (NaN and -0.0 give 0.0, as in the scalar ReLU)
          zero.blend(v, v.compare(VectorOperators.GT, 0.0)).intoArray(z, o + j);
        }
      } else {
        for (int bound = n - L; j <= bound; j += L) {
          DoubleVector.fromArray(S, z, o + j).add(DoubleVector.fromArray(S, bias, biasOff + j)).intoArray(z, o + j);
        }
      }
      for (; j < n; j++) {
        double v = z[o + j] + bias[biasOff + j];
        z[o + j] = relu ? (v > 0 ? v : 0.0) : v;
      }
    }
  }

  @Override
  public void reluGate(int n, double[] a, double[] v, double[] out) {
    int i = 0;
    for (int bound = n - L; i <= bound; i += L) {
      DoubleVector vv = DoubleVector.fromArray(S, v, i);
      // v·0.0 where a ≤ 0 or NaN, not 0.0: keeps the sign of zero and NaN/∞ in v as v·d[i] did
      vv.mul(0.0).blend(vv, DoubleVector.fromArray(S, a, i).compare(VectorOperators.GT, 0.0)).intoArray(out, i);
    }
    for (; i < n; i++) {
      out[i] = a[i] > 0 ? v[i] : v[i] * 0.0;
    }
  }

  @Override
  public void columnSums(int rows, int n, double[] g, double[] out, int outOff) {
    int j = 0;
    // four vectors of columns at a time: four independent add chains, each row's loads contiguous
    for (; j + 4 * L <= n; j += 4 * L) {
      DoubleVector s0 = DoubleVector.zero(S);
      DoubleVector s1 = DoubleVector.zero(S);
      DoubleVector s2 = DoubleVector.zero(S);
      DoubleVector s3 = DoubleVector.zero(S);
      for (int r = 0, o = j; r < rows; r++, o += n) {
        s0 = s0.add(DoubleVector.fromArray(S, g, o));
        s1 = s1.add(DoubleVector.fromArray(S, g, o + L));
        s2 = s2.add(DoubleVector.fromArray(S, g, o + 2 * L));
        s3 = s3.add(DoubleVector.fromArray(S, g, o + 3 * L));
      }
      s0.intoArray(out, outOff + j);
      s1.intoArray(out, outOff + j + L);
      s2.intoArray(out, outOff + j + 2 * L);
      s3.intoArray(out, outOff + j + 3 * L);
    }
    for (; j + L <= n; j += L) {
      DoubleVector s0 = DoubleVector.zero(S);
      for (int r = 0, o = j; r < rows; r++, o += n) {
        s0 = s0.add(DoubleVector.fromArray(S, g, o));
      }
      s0.intoArray(out, outOff + j);
    }
    if (j < n && n >= L) {
      // the last L columns as one vector: the ones left of j get the same sums again (rows added in the same order)
      DoubleVector s0 = DoubleVector.zero(S);
      for (int r = 0, o = n - L; r < rows; r++, o += n) {
        s0 = s0.add(DoubleVector.fromArray(S, g, o));
      }
      s0.intoArray(out, outOff + n - L);
      j = n;
    }
    for (; j < n; j++) {
      double s = 0;
      for (int r = 0, o = j; r < rows; r++, o += n) {
        s += g[o];
      }
      out[outOff + j] = s;
    }
  }

  @Override
  public void rowSquaredNorms(int rows, int n, double[] e, double[] out) {
    if (n < 4 * L) {
      // short rows (e.g. 10 items): a lane reduction per row costs more than the scalar sum (measured 3× slower)
      for (int r = 0; r < rows; r++) {
        double s = 0;
        for (int j = r * n, end = j + n; j < end; j++) {
          s += e[j] * e[j];
        }
        out[r] = s;
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      out[r] = dot(e, r * n, e, r * n, n);
    }
  }

  @Override
  public void rowQuadraticForms(int rows, int n, double[] lambdas, double[] e, double[] out) {
    int nn = n * n;
    for (int r = 0; r < rows; r++) {
      int lam = r * nn;
      int er = r * n;
      // eᵀΛe = Σ_j e_j (Λᵀe)_j: build (Λᵀe) one vector of columns at a time, in registers only
      DoubleVector total = DoubleVector.zero(S);
      int j = 0;
      for (int bound = n - L; j <= bound; j += L) {
        DoubleVector t0 = DoubleVector.zero(S);
        DoubleVector t1 = DoubleVector.zero(S);
        int i = 0;
        for (; i + 2 <= n; i += 2) {
          t0 = DoubleVector.fromArray(S, lambdas, lam + i * n + j).fma(DoubleVector.broadcast(S, e[er + i]), t0);
          t1 = DoubleVector.fromArray(S, lambdas, lam + (i + 1) * n + j)
              .fma(DoubleVector.broadcast(S, e[er + i + 1]), t1);
        }
        if (i < n) {
          t0 = DoubleVector.fromArray(S, lambdas, lam + i * n + j).fma(DoubleVector.broadcast(S, e[er + i]), t0);
        }
        total = t0.add(t1).fma(DoubleVector.fromArray(S, e, er + j), total);
      }
      double s = 0;
      for (int l = 0; l < L; l++) { // lanes in order: see the class comment on reduceLanes
        s += total.lane(l);
      }
      for (; j < n; j++) {
        double col = 0;
        for (int i = 0; i < n; i++) {
          col += e[er + i] * lambdas[lam + i * n + j];
        }
        s += col * e[er + j];
      }
      out[r] = s;
    }
  }

  /**
   * Rows [from, to) of C = alpha·op(A)·B + beta·C with B k×n row-major. Register tiles (6×2L, 4×2L, 2×2L, 1×2L,
   * then 4×L and 1×L, then the last n mod L columns) accumulate broadcast elements of op(A) times vectors of B
   * rows and add them, times alpha, to C; k is split into KC-deep blocks so the B panel stays in L1.
   *
   * <p>Every C element adds its products p = 0, 1, … in order and then enters C times alpha, once per k-block,
   * whichever tile computes it: rows can be split anywhere (one tile shape or another, one thread or another)
   * without changing a bit. With beta = 0 the first k-block adds to zeros ({@link #ZEROS}) instead of to a cleared
   * C: the same bits (fma(s, alpha, +0.0)) without a pass that clears C and loads of the zeros back. The tiles hold
   * no alpha/beta branches: the smaller compiled body keeps C2 under its inlining node budget, past which Vector API
   * values get boxed.
   */
  private void gemmBroadcastA(int from, int to, int n, int k, double alpha, double[] a, int rowStride,
      int depthStride, double[] b, double beta, double[] c) {
    if (beta != 0 && beta != 1) {
      scale(beta, c, from * n, (to - from) * n);
    }
    for (int p0 = 0; p0 < k; p0 += KC) {
      int p1 = Math.min(k, p0 + KC);
      double[] prior = beta == 0 && p0 == 0 ? ZEROS : c;
      int j = 0;
      for (; j + 2 * L <= n; j += 2 * L) {
        int i = from;
        for (; i + 6 <= to; i += 6) {
          tile6x2(i, j, p0, p1, n, alpha, a, rowStride, depthStride, b, c, prior);
        }
        // the last rows mod 6 (4 at 10, 28, 100, 256 rows; 2 at 32, 50, 500): as few 1-row tiles as possible
        if (i + 4 <= to) {
          tile4x2(i, j, p0, p1, n, alpha, a, rowStride, depthStride, b, c, prior);
          i += 4;
        }
        if (i + 2 <= to) {
          tile2x2(i, j, p0, p1, n, alpha, a, rowStride, depthStride, b, c, prior);
          i += 2;
        }
        for (; i < to; i++) {
          tile1x2(i, j, p0, p1, n, alpha, a, rowStride, depthStride, b, c, prior);
        }
      }
      for (; j + L <= n; j += L) {
        int i = from;
        for (; i + 4 <= to; i += 4) {
          tile4x1(i, j, p0, p1, n, alpha, a, rowStride, depthStride, b, c, prior);
        }
        for (; i < to; i++) {
          tile1x1(i, j, p0, p1, n, alpha, a, rowStride, depthStride, b, c, prior);
        }
      }
      if (j < n) {
        if (n >= L) {
          tailColumns(from, to, j, p0, p1, n, alpha, a, rowStride, depthStride, b, c, prior != c);
        } else {
          narrowColumns(from, to, p0, p1, n, alpha, a, rowStride, depthStride, b, c, prior != c);
        }
      }
    }
  }

  /**
   * C[i..i+6, j..j+2L) += alpha·(op(A)[i..i+6, p0..p1)·B[p0..p1, j..j+2L)), adding to {@code prior} (C itself,
   * or {@link #ZEROS} in the first k-block of an overwriting gemm): 12 accumulators + 2 B vectors + 1 broadcast
   * fit the 16 registers of AVX2; measured ~20 % faster than a 4×2L tile on this machine.
   */
  private static void tile6x2(int i, int j, int p0, int p1, int n, double alpha, double[] a, int rowStride,
      int depthStride, double[] b, double[] c, double[] prior) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = DoubleVector.zero(S);
    DoubleVector c10 = DoubleVector.zero(S);
    DoubleVector c11 = DoubleVector.zero(S);
    DoubleVector c20 = DoubleVector.zero(S);
    DoubleVector c21 = DoubleVector.zero(S);
    DoubleVector c30 = DoubleVector.zero(S);
    DoubleVector c31 = DoubleVector.zero(S);
    DoubleVector c40 = DoubleVector.zero(S);
    DoubleVector c41 = DoubleVector.zero(S);
    DoubleVector c50 = DoubleVector.zero(S);
    DoubleVector c51 = DoubleVector.zero(S);
    int a0 = i * rowStride;
    for (int p = p0; p < p1; p++) {
      int bp = p * n + j;
      DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
      int ap = a0 + p * depthStride;
      DoubleVector x = DoubleVector.broadcast(S, a[ap]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      x = DoubleVector.broadcast(S, a[ap + rowStride]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      x = DoubleVector.broadcast(S, a[ap + 2 * rowStride]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      x = DoubleVector.broadcast(S, a[ap + 3 * rowStride]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
      x = DoubleVector.broadcast(S, a[ap + 4 * rowStride]);
      c40 = b0.fma(x, c40);
      c41 = b1.fma(x, c41);
      x = DoubleVector.broadcast(S, a[ap + 5 * rowStride]);
      c50 = b0.fma(x, c50);
      c51 = b1.fma(x, c51);
    }
    DoubleVector av = DoubleVector.broadcast(S, alpha);
    int o = i * n + j;
    int q = prior == c ? o : 0;
    int qStep = prior == c ? n : 0;
    c00.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c01.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
    o += n;
    q += qStep;
    c10.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c11.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
    o += n;
    q += qStep;
    c20.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c21.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
    o += n;
    q += qStep;
    c30.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c31.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
    o += n;
    q += qStep;
    c40.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c41.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
    o += n;
    q += qStep;
    c50.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c51.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
  }

  /**
   * {@link #tile6x2} for 4 rows. Every tile adds each C element's products in the same order (p ascending, then
   * times alpha into C), so a row's bits do not depend on which tile computed it.
   */
  private static void tile4x2(int i, int j, int p0, int p1, int n, double alpha, double[] a, int rowStride,
      int depthStride, double[] b, double[] c, double[] prior) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = DoubleVector.zero(S);
    DoubleVector c10 = DoubleVector.zero(S);
    DoubleVector c11 = DoubleVector.zero(S);
    DoubleVector c20 = DoubleVector.zero(S);
    DoubleVector c21 = DoubleVector.zero(S);
    DoubleVector c30 = DoubleVector.zero(S);
    DoubleVector c31 = DoubleVector.zero(S);
    int a0 = i * rowStride;
    for (int p = p0; p < p1; p++) {
      int bp = p * n + j;
      DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
      int ap = a0 + p * depthStride;
      DoubleVector x = DoubleVector.broadcast(S, a[ap]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      x = DoubleVector.broadcast(S, a[ap + rowStride]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      x = DoubleVector.broadcast(S, a[ap + 2 * rowStride]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      x = DoubleVector.broadcast(S, a[ap + 3 * rowStride]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
    }
    DoubleVector av = DoubleVector.broadcast(S, alpha);
    int o = i * n + j;
    int q = prior == c ? o : 0;
    int qStep = prior == c ? n : 0;
    c00.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c01.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
    o += n;
    q += qStep;
    c10.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c11.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
    o += n;
    q += qStep;
    c20.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c21.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
    o += n;
    q += qStep;
    c30.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c31.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
  }

  /** {@link #tile6x2} for 2 rows (see {@link #tile4x2} on why the bits are the same). */
  private static void tile2x2(int i, int j, int p0, int p1, int n, double alpha, double[] a, int rowStride,
      int depthStride, double[] b, double[] c, double[] prior) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = DoubleVector.zero(S);
    DoubleVector c10 = DoubleVector.zero(S);
    DoubleVector c11 = DoubleVector.zero(S);
    int a0 = i * rowStride;
    for (int p = p0; p < p1; p++) {
      int bp = p * n + j;
      DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
      int ap = a0 + p * depthStride;
      DoubleVector x = DoubleVector.broadcast(S, a[ap]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      x = DoubleVector.broadcast(S, a[ap + rowStride]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
    }
    DoubleVector av = DoubleVector.broadcast(S, alpha);
    int o = i * n + j;
    int q = prior == c ? o : 0;
    c00.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c01.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
    o += n;
    q += prior == c ? n : 0;
    c10.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c11.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
  }

  private static void tile1x2(int i, int j, int p0, int p1, int n, double alpha, double[] a, int rowStride,
      int depthStride, double[] b, double[] c, double[] prior) {
    int o = i * n + j;
    DoubleVector c0 = DoubleVector.zero(S);
    DoubleVector c1 = DoubleVector.zero(S);
    int a0 = i * rowStride;
    for (int p = p0; p < p1; p++) {
      DoubleVector x = DoubleVector.broadcast(S, a[a0 + p * depthStride]);
      c0 = DoubleVector.fromArray(S, b, p * n + j).fma(x, c0);
      c1 = DoubleVector.fromArray(S, b, p * n + j + L).fma(x, c1);
    }
    DoubleVector av = DoubleVector.broadcast(S, alpha);
    int q = prior == c ? o : 0;
    c0.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c1.fma(av, DoubleVector.fromArray(S, prior, q + L)).intoArray(c, o + L);
  }

  /**
   * C[i..i+4, j..j+L): four independent FMA chains per B load where the one-row tile has one chain waiting on
   * each FMA's latency (the columns past the last 2L-wide block: 8 of 40 or 72 on AVX-512).
   */
  private static void tile4x1(int i, int j, int p0, int p1, int n, double alpha, double[] a, int rowStride,
      int depthStride, double[] b, double[] c, double[] prior) {
    DoubleVector c0 = DoubleVector.zero(S);
    DoubleVector c1 = DoubleVector.zero(S);
    DoubleVector c2 = DoubleVector.zero(S);
    DoubleVector c3 = DoubleVector.zero(S);
    int a0 = i * rowStride;
    for (int p = p0; p < p1; p++) {
      DoubleVector bv = DoubleVector.fromArray(S, b, p * n + j);
      int ap = a0 + p * depthStride;
      c0 = bv.fma(DoubleVector.broadcast(S, a[ap]), c0);
      c1 = bv.fma(DoubleVector.broadcast(S, a[ap + rowStride]), c1);
      c2 = bv.fma(DoubleVector.broadcast(S, a[ap + 2 * rowStride]), c2);
      c3 = bv.fma(DoubleVector.broadcast(S, a[ap + 3 * rowStride]), c3);
    }
    DoubleVector av = DoubleVector.broadcast(S, alpha);
    int o = i * n + j;
    int q = prior == c ? o : 0;
    int qStep = prior == c ? n : 0;
    c0.fma(av, DoubleVector.fromArray(S, prior, q)).intoArray(c, o);
    c1.fma(av, DoubleVector.fromArray(S, prior, q + qStep)).intoArray(c, o + n);
    c2.fma(av, DoubleVector.fromArray(S, prior, q + 2 * qStep)).intoArray(c, o + 2 * n);
    c3.fma(av, DoubleVector.fromArray(S, prior, q + 3 * qStep)).intoArray(c, o + 3 * n);
  }

  private static void tile1x1(int i, int j, int p0, int p1, int n, double alpha, double[] a, int rowStride,
      int depthStride, double[] b, double[] c, double[] prior) {
    int o = i * n + j;
    DoubleVector c0 = DoubleVector.zero(S);
    int a0 = i * rowStride;
    for (int p = p0; p < p1; p++) {
      c0 = DoubleVector.fromArray(S, b, p * n + j).fma(DoubleVector.broadcast(S, a[a0 + p * depthStride]), c0);
    }
    c0.fma(DoubleVector.broadcast(S, alpha), DoubleVector.fromArray(S, prior, prior == c ? o : 0)).intoArray(c, o);
  }

  /**
   * The last n − j (&lt; L) columns when n ≥ L, with the arithmetic of a plain scalar loop: each product rounded,
   * then added (s += a·b, p ascending, from s = 0), then C += alpha·s, as these columns have always been computed.
   * Vectors of the last L columns carry 4 rows' sums at once (the lanes left of j belong to columns the tiles
   * computed and are dropped): a vector multiply and add round lane by lane exactly as the scalar ones, and four
   * independent chains replace one chain per element waiting on each add's latency (4 of 68 and 6 of 70 columns
   * in the RL model's layers on AVX-512).
   */
  private static void tailColumns(int from, int to, int j, int p0, int p1, int n, double alpha, double[] a,
      int rowStride, int depthStride, double[] b, double[] c, boolean overwrite) {
    int base = n - L;
    int first = j - base;
    int i = from;
    for (; i + 4 <= to; i += 4) {
      DoubleVector s0 = DoubleVector.zero(S);
      DoubleVector s1 = DoubleVector.zero(S);
      DoubleVector s2 = DoubleVector.zero(S);
      DoubleVector s3 = DoubleVector.zero(S);
      int a0 = i * rowStride;
      for (int p = p0; p < p1; p++) {
        DoubleVector bv = DoubleVector.fromArray(S, b, p * n + base);
        int ap = a0 + p * depthStride;
        s0 = s0.add(bv.mul(a[ap]));
        s1 = s1.add(bv.mul(a[ap + rowStride]));
        s2 = s2.add(bv.mul(a[ap + 2 * rowStride]));
        s3 = s3.add(bv.mul(a[ap + 3 * rowStride]));
      }
      int o = i * n + base;
      for (int l = 0; l < L; l++) { // constant bounds: unrolled, every lane index a constant
        if (l >= first) {
          c[o + l] = (overwrite ? 0.0 : c[o + l]) + alpha * s0.lane(l);
          c[o + n + l] = (overwrite ? 0.0 : c[o + n + l]) + alpha * s1.lane(l);
          c[o + 2 * n + l] = (overwrite ? 0.0 : c[o + 2 * n + l]) + alpha * s2.lane(l);
          c[o + 3 * n + l] = (overwrite ? 0.0 : c[o + 3 * n + l]) + alpha * s3.lane(l);
        }
      }
    }
    for (; i < to; i++) {
      DoubleVector s0 = DoubleVector.zero(S);
      int a0 = i * rowStride;
      for (int p = p0; p < p1; p++) {
        s0 = s0.add(DoubleVector.fromArray(S, b, p * n + base).mul(a[a0 + p * depthStride]));
      }
      int o = i * n + base;
      for (int l = 0; l < L; l++) {
        if (l >= first) {
          c[o + l] = (overwrite ? 0.0 : c[o + l]) + alpha * s0.lane(l);
        }
      }
    }
  }

  /** All n (&lt; L) columns, scalar: s += a·b with p ascending, then C += alpha·s (to 0.0 when overwriting). */
  private static void narrowColumns(int from, int to, int p0, int p1, int n, double alpha, double[] a,
      int rowStride, int depthStride, double[] b, double[] c, boolean overwrite) {
    for (int j = 0; j < n; j++) {
      for (int i = from; i < to; i++) {
        double s = 0;
        for (int p = p0; p < p1; p++) {
          s += a[i * rowStride + p * depthStride] * b[p * n + j];
        }
        int o = i * n + j;
        c[o] = (overwrite ? 0.0 : c[o]) + alpha * s;
      }
    }
  }

  /**
   * C = alpha·A·Bᵀ + beta·C with A m×k and B n×k row-major: every C element is a dot of two contiguous
   * rows; 2×4 blocks of them share their row loads.
   */
  private void gemmRowDots(int from, int to, int n, int k, double alpha, double[] a, double[] b, double beta,
      double[] c) {
    int i = from;
    for (; i + 2 <= to; i += 2) {
      int a0 = i * k;
      int a1 = a0 + k;
      int j = 0;
      for (; j + 4 <= n; j += 4) {
        int b0 = j * k;
        int b1 = b0 + k;
        int b2 = b1 + k;
        int b3 = b2 + k;
        DoubleVector s00 = DoubleVector.zero(S);
        DoubleVector s01 = DoubleVector.zero(S);
        DoubleVector s02 = DoubleVector.zero(S);
        DoubleVector s03 = DoubleVector.zero(S);
        DoubleVector s10 = DoubleVector.zero(S);
        DoubleVector s11 = DoubleVector.zero(S);
        DoubleVector s12 = DoubleVector.zero(S);
        DoubleVector s13 = DoubleVector.zero(S);
        int p = 0;
        for (int bound = k - L; p <= bound; p += L) {
          DoubleVector x0 = DoubleVector.fromArray(S, a, a0 + p);
          DoubleVector x1 = DoubleVector.fromArray(S, a, a1 + p);
          DoubleVector y0 = DoubleVector.fromArray(S, b, b0 + p);
          DoubleVector y1 = DoubleVector.fromArray(S, b, b1 + p);
          DoubleVector y2 = DoubleVector.fromArray(S, b, b2 + p);
          DoubleVector y3 = DoubleVector.fromArray(S, b, b3 + p);
          s00 = x0.fma(y0, s00);
          s01 = x0.fma(y1, s01);
          s02 = x0.fma(y2, s02);
          s03 = x0.fma(y3, s03);
          s10 = x1.fma(y0, s10);
          s11 = x1.fma(y1, s11);
          s12 = x1.fma(y2, s12);
          s13 = x1.fma(y3, s13);
        }
        double t00 = 0;
        double t01 = 0;
        double t02 = 0;
        double t03 = 0;
        double t10 = 0;
        double t11 = 0;
        double t12 = 0;
        double t13 = 0;
        for (int l = 0; l < L; l++) { // lanes in order: see the class comment on reduceLanes
          t00 += s00.lane(l);
          t01 += s01.lane(l);
          t02 += s02.lane(l);
          t03 += s03.lane(l);
          t10 += s10.lane(l);
          t11 += s11.lane(l);
          t12 += s12.lane(l);
          t13 += s13.lane(l);
        }
        for (; p < k; p++) {
          double x0 = a[a0 + p];
          double x1 = a[a1 + p];
          t00 += x0 * b[b0 + p];
          t01 += x0 * b[b1 + p];
          t02 += x0 * b[b2 + p];
          t03 += x0 * b[b3 + p];
          t10 += x1 * b[b0 + p];
          t11 += x1 * b[b1 + p];
          t12 += x1 * b[b2 + p];
          t13 += x1 * b[b3 + p];
        }
        int c0 = i * n + j;
        storeScaled(c, c0, alpha * t00, beta);
        storeScaled(c, c0 + 1, alpha * t01, beta);
        storeScaled(c, c0 + 2, alpha * t02, beta);
        storeScaled(c, c0 + 3, alpha * t03, beta);
        storeScaled(c, c0 + n, alpha * t10, beta);
        storeScaled(c, c0 + n + 1, alpha * t11, beta);
        storeScaled(c, c0 + n + 2, alpha * t12, beta);
        storeScaled(c, c0 + n + 3, alpha * t13, beta);
      }
      for (; j < n; j++) {
        storeScaled(c, i * n + j, alpha * dot(a, a0, b, j * k, k), beta);
        storeScaled(c, (i + 1) * n + j, alpha * dot(a, a1, b, j * k, k), beta);
      }
    }
    // an odd last row: gemv adds each dot exactly as the 2×4 blocks do (one accumulator, lanes in order, then
    // the scalar tail; the n mod 4 last columns by dot()), so its bits match the rows computed in pairs
    for (; i < to; i++) {
      gemv(n, k, alpha, b, 0, a, i * k, beta, c, i * n);
    }
  }

  /** C = alpha·Aᵀ·Bᵀ + beta·C (A k×m, B n×k): not a dense-layer shape, so a plain loop. */
  private static void gemmBothTransposed(int from, int to, int m, int n, int k, double alpha, double[] a,
      double[] b, double beta, double[] c) {
    for (int i = from; i < to; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += a[p * m + i] * b[j * k + p];
        }
        storeScaled(c, i * n + j, alpha * s, beta);
      }
    }
  }

  /** Rows [from, to) of C (n columns) times beta; cleared when beta = 0. */
  private void scaleRowRange(int from, int to, int n, double beta, double[] c) {
    if (beta == 0) {
      Arrays.fill(c, from * n, to * n, 0.0);
    } else if (beta != 1) {
      scale(beta, c, from * n, (to - from) * n);
    }
  }

  private static void storeScaled(double[] y, int idx, double value, double beta) {
    y[idx] = beta == 0 ? value : value + beta * y[idx];
  }
}
