package org.taskmet.bench.run;

import java.util.Map;
import org.taskmet.bench.sweep.TrialContext;
import org.taskmet.core.linalg.RowParallelism;
import org.taskmet.embed.Predictor;
import org.taskmet.embed.Taskmet;
import org.taskmet.embed.TrainingJob;

/**
 * Runs a decision-focused trial with the installed plugins: trains as the embedding API does
 * ({@link Taskmet#prepare}: the spec's model plugin or else the task's reference architecture, the task's splits for
 * the dataset seed) within the trial's thread budget, and scores the trained predictor on the test split.
 */
public final class PluginTrialExecutor implements TrialExecutor {
  private final DecisionScorer scorer;

  /** Scores with {@link DecisionScorer#DECISION_QUALITY}. */
  public PluginTrialExecutor() {
    this(DecisionScorer.DECISION_QUALITY);
  }

  public PluginTrialExecutor(DecisionScorer scorer) {
    this.scorer = scorer;
  }

  @Override
  public ExecutedTrial execute(DecisionTrialSpec spec, TrialContext context) {
    TrainingJob job = new Taskmet(context.plugins()).prepare(spec.training());
    long t0 = System.nanoTime();
    // a budget above 1 (fewer jobs than cores) also splits the rows of the products' large gemms
    Predictor predictor = RowParallelism.withThreads(context.threads(),
        () -> job.train(context.progress(), context.threads()));
    long t1 = System.nanoTime();
    Map<String, Double> scores = scorer.score(job.task(), predictor.trained(), job.data().test(), spec.seed());
    long t2 = System.nanoTime();
    DecisionTrialResult result = new DecisionTrialResult(scores, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        predictor.diagnostics());
    return new ExecutedTrial(spec, result, predictor,
        job.task().decisionProblem().evaluationSolver().globalOptimum());
  }
}
