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
import org.taskmet.core.mtl.flat.PerturbationNorm;

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
    return MultiTaskImages.images(n, 6, 6, pixels, new int[][] {left, right}, new int[] {3, 2}, List.of("left", "right"));
  }

  private static Supplier<GradientAggregator> ls() {
    LinearScalarizationProvider p = new LinearScalarizationProvider();
    return () -> p.create(p.defaultConfig());
  }

  private static FashionTrainer.Settings settings(Flatness flatness) {
    return new FashionTrainer.Settings(FashionTrainer.Trunk.mlp(16), 16, 8, 1e-2, flatness, 0.05, false, PerturbationNorm.JOINT, 1, 5);
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
        new FashionTrainer.Settings(FashionTrainer.Trunk.mlp(16), 16, 8, 1e-2, Flatness.FS_MTL, 0.5, true, PerturbationNorm.JOINT, 1, 5), 7);
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
    FashionTrainer.Settings s = new FashionTrainer.Settings(FashionTrainer.Trunk.mlp(8), 16, 2, 1e-2, Flatness.FS_MTL, 0.1, true, PerturbationNorm.JOINT, 1, 1);
    FashionTrainer.Outcome a = FashionTrainer.train(train, test, groupDro, s, 11);
    FashionTrainer.Outcome b = FashionTrainer.train(train, test, groupDro, s, 11);
    FashionTrainer.Outcome c = FashionTrainer.train(train, test, groupDro, s, 12);
    assertThat(b.testAccuracy()).isEqualTo(a.testAccuracy());
    assertThat(b.traceWeights()).isDeepEqualTo(a.traceWeights());
    assertThat(b.finalTrainLosses()).isEqualTo(a.finalTrainLosses());
    assertThat(c.finalTrainLosses()).isNotEqualTo(a.finalTrainLosses());
  }

  @Test
  void balancedAccuracyAveragesPerClassRecall() {
    // an untrained network's predictions, recounted here from its logits
    MultiTaskImages data = blocks(40, 9);
    var net = FashionTrainer.network(36, new int[] {4}, data.classCounts());
    double[] theta = net.initialParameters(new SplittableRandom(2));
    FashionTrainer.Scores s = FashionTrainer.evaluate(net, theta, data);
    int[] rows = new int[data.count()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    for (int t = 0; t < data.taskCount(); t++) {
      var logits = net.predict(theta, data.features(rows), t);
      int[] y = data.labels(t, rows);
      int c = data.classCounts()[t];
      int[] n = new int[c];
      int[] hit = new int[c];
      int correct = 0;
      for (int i = 0; i < y.length; i++) {
        int best = 0;
        for (int j = 1; j < c; j++) {
          if (logits.get(i, j) > logits.get(i, best)) {
            best = j;
          }
        }
        n[y[i]]++;
        if (best == y[i]) {
          hit[y[i]]++;
          correct++;
        }
      }
      double recallSum = 0;
      for (int j = 0; j < c; j++) {
        recallSum += hit[j] / (double) n[j];
      }
      assertThat(s.accuracy()[t]).isEqualTo(correct / 40.0);
      assertThat(s.balancedAccuracy()[t]).isCloseTo(recallSum / c, org.assertj.core.api.Assertions.within(1e-12));
    }
  }

  @Test
  void majorityGuessingScoresOneHalfBalanced() {
    // one binary task, 9 negatives and 1 positive; the head's bias is set so every row predicts class 0
    byte[] px = new byte[10];
    int[] y = new int[10];
    y[3] = 1;
    MultiTaskImages data = MultiTaskImages.images(10, 1, 1, px, new int[][] {y}, new int[] {2}, List.of("t"));
    var net = FashionTrainer.network(1, new int[] {1}, new int[] {2});
    double[] theta = new double[net.parameterCount()];
    theta[net.headOffset(0) + net.headParameterCount(0) - 2] = 1.0; // bias of class 0
    FashionTrainer.Scores s = FashionTrainer.evaluate(net, theta, data);
    assertThat(s.accuracy()[0]).isEqualTo(0.9);
    assertThat(s.balancedAccuracy()[0]).isEqualTo(0.5);
  }

  @Test
  void theSelectedModelIsTheBestValidationEvaluation() {
    FashionTrainer.Splits data = new FashionTrainer.Splits(blocks(160, 1), blocks(60, 5), blocks(100, 2));
    FashionTrainer.Settings s = new FashionTrainer.Settings(FashionTrainer.Trunk.mlp(16), 16, 4, 1e-2, Flatness.NONE,
        0.05, false, PerturbationNorm.JOINT, 3, 5);
    List<String> messages = new java.util.ArrayList<>();
    List<Integer> validationMessages = new java.util.ArrayList<>();
    FashionTrainer.Outcome o = FashionTrainer.train(data, ls(), s, 7, (done, total, m) -> {
      messages.add(done + "/" + total);
      if (m.endsWith("%")) {
        validationMessages.add((int) done);
      }
    });
    // 10 steps per epoch, an evaluation every 3 steps and at the last step; progress at every one of the 40 steps
    // (every 200th of the run) and the last validation score in each message from the first evaluation on
    assertThat(o.evaluationSteps()).startsWith(3, 6, 9, 12).endsWith(39, 40);
    assertThat(messages).hasSize(40).startsWith("1/40", "2/40").endsWith("40/40");
    assertThat(validationMessages).hasSize(38).startsWith(3, 4, 5);
    int best = 0;
    for (int i = 1; i < o.evaluationSteps().length; i++) {
      if (FashionTrainer.mean(o.validationAccuracy()[i]) > FashionTrainer.mean(o.validationAccuracy()[best])) {
        best = i;
      }
    }
    assertThat(o.selectedStep()).isEqualTo(o.evaluationSteps()[best]);
    // with the validation set as test set, the selected model's test scores are the best validation scores
    MultiTaskImages validation = blocks(60, 5);
    FashionTrainer.Outcome same = FashionTrainer.train(new FashionTrainer.Splits(blocks(160, 1), validation, validation),
        ls(), s, 7, (d, t, m) -> { });
    assertThat(same.validationAccuracy()).isDeepEqualTo(o.validationAccuracy());
    assertThat(same.test().accuracy()).isEqualTo(o.validationAccuracy()[best]);
    assertThat(o.finalTest().accuracy()).hasSize(2);
  }

  /** {@link #blocks} where task "left" labels only the first {@code leftExamples} images (its own small pool). */
  private static MultiTaskImages perTask(int n, int leftExamples, long seed) {
    MultiTaskImages all = blocks(n, seed);
    int[][] labels = {all.labels()[0].clone(), all.labels()[1].clone()};
    java.util.Arrays.fill(labels[0], leftExamples, n, MultiTaskImages.NO_LABEL);
    return new MultiTaskImages(n, 6, 6, all.pixels(), 255, labels, all.classCounts(), all.taskNames());
  }

  @Test
  void tasksWithTheirOwnPoolsTrainOnPerTaskBatches() {
    MultiTaskImages train = perTask(160, 40, 1);
    MultiTaskImages test = blocks(100, 2);
    FashionTrainer.Outcome o = FashionTrainer.train(train, test, ls(), settings(Flatness.NONE), 7);
    // an epoch is as many steps as the largest pool (160 rows of task "right") needs
    assertThat(o.steps()).isEqualTo(8 * (160 / 16));
    assertThat(o.testAccuracy()[0]).isGreaterThan(0.85);
    assertThat(o.testAccuracy()[1]).isGreaterThan(0.9);
    FashionTrainer.Outcome flat = FashionTrainer.train(train, test, ls(), settings(Flatness.FS_MTL), 7);
    assertThat(java.util.Arrays.stream(flat.finalTrainLosses()).allMatch(Double::isFinite)).isTrue();
    // unlabelled rows are not scored: scoring the per-task set counts task "left" on its 40 rows only
    var net = FashionTrainer.network(36, new int[] {4}, train.classCounts());
    double[] theta = net.initialParameters(new SplittableRandom(1));
    FashionTrainer.Scores onPool = FashionTrainer.evaluate(net, theta, train);
    FashionTrainer.Scores onFirst40 = FashionTrainer.evaluate(net, theta, blocks(160, 1).subset(
        java.util.stream.IntStream.range(0, 40).toArray()));
    assertThat(onPool.accuracy()[0]).isEqualTo(onFirst40.accuracy()[0]);
  }

  @Test
  void theConvolutionalTrunkTrainsEndToEnd() {
    // 20x20 images (the smallest MultiLeNet accepts): the 6x6 blocks scaled up
    MultiTaskImages small = blocks(48, 3);
    byte[] px = new byte[48 * 400];
    for (int i = 0; i < 48; i++) {
      for (int r = 0; r < 20; r++) {
        for (int c = 0; c < 20; c++) {
          px[i * 400 + r * 20 + c] = small.pixels()[i * 36 + Math.min(5, r * 6 / 20) * 6 + Math.min(5, c * 6 / 20)];
        }
      }
    }
    MultiTaskImages images = MultiTaskImages.images(48, 20, 20, px, small.labels(), small.classCounts(),
        small.taskNames());
    FashionTrainer.Settings s = new FashionTrainer.Settings(FashionTrainer.Trunk.lenet(), 16, 2, 1e-3,
        Flatness.FS_MTL, 2.0, true, PerturbationNorm.JOINT, 1, 1);
    FashionTrainer.Outcome a = FashionTrainer.train(images, images, ls(), s, 3);
    FashionTrainer.Outcome b = FashionTrainer.train(images, images, ls(), s, 3);
    assertThat(a.steps()).isEqualTo(6);
    assertThat(java.util.Arrays.stream(a.finalTrainLosses()).allMatch(l -> l > 0 && Double.isFinite(l))).isTrue();
    assertThat(b.finalTrainLosses()).isEqualTo(a.finalTrainLosses());
    assertThat(b.testAccuracy()).isEqualTo(a.testAccuracy());
  }

  @Test
  void rejectsMismatchedSetsAndBadSettings() {
    MultiTaskImages train = blocks(20, 1);
    MultiTaskImages otherShape = train.pooled(2);
    assertThatThrownBy(() -> FashionTrainer.train(train, otherShape, ls(), settings(Flatness.NONE), 1))
        .hasMessageContaining("36 vs 9 pixels");
    assertThatThrownBy(() -> FashionTrainer.Trunk.lenet().build(train.height(), train.width()))
        .hasMessageContaining("at least 20x20");
    MultiTaskImages tiny = blocks(10, 1);
    assertThatThrownBy(() -> FashionTrainer.train(tiny, tiny, ls(), settings(Flatness.NONE), 1))
        .hasMessageContaining("batchSize 16 exceeds the 10 training images");
    assertThatThrownBy(() -> new FashionTrainer.Settings(FashionTrainer.Trunk.mlp(4), 8, 1, -1, Flatness.NONE, 0, false, PerturbationNorm.JOINT, 1, 1))
        .hasMessageContaining("learningRate must be positive");
  }
}
