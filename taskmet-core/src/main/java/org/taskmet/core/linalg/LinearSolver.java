package org.taskmet.core.linalg;

/**
 * A matrix-free solver of A x = b (CG, normal CG, Jacobi-preconditioned CG, MINRES).
 *
 * <p>Non-finite inputs or a breakdown (e.g. pᵀAp ≤ 0 in CG on an indefinite operator) throw an
 * {@link ArithmeticException} that says which quantity broke down at which iteration; no NaN is returned.
 */
public interface LinearSolver {
  /** Stable name: {@code "cg"}, {@code "normal-cg"}, {@code "jacobi-cg"}, {@code "minres"}. */
  String name();

  SolveResult solve(LinearOperator a, double[] b, SolveOptions options);
}
