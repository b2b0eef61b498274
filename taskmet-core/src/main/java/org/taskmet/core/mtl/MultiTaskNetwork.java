package org.taskmet.core.mtl;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;

/**
 * A shared trunk with one linear head per task: ŷ_k = head_k(trunk(x)), head_k(z) = z V_k + b_k.
 *
 * <p>Flat parameter layout: {@code [trunk (P_shared) | head 0 | head 1 | … ]}, head k = V_k
 * (H × c_k row-major, H = trunk output size) followed by b_k (c_k values, only when heads have a bias).
 * Any {@link Model} can be the trunk (an MLP from {@code org.taskmet.core.nn}, or {@link LinearTrunk}).
 *
 * <p>{@link #taskGradients} gives every task's loss, its gradient on the shared parameters and on its own
 * head. With a shared-input batch the trunk runs forward once and backward once per task (reusing the
 * forward pass); with per-task inputs each task has its own forward pass.
 */
public final class MultiTaskNetwork {
  private static final DenseKernels KERNELS = Kernels.get();
  private final Model trunk;
  private final int[] headOutputs;
  private final boolean headBias;
  private final List<TaskLoss> losses;
  private final int[] headOffsets;
  private final int parameterCount;

  /**
   * @param trunk shared model, input F → H
   * @param headOutputs c_k, the output width of each task head
   * @param headBias whether heads have a bias b_k
   * @param losses the loss of each task
   */
  public MultiTaskNetwork(Model trunk, int[] headOutputs, boolean headBias, List<TaskLoss> losses) {
    if (headOutputs.length == 0 || headOutputs.length != losses.size()) {
      throw new IllegalArgumentException("multi-task network: " + headOutputs.length + " heads and " + losses.size()
          + " losses; expected the same positive number");
    }
    this.trunk = trunk;
    this.headOutputs = headOutputs.clone();
    this.headBias = headBias;
    this.losses = List.copyOf(losses);
    this.headOffsets = new int[headOutputs.length + 1];
    headOffsets[0] = trunk.parameterCount();
    for (int k = 0; k < headOutputs.length; k++) {
      if (headOutputs[k] < 1) {
        throw new IllegalArgumentException("multi-task network: head " + k + " has " + headOutputs[k]
            + " outputs; expected at least 1");
      }
      headOffsets[k + 1] = headOffsets[k] + headParameterCount(k);
    }
    this.parameterCount = headOffsets[headOutputs.length];
  }

  public int taskCount() {
    return headOutputs.length;
  }

  public Model trunk() {
    return trunk;
  }

  /** P_shared: the trunk's parameters occupy indices [0, P_shared). */
  public int sharedParameterCount() {
    return trunk.parameterCount();
  }

  /** Start index of head k's parameters in the flat vector. */
  public int headOffset(int k) {
    return headOffsets[k];
  }

  public int headParameterCount(int k) {
    return trunk.outputSize() * headOutputs[k] + (headBias ? headOutputs[k] : 0);
  }

  public int parameterCount() {
    return parameterCount;
  }

  /** Trunk parameters from the trunk's own initialisation; heads uniform ±1/√H (nn.Linear's default). */
  public double[] initialParameters(RandomGenerator rng) {
    double[] theta = new double[parameterCount];
    double[] trunkInit = trunk.initialParameters(rng);
    System.arraycopy(trunkInit, 0, theta, 0, trunkInit.length);
    double bound = 1 / Math.sqrt(trunk.outputSize());
    for (int i = headOffsets[0]; i < parameterCount; i++) {
      theta[i] = (2 * rng.nextDouble() - 1) * bound;
    }
    return theta;
  }

  /** Task k's predictions (rows × c_k) on {@code input}. */
  public Matrix predict(double[] parameters, Matrix input, int k) {
    requireLength(parameters);
    return head(parameters, trunk.forward(sharedParameters(parameters), input).output(), k);
  }

  /** Every task's predictions on {@code input} from one trunk forward pass: element k is rows × c_k. */
  public List<Matrix> predictAll(double[] parameters, Matrix input) {
    requireLength(parameters);
    Matrix z = trunk.forward(sharedParameters(parameters), input).output();
    Matrix[] out = new Matrix[taskCount()];
    for (int k = 0; k < out.length; k++) {
      out[k] = head(parameters, z, k);
    }
    return List.of(out);
  }

  /** Every task's loss and gradients at {@code parameters} on {@code batch}. */
  public TaskGradients taskGradients(double[] parameters, MultiTaskBatch batch) {
    requireLength(parameters);
    requireTasks(batch);
    int k = taskCount();
    double[] shared = sharedParameters(parameters);
    double[] taskLosses = new double[k];
    double[] sharedGrads = new double[k * shared.length];
    double[][] headGrads = new double[k][];
    ForwardPass pass = null;
    for (int t = 0; t < k; t++) {
      if (pass == null || !batch.isShared()) {
        pass = trunk.forward(shared, batch.input(t));
      }
      headGrads[t] = new double[headParameterCount(t)];
      double[] trunkGrad = new double[shared.length];
      taskLosses[t] = backward(parameters, pass, batch.targets(t), t, trunkGrad, headGrads[t]);
      System.arraycopy(trunkGrad, 0, sharedGrads, t * shared.length, shared.length);
    }
    return new TaskGradients(taskLosses, new Matrix(k, shared.length, sharedGrads), headGrads);
  }

  /**
   * Task k alone at {@code parameters}: writes ∇_shared ℓ_k into {@code sharedGradientOut} (length P_shared)
   * and ∇_{head k} ℓ_k into {@code headGradientOut}, returns ℓ_k. Used for perturbed (SAM) passes.
   */
  public double taskGradient(double[] parameters, MultiTaskBatch batch, int k, double[] sharedGradientOut,
      double[] headGradientOut) {
    requireLength(parameters);
    requireTasks(batch);
    ForwardPass pass = trunk.forward(sharedParameters(parameters), batch.input(k));
    return backward(parameters, pass, batch.targets(k), k, sharedGradientOut, headGradientOut);
  }

  /** Task k's loss at {@code parameters} (forward only). */
  public double taskLoss(double[] parameters, MultiTaskBatch batch, int k) {
    Matrix prediction = predict(parameters, batch.input(k), k);
    return losses.get(k).valueAndGradient(prediction, batch.targets(k),
        Matrix.zeros(prediction.rows(), prediction.cols()));
  }

  private double backward(double[] parameters, ForwardPass pass, Matrix targets, int k, double[] trunkGradOut,
      double[] headGradOut) {
    Matrix z = pass.output();
    int n = z.rows();
    int h = z.cols();
    int c = headOutputs[k];
    Matrix prediction = head(parameters, z, k);
    Matrix dPrediction = Matrix.zeros(n, c);
    double value = losses.get(k).valueAndGradient(prediction, targets, dPrediction);
    if (!Double.isFinite(value)) {
      throw new IllegalStateException("loss of task " + k + " is " + value + " (diverged or invalid targets)");
    }
    double[] v = Arrays.copyOfRange(parameters, headOffsets[k], headOffsets[k] + h * c);
    // dV = Zᵀ dP (H×c), db = column sums of dP, dZ = dP Vᵀ (n×H)
    double[] dV = new double[h * c];
    KERNELS.gemm(true, false, h, c, n, 1.0, z.data(), dPrediction.data(), 0.0, dV);
    System.arraycopy(dV, 0, headGradOut, 0, h * c);
    if (headBias) {
      Arrays.fill(headGradOut, h * c, h * c + c, 0.0);
      for (int i = 0; i < n; i++) {
        KERNELS.axpy(1.0, dPrediction.data(), i * c, headGradOut, h * c, c);
      }
    }
    double[] dZ = new double[n * h];
    KERNELS.gemm(false, true, n, h, c, 1.0, dPrediction.data(), v, 0.0, dZ);
    double[] g = trunk.vjp(pass, new Matrix(n, h, dZ));
    System.arraycopy(g, 0, trunkGradOut, 0, g.length);
    return value;
  }

  private Matrix head(double[] parameters, Matrix z, int k) {
    int n = z.rows();
    int h = z.cols();
    int c = headOutputs[k];
    double[] v = Arrays.copyOfRange(parameters, headOffsets[k], headOffsets[k] + h * c);
    double[] out = new double[n * c];
    KERNELS.gemm(false, false, n, c, h, 1.0, z.data(), v, 0.0, out);
    if (headBias) {
      for (int i = 0; i < n; i++) {
        KERNELS.axpy(1.0, parameters, headOffsets[k] + h * c, out, i * c, c);
      }
    }
    return new Matrix(n, c, out);
  }

  private double[] sharedParameters(double[] parameters) {
    return Arrays.copyOf(parameters, trunk.parameterCount());
  }

  private void requireLength(double[] parameters) {
    if (parameters.length != parameterCount) {
      throw new IllegalArgumentException("multi-task network: parameter vector has " + parameters.length
          + " values, expected " + parameterCount);
    }
  }

  private void requireTasks(MultiTaskBatch batch) {
    if (batch.taskCount() != taskCount()) {
      throw new IllegalArgumentException("multi-task network has " + taskCount() + " tasks but the batch has "
          + batch.taskCount());
    }
  }
}
