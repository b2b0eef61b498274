package org.taskmet.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taskmet.api.Matrix;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.conformance.ModelConformance;

/**
 * Conv2d and MaxPool2d against naive loop implementations (forward, reverse, forward-mode and second-order
 * products), and stacks of them against central finite differences through the conformance kit.
 */
class ConvolutionTest {
  private static final double TOL = 1e-11;
  private final ModelConformance kit = new ModelConformance(FiniteDifferenceCheck.defaults());

  /** Naive convolution: out[r, o, y, x] = b[o] + Σ W[o, c, i, j]·in[r, c, y·s+i−p, x·s+j−p]. */
  private static double[] naiveConv(ImageShape in, int outC, int kh, int kw, int s, int p, double[] w, double[] b,
      int rows, double[] x) {
    int oh = Conv2d.outputLength(in.height(), kh, s, p);
    int ow = Conv2d.outputLength(in.width(), kw, s, p);
    double[] out = new double[rows * outC * oh * ow];
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < outC; o++) {
        for (int y = 0; y < oh; y++) {
          for (int xx = 0; xx < ow; xx++) {
            double sum = b == null ? 0 : b[o];
            for (int c = 0; c < in.channels(); c++) {
              for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                  int iy = y * s + i - p;
                  int ix = xx * s + j - p;
                  if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                    sum += w[((o * in.channels() + c) * kh + i) * kw + j]
                        * x[r * in.size() + (c * in.height() + iy) * in.width() + ix];
                  }
                }
              }
            }
            out[((r * outC + o) * oh + y) * ow + xx] = sum;
          }
        }
      }
    }
    return out;
  }

  /** Naive reverse product: ∂W, ∂b and the input cotangent of the convolution for output cotangent g. */
  private static double[][] naiveConvBackward(ImageShape in, int outC, int kh, int kw, int s, int p, double[] w,
      int rows, double[] x, double[] g) {
    int oh = Conv2d.outputLength(in.height(), kh, s, p);
    int ow = Conv2d.outputLength(in.width(), kw, s, p);
    double[] dw = new double[w.length];
    double[] db = new double[outC];
    double[] dx = new double[x.length];
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < outC; o++) {
        for (int y = 0; y < oh; y++) {
          for (int xx = 0; xx < ow; xx++) {
            double go = g[((r * outC + o) * oh + y) * ow + xx];
            db[o] += go;
            for (int c = 0; c < in.channels(); c++) {
              for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                  int iy = y * s + i - p;
                  int ix = xx * s + j - p;
                  if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                    int wi = ((o * in.channels() + c) * kh + i) * kw + j;
                    int xi = r * in.size() + (c * in.height() + iy) * in.width() + ix;
                    dw[wi] += go * x[xi];
                    dx[xi] += go * w[wi];
                  }
                }
              }
            }
          }
        }
      }
    }
    return new double[][] {dw, db, dx};
  }

  private static double[] gaussian(int n, SplittableRandom rng) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    return v;
  }

  private static double[] slice(double[] v, int from, int length) {
    return java.util.Arrays.copyOfRange(v, from, from + length);
  }

  private static void assertClose(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    double scale = 1;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertThat(Math.abs(actual[i] - expected[i])).as("entry %d: %s vs %s", i, actual[i], expected[i])
          .isLessThanOrEqualTo(TOL * scale);
    }
  }

  @ParameterizedTest(name = "in {0}x{1}x{2}, {3} out, kernel {4}x{5}, stride {6}, padding {7}")
  @CsvSource({
    "1, 12, 12, 4, 3, 3, 1, 0",
    "3, 9, 11, 5, 3, 2, 2, 1",
    "2, 7, 7, 3, 5, 5, 1, 2",
    "2, 10, 8, 6, 4, 3, 3, 1",
    "1, 36, 36, 10, 9, 9, 1, 0",
    "4, 5, 5, 2, 1, 1, 1, 0",
  })
  void everyProductMatchesTheNaiveLoops(int c, int h, int wd, int outC, int kh, int kw, int s, int p) {
    ImageShape in = new ImageShape(c, h, wd);
    int rows = 7; // 100 positions: groups of 6 images and 1; 784 positions: one image at a time
    int offset = 5; // not at the start of the parameter vector
    Conv2d conv = new Conv2d(in, outC, kh, kw, s, p, offset);
    SplittableRandom rng = new SplittableRandom(c * 1000L + h * 10L + kh);
    double[] theta = gaussian(offset + conv.parameterCount() + 4, rng);
    double[] thetaDot = gaussian(theta.length, rng);
    double[] x = gaussian(rows * in.size(), rng);
    double[] xDot = gaussian(x.length, rng);
    int nw = outC * c * kh * kw;
    double[] w = slice(theta, offset, nw);
    double[] b = slice(theta, offset + nw, outC);
    double[] wDot = slice(thetaDot, offset, nw);
    double[] bDot = slice(thetaDot, offset + nw, outC);

    Layer.Pass pass = conv.forward(theta, rows, x);
    assertClose(pass.output(), naiveConv(in, outC, kh, kw, s, p, w, b, rows, x));

    double[] g = gaussian(pass.output().length, rng);
    double[] gDot = gaussian(g.length, rng);
    double[][] ref = naiveConvBackward(in, outC, kh, kw, s, p, w, rows, x, g);
    double[] grad = new double[theta.length];
    double[] gIn = new double[x.length];
    pass.backward(g, grad, gIn);
    assertClose(slice(grad, offset, nw), ref[0]);
    assertClose(slice(grad, offset + nw, outC), ref[1]);
    assertClose(gIn, ref[2]);
    assertThat(slice(grad, 0, offset)).containsOnly(0.0);

    // bilinear: J(ẋ, θ̇) = conv_W(ẋ) + conv_Ẇ(x) + ḃ
    double[] expectedDot = naiveConv(in, outC, kh, kw, s, p, w, null, rows, xDot);
    double[] fromWeights = naiveConv(in, outC, kh, kw, s, p, wDot, bDot, rows, x);
    for (int i = 0; i < expectedDot.length; i++) {
      expectedDot[i] += fromWeights[i];
    }
    double[] outDot = new double[g.length];
    pass.tangent(xDot, thetaDot, outDot);
    assertClose(outDot, expectedDot);

    // R-operator: ∂̇W = back(ġ; x) + back(g; ẋ), ġ_in = back_W(ġ) + back_Ẇ(g)
    double[][] a = naiveConvBackward(in, outC, kh, kw, s, p, w, rows, x, gDot);
    double[][] bx = naiveConvBackward(in, outC, kh, kw, s, p, w, rows, xDot, g);
    double[][] bw = naiveConvBackward(in, outC, kh, kw, s, p, wDot, rows, x, g);
    double[] gradDot = new double[theta.length];
    double[] gIn2 = new double[x.length];
    double[] gInDot = new double[x.length];
    pass.backwardTangent(xDot, thetaDot, g, gDot, gradDot, gIn2, gInDot);
    double[] dwDot = a[0].clone();
    for (int i = 0; i < dwDot.length; i++) {
      dwDot[i] += bx[0][i];
    }
    double[] dxDot = a[2].clone();
    for (int i = 0; i < dxDot.length; i++) {
      dxDot[i] += bw[2][i];
    }
    assertClose(slice(gradDot, offset, nw), dwDot);
    assertClose(slice(gradDot, offset + nw, outC), a[1]);
    assertClose(gInDot, dxDot);
    assertClose(gIn2, ref[2]);
  }

  @Test
  void maxPoolingRoutesEveryProductThroughTheWinners() {
    ImageShape in = new ImageShape(2, 7, 6);
    MaxPool2d pool = new MaxPool2d(in, 3, 2); // overlapping windows, last row/column dropped
    assertThat(pool.outputShape()).isEqualTo(new ImageShape(2, 3, 2));
    SplittableRandom rng = new SplittableRandom(3);
    int rows = 2;
    double[] x = gaussian(rows * in.size(), rng);
    Layer.Pass pass = pool.forward(new double[0], rows, x);
    double[] g = gaussian(pass.output().length, rng);
    double[] expectedIn = new double[x.length];
    double[] xDot = gaussian(x.length, rng);
    double[] expectedDot = new double[pass.output().length];
    int o = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 2; c++) {
        for (int y = 0; y < 3; y++) {
          for (int xx = 0; xx < 2; xx++, o++) {
            int best = -1;
            for (int i = 0; i < 3; i++) {
              for (int j = 0; j < 3; j++) {
                int idx = r * in.size() + (c * 7 + y * 2 + i) * 6 + xx * 2 + j;
                if (best < 0 || x[idx] > x[best]) {
                  best = idx;
                }
              }
            }
            assertThat(pass.output()[o]).isEqualTo(x[best]);
            expectedIn[best] += g[o];
            expectedDot[o] = xDot[best];
          }
        }
      }
    }
    double[] gIn = new double[x.length];
    pass.backward(g, new double[0], gIn);
    assertThat(gIn).containsExactly(expectedIn);
    double[] outDot = new double[g.length];
    pass.tangent(xDot, new double[0], outDot);
    assertThat(outDot).containsExactly(expectedDot);
    double[] gDot = gaussian(g.length, rng);
    double[] gInDot = new double[x.length];
    pass.backwardTangent(xDot, new double[0], g, gDot, new double[0], gIn, gInDot);
    double[] expectedInDot = new double[x.length];
    new MaxPool2d(in, 3, 2).forward(new double[0], rows, x).backward(gDot, new double[0], expectedInDot);
    assertThat(gInDot).containsExactly(expectedInDot);
    assertThat(gIn).containsExactly(expectedIn);
  }

  @Test
  void maxPoolingBreaksTiesTowardsTheFirstElementLikePytorch() {
    MaxPool2d pool = new MaxPool2d(new ImageShape(1, 2, 2), 2, 2);
    Layer.Pass pass = pool.forward(new double[0], 1, new double[] {1, 1, 1, 1});
    double[] gIn = new double[4];
    pass.backward(new double[] {5}, new double[0], gIn);
    assertThat(gIn).containsExactly(5, 0, 0, 0);
  }

  @Test
  void convolutionalStacksPassTheFiniteDifferenceConformanceKit() {
    // stride, padding, overlapping pooling and a smooth activation between two convolutions
    LayerStack strided = LayerStack.builder(new ImageShape(2, 9, 8))
        .conv(3, 3, 2, 1).activation(Activation.TANH).conv(4, 2, 1, 1).maxPool(3, 2)
        .activation(Activation.SOFTPLUS).dense(5).activation(Activation.SIGMOID).dense(2)
        .build(Initialization.pytorchDefault());
    kit.check(strided, 7, 3);
    // the MultiLeNet trunk on the smallest image it accepts
    kit.check(MultiLeNet.trunk(new ImageShape(1, 20, 20)), 8, 2);
    // pooling first: the input tangent starts as zero and the first layer needs no input cotangent
    LayerStack poolFirst = LayerStack.builder(new ImageShape(1, 6, 6)).maxPool(2).conv(2, 3, 1, 1)
        .activation(Activation.RELU).dense(3).build(Initialization.pytorchDefault());
    kit.check(poolFirst, 9, 4);
  }

  @Test
  void multiLeNetHasTheReferenceShapesAndParameterCount() {
    LayerStack trunk = MultiLeNet.trunk(new ImageShape(1, 36, 36));
    assertThat(trunk.describe())
        .isEqualTo("1x36x36-conv10k9-maxpool2-relu-conv20k5-maxpool2-relu-dense50-relu");
    assertThat(((Conv2d) trunk.layers().get(3)).inputShape()).isEqualTo(new ImageShape(10, 14, 14));
    assertThat(trunk.layers().get(6).inputSize()).isEqualTo(500);
    // 10·81 + 10, 20·250 + 20, 500·50 + 50
    assertThat(trunk.parameterCount()).isEqualTo(820 + 5020 + 25050);
    assertThat(trunk.outputSize()).isEqualTo(50);
    assertThat(MultiLeNet.trunk(new ImageShape(1, 28, 28)).layers().get(6).inputSize()).isEqualTo(180);
  }

  @Test
  void convolutionInitializationIsPytorchsUniformBound() {
    LayerStack trunk = MultiLeNet.trunk(new ImageShape(1, 36, 36));
    double[] theta = trunk.initialParameters(new SplittableRandom(1));
    double max = 0;
    for (int i = 0; i < 820; i++) {
      assertThat(Math.abs(theta[i])).isLessThanOrEqualTo(1 / 9.0);
      max = Math.max(max, Math.abs(theta[i]));
    }
    assertThat(max).isGreaterThan(0.9 / 9.0);
    assertThat(trunk.initialParameters(new SplittableRandom(1))).containsExactly(theta);
  }

  @Test
  void badGeometryIsRejectedWithTheShapes() {
    assertThatThrownBy(() -> new Conv2d(new ImageShape(1, 4, 4), 2, 5, 5, 1, 0, 0))
        .hasMessageContaining("does not fit the 1x4x4 input");
    assertThatThrownBy(() -> new Conv2d(new ImageShape(1, 8, 8), 2, 3, 3, 0, 0, 0)).hasMessageContaining("stride=0");
    assertThatThrownBy(() -> new MaxPool2d(new ImageShape(1, 3, 3), 4, 4)).hasMessageContaining("1x3x3");
    assertThatThrownBy(() -> MultiLeNet.trunk(new ImageShape(1, 16, 16))).hasMessageContaining("at least 20x20");
    LayerStack stack = MultiLeNet.trunk(new ImageShape(1, 20, 20));
    double[] theta = stack.initialParameters(new SplittableRandom(0));
    assertThatThrownBy(() -> stack.forward(theta, Matrix.zeros(2, 399))).hasMessageContaining("1x20x20");
    assertThatThrownBy(() -> LayerStack.builder(new ImageShape(1, 8, 8)).conv(2, 3)
        .build(Initialization.orthogonal(1, 1)).initialParameters(new SplittableRandom(0)))
        .hasMessageContaining("pytorch initialization");
  }
}
