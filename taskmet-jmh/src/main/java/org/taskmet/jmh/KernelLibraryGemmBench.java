package org.taskmet.jmh;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ojalgo.OjAlgoUtils;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** {@link KernelGemmBench}'s gemm shapes in EJML and single-threaded ojAlgo (in-place multiplies). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelLibraryGemmBench {
  private static final int S = KernelGemmBench.SQUARE;
  private static final int B = KernelGemmBench.BATCH;
  private static final int IN = KernelGemmBench.IN;
  private static final int OUT = KernelGemmBench.OUT;

  private DMatrixRMaj ea;
  private DMatrixRMaj eb;
  private DMatrixRMaj ec;
  private DMatrixRMaj ex;
  private DMatrixRMaj ew;
  private DMatrixRMaj ey;
  private DMatrixRMaj edY;
  private DMatrixRMaj edX;
  private DMatrixRMaj edW;
  private R064Store oa;
  private R064Store ob;
  private R064Store oc;
  private R064Store ox;
  private R064Store ow;
  private R064Store oy;
  private R064Store odY;
  private R064Store odX;
  private R064Store odW;
  private MatrixStore<Double> owT;
  private MatrixStore<Double> oxT;

  @Setup
  public void setUp() {
    OjAlgoUtils.limitThreadsTo(1);
    OjAlgoUtils.limitCoresTo(1);
    ea = DMatrixRMaj.wrap(S, S, KernelBenchSupport.random(1, S * S));
    eb = DMatrixRMaj.wrap(S, S, KernelBenchSupport.random(2, S * S));
    ec = new DMatrixRMaj(S, S);
    ex = DMatrixRMaj.wrap(B, IN, KernelBenchSupport.random(3, B * IN));
    ew = DMatrixRMaj.wrap(IN, OUT, KernelBenchSupport.random(4, IN * OUT));
    ey = new DMatrixRMaj(B, OUT);
    edY = DMatrixRMaj.wrap(B, OUT, KernelBenchSupport.random(5, B * OUT));
    edX = new DMatrixRMaj(B, IN);
    edW = new DMatrixRMaj(IN, OUT);
    oa = copy(ea);
    ob = copy(eb);
    oc = R064Store.FACTORY.make(S, S);
    ox = copy(ex);
    ow = copy(ew);
    oy = R064Store.FACTORY.make(B, OUT);
    odY = copy(edY);
    odX = R064Store.FACTORY.make(B, IN);
    odW = R064Store.FACTORY.make(IN, OUT);
    owT = ow.transpose();
    oxT = ox.transpose();
  }

  private static R064Store copy(DMatrixRMaj m) {
    R064Store s = R064Store.FACTORY.make(m.numRows, m.numCols);
    for (int i = 0; i < m.numRows; i++) {
      for (int j = 0; j < m.numCols; j++) {
        s.set(i, j, m.get(i, j));
      }
    }
    return s;
  }

  @Benchmark
  public DMatrixRMaj ejmlGemm256() {
    CommonOps_DDRM.mult(ea, eb, ec);
    return ec;
  }

  @Benchmark
  public R064Store ojalgoGemm256() {
    oc.fillByMultiplying(oa, ob);
    return oc;
  }

  @Benchmark
  public DMatrixRMaj ejmlDenseForward() {
    CommonOps_DDRM.mult(ex, ew, ey);
    return ey;
  }

  @Benchmark
  public R064Store ojalgoDenseForward() {
    oy.fillByMultiplying(ox, ow);
    return oy;
  }

  @Benchmark
  public DMatrixRMaj ejmlDenseInputGradient() {
    CommonOps_DDRM.multTransB(edY, ew, edX);
    return edX;
  }

  @Benchmark
  public R064Store ojalgoDenseInputGradient() {
    odX.fillByMultiplying(odY, owT);
    return odX;
  }

  @Benchmark
  public DMatrixRMaj ejmlDenseWeightGradient() {
    CommonOps_DDRM.multTransA(ex, edY, edW);
    return edW;
  }

  @Benchmark
  public R064Store ojalgoDenseWeightGradient() {
    odW.fillByMultiplying(oxT, odY);
    return odW;
  }
}
