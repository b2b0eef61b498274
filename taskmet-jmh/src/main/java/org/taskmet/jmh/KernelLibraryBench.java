package org.taskmet.jmh;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.mult.VectorVectorMult_DDRM;
import org.ojalgo.OjAlgoUtils;
import org.ojalgo.array.operation.AXPY;
import org.ojalgo.array.operation.DOT;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The same operations and sizes as {@link KernelBench} in EJML (row-major {@code DMatrixRMaj}) and ojAlgo
 * (column-major {@code R064Store}, limited to one thread), each in its library's native layout and in-place
 * form, so the comparison is single-threaded and allocation-free on every side. ojAlgo has no rank-1 update,
 * EJML no plain scale-in-place of a slice (its {@code scale} is used).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelLibraryBench {
  @Param({"L1", "L2", "MEM"})
  public String level;

  private int n;
  private DMatrixRMaj ex;
  private DMatrixRMaj ey;
  private DMatrixRMaj ea;
  private DMatrixRMaj eu;
  private DMatrixRMaj ev;
  private double[] ox;
  private double[] oy;
  private R064Store oa;
  private MatrixStore<Double> oaTransposed;
  private R064Store ou;
  private R064Store ov;
  private double sign = 1;

  @Setup
  public void setUp() {
    OjAlgoUtils.limitThreadsTo(1);
    OjAlgoUtils.limitCoresTo(1);
    n = KernelBenchSupport.vectorLength(level);
    int side = KernelBenchSupport.matrixSide(level);
    ex = DMatrixRMaj.wrap(n, 1, KernelBenchSupport.random(1, n));
    ey = DMatrixRMaj.wrap(n, 1, KernelBenchSupport.random(2, n));
    ea = DMatrixRMaj.wrap(side, side, KernelBenchSupport.random(3, side * side));
    eu = DMatrixRMaj.wrap(side, 1, KernelBenchSupport.random(4, side));
    ev = DMatrixRMaj.wrap(side, 1, KernelBenchSupport.random(5, side));
    ox = KernelBenchSupport.random(1, n);
    oy = KernelBenchSupport.random(2, n);
    oa = R064Store.FACTORY.make(side, side);
    double[] flat = KernelBenchSupport.random(3, side * side);
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        oa.set(i, j, flat[i * side + j]);
      }
    }
    oaTransposed = oa.transpose();
    ou = R064Store.wrap(KernelBenchSupport.random(4, side));
    ov = R064Store.FACTORY.make(side, 1);
  }

  @Benchmark
  public double ejmlDot() {
    return VectorVectorMult_DDRM.innerProd(ex, ey);
  }

  @Benchmark
  public double ojalgoDot() {
    return DOT.invoke(ox, 0, oy, 0, 0, n);
  }

  @Benchmark
  public double ejmlNorm2() {
    return NormOps_DDRM.fastNormF(ex);
  }

  @Benchmark
  public DMatrixRMaj ejmlAxpy() {
    sign = -sign;
    CommonOps_DDRM.addEquals(ey, sign * 0.5, ex);
    return ey;
  }

  @Benchmark
  public double[] ojalgoAxpy() {
    sign = -sign;
    AXPY.invoke(oy, 0, sign * 0.5, ox, 0, 0, n);
    return oy;
  }

  @Benchmark
  public DMatrixRMaj ejmlScale() {
    sign = -sign;
    CommonOps_DDRM.scale(sign, ey);
    return ey;
  }

  @Benchmark
  public DMatrixRMaj ejmlGemv() {
    CommonOps_DDRM.mult(ea, eu, ev);
    return ev;
  }

  @Benchmark
  public R064Store ojalgoGemv() {
    ov.fillByMultiplying(oa, ou);
    return ov;
  }

  @Benchmark
  public DMatrixRMaj ejmlGemvTransposed() {
    CommonOps_DDRM.multTransA(ea, eu, ev);
    return ev;
  }

  @Benchmark
  public R064Store ojalgoGemvTransposed() {
    ov.fillByMultiplying(oaTransposed, ou);
    return ov;
  }

  @Benchmark
  public DMatrixRMaj ejmlRank1Update() {
    sign = -sign;
    VectorVectorMult_DDRM.addOuterProd(sign * 1e-3, eu, ev, ea);
    return ea;
  }
}
