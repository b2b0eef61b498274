package org.taskmet.examples.portfolio;

import java.util.List;
import org.taskmet.api.Instance;
import org.taskmet.embed.Predictor;

/**
 * Stands in for the application's market data. A real service computes each day's request from its own prices:
 * the 28 features per asset of the portfolio task and the Cholesky factor of the day's covariance. Here they
 * come from the task's synthetic market, on the days after the ones the predictor was trained and validated on
 * (the task's test split), together with the realized returns used to score the decisions afterwards.
 */
final class MarketFeed {
  private MarketFeed() {}

  static List<Instance> newDays(Predictor predictor, int count) {
    List<Instance> after = predictor.task().generate(predictor.spec().datasetSeed()).test().instances();
    return after.subList(0, Math.min(count, after.size()));
  }
}
