package org.taskmet.core.linalg;

/**
 * The outcome of an iterative solve.
 *
 * @param solution x
 * @param iterations iterations performed
 * @param residualNorm ‖b − (A + ridge·I) x‖ of the system the solver iterates on (the normal system for normal CG)
 * @param converged whether the tolerance was met within the budget
 */
public record SolveResult(double[] solution, int iterations, double residualNorm, boolean converged) {}
