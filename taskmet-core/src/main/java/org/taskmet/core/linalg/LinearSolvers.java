package org.taskmet.core.linalg;

import java.util.List;

/** Looks up the built-in {@link LinearSolver}s by their stable names. */
public final class LinearSolvers {
  /** The accepted names, in the order they are listed in error messages. */
  public static final List<String> NAMES = List.of("cg", "normal-cg", "jacobi-cg", "minres");

  private LinearSolvers() {}

  /**
   * A new solver instance (each holds its own workspace, so use one per thread) with the default kernels.
   * {@code "jacobi-cg"} takes its preconditioner from operators that implement {@link DiagonalOperator}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the accepted ones
   */
  public static LinearSolver byName(String name) {
    return byName(name, Kernels.get());
  }

  /** As {@link #byName(String)}, on the given kernels (e.g. {@link Kernels#scalar()} for comparisons). */
  public static LinearSolver byName(String name, DenseKernels kernels) {
    if (name == null) {
      throw new IllegalArgumentException("linear solver name is null; accepted: " + NAMES);
    }
    return switch (name) {
      case "cg" -> new ConjugateGradient(kernels);
      case "normal-cg" -> new NormalConjugateGradient(kernels);
      case "jacobi-cg" -> new JacobiConjugateGradient(null, kernels);
      case "minres" -> new Minres(kernels);
      default -> throw new IllegalArgumentException("unknown linear solver '" + name + "'; accepted: " + NAMES);
    };
  }
}
