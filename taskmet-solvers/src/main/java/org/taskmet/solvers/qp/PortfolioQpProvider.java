package org.taskmet.solvers.qp;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Solver;

/** SOLVER plugin {@code portfolio-qp}: max pᵀx − α‖Lx‖² on the simplex, OptNet backward. */
@AutoService(PluginProvider.class)
public final class PortfolioQpProvider extends PluginProviderBase<Solver, PortfolioQpProvider.Config> {
  /**
   * @param alpha risk aversion (reference 0.1)
   * @param quadraticForm {@code cholesky} (‖Lx‖², reference) or {@code covariance} (xᵀΣx)
   * @param warmStart start from the previous solve (default false)
   * @param method {@code active-set} (default) or {@code interior-point}
   * @param maxIterations interior-point iteration budget (default 100)
   * @param tolerance interior-point stopping tolerance (default 1e-10)
   */
  public record Config(
      double alpha, String quadraticForm, boolean warmStart, String method, int maxIterations, double tolerance) {}

  public PortfolioQpProvider() {
    super("portfolio-qp", PluginKind.SOLVER,
        "portfolio QP max p'x - alpha*||Lx||^2 on the simplex (interior point, OptNet backward); L from aux '"
        + PortfolioQpSolver.CHOLESKY_AUX_KEY + "'",
        Config.class, new Config(0.1, "cholesky", false, "active-set", 100, 1e-10), PortfolioQpProvider::build);
  }

  private static Solver build(PortfolioQpProvider.Config config) {
    PortfolioQpSolver.QuadraticForm form;
    if ("cholesky".equals(config.quadraticForm())) {
      form = PortfolioQpSolver.QuadraticForm.CHOLESKY;
    } else if ("covariance".equals(config.quadraticForm())) {
      form = PortfolioQpSolver.QuadraticForm.COVARIANCE;
    } else {
      throw new IllegalArgumentException("portfolio-qp: quadraticForm='" + config.quadraticForm()
          + "' is invalid, expected 'cholesky' or 'covariance'");
    }
    PortfolioQpSolver.Method method;
    if ("active-set".equals(config.method())) {
      method = PortfolioQpSolver.Method.ACTIVE_SET;
    } else if ("interior-point".equals(config.method())) {
      method = PortfolioQpSolver.Method.INTERIOR_POINT;
    } else {
      throw new IllegalArgumentException("portfolio-qp: method='" + config.method()
          + "' is invalid, expected 'active-set' or 'interior-point'");
    }
    try {
      return new PortfolioQpSolver(new PortfolioQpSolver.Settings(config.alpha(), form, config.warmStart(), method,
          new InteriorPointQp.Settings(config.maxIterations(), config.tolerance(), false, 1e-3)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("portfolio-qp: " + e.getMessage(), e);
    }
  }
}
