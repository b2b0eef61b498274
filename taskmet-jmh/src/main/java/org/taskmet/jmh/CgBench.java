package org.taskmet.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.taskmet.core.linalg.ConjugateGradient;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.DenseOperator;
import org.taskmet.core.linalg.NormalConjugateGradient;
import org.taskmet.core.linalg.SolveOptions;
import org.taskmet.core.linalg.SolveResult;

/**
 * CG on a dense SPD operator of size n: a fixed budget of {@value #ITERATIONS} iterations (tolerance 0, so
 * every solve does exactly that many), TaskMet's normal-CG setting (5 iterations, ridge 1e-5), and the
 * reference cost of one CG iteration's arithmetic done directly with the kernels (one gemv, two dots, three
 * vector updates), which a CG iteration should match (target: within 1.2×).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CgBench {
  static final int ITERATIONS = 20;

  @Param({"100", "1000", "4000"})
  public int n;

  @Param({"scalar", "simd"})
  public String impl;

  private DenseKernels k;
  private DenseOperator op;
  private double[] matrix;
  private double[] b;
  private ConjugateGradient cg;
  private NormalConjugateGradient normalCg;
  private SolveOptions fixedBudget;
  private double[] p;
  private double[] ap;
  private double[] x;
  private double[] r;

  @Setup
  public void setUp() {
    k = KernelBenchSupport.kernels(impl);
    matrix = spdMatrix(n, 42);
    op = new DenseOperator(n, matrix, k);
    b = KernelBenchSupport.random(7, n);
    cg = new ConjugateGradient(k);
    normalCg = new NormalConjugateGradient(k);
    fixedBudget = new SolveOptions(0.0, ITERATIONS, 0.0, 0.0, null);
    SolveResult check = cg.solve(op, b, fixedBudget);
    if (check.iterations() != ITERATIONS) {
      throw new IllegalStateException("CG stopped after " + check.iterations() + " iterations, expected "
          + ITERATIONS + ": the benchmark would not measure what it says");
    }
    p = KernelBenchSupport.random(8, n);
    ap = new double[n];
    x = new double[n];
    r = KernelBenchSupport.random(9, n);
  }

  /**
   * Symmetric with diagonal d_i log-spaced in [0.01, 10] and off-diagonals bounded by min(d_i, d_j)/(2n), so
   * by Gershgorin every eigenvalue lies in [d_min/2, 1.5·d_max]: SPD with condition number up to ~3000, far
   * from converged after 20 iterations. Built in O(n²) (n = 4000 is 128 MB).
   */
  static double[] spdMatrix(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = 0.01 * Math.pow(1000, n == 1 ? 0 : (double) i / (n - 1));
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      a[i * n + i] = d[i];
      for (int j = i + 1; j < n; j++) {
        double v = rng.nextDouble(-1, 1) * Math.min(d[i], d[j]) / (2.0 * n);
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
    return a;
  }

  @Benchmark
  public SolveResult cgFixedIterations() {
    return cg.solve(op, b, fixedBudget);
  }

  @Benchmark
  public SolveResult normalCgTaskmetDefaults() {
    return normalCg.solve(op, b, SolveOptions.taskmetDefaults());
  }

  /** One CG iteration's arithmetic, straight on the kernels: Ap, pᵀAp, x += αp, r −= αAp, rᵀr, p = r + βp. */
  @Benchmark
  public double gemvPlusVectorUpdates() {
    k.gemv(n, n, 1.0, matrix, 0, p, 0, 0.0, ap, 0);
    double pap = k.dot(p, 0, ap, 0, n);
    double alpha = 1e-9 / (1 + Math.abs(pap));
    k.axpy(alpha, p, 0, x, 0, n);
    k.axpy(-alpha, ap, 0, r, 0, n);
    double rr = k.dot(r, 0, r, 0, n);
    double beta = 1.0 - 1e-9 / (1 + rr);
    for (int i = 0; i < n; i++) {
      p[i] = r[i] + beta * p[i];
    }
    return rr;
  }
}
