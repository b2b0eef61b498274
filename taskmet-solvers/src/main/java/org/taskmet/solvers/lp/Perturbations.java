package org.taskmet.solvers.lp;

import java.util.random.RandomGenerator;
import org.taskmet.api.Instance;
import org.taskmet.api.LinearOracle;

/**
 * M perturbed oracle calls z_m = argmax (perturbed ĉ)ᵀz with standard normal noises Z_m, and the estimators
 * built from them (Berthet et al. 2020, "Learning with differentiable perturbed optimizers"):
 * <ul>
 *   <li>{@link #mean()}: ẑ_σ(ĉ) ≈ E[z_m], the perturbed (smoothed) maximizer.</li>
 *   <li>{@link #dpoVjp}: the VJP of ẑ_σ. Additive: (Jᵀg)_j = 1/(σM) Σ_m (gᵀz_m)·Z_mj (Gaussian score
 *       function, ∇ν(Z) = Z). Multiplicative: the same divided by ĉ_j (the additive formula in log|ĉ|).</li>
 *   <li>{@link #fenchelYoungGradient}: ∇_ĉ F_σ(ĉ) with F_σ(ĉ) = E[max_z (perturbed ĉ)ᵀz]: additive E[z_m];
 *       multiplicative E[exp(σZ_m − σ²/2) ∘ z_m].</li>
 * </ul>
 * The noises come only from the generator passed to {@link #draw}: same seed ⇒ same estimates.
 */
public final class Perturbations {
  private final double[] c;
  private final double[][] noises;
  private final double[][] solutions;
  private final double[] objectives;
  private final PerturbationNoise noise;
  private final double sigma;

  private Perturbations(double[] c, double[][] noises, double[][] solutions, double[] objectives,
      PerturbationNoise noise, double sigma) {
    this.c = c;
    this.noises = noises;
    this.solutions = solutions;
    this.objectives = objectives;
    this.noise = noise;
    this.sigma = sigma;
  }

  /** Draws {@code samples} noises from {@code rng} and solves each perturbed problem with {@code oracle}. */
  public static Perturbations draw(LinearOracle oracle, Instance instance, double[] c, PerturbationNoise noise,
      double sigma, int samples, RandomGenerator rng) {
    if (rng == null) {
      throw new IllegalArgumentException("perturbed oracle: a seeded RandomGenerator is required to draw the noise");
    }
    int n = c.length;
    double[][] noises = new double[samples][n];
    double[][] sols = new double[samples][n];
    double[] objectives = new double[samples];
    double[] perturbed = new double[n];
    for (int m = 0; m < samples; m++) {
      for (int i = 0; i < n; i++) {
        noises[m][i] = rng.nextGaussian();
      }
      noise.perturb(c, noises[m], sigma, perturbed);
      oracle.argmax(perturbed, instance, sols[m]);
      double v = 0.0;
      for (int i = 0; i < n; i++) {
        v += perturbed[i] * sols[m][i];
      }
      objectives[m] = v;
    }
    return new Perturbations(c.clone(), noises, sols, objectives, noise, sigma);
  }

  public int samples() {
    return solutions.length;
  }

  /** E[z_m], the perturbed maximizer. */
  public double[] mean() {
    int n = c.length;
    double[] out = new double[n];
    for (double[] z : solutions) {
      for (int i = 0; i < n; i++) {
        out[i] += z[i];
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] /= solutions.length;
    }
    return out;
  }

  /** F̂_σ(ĉ) = mean_m max_z (perturbed ĉ)ᵀz, the Monte-Carlo estimate of the smoothed max. */
  public double smoothedMax() {
    double s = 0.0;
    for (double v : objectives) {
      s += v;
    }
    return s / objectives.length;
  }

  /** gᵀ ∂ẑ_σ/∂ĉ, the VJP of the perturbed maximizer (see the class javadoc). */
  public double[] dpoVjp(double[] g) {
    int n = c.length;
    double[] out = new double[n];
    for (int m = 0; m < solutions.length; m++) {
      double w = 0.0;
      for (int i = 0; i < n; i++) {
        w += g[i] * solutions[m][i];
      }
      for (int j = 0; j < n; j++) {
        out[j] += w * noises[m][j];
      }
    }
    double scale = 1.0 / (sigma * solutions.length);
    for (int j = 0; j < n; j++) {
      out[j] *= scale;
      if (noise == PerturbationNoise.MULTIPLICATIVE) {
        out[j] /= c[j];
      }
    }
    return out;
  }

  /** ∇_ĉ F̂_σ(ĉ) (see the class javadoc). */
  public double[] fenchelYoungGradient() {
    int n = c.length;
    double[] out = new double[n];
    for (int m = 0; m < solutions.length; m++) {
      for (int i = 0; i < n; i++) {
        double w = noise == PerturbationNoise.ADDITIVE ? 1.0 : Math.exp(sigma * noises[m][i] - 0.5 * sigma * sigma);
        out[i] += w * solutions[m][i];
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] /= solutions.length;
    }
    return out;
  }
}
