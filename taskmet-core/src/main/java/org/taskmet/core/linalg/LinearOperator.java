package org.taskmet.core.linalg;

/**
 * A square matrix-free linear map x ↦ A x of size n. Implementations write into the caller's buffer and
 * allocate nothing per call, so iterative solvers can run allocation-free.
 */
@FunctionalInterface
public interface LinearOperator {
  /** out = A·x; {@code out} and {@code x} have length {@link #size()} and never alias. */
  void apply(double[] x, double[] out);

  /** n. Operators built from lambdas must be wrapped with {@link #of(int, LinearOperator)}. */
  default int size() {
    throw new UnsupportedOperationException("operator size unknown: wrap it with LinearOperator.of(n, op)");
  }

  /** An operator of size n from a lambda. */
  static LinearOperator of(int n, LinearOperator op) {
    return new LinearOperator() {
      @Override
      public void apply(double[] x, double[] out) {
        op.apply(x, out);
      }

      @Override
      public int size() {
        return n;
      }
    };
  }
}
