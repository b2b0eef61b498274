package org.taskmet.api;

/**
 * Everything a {@link TrainingMethod} trains from.
 *
 * @param task the task (its decision problem and predictor defaults)
 * @param data the splits; validation selects the checkpoint, test is never touched by training
 * @param modelFactory builds the predictor for the task's sizes
 * @param seed the model seed: every random draw of training comes from it
 * @param progress receives training progress
 * @param threads how many threads training may keep busy at once (≥ 1). A sweep running several trials side by
 *     side gives each its share of the cores, so a method with inner parallelism (e.g. per-instance surrogate fits)
 *     must not use more. The result must not depend on it: same seed, same numbers, whatever the budget.
 */
public record TrainingRequest(
    Task task, DataSplits data, Model.Factory modelFactory, long seed, ProgressListener progress, int threads) {
  public TrainingRequest {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
  }

  /** A request that may use every available core (training outside a sweep). */
  public TrainingRequest(Task task, DataSplits data, Model.Factory modelFactory, long seed, ProgressListener progress) {
    this(task, data, modelFactory, seed, progress, Runtime.getRuntime().availableProcessors());
  }
}
