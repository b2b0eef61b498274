package org.taskmet.solvers.topk;

import java.util.random.RandomGenerator;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;

/**
 * Soft top-k of Xie et al. (NeurIPS 2020) by entropic optimal transport between the n item scores and two
 * anchors, solved by log-domain Sinkhorn (reference notes §2.2; the cubic top-k task's training decision).
 *
 * <p><b>Forward.</b> Predictions ŷ are items × 1. Scores s = −ŷ, anchors a = (0, 1), costs
 * C_ij = (s_i − a_j)² / max_{i,j}(s_i − a_j)², marginals μ_i = 1/n, ν = (k/n, (n−k)/n). Starting from f = g = 0,
 * each iteration updates f then g:
 * <pre>
 *   f_i = −ε·LSE_j((g_j − C_ij)/ε) + ε·log μ_i,    g_j = −ε·LSE_i((f_i − C_ij)/ε) + ε·log ν_j
 * </pre>
 * and finally Γ_ij = exp((f_i + g_j − C_ij)/ε), z_i = n·Γ_i0. For 1/ε ≤ 300 (the reference ε = 0.01 included) the
 * same iterates are computed in the scaling domain (u = e^{f/ε}, v = e^{g/ε}), which needs no exp/log per
 * iteration; smaller ε runs in the log domain. Either way z_i = n·Γ_i0 ∈ [0, 1] with Σz = k. The monotone transport sends
 * the k/n mass of the lower anchor to the lowest scores, i.e. the highest predictions. Reference: ε = 0.01,
 * 200 iterations, no early stop ({@code tolerance} 0). {@link Solution#residual()} is the largest row-marginal
 * violation n·|Σ_j Γ_ij − μ_i| (column marginals are exact after the g update).
 *
 * <p><b>Backward (implicit, not unrolled).</b> Differentiating the marginal constraints of Γ at the fixed point
 * gives, with the gauge dg_1 = 0, df_i = Σ_j Γ_ij (dC_ij − dg_j)/μ_i and dg_0 = r/κ where
 * κ = ν_0 − Σ_i Γ_i0²/μ_i (the 1×1 "Kappa" matrix, + 1e-10 as in the reference) and
 * r = Σ_i Γ_i0 dC_i0 − Σ_i (Γ_i0/μ_i) Σ_l Γ_il dC_il; then dΓ_ij = Γ_ij (df_i + dg_j − dC_ij)/ε. The VJP runs this
 * linear map backwards in O(n), then through the cost normalization (including the max, which is
 * differentiated at its maximizing entry) and s = −ŷ. It is the derivative of the <em>converged</em>
 * transport plan; after a finite number of iterations it differs from the derivative of the iterate by
 * about the residual.
 */
public final class SoftTopKSolver implements Solver {
  /** Ridge on the 1×1 Kappa matrix, as in the reference backward. */
  private static final double KAPPA_RIDGE = 1e-10;

  /**
   * @param k number of items to select (1 ≤ k &lt; n)
   * @param epsilon entropic regularization ε (reference 0.01), relative to the normalized costs in [0, 1]
   * @param iterations Sinkhorn iterations (reference 200)
   * @param tolerance stop early once the residual is below this (checked every 10 iterations); 0 = never
   */
  public record Settings(int k, double epsilon, int iterations, double tolerance) {
    public Settings {
      if (k < 1) {
        throw new IllegalArgumentException("k: got " + k + ", expected >= 1");
      }
      if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
        throw new IllegalArgumentException("epsilon: got " + epsilon + ", expected a finite value > 0");
      }
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations: got " + iterations + ", expected >= 1");
      }
      if (!(tolerance >= 0)) {
        throw new IllegalArgumentException("tolerance: got " + tolerance + ", expected >= 0");
      }
    }

    /** The cubic top-k reference: ε = 0.01, 200 iterations, no early stop. */
    public static Settings reference(int k) {
      return new Settings(k, 0.01, 200, 0.0);
    }
  }

  /** What the backward needs: the plan's two columns and where the cost normalization's maximum sits. */
  private record Plan(double[] gamma0, double[] gamma1, double costMax, int maxItem, int maxAnchor) {}

  private static final double[] ANCHORS = {0.0, 1.0};

  /** Largest 1/ε for which the scaling-domain iteration is used (see {@link #scalingSinkhorn}). */
  static final double SCALING_DOMAIN_LIMIT = 300.0;

  private final Settings settings;
  private final boolean forceLogDomain;

  public SoftTopKSolver(Settings settings) {
    this(settings, false);
  }

  /** @param forceLogDomain always run the log-domain iteration (tests compare the two) */
  SoftTopKSolver(Settings settings, boolean forceLogDomain) {
    this.settings = settings;
    this.forceLogDomain = forceLogDomain;
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    return "soft-topk";
  }

  /** Slack, relative to k, of the checks that a soft top-k lies in [0, 1]ⁿ and sums to k. */
  private static final double FEASIBILITY_SLACK = 1e-3;

  /**
   * A soft top-k lies in [0, 1]ⁿ and sums to k. With an ε so small that (f + g − C)/ε loses all precision (e.g.
   * 1e-100) Sinkhorn returns values far outside, and a loss built on them leaves its possible range: an error then,
   * not a silently impossible decision.
   */
  private void requireSoftTopK(double[] z, double sum) {
    int k = settings.k();
    double slack = FEASIBILITY_SLACK * k;
    int worst = 0;
    for (int i = 0; i < z.length; i++) {
      if (!(Math.abs(z[i] - 0.5) <= Math.abs(z[worst] - 0.5))) {
        worst = i;
      }
    }
    if (!(z[worst] >= -slack && z[worst] <= 1 + slack) || !(Math.abs(sum - k) <= slack)) {
      throw new IllegalStateException(String.format(java.util.Locale.ROOT, "%s: epsilon = %s is too small for "
          + "double precision: the soft top-k sums to %.6g instead of k = %d and item %d is %.6g (expected values in "
          + "[0, 1]); use a larger epsilon", name(), settings.epsilon(), sum, k, worst, z[worst]));
    }
  }

  @Override
  public void validate(Matrix predictions, Instance instance) {
    TopK.validate(name(), settings.k(), predictions, instance);
  }

  /** A pure function of the predictions: no randomness, no state. */
  @Override
  public boolean deterministic() {
    return true;
  }

  @Override
  public boolean threadSafe() {
    return true;
  }

  @Override
  public Solution solve(Matrix predictions, Instance instance, RandomGenerator rng) {
    validate(predictions, instance);
    int n = predictions.rows();
    double[] y = predictions.data();
    double eps = settings.epsilon();
    double invEps = 1.0 / eps;
    // normalized costs, stored column-wise
    double[] c0 = new double[n];
    double[] c1 = new double[n];
    double cmax = 0.0;
    int maxItem = 0;
    int maxAnchor = 0;
    for (int i = 0; i < n; i++) {
      double s = -y[i];
      c0[i] = (s - ANCHORS[0]) * (s - ANCHORS[0]);
      c1[i] = (s - ANCHORS[1]) * (s - ANCHORS[1]);
      if (c0[i] > cmax) {
        cmax = c0[i];
        maxItem = i;
        maxAnchor = 0;
      }
      if (c1[i] > cmax) {
        cmax = c1[i];
        maxItem = i;
        maxAnchor = 1;
      }
    }
    if (!Double.isFinite(cmax)) {
      throw new IllegalArgumentException(name() + ": the squared score of item " + maxItem
          + " overflows; predictions must have magnitude below 1e150");
    }
    double invMax = 1.0 / cmax; // cmax > 0: no score is at both anchors
    for (int i = 0; i < n; i++) {
      c0[i] *= invMax;
      c1[i] *= invMax;
    }
    double[] gamma0 = new double[n];
    double[] gamma1 = new double[n];
    int it = invEps <= SCALING_DOMAIN_LIMIT && !forceLogDomain
        ? scalingSinkhorn(c0, c1, invEps, gamma0, gamma1)
        : logDomainSinkhorn(c0, c1, eps, gamma0, gamma1);
    double[] z = new double[n];
    double residual = 0.0;
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      z[i] = n * gamma0[i];
      sum += z[i];
      residual = Math.max(residual, Math.abs(n * (gamma0[i] + gamma1[i]) - 1.0));
    }
    requireSoftTopK(z, sum);
    return new Solution(z, predictions, instance, it, residual, new Plan(gamma0, gamma1, cmax, maxItem, maxAnchor));
  }

  /** The reference iteration in the log domain; writes the plan's columns and returns the iterations run. */
  private int logDomainSinkhorn(double[] c0, double[] c1, double eps, double[] gamma0, double[] gamma1) {
    int n = c0.length;
    double invEps = 1.0 / eps;
    double epsLogMu = eps * Math.log(1.0 / n);
    double epsLogNu0 = eps * Math.log((double) settings.k() / n);
    double epsLogNu1 = eps * Math.log((double) (n - settings.k()) / n);
    double[] f = new double[n];
    double g0 = 0.0;
    double g1 = 0.0;
    int it = 0;
    while (it < settings.iterations()) {
      for (int i = 0; i < n; i++) {
        double a0 = (g0 - c0[i]) * invEps;
        double a1 = (g1 - c1[i]) * invEps;
        double hi = Math.max(a0, a1);
        f[i] = -eps * (hi + Math.log1p(Math.exp(-Math.abs(a0 - a1)))) + epsLogMu;
      }
      g0 = -eps * logSumExp(f, c0, invEps) + epsLogNu0;
      g1 = -eps * logSumExp(f, c1, invEps) + epsLogNu1;
      it++;
      if (settings.tolerance() > 0 && it % 10 == 0
          && rowResidual(f, g0, g1, c0, c1, invEps) < settings.tolerance()) {
        break;
      }
    }
    for (int i = 0; i < n; i++) {
      gamma0[i] = Math.exp((f[i] + g0 - c0[i]) * invEps);
      gamma1[i] = Math.exp((f[i] + g1 - c1[i]) * invEps);
    }
    return it;
  }

  /**
   * The same iteration in the scaling domain, u = exp(f/ε), v = exp(g/ε), K = exp(−C/ε):
   * u_i = μ_i / Σ_j K_ij v_j, v_j = ν_j / Σ_i K_ij u_i — identical iterates up to rounding, without a
   * transcendental function per entry and iteration. Safe while 1/ε ≤ {@value #SCALING_DOMAIN_LIMIT}: the
   * normalized costs are in [0, 1] and |f|, |g| ≤ 1 + O(ε), so every factor stays within e^{±300}.
   */
  private int scalingSinkhorn(double[] c0, double[] c1, double invEps, double[] gamma0, double[] gamma1) {
    int n = c0.length;
    double mu = 1.0 / n;
    double nu0 = (double) settings.k() / n;
    double nu1 = (double) (n - settings.k()) / n;
    double[] k0 = new double[n];
    double[] k1 = new double[n];
    for (int i = 0; i < n; i++) {
      k0[i] = Math.exp(-c0[i] * invEps);
      k1[i] = Math.exp(-c1[i] * invEps);
    }
    double[] u = new double[n];
    double v0 = 1.0;
    double v1 = 1.0;
    int it = 0;
    while (it < settings.iterations()) {
      double s0 = 0.0;
      double s1 = 0.0;
      for (int i = 0; i < n; i++) {
        double ui = mu / (k0[i] * v0 + k1[i] * v1);
        u[i] = ui;
        s0 += k0[i] * ui;
        s1 += k1[i] * ui;
      }
      v0 = nu0 / s0;
      v1 = nu1 / s1;
      it++;
      if (settings.tolerance() > 0 && it % 10 == 0) {
        double worst = 0.0;
        for (int i = 0; i < n; i++) {
          worst = Math.max(worst, Math.abs(n * u[i] * (k0[i] * v0 + k1[i] * v1) - 1.0));
        }
        if (worst < settings.tolerance()) {
          break;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      gamma0[i] = u[i] * k0[i] * v0;
      gamma1[i] = u[i] * k1[i] * v1;
    }
    return it;
  }

  /** LSE_i((f_i − c_i)/ε), stabilized by its maximum term. */
  private static double logSumExp(double[] f, double[] c, double invEps) {
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < f.length; i++) {
      hi = Math.max(hi, (f[i] - c[i]) * invEps);
    }
    double sum = 0.0;
    for (int i = 0; i < f.length; i++) {
      sum += Math.exp((f[i] - c[i]) * invEps - hi);
    }
    return hi + Math.log(sum);
  }

  private static double rowResidual(double[] f, double g0, double g1, double[] c0, double[] c1, double invEps) {
    int n = f.length;
    double worst = 0.0;
    for (int i = 0; i < n; i++) {
      double row = Math.exp((f[i] + g0 - c0[i]) * invEps) + Math.exp((f[i] + g1 - c1[i]) * invEps);
      worst = Math.max(worst, Math.abs(n * row - 1.0));
    }
    return worst;
  }

  @Override
  public Matrix vjp(Solution solution, double[] decisionCotangent) {
    if (!(solution.backwardState() instanceof Plan plan)) {
      throw new IllegalArgumentException(name() + ": the solution was not computed by soft-topk");
    }
    double[] y = solution.predictions().data();
    int n = y.length;
    if (decisionCotangent.length != n) {
      throw new IllegalArgumentException(
          name() + ": cotangent has length " + decisionCotangent.length + ", expected " + n);
    }
    double invEps = 1.0 / settings.epsilon();
    double mu = 1.0 / n;
    double nu0 = (double) settings.k() / n;
    double[] p0 = plan.gamma0();
    double[] p1 = plan.gamma1();
    // adjoints of the normalized costs, column-wise
    double[] cBar0 = new double[n];
    double[] cBar1 = new double[n];
    double gBar0 = 0.0;
    double kappa = nu0;
    for (int i = 0; i < n; i++) {
      double pBar0 = n * decisionCotangent[i]; // z_i = n Γ_i0; Γ_i1 has no cotangent
      double t = p0[i] * pBar0 * invEps; // from dΓ_ij = Γ_ij (df_i + dg_j − dC_ij)/ε
      cBar0[i] = -t;
      double fBar = t;
      gBar0 += t;
      // df_i = Σ_j Γ_ij (dC_ij − dg_j)/μ_i
      cBar0[i] += fBar * p0[i] / mu;
      cBar1[i] += fBar * p1[i] / mu;
      gBar0 -= fBar * p0[i] / mu;
      kappa -= p0[i] * p0[i] / mu;
    }
    // dg_0 = r/κ with r = Σ_i Γ_i0 dC_i0 − Σ_i (Γ_i0/μ_i) Σ_l Γ_il dC_il
    double rBar = gBar0 / (kappa + KAPPA_RIDGE);
    for (int i = 0; i < n; i++) {
      cBar0[i] += rBar * p0[i] - rBar * (p0[i] / mu) * p0[i];
      cBar1[i] -= rBar * (p0[i] / mu) * p1[i];
    }
    // C = D / max D with D_ij = (s_i − a_j)², s = −ŷ
    double cmax = plan.costMax();
    double maxBar = 0.0;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double s = -y[i];
      double d0 = (s - ANCHORS[0]) * (s - ANCHORS[0]);
      double d1 = (s - ANCHORS[1]) * (s - ANCHORS[1]);
      maxBar -= (cBar0[i] * d0 + cBar1[i] * d1) / (cmax * cmax);
      double sBar = cBar0[i] / cmax * 2 * (s - ANCHORS[0]) + cBar1[i] / cmax * 2 * (s - ANCHORS[1]);
      out[i] = -sBar;
    }
    double sMax = -y[plan.maxItem()];
    out[plan.maxItem()] -= maxBar * 2 * (sMax - ANCHORS[plan.maxAnchor()]);
    return new Matrix(n, 1, out);
  }
}
