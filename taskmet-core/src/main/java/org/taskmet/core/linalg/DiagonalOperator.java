package org.taskmet.core.linalg;

/**
 * A {@link LinearOperator} that can also report its diagonal, which {@link JacobiConjugateGradient} uses as
 * its preconditioner.
 */
public interface DiagonalOperator extends LinearOperator {
  /** out[i] = A[i][i] for i &lt; {@link #size()}. */
  void diagonal(double[] out);
}
