package org.taskmet.solvers.qp;

import java.util.random.RandomGenerator;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;

/**
 * A general dense convex QP decision, read from the instance:
 * <pre>
 *   x* = argmax_x  pᵀx − ½xᵀQx   s.t.  A x = b,  G x ≤ h,  lower ≤ x ≤ upper
 * </pre>
 * with p the predictions (items × 1, one linear reward per decision variable) and the rest from the aux
 * matrices named by the {@code *_KEY} constants: Q (n×n, required, symmetric PSD), A (me×n) with b (me×1),
 * G (mi×n) with h (mi×1), lower and upper (n×1, ±∞ allowed); every constraint group is optional.
 * Solved by {@link InteriorPointQp} (as min with c = −p); the VJP is the OptNet backward, dL/dp = −dL/dc.
 */
public final class DenseQpSolver implements Solver {
  public static final String Q_KEY = "qp-Q";
  public static final String A_KEY = "qp-A";
  public static final String B_KEY = "qp-b";
  public static final String G_KEY = "qp-G";
  public static final String H_KEY = "qp-h";
  public static final String LOWER_KEY = "qp-lower";
  public static final String UPPER_KEY = "qp-upper";

  /**
   * @param warmStart start each solve from the previous one (see {@link PortfolioQpSolver.Settings#warmStart})
   * @param qp interior-point settings
   */
  public record Settings(boolean warmStart, InteriorPointQp.Settings qp) {
    public Settings {
      if (qp == null) {
        throw new IllegalArgumentException("qp: interior-point settings must not be null");
      }
    }

    public static Settings defaults() {
      return new Settings(false, InteriorPointQp.Settings.defaults());
    }
  }

  private record State(QpProblem problem, QpResult result) {}

  private final Settings settings;
  private final InteriorPointQp ipm;
  private volatile QpResult lastResult;

  public DenseQpSolver(Settings settings) {
    this.settings = settings;
    this.ipm = new InteriorPointQp(name(), settings.qp());
  }

  @Override
  public String name() {
    return "dense-qp";
  }

  @Override
  public void validate(Matrix predictions, Instance instance) {
    problem(predictions, instance);
  }

  /** The QP for these predictions; shape errors name the aux key. */
  public QpProblem problem(Matrix predictions, Instance instance) {
    if (predictions.cols() != 1) {
      throw new IllegalArgumentException(name() + ": predictions must be n x 1, got " + predictions.shape());
    }
    int n = predictions.rows();
    if (!predictions.isFinite()) {
      throw new IllegalArgumentException(name() + ": predictions contain NaN or infinity");
    }
    Matrix q = shaped(instance.aux(Q_KEY), Q_KEY, n, n);
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = -predictions.data()[i];
    }
    Matrix a = instance.aux().get(A_KEY);
    int me = a == null ? 0 : a.rows();
    Matrix b = me == 0 ? null : shaped(instance.aux(B_KEY), B_KEY, me, 1);
    if (a != null) {
      shaped(a, A_KEY, me, n);
    }
    Matrix g = instance.aux().get(G_KEY);
    int mi = g == null ? 0 : g.rows();
    Matrix h = mi == 0 ? null : shaped(instance.aux(H_KEY), H_KEY, mi, 1);
    if (g != null) {
      shaped(g, G_KEY, mi, n);
    }
    Matrix lower = instance.aux().get(LOWER_KEY);
    Matrix upper = instance.aux().get(UPPER_KEY);
    try {
      return new QpProblem(n, q.data(), c, me, me == 0 ? null : a.data(), me == 0 ? null : b.data(), mi,
          mi == 0 ? null : g.data(), mi == 0 ? null : h.data(),
          lower == null ? null : shaped(lower, LOWER_KEY, n, 1).data(),
          upper == null ? null : shaped(upper, UPPER_KEY, n, 1).data());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name() + ": " + e.getMessage(), e);
    }
  }

  private Matrix shaped(Matrix m, String key, int rows, int cols) {
    if (m.rows() != rows || m.cols() != cols) {
      throw new IllegalArgumentException(name() + ": aux '" + key + "' must be " + rows + "x" + cols + ", got " + m.shape());
    }
    return m;
  }

  @Override
  public Solution solve(Matrix predictions, Instance instance, RandomGenerator rng) {
    QpProblem problem = problem(predictions, instance);
    QpResult result = ipm.solve(problem, settings.warmStart() ? lastResult : null);
    if (settings.warmStart()) {
      lastResult = result;
    }
    return new Solution(result.x().clone(), predictions, instance, result.iterations(), result.kktResidual(),
        new State(problem, result));
  }

  @Override
  public Matrix vjp(Solution solution, double[] decisionCotangent) {
    if (!(solution.backwardState() instanceof State state)) {
      throw new IllegalArgumentException(name() + ": the solution was not computed by dense-qp");
    }
    double[] dc = ipm.backward(state.problem(), state.result(), decisionCotangent).c();
    double[] dp = new double[dc.length];
    for (int i = 0; i < dc.length; i++) {
      dp[i] = -dc[i];
    }
    return new Matrix(dp.length, 1, dp);
  }

  /** A convex QP solved to optimality by the interior point. */
  @Override
  public boolean globalOptimum() {
    return true;
  }
}
