package org.taskmet.solvers.qp;

import java.util.Arrays;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;
import org.taskmet.solvers.linalg.DenseCholesky;
import org.taskmet.solvers.linalg.DenseLu;

/**
 * Primal-dual interior-point method (Mehrotra predictor-corrector) for dense convex {@link QpProblem}s of up
 * to a few hundred variables, with the OptNet-style backward through the KKT system.
 *
 * <p><b>Forward.</b> All inequalities (G rows, finite lower and upper bounds) get slacks s ≥ 0 and
 * multipliers λ ≥ 0. Each iteration eliminates the slacks and multipliers, factors
 * H = Q + Gᵀ diag(λ/s) G (bounds add to the diagonal only) by Cholesky and the equality Schur complement
 * A H⁻¹ Aᵀ, takes Mehrotra's affine predictor (centring σ = (μ_aff/μ)³) and the corrector with the
 * second-order term, and steps 0.99 of the way to the boundary. It stops when the primal, dual and
 * complementarity residuals, each scaled by 1 + the size of its data, are all below {@code tolerance}.
 * Infeasible and unbounded problems do not converge: the solver then throws an
 * {@link IllegalStateException} naming the residuals. A Q that is not positive semidefinite is rejected up
 * front ({@code checkConvexity}).
 *
 * <p><b>Warm start.</b> {@link #solve(QpProblem, QpResult)} starts from a previous result: its x and ν as they
 * are, its slacks and inequality multipliers raised to at least {@code warmStartFloor} (an interior point
 * needs them strictly positive). It helps when consecutive problems are close (training epochs, finite
 * differences); the result agrees with a cold start within the tolerance.
 *
 * <p><b>Backward.</b> At a strictly complementary solution with active inequality rows 𝒜 (λ_i &gt; s_i), the KKT
 * conditions linearize to K [dx; dλ_𝒜; dν] = [−dc; dh_𝒜; db] with the symmetric
 * K = [[Q, G_𝒜ᵀ, Aᵀ], [G_𝒜, 0, 0], [A, 0, 0]] (active bounds fix dx_i = 0 and are eliminated). Solving
 * K [u; w; v] = [dL/dx; 0; 0] once gives dL/dc = −u, dL/dh_𝒜 = w, dL/db = v (Amos &amp; Kolter 2017). When
 * LICQ fails K is singular; a 1e-10 quasi-definite ridge then picks one multiplier solution (dx stays unique).
 *
 * <p>Uses the shared SIMD {@link Kernels} for matrix-vector products and the Cholesky inner products.
 * Instances are immutable and thread-safe.
 */
public final class InteriorPointQp {
  /**
   * @param maxIterations iteration budget (default 100); exceeding it means infeasible, unbounded or badly scaled
   * @param tolerance stopping tolerance on the scaled residuals (default 1e-10)
   * @param checkConvexity test Q for positive semidefiniteness before solving (an extra Cholesky)
   * @param warmStartFloor lower bound applied to warm-start slacks and multipliers (default 1e-3)
   */
  public record Settings(int maxIterations, double tolerance, boolean checkConvexity, double warmStartFloor) {
    public Settings {
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations: got " + maxIterations + ", expected >= 1");
      }
      if (!(tolerance > 0 && tolerance < 1)) {
        throw new IllegalArgumentException("tolerance: got " + tolerance + ", expected a value in (0, 1)");
      }
      if (!(warmStartFloor > 0) || !Double.isFinite(warmStartFloor)) {
        throw new IllegalArgumentException("warmStartFloor: got " + warmStartFloor + ", expected a finite value > 0");
      }
    }

    public static Settings defaults() {
      return new Settings(100, 1e-10, true, 1e-3);
    }
  }

  private static final double STEP_FRACTION = 0.99;
  private static final double BACKWARD_RIDGE = 1e-10;
  /** Iterates beyond this magnitude mean an infeasible or unbounded problem. */
  private static final double DIVERGENCE = 1e12;

  private final String owner;
  private final Settings settings;
  private final DenseKernels kernels = Kernels.get();

  /** @param owner the solver name used in error messages */
  public InteriorPointQp(String owner, Settings settings) {
    this.owner = owner;
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** Cold start. */
  public QpResult solve(QpProblem p) {
    return solve(p, null);
  }

  /** Solves {@code p}, starting from {@code warm} when it is non-null and has matching dimensions. */
  public QpResult solve(QpProblem p, QpResult warm) {
    int n = p.n();
    if (settings.checkConvexity()) {
      checkConvex(p);
    }
    Rows rows = new Rows(p);
    int m = rows.m;
    int me = p.me();
    double[] x = new double[n];
    double[] nu = new double[me];
    double[] s = new double[m];
    double[] lam = new double[m];
    double[] gx = new double[m];
    boolean useWarm = warm != null && warm.x().length == n && warm.slacks().length == m
        && warm.equalityMultipliers().length == me;
    if (useWarm) {
      System.arraycopy(warm.x(), 0, x, 0, n);
      System.arraycopy(warm.equalityMultipliers(), 0, nu, 0, me);
      rows.apply(x, gx);
      double[] warmLam = rows.gather(warm);
      double floor = settings.warmStartFloor();
      for (int r = 0; r < m; r++) {
        s[r] = Math.max(rows.hAll[r] - gx[r], floor);
        lam[r] = Math.max(warmLam[r], floor);
      }
    } else {
      rows.startingPoint(x);
      rows.apply(x, gx);
      for (int r = 0; r < m; r++) {
        s[r] = Math.max(rows.hAll[r] - gx[r], 1.0);
        lam[r] = 1.0;
      }
    }

    double cScale = 1 + maxAbs(p.c());
    double bScale = 1 + (me > 0 ? maxAbs(p.b()) : 0);
    double hScale = 1 + maxAbs(rows.hAll);
    double[] rd = new double[n];
    double[] rp = new double[me];
    double[] ri = new double[m];
    double[] hMat = new double[n * n];
    double[] hWork = new double[n * n];
    double[] hInvAt = new double[n * me];
    double[] schur = new double[me * me];
    double[] rc = new double[m];
    double[] col = new double[n];
    Step aff = new Step(n, me, m);
    Step cor = new Step(n, me, m);
    double residual = Double.POSITIVE_INFINITY;
    int it = 0;
    while (true) {
      // residuals at the current point
      kernels.gemv(n, n, 1.0, p.q(), 0, x, 0, 0.0, rd, 0);
      kernels.axpy(1.0, p.c(), 0, rd, 0, n);
      if (me > 0) {
        kernels.gemvTransposed(me, n, 1.0, p.a(), 0, nu, 0, 1.0, rd, 0);
        kernels.gemv(me, n, 1.0, p.a(), 0, x, 0, 0.0, rp, 0);
        kernels.axpy(-1.0, p.b(), 0, rp, 0, me);
      }
      rows.addTransposed(lam, rd);
      rows.apply(x, gx);
      double mu = 0.0;
      for (int r = 0; r < m; r++) {
        ri[r] = gx[r] + s[r] - rows.hAll[r];
        mu += s[r] * lam[r];
      }
      mu = m > 0 ? mu / m : 0.0;
      residual = Math.max(Math.max(maxAbs(rd) / cScale, maxAbs(rp) / bScale), Math.max(maxAbs(ri) / hScale, mu));
      if (Math.max(maxAbs(lam), maxAbs(nu)) > DIVERGENCE) {
        throw new IllegalStateException(owner + ": QP multipliers diverge at iteration " + it + " (primal residuals "
            + maxAbs(rp) + ", " + maxAbs(ri) + "): the constraints are probably infeasible");
      }
      if (maxAbs(x) > DIVERGENCE || !Double.isFinite(residual)) {
        throw new IllegalStateException(owner + ": QP iterates diverge at iteration " + it
            + ": the problem is probably unbounded (Q not positive definite on a feasible direction) or infeasible");
      }
      if (residual <= settings.tolerance()) {
        break;
      }
      if (it == settings.maxIterations()) {
        throw new IllegalStateException(owner + ": QP did not converge in " + it + " iterations (dual residual "
            + maxAbs(rd) + ", primal equality residual " + maxAbs(rp) + ", primal inequality residual " + maxAbs(ri)
            + ", complementarity " + mu + "); the problem is probably infeasible or unbounded");
      }
      it++;

      // H = Q + Gᵀ diag(λ/s) G, factored; Schur complement of the equalities
      if (!factorNewtonMatrix(p, rows, lam, s, hMat, hWork)) {
        throw new IllegalStateException(owner + ": the Newton matrix Q + Gᵀ(λ/s)G is not positive definite at"
            + " iteration " + it + "; Q must be positive semidefinite and positive definite on the null space of A");
      }
      if (me > 0) {
        for (int e = 0; e < me; e++) {
          System.arraycopy(p.a(), e * n, col, 0, n);
          DenseCholesky.solve(hMat, n, col, 0);
          for (int i = 0; i < n; i++) {
            hInvAt[i * me + e] = col[i];
          }
        }
        kernels.gemm(false, false, me, me, n, 1.0, p.a(), hInvAt, 0.0, schur);
        if (!DenseCholesky.factor(schur, me)) {
          throw new IllegalStateException(owner + ": the equality constraints A x = b are rank deficient (A has "
              + me + " rows); remove redundant rows");
        }
      }

      // predictor
      for (int r = 0; r < m; r++) {
        rc[r] = -s[r] * lam[r];
      }
      newton(p, rows, hMat, hInvAt, schur, rd, rp, ri, s, lam, rc, aff);
      double alphaAff = Math.min(maxStep(s, aff.ds), maxStep(lam, aff.dlam));
      double muAff = 0.0;
      for (int r = 0; r < m; r++) {
        muAff += (s[r] + alphaAff * aff.ds[r]) * (lam[r] + alphaAff * aff.dlam[r]);
      }
      muAff = m > 0 ? muAff / m : 0.0;
      double sigma = mu > 0 ? Math.pow(muAff / mu, 3) : 0.0;
      // corrector; the centring target never drops below a tenth of the tolerance: pushing complementarity
      // further only inflates λ/s (and the condition of H) while the other residuals still converge
      double target = mu > 0 ? Math.max(sigma * mu, 0.1 * settings.tolerance()) : 0.0;
      for (int r = 0; r < m; r++) {
        rc[r] = -s[r] * lam[r] - aff.ds[r] * aff.dlam[r] + target;
      }
      newton(p, rows, hMat, hInvAt, schur, rd, rp, ri, s, lam, rc, cor);
      double alpha = Math.min(1.0, STEP_FRACTION * Math.min(maxStep(s, cor.ds), maxStep(lam, cor.dlam)));
      kernels.axpy(alpha, cor.dx, 0, x, 0, n);
      kernels.axpy(alpha, cor.dnu, 0, nu, 0, me);
      kernels.axpy(alpha, cor.ds, 0, s, 0, m);
      kernels.axpy(alpha, cor.dlam, 0, lam, 0, m);
    }
    return rows.result(x, nu, s, lam, it, residual);
  }

  /**
   * Forms and factors H = Q + Gᵀ diag(λ/s) G into {@code hMat}. Late iterations make λ/s span many orders of
   * magnitude and rounding can break the factorization of a matrix that is positive definite in exact
   * arithmetic; then a growing ridge (1e-12 … 1e-4 times 1 + the largest diagonal entry of Q) is added. The Newton step
   * becomes inexact, but residuals are always computed exactly, so the iteration still converges to the
   * exact solution.
   */
  private boolean factorNewtonMatrix(QpProblem p, Rows rows, double[] lam, double[] s, double[] hMat, double[] hWork) {
    int n = p.n();
    System.arraycopy(p.q(), 0, hWork, 0, n * n);
    rows.addScaledGram(lam, s, hWork);
    double scale = 1 + maxDiag(p.q(), n);
    for (double ridge = 1e-12; ridge <= 1e-4; ridge *= 100) {
      System.arraycopy(hWork, 0, hMat, 0, n * n);
      for (int i = 0; i < n; i++) {
        hMat[i * n + i] += ridge * scale;
      }
      if (DenseCholesky.factor(hMat, n)) {
        return true;
      }
    }
    return false;
  }

  /** One Newton direction for the complementarity target {@code rc}; see the class javadoc for the elimination. */
  private void newton(QpProblem p, Rows rows, double[] hFactor, double[] hInvAt, double[] schurFactor, double[] rd,
      double[] rp, double[] ri, double[] s, double[] lam, double[] rc, Step out) {
    int n = p.n();
    int me = p.me();
    int m = rows.m;
    double[] t = out.ds; // reused as scratch before ds is formed
    for (int r = 0; r < m; r++) {
      t[r] = (rc[r] + lam[r] * ri[r]) / s[r];
    }
    double[] y = out.dx;
    for (int i = 0; i < n; i++) {
      y[i] = -rd[i];
    }
    rows.addTransposedScaled(-1.0, t, y);
    DenseCholesky.solve(hFactor, n, y, 0);
    if (me > 0) {
      double[] dnu = out.dnu;
      kernels.gemv(me, n, 1.0, p.a(), 0, y, 0, 0.0, dnu, 0);
      kernels.axpy(1.0, rp, 0, dnu, 0, me);
      DenseCholesky.solve(schurFactor, me, dnu, 0);
      kernels.gemv(n, me, -1.0, hInvAt, 0, dnu, 0, 1.0, y, 0);
    }
    double[] gdx = out.gdx;
    rows.apply(y, gdx);
    for (int r = 0; r < m; r++) {
      out.dlam[r] = t[r] + lam[r] * gdx[r] / s[r];
      out.ds[r] = -ri[r] - gdx[r];
    }
  }

  /** Largest α ≤ 1/0.99·… such that v + α dv ≥ 0 (capped at a large value when dv ≥ 0). */
  private static double maxStep(double[] v, double[] dv) {
    double alpha = 1.0 / STEP_FRACTION;
    for (int i = 0; i < v.length; i++) {
      if (dv[i] < 0) {
        alpha = Math.min(alpha, -v[i] / dv[i]);
      }
    }
    return alpha;
  }

  /**
   * OptNet backward: the sensitivities of L through x* given {@code dLdx}, at a {@code result} of this solver
   * for {@code p}.
   */
  public QpGradients backward(QpProblem p, QpResult result, double[] dLdx) {
    int n = p.n();
    if (dLdx.length != n) {
      throw new IllegalArgumentException(owner + ": dL/dx has length " + dLdx.length + ", expected " + n);
    }
    Rows rows = new Rows(p);
    double[] lam = rows.gather(result);
    double[] s = result.slacks();
    boolean[] fixed = new boolean[n];
    int mi = p.mi();
    for (int r = mi; r < rows.m; r++) {
      if (lam[r] > s[r]) {
        fixed[rows.boundIndex(r)] = true;
      }
    }
    int[] free = new int[n];
    int nf = 0;
    for (int i = 0; i < n; i++) {
      if (!fixed[i]) {
        free[nf++] = i;
      }
    }
    int[] activeG = new int[mi];
    int na = 0;
    for (int r = 0; r < mi; r++) {
      if (lam[r] > s[r]) {
        activeG[na++] = r;
      }
    }
    int me = p.me();
    int dim = nf + na + me;
    double[] k = new double[dim * dim];
    for (int a = 0; a < nf; a++) {
      for (int b = 0; b < nf; b++) {
        k[a * dim + b] = p.q()[free[a] * n + free[b]];
      }
      for (int r = 0; r < na; r++) {
        double v = p.g()[activeG[r] * n + free[a]];
        k[a * dim + nf + r] = v;
        k[(nf + r) * dim + a] = v;
      }
      for (int e = 0; e < me; e++) {
        double v = p.a()[e * n + free[a]];
        k[a * dim + nf + na + e] = v;
        k[(nf + na + e) * dim + a] = v;
      }
    }
    double[] rhs = new double[dim];
    for (int a = 0; a < nf; a++) {
      rhs[a] = dLdx[free[a]];
    }
    int[] piv = new int[dim];
    double[] work = k.clone();
    if (!DenseLu.factor(work, dim, piv)) {
      double ridge = BACKWARD_RIDGE * (1 + maxDiag(p.q(), n));
      work = k;
      for (int d = 0; d < dim; d++) {
        work[d * dim + d] += d < nf ? ridge : -ridge;
      }
      if (!DenseLu.factor(work, dim, piv)) {
        throw new IllegalStateException(owner + ": the KKT matrix of the backward is singular");
      }
    }
    DenseLu.solve(work, dim, piv, rhs);
    double[] dc = new double[n];
    for (int a = 0; a < nf; a++) {
      dc[free[a]] = -rhs[a];
    }
    double[] dh = new double[mi];
    for (int r = 0; r < na; r++) {
      dh[activeG[r]] = rhs[nf + r];
    }
    double[] db = Arrays.copyOfRange(rhs, nf + na, dim);
    return new QpGradients(dc, db, dh);
  }

  /** Rejects a Q that is not symmetric positive semidefinite (Cholesky of Q + δI with a tiny relative δ). */
  private void checkConvex(QpProblem p) {
    int n = p.n();
    double[] q = p.q();
    double scale = 1 + maxDiag(q, n);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Math.abs(q[i * n + j] - q[j * n + i]) > 1e-10 * scale) {
          throw new IllegalArgumentException(owner + ": Q must be symmetric, but Q[" + i + "][" + j + "]="
              + q[i * n + j] + " and Q[" + j + "][" + i + "]=" + q[j * n + i]);
        }
      }
    }
    double[] work = q.clone();
    for (int i = 0; i < n; i++) {
      work[i * n + i] += 1e-9 * scale;
    }
    if (!DenseCholesky.factor(work, n)) {
      throw new IllegalArgumentException(owner + ": Q is not positive semidefinite, so the QP is non-convex");
    }
  }

  static double maxAbs(double[] v) {
    double m = 0.0;
    for (double d : v) {
      m = Math.max(m, Math.abs(d));
    }
    return m;
  }

  private static double maxDiag(double[] q, int n) {
    double m = 0.0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(q[i * n + i]));
    }
    return m;
  }

  /** A Newton direction and its scratch. */
  private static final class Step {
    final double[] dx;
    final double[] dnu;
    final double[] ds;
    final double[] dlam;
    final double[] gdx;

    Step(int n, int me, int m) {
      dx = new double[n];
      dnu = new double[me];
      ds = new double[m];
      dlam = new double[m];
      gdx = new double[m];
    }
  }

  /**
   * The stacked inequality rows [G; −I_lower; I_upper] without forming the bound rows: row r &lt; mi is G's,
   * then one row per finite lower bound (−x_i ≤ −lower_i), then one per finite upper bound (x_i ≤ upper_i).
   */
  private final class Rows {
    final QpProblem p;
    final int m;
    final int[] lowerIdx;
    final int[] upperIdx;
    final double[] hAll;

    Rows(QpProblem p) {
      this.p = p;
      int n = p.n();
      lowerIdx = finiteIndices(p.lower(), n);
      upperIdx = finiteIndices(p.upper(), n);
      m = p.mi() + lowerIdx.length + upperIdx.length;
      hAll = new double[m];
      if (p.mi() > 0) {
        System.arraycopy(p.h(), 0, hAll, 0, p.mi());
      }
      for (int j = 0; j < lowerIdx.length; j++) {
        hAll[p.mi() + j] = -p.lower()[lowerIdx[j]];
      }
      for (int j = 0; j < upperIdx.length; j++) {
        hAll[p.mi() + lowerIdx.length + j] = p.upper()[upperIdx[j]];
      }
    }

    private int[] finiteIndices(double[] bound, int n) {
      if (bound == null) {
        return new int[0];
      }
      int count = 0;
      for (int i = 0; i < n; i++) {
        count += Double.isFinite(bound[i]) ? 1 : 0;
      }
      int[] idx = new int[count];
      int c = 0;
      for (int i = 0; i < n; i++) {
        if (Double.isFinite(bound[i])) {
          idx[c++] = i;
        }
      }
      return idx;
    }

    int boundIndex(int r) {
      int j = r - p.mi();
      return j < lowerIdx.length ? lowerIdx[j] : upperIdx[j - lowerIdx.length];
    }

    /** out = G_all x. */
    void apply(double[] x, double[] out) {
      int mi = p.mi();
      if (mi > 0) {
        kernels.gemv(mi, p.n(), 1.0, p.g(), 0, x, 0, 0.0, out, 0);
      }
      for (int j = 0; j < lowerIdx.length; j++) {
        out[mi + j] = -x[lowerIdx[j]];
      }
      int off = mi + lowerIdx.length;
      for (int j = 0; j < upperIdx.length; j++) {
        out[off + j] = x[upperIdx[j]];
      }
    }

    /** out += G_allᵀ y. */
    void addTransposed(double[] y, double[] out) {
      addTransposedScaled(1.0, y, out);
    }

    /** out += alpha·G_allᵀ y. */
    void addTransposedScaled(double alpha, double[] y, double[] out) {
      int mi = p.mi();
      if (mi > 0) {
        kernels.gemvTransposed(mi, p.n(), alpha, p.g(), 0, y, 0, 1.0, out, 0);
      }
      for (int j = 0; j < lowerIdx.length; j++) {
        out[lowerIdx[j]] -= alpha * y[mi + j];
      }
      int off = mi + lowerIdx.length;
      for (int j = 0; j < upperIdx.length; j++) {
        out[upperIdx[j]] += alpha * y[off + j];
      }
    }

    /** hMat += G_allᵀ diag(λ/s) G_all. */
    void addScaledGram(double[] lam, double[] s, double[] hMat) {
      int n = p.n();
      int mi = p.mi();
      for (int r = 0; r < mi; r++) {
        kernels.rank1Update(n, n, lam[r] / s[r], p.g(), r * n, p.g(), r * n, hMat, 0);
      }
      for (int j = 0; j < lowerIdx.length; j++) {
        int i = lowerIdx[j];
        hMat[i * n + i] += lam[mi + j] / s[mi + j];
      }
      int off = mi + lowerIdx.length;
      for (int j = 0; j < upperIdx.length; j++) {
        int i = upperIdx[j];
        hMat[i * n + i] += lam[off + j] / s[off + j];
      }
    }

    /** A cold start: inside finite boxes, one unit inside one-sided bounds, 0 otherwise. */
    void startingPoint(double[] x) {
      for (int i = 0; i < x.length; i++) {
        double lo = p.lower() == null ? Double.NEGATIVE_INFINITY : p.lower()[i];
        double up = p.upper() == null ? Double.POSITIVE_INFINITY : p.upper()[i];
        if (Double.isFinite(lo) && Double.isFinite(up)) {
          x[i] = 0.5 * (lo + up);
        } else if (Double.isFinite(lo)) {
          x[i] = lo + 1.0;
        } else if (Double.isFinite(up)) {
          x[i] = up - 1.0;
        } else {
          x[i] = 0.0;
        }
      }
    }

    /** The stacked multipliers of a result, in row order. */
    double[] gather(QpResult r) {
      double[] lam = new double[m];
      int mi = p.mi();
      if (mi > 0) {
        System.arraycopy(r.inequalityMultipliers(), 0, lam, 0, mi);
      }
      for (int j = 0; j < lowerIdx.length; j++) {
        lam[mi + j] = r.lowerMultipliers()[lowerIdx[j]];
      }
      int off = mi + lowerIdx.length;
      for (int j = 0; j < upperIdx.length; j++) {
        lam[off + j] = r.upperMultipliers()[upperIdx[j]];
      }
      return lam;
    }

    QpResult result(double[] x, double[] nu, double[] s, double[] lam, int iterations, double residual) {
      int n = p.n();
      int mi = p.mi();
      double[] lower = new double[n];
      double[] upper = new double[n];
      for (int j = 0; j < lowerIdx.length; j++) {
        lower[lowerIdx[j]] = lam[mi + j];
      }
      int off = mi + lowerIdx.length;
      for (int j = 0; j < upperIdx.length; j++) {
        upper[upperIdx[j]] = lam[off + j];
      }
      return new QpResult(x, nu, Arrays.copyOf(lam, mi), lower, upper, s, iterations, residual);
    }
  }
}
