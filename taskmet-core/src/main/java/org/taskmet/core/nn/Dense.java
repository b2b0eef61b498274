package org.taskmet.core.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;

/**
 * An affine layer z = x Wᵀ + b on a batch of rows (x: rows × in, z: rows × out), W out×in row-major and
 * b stored right after it in the model's flat parameter vector (PyTorch's {@code nn.Linear} layout).
 *
 * <p>The four products, for cotangent g_z and tangents (ẋ, Ẇ, ḃ):
 * <ul>
 *   <li>VJP: ∂W = g_zᵀ x, ∂b = Σ_rows g_z, g_x = g_z W;</li>
 *   <li>JVP: ż = ẋ Wᵀ + x Ẇᵀ + ḃ;</li>
 *   <li>R-operator of the VJP (with ġ_z): ∂̇W = ġ_zᵀ x + g_zᵀ ẋ, ∂̇b = Σ_rows ġ_z, ġ_x = ġ_z W + g_z Ẇ.</li>
 * </ul>
 * Weight matrices are passed as contiguous copies ({@link #copyWeights}) because the gemm kernel takes
 * whole arrays.
 */
public final class Dense {
  private static final DenseKernels K = Kernels.get();

  private final int in;
  private final int out;
  private final int offset;

  /**
   * @param in input width (fan_in)
   * @param out output width
   * @param offset where W starts in the flat parameter vector; b follows at {@code offset + out·in}
   */
  public Dense(int in, int out, int offset) {
    if (in < 1 || out < 1 || offset < 0) {
      throw new IllegalArgumentException("dense layer needs in >= 1, out >= 1, offset >= 0, got in=" + in
          + " out=" + out + " offset=" + offset);
    }
    this.in = in;
    this.out = out;
    this.offset = offset;
  }

  public int inputSize() {
    return in;
  }

  public int outputSize() {
    return out;
  }

  /** Offset of W in the flat parameter vector. */
  public int offset() {
    return offset;
  }

  /** Offset of b in the flat parameter vector. */
  public int biasOffset() {
    return offset + out * in;
  }

  /** out·in + out. */
  public int parameterCount() {
    return out * in + out;
  }

  /** Writes this layer's initial W and b into {@code theta}. */
  public void initialize(double[] theta, RandomGenerator rng, Initialization init, boolean outputLayer) {
    if (init.scheme() == Initialization.Scheme.PYTORCH_DEFAULT) {
      double bound = 1 / Math.sqrt(in);
      for (int i = 0; i < parameterCount(); i++) {
        theta[offset + i] = rng.nextDouble(-bound, bound);
      }
      return;
    }
    double gain = outputLayer ? init.outputGain() : init.gain();
    boolean transpose = out < in;
    int tall = Math.max(out, in);
    int wide = Math.min(out, in);
    double[][] gauss = new double[tall][wide];
    for (double[] row : gauss) {
      for (int j = 0; j < wide; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(gauss, false));
    RealMatrix q = qr.getQ();
    RealMatrix r = qr.getR();
    for (int i = 0; i < tall; i++) {
      for (int j = 0; j < wide; j++) {
        double v = gain * q.getEntry(i, j) * Math.signum(r.getEntry(j, j) == 0 ? 1 : r.getEntry(j, j));
        if (transpose) {
          theta[offset + j * in + i] = v;
        } else {
          theta[offset + i * in + j] = v;
        }
      }
    }
    Arrays.fill(theta, biasOffset(), biasOffset() + out, 0.0);
  }

  /** Copies W (out×in) out of a flat parameter (or tangent) vector into {@code w}. */
  public void copyWeights(double[] theta, double[] w) {
    System.arraycopy(theta, offset, w, 0, out * in);
  }

  /** z = x Wᵀ + b. */
  public void forward(int rows, double[] x, double[] w, double[] theta, double[] z) {
    K.gemm(false, true, rows, out, in, 1.0, x, w, 0.0, z);
    addBias(rows, theta, z);
  }

  /**
   * Reverse product: writes ∂W, ∂b into {@code grad} at this layer's offsets and, when {@code gx != null},
   * the input cotangent g_x = g_z W. {@code wScratch} holds out·in values.
   */
  public void vjp(int rows, double[] x, double[] w, double[] gz, double[] grad, double[] wScratch, double[] gx) {
    K.gemm(true, false, out, in, rows, 1.0, gz, x, 0.0, wScratch);
    System.arraycopy(wScratch, 0, grad, offset, out * in);
    columnSums(rows, gz, grad, biasOffset());
    if (gx != null) {
      inputCotangent(rows, w, gz, gx);
    }
  }

  /** g_x = g_z W (rows × in). */
  public void inputCotangent(int rows, double[] w, double[] gz, double[] gx) {
    K.gemm(false, false, rows, in, out, 1.0, gz, w, 0.0, gx);
  }

  /** Forward product ż = ẋ Wᵀ + x Ẇᵀ + ḃ; {@code xDot == null} means ẋ = 0. */
  public void jvp(int rows, double[] x, double[] xDot, double[] w, double[] wDot, double[] thetaDot, double[] zDot) {
    K.gemm(false, true, rows, out, in, 1.0, x, wDot, 0.0, zDot);
    if (xDot != null) {
      K.gemm(false, true, rows, out, in, 1.0, xDot, w, 1.0, zDot);
    }
    addBias(rows, thetaDot, zDot);
  }

  /**
   * The R-operator of {@link #vjp}: writes ∂̇W = ġ_zᵀ x + g_zᵀ ẋ and ∂̇b = Σ ġ_z into {@code gradDot}, and
   * (when {@code gxDot != null}) ġ_x = ġ_z W + g_z Ẇ. {@code xDot == null} means ẋ = 0.
   */
  public void vjpTangent(int rows, double[] x, double[] xDot, double[] w, double[] wDot, double[] gz, double[] gzDot,
      double[] gradDot, double[] wScratch, double[] gxDot) {
    K.gemm(true, false, out, in, rows, 1.0, gzDot, x, 0.0, wScratch);
    if (xDot != null) {
      K.gemm(true, false, out, in, rows, 1.0, gz, xDot, 1.0, wScratch);
    }
    System.arraycopy(wScratch, 0, gradDot, offset, out * in);
    columnSums(rows, gzDot, gradDot, biasOffset());
    if (gxDot != null) {
      K.gemm(false, false, rows, in, out, 1.0, gzDot, w, 0.0, gxDot);
      K.gemm(false, false, rows, in, out, 1.0, gz, wDot, 1.0, gxDot);
    }
  }

  private void addBias(int rows, double[] source, double[] z) {
    int b = biasOffset();
    for (int r = 0; r < rows; r++) {
      K.axpy(1.0, source, b, z, r * out, out);
    }
  }

  private void columnSums(int rows, double[] g, double[] target, int targetOffset) {
    Arrays.fill(target, targetOffset, targetOffset + out, 0.0);
    for (int r = 0; r < rows; r++) {
      K.axpy(1.0, g, r * out, target, targetOffset, out);
    }
  }
}
