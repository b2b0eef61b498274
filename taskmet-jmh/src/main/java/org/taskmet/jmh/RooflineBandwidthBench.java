package org.taskmet.jmh;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single-core bandwidth ceilings at the working-set sizes of {@link KernelBench}: {@code read} streams two
 * arrays of {@link KernelBenchSupport#vectorLength} doubles (16 bytes per element, the traffic of dot);
 * {@code triad} computes a = b + s·c over three such arrays (24 bytes per element counted, write-allocate
 * not counted: the convention of STREAM), the ceiling for kernels that write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RooflineBandwidthBench {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Param({"L1", "L2", "MEM"})
  public String level;

  private int n;
  private double[] x;
  private double[] y;
  private double[] z;

  @Setup
  public void setUp() {
    n = KernelBenchSupport.vectorLength(level);
    x = KernelBenchSupport.random(1, n);
    y = KernelBenchSupport.random(2, n);
    z = new double[n];
  }

  @Benchmark
  public double read() {
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = DoubleVector.zero(S);
    DoubleVector s2 = DoubleVector.zero(S);
    DoubleVector s3 = DoubleVector.zero(S);
    for (int i = 0; i < n; i += 2 * L) {
      s0 = s0.add(DoubleVector.fromArray(S, x, i));
      s1 = s1.add(DoubleVector.fromArray(S, y, i));
      s2 = s2.add(DoubleVector.fromArray(S, x, i + L));
      s3 = s3.add(DoubleVector.fromArray(S, y, i + L));
    }
    return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
  }

  @Benchmark
  public double[] triad() {
    DoubleVector s = DoubleVector.broadcast(S, 0.5);
    for (int i = 0; i < n; i += L) {
      DoubleVector.fromArray(S, y, i).fma(s, DoubleVector.fromArray(S, x, i)).intoArray(z, i);
    }
    return z;
  }
}
