package org.taskmet.bench.run;

/**
 * The measured outcome of one trial on its test split (hard decisions).
 *
 * @param modelDq mean decision quality of the trained model's decisions (task units, maximized)
 * @param randomDq mean decision quality of decisions from U[0,1] predictions
 * @param optimalDq mean decision quality of decisions from the true targets
 * @param normalizedDq (model − random) / (optimal − random): 0 = random, 1 = oracle
 * @param mse mean squared prediction error on test
 */
public record TrialScores(double modelDq, double randomDq, double optimalDq, double normalizedDq, double mse) {}
