package org.taskmet.jmh;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single-core compute ceiling: {@value #CHAINS} independent FMA chains held in registers (enough to cover FMA
 * latency × throughput on current x86 and ARM cores), {@value #STEPS} steps per call; no memory traffic.
 * FLOPs per call: 2·{@value #CHAINS}·{@value #STEPS}·lanes (lanes = 1 for the scalar probe, which uses
 * {@link Math#fma}, and the preferred species' length for the SIMD probe).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RooflineBench {
  static final int CHAINS = 12;
  static final int STEPS = 1024;
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  /** Multiplier and addend keep every chain bounded (x ↦ m·x + c converges to c/(1−m)). */
  private double m;
  private double c;

  @Setup
  public void setUp() {
    m = 0.999_999;
    c = 1e-6;
  }

  @Benchmark
  public double fmaPeakSimd() {
    DoubleVector mv = DoubleVector.broadcast(S, m);
    DoubleVector cv = DoubleVector.broadcast(S, c);
    DoubleVector a0 = DoubleVector.broadcast(S, 0.1);
    DoubleVector a1 = DoubleVector.broadcast(S, 0.2);
    DoubleVector a2 = DoubleVector.broadcast(S, 0.3);
    DoubleVector a3 = DoubleVector.broadcast(S, 0.4);
    DoubleVector a4 = DoubleVector.broadcast(S, 0.5);
    DoubleVector a5 = DoubleVector.broadcast(S, 0.6);
    DoubleVector a6 = DoubleVector.broadcast(S, 0.7);
    DoubleVector a7 = DoubleVector.broadcast(S, 0.8);
    DoubleVector a8 = DoubleVector.broadcast(S, 0.9);
    DoubleVector a9 = DoubleVector.broadcast(S, 1.0);
    DoubleVector a10 = DoubleVector.broadcast(S, 1.1);
    DoubleVector a11 = DoubleVector.broadcast(S, 1.2);
    for (int i = 0; i < STEPS; i++) {
      a0 = a0.fma(mv, cv);
      a1 = a1.fma(mv, cv);
      a2 = a2.fma(mv, cv);
      a3 = a3.fma(mv, cv);
      a4 = a4.fma(mv, cv);
      a5 = a5.fma(mv, cv);
      a6 = a6.fma(mv, cv);
      a7 = a7.fma(mv, cv);
      a8 = a8.fma(mv, cv);
      a9 = a9.fma(mv, cv);
      a10 = a10.fma(mv, cv);
      a11 = a11.fma(mv, cv);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
        .reduceLanes(VectorOperators.ADD);
  }

  @Benchmark
  public double fmaPeakScalar() {
    double a0 = 0.1;
    double a1 = 0.2;
    double a2 = 0.3;
    double a3 = 0.4;
    double a4 = 0.5;
    double a5 = 0.6;
    double a6 = 0.7;
    double a7 = 0.8;
    double a8 = 0.9;
    double a9 = 1.0;
    double a10 = 1.1;
    double a11 = 1.2;
    for (int i = 0; i < STEPS; i++) {
      a0 = Math.fma(a0, m, c);
      a1 = Math.fma(a1, m, c);
      a2 = Math.fma(a2, m, c);
      a3 = Math.fma(a3, m, c);
      a4 = Math.fma(a4, m, c);
      a5 = Math.fma(a5, m, c);
      a6 = Math.fma(a6, m, c);
      a7 = Math.fma(a7, m, c);
      a8 = Math.fma(a8, m, c);
      a9 = Math.fma(a9, m, c);
      a10 = Math.fma(a10, m, c);
      a11 = Math.fma(a11, m, c);
    }
    return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
  }
}
