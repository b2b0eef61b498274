package org.taskmet.core.metric;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;

/**
 * TaskMet's per-sample metric network (reference §1.2, {@code MetricNN}): vec(L(x)) = W₂ ReLU(W₁x + b₁) + b₂
 * with L(x) an unconstrained n×n matrix, and Λ(x) = L(x) L(x)ᵀ + e^c I with a learned scalar c (init 0).
 *
 * <p>φ = [network parameters (PyTorch layout), c]. PyTorch default init; with {@code identityInit} the
 * output weights are divided by 100 and b₂ = vec(I) (the reference's optional identity init).
 */
public final class TaskMetMlpMetric extends AbstractMetric {
  private final Sequential net;
  private final boolean identityInit;

  public TaskMetMlpMetric(int inputSize, int outputSize, int hiddenUnits, boolean identityInit) {
    super(inputSize, outputSize);
    this.net = Sequential.mlp(inputSize, outputSize * outputSize, 1, hiddenUnits, Activation.RELU,
        Activation.IDENTITY, Initialization.pytorchDefault());
    this.identityInit = identityInit;
  }

  /** The network x ↦ vec(L(x)). */
  public Sequential network() {
    return net;
  }

  @Override
  public int parameterCount() {
    return net.parameterCount() + 1;
  }

  @Override
  public double[] initialParameters(RandomGenerator rng) {
    double[] phi = Arrays.copyOf(net.initialParameters(rng), parameterCount());
    if (identityInit) {
      var out = net.layers().get(1);
      for (int i = out.offset(); i < out.biasOffset(); i++) {
        phi[i] /= 100;
      }
      Arrays.fill(phi, out.biasOffset(), out.biasOffset() + n * n, 0.0);
      for (int i = 0; i < n; i++) {
        phi[out.biasOffset() + i * n + i] = 1.0;
      }
    }
    return phi;
  }

  @Override
  Pass evaluate(double[] phi, Matrix input) {
    Sequential.Pass netPass = net.forward(Arrays.copyOf(phi, net.parameterCount()), input);
    double[] l = netPass.output().data();
    double expC = Math.exp(phi[net.parameterCount()]);
    int rows = input.rows();
    double[] lambda = new double[rows * n * n];
    for (int r = 0; r < rows; r++) {
      FactorPlusIdentity.materialize(n, l, r * n * n, expC, lambda, r * n * n);
    }
    return new NetPass(this, phi, input, lambda, netPass, expC);
  }

  @Override
  public double[] bilinearGradient(ForwardPass pass, Matrix a, Matrix b, double[] rowWeights) {
    NetPass p = (NetPass) own(pass);
    checkBilinear(p, a, b, rowWeights);
    int rows = p.rows();
    double[] l = p.net.output().data();
    double[] gl = new double[rows * n * n];
    double[] work = new double[2 * n];
    double ab = 0;
    for (int r = 0; r < rows; r++) {
      FactorPlusIdentity.accumulateFactorGradient(n, l, r * n * n, a.data(), r * n, b.data(), r * n, rowWeights[r],
          gl, r * n * n, work);
      ab += rowWeights[r] * K.dot(a.data(), r * n, b.data(), r * n, n);
    }
    double[] g = Arrays.copyOf(net.vjp(p.net, new Matrix(rows, n * n, gl)), parameterCount());
    g[net.parameterCount()] = p.expC * ab;
    return g;
  }

  @Override
  public Matrix applyTangent(ForwardPass pass, double[] phiDot, Matrix v) {
    NetPass p = (NetPass) own(pass);
    checkRows("v", p, v);
    checkVector("metric parameter tangent", phiDot, parameterCount());
    double[] lDot = net.jvp(p.net, Arrays.copyOf(phiDot, net.parameterCount())).data();
    double[] l = p.net.output().data();
    double cDot = phiDot[net.parameterCount()];
    double[] out = new double[v.rows() * n];
    double[] work = new double[2 * n];
    for (int r = 0; r < v.rows(); r++) {
      FactorPlusIdentity.applyTangent(n, l, r * n * n, lDot, r * n * n, p.expC, cDot, v.data(), r * n, out, r * n,
          work);
    }
    return new Matrix(v.rows(), n, out);
  }

  @Override
  public String toString() {
    return "TaskMetMlpMetric[" + net.describe() + ", n=" + n + "]";
  }

  private static final class NetPass extends Pass {
    final Sequential.Pass net;
    final double expC;

    NetPass(AbstractMetric owner, double[] phi, Matrix input, double[] lambda, Sequential.Pass net, double expC) {
      super(owner, phi, input, lambda);
      this.net = net;
      this.expC = expC;
    }
  }
}
