package org.taskmet.core.linalg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DenseKernels} that count every call by operation and shape, then delegate: the load-independent half
 * of a profile (which GEMM shapes a product calls, how often, how many FLOPs), and the time spent in each shape.
 * Installed as {@link Kernels#get()} by {@code -Dtaskmet.kernels.record=true}, never by default; records only
 * between {@link #start} and {@link #stop} (stopped, a call costs one field read more). Not thread-safe: record
 * one thread's work at a time.
 */
public final class RecordingKernels implements DenseKernels {
  /** One operation at one shape: e.g. gemm with transA, m×n×k; vector operations have n only. */
  public record Shape(String op, boolean transA, boolean transB, int m, int n, int k) {
    /** Floating-point operations of one call (a multiply-add counts 2). */
    public long flops() {
      return switch (op) {
        case "gemm" -> 2L * m * n * k;
        case "gemv", "gemvT", "rank1" -> 2L * m * n;
        case "dot", "axpy", "norm2" -> 2L * n;
        case "scale", "reluGate" -> n;
        case "scaleRows" -> (long) m * n;
        case "rowSquaredNorms" -> 2L * m * n;
        case "addBias", "addBiasRelu", "columnSums" -> (long) m * n;
        case "rowQuadraticForms" -> 2L * m * n * (n + 1);
        default -> throw new IllegalStateException("no FLOP count for " + op);
      };
    }

    /** e.g. {@code gemm NT 500×200×28}. */
    public String label() {
      String t = op.equals("gemm") ? " " + (transA ? "T" : "N") + (transB ? "T" : "N") : "";
      return op + t + " " + m + "×" + n + (op.equals("gemm") ? "×" + k : "");
    }
  }

  /** How often a shape was called, its FLOPs and the nanoseconds spent in it, in all. */
  public record Count(Shape shape, long calls, long flops, long nanos) {}

  private final DenseKernels delegate;
  /** Per shape: calls, nanoseconds. */
  private final Map<Shape, long[]> calls = new LinkedHashMap<>();
  private boolean recording;
  private Shape pending;
  private long started;

  public RecordingKernels(DenseKernels delegate) {
    this.delegate = delegate;
  }

  /** Forgets every count and records the calls from now on. */
  public void start() {
    calls.clear();
    recording = true;
  }

  /** Stops recording; {@link #counts} keeps what was recorded. */
  public void stop() {
    recording = false;
  }

  /** The counts recorded between {@link #start} and {@link #stop}, most FLOPs first. */
  public List<Count> counts() {
    List<Count> out = new ArrayList<>();
    calls.forEach((s, c) -> out.add(new Count(s, c[0], c[0] * s.flops(), c[1])));
    out.sort(Comparator.comparingLong(Count::flops).reversed().thenComparing(c -> c.shape().label()));
    return out;
  }

  private void record(String op, boolean transA, boolean transB, int m, int n, int k) {
    if (recording) {
      pending = new Shape(op, transA, transB, m, n, k);
      started = System.nanoTime();
    }
  }

  /** Closes the call opened by {@link #record} (kernels do not call each other through this object). */
  private void done() {
    if (pending != null) {
      long[] c = calls.computeIfAbsent(pending, s -> new long[2]);
      c[1] += System.nanoTime() - started;
      c[0]++;
      pending = null;
    }
  }

  @Override
  public String name() {
    return delegate.name() + "+recording";
  }

  @Override
  public double dot(double[] a, int aOff, double[] b, int bOff, int n) {
    record("dot", false, false, 1, n, 1);
    double result = delegate.dot(a, aOff, b, bOff, n);
    done();
    return result;
  }

  @Override
  public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
    record("axpy", false, false, 1, n, 1);
    delegate.axpy(alpha, x, xOff, y, yOff, n);
    done();
  }

  @Override
  public void scale(double alpha, double[] x, int off, int n) {
    record("scale", false, false, 1, n, 1);
    delegate.scale(alpha, x, off, n);
    done();
  }

  @Override
  public void scaleRows(int rows, int n, double[] factors, double[] x) {
    record("scaleRows", false, false, rows, n, 1);
    delegate.scaleRows(rows, n, factors, x);
    done();
  }

  @Override
  public double norm2(double[] x, int off, int n) {
    record("norm2", false, false, 1, n, 1);
    double result = delegate.norm2(x, off, n);
    done();
    return result;
  }

  @Override
  public void gemv(int m, int n, double alpha, double[] a, int aOff, double[] x, int xOff, double beta, double[] y,
      int yOff) {
    record("gemv", false, false, m, n, 1);
    delegate.gemv(m, n, alpha, a, aOff, x, xOff, beta, y, yOff);
    done();
  }

  @Override
  public void gemvTransposed(int m, int n, double alpha, double[] a, int aOff, double[] x, int xOff, double beta,
      double[] y, int yOff) {
    record("gemvT", false, false, m, n, 1);
    delegate.gemvTransposed(m, n, alpha, a, aOff, x, xOff, beta, y, yOff);
    done();
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, double[] b,
      double beta, double[] c) {
    record("gemm", transA, transB, m, n, k);
    delegate.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
    done();
  }

  @Override
  public void rank1Update(int m, int n, double alpha, double[] x, int xOff, double[] y, int yOff, double[] a,
      int aOff) {
    record("rank1", false, false, m, n, 1);
    delegate.rank1Update(m, n, alpha, x, xOff, y, yOff, a, aOff);
    done();
  }

  @Override
  public void addBias(int rows, int n, double[] bias, int biasOff, boolean relu, double[] z) {
    record(relu ? "addBiasRelu" : "addBias", false, false, rows, n, 1);
    delegate.addBias(rows, n, bias, biasOff, relu, z);
    done();
  }

  @Override
  public void reluGate(int n, double[] a, double[] v, double[] out) {
    record("reluGate", false, false, 1, n, 1);
    delegate.reluGate(n, a, v, out);
    done();
  }

  @Override
  public void columnSums(int rows, int n, double[] g, double[] out, int outOff) {
    record("columnSums", false, false, rows, n, 1);
    delegate.columnSums(rows, n, g, out, outOff);
    done();
  }

  @Override
  public void rowSquaredNorms(int rows, int n, double[] e, double[] out) {
    record("rowSquaredNorms", false, false, rows, n, 1);
    delegate.rowSquaredNorms(rows, n, e, out);
    done();
  }

  @Override
  public void rowQuadraticForms(int rows, int n, double[] lambdas, double[] e, double[] out) {
    record("rowQuadraticForms", false, false, rows, n, 1);
    delegate.rowQuadraticForms(rows, n, lambdas, e, out);
    done();
  }
}
