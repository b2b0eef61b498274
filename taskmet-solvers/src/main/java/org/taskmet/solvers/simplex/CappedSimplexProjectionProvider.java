package org.taskmet.solvers.simplex;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Solver;

/** SOLVER plugin {@code capped-simplex-projection}: z = Proj_{0≤z≤1, Σz=k}(ŷ). */
@AutoService(PluginProvider.class)
public final class CappedSimplexProjectionProvider
    implements PluginProvider<Solver, CappedSimplexProjectionProvider.Config> {
  /** @param budget k, the sum of the decision (&gt; 0, at most the number of items) */
  public record Config(double budget) {}

  @Override
  public String name() {
    return "capped-simplex-projection";
  }

  @Override
  public PluginKind kind() {
    return PluginKind.SOLVER;
  }

  @Override
  public String description() {
    return "Euclidean projection of the predictions onto {0<=z<=1, sum z = k} (sparse top-k relaxation)";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(1.0);
  }

  @Override
  public Solver create(Config config) {
    try {
      return new CappedSimplexProjectionSolver(config.budget());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("capped-simplex-projection: " + e.getMessage(), e);
    }
  }
}
