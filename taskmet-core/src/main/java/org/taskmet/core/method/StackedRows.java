package org.taskmet.core.method;

import java.util.random.RandomGenerator;
import org.taskmet.api.Dataset;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;

/**
 * The feature rows of several instances stacked into one matrix, so the model runs one batched forward
 * pass per batch instead of one per instance. Instance b owns rows [offset(b), offset(b+1)).
 */
final class StackedRows {
  private final Matrix features;
  private final Matrix targets;
  private final int[] offsets;

  private StackedRows(Matrix features, Matrix targets, int[] offsets) {
    this.features = features;
    this.targets = targets;
    this.offsets = offsets;
  }

  /** Stacks the instances of {@code data} at {@code indices} (in that order). */
  static StackedRows of(Dataset data, int[] indices) {
    int f = data.get(0).features().cols();
    int n = data.get(0).targets().cols();
    int[] offsets = new int[indices.length + 1];
    for (int b = 0; b < indices.length; b++) {
      offsets[b + 1] = offsets[b] + data.get(indices[b]).items();
    }
    int rows = offsets[indices.length];
    double[] x = new double[rows * f];
    double[] y = new double[rows * n];
    for (int b = 0; b < indices.length; b++) {
      Instance in = data.get(indices[b]);
      System.arraycopy(in.features().data(), 0, x, offsets[b] * f, in.items() * f);
      System.arraycopy(in.targets().data(), 0, y, offsets[b] * n, in.items() * n);
    }
    return new StackedRows(new Matrix(rows, f, x), new Matrix(rows, n, y), offsets);
  }

  /** All instances of {@code data}, in order. */
  static StackedRows all(Dataset data) {
    return of(data, range(data.size()));
  }

  Matrix features() {
    return features;
  }

  Matrix targets() {
    return targets;
  }

  int count() {
    return offsets.length - 1;
  }

  int offset(int b) {
    return offsets[b];
  }

  int rows(int b) {
    return offsets[b + 1] - offsets[b];
  }

  /** A copy of instance b's rows of a stacked rows × cols matrix. */
  Matrix slice(Matrix stacked, int b) {
    int c = stacked.cols();
    double[] out = new double[rows(b) * c];
    System.arraycopy(stacked.data(), offsets[b] * c, out, 0, out.length);
    return new Matrix(rows(b), c, out);
  }

  /** Copies {@code part} (instance b's rows) into {@code stacked}, scaled by {@code scale}. */
  void place(Matrix part, int b, Matrix stacked, double scale) {
    int c = stacked.cols();
    double[] src = part.data();
    double[] dst = stacked.data();
    int o = offsets[b] * c;
    for (int k = 0; k < src.length; k++) {
      dst[o + k] = scale * src[k];
    }
  }

  /** The stacked row indices of instances {@code bs}, in order (instance b's rows are consecutive). */
  int[] rowsOf(int[] bs) {
    int total = 0;
    for (int b : bs) {
      total += rows(b);
    }
    int[] out = new int[total];
    int k = 0;
    for (int b : bs) {
      for (int r = offsets[b]; r < offsets[b + 1]; r++) {
        out[k++] = r;
      }
    }
    return out;
  }

  static int[] range(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return idx;
  }

  /**
   * {@code k} distinct indices out of 0..n−1 (all of them, shuffled, when k ≥ n): a partial Fisher–Yates
   * shuffle of {@code scratch}, which must hold a permutation of 0..n−1 and is left permuted.
   */
  static int[] sample(RandomGenerator rng, int[] scratch, int k) {
    int n = scratch.length;
    int m = Math.min(k, n);
    for (int i = 0; i < m; i++) {
      int j = i + rng.nextInt(n - i);
      int t = scratch[i];
      scratch[i] = scratch[j];
      scratch[j] = t;
    }
    return java.util.Arrays.copyOf(scratch, m);
  }
}
