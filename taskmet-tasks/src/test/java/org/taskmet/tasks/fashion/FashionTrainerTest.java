package org.taskmet.tasks.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.taskmet.api.GradientAggregator;
import org.taskmet.core.mtl.aggregate.GroupDroProvider;
import org.taskmet.core.mtl.aggregate.LinearScalarizationProvider;
import org.taskmet.core.mtl.aggregate.MgdaProvider;

class FashionTrainerTest {

  /**
   * 6×6 images with two bright 3×3 blocks: task "left" = which of 3 rows the block in the left half sits in
   * (3 classes), task "right" = whether the right half's block is in the top or bottom half (2 classes).
   */
  static MultiTaskImages blocks(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] pixels = new byte[n * 36];
    int[] left = new int[n];
    int[] right = new int[n];
    for (int i = 0; i < n; i++) {
      left[i] = rng.nextInt(3);
      right[i] = rng.nextInt(2);
      for (int r = 0; r < 6; r++) {
        for (int c = 0; c < 6; c++) {
          boolean on = c < 3 ? (r / 2 == left[i]) : (r / 3 == right[i]);
          int v = on ? 180 + rng.nextInt(70) : rng.nextInt(60);
          pixels[i * 36 + r * 6 + c] = (byte) v;
        }
      }
    }
    return new MultiTaskImages(n, 6, 6, pixels, new int[][] {left, right}, new int[] {3, 2}, List.of("left", "right"));
  }

  private static Supplier<GradientAggregator> ls() {
    LinearScalarizationProvider p = new LinearScalarizationProvider();
    return () -> p.create(p.defaultConfig());
  }

  private static FashionTrainer.Settings settings(Flatness flatness) {
    return new FashionTrainer.Settings(new int[] {16}, 16, 8, 1e-2, flatness, 0.05, false, 5);
  }

  @Test
  void learnsBothTasksOfASeparableProblem() {
    MultiTaskImages train = blocks(160, 1);
    MultiTaskImages test = blocks(100, 2);
    FashionTrainer.Outcome o = FashionTrainer.train(train, test, ls(), settings(Flatness.NONE), 7);
    assertThat(o.steps()).isEqualTo(8 * (160 / 16));
    assertThat(o.testAccuracy()[0]).isGreaterThan(0.9);
    assertThat(o.testAccuracy()[1]).isGreaterThan(0.9);
    assertThat(o.traceSteps()).startsWith(0, 5, 10);
    assertThat(o.traceWeights().length).isEqualTo(o.traceSteps().length);
    assertThat(o.finalWeights()).containsExactly(1.0, 1.0);
  }

  @Test
  void fsMtlAndOtherAggregatorsAlsoLearn() {
    MultiTaskImages train = blocks(160, 1);
    MultiTaskImages test = blocks(100, 2);
    FashionTrainer.Outcome flat = FashionTrainer.train(train, test, ls(), settings(Flatness.FS_MTL), 7);
    assertThat(Arrays.stream(flat.testAccuracy()).min().orElseThrow()).isGreaterThan(0.9);
    MgdaProvider mgda = new MgdaProvider();
    FashionTrainer.Outcome m = FashionTrainer.train(train, test, () -> mgda.create(mgda.defaultConfig()),
        new FashionTrainer.Settings(new int[] {16}, 16, 8, 1e-2, Flatness.FS_MTL, 0.5, true, 5), 7);
    assertThat(Arrays.stream(m.testAccuracy()).min().orElseThrow()).isGreaterThan(0.9);
    // MGDA weights lie on the simplex scaled by K (its documented ×K convention) or sum to one
    double sum = m.finalWeights()[0] + m.finalWeights()[1];
    assertThat(sum).isBetween(0.99, 2.01);
  }

  @Test
  void sameSeedGivesBitIdenticalResultsAndAnotherSeedDoesNot() {
    MultiTaskImages train = blocks(64, 3);
    MultiTaskImages test = blocks(40, 4);
    GroupDroProvider dro = new GroupDroProvider();
    Supplier<GradientAggregator> groupDro = () -> dro.create(dro.defaultConfig());
    FashionTrainer.Settings s = new FashionTrainer.Settings(new int[] {8}, 16, 2, 1e-2, Flatness.FS_MTL, 0.1, true, 1);
    FashionTrainer.Outcome a = FashionTrainer.train(train, test, groupDro, s, 11);
    FashionTrainer.Outcome b = FashionTrainer.train(train, test, groupDro, s, 11);
    FashionTrainer.Outcome c = FashionTrainer.train(train, test, groupDro, s, 12);
    assertThat(b.testAccuracy()).isEqualTo(a.testAccuracy());
    assertThat(b.traceWeights()).isDeepEqualTo(a.traceWeights());
    assertThat(b.finalTrainLosses()).isEqualTo(a.finalTrainLosses());
    assertThat(c.finalTrainLosses()).isNotEqualTo(a.finalTrainLosses());
  }

  @Test
  void rejectsMismatchedSetsAndBadSettings() {
    MultiTaskImages train = blocks(20, 1);
    MultiTaskImages otherShape = train.pooled(2);
    assertThatThrownBy(() -> FashionTrainer.train(train, otherShape, ls(), settings(Flatness.NONE), 1))
        .hasMessageContaining("36 vs 9 pixels");
    MultiTaskImages tiny = blocks(10, 1);
    assertThatThrownBy(() -> FashionTrainer.train(tiny, tiny, ls(), settings(Flatness.NONE), 1))
        .hasMessageContaining("batchSize 16 exceeds the 10 training images");
    assertThatThrownBy(() -> new FashionTrainer.Settings(new int[] {4}, 8, 1, -1, Flatness.NONE, 0, false, 1))
        .hasMessageContaining("learningRate must be positive");
  }
}
