package org.taskmet.solvers.simplex;

import com.google.auto.service.AutoService;
import java.util.Locale;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Solver;

/**
 * SOLVER plugin {@code capped-simplex-ascent}: the budget-allocation solver (accelerated projected gradient
 * on {0 ≤ z ≤ 1, Σz = k}, KKT backward) for the objective named in the config. The only named objective is
 * {@code coverage} ({@link CoverageObjective}); a task with its own {@link SmoothObjective} constructs
 * {@link CappedSimplexAscentSolver} directly.
 */
@AutoService(PluginProvider.class)
public final class CappedSimplexAscentProvider extends PluginProviderBase<Solver, CappedSimplexAscentProvider.Config> {
  /**
   * @param objective {@code coverage}
   * @param budget k (reference 2)
   * @param iterations reference 100
   * @param learningRate reference 0.1
   * @param momentum reference 0.9
   * @param start {@code random} (reference) or {@code center}
   * @param kktRidge reference 0.01
   * @param activeTolerance reference 1e-6
   */
  public record Config(String objective, double budget, int iterations, double learningRate, double momentum,
      String start, double kktRidge, double activeTolerance) {}

  private static final String NAME = "capped-simplex-ascent";

  public CappedSimplexAscentProvider() {
    super(NAME, PluginKind.SOLVER,
        "accelerated projected-gradient ascent on the capped simplex with KKT backward (budget allocation)",
        Config.class, new Config("coverage", 2.0, 100, 0.1, 0.9, "random", 0.01, 1e-6),
        CappedSimplexAscentProvider::build);
  }

  private static Solver build(CappedSimplexAscentProvider.Config config) {
    if (!"coverage".equals(config.objective())) {
      throw new IllegalArgumentException("capped-simplex-ascent: objective='" + config.objective()
          + "' is unknown, expected 'coverage' (tasks with other objectives construct CappedSimplexAscentSolver)");
    }
    CappedSimplexAscentSolver.Start start;
    String s = config.start() == null ? "" : config.start().toLowerCase(Locale.ROOT);
    switch (s) {
      case "random" -> start = CappedSimplexAscentSolver.Start.RANDOM;
      case "center" -> start = CappedSimplexAscentSolver.Start.CENTER;
      default -> throw new IllegalArgumentException("capped-simplex-ascent: start='" + config.start()
          + "' is invalid, expected 'random' or 'center'");
    }
    try {
      return new CappedSimplexAscentSolver(NAME, new CoverageObjective(), new CappedSimplexAscentSolver.Settings(
          config.budget(), config.iterations(), config.learningRate(), config.momentum(), start, config.kktRidge(),
          config.activeTolerance()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("capped-simplex-ascent: " + e.getMessage(), e);
    }
  }
}
