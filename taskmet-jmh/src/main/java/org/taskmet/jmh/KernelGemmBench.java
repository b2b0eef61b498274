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
import org.taskmet.core.linalg.DenseKernels;

/**
 * gemm at 256×256×256 and at the three shapes of a dense layer with batch 128, 512 inputs and 256 outputs
 * (forward Y = X·W, input gradient dX = dY·Wᵀ, weight gradient dW = Xᵀ·dY), plus the batched loss reductions
 * (1000 rows of n = 10, the budget task's shape), scalar and SIMD.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelGemmBench {
  static final int SQUARE = 256;
  static final int BATCH = 128;
  static final int IN = 512;
  static final int OUT = 256;
  static final int ROWS = 1000;
  static final int ITEMS = 10;

  @Param({"scalar", "simd"})
  public String impl;

  private DenseKernels k;
  private double[] a256;
  private double[] b256;
  private double[] c256;
  private double[] x;
  private double[] w;
  private double[] yOut;
  private double[] dY;
  private double[] dX;
  private double[] dW;
  private double[] e;
  private double[] lambdas;
  private double[] rowsOut;

  @Setup
  public void setUp() {
    k = KernelBenchSupport.kernels(impl);
    a256 = KernelBenchSupport.random(1, SQUARE * SQUARE);
    b256 = KernelBenchSupport.random(2, SQUARE * SQUARE);
    c256 = new double[SQUARE * SQUARE];
    x = KernelBenchSupport.random(3, BATCH * IN);
    w = KernelBenchSupport.random(4, IN * OUT);
    yOut = new double[BATCH * OUT];
    dY = KernelBenchSupport.random(5, BATCH * OUT);
    dX = new double[BATCH * IN];
    dW = new double[IN * OUT];
    e = KernelBenchSupport.random(6, ROWS * ITEMS);
    lambdas = KernelBenchSupport.random(7, ROWS * ITEMS * ITEMS);
    rowsOut = new double[ROWS];
  }

  @Benchmark
  public double[] gemm256() {
    k.gemm(false, false, SQUARE, SQUARE, SQUARE, 1.0, a256, b256, 0.0, c256);
    return c256;
  }

  @Benchmark
  public double[] denseForward() {
    k.gemm(false, false, BATCH, OUT, IN, 1.0, x, w, 0.0, yOut);
    return yOut;
  }

  @Benchmark
  public double[] denseInputGradient() {
    k.gemm(false, true, BATCH, IN, OUT, 1.0, dY, w, 0.0, dX);
    return dX;
  }

  @Benchmark
  public double[] denseWeightGradient() {
    k.gemm(true, false, IN, OUT, BATCH, 1.0, x, dY, 0.0, dW);
    return dW;
  }

  @Benchmark
  public double[] rowSquaredNorms() {
    k.rowSquaredNorms(ROWS, ITEMS, e, rowsOut);
    return rowsOut;
  }

  @Benchmark
  public double[] rowQuadraticForms() {
    k.rowQuadraticForms(ROWS, ITEMS, lambdas, e, rowsOut);
    return rowsOut;
  }
}
