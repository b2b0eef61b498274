package org.taskmet.solvers.qp;

/**
 * The primal-dual solution of a {@link QpProblem}.
 *
 * @param x the minimizer
 * @param equalityMultipliers ν (length me), for A x = b
 * @param inequalityMultipliers λ ≥ 0 (length mi), for G x ≤ h
 * @param lowerMultipliers ≥ 0 (length n; 0 where there is no lower bound), for −x ≤ −lower
 * @param upperMultipliers ≥ 0 (length n; 0 where there is no upper bound), for x ≤ upper
 * @param slacks h − Gx, lower-bound slacks x − lower, upper-bound slacks upper − x, in that order
 *     (length mi + number of finite lower + number of finite upper bounds); used by warm starts
 * @param iterations interior-point iterations used
 * @param kktResidual max of the scaled primal, dual and complementarity residuals at x
 */
public record QpResult(
    double[] x, double[] equalityMultipliers, double[] inequalityMultipliers, double[] lowerMultipliers,
    double[] upperMultipliers, double[] slacks, int iterations, double kktResidual) {}
