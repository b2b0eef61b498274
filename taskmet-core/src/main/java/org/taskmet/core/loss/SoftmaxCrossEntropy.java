package org.taskmet.core.loss;

import org.taskmet.api.Matrix;

/**
 * Mean softmax cross-entropy of class logits against integer labels:
 * L = (1/B) Σ_i [ log Σ_c exp(z_ic) − z_{i,y_i} ], with logits Z (B × C, one row per example) and
 * labels y_i ∈ {0..C−1}. The gradient is ∂L/∂Z = (softmax(Z) − onehot(y)) / B.
 *
 * <p>Computed with the max-shifted log-sum-exp, so large logits do not overflow. Non-finite logits
 * are rejected with an exception rather than propagated.
 */
public final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /**
   * The loss and its gradient with respect to the logits.
   *
   * @param loss the mean cross-entropy in nats
   * @param logitGradient ∂loss/∂logits, B × C
   * @param correct how many rows have their arg-max logit at the label (ties go to the lower class index)
   */
  public record Result(double loss, Matrix logitGradient, int correct) {}

  /** The mean cross-entropy and its gradient. */
  public static Result evaluate(Matrix logits, int[] labels) {
    check(logits, labels);
    int b = logits.rows();
    int c = logits.cols();
    double[] z = logits.data();
    double[] grad = new double[b * c];
    double total = 0;
    int correct = 0;
    double invB = 1.0 / b;
    for (int i = 0; i < b; i++) {
      int off = i * c;
      int argMax = argMax(z, off, c);
      double max = z[off + argMax];
      double sum = 0;
      for (int j = 0; j < c; j++) {
        double e = Math.exp(z[off + j] - max);
        grad[off + j] = e;
        sum += e;
      }
      double logSumExp = max + Math.log(sum);
      total += logSumExp - z[off + labels[i]];
      double scale = invB / sum;
      for (int j = 0; j < c; j++) {
        grad[off + j] *= scale;
      }
      grad[off + labels[i]] -= invB;
      if (argMax == labels[i]) {
        correct++;
      }
    }
    return new Result(total * invB, new Matrix(b, c, grad), correct);
  }

  /** The mean cross-entropy only. */
  public static double value(Matrix logits, int[] labels) {
    check(logits, labels);
    int b = logits.rows();
    int c = logits.cols();
    double[] z = logits.data();
    double total = 0;
    for (int i = 0; i < b; i++) {
      int off = i * c;
      double max = z[off + argMax(z, off, c)];
      double sum = 0;
      for (int j = 0; j < c; j++) {
        sum += Math.exp(z[off + j] - max);
      }
      total += max + Math.log(sum) - z[off + labels[i]];
    }
    return total / b;
  }

  /** The number of rows whose arg-max logit (lowest index on ties) equals the label. */
  public static int countCorrect(Matrix logits, int[] labels) {
    check(logits, labels);
    int correct = 0;
    for (int i = 0; i < logits.rows(); i++) {
      if (argMax(logits.data(), i * logits.cols(), logits.cols()) == labels[i]) {
        correct++;
      }
    }
    return correct;
  }

  private static int argMax(double[] z, int off, int n) {
    int best = 0;
    for (int j = 1; j < n; j++) {
      if (z[off + j] > z[off + best]) {
        best = j;
      }
    }
    return best;
  }

  private static void check(Matrix logits, int[] labels) {
    if (logits.rows() != labels.length) {
      throw new IllegalArgumentException(
          "logits have " + logits.rows() + " rows but there are " + labels.length + " labels");
    }
    if (logits.rows() == 0 || logits.cols() < 2) {
      throw new IllegalArgumentException("logits must be B x C with B >= 1 and C >= 2, got " + logits.shape());
    }
    int c = logits.cols();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= c) {
        throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside 0.." + (c - 1));
      }
    }
    double[] z = logits.data();
    for (int i = 0; i < z.length; i++) {
      if (!Double.isFinite(z[i])) {
        throw new IllegalArgumentException(
            "logit at row " + (i / c) + ", class " + (i % c) + " is " + z[i] + " (non-finite)");
      }
    }
  }
}
