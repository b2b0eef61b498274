package org.taskmet.core.metric;

import com.google.auto.service.AutoService;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.NoConfig;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** The built-in metric plugins (kind METRIC), one nested provider class each. */
public final class MetricProviders {
  private MetricProviders() {}

  /** {@code identity}: Λ = I (plain MSE). */
  @AutoService(PluginProvider.class)
  public static final class Identity extends PluginProviderBase<MetricParameterization.Factory, NoConfig> {
    public Identity() {
      super("identity", PluginKind.METRIC, "Λ = I: the plain squared error (no learned metric)", NoConfig.class,
          new NoConfig(), c -> IdentityMetric::new);
    }
  }

  /** {@code global-diagonal}: Λ = diag(softplus(w)). */
  @AutoService(PluginProvider.class)
  public static final class GlobalDiagonal extends PluginProviderBase<MetricParameterization.Factory, NoConfig> {
    public GlobalDiagonal() {
      super("global-diagonal", PluginKind.METRIC,
          "one learned diagonal metric diag(softplus(w)) for all inputs, Λ = I at init", NoConfig.class,
          new NoConfig(), c -> GlobalDiagonalMetric::new);
    }
  }

  /** {@code global-full}: Λ = L Lᵀ + e^c I. */
  @AutoService(PluginProvider.class)
  public static final class GlobalFull extends PluginProviderBase<MetricParameterization.Factory, NoConfig> {
    public GlobalFull() {
      super("global-full", PluginKind.METRIC, "one learned full metric L L^T + e^c I for all inputs", NoConfig.class,
          new NoConfig(), c -> GlobalFullMetric::new);
    }
  }

  /** {@code normalized-diagonal}: Λ = diag(√n·softplus(w)/‖softplus(w)‖), TaskMet's RL metric. */
  @AutoService(PluginProvider.class)
  public static final class NormalizedDiagonal extends PluginProviderBase<MetricParameterization.Factory, NoConfig> {
    public NormalizedDiagonal() {
      super("normalized-diagonal", PluginKind.METRIC,
          "TaskMet's RL metric: diag(sqrt(n) softplus(w)/||softplus(w)||), w init 1 (Λ = I at init)", NoConfig.class,
          new NoConfig(), c -> NormalizedDiagonalMetric::new);
    }
  }

  /**
   * Config of {@code taskmet-mlp}.
   *
   * @param hiddenUnits ReLU units of the metric network (reference 200)
   * @param identityInit the reference's optional identity init (W₂/100, b₂ = vec I); reference false
   */
  public record TaskMetMlpConfig(int hiddenUnits, boolean identityInit) {}

  /** {@code taskmet-mlp}: TaskMet's per-sample metric network. */
  @AutoService(PluginProvider.class)
  public static final class TaskMetMlp extends PluginProviderBase<MetricParameterization.Factory, TaskMetMlpConfig> {
    public TaskMetMlp() {
      super("taskmet-mlp", PluginKind.METRIC,
          "TaskMet's per-sample metric: x -> ReLU MLP -> L(x) (n x n), Λ = L L^T + e^c I", TaskMetMlpConfig.class,
          new TaskMetMlpConfig(200, false), c -> {
            checkUnits("taskmet-mlp", c.hiddenUnits());
            return (in, out) -> new TaskMetMlpMetric(in, out, c.hiddenUnits(), c.identityInit());
          });
    }
  }

  /**
   * Config of {@code per-sample-diagonal}.
   *
   * @param hiddenUnits ReLU units of the metric network (200, as TaskMet's network)
   */
  public record PerSampleDiagonalConfig(int hiddenUnits) {}

  /** {@code per-sample-diagonal}: Λ(x) = diag(softplus(MLP(x))). */
  @AutoService(PluginProvider.class)
  public static final class PerSampleDiagonal
      extends PluginProviderBase<MetricParameterization.Factory, PerSampleDiagonalConfig> {
    public PerSampleDiagonal() {
      super("per-sample-diagonal", PluginKind.METRIC, "per-sample diagonal metric diag(softplus(MLP(x)))",
          PerSampleDiagonalConfig.class, new PerSampleDiagonalConfig(200), c -> {
            checkUnits("per-sample-diagonal", c.hiddenUnits());
            return (in, out) -> new PerSampleDiagonalMetric(in, out, c.hiddenUnits());
          });
    }
  }

  static void checkUnits(String plugin, int units) {
    if (units < 1 || units > 1_000_000) {
      throw new IllegalArgumentException(plugin + ".hiddenUnits = " + units + "; expected 1..1000000");
    }
  }
}
