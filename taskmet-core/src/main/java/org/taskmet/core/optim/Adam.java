package org.taskmet.core.optim;

import java.util.Arrays;
import java.util.List;

/**
 * Adam with PyTorch's {@code torch.optim.Adam} semantics: L2 weight decay added to the gradient (not
 * decoupled), bias-corrected moments, ε added after the bias-corrected square root:
 * <pre>
 *   g ← g + λθ;  m ← m + (1−β₁)(g − m);  v ← β₂v + (1−β₂)g²
 *   θ ← θ − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)
 * </pre>
 */
public final class Adam implements Optimizer {
  /**
   * @param learningRate lr (PyTorch default 1e-3)
   * @param beta1 first-moment decay (0.9)
   * @param beta2 second-moment decay (0.999)
   * @param epsilon ε (1e-8)
   * @param weightDecay L2 penalty λ (0)
   */
  public record Settings(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
    public Settings {
      check("learningRate", learningRate, learningRate >= 0, ">= 0");
      check("beta1", beta1, beta1 >= 0 && beta1 < 1, "in [0, 1)");
      check("beta2", beta2, beta2 >= 0 && beta2 < 1, "in [0, 1)");
      check("epsilon", epsilon, epsilon >= 0, ">= 0");
      check("weightDecay", weightDecay, weightDecay >= 0, ">= 0");
    }

    /** PyTorch's defaults with the given learning rate. */
    public static Settings of(double learningRate) {
      return new Settings(learningRate, 0.9, 0.999, 1e-8, 0.0);
    }

    public Settings withWeightDecay(double wd) {
      return new Settings(learningRate, beta1, beta2, epsilon, wd);
    }

    static void check(String field, double value, boolean ok, String range) {
      if (!ok || !Double.isFinite(value)) {
        throw new IllegalArgumentException("adam." + field + " = " + value + "; expected a finite value " + range);
      }
    }
  }

  private final int size;
  private final Settings settings;
  private double learningRate;
  private final double[] m;
  private final double[] v;
  private long steps;

  public Adam(int size, Settings settings) {
    if (size < 0) {
      throw new IllegalArgumentException("optimizer size must be >= 0, got " + size);
    }
    this.size = size;
    this.settings = settings;
    this.learningRate = settings.learningRate();
    this.m = new double[size];
    this.v = new double[size];
  }

  public Adam(int size, double learningRate) {
    this(size, Settings.of(learningRate));
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    return "adam";
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void step(double[] parameters, double[] gradient) {
    checkStep(size, parameters, gradient);
    steps++;
    double b1 = settings.beta1();
    double b2 = settings.beta2();
    double wd = settings.weightDecay();
    double stepSize = learningRate / (1 - Math.pow(b1, steps));
    double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, steps));
    double eps = settings.epsilon();
    for (int i = 0; i < size; i++) {
      double g = wd == 0 ? gradient[i] : gradient[i] + wd * parameters[i];
      m[i] += (1 - b1) * (g - m[i]);
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      parameters[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / bc2Sqrt + eps);
    }
  }

  @Override
  public double learningRate() {
    return learningRate;
  }

  @Override
  public void setLearningRate(double lr) {
    Settings.check("learningRate", lr, lr >= 0, ">= 0");
    this.learningRate = lr;
  }

  /** Updates taken so far. */
  public long steps() {
    return steps;
  }

  @Override
  public OptimizerState state() {
    return new OptimizerState(name(), steps, List.of(m, v));
  }

  @Override
  public void restore(OptimizerState state) {
    state.checkCompatible(name(), size, 2);
    System.arraycopy(state.buffers().get(0), 0, m, 0, size);
    System.arraycopy(state.buffers().get(1), 0, v, 0, size);
    steps = state.steps();
  }

  @Override
  public void reset() {
    Arrays.fill(m, 0);
    Arrays.fill(v, 0);
    steps = 0;
  }

  static void checkStep(int size, double[] parameters, double[] gradient) {
    if (parameters.length != size || gradient.length != size) {
      throw new IllegalArgumentException("optimizer of size " + size + " got parameters of length "
          + parameters.length + " and gradient of length " + gradient.length);
    }
    for (int i = 0; i < size; i++) {
      if (!Double.isFinite(gradient[i])) {
        throw new IllegalArgumentException("gradient[" + i + "] is not finite: " + gradient[i]);
      }
    }
  }
}
