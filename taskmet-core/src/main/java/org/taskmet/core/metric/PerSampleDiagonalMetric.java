package org.taskmet.core.metric;

import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;

/**
 * A per-sample diagonal metric: o(x) = W₂ ReLU(W₁x + b₁) + b₂ ∈ ℝⁿ and Λ(x) = diag(softplus(o(x))).
 * φ is the network's parameters (PyTorch layout and default init).
 */
public final class PerSampleDiagonalMetric extends AbstractMetric {
  private final Sequential net;

  public PerSampleDiagonalMetric(int inputSize, int outputSize, int hiddenUnits) {
    super(inputSize, outputSize);
    this.net = Sequential.mlp(inputSize, outputSize, 1, hiddenUnits, Activation.RELU, Activation.IDENTITY,
        Initialization.pytorchDefault());
  }

  @Override
  public int parameterCount() {
    return net.parameterCount();
  }

  @Override
  public double[] initialParameters(RandomGenerator rng) {
    return net.initialParameters(rng);
  }

  @Override
  Pass evaluate(double[] phi, Matrix input) {
    Sequential.Pass netPass = net.forward(phi, input);
    double[] o = netPass.output().data();
    double[] d = new double[o.length];
    for (int i = 0; i < o.length; i++) {
      d[i] = Activation.softplus(o[i]);
    }
    return new NetPass(this, phi, input, d, netPass);
  }

  @Override
  public Matrix apply(ForwardPass pass, Matrix v) {
    Pass p = own(pass);
    checkRows("v", p, v);
    return DiagonalRows.apply(p, v, n);
  }

  @Override
  public double[] bilinearGradient(ForwardPass pass, Matrix a, Matrix b, double[] rowWeights) {
    NetPass p = (NetPass) own(pass);
    checkBilinear(p, a, b, rowWeights);
    double[] o = p.net.output().data();
    double[] g = new double[o.length];
    double[] ad = a.data();
    double[] bd = b.data();
    for (int r = 0; r < p.rows(); r++) {
      for (int i = 0; i < n; i++) {
        int k = r * n + i;
        g[k] = rowWeights[r] * Activation.sigmoid(o[k]) * ad[k] * bd[k];
      }
    }
    return net.vjp(p.net, new Matrix(p.rows(), n, g));
  }

  @Override
  public Matrix applyTangent(ForwardPass pass, double[] phiDot, Matrix v) {
    NetPass p = (NetPass) own(pass);
    checkRows("v", p, v);
    checkVector("metric parameter tangent", phiDot, parameterCount());
    double[] oDot = net.jvp(p.net, phiDot).data();
    double[] o = p.net.output().data();
    double[] out = new double[v.rows() * n];
    for (int k = 0; k < out.length; k++) {
      out[k] = Activation.sigmoid(o[k]) * oDot[k] * v.data()[k];
    }
    return new Matrix(v.rows(), n, out);
  }

  @Override
  public String toString() {
    return "PerSampleDiagonalMetric[" + net.describe() + "]";
  }

  private static final class NetPass extends Pass {
    final Sequential.Pass net;

    NetPass(AbstractMetric owner, double[] phi, Matrix input, double[] diagonals, Sequential.Pass net) {
      super(owner, phi, input, diagonals, owner.n);
      this.net = net;
    }
  }
}
