package org.taskmet.api;

/**
 * The output of a {@link GradientAggregator}.
 *
 * @param direction the combined gradient on the shared parameters (length P)
 * @param taskWeights the weight each task got (length K); for projection methods (PCGrad) the weights of
 *     the equivalent combination are not defined and this holds the uniform weights used for the heads
 */
public record Aggregation(double[] direction, double[] taskWeights) {}
