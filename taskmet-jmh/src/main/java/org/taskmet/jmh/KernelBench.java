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
 * The level-1 and level-2 kernels at L1-, L2- and memory-resident sizes, scalar and SIMD in the same run.
 * Vector kernels use {@link KernelBenchSupport#vectorLength}, matrix kernels an n×n matrix with
 * n = {@link KernelBenchSupport#matrixSide}. axpy/scale/rank1 alternate the sign of alpha so values stay bounded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelBench {
  @Param({"scalar", "simd"})
  public String impl;

  @Param({"L1", "L2", "MEM"})
  public String level;

  private DenseKernels k;
  private int n;
  private int side;
  private double[] x;
  private double[] y;
  private double[] a;
  private double[] u;
  private double[] v;
  private double sign = 1;

  @Setup
  public void setUp() {
    k = KernelBenchSupport.kernels(impl);
    n = KernelBenchSupport.vectorLength(level);
    side = KernelBenchSupport.matrixSide(level);
    x = KernelBenchSupport.random(1, n);
    y = KernelBenchSupport.random(2, n);
    a = KernelBenchSupport.random(3, side * side);
    u = KernelBenchSupport.random(4, side);
    v = KernelBenchSupport.random(5, side);
  }

  @Benchmark
  public double dot() {
    return k.dot(x, 0, y, 0, n);
  }

  @Benchmark
  public double norm2() {
    return k.norm2(x, 0, n);
  }

  @Benchmark
  public double[] axpy() {
    sign = -sign;
    k.axpy(sign * 0.5, x, 0, y, 0, n);
    return y;
  }

  @Benchmark
  public double[] scale() {
    sign = -sign;
    k.scale(sign, y, 0, n);
    return y;
  }

  @Benchmark
  public double[] gemv() {
    k.gemv(side, side, 1.0, a, 0, u, 0, 0.0, v, 0);
    return v;
  }

  @Benchmark
  public double[] gemvTransposed() {
    k.gemvTransposed(side, side, 1.0, a, 0, u, 0, 0.0, v, 0);
    return v;
  }

  @Benchmark
  public double[] rank1Update() {
    sign = -sign;
    k.rank1Update(side, side, sign * 1e-3, u, 0, v, 0, a, 0);
    return a;
  }
}
