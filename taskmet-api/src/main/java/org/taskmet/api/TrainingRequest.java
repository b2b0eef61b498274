package org.taskmet.api;

/**
 * Everything a {@link TrainingMethod} trains from.
 *
 * @param task the task (its decision problem and predictor defaults)
 * @param data the splits; validation selects the checkpoint, test is never touched by training
 * @param modelFactory builds the predictor for the task's sizes
 * @param seed the model seed: every random draw of training comes from it
 * @param progress receives training progress
 */
public record TrainingRequest(
    Task task, DataSplits data, Model.Factory modelFactory, long seed, ProgressListener progress) {}
