package org.taskmet.core.optim;

import java.util.Arrays;
import java.util.List;

/**
 * Stochastic gradient descent with PyTorch's {@code torch.optim.SGD} semantics:
 * <pre>
 *   d ← g + λθ;  b ← d (first step) or μb + (1−τ)d;  d ← d + μb (Nesterov) or b;  θ ← θ − lr·d
 * </pre>
 * (no buffer when μ = 0).
 */
public final class Sgd implements Optimizer {
  /**
   * @param learningRate lr
   * @param momentum μ (0 = plain SGD)
   * @param dampening τ
   * @param weightDecay L2 penalty λ
   * @param nesterov Nesterov momentum (needs μ > 0 and τ = 0)
   */
  public record Settings(double learningRate, double momentum, double dampening, double weightDecay,
      boolean nesterov) {
    public Settings {
      Adam.Settings.check("learningRate", learningRate, learningRate >= 0, ">= 0");
      Adam.Settings.check("momentum", momentum, momentum >= 0, ">= 0");
      Adam.Settings.check("dampening", dampening, dampening >= 0 && dampening <= 1, "in [0, 1]");
      Adam.Settings.check("weightDecay", weightDecay, weightDecay >= 0, ">= 0");
      if (nesterov && (momentum <= 0 || dampening != 0)) {
        throw new IllegalArgumentException("sgd.nesterov needs momentum > 0 and dampening = 0, got momentum="
            + momentum + " dampening=" + dampening);
      }
    }

    public static Settings of(double learningRate, double momentum) {
      return new Settings(learningRate, momentum, 0, 0, false);
    }
  }

  private final int size;
  private final Settings settings;
  private double learningRate;
  private final double[] buffer;
  private long steps;

  public Sgd(int size, Settings settings) {
    if (size < 0) {
      throw new IllegalArgumentException("optimizer size must be >= 0, got " + size);
    }
    this.size = size;
    this.settings = settings;
    this.learningRate = settings.learningRate();
    this.buffer = new double[size];
  }

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void step(double[] parameters, double[] gradient) {
    Adam.checkStep(size, parameters, gradient);
    double mu = settings.momentum();
    double wd = settings.weightDecay();
    double keep = 1 - settings.dampening();
    boolean first = steps == 0;
    steps++;
    for (int i = 0; i < size; i++) {
      double d = wd == 0 ? gradient[i] : gradient[i] + wd * parameters[i];
      if (mu != 0) {
        buffer[i] = first ? d : mu * buffer[i] + keep * d;
        d = settings.nesterov() ? d + mu * buffer[i] : buffer[i];
      }
      parameters[i] -= learningRate * d;
    }
  }

  @Override
  public double learningRate() {
    return learningRate;
  }

  @Override
  public void setLearningRate(double lr) {
    Adam.Settings.check("learningRate", lr, lr >= 0, ">= 0");
    this.learningRate = lr;
  }

  @Override
  public OptimizerState state() {
    return new OptimizerState(name(), steps, List.of(buffer));
  }

  @Override
  public void restore(OptimizerState state) {
    state.checkCompatible(name(), size, 1);
    System.arraycopy(state.buffers().get(0), 0, buffer, 0, size);
    steps = state.steps();
  }

  @Override
  public void reset() {
    Arrays.fill(buffer, 0);
    steps = 0;
  }
}
