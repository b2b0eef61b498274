package org.taskmet.core.mtl.flat;

import org.taskmet.core.optim.Optimizer;

/**
 * SAM (Foret et al. 2021) and ASAM (Kwon et al. 2021) around any base {@link Optimizer}: each step
 * evaluates the gradient g at θ, moves to θ + ε with ε = ρ·T²⊙g/‖T⊙g‖ (T = I for SAM, |θ| for ASAM; one
 * norm over all parameters), takes the gradient there, and lets the base optimizer step from θ with it.
 * Costs two gradient evaluations per step.
 */
public final class SharpnessAwareOptimizer {
  /** A differentiable objective: returns its value at {@code parameters} and writes the gradient. */
  @FunctionalInterface
  public interface Objective {
    double valueAndGradient(double[] parameters, double[] gradientOut);
  }

  private final Optimizer base;
  private final double rho;
  private final boolean adaptive;

  /**
   * @param rho neighbourhood radius ρ &gt; 0 (ASAM's best in davda54/sam: 2.0; SAM typically 0.05)
   * @param adaptive ASAM (T = |θ|) instead of SAM
   */
  public SharpnessAwareOptimizer(Optimizer base, double rho, boolean adaptive) {
    if (!(rho > 0) || !Double.isFinite(rho)) {
      throw new IllegalArgumentException("sam.rho = " + rho + "; expected a finite value > 0");
    }
    this.base = base;
    this.rho = rho;
    this.adaptive = adaptive;
  }

  /** One SAM/ASAM step in place; returns the objective at the unperturbed θ. */
  public double step(double[] parameters, Objective objective) {
    double[] sharpness = new double[parameters.length];
    double value = sharpnessGradient(parameters, objective, sharpness);
    base.step(parameters, sharpness);
    return value;
  }

  /**
   * Writes the SAM gradient ∇f(θ + ε(θ)) (first-order SAM: ε held fixed, as in the reference code) into
   * {@code gradientOut}; returns f(θ).
   */
  public double sharpnessGradient(double[] parameters, Objective objective, double[] gradientOut) {
    int p = parameters.length;
    double[] g = new double[p];
    double value = objective.valueAndGradient(parameters, g);
    double[] epsilon = new double[p];
    SharpnessPerturbation.perturb(parameters, g, new int[] {0}, new int[] {p}, rho, adaptive, epsilon);
    double[] perturbed = parameters.clone();
    for (int i = 0; i < p; i++) {
      perturbed[i] += epsilon[i];
    }
    objective.valueAndGradient(perturbed, gradientOut);
    return value;
  }

  public Optimizer base() {
    return base;
  }
}
