package org.taskmet.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.taskmet.bench.fashion.FashionBenchmark;
import org.taskmet.bench.fashion.FashionBenchmarkSettings;
import org.taskmet.tasks.fashion.FashionMnist;
import org.taskmet.tasks.fashion.Flatness;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code taskmet mtl fashion}: the Fashion-MNIST multi-task benchmark. Trains a shared MLP trunk with one
 * head per task under every requested aggregator × flatness option × seed, on MultiFashion (left/right
 * item, 36×36) and on the 10-task one-vs-rest split with one noisy task, and writes per-trial CSV/JSON,
 * a summary table and PNG plots.
 */
@Command(name = "fashion", mixinStandardHelpOptions = true,
    description = {"Fashion-MNIST multi-task benchmark: MultiFashion (left/right item) and 10 one-vs-rest tasks "
        + "with one noisy task; every aggregator with and without FS-MTL flatness; average and worst-task "
        + "accuracy, mean ± std over seeds.",
        "Data: the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or --data-dir."})
public final class MtlFashionCommand implements Callable<Integer> {
  static final List<String> ALL_BENCHMARKS = List.of(FashionBenchmark.MULTIFASHION, FashionBenchmark.ONE_VS_REST);

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Directory with the four Fashion-MNIST IDX files (.gz or plain). Default: ${DEFAULT-VALUE}")
  Path dataDir = FashionMnist.DEFAULT_DIRECTORY;

  @Option(names = "--benchmarks", split = ",", paramLabel = "NAME",
      description = "Which data sets: multifashion, one-vs-rest (comma-separated). Default: both.")
  List<String> benchmarks = new ArrayList<>(ALL_BENCHMARKS);

  @Option(names = "--methods", split = ",", paramLabel = "AGGREGATOR",
      description = "Aggregator plugin names (comma-separated). Default: ${DEFAULT-VALUE}")
  List<String> methods = new ArrayList<>(FashionBenchmarkSettings.DEFAULT_METHODS);

  @Option(names = "--flatness", split = ",", paramLabel = "OPTION",
      description = "Flatness options: none, fs-mtl (comma-separated). Default: both.")
  List<String> flatness = new ArrayList<>(List.of("none", "fs-mtl"));

  @Option(names = "--seeds", description = "Number of seeds per configuration. Default: ${DEFAULT-VALUE}")
  int seeds = 3;

  @Option(names = "--first-seed", description = "Seed of the first trial; trial s uses first-seed + s. Default: ${DEFAULT-VALUE}")
  long firstSeed = 0;

  @Option(names = "--data-seed", description = "Seed of the data construction (images, noise, subsample); "
      + "the same for every trial. Default: ${DEFAULT-VALUE}")
  long dataSeed = 2024;

  @Option(names = "--train-size", description = "Training images per benchmark (subsample). Default: ${DEFAULT-VALUE}")
  int trainSize = FashionBenchmarkSettings.DEFAULT_TRAIN_SIZE;

  @Option(names = "--test-size", description = "Test images per benchmark. Default: ${DEFAULT-VALUE}")
  int testSize = FashionBenchmarkSettings.DEFAULT_TEST_SIZE;

  @Option(names = "--full", description = "Full size: MultiFashion 120000/20000 images (as Pareto-MTL), "
      + "one-vs-rest all 60000/10000; overrides --train-size/--test-size.")
  boolean full;

  @Option(names = "--epochs", description = "Training epochs. Default: ${DEFAULT-VALUE}")
  int epochs = FashionBenchmarkSettings.DEFAULT_EPOCHS;

  @Option(names = "--batch-size", description = "Minibatch size. Default: ${DEFAULT-VALUE}")
  int batchSize = FashionBenchmarkSettings.DEFAULT_BATCH_SIZE;

  @Option(names = "--lr", description = "Adam learning rate. Default: ${DEFAULT-VALUE}")
  double learningRate = 1e-3;

  @Option(names = "--hidden", split = ",", paramLabel = "UNITS",
      description = "Trunk hidden widths, ReLU after each; the last is the shared representation. Default: 256,100")
  List<Integer> hidden = new ArrayList<>(List.of(256, 100));

  @Option(names = "--pool", description = "Average-pool images by this factor before training (1 = full "
      + "resolution; MultiFashion 36x36 -> 18x18 at 2). Default: ${DEFAULT-VALUE}")
  int pool = FashionBenchmarkSettings.DEFAULT_POOL;

  @Option(names = "--rho", description = "FS-MTL perturbation radius ρ. Default: ${DEFAULT-VALUE}")
  double rho = 2.0;

  @Option(names = "--adaptive", negatable = true, fallbackValue = "true",
      description = "ASAM-style adaptive (parameter-scaled) perturbation for FS-MTL. Default: ${DEFAULT-VALUE}")
  boolean adaptive = true;

  @Option(names = "--noisy-task", description = "One-vs-rest task whose training labels are flipped, -1 for none. Default: ${DEFAULT-VALUE}")
  int noisyTask = 0;

  @Option(names = "--flip", description = "Flip probability of the noisy task's training labels, in [0, 0.5). Default: ${DEFAULT-VALUE}")
  double flipProbability = 0.3;

  @Option(names = "--trace-every", description = "Record task weights every N steps. Default: ${DEFAULT-VALUE}")
  int traceEvery = 10;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory. Default: ${DEFAULT-VALUE}")
  Path out = Path.of("results", "fashion");

  @Option(names = "--resume", description = "Keep the trials already in --out and run only the missing ones.")
  boolean resume;

  @Option(names = "--no-plots", description = "Skip the PNG plots.")
  boolean noPlots;

  /** Checks every flag and builds the settings; a bad value is a picocli ParameterException naming the flag. */
  FashionBenchmarkSettings settings() {
    List<String> bench = distinct(benchmarks, "--benchmarks");
    for (String b : bench) {
      if (!ALL_BENCHMARKS.contains(b)) {
        throw bad("--benchmarks: unknown benchmark '" + b + "', expected one of " + ALL_BENCHMARKS);
      }
    }
    List<String> methodNames = distinct(methods, "--methods");
    List<String> known = FashionBenchmark.availableAggregators();
    for (String m : methodNames) {
      if (!known.contains(m)) {
        throw bad("--methods: no aggregator plugin named '" + m + "'; available: " + known);
      }
    }
    List<Flatness> flat = new ArrayList<>();
    for (String f : distinct(flatness, "--flatness")) {
      try {
        flat.add(Flatness.byLabel(f));
      } catch (IllegalArgumentException e) {
        throw bad("--flatness: " + e.getMessage());
      }
    }
    positive("--seeds", seeds);
    positive("--epochs", epochs);
    positive("--batch-size", batchSize);
    positive("--trace-every", traceEvery);
    int train = full ? -1 : positive("--train-size", trainSize);
    int test = full ? -1 : positive("--test-size", testSize);
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw bad("--lr must be a positive finite number, got " + learningRate);
    }
    if (!(rho > 0 && Double.isFinite(rho))) {
      throw bad("--rho must be a finite number > 0, got " + rho);
    }
    if (hidden.isEmpty()) {
      throw bad("--hidden needs at least one width");
    }
    int[] widths = new int[hidden.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = positive("--hidden", hidden.get(i));
    }
    if (pool != 1 && pool != 2 && pool != 4) {
      throw bad("--pool must be 1, 2 or 4 (it must divide both 36 and 28), got " + pool);
    }
    if (noisyTask < -1 || noisyTask >= FashionMnist.CLASS_COUNT) {
      throw bad("--noisy-task must be -1 (none) or in 0..9, got " + noisyTask);
    }
    if (!(flipProbability >= 0 && flipProbability < 0.5)) {
      throw bad("--flip must be in [0, 0.5), got " + flipProbability);
    }
    return new FashionBenchmarkSettings(dataDir, bench, methodNames, flat, seeds, firstSeed, dataSeed, train, test,
        epochs, batchSize, learningRate, widths, pool, rho, adaptive, noisyTask, flipProbability, traceEvery, out, resume,
        !noPlots);
  }

  @Override
  public Integer call() {
    FashionBenchmarkSettings settings = settings();
    PrintWriter outWriter = spec.commandLine().getOut();
    FashionBenchmark.Report report;
    try {
      report = new FashionBenchmark(settings, outWriter).run();
    } catch (FashionMnist.MissingDatasetException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
    outWriter.println();
    outWriter.println(report.markdownTable());
    outWriter.printf(Locale.ROOT, "wall time: %.1f s for %d trials (%d run now, %d kept from an earlier run); "
        + "results in %s%n", report.wallSeconds(), report.trialCount(), report.trialsRun(),
        report.trialCount() - report.trialsRun(), settings.outputDirectory().toAbsolutePath());
    outWriter.flush();
    return 0;
  }

  private List<String> distinct(List<String> values, String flag) {
    LinkedHashSet<String> set = new LinkedHashSet<>();
    for (String v : values) {
      String t = v.trim().toLowerCase(Locale.ROOT);
      if (t.isEmpty()) {
        throw bad(flag + " contains an empty name");
      }
      set.add(t);
    }
    if (set.isEmpty()) {
      throw bad(flag + " needs at least one value");
    }
    return new ArrayList<>(set);
  }

  private int positive(String flag, int value) {
    if (value < 1) {
      throw bad(flag + " must be >= 1, got " + value);
    }
    return value;
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Runs the command on its own (the lead wires it under {@code taskmet mtl}). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new MtlFashionCommand()).execute(args));
  }
}
