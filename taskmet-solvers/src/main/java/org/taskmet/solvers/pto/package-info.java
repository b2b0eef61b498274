/**
 * PyEPO's predict-then-optimize training methods as taskmet {@link org.taskmet.api.TrainingMethod} plugins, for
 * any task whose objective is linear in the predictions ({@link org.taskmet.api.LinearDecisionProblem}):
 * {@code two-stage} (MSE), {@code spo-plus}, {@code pfyl}, {@code dbb}, {@code nid} and {@code dpo}. They share
 * PyEPO's training protocol ({@code EpochTrainer}: shuffled epochs, Adam, the last
 * epoch's model) and reuse the oracle gradients of {@link org.taskmet.solvers.lp}.
 */
package org.taskmet.solvers.pto;
