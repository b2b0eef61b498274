package org.taskmet.solvers.simplex;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Solver;

/** SOLVER plugin {@code capped-simplex-projection}: z = Proj_{0≤z≤1, Σz=k}(ŷ). */
@AutoService(PluginProvider.class)
public final class CappedSimplexProjectionProvider
    extends PluginProviderBase<Solver, CappedSimplexProjectionProvider.Config> {
  /** @param budget k, the sum of the decision (&gt; 0, at most the number of items) */
  public record Config(double budget) {}

  public CappedSimplexProjectionProvider() {
    super("capped-simplex-projection", PluginKind.SOLVER,
        "Euclidean projection of the predictions onto {0<=z<=1, sum z = k} (sparse top-k relaxation)",
        Config.class, new Config(1.0), CappedSimplexProjectionProvider::build);
  }

  private static Solver build(CappedSimplexProjectionProvider.Config config) {
    try {
      return new CappedSimplexProjectionSolver(config.budget());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("capped-simplex-projection: " + e.getMessage(), e);
    }
  }
}
