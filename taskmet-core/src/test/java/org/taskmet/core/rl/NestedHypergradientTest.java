package org.taskmet.core.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.core.implicit.Hypergradient;
import org.taskmet.core.linalg.SolveOptions;
import org.taskmet.core.metric.NormalizedDiagonalMetric;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.optim.Adam;

/**
 * TaskMet's nested implicit gradient (reference §4.3) on a tiny instance (d = 6, 4 hidden units), against central
 * differences of the task loss with both inner problems re-solved to near machine precision at every perturbed
 * point: L_task(φ) = L_Q^real(ω*(θ*(φ))) with θ*(φ) solving ∇_θ L_pred(θ, φ) = c_θ and ω*(θ) solving
 * ∇_ω L_Q^model(ω; θ) = c_ω, ω̄ fixed. The constants c make the points reached by a few hundred Adam steps exact
 * solutions (see {@link StationaryPoints}); the implicit gradient does not depend on them.
 *
 * <p>The networks use tanh instead of ReLU: a ReLU network's losses are only piecewise smooth, so a central
 * difference can straddle two pieces. The gradient code does not depend on the activation (the networks' exact
 * products cover both).
 */
class NestedHypergradientTest {
  private static final int D = 6;
  private static final int HIDDEN = 4;
  private static final double TOLERANCE = 1e-13;
  private static final SolveOptions EXACT = new SolveOptions(0.0, 1, 0.0, 0.0, null);

  private final SplittableRandom rng = new SplittableRandom(2024);
  private final DynamicsModel model = new DynamicsModel(D, 2, HIDDEN, Activation.TANH);
  private final SoftDoubleQ q = new SoftDoubleQ(D, 2, HIDDEN, Activation.TANH, 0.99, 0.5);
  private final MetricParameterization metric = new NormalizedDiagonalMetric(model.inputSize(), D);
  private final Transitions real = RlFixtures.transitions(64, D, rng);
  private final Matrix x = model.inputs(real.observations(), real.actions());
  private final double[] omegaTarget = spread(q.initialParameters(rng), 0.3);
  private final double[] phi = {1.3, -0.4, 0.8, 2.1, 0.1, -1.0};
  /**
   * Exact solves at both levels: the Hessians need not be definite, and the model's is singular along its invariant
   * directions, where the pseudo-inverse gives the solution orthogonal to them (as CG-type solvers from zero do).
   */
  private final ImplicitGradients exact = new ImplicitGradients(q, AgentConfig.QLevel.CG,
      StationaryPoints.pseudoInverse(), EXACT, new Hypergradient(StationaryPoints.pseudoInverse(), EXACT));

  @Test
  void metricGradientMatchesFiniteDifferencesThroughBothInnerProblems() {
    double[] theta = adam(model.initialParameters(rng), t -> modelGradient(t, phi), 300);
    double[] cTheta = modelGradient(theta, phi);
    double[] y = modelTargets(theta);
    double[] omega = adam(q.initialParameters(rng), w -> qGradient(w, y), 300);
    double[] cOmega = qGradient(omega, y);
    // the first-layer bias and the one-hot action columns are redundant: one invariant direction per hidden unit of
    // the first layer, in both the state and the reward network; nothing else is singular
    StationaryPoints.Spectrum modelSpectrum = StationaryPoints.spectrum((t, v) -> modelHvp(t, phi, v), theta);
    assertThat(modelSpectrum.zeros()).isEqualTo(2 * HIDDEN);
    assertThat(modelSpectrum.smallestNonzero()).isGreaterThan(1e-7);
    StationaryPoints.Spectrum qSpectrum = StationaryPoints.spectrum((w, v) -> qLoss(w, y).hessianVectorProduct(v),
        omega);
    assertThat(qSpectrum.zeros()).isZero();
    assertThat(qSpectrum.smallestNonzero()).isGreaterThan(1e-7);

    DynamicsModel.PredictionLoss at = model.loss(theta, metric, phi, x, real.nextObservations(), real.rewards());
    ImplicitGradients.ModelGradient wrtTheta = exact.modelGradient(omega, omegaTarget, real, at.prediction());
    Hypergradient.Result wrtPhi = exact.metricGradient(at, wrtTheta.gradient());
    assertThat(StationaryPoints.norm(wrtPhi.gradientPhi())).isGreaterThan(1e-6); // not a vacuous check
    // the smallest curvatures are ~1e-6, so the task loss bends fast in φ: a small step keeps the central
    // difference's truncation error below the tolerance (Newton's 1e-13 residual keeps its rounding error small)
    new FiniteDifferenceCheck(5e-7, 1e-5, 1e-10, D).gradient("TaskMet nested hypergradient", p -> {
      double[] t = StationaryPoints.solve(s -> modelGradient(s, p), (s, v) -> modelHvp(s, p, v), cTheta, theta,
          TOLERANCE);
      return taskLoss(solveQ(t, cOmega, omega));
    }, wrtPhi.gradientPhi(), phi, rng);
  }

  @Test
  void omdModelGradientMatchesFiniteDifferencesThroughTheQProblem() {
    double[] theta = spread(model.initialParameters(rng), 0.3);
    double[] y = modelTargets(theta);
    double[] omega = adam(q.initialParameters(rng), w -> qGradient(w, y), 300);
    double[] cOmega = qGradient(omega, y);
    StationaryPoints.Spectrum qSpectrum = StationaryPoints.spectrum((w, v) -> qLoss(w, y).hessianVectorProduct(v),
        omega);
    assertThat(qSpectrum.zeros()).isZero();
    assertThat(qSpectrum.smallestNonzero()).isGreaterThan(1e-7);
    double[] g = exact.modelGradient(omega, omegaTarget, real, model.predict(theta, x)).gradient();
    assertThat(StationaryPoints.norm(g)).isGreaterThan(1e-6);
    new FiniteDifferenceCheck(1e-5, 1e-5, 1e-10, 12).gradient("OMD implicit model gradient",
        t -> taskLoss(solveQ(t, cOmega, omega)), g, theta, rng);
  }

  /** With the identity at the Q level the gradient is the mixed product −(∂²L_Q/∂θ∂ω)ᵀ∇_ω L_task alone. */
  @Test
  void identityQLevelIsTheMixedSecondDerivativeOfTheQLoss() {
    double[] theta = spread(model.initialParameters(rng), 0.3);
    double[] omega = spread(q.initialParameters(rng), 0.3);
    ImplicitGradients identity = new ImplicitGradients(q, AgentConfig.QLevel.IDENTITY,
        StationaryPoints.pseudoInverse(), EXACT, new Hypergradient(StationaryPoints.pseudoInverse(), EXACT));
    double[] taskGradient = q.loss(omega, real.observations(), real.actions(), realTargets()).gradient();
    double[] g = identity.modelGradient(omega, omegaTarget, real, model.predict(theta, x)).gradient();
    new FiniteDifferenceCheck(1e-6, 1e-6, 1e-10, 40).gradient("−∂(∇_ω L_Q·g)/∂θ",
        t -> -SoftDoubleQTest.dot(qGradient(omega, modelTargets(t)), taskGradient), g, theta, rng);
  }

  private double[] spread(double[] p, double scale) {
    for (int i = 0; i < p.length; i++) {
      p[i] += scale * rng.nextGaussian();
    }
    return p;
  }

  private static double[] adam(double[] start, java.util.function.Function<double[], double[]> gradient, int steps) {
    double[] p = start.clone();
    Adam adam = new Adam(p.length, 1e-2);
    for (int i = 0; i < steps; i++) {
      adam.step(p, gradient.apply(p));
    }
    return p;
  }

  private DynamicsModel.PredictionLoss modelLoss(double[] theta, double[] metricParameters) {
    return model.loss(theta, metric, metricParameters, x, real.nextObservations(), real.rewards());
  }

  private double[] modelGradient(double[] theta, double[] metricParameters) {
    return modelLoss(theta, metricParameters).gradient();
  }

  private double[] modelHvp(double[] theta, double[] metricParameters, double[] v) {
    double[] out = new double[v.length];
    modelLoss(theta, metricParameters).hessian().apply(v, out);
    return out;
  }

  /** The Bellman targets of the model's transitions at θ (from the fixed ω̄). */
  private double[] modelTargets(double[] theta) {
    DynamicsModel.Prediction p = model.predict(theta, x);
    return q.targets(omegaTarget, p.nextObservations(), p.rewards(), real.notDone()).values();
  }

  /** ω*(θ): the Q problem on the model's transitions at θ, re-solved from ω₀ to the tilted stationary point. */
  private double[] solveQ(double[] theta, double[] cOmega, double[] omega0) {
    double[] y = modelTargets(theta);
    return StationaryPoints.solve(w -> qGradient(w, y), (w, v) -> qLoss(w, y).hessianVectorProduct(v), cOmega, omega0,
        TOLERANCE);
  }

  private SoftDoubleQ.BellmanLoss qLoss(double[] omega, double[] targets) {
    return q.loss(omega, real.observations(), real.actions(), targets);
  }

  private double[] qGradient(double[] omega, double[] targets) {
    return qLoss(omega, targets).gradient().clone();
  }

  private double[] realTargets() {
    return q.targets(omegaTarget, real.nextObservations(), real.rewards(), real.notDone()).values();
  }

  private double taskLoss(double[] omega) {
    return q.loss(omega, real.observations(), real.actions(), realTargets()).value();
  }
}
