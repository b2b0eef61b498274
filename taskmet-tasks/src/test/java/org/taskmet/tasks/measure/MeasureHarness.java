package org.taskmet.tasks.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.taskmet.api.DataSplits;
import org.taskmet.api.ProgressListener;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.eval.DecisionEvaluator;
import org.taskmet.core.eval.EvaluationResult;
import org.taskmet.core.method.Profiles;
import org.taskmet.core.nn.ModelFactories;
import org.taskmet.tasks.budget.BudgetTaskProvider;
import org.taskmet.tasks.cubic.CubicTaskProvider;
import org.taskmet.tasks.portfolio.PortfolioTaskProvider;

/**
 * Measures methods × tasks × seeds with a profile's settings (not part of the normal test run). Run with
 * {@code mvn -q -o -pl taskmet-tasks -am test -Dtest=MeasureHarness -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtaskmet.measure=cubic -Dtaskmet.rows=mse,taskmet -Dtaskmet.seeds=5 -Dtaskmet.profile=default}.
 */
class MeasureHarness {
  /** The same measurement from the command line (java -cp ... with the same -D properties). */
  public static void main(String[] args) {
    new MeasureHarness().measure();
  }

  @Test
  @EnabledIfSystemProperty(named = "taskmet.measure", matches = ".+")
  void measure() {
    String profile = System.getProperty("taskmet.profile", Profiles.DEFAULT);
    int seeds = Integer.parseInt(System.getProperty("taskmet.seeds", "3"));
    String rowsProp = System.getProperty("taskmet.rows", "");
    for (String taskName : System.getProperty("taskmet.measure").split(",")) {
      Task task = switch (taskName) {
        case "cubic" -> new CubicTaskProvider().create(new CubicTaskProvider().defaultConfig());
        case "budget" -> new BudgetTaskProvider().create(new BudgetTaskProvider().defaultConfig());
        case "portfolio" -> new PortfolioTaskProvider().create(new PortfolioTaskProvider().defaultConfig());
        default -> throw new IllegalArgumentException(taskName);
      };
      for (Profiles.MethodRow row : Profiles.tableRows()) {
        if (!rowsProp.isEmpty() && !List.of(rowsProp.split(",")).contains(row.label())) {
          continue;
        }
        List<Double> dq = new ArrayList<>();
        List<Double> secs = new ArrayList<>();
        StringBuilder extra = new StringBuilder();
        int first = Integer.parseInt(System.getProperty("taskmet.firstSeed", "0"));
        for (int seed = first; seed < first + seeds; seed++) {
          DataSplits data = task.generate(seed);
          TrainingMethod m = Profiles.method(profile, taskName, row);
          long t0 = System.nanoTime();
          TrainedPredictor p = m.train(new TrainingRequest(task, data,
              ModelFactories.fromDefaults(task.predictorDefaults()), seed, ProgressListener.NONE));
          double s = (System.nanoTime() - t0) / 1e9;
          long e0 = System.nanoTime();
          EvaluationResult r = DecisionEvaluator.evaluate(task, p, data.test(), seed);
          double evalSeconds = (System.nanoTime() - e0) / 1e9;
          dq.add(r.normalizedDq());
          secs.add(s);
          extra.append(String.format(Locale.ROOT, "%n    seed %d: dq %.3f (model %.4g random %.4g optimal %.4g) mse %.4g eval %.1f s wall %s",
              seed, r.normalizedDq(), r.modelDq(), r.randomDq(), r.optimalDq(), r.mse(), evalSeconds, new java.util.TreeMap<>(p.diagnostics())));
        }
        double mean = dq.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double sd = Math.sqrt(dq.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, dq.size() - 1));
        double ts = secs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "MEASURE %s %s %s: normalized DQ %.3f ± %.3f over %d seeds, %.2f s/run%s%n",
            profile, taskName, row.label(), mean, sd, dq.size(), ts, extra);
      }
    }
  }
}
