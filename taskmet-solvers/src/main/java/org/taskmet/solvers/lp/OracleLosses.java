package org.taskmet.solvers.lp;

import java.util.random.RandomGenerator;
import org.taskmet.api.Instance;
import org.taskmet.api.LinearOracle;

/**
 * Oracle-only surrogate losses for linear objectives, in taskmet's maximization convention (reward c, decision
 * z*(c) = argmax_{z∈𝒵} cᵀz, regret cᵀz*(c) − cᵀz*(ĉ) ≥ 0). Each returns the reported loss and its
 * (sub)gradient in ĉ separately, plus the decision z*(ĉ) for logging and regret.
 */
public final class OracleLosses {
  private OracleLosses() {}

  /**
   * @param loss the reported loss value
   * @param gradient d loss / dĉ (a subgradient where the loss is not differentiable)
   * @param decision z*(ĉ), the oracle's decision for the predictions
   */
  public record LossGradient(double loss, double[] gradient, double[] decision) {}

  /**
   * SPO+ (Elmachtoub &amp; Grigas), maximization form:
   * ℓ(ĉ, c) = max_z (2ĉ − c)ᵀz − 2ĉᵀz*(c) + cᵀz*(c) ≥ regret-type upper bound, convex in ĉ, 0 at ĉ = c;
   * subgradient 2(z*(2ĉ − c) − z*(c)). (The minimization form of PyEPO, with costs −c, is the same function.)
   */
  public static LossGradient spoPlus(LinearOracle oracle, Instance instance, double[] cHat, double[] c) {
    int n = cHat.length;
    double[] zTrue = new double[n];
    oracle.argmax(c, instance, zTrue);
    double[] grad = new double[n];
    double loss = spoPlus(oracle, instance, cHat, c, zTrue, grad);
    double[] zHat = new double[n];
    oracle.argmax(cHat, instance, zHat);
    return new LossGradient(loss, grad, zHat);
  }

  /**
   * SPO+ when an optimal decision z*(c) for the true rewards is already known (PyEPO's {@code optDataset}
   * precomputes it): one oracle call, for z*(2ĉ − c). Writes the subgradient into {@code gradient} and returns
   * the loss.
   */
  public static double spoPlus(LinearOracle oracle, Instance instance, double[] cHat, double[] c, double[] zTrue,
      double[] gradient) {
    int n = cHat.length;
    double[] shifted = new double[n];
    for (int i = 0; i < n; i++) {
      shifted[i] = 2 * cHat[i] - c[i];
    }
    double[] zShifted = new double[n];
    oracle.argmax(shifted, instance, zShifted);
    double loss = 0.0;
    for (int i = 0; i < n; i++) {
      loss += shifted[i] * zShifted[i] - 2 * cHat[i] * zTrue[i] + c[i] * zTrue[i];
      gradient[i] = 2 * (zShifted[i] - zTrue[i]);
    }
    return loss;
  }

  /**
   * Perturbed Fenchel–Young loss (Berthet et al.), maximization form:
   * ℓ(ĉ; z_true) = F_σ(ĉ) − ĉᵀz_true (+ Ω(z_true), a constant in ĉ that is not reported), with
   * F_σ(ĉ) = E[max_z (perturbed ĉ)ᵀz] estimated from {@code samples} draws; gradient ∇F_σ(ĉ) − z_true
   * (= ẑ_σ(ĉ) − z_true for additive noise).
   */
  public static LossGradient fenchelYoung(LinearOracle oracle, Instance instance, double[] cHat, double[] zTrue,
      PerturbationNoise noise, double sigma, int samples, RandomGenerator rng) {
    Perturbations p = Perturbations.draw(oracle, instance, cHat, noise, sigma, samples, rng);
    return fenchelYoung(oracle, instance, cHat, zTrue, p);
  }

  static LossGradient fenchelYoung(LinearOracle oracle, Instance instance, double[] cHat, double[] zTrue,
      Perturbations p) {
    int n = cHat.length;
    double[] grad = new double[n];
    double loss = fenchelYoung(p, cHat, zTrue, grad);
    double[] zHat = new double[n];
    oracle.argmax(cHat, instance, zHat);
    return new LossGradient(loss, grad, zHat);
  }

  /**
   * The Fenchel–Young loss from perturbed solves already drawn at ĉ (no further oracle call): writes
   * ∇F_σ(ĉ) − z_true into {@code gradient} and returns F̂_σ(ĉ) − ĉᵀz_true.
   */
  public static double fenchelYoung(Perturbations p, double[] cHat, double[] zTrue, double[] gradient) {
    double[] grad = p.fenchelYoungGradient();
    double loss = p.smoothedMax();
    for (int i = 0; i < cHat.length; i++) {
      gradient[i] = grad[i] - zTrue[i];
      loss -= cHat[i] * zTrue[i];
    }
    return loss;
  }
}
