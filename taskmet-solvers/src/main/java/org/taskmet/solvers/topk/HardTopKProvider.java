package org.taskmet.solvers.topk;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Solver;

/** SOLVER plugin {@code hard-topk}: indicator of the k largest predictions (cubic top-k evaluation). */
@AutoService(PluginProvider.class)
public final class HardTopKProvider implements PluginProvider<Solver, HardTopKProvider.Config> {
  /** @param k number of items selected (reference: 1 for cubic top-k) */
  public record Config(int k) {}

  @Override
  public String name() {
    return "hard-topk";
  }

  @Override
  public PluginKind kind() {
    return PluginKind.SOLVER;
  }

  @Override
  public String description() {
    return "hard top-k: indicator of the k largest predicted scores (zero derivative)";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(1);
  }

  @Override
  public Solver create(Config config) {
    if (config.k() < 1) {
      throw new IllegalArgumentException("hard-topk: k=" + config.k() + " is invalid, expected an integer >= 1");
    }
    return new HardTopKSolver(config.k());
  }
}
