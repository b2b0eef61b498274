package org.taskmet.core.eval;

/**
 * Test-set scores of a trained predictor (taskmet.md §2.1). All decision qualities are means over the
 * test instances of obj(z, Y_true) (higher is better), with hard decisions.
 *
 * @param modelDq decisions from the model's predictions
 * @param randomDq decisions from Ŷ ~ U[0,1] (same shape as Y), averaged over the repeats
 * @param optimalDq decisions from the true Y, averaged over the repeats (only stochastic solvers vary)
 * @param normalizedDq (modelDq − randomDq)/(optimalDq − randomDq): 0 = random, 1 = oracle, negative = worse than random
 * @param mse mean over instances, items and outputs of (Ŷ − Y)²
 */
public record EvaluationResult(double modelDq, double randomDq, double optimalDq, double normalizedDq, double mse) {}
