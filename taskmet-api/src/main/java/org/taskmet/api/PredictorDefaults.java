package org.taskmet.api;

/**
 * The reference predictor architecture and optimizer settings of a task.
 *
 * @param hiddenLayers 0 for a linear model, k for k hidden layers of {@code hiddenUnits} ReLU units
 * @param hiddenUnits width of each hidden layer (ignored when {@code hiddenLayers == 0})
 * @param outputActivation name of the output activation: {@code "identity"}, {@code "relu"}, {@code "tanh"}, …
 * @param learningRate Adam learning rate of the predictor
 * @param outerBatchSize instances per outer (task-loss) batch
 */
public record PredictorDefaults(
    int hiddenLayers, int hiddenUnits, String outputActivation, double learningRate, int outerBatchSize) {}
