package org.taskmet.solvers.qp;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Solver;

/** SOLVER plugin {@code dense-qp}: general dense convex QP from the instance aux, OptNet backward. */
@AutoService(PluginProvider.class)
public final class DenseQpProvider implements PluginProvider<Solver, DenseQpProvider.Config> {
  /**
   * @param warmStart start from the previous solve (default false)
   * @param maxIterations interior-point iteration budget (default 100)
   * @param tolerance stopping tolerance (default 1e-10)
   * @param checkConvexity reject a Q that is not PSD before solving (default true)
   */
  public record Config(boolean warmStart, int maxIterations, double tolerance, boolean checkConvexity) {}

  @Override
  public String name() {
    return "dense-qp";
  }

  @Override
  public PluginKind kind() {
    return PluginKind.SOLVER;
  }

  @Override
  public String description() {
    return "dense convex QP max p'x - x'Qx/2 s.t. Ax=b, Gx<=h, bounds (interior point, OptNet backward); data from aux "
        + DenseQpSolver.Q_KEY + ", " + DenseQpSolver.A_KEY + ", ...";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(false, 100, 1e-10, true);
  }

  @Override
  public Solver create(Config config) {
    try {
      return new DenseQpSolver(new DenseQpSolver.Settings(config.warmStart(), new InteriorPointQp.Settings(
          config.maxIterations(), config.tolerance(), config.checkConvexity(), 1e-3)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dense-qp: " + e.getMessage(), e);
    }
  }
}
