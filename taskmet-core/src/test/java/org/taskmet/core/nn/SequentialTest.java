package org.taskmet.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.conformance.ModelConformance;

class SequentialTest {
  private final ModelConformance kit = new ModelConformance(FiniteDifferenceCheck.defaults());

  @ParameterizedTest
  @EnumSource(Activation.class)
  void everyActivationPassesTheConformanceKit(Activation act) {
    // two hidden layers so the R-operator crosses a non-output activation twice; output activation too
    Sequential m = new Sequential(new int[] {3, 6, 5, 2}, List.of(act, act, act), Initialization.pytorchDefault());
    kit.check(m, 11, 4);
  }

  @Test
  void linearAndBudgetSizedMlpPassTheKit() {
    kit.check(Sequential.linear(1, 1), 1, 5);
    kit.check(Sequential.mlp(10, 10, 1, 50, Activation.RELU, Activation.RELU, Initialization.pytorchDefault()), 2, 5);
    kit.check(Sequential.mlp(4, 3, 2, 8, Activation.TANH, Activation.IDENTITY, Initialization.orthogonal(1.4, 0.1)),
        3, 6);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void inputVjpMatchesFiniteDifferencesInTheInput(Activation act) {
    Sequential m = new Sequential(new int[] {3, 6, 5, 2}, List.of(act, act, act), Initialization.pytorchDefault());
    SplittableRandom rng = new SplittableRandom(21);
    double[] theta = m.initialParameters(rng);
    int rows = 4;
    double[] x = rng.doubles(rows * 3, -1, 1).toArray();
    FiniteDifferenceCheck.defaults().vjp("inputVjp " + act, z -> m.forward(theta, new Matrix(rows, 3, z)).output()
        .data().clone(), (z, w) -> m.inputVjp(m.forward(theta, new Matrix(rows, 3, z)), new Matrix(rows, 2, w))
        .data(), x, rng);
  }

  @Test
  void forwardMatchesAHandComputedTwoLayerNetwork() {
    Sequential m = Sequential.mlp(2, 1, 1, 2, Activation.RELU, Activation.IDENTITY, Initialization.pytorchDefault());
    // W1 = [[1, -1], [2, 0]], b1 = [0.5, -3], W2 = [[3, -2]], b2 = [1]
    double[] theta = {1, -1, 2, 0, 0.5, -3, 3, -2, 1};
    Matrix x = Matrix.of(new double[][] {{2, 1}, {0, 1}});
    Matrix y = m.forward(theta, x).output();
    // row 0: z = [1.5, 1] -> relu [1.5, 1] -> 4.5 - 2 + 1 = 3.5; row 1: z = [-0.5, -3] -> 0 -> 1
    assertThat(y.data()).containsExactly(3.5, 1.0);
  }

  @Test
  void pytorchInitIsUniformWithinOneOverSqrtFanIn() {
    Sequential m = Sequential.mlp(16, 3, 1, 64, Activation.RELU, Activation.IDENTITY, Initialization.pytorchDefault());
    double[] theta = m.initialParameters(new SplittableRandom(5));
    Dense first = m.layers().get(0);
    double bound1 = 0.25;
    double max = 0;
    for (int i = 0; i < first.parameterCount(); i++) {
      assertThat(Math.abs(theta[i])).isLessThanOrEqualTo(bound1);
      max = Math.max(max, Math.abs(theta[i]));
    }
    assertThat(max).isGreaterThan(0.9 * bound1);
    Dense second = m.layers().get(1);
    for (int i = 0; i < second.parameterCount(); i++) {
      assertThat(Math.abs(theta[second.offset() + i])).isLessThanOrEqualTo(1 / 8.0);
    }
    assertThat(m.initialParameters(new SplittableRandom(5))).containsExactly(theta);
  }

  @Test
  void orthogonalInitHasOrthonormalRowsOrColumnsTimesGain() {
    Sequential m = Sequential.mlp(3, 2, 1, 5, Activation.RELU, Activation.IDENTITY, Initialization.orthogonal(2.0, 0.5));
    double[] theta = m.initialParameters(new SplittableRandom(9));
    // W1 is 5x3: columns orthogonal with norm 2; W2 is 2x5: rows orthogonal with norm 0.5
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int r = 0; r < 5; r++) {
          s += theta[r * 3 + i] * theta[r * 3 + j];
        }
        assertThat(s).isCloseTo(i == j ? 4.0 : 0.0, org.assertj.core.data.Offset.offset(1e-12));
      }
    }
    int off = m.layers().get(1).offset();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double s = 0;
        for (int c = 0; c < 5; c++) {
          s += theta[off + i * 5 + c] * theta[off + j * 5 + c];
        }
        assertThat(s).isCloseTo(i == j ? 0.25 : 0.0, org.assertj.core.data.Offset.offset(1e-12));
      }
    }
    assertThat(theta[m.layers().get(0).biasOffset()]).isZero();
  }

  @Test
  void aPassIsUnaffectedByLaterChangesToTheParameterArray() {
    Sequential m = Sequential.mlp(3, 2, 1, 40, Activation.TANH, Activation.IDENTITY, Initialization.pytorchDefault());
    SplittableRandom rng = new SplittableRandom(3);
    double[] theta = m.initialParameters(rng);
    Matrix x = new Matrix(50, 3, new SplittableRandom(4).doubles(150).toArray());
    Matrix g = new Matrix(50, 2, new SplittableRandom(5).doubles(100).toArray());
    double[] expected = m.vjp(m.forward(theta.clone(), x), g);
    var pass = m.forward(theta, x);
    java.util.Arrays.fill(theta, 7.0); // e.g. an optimizer step taken before the products are used
    assertThat(m.vjp(pass, g)).containsExactly(expected);
  }

  /** A recycled pass's storage gives the same numbers as fresh storage, and the recycled pass refuses use. */
  @Test
  void forwardWithARecycledPassMatchesAFreshOneBitForBit() {
    Sequential m = Sequential.mlp(3, 2, 1, 30, Activation.TANH, Activation.RELU, Initialization.pytorchDefault());
    SplittableRandom rng = new SplittableRandom(4);
    double[] theta = m.initialParameters(rng);
    double[] v = m.initialParameters(rng);
    Matrix x1 = Matrix.zeros(7, 3);
    Matrix x2 = Matrix.zeros(7, 3);
    for (int i = 0; i < 21; i++) {
      x1.data()[i] = rng.nextGaussian();
      x2.data()[i] = rng.nextGaussian();
    }
    Matrix g = new Matrix(7, 2, java.util.Arrays.copyOf(x2.data(), 14));
    ForwardPass first = m.forward(theta, x1);
    m.vjpTangent(first, v, g, g); // fills derivatives and tangent scratch that the next pass must not keep
    ForwardPass recycled = m.forward(v, x2, first);
    ForwardPass fresh = m.forward(v, x2);
    assertThat(recycled.output().data()).containsExactly(fresh.output().data());
    assertThat(m.vjp(recycled, g)).containsExactly(m.vjp(fresh, g));
    assertThat(m.jvp(recycled, theta).data()).containsExactly(m.jvp(fresh, theta).data());
    assertThat(m.vjpTangent(recycled, theta, g, g)).containsExactly(m.vjpTangent(fresh, theta, g, g));
    assertThatThrownBy(first::output).isInstanceOf(IllegalStateException.class).hasMessageContaining("recycled");
    assertThatThrownBy(() -> m.vjp(first, g)).hasMessageContaining("recycled");
    // a pass on another number of rows is not recycled, and stays usable
    ForwardPass other = m.forward(theta, Matrix.zeros(4, 3), recycled);
    assertThat(recycled.output().rows()).isEqualTo(7);
    assertThat(other.output().rows()).isEqualTo(4);
  }

  /** A pass reuses the backpropagated cotangent across R-operator calls; a changed cotangent must not be missed. */
  @Test
  void repeatedSecondOrderProductsOnOnePassMatchFreshPasses() {
    Sequential m = Sequential.mlp(3, 2, 2, 7, Activation.TANH, Activation.IDENTITY, Initialization.pytorchDefault());
    SplittableRandom rng = new SplittableRandom(12);
    double[] theta = m.initialParameters(rng);
    Matrix x = new Matrix(6, 3, rng.doubles(18, -1, 1).toArray());
    double[] g = rng.doubles(12, -1, 1).toArray();
    Matrix gDot = new Matrix(6, 2, rng.doubles(12, -1, 1).toArray());
    var shared = m.forward(theta, x);
    for (int i = 0; i < 3; i++) {
      double[] v = rng.doubles(theta.length, -1, 1).toArray();
      if (i == 2) {
        g[0] += 1.0; // the same array with other values
      }
      Matrix cotangent = new Matrix(6, 2, g);
      assertThat(m.vjpTangent(shared, v, cotangent, gDot))
          .containsExactly(m.vjpTangent(m.forward(theta, x), v, new Matrix(6, 2, g.clone()), gDot));
    }
  }

  @Test
  void inferenceGivesTheForwardPassOutputBitForBit() {
    // wide and narrow output layers take the two gemm orientations of Dense; 1 row and 50 rows both
    List<Sequential> models = List.of(
        Sequential.mlp(28, 1, 1, 500, Activation.RELU, Activation.TANH, Initialization.pytorchDefault()),
        Sequential.mlp(10, 10, 1, 64, Activation.RELU, Activation.RELU, Initialization.pytorchDefault()),
        new Sequential(new int[] {3, 40, 7, 33}, List.of(Activation.SOFTPLUS, Activation.TANH, Activation.IDENTITY),
            Initialization.pytorchDefault()),
        Sequential.linear(4, 2));
    SplittableRandom rng = new SplittableRandom(17);
    for (Sequential m : models) {
      double[] theta = m.initialParameters(rng);
      double[] original = theta.clone();
      Sequential.Inference inference = m.inference(theta);
      java.util.Arrays.fill(theta, 3.0); // the inference holds its own copy
      for (int rows : new int[] {1, 50}) {
        Sequential.Buffers buffers = inference.newBuffers(rows);
        for (int k = 0; k < 3; k++) { // buffers reused across calls
          Matrix x = new Matrix(rows, m.inputSize(), rng.doubles((long) rows * m.inputSize(), -2, 2).toArray());
          double[] expected = m.forward(original, x).output().data();
          assertThat(inference.predict(x, buffers)).as(m + " rows " + rows).containsExactly(expected);
        }
      }
    }
  }

  @Test
  void inferenceRejectsInputsThatDoNotFitItsBuffers() {
    Sequential m = Sequential.mlp(3, 2, 1, 8, Activation.RELU, Activation.IDENTITY, Initialization.pytorchDefault());
    Sequential.Inference inference = m.inference(m.initialParameters(new SplittableRandom(2)));
    Sequential.Buffers five = inference.newBuffers(5);
    assertThatThrownBy(() -> inference.predict(Matrix.zeros(4, 3), five))
        .hasMessage("model input has 4 rows, the buffers hold 5");
    assertThatThrownBy(() -> inference.predict(Matrix.zeros(5, 2), five)).hasMessageContaining("columns, expected 3");
    assertThatThrownBy(() -> inference.newBuffers(0)).hasMessage("inference buffers need rows >= 1, got 0");
    Sequential other = Sequential.linear(3, 2);
    Sequential.Buffers foreign = other.inference(other.initialParameters(new SplittableRandom(3))).newBuffers(5);
    assertThatThrownBy(() -> inference.predict(Matrix.zeros(5, 3), foreign))
        .hasMessage("inference buffers were made for model 3-2, not 3-8-relu-2");
    assertThatThrownBy(() -> m.inference(new double[3])).hasMessageContaining("length " + m.parameterCount());
  }

  @Test
  void badInputsAreRejectedWithClearMessages() {
    Sequential m = Sequential.linear(2, 1);
    double[] theta = m.initialParameters(new SplittableRandom(1));
    assertThatThrownBy(() -> m.forward(theta, Matrix.zeros(3, 4))).hasMessageContaining("columns, expected 2");
    assertThatThrownBy(() -> m.forward(new double[2], Matrix.zeros(3, 2))).hasMessageContaining("length 3");
    double[] nan = theta.clone();
    nan[1] = Double.NaN;
    assertThatThrownBy(() -> m.forward(nan, Matrix.zeros(3, 2))).hasMessageContaining("parameters[1]");
    assertThatThrownBy(() -> Activation.byName("gelu")).hasMessageContaining("gelu").hasMessageContaining("relu");
  }

  @Test
  void kitCatchesAWrongSecondDerivative() {
    // a model whose vjpTangent drops the activation's curvature term must fail the kit
    Sequential m = new Sequential(new int[] {2, 3, 1}, List.of(Activation.TANH, Activation.IDENTITY),
        Initialization.pytorchDefault());
    org.taskmet.api.Model broken = new org.taskmet.api.Model() {
      public int inputSize() { return m.inputSize(); }
      public int outputSize() { return m.outputSize(); }
      public int parameterCount() { return m.parameterCount(); }
      public double[] initialParameters(java.util.random.RandomGenerator rng) { return m.initialParameters(rng); }
      public org.taskmet.api.ForwardPass forward(double[] p, Matrix x) { return m.forward(p, x); }
      public double[] vjp(org.taskmet.api.ForwardPass p, Matrix g) { return m.vjp(p, g); }
      public Matrix jvp(org.taskmet.api.ForwardPass p, double[] v) { return m.jvp(p, v); }
      public double[] vjpTangent(org.taskmet.api.ForwardPass p, double[] v, Matrix g, Matrix gd) {
        return m.vjp(p, gd); // Gauss–Newton only: misses the second-order term
      }
      public String toString() { return "broken"; }
    };
    assertThatThrownBy(() -> kit.check(broken, 4, 3)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("broken vjpTangent (HVP) at coordinate");
  }
}
