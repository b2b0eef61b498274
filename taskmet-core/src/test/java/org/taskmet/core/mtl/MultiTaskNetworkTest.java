package org.taskmet.core.mtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Matrix;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.conformance.ModelConformance;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;

class MultiTaskNetworkTest {
  static Matrix gaussian(int rows, int cols, SplittableRandom rng) {
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextGaussian();
    }
    return new Matrix(rows, cols, d);
  }

  /** A 3-task network on an MLP trunk: 3-class softmax head, regression head, logistic head. */
  static MultiTaskNetwork mixedNetwork() {
    Sequential trunk = Sequential.mlp(4, 3, 1, 5, Activation.TANH, Activation.IDENTITY, Initialization.pytorchDefault());
    return new MultiTaskNetwork(trunk, new int[] {3, 1, 1}, true,
        List.of(TaskLosses.softmaxCrossEntropy(), TaskLosses.squaredError(), TaskLosses.logistic()));
  }

  static MultiTaskBatch mixedBatch(int rows, SplittableRandom rng) {
    Matrix x = gaussian(rows, 4, rng);
    double[] labels = new double[rows];
    double[] binary = new double[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = rng.nextInt(3);
      binary[i] = rng.nextInt(2);
    }
    return MultiTaskBatch.shared(x, List.of(Matrix.column(labels), gaussian(rows, 1, rng), Matrix.column(binary)));
  }

  /** Checks every task's shared and head gradient (zeros on the other heads) against central differences. */
  static void checkAllTaskGradients(MultiTaskNetwork net, MultiTaskBatch batch, double[] theta) {
    TaskGradients g = net.taskGradients(theta, batch);
    FiniteDifferenceCheck fd = FiniteDifferenceCheck.defaults().withTolerance(1e-6, 1e-9);
    for (int k = 0; k < net.taskCount(); k++) {
      final int task = k;
      double[] full = new double[net.parameterCount()];
      System.arraycopy(g.shared().data(), k * net.sharedParameterCount(), full, 0, net.sharedParameterCount());
      System.arraycopy(g.heads()[k], 0, full, net.headOffset(k), net.headParameterCount(k));
      assertThat(g.losses()[k]).isEqualTo(net.taskLoss(theta, batch, k));
      new FiniteDifferenceCheck(1e-5, 1e-6, 1e-9, net.parameterCount())
          .gradient("task " + k, x -> net.taskLoss(x, batch, task), full, theta, new SplittableRandom(k));
      fd.gradient("task " + k + " (random coordinates)", x -> net.taskLoss(x, batch, task), full, theta,
          new SplittableRandom(k + 10));
    }
  }

  @Test
  void sharedInputGradientsMatchFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(1);
    MultiTaskNetwork net = mixedNetwork();
    checkAllTaskGradients(net, mixedBatch(7, rng), net.initialParameters(rng));
  }

  @Test
  void perTaskInputsOnTheLinearTrunkMatchFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(2);
    MultiTaskNetwork net = new MultiTaskNetwork(new LinearTrunk(5, 2, 0.5), new int[] {1, 1, 1}, false,
        List.of(TaskLosses.squaredError(), TaskLosses.squaredError(), TaskLosses.squaredError()));
    MultiTaskBatch batch = MultiTaskBatch.perTask(List.of(gaussian(6, 5, rng), gaussian(3, 5, rng), gaussian(4, 5, rng)),
        List.of(gaussian(6, 1, rng), gaussian(3, 1, rng), gaussian(4, 1, rng)));
    checkAllTaskGradients(net, batch, net.initialParameters(rng));
  }

  @Test
  void linearTrunkPassesTheModelConformanceKit() {
    new ModelConformance(FiniteDifferenceCheck.defaults()).check(new LinearTrunk(6, 3, 0.3), 3, 5);
  }

  @Test
  void gramMatrixHoldsTheTaskGradientDotProducts() {
    SplittableRandom rng = new SplittableRandom(4);
    MultiTaskNetwork net = mixedNetwork();
    TaskGradients g = net.taskGradients(net.initialParameters(rng), mixedBatch(5, rng));
    double[] m = g.gram();
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        double dot = 0;
        for (int j = 0; j < net.sharedParameterCount(); j++) {
          dot += g.shared().get(a, j) * g.shared().get(b, j);
        }
        assertThat(m[a * 3 + b]).isCloseTo(dot, org.assertj.core.api.Assertions.within(1e-12));
      }
    }
  }

  @Test
  void badClassIndexNamesTheRow() {
    SplittableRandom rng = new SplittableRandom(5);
    MultiTaskNetwork net = mixedNetwork();
    MultiTaskBatch batch = MultiTaskBatch.shared(gaussian(2, 4, rng),
        List.of(Matrix.column(new double[] {0, 7}), gaussian(2, 1, rng), Matrix.column(new double[] {0, 1})));
    assertThatThrownBy(() -> net.taskGradients(net.initialParameters(rng), batch))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("7.0");
  }
}
