package org.taskmet.core.mtl;

import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;

/**
 * A bias-free linear map z = W x with W ∈ R^{r×d} (row-major, the parameters): the capacity-limited shared
 * layer of the DRO stress test (mtl.md §4.4). Batched: Z = X Wᵀ (rows × r). Being linear in W, its
 * Jacobian does not depend on W, so the R-operator of the VJP is just Jᵀ ġ.
 */
public final class LinearTrunk implements Model {
  private static final DenseKernels KERNELS = Kernels.get();
  private final int inputs;
  private final int outputs;
  private final double initStd;

  /** @param initStd standard deviation of the N(0, initStd²) initial entries (0.1 in §4.4) */
  public LinearTrunk(int inputs, int outputs, double initStd) {
    if (inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException("linear trunk: sizes must be positive, got " + inputs + " -> " + outputs);
    }
    this.inputs = inputs;
    this.outputs = outputs;
    this.initStd = initStd;
  }

  @Override
  public int inputSize() {
    return inputs;
  }

  @Override
  public int outputSize() {
    return outputs;
  }

  @Override
  public int parameterCount() {
    return inputs * outputs;
  }

  @Override
  public double[] initialParameters(RandomGenerator rng) {
    double[] w = new double[parameterCount()];
    for (int i = 0; i < w.length; i++) {
      w[i] = initStd * rng.nextGaussian();
    }
    return w;
  }

  @Override
  public ForwardPass forward(double[] parameters, Matrix input) {
    if (input.cols() != inputs || parameters.length != parameterCount()) {
      throw new IllegalArgumentException("linear trunk " + inputs + "->" + outputs + ": input " + input.shape()
          + ", " + parameters.length + " parameters; expected rows x " + inputs + " and " + parameterCount());
    }
    double[] z = new double[input.rows() * outputs];
    KERNELS.gemm(false, true, input.rows(), outputs, inputs, 1.0, input.data(), parameters, 0.0, z);
    Matrix output = new Matrix(input.rows(), outputs, z);
    return new Pass(parameters, input, output);
  }

  @Override
  public double[] vjp(ForwardPass pass, Matrix outputCotangent) {
    // dW = dZᵀ X (r×d)
    double[] dw = new double[parameterCount()];
    Matrix x = pass.input();
    KERNELS.gemm(true, false, outputs, inputs, x.rows(), 1.0, outputCotangent.data(), x.data(), 0.0, dw);
    return dw;
  }

  @Override
  public Matrix jvp(ForwardPass pass, double[] parameterTangent) {
    Matrix x = pass.input();
    double[] dz = new double[x.rows() * outputs];
    KERNELS.gemm(false, true, x.rows(), outputs, inputs, 1.0, x.data(), parameterTangent, 0.0, dz);
    return new Matrix(x.rows(), outputs, dz);
  }

  @Override
  public double[] vjpTangent(ForwardPass pass, double[] parameterTangent, Matrix outputCotangent,
      Matrix outputCotangentTangent) {
    return vjp(pass, outputCotangentTangent);
  }

  private record Pass(double[] parameters, Matrix input, Matrix output) implements ForwardPass {}
}
