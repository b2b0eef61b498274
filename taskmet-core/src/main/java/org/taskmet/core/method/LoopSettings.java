package org.taskmet.core.method;

/**
 * The resolved settings of a gradient-descent training loop (task defaults already filled in).
 *
 * @param iterations maximum number of Adam steps on the predictor
 * @param validationEvery validate every this many steps (and at step 0 and at the end)
 * @param patience stop when more than this many steps passed since the best validation loss
 * @param batchSize instances per step (clamped to the training-set size)
 * @param learningRate predictor Adam learning rate
 */
record LoopSettings(int iterations, int validationEvery, int patience, int batchSize, double learningRate) {}
