package org.taskmet.solvers.qp;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;
import org.taskmet.core.linalg.Kernels;

/**
 * The portfolio decision of TaskMet/LODL (reference notes §2.4):
 * <pre>
 *   x* = argmax_x  pᵀx − α‖Lx‖²   s.t.  0 ≤ x ≤ 1,  Σx = 1
 * </pre>
 * with p the predicted next-day returns (predictions, assets × 1), α = 0.1 and L the Cholesky factor of the
 * day's covariance, read from the instance aux matrix {@value #CHOLESKY_AUX_KEY} (assets × assets).
 * {@link QuadraticForm#CHOLESKY} uses ‖Lx‖² = xᵀLᵀLx as TaskMet's code does (consistent with its evaluation);
 * {@link QuadraticForm#COVARIANCE} uses xᵀLLᵀx = xᵀΣx, the cleaner variant (see the caveat in §2.4).
 * The upper bound x ≤ 1 is implied by x ≥ 0 and Σx = 1, so it is not passed to the QP.
 *
 * <p>Solved as min ½xᵀQx + cᵀx with Q = 2α·(LᵀL or LLᵀ), c = −p, by {@link Method#ACTIVE_SET} (default: the
 * primal-dual active-set method {@code SimplexActiveSetQp}, a few Cholesky factorizations of the free block,
 * falling back to the interior point if it does not settle) or {@link Method#INTERIOR_POINT}
 * ({@link InteriorPointQp}); both give the same solution within tolerance (tests). The VJP is the OptNet
 * backward on the final active set, dL/dp = −dL/dc. Q is cached per thread for the last L seen (by reference), so
 * repeated solves on one instance (training epochs, finite differences, LODL's samples) skip the O(n³) product.
 */
public final class PortfolioQpSolver implements Solver {
  /** The aux key of the (lower-triangular) Cholesky factor L of the covariance, assets × assets. */
  public static final String CHOLESKY_AUX_KEY = "cholesky";

  /** Which quadratic risk term the QP uses; see the class javadoc. */
  public enum QuadraticForm {
    CHOLESKY,
    COVARIANCE
  }

  /** Which algorithm solves the QP; see the class javadoc. */
  public enum Method {
    ACTIVE_SET,
    INTERIOR_POINT
  }

  /**
   * @param alpha risk aversion α &gt; 0 (reference 0.1)
   * @param quadraticForm ‖Lx‖² (reference, TaskMet) or xᵀΣx
   * @param warmStart start each solve from the previous one (results then depend on call order within the
   *     tolerance; off by default for bit-reproducibility)
   * @param method active set (default) or interior point
   * @param qp interior-point settings (also used by the active-set fallback)
   */
  public record Settings(
      double alpha, QuadraticForm quadraticForm, boolean warmStart, Method method, InteriorPointQp.Settings qp) {
    public Settings {
      if (method == null) {
        throw new IllegalArgumentException("method must not be null");
      }
      if (!(alpha > 0) || !Double.isFinite(alpha)) {
        throw new IllegalArgumentException("alpha: got " + alpha + ", expected a finite value > 0");
      }
      if (quadraticForm == null || qp == null) {
        throw new IllegalArgumentException("quadraticForm and qp settings must not be null");
      }
    }

    /** Settings with the default {@link Method#ACTIVE_SET} method. */
    public Settings(double alpha, QuadraticForm quadraticForm, boolean warmStart, InteriorPointQp.Settings qp) {
      this(alpha, quadraticForm, warmStart, Method.ACTIVE_SET, qp);
    }

    public static Settings reference() {
      return new Settings(0.1, QuadraticForm.CHOLESKY, false, Method.ACTIVE_SET,
          new InteriorPointQp.Settings(100, 1e-10, false, 1e-3)); // Q = 2αLᵀL is PSD by construction
    }
  }

  private record CachedQ(Matrix factor, double[] q) {}

  /** What the backward needs: the problem and either result. */
  private record State(QpProblem problem, QpResult result, SimplexActiveSetQp.Result activeSet) {}

  /** Active-set iterations before falling back to the interior point. */
  private static final int ACTIVE_SET_ITERATIONS = 50;

  private final Settings settings;
  private final InteriorPointQp ipm;
  private final SimplexActiveSetQp activeSet = new SimplexActiveSetQp(ACTIVE_SET_ITERATIONS);
  /** Per thread, so threads fitting different instances do not evict each other's Q. */
  private final ThreadLocal<CachedQ> cachedQ = new ThreadLocal<>();
  private volatile QpResult lastResult;

  public PortfolioQpSolver(Settings settings) {
    this.settings = settings;
    this.ipm = new InteriorPointQp(name(), settings.qp());
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    return "portfolio-qp";
  }

  @Override
  public void validate(Matrix predictions, Instance instance) {
    int n = instance.items();
    if (n < 1) {
      throw new IllegalArgumentException(name() + ": an instance needs at least one asset, got " + n);
    }
    if (predictions.cols() != 1 || predictions.rows() != n) {
      throw new IllegalArgumentException(name() + ": predictions must be assets x 1 = " + n + "x1, got "
          + predictions.shape());
    }
    if (!predictions.isFinite()) {
      throw new IllegalArgumentException(name() + ": predicted returns contain NaN or infinity");
    }
    Matrix l = instance.aux(CHOLESKY_AUX_KEY);
    if (l.rows() != n || l.cols() != n) {
      throw new IllegalArgumentException(name() + ": aux '" + CHOLESKY_AUX_KEY + "' must be " + n + "x" + n
          + " (assets x assets), got " + l.shape());
    }
    if (!l.isFinite()) {
      throw new IllegalArgumentException(name() + ": aux '" + CHOLESKY_AUX_KEY + "' contains NaN or infinity");
    }
    // the QP uses all of L; portfolio objectives read its lower triangle: both must see the same matrix
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (l.get(i, j) != 0) {
          throw new IllegalArgumentException(name() + ": aux '" + CHOLESKY_AUX_KEY + "' must be lower-triangular "
              + "(a Cholesky factor), but entry (" + i + ", " + j + ") above the diagonal is " + l.get(i, j));
        }
      }
    }
  }

  /** The QP for these predictions: min ½xᵀQx − pᵀx s.t. Σx = 1, x ≥ 0. */
  public QpProblem problem(Matrix predictions, Instance instance) {
    validate(predictions, instance);
    int n = instance.items();
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = -predictions.data()[i];
    }
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    return QpProblem.withBounds(n, quadratic(instance.aux(CHOLESKY_AUX_KEY)), c, 1, ones, new double[] {1.0},
        new double[n], null);
  }

  private double[] quadratic(Matrix l) {
    CachedQ cached = cachedQ.get();
    if (cached != null && cached.factor() == l) {
      return cached.q();
    }
    int n = l.rows();
    double[] q = new double[n * n];
    boolean cholesky = settings.quadraticForm() == QuadraticForm.CHOLESKY;
    // ‖Lx‖² = xᵀ(LᵀL)x; xᵀΣx = xᵀ(LLᵀ)x; the factor 2 turns α·xᵀMx into ½xᵀQx
    Kernels.get().gemm(cholesky, !cholesky, n, n, n, 2 * settings.alpha(), l.data(), l.data(), 0.0, q);
    cachedQ.set(new CachedQ(l, q));
    return q;
  }

  /** Without a warm start the decision depends only on the predictions and the instance. */
  @Override
  public boolean deterministic() {
    return !settings.warmStart();
  }

  /** The warm start remembers the previous call; the Q cache is per thread and does not change results. */
  @Override
  public boolean threadSafe() {
    return !settings.warmStart();
  }

  /** A convex QP solved to optimality (both methods, warm-started or not). */
  @Override
  public boolean globalOptimum() {
    return true;
  }

  @Override
  public Solution solve(Matrix predictions, Instance instance, RandomGenerator rng) {
    return solve(predictions, instance, settings.warmStart() ? lastResult : null);
  }

  /** Starts from {@code start}'s active set (or interior point) when it is a solution of this solver. */
  @Override
  public Solution solveFrom(Matrix predictions, Instance instance, RandomGenerator rng, Solution start) {
    if (start != null && start.backwardState() instanceof State state) {
      return solve(predictions, instance, state.result());
    }
    return solve(predictions, instance, rng);
  }

  private Solution solve(Matrix predictions, Instance instance, QpResult warm) {
    QpProblem problem = problem(predictions, instance);
    SimplexActiveSetQp.Result fast = null;
    if (settings.method() == Method.ACTIVE_SET) {
      boolean[] warmActive = null;
      if (warm != null && warm.x().length == problem.n()) {
        warmActive = new boolean[problem.n()];
        for (int i = 0; i < warmActive.length; i++) {
          warmActive[i] = warm.x()[i] <= 0.0;
        }
      }
      fast = activeSet.solve(problem.n(), problem.q(), problem.c(), warmActive);
    }
    QpResult result = fast != null ? fast.qp() : ipm.solve(problem, warm);
    if (settings.warmStart()) {
      lastResult = result;
    }
    return new Solution(result.x().clone(), predictions, instance, result.iterations(), result.kktResidual(),
        new State(problem, result, fast));
  }


  @Override
  public Matrix vjp(Solution solution, double[] decisionCotangent) {
    if (!(solution.backwardState() instanceof State state)) {
      throw new IllegalArgumentException(name() + ": the solution was not computed by portfolio-qp");
    }
    int n = state.problem().n();
    if (decisionCotangent.length != n) {
      throw new IllegalArgumentException(name() + ": cotangent has length " + decisionCotangent.length + ", expected " + n);
    }
    double[] dc = state.activeSet() != null
        ? SimplexActiveSetQp.backward(state.activeSet(), n, decisionCotangent)
        : ipm.backward(state.problem(), state.result(), decisionCotangent).c();
    double[] dp = new double[dc.length];
    for (int i = 0; i < dc.length; i++) {
      dp[i] = -dc[i];
    }
    return new Matrix(dp.length, 1, dp);
  }
}
