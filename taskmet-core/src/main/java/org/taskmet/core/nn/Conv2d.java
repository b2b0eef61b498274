package org.taskmet.core.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;

/**
 * A 2-D convolution (cross-correlation, as PyTorch's {@code nn.Conv2d}) with a bias per output channel, one
 * stride and one zero padding for both axes: for each image,
 * <pre>
 *   z[o, y, x] = b[o] + Σ_{c, i, j} W[o, c, i, j] · in[c, y·s + i − p, x·s + j − p]    (zero outside the image)
 * </pre>
 * Parameters: W (outChannels × inChannels × kh × kw, PyTorch's layout) then b (outChannels).
 *
 * <p>Every product runs on the gemm kernel through im2col: for each image the input patches are unrolled
 * into a (C·kh·kw) × (H'·W') matrix X̂ (several images side by side), then z = W X̂ (+ b), ∂W = Σ_images g X̂ᵀ, ∂b = Σ g, and the input
 * cotangent is col2im(Wᵀ g). The convolution is bilinear in (W, input), so the forward product is
 * W X̂(ẋ) + Ẇ X̂(x) + ḃ and the R-operator of the reverse one is ∂̇W = Σ ġ X̂(x)ᵀ + g X̂(ẋ)ᵀ,
 * ġ_in = col2im(Wᵀ ġ + Ẇᵀ g). The patch matrix is rebuilt per image in each product instead of being kept for
 * the whole batch (it is kh·kw times larger than the input).
 */
public final class Conv2d implements Layer {
  private static final DenseKernels K = Kernels.get();
  /**
   * Images are convolved in groups whose patch matrices, side by side, have about this many columns: one gemm
   * per group keeps the result wide for the SIMD tiles when an image has few output positions (10×10 = 100
   * positions leaves a scalar tail of 4 columns per image; a group of 6 leaves none).
   */
  private static final int GROUP_COLUMNS = 512;

  private final ImageShape in;
  private final ImageShape out;
  private final int kh;
  private final int kw;
  private final int stride;
  private final int padding;
  private final int offset;
  /** C·kh·kw: rows of the patch matrix. */
  private final int patch;
  /** H'·W': columns of the patch matrix. */
  private final int positions;

  /**
   * @param input the input shape C × H × W
   * @param outChannels output channels
   * @param kernelHeight kernel rows kh
   * @param kernelWidth kernel columns kw
   * @param stride step between windows (both axes), ≥ 1
   * @param padding zeros added on every side (both axes), ≥ 0
   * @param offset where W starts in the flat parameter vector
   */
  public Conv2d(ImageShape input, int outChannels, int kernelHeight, int kernelWidth, int stride, int padding,
      int offset) {
    if (outChannels < 1 || kernelHeight < 1 || kernelWidth < 1 || stride < 1 || padding < 0 || offset < 0) {
      throw new IllegalArgumentException("conv2d needs outChannels, kernel sizes and stride >= 1, padding and offset "
          + ">= 0; got outChannels=" + outChannels + " kernel=" + kernelHeight + "x" + kernelWidth + " stride=" + stride
          + " padding=" + padding + " offset=" + offset);
    }
    int outH = outputLength(input.height(), kernelHeight, stride, padding);
    int outW = outputLength(input.width(), kernelWidth, stride, padding);
    if (outH < 1 || outW < 1) {
      throw new IllegalArgumentException("conv2d kernel " + kernelHeight + "x" + kernelWidth + " with padding "
          + padding + " does not fit the " + input + " input");
    }
    this.in = input;
    this.out = new ImageShape(outChannels, outH, outW);
    this.kh = kernelHeight;
    this.kw = kernelWidth;
    this.stride = stride;
    this.padding = padding;
    this.offset = offset;
    this.patch = Math.multiplyExact(input.channels(), kernelHeight * kernelWidth);
    this.positions = outH * outW;
  }

  /** floor((n + 2p − k)/s) + 1, the output length along one axis (PyTorch's formula). */
  static int outputLength(int n, int k, int stride, int padding) {
    int span = n + 2 * padding - k;
    return span < 0 ? 0 : span / stride + 1;
  }

  public ImageShape inputShape() {
    return in;
  }

  public ImageShape outputShape() {
    return out;
  }

  @Override
  public int inputSize() {
    return in.size();
  }

  @Override
  public int outputSize() {
    return out.size();
  }

  @Override
  public int parameterCount() {
    return out.channels() * patch + out.channels();
  }

  /** Offset of W in the flat parameter vector; b follows at {@code offset + outChannels·C·kh·kw}. */
  public int offset() {
    return offset;
  }

  private int biasOffset() {
    return offset + out.channels() * patch;
  }

  /** PyTorch's {@code nn.Conv2d} default: W and b uniform on ±1/√(C·kh·kw). */
  @Override
  public void initialize(double[] theta, RandomGenerator rng, Initialization init) {
    if (init.scheme() != Initialization.Scheme.PYTORCH_DEFAULT) {
      throw new IllegalArgumentException("conv2d layers support only the pytorch initialization, got " + init.scheme());
    }
    double bound = 1 / Math.sqrt(patch);
    for (int i = 0; i < parameterCount(); i++) {
      theta[offset + i] = rng.nextDouble(-bound, bound);
    }
  }

  @Override
  public String describe() {
    return "conv" + out.channels() + "k" + (kh == kw ? String.valueOf(kh) : kh + "x" + kw)
        + (stride != 1 ? "s" + stride : "") + (padding != 0 ? "p" + padding : "");
  }

  @Override
  public Pass forward(double[] theta, int rows, double[] x) {
    return new Pass(theta, rows, x);
  }

  /** The convolution at one point; keeps the weights, the output and scratch buffers for its products. */
  private final class Pass implements Layer.Pass {
    private final double[] theta;
    private final int rows;
    private final double[] x;
    private final double[] w;
    private final double[] z;
    private final int group;
    private final double[] cols;
    private final double[] map;
    private double[] cols2;
    private double[] map2;
    private double[] wScratch;

    Pass(double[] theta, int rows, double[] x) {
      this.theta = theta;
      this.rows = rows;
      this.x = x;
      this.w = Arrays.copyOfRange(theta, offset, offset + out.channels() * patch);
      this.z = new double[rows * out.size()];
      this.group = Math.max(1, Math.min(rows, (GROUP_COLUMNS + positions - 1) / positions));
      this.cols = new double[patch * positions * group];
      this.map = new double[out.channels() * positions * group];
      for (int r0 = 0; r0 < rows; r0 += group) {
        int n = columns(r0);
        im2col(x, r0, n, cols);
        K.gemm(false, false, out.channels(), n, patch, 1.0, w, cols, 0.0, map);
        scatterWithBias(map, theta, r0, n, z);
      }
    }

    /** The patch-matrix columns of the group of images starting at r0. */
    private int columns(int r0) {
      return Math.min(group, rows - r0) * positions;
    }

    @Override
    public double[] output() {
      return z;
    }

    @Override
    public void backward(double[] gOut, double[] grad, double[] gIn) {
      double[] dw = weightScratch();
      for (int r0 = 0; r0 < rows; r0 += group) {
        int n = columns(r0);
        gather(gOut, r0, n, map);
        im2col(x, r0, n, cols);
        K.gemm(false, true, out.channels(), patch, n, 1.0, map, cols, r0 == 0 ? 0.0 : 1.0, dw);
        if (gIn != null) {
          K.gemm(true, false, patch, n, out.channels(), 1.0, w, map, 0.0, cols);
          col2im(cols, n, gIn, r0);
        }
      }
      System.arraycopy(dw, 0, grad, offset, dw.length);
      biasGradient(gOut, grad);
    }

    @Override
    public void tangent(double[] xDot, double[] thetaDot, double[] outDot) {
      double[] wDot = Arrays.copyOfRange(thetaDot, offset, offset + out.channels() * patch);
      double[] c2 = secondCols();
      for (int r0 = 0; r0 < rows; r0 += group) {
        int n = columns(r0);
        im2col(x, r0, n, cols);
        K.gemm(false, false, out.channels(), n, patch, 1.0, wDot, cols, 0.0, map);
        if (xDot != null) {
          im2col(xDot, r0, n, c2);
          K.gemm(false, false, out.channels(), n, patch, 1.0, w, c2, 1.0, map);
        }
        scatterWithBias(map, thetaDot, r0, n, outDot);
      }
    }

    @Override
    public void backwardTangent(double[] xDot, double[] thetaDot, double[] gOut, double[] gOutDot,
        double[] gradDot, double[] gIn, double[] gInDot) {
      double[] wDot = Arrays.copyOfRange(thetaDot, offset, offset + out.channels() * patch);
      double[] dwDot = weightScratch();
      double[] c2 = secondCols();
      if (map2 == null) {
        map2 = new double[map.length];
      }
      for (int r0 = 0; r0 < rows; r0 += group) {
        int n = columns(r0);
        gather(gOut, r0, n, map);
        gather(gOutDot, r0, n, map2);
        im2col(x, r0, n, cols);
        K.gemm(false, true, out.channels(), patch, n, 1.0, map2, cols, r0 == 0 ? 0.0 : 1.0, dwDot);
        if (xDot != null) {
          im2col(xDot, r0, n, c2);
          K.gemm(false, true, out.channels(), patch, n, 1.0, map, c2, 1.0, dwDot);
        }
        if (gInDot != null) {
          K.gemm(true, false, patch, n, out.channels(), 1.0, w, map2, 0.0, cols);
          K.gemm(true, false, patch, n, out.channels(), 1.0, wDot, map, 1.0, cols);
          col2im(cols, n, gInDot, r0);
        }
        if (gIn != null) {
          K.gemm(true, false, patch, n, out.channels(), 1.0, w, map, 0.0, cols);
          col2im(cols, n, gIn, r0);
        }
      }
      System.arraycopy(dwDot, 0, gradDot, offset, dwDot.length);
      biasGradient(gOutDot, gradDot);
    }

    private double[] weightScratch() {
      if (wScratch == null) {
        wScratch = new double[out.channels() * patch];
      }
      return wScratch;
    }

    private double[] secondCols() {
      if (cols2 == null) {
        cols2 = new double[cols.length];
      }
      return cols2;
    }

    /**
     * Rows r0.. of {@code target} = the group's output map (channels × n, images side by side) + b per channel,
     * b read from {@code source}.
     */
    private void scatterWithBias(double[] image, double[] source, int r0, int n, double[] target) {
      int b = biasOffset();
      for (int o = 0; o < out.channels(); o++) {
        double bias = source[b + o];
        for (int c0 = 0, r = r0; c0 < n; c0 += positions, r++) {
          int dst = r * out.size() + o * positions;
          int src = o * n + c0;
          for (int p = 0; p < positions; p++) {
            target[dst + p] = image[src + p] + bias;
          }
        }
      }
    }

    /** The group's cotangent rows r0.. as one channels × n map (images side by side). */
    private void gather(double[] rowsArray, int r0, int n, double[] image) {
      for (int o = 0; o < out.channels(); o++) {
        for (int c0 = 0, r = r0; c0 < n; c0 += positions, r++) {
          System.arraycopy(rowsArray, r * out.size() + o * positions, image, o * n + c0, positions);
        }
      }
    }

    /** ∂b[o] = Σ over rows and positions of g[r, o, ·]. */
    private void biasGradient(double[] g, double[] target) {
      int b = biasOffset();
      for (int o = 0; o < out.channels(); o++) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
          int from = r * out.size() + o * positions;
          for (int p = 0; p < positions; p++) {
            s += g[from + p];
          }
        }
        target[b + o] = s;
      }
    }
  }

  /**
   * Unrolls the patches of the images r0, r0 + 1, … of {@code source} into {@code cols}, a patch × n matrix
   * (n = images·positions, images side by side): row (c, i, j), column (image, y, x) holds
   * in[image, c, y·s + i − p, x·s + j − p], or 0 in the padding.
   */
  void im2col(double[] source, int r0, int n, double[] cols) {
    for (int c0 = 0, r = r0; c0 < n; c0 += positions, r++) {
      im2col(source, r, cols, c0, n);
    }
  }

  private void im2col(double[] source, int r, double[] cols, int column0, int rowLength) {
    int base = r * in.size();
    int h = in.height();
    int wIn = in.width();
    int outH = out.height();
    int outW = out.width();
    int row = 0;
    for (int c = 0; c < in.channels(); c++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++, row++) {
          int dst = row * rowLength + column0;
          // columns x with 0 <= x·s + j − p < W
          int xLo = firstInside(j - padding, stride);
          int xHi = Math.min(outW, lastInside(j - padding, stride, wIn) + 1);
          for (int y = 0; y < outH; y++, dst += outW) {
            int iy = y * stride + i - padding;
            if (iy < 0 || iy >= h || xLo >= xHi) {
              Arrays.fill(cols, dst, dst + outW, 0.0);
              continue;
            }
            int src = base + (c * h + iy) * wIn + j - padding;
            Arrays.fill(cols, dst, dst + xLo, 0.0);
            if (stride == 1) {
              System.arraycopy(source, src + xLo, cols, dst + xLo, xHi - xLo);
            } else {
              for (int xo = xLo; xo < xHi; xo++) {
                cols[dst + xo] = source[src + xo * stride];
              }
            }
            Arrays.fill(cols, dst + xHi, dst + outW, 0.0);
          }
        }
      }
    }
  }

  /**
   * The adjoint of {@link #im2col}: images r0, r0 + 1, … of {@code target} = the sum of every patch entry of
   * {@code cols} (patch × n) at their pixel.
   */
  void col2im(double[] cols, int n, double[] target, int r0) {
    for (int c0 = 0, r = r0; c0 < n; c0 += positions, r++) {
      col2im(cols, c0, n, target, r);
    }
  }

  private void col2im(double[] cols, int column0, int rowLength, double[] target, int r) {
    int base = r * in.size();
    Arrays.fill(target, base, base + in.size(), 0.0);
    int h = in.height();
    int wIn = in.width();
    int outH = out.height();
    int outW = out.width();
    int row = 0;
    for (int c = 0; c < in.channels(); c++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++, row++) {
          int src = row * rowLength + column0;
          int xLo = firstInside(j - padding, stride);
          int xHi = Math.min(outW, lastInside(j - padding, stride, wIn) + 1);
          for (int y = 0; y < outH; y++, src += outW) {
            int iy = y * stride + i - padding;
            if (iy < 0 || iy >= h) {
              continue;
            }
            int dst = base + (c * h + iy) * wIn + j - padding;
            for (int xo = xLo; xo < xHi; xo++) {
              target[dst + xo * stride] += cols[src + xo];
            }
          }
        }
      }
    }
  }

  /** The smallest x ≥ 0 with x·s + shift ≥ 0. */
  private static int firstInside(int shift, int s) {
    return shift >= 0 ? 0 : (-shift + s - 1) / s;
  }

  /** The largest x with x·s + shift ≤ n − 1 (may be negative). */
  private static int lastInside(int shift, int s, int n) {
    int span = n - 1 - shift;
    return span < 0 ? -1 : span / s;
  }
}
