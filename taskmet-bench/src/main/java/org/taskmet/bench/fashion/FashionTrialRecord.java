package org.taskmet.bench.fashion;

import java.util.List;

/**
 * One finished trial of the image multi-task benchmarks: one data set, one aggregator, one flatness option, one
 * seed. Test scores are those of the model selected on the validation set (best mean validation accuracy); the
 * {@code final*} fields score the parameters after the last step.
 *
 * @param benchmark the data set ({@link ImageMtlData#ALL})
 * @param method the aggregator plugin name
 * @param flatness {@code "none"} or {@code "fs-mtl"}
 * @param seed the trial seed (model initialization, minibatch order, aggregator randomness)
 * @param taskNames one name per task
 * @param taskAccuracy test accuracy per task, in [0, 1]
 * @param averageAccuracy the mean of {@code taskAccuracy}
 * @param worstAccuracy the minimum of {@code taskAccuracy}
 * @param worstTask the name of the task with the lowest accuracy
 * @param taskBalancedAccuracy test balanced accuracy (macro-averaged recall) per task
 * @param averageBalancedAccuracy the mean of {@code taskBalancedAccuracy}
 * @param worstBalancedAccuracy the minimum of {@code taskBalancedAccuracy}
 * @param finalTaskAccuracy test accuracy per task of the last step's parameters
 * @param finalAverageAccuracy the mean of {@code finalTaskAccuracy}
 * @param finalWorstAccuracy the minimum of {@code finalTaskAccuracy}
 * @param selectedStep after how many steps the selected model was taken
 * @param finalTaskWeights the aggregator's task weights at the last step
 * @param steps optimizer steps taken
 * @param trainSeconds wall time of training (evaluations excluded)
 * @param trainCpuSeconds CPU time of the training thread for the same steps
 * @param msPerStep trainCpuSeconds·1000/steps (CPU)
 * @param evaluationSteps the steps at which the validation set was scored
 * @param validationAverage the mean validation accuracy at those steps
 * @param traceSteps the steps at which the task weights were recorded
 * @param traceWeights the task weights at those steps
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
    double[] taskBalancedAccuracy,
    double averageBalancedAccuracy,
    double worstBalancedAccuracy,
    double[] finalTaskAccuracy,
    double finalAverageAccuracy,
    double finalWorstAccuracy,
    int selectedStep,
    double[] finalTaskWeights,
    int steps,
    double trainSeconds,
    double trainCpuSeconds,
    double msPerStep,
    int[] evaluationSteps,
    double[] validationAverage,
    int[] traceSteps,
    double[][] traceWeights) {}
