package org.taskmet.core.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * An element-wise {@link Activation} as a layer: a = σ(z). Reverse product g ⊙ σ'(z), forward product
 * σ'(z) ⊙ ż, R-operator of the reverse product ġ ⊙ σ'(z) + g ⊙ σ''(z) ⊙ ż (the last term vanishes for
 * piecewise-linear activations). The derivatives are computed from the output on first use.
 */
public final class ActivationLayer implements Layer {
  private final Activation activation;
  private final int size;

  public ActivationLayer(Activation activation, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("activation layer size must be >= 1, got " + size);
    }
    this.activation = activation;
    this.size = size;
  }

  public Activation activation() {
    return activation;
  }

  @Override
  public int inputSize() {
    return size;
  }

  @Override
  public int outputSize() {
    return size;
  }

  @Override
  public int parameterCount() {
    return 0;
  }

  @Override
  public void initialize(double[] theta, RandomGenerator rng, Initialization init) {
    // no parameters
  }

  @Override
  public String describe() {
    return activation.label();
  }

  @Override
  public Layer.Pass forward(double[] theta, int rows, double[] x) {
    double[] a = new double[rows * size];
    activation.apply(x, a, a.length);
    return new Pass(a);
  }

  private final class Pass implements Layer.Pass {
    private final double[] a;
    private double[] d1;
    private double[] d2;

    Pass(double[] a) {
      this.a = a;
    }

    @Override
    public double[] output() {
      return a;
    }

    private double[] firstDerivative() {
      if (d1 == null) {
        d1 = new double[a.length];
        activation.firstDerivative(a, d1, a.length);
      }
      return d1;
    }

    @Override
    public void backward(double[] gOut, double[] grad, double[] gIn) {
      if (gIn != null) {
        multiply(gOut, firstDerivative(), gIn);
      }
    }

    @Override
    public void tangent(double[] xDot, double[] thetaDot, double[] outDot) {
      if (xDot == null) {
        Arrays.fill(outDot, 0, a.length, 0.0);
      } else {
        multiply(xDot, firstDerivative(), outDot);
      }
    }

    @Override
    public void backwardTangent(double[] xDot, double[] thetaDot, double[] gOut, double[] gOutDot, double[] gradDot,
        double[] gIn, double[] gInDot) {
      double[] s1 = firstDerivative();
      if (gIn != null) {
        multiply(gOut, s1, gIn);
      }
      if (gInDot == null) {
        return;
      }
      multiply(gOutDot, s1, gInDot);
      if (xDot != null && !activation.piecewiseLinear()) {
        if (d2 == null) {
          d2 = new double[a.length];
          activation.secondDerivative(a, d2, a.length);
        }
        for (int i = 0; i < a.length; i++) {
          gInDot[i] += gOut[i] * d2[i] * xDot[i];
        }
      }
    }
  }

  private static void multiply(double[] u, double[] v, double[] out) {
    for (int i = 0; i < v.length; i++) {
      out[i] = u[i] * v[i];
    }
  }
}
