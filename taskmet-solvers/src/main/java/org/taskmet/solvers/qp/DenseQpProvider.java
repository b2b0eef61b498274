package org.taskmet.solvers.qp;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Solver;

/** SOLVER plugin {@code dense-qp}: general dense convex QP from the instance aux, OptNet backward. */
@AutoService(PluginProvider.class)
public final class DenseQpProvider extends PluginProviderBase<Solver, DenseQpProvider.Config> {
  /**
   * @param warmStart start from the previous solve (default false)
   * @param maxIterations interior-point iteration budget (default 100)
   * @param tolerance stopping tolerance (default 1e-10)
   * @param checkConvexity reject a Q that is not PSD before solving (default true)
   */
  public record Config(boolean warmStart, int maxIterations, double tolerance, boolean checkConvexity) {}

  public DenseQpProvider() {
    super("dense-qp", PluginKind.SOLVER,
        "dense convex QP max p'x - x'Qx/2 s.t. Ax=b, Gx<=h, bounds (interior point, OptNet backward); data from aux "
        + DenseQpSolver.Q_KEY + ", " + DenseQpSolver.A_KEY + ", ...",
        Config.class, new Config(false, 100, 1e-10, true), DenseQpProvider::build);
  }

  private static Solver build(DenseQpProvider.Config config) {
    try {
      return new DenseQpSolver(new DenseQpSolver.Settings(config.warmStart(), new InteriorPointQp.Settings(
          config.maxIterations(), config.tolerance(), config.checkConvexity(), 1e-3)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dense-qp: " + e.getMessage(), e);
    }
  }
}
