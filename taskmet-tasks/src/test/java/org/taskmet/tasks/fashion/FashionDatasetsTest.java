package org.taskmet.tasks.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.Matrix;

class FashionDatasetsTest {
  @TempDir Path dir;

  @Test
  void loadsAGeneratedDirectory() throws Exception {
    IdxTestFiles.writeFashionDirectory(dir, 30, 20, 28, 28, 1);
    FashionMnist.Data data = FashionMnist.load(dir);
    assertThat(data.train().count()).isEqualTo(30);
    assertThat(data.test().count()).isEqualTo(20);
    assertThat(data.train().rows()).isEqualTo(28);
    assertThat(data.train().labels()[13]).isEqualTo(3);
  }

  @Test
  void missingDatasetSaysHowToInstallIt() {
    assertThatThrownBy(() -> FashionMnist.load(dir.resolve("nowhere")))
        .isInstanceOf(FashionMnist.MissingDatasetException.class)
        .hasMessageContaining("apt-get install dataset-fashion-mnist")
        .hasMessageContaining("--data-dir")
        .hasMessageContaining("train-images-idx3-ubyte");
  }

  @Test
  void labelOutOfRangeIsReportedWithTheFile() throws Exception {
    IdxTestFiles.writeFashionDirectory(dir, 3, 3, 28, 28, 1);
    Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
    Files.delete(labels);
    IdxTestFiles.write(dir.resolve("train-labels-idx1-ubyte"),
        IdxTestFiles.idxBytes(0x08, new int[] {3}, new byte[] {1, 12, 0}), false);
    assertThatThrownBy(() -> FashionMnist.load(dir))
        .hasMessageContaining("train-labels-idx1-ubyte").hasMessageContaining("label 12 at index 1");
  }

  /** A tiny split whose item i is a constant image of value (i + 1) and label i % 10. */
  private static ImageSplit constantItems(int n) {
    byte[] pixels = new byte[n * 28 * 28];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(pixels, i * 784, (i + 1) * 784, (byte) (i + 1));
      labels[i] = i % 10;
    }
    return new ImageSplit(n, 28, 28, pixels, labels);
  }

  @Test
  void multiFashionPlacesTwoItemsAndLabelsLeftAndRight() {
    ImageSplit items = constantItems(20);
    MultiTaskImages set = MultiFashion.build(items, 50, new SplittableRandom(3));
    assertThat(set.height()).isEqualTo(36);
    assertThat(set.width()).isEqualTo(36);
    assertThat(set.taskCount()).isEqualTo(2);
    for (int i = 0; i < set.count(); i++) {
      int base = i * 36 * 36;
      // (0..1, 0..1) only the left item can reach (offsets 0..2); (34..35, 34..35) only the right (6..8 + 28)
      int topLeft = set.pixels()[base + 2 * 36 + 2] & 0xff;
      int bottomRight = set.pixels()[base + 33 * 36 + 33] & 0xff;
      assertThat((topLeft - 1) % 10).isEqualTo(set.labels()[0][i]);
      assertThat((bottomRight - 1) % 10).isEqualTo(set.labels()[1][i]);
      // overlap region (8..29 both axes) holds the max of the two constant items
      assertThat(set.pixels()[base + 15 * 36 + 15] & 0xff).isEqualTo(Math.max(topLeft, bottomRight));
      // the corner (0,35) is never covered: the left item ends at column <= 29, the right starts at row >= 6
      assertThat(set.pixels()[base + 35]).isEqualTo((byte) 0);
    }
    MultiTaskImages again = MultiFashion.build(items, 50, new SplittableRandom(3));
    assertThat(again.pixels()).isEqualTo(set.pixels());
    assertThat(again.labels()).isEqualTo(set.labels());
    MultiTaskImages other = MultiFashion.build(items, 50, new SplittableRandom(4));
    assertThat(other.pixels()).isNotEqualTo(set.pixels());
  }

  @Test
  void multiFashionUsesEveryOffset() {
    ImageSplit items = constantItems(1);
    MultiTaskImages set = MultiFashion.build(items, 400, new SplittableRandom(5));
    boolean[] leftCols = new boolean[3];
    boolean[] rightCols = new boolean[3];
    for (int i = 0; i < set.count(); i++) {
      int base = i * 36 * 36;
      // first non-zero column of row 10 gives the left item's column offset; last gives the right's end
      int first = 0;
      while ((set.pixels()[base + 10 * 36 + first]) == 0) {
        first++;
      }
      int last = 35;
      while ((set.pixels()[base + 20 * 36 + last]) == 0) {
        last--;
      }
      leftCols[first] = true;
      rightCols[last - 33] = true;
    }
    assertThat(leftCols).containsOnly(true);
    assertThat(rightCols).containsOnly(true);
  }

  /** n rows of 2×2 zeros whose label is i % classes. */
  private static ImageSplit cyclicLabels(int n, int classes) {
    ImageSplit items = new ImageSplit(n, 2, 2, new byte[n * 4], new int[n]);
    for (int i = 0; i < n; i++) {
      items.labels()[i] = i % classes;
    }
    return items;
  }

  @Test
  void oneVsRestTasksAreBalancedAndOnlyTheNoisyTaskIsFlipped() {
    int n = 4000;
    ImageSplit items = cyclicLabels(n, 10);
    List<String> names = java.util.stream.IntStream.range(0, 10).mapToObj(k -> "ovr-" + k).toList();
    MultiTaskImages clean = OneVsRestTasks.build(items, 10, 255, names, OneVsRestTasks.Options.clean(),
        new SplittableRandom(2));
    MultiTaskImages noisy = OneVsRestTasks.build(items, 10, 255, names, new OneVsRestTasks.Options(3, 0.3, -1, 0),
        new SplittableRandom(2));
    assertThat(noisy.taskNames().get(3)).isEqualTo("ovr-3-noisy");
    assertThat(clean.taskNames()).noneMatch(s -> s.contains("noisy"));
    assertThat(clean.allLabelled()).isFalse();
    int flips = 0;
    for (int t = 0; t < 10; t++) {
      int positives = 0;
      int negatives = 0;
      for (int i = 0; i < n; i++) {
        int y = clean.labels()[t][i];
        if (y == MultiTaskImages.NO_LABEL) {
          continue;
        }
        // a clean example's label is the truth: 1 exactly for the rows of class t
        assertThat(y).isEqualTo(items.labels()[i] == t ? 1 : 0);
        positives += y;
        negatives += 1 - y;
        if (t == 3 && noisy.labels()[t][i] != y) {
          flips++;
        }
        if (t != 3) {
          assertThat(noisy.labels()[t][i]).isEqualTo(y);
        }
      }
      // every row of class t is a positive, and as many negatives
      assertThat(positives).isEqualTo(400);
      assertThat(negatives).isEqualTo(400);
    }
    // binomial(800, 0.3): mean 240, sd 13
    assertThat(flips).isBetween(190, 290);
  }

  @Test
  void theLowResourceTaskKeepsFewBalancedExamplesAndTheOthersAreUntouched() {
    ImageSplit items = cyclicLabels(2600, 26);
    List<String> names = java.util.stream.IntStream.range(0, 26).mapToObj(k -> "t" + k).toList();
    MultiTaskImages set = OneVsRestTasks.build(items, 26, 15, names, new OneVsRestTasks.Options(-1, 0, 5, 9),
        new SplittableRandom(4));
    int[] low = set.examples(5);
    assertThat(low).hasSize(9);
    assertThat(java.util.Arrays.stream(low).map(i -> set.labels()[5][i]).sum()).isEqualTo(5);
    assertThat(set.taskNames().get(5)).isEqualTo("t5-low");
    assertThat(set.examples(6)).hasSize(200);
    assertThat(set.maxValue()).isEqualTo(15);
    MultiTaskImages again = OneVsRestTasks.build(items, 26, 15, names, new OneVsRestTasks.Options(-1, 0, 5, 9),
        new SplittableRandom(4));
    assertThat(again).isEqualTo(set);
    assertThatThrownBy(() -> new OneVsRestTasks.Options(3, 0.5, -1, 0))
        .hasMessageContaining("flip probability must be in [0, 0.5), got 0.5");
    assertThatThrownBy(() -> new OneVsRestTasks.Options(3, 0.1, 3, 10)).hasMessageContaining("must differ");
  }

  @Test
  void multiFashionMnistTakesTheRightItemFromTheSecondSource() {
    ImageSplit left = constantItems(20);
    byte[] digitPixels = new byte[5 * 784];
    java.util.Arrays.fill(digitPixels, (byte) 200);
    ImageSplit digits = new ImageSplit(5, 28, 28, digitPixels, new int[] {9, 9, 9, 9, 9});
    MultiTaskImages set = MultiFashion.build(left, digits, 30, new SplittableRandom(3));
    for (int i = 0; i < set.count(); i++) {
      assertThat(set.labels()[1][i]).isEqualTo(9);
      assertThat(set.pixels()[i * 36 * 36 + 33 * 36 + 33] & 0xff).isEqualTo(200);
    }
    // one source on both sides is the plain MultiFashion construction, draw for draw
    assertThat(MultiFashion.build(left, left, 30, new SplittableRandom(3)))
        .isEqualTo(MultiFashion.build(left, 30, new SplittableRandom(3)));
  }

  @Test
  void sampleIndicesAreDistinctAndFeaturesAreScaled() {
    int[] idx = OneVsRestTasks.sampleIndices(100, 60, new SplittableRandom(9));
    assertThat(idx).hasSize(60).doesNotHaveDuplicates();
    assertThat(java.util.Arrays.stream(idx).allMatch(i -> i >= 0 && i < 100)).isTrue();
    MultiTaskImages set = MultiTaskImages.images(2, 1, 2, new byte[] {0, (byte) 255, 51, 102},
        new int[][] {{0, 1}}, new int[] {2}, java.util.List.of("t"));
    Matrix x = set.features(new int[] {1, 0});
    assertThat(x.data()).containsExactly(0.2, 0.4, 0.0, 1.0);
    assertThat(set.labels(0, new int[] {1, 1, 0})).containsExactly(1, 1, 0);
  }
}
