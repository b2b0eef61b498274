package org.taskmet.core.rl;

/**
 * Averages of the agent's update diagnostics over a window of updates (NaN where a quantity was not
 * computed in the window, e.g. the task loss of MLE or the metric gradient before the metric warm-up).
 *
 * @param updates updates in the window
 * @param modelError mean ‖ŝ' − s'‖² of the model on its update batches (before the Q step)
 * @param modelErrorByDimension the same per state dimension: mean (ŝ'_i − s'_i)² (null when no update was made)
 * @param qLoss mean Bellman loss of the Q step on model transitions
 * @param taskLoss mean Bellman loss on real transitions after the Q step (OMD, TaskMet)
 * @param metricGradientNorm mean ‖∇_φ L_task‖ (TaskMet)
 * @param modelCgResidual mean residual of the model-level normal-CG solve (TaskMet)
 * @param modelCgIterations mean iterations of that solve
 * @param metricStepsSkipped metric steps dropped because the model-level solve broke down
 * @param qSolveFallbacks Q-level CG solves that broke down and used the identity instead
 */
public record UpdateStats(long updates, double modelError, double[] modelErrorByDimension, double qLoss, double taskLoss, double metricGradientNorm,
    double modelCgResidual, double modelCgIterations, long metricStepsSkipped, long qSolveFallbacks) {

  /** Collects one window. */
  static final class Accumulator {
    private long updates;
    private double[] squaredErrorSums;
    private long errorRows;
    private final Mean qLoss = new Mean();
    private final Mean taskLoss = new Mean();
    private final Mean metricGradient = new Mean();
    private final Mean cgResidual = new Mean();
    private final Mean cgIterations = new Mean();
    private long skipped;
    private long fallbacks;

    void modelError(org.taskmet.api.Matrix residuals) {
      int d = residuals.cols();
      if (squaredErrorSums == null) {
        squaredErrorSums = new double[d];
      }
      double[] e = residuals.data();
      for (int r = 0; r < residuals.rows(); r++) {
        for (int i = 0; i < d; i++) {
          squaredErrorSums[i] += e[r * d + i] * e[r * d + i];
        }
      }
      errorRows += residuals.rows();
    }

    void qLoss(double v) {
      updates++;
      qLoss.add(v);
    }

    void taskLoss(double v) {
      taskLoss.add(v);
    }

    void metricStep(double gradientNorm, double residual, int iterations) {
      metricGradient.add(gradientNorm);
      cgResidual.add(residual);
      cgIterations.add(iterations);
    }

    void metricStepSkipped() {
      skipped++;
    }

    void qSolveFellBack() {
      fallbacks++;
    }

    UpdateStats drain() {
      double[] byDimension = null;
      double total = Double.NaN;
      if (errorRows > 0) {
        byDimension = new double[squaredErrorSums.length];
        total = 0;
        for (int i = 0; i < byDimension.length; i++) {
          byDimension[i] = squaredErrorSums[i] / errorRows;
          total += byDimension[i];
        }
        java.util.Arrays.fill(squaredErrorSums, 0);
      }
      UpdateStats s = new UpdateStats(updates, total, byDimension, qLoss.take(), taskLoss.take(),
          metricGradient.take(), cgResidual.take(), cgIterations.take(), skipped, fallbacks);
      errorRows = 0;
      updates = 0;
      skipped = 0;
      fallbacks = 0;
      return s;
    }
  }

  private static final class Mean {
    private double sum;
    private long n;

    void add(double v) {
      sum += v;
      n++;
    }

    double take() {
      double m = n == 0 ? Double.NaN : sum / n;
      sum = 0;
      n = 0;
      return m;
    }
  }
}
