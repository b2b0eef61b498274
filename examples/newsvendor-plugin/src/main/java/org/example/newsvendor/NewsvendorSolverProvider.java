package org.example.newsvendor;

import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Solver;

/** The {@code newsvendor-pg} solver plugin: the task's solver, for use with other newsvendor-shaped tasks. */
public final class NewsvendorSolverProvider extends PluginProviderBase<Solver, NewsvendorSolverProvider.Config> {
  /**
   * @param price selling price per unit
   * @param cost purchase cost per unit
   * @param smoothing scale of the logistic demand around a prediction
   * @param budget units ordered in all
   * @param cap units per item at most
   */
  public record Config(double price, double cost, double smoothing, double budget, double cap) {}

  public NewsvendorSolverProvider() {
    super("newsvendor-pg", PluginKind.SOLVER, "newsvendor orders by projected gradient, exact implicit backward",
        Config.class, new Config(1.0, 0.3, 0.2, 12.0, 4.0),
        c -> NewsvendorSolver.create("newsvendor-pg", c.price(), c.cost(), c.smoothing(), c.budget(), c.cap()));
  }
}
