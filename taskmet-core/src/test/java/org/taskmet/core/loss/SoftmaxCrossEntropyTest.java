package org.taskmet.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Matrix;

class SoftmaxCrossEntropyTest {

  @Test
  void gradientMatchesCentralFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(7);
    int b = 5;
    int c = 4;
    double[] z = new double[b * c];
    for (int i = 0; i < z.length; i++) {
      z[i] = 3 * rng.nextGaussian();
    }
    int[] labels = {0, 3, 1, 1, 2};
    Matrix logits = new Matrix(b, c, z);
    SoftmaxCrossEntropy.Result result = SoftmaxCrossEntropy.evaluate(logits, labels);
    double h = 1e-5;
    for (int i = 0; i < z.length; i++) {
      double[] plus = z.clone();
      double[] minus = z.clone();
      plus[i] += h;
      minus[i] -= h;
      double fd = (SoftmaxCrossEntropy.value(new Matrix(b, c, plus), labels)
          - SoftmaxCrossEntropy.value(new Matrix(b, c, minus), labels)) / (2 * h);
      assertThat(result.logitGradient().data()[i]).as("d loss / d z[%d]", i).isCloseTo(fd, within(1e-8));
    }
    assertThat(result.loss()).isCloseTo(SoftmaxCrossEntropy.value(logits, labels), within(1e-15));
  }

  @Test
  void valueMatchesTheDefinitionAndIsStableForLargeLogits() {
    // two classes, logits (0, ln 3): p = (1/4, 3/4); label 0 costs ln 4, label 1 costs ln(4/3)
    Matrix logits = Matrix.of(new double[][] {{0, Math.log(3)}, {0, Math.log(3)}});
    double expected = (Math.log(4) + Math.log(4.0 / 3.0)) / 2;
    assertThat(SoftmaxCrossEntropy.value(logits, new int[] {0, 1})).isCloseTo(expected, within(1e-14));
    // shifting all logits of a row does not change the loss, even far beyond exp's range
    Matrix shifted = Matrix.of(new double[][] {{1000, 1000 + Math.log(3)}, {-1000, -1000 + Math.log(3)}});
    assertThat(SoftmaxCrossEntropy.value(shifted, new int[] {0, 1})).isCloseTo(expected, within(1e-12));
  }

  @Test
  void gradientRowsSumToZeroAndCountCorrectUsesArgMax() {
    Matrix logits = Matrix.of(new double[][] {{2, 1, 0}, {0, 5, 1}, {3, 3, 0}});
    int[] labels = {0, 2, 1};
    SoftmaxCrossEntropy.Result r = SoftmaxCrossEntropy.evaluate(logits, labels);
    for (int i = 0; i < 3; i++) {
      double s = 0;
      for (int j = 0; j < 3; j++) {
        s += r.logitGradient().get(i, j);
      }
      assertThat(s).isCloseTo(0, within(1e-15));
    }
    // row 0 right, row 1 wrong, row 2 tie resolved to class 0 (wrong)
    assertThat(r.correct()).isEqualTo(1);
    assertThat(SoftmaxCrossEntropy.countCorrect(logits, labels)).isEqualTo(1);
  }

  @Test
  void rejectsBadInput() {
    Matrix logits = Matrix.of(new double[][] {{1, 2}, {3, Double.NaN}});
    assertThatThrownBy(() -> SoftmaxCrossEntropy.evaluate(logits, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1, class 1").hasMessageContaining("NaN");
    Matrix ok = Matrix.of(new double[][] {{1, 2}});
    assertThatThrownBy(() -> SoftmaxCrossEntropy.value(ok, new int[] {2}))
        .hasMessageContaining("label 2 at row 0");
    assertThatThrownBy(() -> SoftmaxCrossEntropy.value(ok, new int[] {0, 1}))
        .hasMessageContaining("1 rows but there are 2 labels");
  }
}
