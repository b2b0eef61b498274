package org.taskmet.api;

/**
 * A task plugin: where the data come from and what decision is made with the predictions.
 *
 * <p>Data generation is a pure function of the dataset seed: the same seed gives bit-identical splits.
 */
public interface Task {
  /** The stable plugin name, e.g. {@code "cubic"}. */
  String name();

  /** Sizes of every instance this task produces. */
  TaskShape shape();

  /**
   * Generates (or loads) the train/validation/test splits.
   *
   * @param datasetSeed seeds every random draw of the data; separate from the model seed
   * @throws IllegalArgumentException naming the file or field when a user-supplied source is invalid
   */
  DataSplits generate(long datasetSeed);

  /** How predictions become decisions and how decisions are scored. */
  DecisionProblem decisionProblem();

  /** The reference predictor settings for this task (the paper's defaults). */
  PredictorDefaults predictorDefaults();

  /**
   * A one-word label of the data this task uses, recorded with results and shown in tables, e.g.
   * {@code "stockdata"} (real prices) or {@code "synthetic"} (a stand-in generator). A task whose config
   * has a {@code data} field returns that field's value with {@code auto} resolved. Default
   * {@code "generated"}: the task's own generator is its data.
   */
  default String dataLabel() {
    return "generated";
  }
}
