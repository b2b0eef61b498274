package org.taskmet.api.toolkit;

import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;

/**
 * A differentiable solver from an objective and a feasible set: maximizes {@link SmoothObjective} obj(z, Ŷ)
 * over a {@link ConvexSet} C by projected gradient ascent, and differentiates the maximizer exactly by
 * implicit differentiation of its fixed-point condition.
 *
 * <p><b>Forward.</b> From z = P(0), steps z ← P(z + η∇obj(z)) with an adaptive step: η starts at
 * {@link Settings#stepSize}, is halved while η times the gradient's local Lipschitz constant along the step,
 * ‖∇obj(z⁺) − ∇obj(z)‖/‖z⁺ − z‖, exceeds 1, and doubled (up to 10⁶ times the initial step) when it is below ½,
 * so flat stretches of the objective do not crawl. It stops when the gradient-mapping residual
 * ‖z − P(z + η∇obj(z))‖/η, which is 0 exactly at a maximizer, is at most {@link Settings#tolerance}. The
 * solution reports the iterations and this residual at the returned decision. The rng is not used: the
 * decision is a deterministic function of the predictions.
 *
 * <p><b>Backward.</b> The maximizer satisfies z* = T(z*, Ŷ) with T(z, Ŷ) = P(z + η∇_z obj(z, Ŷ)). With J the
 * projection's Jacobian at y* = z* + η∇obj(z*) and H = ∇²_zz obj, ∂_zT = J(I + ηH) and ∂_ŶT = ηJ∇²_zŶ obj,
 * so for a cotangent w = dL/dz the VJP is
 * <pre>
 *   solve (I − ∂_zT)ᵀ u = (I − (I + ηH) J) u = w      (GMRES, matrix-free: J and H are only applied)
 *   dL/dŶ = (∂_ŶT)ᵀ u = η · mixedVjp(z*, Ŷ, J u)
 * </pre>
 * (J and H are symmetric). This is exact wherever the set of coordinates at a bound is locally constant;
 * the system is singular only when obj is flat along the face z* lies on, and then {@link #vjp} throws an
 * error naming the solver rather than return a wrong gradient.
 */
public final class ProjectedGradientSolver implements Solver {
  /**
   * @param stepSize initial step η of every solve (1)
   * @param maxIterations projected-gradient iteration budget of a solve (10 000)
   * @param tolerance the solve stops when the gradient-mapping residual is at most this (1e-9)
   * @param backwardIterations GMRES iteration budget of one VJP (1000)
   * @param backwardTolerance relative residual the VJP's linear solve must reach, else it throws (1e-8)
   */
  public record Settings(
      double stepSize, int maxIterations, double tolerance, int backwardIterations, double backwardTolerance) {
    public Settings {
      if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
        throw new IllegalArgumentException("stepSize must be a finite value > 0, got " + stepSize);
      }
      if (maxIterations < 1 || backwardIterations < 1) {
        throw new IllegalArgumentException("maxIterations and backwardIterations must be >= 1, got "
            + maxIterations + " and " + backwardIterations);
      }
      if (!(tolerance > 0) || !(backwardTolerance > 0)) {
        throw new IllegalArgumentException("tolerance and backwardTolerance must be > 0, got " + tolerance + " and "
            + backwardTolerance);
      }
    }

    public static Settings defaults() {
      return new Settings(1.0, 10_000, 1e-9, 1_000, 1e-8);
    }

    public Settings withStepSize(double eta) {
      return new Settings(eta, maxIterations, tolerance, backwardIterations, backwardTolerance);
    }

    public Settings withTolerance(double tol) {
      return new Settings(stepSize, maxIterations, tol, backwardIterations, backwardTolerance);
    }
  }

  /** What the backward pass needs: the fixed point, the projection's argument there, and the step. */
  private record State(double[] z, double[] y, double eta, ConvexSet set) {}

  private static final int RESTART = 100;
  private static final double MAX_STEP_GROWTH = 1e6;

  private final String name;
  private final SmoothObjective objective;
  private final Function<Instance, ConvexSet> feasibleSet;
  private final Settings settings;

  /**
   * @param name the solver's name in logs and errors (usually the plugin's)
   * @param feasibleSet the set for an instance (a fixed set: {@code in -> set})
   */
  public ProjectedGradientSolver(String name, SmoothObjective objective, Function<Instance, ConvexSet> feasibleSet,
      Settings settings) {
    if (name == null || objective == null || feasibleSet == null || settings == null) {
      throw new IllegalArgumentException("projected-gradient solver needs a name, an objective, a feasible set and "
          + "settings");
    }
    this.name = name;
    this.objective = objective;
    this.feasibleSet = feasibleSet;
    this.settings = settings;
  }

  /** With {@link Settings#defaults()}. */
  public ProjectedGradientSolver(String name, SmoothObjective objective, Function<Instance, ConvexSet> feasibleSet) {
    this(name, objective, feasibleSet, Settings.defaults());
  }

  @Override
  public String name() {
    return name;
  }

  /** Predictions must be finite and the instance's feasible set must match the decision size. */
  @Override
  public void validate(Matrix predictions, Instance instance) {
    double[] p = predictions.data();
    for (int i = 0; i < p.length; i++) {
      if (!Double.isFinite(p[i])) {
        throw new IllegalArgumentException(name + ": prediction (" + i / predictions.cols() + ", "
            + i % predictions.cols() + ") is " + p[i] + ", expected a finite value");
      }
    }
    setFor(instance);
  }

  private ConvexSet setFor(Instance instance) {
    int n = objective.decisionSize(instance);
    ConvexSet set = feasibleSet.apply(instance);
    if (set == null) {
      throw new IllegalArgumentException(name + ": the feasible set function returned null");
    }
    set.requireDimension(n);
    return set;
  }

  @Override
  public Solution solve(Matrix predictions, Instance instance, RandomGenerator rng) {
    validate(predictions, instance);
    ConvexSet set = setFor(instance);
    int n = objective.decisionSize(instance);
    double[] z = new double[n];
    set.project(z, z);
    double[] g = new double[n];
    double[] gNext = new double[n];
    double[] y = new double[n];
    double[] next = new double[n];
    double eta = settings.stepSize();
    objective.gradient(z, predictions, instance, g);
    int it = 0;
    while (it < settings.maxIterations()) {
      double step2;
      double ratio;
      while (true) {
        for (int i = 0; i < n; i++) {
          y[i] = z[i] + eta * g[i];
        }
        set.project(y, next);
        objective.gradient(next, predictions, instance, gNext);
        step2 = 0;
        double change2 = 0;
        for (int i = 0; i < n; i++) {
          double d = next[i] - z[i];
          step2 += d * d;
          change2 += (gNext[i] - g[i]) * (gNext[i] - g[i]);
        }
        // η·(local Lipschitz constant of the gradient along the step); gradients, unlike values, stay accurate
        // down to tiny steps, so the solve converges to the tolerance instead of stalling at rounding noise
        ratio = step2 == 0 ? 0 : eta * Math.sqrt(change2 / step2);
        if (ratio <= 1) {
          break;
        }
        eta /= 2;
        if (eta < 1e-30 * settings.stepSize()) {
          throw new IllegalStateException(name + ": the line search failed (the objective's gradient changes faster "
              + "than any step can follow: is it finite and smooth? run the conformance kit on it)");
        }
      }
      it++;
      double[] t = z;
      z = next;
      next = t;
      t = g;
      g = gNext;
      gNext = t;
      if (Math.sqrt(step2) / eta <= settings.tolerance()) {
        break;
      }
      if (ratio < 0.5) {
        // the step could have been longer: where the objective is flat, double it (it is halved back if needed)
        eta = Math.min(2 * eta, MAX_STEP_GROWTH * settings.stepSize());
      }
    }
    // the residual and the backward point at the returned decision
    for (int i = 0; i < n; i++) {
      y[i] = z[i] + eta * g[i];
    }
    set.project(y, next);
    double res = 0;
    for (int i = 0; i < n; i++) {
      res += (next[i] - z[i]) * (next[i] - z[i]);
    }
    return new Solution(z, predictions, instance, it, Math.sqrt(res) / eta, new State(z.clone(), y, eta, set));
  }

  @Override
  public Matrix vjp(Solution solution, double[] decisionCotangent) {
    if (!(solution.backwardState() instanceof State s)) {
      throw new IllegalArgumentException(name + ": vjp needs a solution returned by this solver's solve");
    }
    int n = s.z().length;
    if (decisionCotangent.length != n) {
      throw new IllegalArgumentException(name + ": decision cotangent has length " + decisionCotangent.length
          + ", expected " + n);
    }
    Matrix predictions = solution.predictions();
    Instance instance = solution.instance();
    double[] ju = new double[n];
    double[] hv = new double[n];
    Gmres.Operator system = (u, out) -> {
      s.set().projectionJacobian(s.y(), u, ju);
      objective.hessianVector(s.z(), predictions, instance, ju, hv);
      for (int i = 0; i < n; i++) {
        out[i] = u[i] - ju[i] - s.eta() * hv[i];
      }
    };
    Gmres.Result r = Gmres.solve(system, decisionCotangent, RESTART, settings.backwardIterations(),
        settings.backwardTolerance());
    if (!(r.relativeResidual() <= settings.backwardTolerance())) {
      throw new IllegalStateException(String.format("%s: the implicit backward system did not solve (relative "
          + "residual %.3g after %d iterations); the objective is probably flat along the face the decision lies "
          + "on, so the decision is not differentiable there", name, r.relativeResidual(), r.iterations()));
    }
    s.set().projectionJacobian(s.y(), r.solution(), ju);
    Matrix out = objective.mixedVjp(s.z(), predictions, instance, ju);
    double[] d = out.data();
    for (int i = 0; i < d.length; i++) {
      d[i] *= s.eta();
    }
    return out;
  }
}
