package org.taskmet.solvers.simplex;

import java.util.random.RandomGenerator;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;
import org.taskmet.solvers.linalg.DenseLu;

/**
 * Maximizes a task-supplied {@link SmoothObjective} obj(z, Ŷ) over the capped simplex
 * {0 ≤ z ≤ 1, Σz = k} by accelerated projected gradient ascent, and differentiates the result by
 * linearizing the KKT conditions (the budget-allocation solver of TaskMet/LODL, reference notes §2.3).
 *
 * <p><b>Forward.</b> With z_prev = z = z0: {@code z̃ = z + m·(z − z_prev)}, {@code z_new = Proj(z̃ + lr·∇obj(z̃))}
 * for a fixed number of iterations (reference: 100, lr 0.1, m 0.9). Proj is the exact
 * {@link CappedSimplexProjection}. The start z0 is
 * <ul>
 *   <li>{@link Start#RANDOM} (the reference): z0 = Proj(u), u ~ Uniform[0,1]^n drawn from the rng passed to
 *       {@code solve}. Every call restarts from a new random point, so on a non-concave objective (the budget
 *       coverage objective is DR-submodular, not concave) or before convergence the decision depends on the
 *       rng: same seed ⇒ same decision, but the decision is not a deterministic function of Ŷ alone.</li>
 *   <li>{@link Start#CENTER}: z0 = (k/n)·1, the centre of the set; the rng is not used, so the decision is a
 *       deterministic (piecewise smooth) function of Ŷ. Use it for finite-difference checks and for
 *       variance-free evaluation.</li>
 * </ul>
 * The reference draws z0 without projecting it; projecting it first keeps every iterate feasible and
 * changes only the first momentum step.
 *
 * <p><b>Backward (KKT linearization).</b> Write the problem as min f = −obj s.t. g(z) ≤ 0 with
 * g = [Σz − k (equality); z − 1; −z] (2n+1 rows) and multipliers λ = [ν; μ_up; μ_low] recovered from
 * stationarity ∇f + Dgᵀλ = 0 at the returned z: ν = mean of ∂obj/∂z_i over the fractional coordinates
 * (tol &lt; z_i &lt; 1 − tol; 0 if none), μ_up,i = ∂obj/∂z_i − ν where z_i ≥ 1 − tol, μ_low,i = ν − ∂obj/∂z_i
 * where z_i ≤ tol (0 elsewhere). Differentiating stationarity and complementary slackness λ_i g_i = 0 gives
 * <pre>
 *   [ −∇²_zz obj    Dgᵀ    ] [dz]   [ ∇²_zŶ obj · dŶ ]
 *   [ diag(λ)·Dg  diag(g) ] [dλ] = [ 0              ]      (+ ridge·I on the whole matrix, reference 0.01)
 * </pre>
 * with two deliberate changes from the reference code, both checked by the finite-difference tests: (1) the
 * equality row is linearized as 1ᵀdz = 0 (its true linearization) instead of ν·1ᵀdz + g_0·dν = 0, which is
 * singular when ν = 0; (2) the constraint rows are multiplied by −1 before the ridge is added, so that
 * the regularized matrix is quasi-definite: an active bound then acts as the penalty (μ/ridge)·dz_i² it is
 * meant to be, whereas adding +ridge to diag(g) ≤ 0 as written turns it into a negative penalty and the
 * regularized derivative can point the wrong way. When the decision is a vertex (no fractional coordinate)
 * ν is taken midway in its feasible bracket.
 *
 * <p><b>Why the ridge matters for budget allocation.</b> The coverage objective is convex along every edge
 * direction of the set, so its maximizers are vertices and the exact derivative of z*(Ŷ) is 0 almost
 * everywhere; the whole training signal of DFL/TaskMet on that task is the ridge's smoothing. With the
 * quasi-definite form the regularized system is the linearization of a smoothed problem: −obj gains
 * (ridge/2)‖dz‖², each active bound becomes a quadratic penalty of stiffness μ_i/ridge instead of a hard
 * constraint, and the budget equality gets a compliance of ridge. The reference code's own sign conventions
 * could not be checked; where the exact derivative exists this backward matches finite differences (tests).
 *
 * <p>The VJP solves Aᵀu = [dL/dz; 0] and returns
 * {@link SmoothObjective#mixedVjp}(z, Ŷ, u[0..n)). With ridge 0 this is the exact derivative of the
 * maximizer wherever the active set is locally constant and strict complementarity holds; the reference
 * ridge 0.01 shrinks it slightly.
 */
public final class CappedSimplexAscentSolver implements Solver {
  /** Where the ascent starts; see the class javadoc. */
  public enum Start {
    RANDOM,
    CENTER
  }

  /**
   * Solver settings; {@link #reference(double)} gives the budget task's values.
   *
   * @param budget k, the required sum of z (0 &lt; k &lt; n)
   * @param iterations projected-gradient iterations (reference 100)
   * @param learningRate step size lr (reference 0.1)
   * @param momentum m (reference 0.9)
   * @param start random (reference) or centre start
   * @param kktRidge ridge added to the KKT matrix in the backward (reference 0.01)
   * @param activeTolerance a coordinate within this of 0 or 1 counts as at its bound (reference 1e-6)
   */
  public record Settings(
      double budget, int iterations, double learningRate, double momentum, Start start, double kktRidge,
      double activeTolerance) {
    public Settings {
      if (!(budget > 0) || !Double.isFinite(budget)) {
        throw new IllegalArgumentException("budget: got " + budget + ", expected a finite value > 0");
      }
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations: got " + iterations + ", expected >= 1");
      }
      if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
        throw new IllegalArgumentException("learningRate: got " + learningRate + ", expected a finite value > 0");
      }
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("momentum: got " + momentum + ", expected a value in [0, 1)");
      }
      if (start == null) {
        throw new IllegalArgumentException("start: got null, expected RANDOM or CENTER");
      }
      if (!(kktRidge >= 0) || !Double.isFinite(kktRidge)) {
        throw new IllegalArgumentException("kktRidge: got " + kktRidge + ", expected a finite value >= 0");
      }
      if (!(activeTolerance >= 0 && activeTolerance < 0.5)) {
        throw new IllegalArgumentException("activeTolerance: got " + activeTolerance + ", expected a value in [0, 0.5)");
      }
    }

    /** The budget task's reference settings for budget k: 100 iterations, lr 0.1, momentum 0.9, random start, ridge 0.01. */
    public static Settings reference(double budget) {
      return new Settings(budget, 100, 0.1, 0.9, Start.RANDOM, 0.01, 1e-6);
    }
  }

  private final String name;
  private final SmoothObjective objective;
  private final Settings settings;

  public CappedSimplexAscentSolver(String name, SmoothObjective objective, Settings settings) {
    if (objective == null || settings == null || name == null) {
      throw new IllegalArgumentException("capped-simplex ascent solver needs a name, an objective and settings");
    }
    this.name = name;
    this.objective = objective;
    this.settings = settings;
  }

  public CappedSimplexAscentSolver(SmoothObjective objective, Settings settings) {
    this("capped-simplex-ascent", objective, settings);
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void validate(Matrix predictions, Instance instance) {
    if (!predictions.isFinite()) {
      throw new IllegalArgumentException(name + ": predictions (" + predictions.shape() + ") contain NaN or infinity");
    }
    if (predictions.rows() != instance.items()) {
      throw new IllegalArgumentException(name + ": predictions have " + predictions.rows()
          + " rows but the instance has " + instance.items() + " items");
    }
    int n = objective.decisionSize(instance);
    if (settings.budget() >= n) {
      throw new IllegalArgumentException(name + ": budget k=" + settings.budget()
          + " must be < decision size n=" + n + " (otherwise z = 1 is the only feasible point)");
    }
  }

  /** Deterministic with the centre start; the random start draws a new start point every call. */
  @Override
  public boolean deterministic() {
    return settings.start() == Start.CENTER;
  }

  /** No state is kept between calls. */
  @Override
  public boolean threadSafe() {
    return true;
  }

  @Override
  public Solution solve(Matrix predictions, Instance instance, RandomGenerator rng) {
    validate(predictions, instance);
    int n = objective.decisionSize(instance);
    double k = settings.budget();
    CappedSimplexProjection projection = new CappedSimplexProjection();
    double[] z = new double[n];
    if (settings.start() == Start.RANDOM) {
      if (rng == null) {
        throw new IllegalArgumentException(name + ": the random start needs a seeded RandomGenerator (got null);"
            + " pass one or use the CENTER start");
      }
      for (int i = 0; i < n; i++) {
        z[i] = rng.nextDouble();
      }
      projection.project(z, k, z);
    } else {
      java.util.Arrays.fill(z, k / n);
    }
    double[] zPrev = z.clone();
    double[] look = new double[n];
    double[] grad = new double[n];
    double lr = settings.learningRate();
    double m = settings.momentum();
    for (int it = 0; it < settings.iterations(); it++) {
      for (int i = 0; i < n; i++) {
        look[i] = z[i] + m * (z[i] - zPrev[i]);
      }
      objective.gradient(look, predictions, instance, grad);
      for (int i = 0; i < n; i++) {
        look[i] += lr * grad[i];
      }
      double[] t = zPrev;
      zPrev = z;
      z = t;
      projection.project(look, k, z);
    }
    // fixed-point residual of projected gradient: ‖z − Proj(z + ∇obj(z))‖
    objective.gradient(z, predictions, instance, grad);
    for (int i = 0; i < n; i++) {
      look[i] = z[i] + grad[i];
      if (!Double.isFinite(look[i])) {
        throw new IllegalStateException(name + ": objective gradient is not finite at the iterate (component " + i + ")");
      }
    }
    projection.project(look, k, look);
    double res = 0.0;
    for (int i = 0; i < n; i++) {
      res += (look[i] - z[i]) * (look[i] - z[i]);
    }
    return new Solution(z, predictions, instance, settings.iterations(), Math.sqrt(res), null);
  }

  /** Ridge used when the unregularized KKT matrix is exactly singular (degenerate vertex). */
  private static final double MIN_RIDGE = 1e-10;

  /** Factors a copy of {@code a} + ridge·I into {@code a} only when it succeeds. */
  private static boolean factorWithRidge(double[] a, int dim, double ridge, int[] piv) {
    double[] work = a.clone();
    for (int d = 0; d < dim; d++) {
      work[d * dim + d] += ridge;
    }
    if (!DenseLu.factor(work, dim, piv)) {
      return false;
    }
    System.arraycopy(work, 0, a, 0, work.length);
    return true;
  }

  /**
   * ν from stationarity: the mean of ∂obj/∂z_i over the fractional coordinates; when there are none (a vertex)
   * ν is only bracketed, max over coordinates at 0 ≤ ν ≤ min over coordinates at 1, and the midpoint keeps both
   * bound multipliers away from 0 (strict complementarity).
   */
  private static double equalityMultiplier(double[] z, double[] grad, double tol) {
    double sum = 0.0;
    int fractional = 0;
    double maxLow = Double.NEGATIVE_INFINITY;
    double minUp = Double.POSITIVE_INFINITY;
    for (int i = 0; i < z.length; i++) {
      if (z[i] > tol && z[i] < 1 - tol) {
        sum += grad[i];
        fractional++;
      } else if (z[i] <= tol) {
        maxLow = Math.max(maxLow, grad[i]);
      } else {
        minUp = Math.min(minUp, grad[i]);
      }
    }
    if (fractional > 0) {
      return sum / fractional;
    }
    if (Double.isInfinite(maxLow)) {
      return minUp;
    }
    return Double.isInfinite(minUp) ? maxLow : 0.5 * (maxLow + minUp);
  }

  @Override
  public Matrix vjp(Solution solution, double[] decisionCotangent) {
    double[] z = solution.decision();
    int n = z.length;
    if (decisionCotangent.length != n) {
      throw new IllegalArgumentException(name + ": cotangent has length " + decisionCotangent.length + ", expected " + n);
    }
    Matrix pred = solution.predictions();
    Instance inst = solution.instance();
    double[] grad = new double[n];
    objective.gradient(z, pred, inst, grad);
    double[] hess = new double[n * n];
    objective.hessian(z, pred, inst, hess);
    double tol = settings.activeTolerance();

    double nu = equalityMultiplier(z, grad, tol);

    // unknowns [dz (n); dν (1); dμ_up (n); dμ_low (n)]; constraint rows are negated (see class javadoc)
    int dim = 3 * n + 1;
    double[] a = new double[dim * dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i * dim + j] = -hess[i * n + j];
      }
      a[i * dim + n] = 1.0; // Dgᵀ column of the equality
      a[i * dim + n + 1 + i] = 1.0; // z_i − 1 ≤ 0
      a[i * dim + 2 * n + 1 + i] = -1.0; // −z_i ≤ 0
    }
    for (int j = 0; j < n; j++) {
      a[n * dim + j] = -1.0; // −1ᵀdz = 0
    }
    for (int i = 0; i < n; i++) {
      double muUp = z[i] >= 1 - tol ? grad[i] - nu : 0.0;
      double muLow = z[i] <= tol ? nu - grad[i] : 0.0;
      int up = n + 1 + i;
      a[up * dim + i] = -muUp; // −(μ_up·dz_i + (z_i − 1)·dμ_up) = 0
      a[up * dim + up] = 1.0 - z[i];
      int low = 2 * n + 1 + i;
      a[low * dim + i] = muLow; // −(−μ_low·dz_i − z_i·dμ_low) = 0
      a[low * dim + low] = z[i];
    }
    int[] piv = new int[dim];
    if (!factorWithRidge(a, dim, settings.kktRidge(), piv)) {
      // ridge 0 at a vertex with integer k: the n active bounds and the equality are linearly dependent (LICQ
      // fails), so the multipliers are not unique although dz is; a tiny ridge picks one solution
      if (!factorWithRidge(a, dim, settings.kktRidge() + MIN_RIDGE, piv)) {
        throw new IllegalStateException(name + ": the KKT matrix is singular at this decision; use a positive kktRidge");
      }
    }
    double[] u = new double[dim];
    System.arraycopy(decisionCotangent, 0, u, 0, n);
    DenseLu.solveTransposed(a, dim, piv, u);
    return objective.mixedVjp(z, pred, inst, java.util.Arrays.copyOf(u, n));
  }
}
