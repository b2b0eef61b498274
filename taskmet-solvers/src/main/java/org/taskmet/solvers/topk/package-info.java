/**
 * Top-k decisions over items × 1 predicted scores: {@link org.taskmet.solvers.topk.HardTopKSolver} (evaluation)
 * and the entropic-OT soft top-k {@link org.taskmet.solvers.topk.SoftTopKSolver} (training) of the cubic task.
 */
package org.taskmet.solvers.topk;
