package org.taskmet.solvers.qp;

/**
 * OptNet-style sensitivities of a scalar loss L(x*) through a QP solution, for a given dL/dx*.
 *
 * @param c dL/dc (length n)
 * @param b dL/db (length me)
 * @param h dL/dh (length mi; 0 for inactive rows)
 */
public record QpGradients(double[] c, double[] b, double[] h) {}
