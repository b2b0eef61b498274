package org.taskmet.core.mtl;

import org.taskmet.api.Matrix;

/** The built-in {@link TaskLoss}es: squared error, softmax cross-entropy and binary logistic loss. */
public final class TaskLosses {
  private TaskLosses() {}

  /** Mean over rows of Σ_j (ŷ_j − y_j)² (for one output: the usual MSE). Targets: rows × outputs. */
  public static TaskLoss squaredError() {
    return (predictions, targets, gradientOut) -> {
      requireSameShape("squared error", predictions, targets);
      double[] p = predictions.data();
      double[] t = targets.data();
      double[] g = gradientOut.data();
      int n = predictions.rows();
      double sum = 0;
      for (int i = 0; i < p.length; i++) {
        double e = p[i] - t[i];
        sum += e * e;
        g[i] = 2 * e / n;
      }
      return sum / n;
    };
  }

  /**
   * Mean over rows of −log softmax(ŷ)_{y}: predictions are logits (rows × classes), targets one column
   * of class indices 0..classes−1 stored as doubles.
   */
  public static TaskLoss softmaxCrossEntropy() {
    return (predictions, targets, gradientOut) -> {
      int n = predictions.rows();
      int c = predictions.cols();
      if (targets.rows() != n || targets.cols() != 1) {
        throw new IllegalArgumentException("softmax cross-entropy: targets must be " + n + "x1 class indices, got "
            + targets.shape());
      }
      double[] p = predictions.data();
      double[] g = gradientOut.data();
      double sum = 0;
      for (int i = 0; i < n; i++) {
        int label = classIndex(targets.get(i, 0), c, i);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
          max = Math.max(max, p[i * c + j]);
        }
        double z = 0;
        for (int j = 0; j < c; j++) {
          z += Math.exp(p[i * c + j] - max);
        }
        double logZ = max + Math.log(z);
        sum += logZ - p[i * c + label];
        for (int j = 0; j < c; j++) {
          g[i * c + j] = (Math.exp(p[i * c + j] - logZ) - (j == label ? 1 : 0)) / n;
        }
      }
      return sum / n;
    };
  }

  /** Mean over rows of the logistic loss log(1 + e^{−s·ŷ}) with s = 2y − 1; targets one column of 0/1. */
  public static TaskLoss logistic() {
    return (predictions, targets, gradientOut) -> {
      requireSameShape("logistic loss", predictions, targets);
      if (predictions.cols() != 1) {
        throw new IllegalArgumentException("logistic loss: predictions must have one column, got "
            + predictions.shape());
      }
      double[] p = predictions.data();
      double[] t = targets.data();
      double[] g = gradientOut.data();
      int n = p.length;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        if (t[i] != 0 && t[i] != 1) {
          throw new IllegalArgumentException("logistic loss: target row " + i + " is " + t[i] + "; expected 0 or 1");
        }
        double margin = (2 * t[i] - 1) * p[i];
        // log(1 + e^{−m}) computed stably for either sign of m
        sum += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
        double sigmoidNeg = 1 / (1 + Math.exp(margin));
        g[i] = -(2 * t[i] - 1) * sigmoidNeg / n;
      }
      return sum / n;
    };
  }

  private static int classIndex(double value, int classes, int row) {
    int label = (int) value;
    if (label != value || label < 0 || label >= classes) {
      throw new IllegalArgumentException("softmax cross-entropy: target row " + row + " is " + value
          + "; expected a class index in 0.." + (classes - 1));
    }
    return label;
  }

  private static void requireSameShape(String loss, Matrix predictions, Matrix targets) {
    if (predictions.rows() != targets.rows() || predictions.cols() != targets.cols()) {
      throw new IllegalArgumentException(loss + ": targets are " + targets.shape() + " but predictions are "
          + predictions.shape());
    }
  }
}
