/**
 * Linear objectives over feasible sets known only through a {@link org.taskmet.api.LinearOracle}, with
 * oracle-only gradient families (SPO+, perturbed DPO and Fenchel–Young, DBB, NID). Everything maximizes.
 */
package org.taskmet.solvers.lp;
