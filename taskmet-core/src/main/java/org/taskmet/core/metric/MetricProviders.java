package org.taskmet.core.metric;

import com.google.auto.service.AutoService;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.NoConfig;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** The built-in metric plugins (kind METRIC), one nested provider class each. */
public final class MetricProviders {
  private MetricProviders() {}

  abstract static class Base<C extends Record> implements PluginProvider<MetricParameterization.Factory, C> {
    private final String name;
    private final String description;
    private final Class<C> configType;

    Base(String name, String description, Class<C> configType) {
      this.name = name;
      this.description = description;
      this.configType = configType;
    }

    @Override
    public final String name() {
      return name;
    }

    @Override
    public final PluginKind kind() {
      return PluginKind.METRIC;
    }

    @Override
    public final String description() {
      return description;
    }

    @Override
    public final Class<C> configType() {
      return configType;
    }
  }

  abstract static class Parameterless extends Base<NoConfig> {
    Parameterless(String name, String description) {
      super(name, description, NoConfig.class);
    }

    @Override
    public final NoConfig defaultConfig() {
      return new NoConfig();
    }
  }

  /** {@code identity}: Λ = I (plain MSE). */
  @AutoService(PluginProvider.class)
  public static final class Identity extends Parameterless {
    public Identity() {
      super("identity", "Λ = I: the plain squared error (no learned metric)");
    }

    @Override
    public MetricParameterization.Factory create(NoConfig c) {
      return IdentityMetric::new;
    }
  }

  /** {@code global-diagonal}: Λ = diag(softplus(w)). */
  @AutoService(PluginProvider.class)
  public static final class GlobalDiagonal extends Parameterless {
    public GlobalDiagonal() {
      super("global-diagonal", "one learned diagonal metric diag(softplus(w)) for all inputs, Λ = I at init");
    }

    @Override
    public MetricParameterization.Factory create(NoConfig c) {
      return GlobalDiagonalMetric::new;
    }
  }

  /** {@code global-full}: Λ = L Lᵀ + e^c I. */
  @AutoService(PluginProvider.class)
  public static final class GlobalFull extends Parameterless {
    public GlobalFull() {
      super("global-full", "one learned full metric L L^T + e^c I for all inputs");
    }

    @Override
    public MetricParameterization.Factory create(NoConfig c) {
      return GlobalFullMetric::new;
    }
  }

  /** {@code normalized-diagonal}: Λ = diag(√n·softplus(w)/‖softplus(w)‖), TaskMet's RL metric. */
  @AutoService(PluginProvider.class)
  public static final class NormalizedDiagonal extends Parameterless {
    public NormalizedDiagonal() {
      super("normalized-diagonal",
          "TaskMet's RL metric: diag(sqrt(n) softplus(w)/||softplus(w)||), w init 1 (Λ = I at init)");
    }

    @Override
    public MetricParameterization.Factory create(NoConfig c) {
      return NormalizedDiagonalMetric::new;
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
  public static final class TaskMetMlp extends Base<TaskMetMlpConfig> {
    public TaskMetMlp() {
      super("taskmet-mlp", "TaskMet's per-sample metric: x -> ReLU MLP -> L(x) (n x n), Λ = L L^T + e^c I",
          TaskMetMlpConfig.class);
    }

    @Override
    public TaskMetMlpConfig defaultConfig() {
      return new TaskMetMlpConfig(200, false);
    }

    @Override
    public MetricParameterization.Factory create(TaskMetMlpConfig c) {
      checkUnits("taskmet-mlp", c.hiddenUnits());
      return (in, out) -> new TaskMetMlpMetric(in, out, c.hiddenUnits(), c.identityInit());
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
  public static final class PerSampleDiagonal extends Base<PerSampleDiagonalConfig> {
    public PerSampleDiagonal() {
      super("per-sample-diagonal", "per-sample diagonal metric diag(softplus(MLP(x)))",
          PerSampleDiagonalConfig.class);
    }

    @Override
    public PerSampleDiagonalConfig defaultConfig() {
      return new PerSampleDiagonalConfig(200);
    }

    @Override
    public MetricParameterization.Factory create(PerSampleDiagonalConfig c) {
      checkUnits("per-sample-diagonal", c.hiddenUnits());
      return (in, out) -> new PerSampleDiagonalMetric(in, out, c.hiddenUnits());
    }
  }

  static void checkUnits(String plugin, int units) {
    if (units < 1 || units > 1_000_000) {
      throw new IllegalArgumentException(plugin + ".hiddenUnits = " + units + "; expected 1..1000000");
    }
  }
}
