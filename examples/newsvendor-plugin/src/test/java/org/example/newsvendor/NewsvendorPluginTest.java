package org.example.newsvendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solver;
import org.taskmet.api.Task;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.conformance.MetricConformance;
import org.taskmet.conformance.PluginChecks;
import org.taskmet.conformance.SolverConformance;

/** The conformance kit on each plugin, and the solver against an independent solution. */
class NewsvendorPluginTest {
  @Test
  void everyPluginPassesTheConformanceKit() {
    PluginChecks.assertConforms(new NewsvendorTaskProvider());
    PluginChecks.assertConforms(new LowRankMetricProvider());
    PluginChecks.assertConforms(new NewsvendorSolverProvider());
  }

  @Test
  void theLowRankMetricPassesAtHigherRankToo() {
    new MetricConformance(FiniteDifferenceCheck.defaults()).check(new LowRankMetric(4, 5, 3, 0.3), 7, 6, 0.2);
  }

  /**
   * Separable objective and one budget: the optimum is z_i = clip(ŷ_i + s·logit(1 − (cost + λ)/price), 0, cap),
   * with λ ≥ 0 the budget's multiplier, found here by bisection — a route that shares nothing with the solver.
   */
  @Test
  void theOrdersMatchTheClosedFormUnderTheBudget() {
    NewsvendorConfig c = NewsvendorConfig.defaults();
    Task task = new NewsvendorTask(c);
    Instance day = task.generate(3).test().get(0);
    Solver solver = task.decisionProblem().trainingSolver();
    double[] z = solver.solve(day.targets(), day, new SplittableRandom(0)).decision();
    double lo = 0;
    double hi = c.price() - c.cost();
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      if (sum(orders(day.targets().data(), c, mid)) > c.budget()) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double[] expected = orders(day.targets().data(), c, sum(orders(day.targets().data(), c, 0)) > c.budget() ? hi : 0);
    for (int i = 0; i < z.length; i++) {
      assertEquals(expected[i], z[i], 1e-7, "order " + i);
    }
    assertEquals(c.budget(), sum(z), 1e-7, "the budget binds on this day");
  }

  @Test
  void theSolverVjpMatchesFiniteDifferences() {
    Task task = new NewsvendorTask(NewsvendorConfig.defaults());
    Instance day = task.generate(5).test().get(1);
    Matrix predictions = day.targets().copy();
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < predictions.data().length; i++) {
      predictions.data()[i] += 0.3 * rng.nextGaussian();
    }
    SolverConformance.checkVjp(task.decisionProblem().trainingSolver(), predictions, day, 1,
        FiniteDifferenceCheck.defaults().withTolerance(1e-4, 1e-7));
    assertTrue(task.decisionProblem().trainingSolver().solve(predictions, day, null).residual() < 1e-9);
  }

  private static double[] orders(double[] demand, NewsvendorConfig c, double lambda) {
    double[] z = new double[demand.length];
    double q = 1 - (c.cost() + lambda) / c.price();
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.max(0, Math.min(c.cap(), demand[i] + c.smoothing() * Math.log(q / (1 - q))));
    }
    return z;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
