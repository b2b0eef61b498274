package org.taskmet.core.nn;

import org.taskmet.api.Matrix;

/** The argument checks the models of this package share, with messages that name the argument and the model. */
final class ModelArguments {
  private ModelArguments() {}

  /** {@code v} has {@code length} finite entries. */
  static void requireVector(String what, double[] v, int length) {
    if (v == null || v.length != length) {
      throw new IllegalArgumentException(what + " must have length " + length + ", got "
          + (v == null ? "null" : v.length));
    }
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(what + "[" + i + "] is not finite: " + v[i]);
      }
    }
  }

  /** {@code m} is shaped like the model's output on {@code rows} rows. */
  static void requireOutputShaped(String what, Matrix m, int rows, int outputSize) {
    if (m.rows() != rows || m.cols() != outputSize) {
      throw new IllegalArgumentException(what + " has shape " + m.shape() + ", expected " + rows + "x" + outputSize
          + " (the model output)");
    }
  }

  /** {@code input} has {@code inputSize} columns of finite values; {@code layout} describes a row. */
  static void requireInput(Matrix input, int inputSize, String layout) {
    if (input.cols() != inputSize) {
      throw new IllegalArgumentException("model input has " + input.cols() + " columns, expected " + inputSize
          + " (" + layout + ")");
    }
    if (!input.isFinite()) {
      throw new IllegalArgumentException("model input " + input.shape() + " contains a non-finite value");
    }
  }
}
