package org.taskmet.bench.fashion;

import java.util.List;

/**
 * One finished trial of the Fashion multi-task benchmark: one benchmark (data set), one aggregator, one
 * flatness option, one seed. Written to the result files as soon as the trial ends.
 *
 * @param benchmark {@code "multifashion"} or {@code "one-vs-rest"}
 * @param method the aggregator plugin name
 * @param flatness {@code "none"} or {@code "fs-mtl"}
 * @param seed the trial seed (model initialization, minibatch order, aggregator randomness)
 * @param taskNames one name per task
 * @param taskAccuracy test accuracy per task, in [0, 1]
 * @param averageAccuracy the mean of {@code taskAccuracy}
 * @param worstAccuracy the minimum of {@code taskAccuracy}
 * @param worstTask the name of the task with the lowest accuracy
 * @param finalTaskWeights the aggregator's task weights at the last step
 * @param steps optimizer steps taken
 * @param trainSeconds wall time of training (evaluation excluded)
 * @param msPerStep trainSeconds·1000/steps
 */
public record FashionTrialRecord(
    String benchmark,
    String method,
    String flatness,
    long seed,
    List<String> taskNames,
    double[] taskAccuracy,
    double averageAccuracy,
    double worstAccuracy,
    String worstTask,
    double[] finalTaskWeights,
    int steps,
    double trainSeconds,
    double msPerStep) {

  /** The key that identifies a trial in a result file (for resuming). */
  public String key() {
    return key(benchmark, method, flatness, seed);
  }

  public static String key(String benchmark, String method, String flatness, long seed) {
    return benchmark + "/" + method + "/" + flatness + "/" + seed;
  }
}
