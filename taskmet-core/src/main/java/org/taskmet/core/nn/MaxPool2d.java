package org.taskmet.core.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * 2-D max pooling over k×k windows with a stride (PyTorch's {@code nn.MaxPool2d(k, stride)}, no padding, windows
 * that do not fit are dropped): out[c, y, x] = max_{i, j &lt; k} in[c, y·s + i, x·s + j].
 *
 * <p>Max pooling is piecewise linear: at a point without ties it routes each output to the input element that
 * won its window. The forward pass records that element, and every product is that routing: the reverse product
 * scatters the cotangent onto the winners, the forward product gathers the winners' tangents, and the
 * R-operator of the reverse product scatters the cotangent's tangent the same way (the routing has zero
 * derivative). Ties go to the first maximum in row-major window order, as PyTorch does.
 */
public final class MaxPool2d implements Layer {
  private final ImageShape in;
  private final ImageShape out;
  private final int kernel;
  private final int stride;

  /**
   * @param input the input shape C × H × W
   * @param kernel window side k ≥ 1
   * @param stride step between windows ≥ 1 (PyTorch's default is k)
   */
  public MaxPool2d(ImageShape input, int kernel, int stride) {
    if (kernel < 1 || stride < 1) {
      throw new IllegalArgumentException("max pooling needs kernel and stride >= 1, got kernel=" + kernel + " stride="
          + stride);
    }
    if (kernel > input.height() || kernel > input.width()) {
      throw new IllegalArgumentException("max-pooling window " + kernel + "x" + kernel + " does not fit the " + input
          + " input");
    }
    this.in = input;
    this.out = new ImageShape(input.channels(), Conv2d.outputLength(input.height(), kernel, stride, 0),
        Conv2d.outputLength(input.width(), kernel, stride, 0));
    this.kernel = kernel;
    this.stride = stride;
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
    return 0;
  }

  @Override
  public void initialize(double[] theta, RandomGenerator rng, Initialization init) {
    // no parameters
  }

  @Override
  public String describe() {
    return "maxpool" + kernel + (stride != kernel ? "s" + stride : "");
  }

  @Override
  public Layer.Pass forward(double[] theta, int rows, double[] x) {
    int n = rows * out.size();
    double[] y = new double[n];
    int[] winner = new int[n];
    int h = in.height();
    int w = in.width();
    int o = 0;
    for (int r = 0; r < rows; r++) {
      int base = r * in.size();
      for (int c = 0; c < in.channels(); c++) {
        int plane = base + c * h * w;
        for (int oy = 0; oy < out.height(); oy++) {
          for (int ox = 0; ox < out.width(); ox++, o++) {
            int top = plane + oy * stride * w + ox * stride;
            int best = top;
            double max = x[top];
            for (int i = 0; i < kernel; i++) {
              int rowStart = top + i * w;
              for (int j = 0; j < kernel; j++) {
                if (x[rowStart + j] > max) {
                  max = x[rowStart + j];
                  best = rowStart + j;
                }
              }
            }
            y[o] = max;
            winner[o] = best;
          }
        }
      }
    }
    return new Pass(rows, y, winner);
  }

  /** The pooled output and, per output element, the flat index of the input element that won its window. */
  private final class Pass implements Layer.Pass {
    private final int rows;
    private final double[] y;
    private final int[] winner;

    Pass(int rows, double[] y, int[] winner) {
      this.rows = rows;
      this.y = y;
      this.winner = winner;
    }

    @Override
    public double[] output() {
      return y;
    }

    @Override
    public void backward(double[] gOut, double[] grad, double[] gIn) {
      if (gIn != null) {
        scatter(gOut, gIn);
      }
    }

    @Override
    public void tangent(double[] xDot, double[] thetaDot, double[] outDot) {
      if (xDot == null) {
        Arrays.fill(outDot, 0, y.length, 0.0);
        return;
      }
      for (int o = 0; o < y.length; o++) {
        outDot[o] = xDot[winner[o]];
      }
    }

    @Override
    public void backwardTangent(double[] xDot, double[] thetaDot, double[] gOut, double[] gOutDot, double[] gradDot,
        double[] gIn, double[] gInDot) {
      if (gIn != null) {
        scatter(gOut, gIn);
      }
      if (gInDot != null) {
        scatter(gOutDot, gInDot);
      }
    }

    private void scatter(double[] g, double[] target) {
      Arrays.fill(target, 0, rows * in.size(), 0.0);
      for (int o = 0; o < y.length; o++) {
        target[winner[o]] += g[o];
      }
    }
  }
}
