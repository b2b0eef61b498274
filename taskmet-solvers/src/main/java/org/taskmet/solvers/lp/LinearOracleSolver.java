package org.taskmet.solvers.lp;

import java.util.random.RandomGenerator;
import org.taskmet.api.Instance;
import org.taskmet.api.LinearDecisionProblem.Sense;
import org.taskmet.api.LinearOracle;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;

/**
 * A {@link Solver} for linear objectives over a feasible set given only by a {@link LinearOracle}: the
 * predictions (flattened row-major, length = the oracle's dimension) times the {@link Sense#sign() sense's sign}
 * are the predicted rewards ĉ (predicted costs are negated), and the decision maximizes ĉᵀz. The decision is
 * piecewise constant in ĉ, so {@link #vjp} returns the surrogate gradient of the configured {@link Family};
 * every family needs only oracle calls.
 *
 * <p>Formulas, with g = dL/dz the decision cotangent and z*(·) the oracle (maximization; PyEPO's
 * minimization formulas are the same with costs −c):
 * <ul>
 *   <li>{@link Family#DBB} (Vlastelica/Pogančić et al. 2020): decision z*(ĉ); gradient
 *       (z*(ĉ) − z*(ĉ − λg))/λ, the gradient of the piecewise-linear interpolation of L∘z* (λ = dbbLambda).</li>
 *   <li>{@link Family#NID} (negative identity, Sahoo et al. 2023): decision z*(ĉ); the solver Jacobian is
 *       replaced by +I (−I in the cost-minimization form), so the gradient is g itself.</li>
 *   <li>{@link Family#DPO} (perturbed optimizer): decision ẑ_σ(ĉ) = mean of z*(perturbed ĉ) over {@code samples}
 *       noises drawn in {@code solve}; gradient {@link Perturbations#dpoVjp}(g).</li>
 *   <li>{@link Family#SPO_PLUS} and {@link Family#FENCHEL_YOUNG}: losses rather than VJPs; they need the true
 *       reward c, which they read from the cotangent of the linear task loss L(z) = −cᵀz, c = −g (exact
 *       when the trainer passes the per-instance cotangent unscaled). Decision z*(ĉ). SPO+ returns
 *       2(z*(2ĉ − c) − z*(c)); Fenchel–Young returns ∇F_σ(ĉ) − z*(c) with the noises drawn in {@code solve}.
 *       To control scaling or see the loss value use {@link OracleLosses} directly.</li>
 * </ul>
 * Every formula works on rewards; under {@link Sense#MINIMIZE} the returned gradient is multiplied by −1 to
 * be the gradient in the predicted costs.
 */
public final class LinearOracleSolver implements Solver {
  /** The surrogate-gradient family; see the class javadoc for each formula. */
  public enum Family {
    SPO_PLUS,
    DPO,
    FENCHEL_YOUNG,
    DBB,
    NID
  }

  /**
   * @param family the gradient family
   * @param noise additive or multiplicative perturbation (DPO, Fenchel–Young)
   * @param sigma perturbation scale σ &gt; 0 (default 1.0)
   * @param samples perturbed oracle calls per solve (DPO, Fenchel–Young; default 10)
   * @param dbbLambda DBB interpolation λ &gt; 0 (default 10; PyEPO recommends 10–20)
   */
  public record Settings(Family family, PerturbationNoise noise, double sigma, int samples, double dbbLambda) {
    public Settings {
      if (family == null || noise == null) {
        throw new IllegalArgumentException("family and noise must not be null");
      }
      if (!(sigma > 0) || !Double.isFinite(sigma)) {
        throw new IllegalArgumentException("sigma: got " + sigma + ", expected a finite value > 0");
      }
      if (samples < 1) {
        throw new IllegalArgumentException("samples: got " + samples + ", expected >= 1");
      }
      if (!(dbbLambda > 0) || !Double.isFinite(dbbLambda)) {
        throw new IllegalArgumentException("dbbLambda: got " + dbbLambda + ", expected a finite value > 0");
      }
    }

    public static Settings of(Family family) {
      return new Settings(family, PerturbationNoise.ADDITIVE, 1.0, 10, 10.0);
    }
  }

  private final String name;
  private final LinearOracle oracle;
  private final int sign;
  private final Settings settings;

  /** A solver whose predictions are rewards ({@link Sense#MAXIMIZE}). */
  public LinearOracleSolver(String name, LinearOracle oracle, Settings settings) {
    this(name, oracle, Sense.MAXIMIZE, settings);
  }

  /** A solver whose predictions are rewards or, under {@link Sense#MINIMIZE}, costs. */
  public LinearOracleSolver(String name, LinearOracle oracle, Sense sense, Settings settings) {
    this.name = name;
    this.oracle = oracle;
    this.sign = sense.sign();
    this.settings = settings;
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
    int n = oracle.dimension(instance);
    if (predictions.data().length != n) {
      throw new IllegalArgumentException(name + ": predictions " + predictions.shape() + " hold "
          + predictions.data().length + " rewards but oracle '" + oracle.name() + "' expects " + n);
    }
    double[] c = predictions.data();
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(c[i])) {
        throw new IllegalArgumentException(name + ": predicted reward " + i + " is " + c[i] + ", expected finite");
      }
      if (usesPerturbations() && settings.noise() == PerturbationNoise.MULTIPLICATIVE && c[i] == 0.0) {
        throw new IllegalArgumentException(name + ": multiplicative noise needs non-zero rewards, but reward " + i
            + " is 0");
      }
    }
  }

  /** The oracle's argmax, except for {@link Family#DPO}, whose decision is a mean of perturbed argmaxes. */
  @Override
  public boolean globalOptimum() {
    return settings.family() != Family.DPO;
  }

  private boolean usesPerturbations() {
    return settings.family() == Family.DPO || settings.family() == Family.FENCHEL_YOUNG;
  }

  @Override
  public Solution solve(Matrix predictions, Instance instance, RandomGenerator rng) {
    validate(predictions, instance);
    double[] c = rewards(predictions.data());
    double[] z = new double[c.length];
    Perturbations perturbations = null;
    if (usesPerturbations()) {
      perturbations = Perturbations.draw(oracle, instance, c, settings.noise(), settings.sigma(), settings.samples(), rng);
    }
    if (settings.family() == Family.DPO) {
      z = perturbations.mean();
    } else {
      oracle.argmax(c, instance, z);
    }
    return new Solution(z, predictions, instance, 0, 0.0, perturbations);
  }

  @Override
  public Matrix vjp(Solution solution, double[] g) {
    Matrix pred = solution.predictions();
    double[] cHat = rewards(pred.data());
    int n = cHat.length;
    if (g.length != n) {
      throw new IllegalArgumentException(name + ": cotangent has length " + g.length + ", expected " + n);
    }
    Instance inst = solution.instance();
    double[] grad;
    switch (settings.family()) {
      case NID -> grad = g.clone();
      case DBB -> {
        double lambda = settings.dbbLambda();
        double[] shifted = new double[n];
        for (int i = 0; i < n; i++) {
          shifted[i] = cHat[i] - lambda * g[i];
        }
        double[] zShifted = new double[n];
        oracle.argmax(shifted, inst, zShifted);
        double[] z = solution.decision(); // z*(ĉ): the DBB forward is the hard decision
        grad = new double[n];
        for (int i = 0; i < n; i++) {
          grad[i] = (z[i] - zShifted[i]) / lambda;
        }
      }
      case DPO -> grad = perturbations(solution).dpoVjp(g);
      case SPO_PLUS -> grad = OracleLosses.spoPlus(oracle, inst, cHat, negated(g)).gradient();
      case FENCHEL_YOUNG -> {
        double[] zTrue = new double[n];
        oracle.argmax(negated(g), inst, zTrue);
        grad = OracleLosses.fenchelYoung(oracle, inst, cHat, zTrue, perturbations(solution)).gradient();
      }
      default -> throw new IllegalStateException("unknown family " + settings.family());
    }
    if (sign < 0) {
      for (int i = 0; i < n; i++) {
        grad[i] = -grad[i];
      }
    }
    return new Matrix(pred.rows(), pred.cols(), grad);
  }

  /** The predictions as rewards: themselves, or negated costs. */
  private double[] rewards(double[] predictions) {
    return sign > 0 ? predictions : negated(predictions);
  }

  private Perturbations perturbations(Solution solution) {
    if (!(solution.backwardState() instanceof Perturbations p)) {
      throw new IllegalArgumentException(name + ": the solution carries no perturbation samples; it was not computed"
          + " by this solver");
    }
    return p;
  }

  private static double[] negated(double[] g) {
    double[] c = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      c[i] = -g[i];
    }
    return c;
  }
}
