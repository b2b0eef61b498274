package org.taskmet.bench.rl;

import java.util.List;

/**
 * What an RL trial measured.
 *
 * @param finalReturn the mean return of the last evaluation (after the last step)
 * @param curve every evaluation, step 0 first
 * @param finalMetricDiagonal the learned metric's diagonal at the end (TaskMet; {@code null} otherwise)
 * @param trueDimensions how many leading observation dimensions are the environment's own (the rest are distractors)
 * @param episodes training episodes
 * @param updates agent updates
 * @param cpuSecondsPerStep thread-CPU seconds per environment step of training (updates, acting, stepping;
 *     evaluations excluded)
 * @param updateCpuSeconds thread-CPU seconds in updates
 * @param environmentCpuSeconds thread-CPU seconds acting and stepping the environment
 * @param evaluationCpuSeconds thread-CPU seconds in evaluations
 * @param wallSeconds wall time of the trial
 */
public record RlResult(double finalReturn, List<Evaluation> curve, double[] finalMetricDiagonal, int trueDimensions,
    long episodes, long updates, double cpuSecondsPerStep, double updateCpuSeconds, double environmentCpuSeconds,
    double evaluationCpuSeconds, double wallSeconds) {

  /**
   * One evaluation and the training diagnostics since the previous one (averages; {@code null} where not computed,
   * e.g. the task loss of MLE).
   *
   * @param step environment steps before it
   * @param meanReturn mean return over the episodes
   * @param returns each episode's return
   * @param metricDiagonal the metric's diagonal (TaskMet)
   * @param modelError mean ‖ŝ' − s'‖² of the model on its update batches
   * @param modelErrorByDimension the same per state dimension, mean (ŝ'_i − s'_i)²
   * @param qLoss mean Bellman loss of the Q updates (model transitions)
   * @param taskLoss mean Bellman loss on real transitions (OMD, TaskMet)
   * @param metricGradientNorm mean ‖∇_φ L_task‖ (TaskMet)
   * @param modelCgResidual mean residual of the model-level normal-CG solve (TaskMet)
   * @param metricStepsSkipped metric steps skipped because that solve broke down
   * @param qSolveFallbacks Q-level CG solves that broke down (identity used)
   */
  public record Evaluation(long step, double meanReturn, double[] returns, double[] metricDiagonal, Double modelError,
      double[] modelErrorByDimension, Double qLoss, Double taskLoss, Double metricGradientNorm, Double modelCgResidual, long metricStepsSkipped,
      long qSolveFallbacks) {}

  /**
   * The model's squared error summed over the true dimensions, in the last window of updates before the final
   * evaluation (NaN when that window had no update).
   */
  public double finalTrueDimensionModelError() {
    double[] e = curve.get(curve.size() - 1).modelErrorByDimension();
    if (e == null) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = 0; i < trueDimensions; i++) {
      s += e[i];
    }
    return s;
  }

  /** Mean weight of the true dimensions in the final metric, or NaN without a metric. */
  public double metricTrueMean() {
    return mean(0, trueDimensions);
  }

  /** Mean weight of the distractor dimensions in the final metric, or NaN without a metric or distractors. */
  public double metricNoiseMean() {
    return finalMetricDiagonal == null ? Double.NaN : mean(trueDimensions, finalMetricDiagonal.length);
  }

  /** Whether every true dimension outweighs the mean distractor dimension (the paper's heat map), else null. */
  public Boolean trueDimensionsAboveNoise() {
    if (finalMetricDiagonal == null || finalMetricDiagonal.length == trueDimensions) {
      return null;
    }
    double noise = metricNoiseMean();
    for (int i = 0; i < trueDimensions; i++) {
      if (!(finalMetricDiagonal[i] > noise)) {
        return false;
      }
    }
    return true;
  }

  private double mean(int from, int to) {
    if (finalMetricDiagonal == null || to <= from) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = from; i < to; i++) {
      s += finalMetricDiagonal[i];
    }
    return s / (to - from);
  }
}
