/** Small dense factorizations (LU with partial pivoting, Cholesky) for the solvers' KKT systems. */
package org.taskmet.solvers.linalg;
