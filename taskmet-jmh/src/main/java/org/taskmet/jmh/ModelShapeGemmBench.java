package org.taskmet.jmh;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;
import org.taskmet.core.linalg.RowParallelism;

/**
 * The SIMD gemm at the shapes the models call most ({@link ProductProfile}, docs/numerics-profile.md), written
 * {@code M×N×K:op(A)op(B)}: the portfolio model's first layer forward (500×500×28:NN) and weight gradient
 * (28×500×500:TN), the metric's first layer (500×200×28:NN), the budget model's layers (50×500×10:NN,
 * 10×500×50:TN, 10×50×500:NT), and the RL networks' (256×32×516:NN, 256×516×32:NN, 32×516×256:TN,
 * 516×32×256:TN at d = 516; 256×68×32:NN, 32×70×256:TN and 256×32×32:NN at the default d = 68). Score = calls per
 * second; GFLOP/s = 2·M·N·K × score / 10⁹, to set against {@code RooflineBench.fmaPeakSimd} measured in the same
 * sitting.
 *
 * <p>{@code threads} above 1 splits C's rows over that many threads ({@link RowParallelism}; each C element computed
 * as on one thread): run with JMH {@code -t 1} and {@code -p threads=1,2} to see what row parallelism buys per shape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ModelShapeGemmBench {
  @Param({"500x500x28:NN", "28x500x500:TN", "500x200x28:NN", "50x500x10:NN", "10x500x50:TN", "10x50x500:NT",
      "256x32x516:NN", "256x516x32:NN", "32x516x256:TN", "516x32x256:TN",
      "256x68x32:NN", "32x70x256:TN", "256x32x32:NN"})
  public String shape;

  @Param({"1"})
  public int threads;

  private final DenseKernels k = Kernels.get();
  private boolean transA;
  private boolean transB;
  private int m;
  private int n;
  private int depth;
  private double[] a;
  private double[] b;
  private double[] c;
  private Supplier<double[]> call;

  @Setup
  public void setUp() {
    String[] parts = shape.split("[x:]");
    if (parts.length != 4 || parts[3].length() != 2) {
      throw new IllegalArgumentException("shape must be MxNxK:op(A)op(B), e.g. 500x500x28:NN, got " + shape);
    }
    m = Integer.parseInt(parts[0]);
    n = Integer.parseInt(parts[1]);
    depth = Integer.parseInt(parts[2]);
    transA = parts[3].charAt(0) == 'T';
    transB = parts[3].charAt(1) == 'T';
    a = KernelBenchSupport.random(1, m * depth);
    b = KernelBenchSupport.random(2, depth * n);
    c = new double[m * n];
    call = () -> {
      k.gemm(transA, transB, m, n, depth, 1.0, a, b, 0.0, c);
      return c;
    };
  }

  @Benchmark
  public double[] gemm() {
    return threads == 1 ? call.get() : RowParallelism.withThreads(threads, call);
  }
}
