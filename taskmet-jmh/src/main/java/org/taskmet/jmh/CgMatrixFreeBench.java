package org.taskmet.jmh;

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
import org.taskmet.core.linalg.LinearOperator;
import org.taskmet.core.linalg.SolveOptions;
import org.taskmet.core.linalg.SolveResult;

/**
 * CG on a matrix-free Gauss-Newton-shaped operator v ↦ Jᵀ·diag(w)·J·v + μ·v (J is m×n, never forming the
 * n×n product), the structure of a Hessian-vector product of a weighted least-squares loss:
 * {@value CgBench#ITERATIONS} CG iterations, and one operator application for reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CgMatrixFreeBench {
  static final int ROWS = 512;
  static final int COLS = 1000;

  @Param({"scalar", "simd"})
  public String impl;

  private LinearOperator op;
  private double[] b;
  private double[] v;
  private double[] out;
  private ConjugateGradient cg;
  private SolveOptions fixedBudget;

  @Setup
  public void setUp() {
    DenseKernels k = KernelBenchSupport.kernels(impl);
    double[] jac = KernelBenchSupport.random(1, ROWS * COLS);
    double[] weights = KernelBenchSupport.random(2, ROWS);
    for (int i = 0; i < ROWS; i++) {
      weights[i] = 1.5 + weights[i];
    }
    double[] jv = new double[ROWS];
    double mu = 1e-3;
    op = LinearOperator.of(COLS, (x, y) -> {
      k.gemv(ROWS, COLS, 1.0, jac, 0, x, 0, 0.0, jv, 0);
      for (int i = 0; i < ROWS; i++) {
        jv[i] *= weights[i];
      }
      k.gemvTransposed(ROWS, COLS, 1.0, jac, 0, jv, 0, 0.0, y, 0);
      k.axpy(mu, x, 0, y, 0, COLS);
    });
    b = KernelBenchSupport.random(3, COLS);
    v = KernelBenchSupport.random(4, COLS);
    out = new double[COLS];
    cg = new ConjugateGradient(k);
    fixedBudget = new SolveOptions(0.0, CgBench.ITERATIONS, 0.0, 0.0, null);
    SolveResult check = cg.solve(op, b, fixedBudget);
    if (check.iterations() != CgBench.ITERATIONS) {
      throw new IllegalStateException("CG stopped after " + check.iterations() + " iterations");
    }
  }

  @Benchmark
  public SolveResult cgFixedIterations() {
    return cg.solve(op, b, fixedBudget);
  }

  @Benchmark
  public double[] operatorApply() {
    op.apply(v, out);
    return out;
  }
}
