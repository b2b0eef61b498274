package org.example.newsvendor;

import org.taskmet.api.MetricParameterization;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProviderBase;

/** The {@code low-rank} metric plugin: use it with {@code --set metric=low-rank --set metricConfig.rank=2}. */
public final class LowRankMetricProvider extends PluginProviderBase<MetricParameterization.Factory,
    LowRankMetricProvider.Config> {
  /**
   * @param rank columns of U (1)
   * @param initScale standard deviation of U's initial entries (0.1)
   */
  public record Config(int rank, double initScale) {}

  public LowRankMetricProvider() {
    super("low-rank", PluginKind.METRIC, "global metric diag(exp(d)) + U U^T of a chosen rank", Config.class,
        new Config(1, 0.1), LowRankMetricProvider::factory);
  }

  private static MetricParameterization.Factory factory(Config c) {
    if (c.rank() < 1 || !(c.initScale() >= 0)) {
      throw new IllegalArgumentException("low-rank: rank must be >= 1 and initScale >= 0, got " + c);
    }
    return (inputSize, outputSize) -> new LowRankMetric(inputSize, outputSize, c.rank(), c.initScale());
  }
}
