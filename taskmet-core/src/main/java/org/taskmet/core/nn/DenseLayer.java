package org.taskmet.core.nn;

import java.util.random.RandomGenerator;

/** A {@link Dense} layer z = x Wᵀ + b inside a {@link LayerStack} (the products are Dense's). */
public final class DenseLayer implements Layer {
  private final Dense dense;
  private final boolean outputLayer;

  /** @param outputLayer whether the orthogonal initialization uses its output gain for this layer */
  public DenseLayer(Dense dense, boolean outputLayer) {
    this.dense = dense;
    this.outputLayer = outputLayer;
  }

  public Dense dense() {
    return dense;
  }

  @Override
  public int inputSize() {
    return dense.inputSize();
  }

  @Override
  public int outputSize() {
    return dense.outputSize();
  }

  @Override
  public int parameterCount() {
    return dense.parameterCount();
  }

  @Override
  public void initialize(double[] theta, RandomGenerator rng, Initialization init) {
    dense.initialize(theta, rng, init, outputLayer);
  }

  @Override
  public String describe() {
    return "dense" + dense.outputSize();
  }

  @Override
  public Layer.Pass forward(double[] theta, int rows, double[] x) {
    return new Pass(theta, rows, x);
  }

  private final class Pass implements Layer.Pass {
    private final int rows;
    private final double[] x;
    private final Dense.Weights w = dense.newWeights();
    private final Dense.Workspace workspace = new Dense.Workspace();
    private final double[] z;
    private final double[] wScratch = new double[dense.inputSize() * dense.outputSize()];
    private Dense.Weights wDot;

    Pass(double[] theta, int rows, double[] x) {
      this.rows = rows;
      this.x = x;
      w.load(theta);
      z = new double[rows * dense.outputSize()];
      dense.forward(rows, x, w, theta, z, workspace);
    }

    @Override
    public double[] output() {
      return z;
    }

    @Override
    public void backward(double[] gOut, double[] grad, double[] gIn) {
      dense.vjp(rows, x, w, gOut, grad, wScratch, gIn, workspace);
    }

    private Dense.Weights tangentWeights(double[] thetaDot) {
      if (wDot == null) {
        wDot = dense.newWeights();
      }
      wDot.load(thetaDot);
      return wDot;
    }

    @Override
    public void tangent(double[] xDot, double[] thetaDot, double[] outDot) {
      dense.jvp(rows, x, xDot, w, tangentWeights(thetaDot), thetaDot, outDot, workspace);
    }

    @Override
    public void backwardTangent(double[] xDot, double[] thetaDot, double[] gOut, double[] gOutDot, double[] gradDot,
        double[] gIn, double[] gInDot) {
      dense.vjpTangent(rows, x, xDot, w, tangentWeights(thetaDot), gOut, gOutDot, gradDot, wScratch, gInDot,
          workspace);
      if (gIn != null) {
        dense.inputCotangent(rows, w, gOut, gIn, workspace);
      }
    }
  }
}
