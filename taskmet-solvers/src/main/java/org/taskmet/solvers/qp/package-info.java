/**
 * Dense convex quadratic programs: the problem type {@link org.taskmet.solvers.qp.QpProblem}, the Mehrotra
 * interior-point solver with the OptNet backward {@link org.taskmet.solvers.qp.InteriorPointQp}, the
 * active-set method for simplex-constrained QPs, and the {@code portfolio-qp} and {@code dense-qp} solvers.
 */
package org.taskmet.solvers.qp;
