package org.taskmet.core.mtl;

/**
 * What one multi-task step hands to the optimizer.
 *
 * @param gradient the full-length direction (shared part from the aggregator, head parts per task), to be
 *     passed to an optimizer as the gradient of a minimised objective
 * @param taskWeights the aggregator's task weights this step (sum-of-losses scale, see each aggregator)
 * @param losses the minibatch loss of each task at the unperturbed parameters
 */
public record MultiTaskUpdate(double[] gradient, double[] taskWeights, double[] losses) {}
