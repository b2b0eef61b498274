package org.taskmet.bench.fashion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.core.provenance.BuildInfo;
import org.taskmet.tasks.fashion.FashionMnist;
import org.taskmet.tasks.fashion.FashionTrainer;
import org.taskmet.tasks.fashion.Flatness;
import org.taskmet.tasks.fashion.MultiFashion;
import org.taskmet.tasks.fashion.MultiTaskImages;
import org.taskmet.tasks.fashion.OneVsRestTasks;

/**
 * Runs the Fashion multi-task benchmark grid (benchmark × seed × aggregator × flatness), writing every
 * trial as it finishes ({@link FashionResultStore}), then the summary table and the plots.
 *
 * <p>Data construction uses {@code dataSeed} only, so every trial of a benchmark sees the same images:
 * MultiFashion train from {@code dataSeed}, test from {@code dataSeed + 1}; one-vs-rest train subsample
 * from {@code dataSeed + 2}, label noise from {@code dataSeed + 3}, test subsample from {@code dataSeed + 4}.
 * Seeds are the outer loop, so an interrupted run holds complete seeds for the methods it reached.
 */
public final class FashionBenchmark {
  public static final String MULTIFASHION = "multifashion";
  public static final String ONE_VS_REST = "one-vs-rest";

  private static final int MULTIFASHION_FULL_TRAIN = 120_000;
  private static final int MULTIFASHION_FULL_TEST = 20_000;

  /** The trials' outcome. */
  public record Report(List<FashionSummary.Row> rows, String markdownTable, double wallSeconds, int trialCount,
      int trialsRun) {}

  private final FashionBenchmarkSettings settings;
  private final PrintWriter progress;

  public FashionBenchmark(FashionBenchmarkSettings settings, PrintWriter progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** Names of every aggregator plugin on the class path, sorted. */
  public static List<String> availableAggregators() {
    return new ArrayList<>(aggregatorProviders().keySet());
  }

  /** A factory of fresh aggregators of plugin {@code name}, each built from the plugin's default config. */
  public static Supplier<GradientAggregator> aggregatorFactory(String name) {
    PluginProvider<?, ?> provider = aggregatorProviders().get(name);
    if (provider == null) {
      throw new IllegalArgumentException(
          "no aggregator plugin named '" + name + "'; available: " + availableAggregators());
    }
    return () -> createDefault(provider);
  }

  private static <T, C extends Record> GradientAggregator createDefault(PluginProvider<T, C> provider) {
    return (GradientAggregator) provider.create(provider.defaultConfig());
  }

  @SuppressWarnings("rawtypes")
  private static Map<String, PluginProvider<?, ?>> aggregatorProviders() {
    Map<String, PluginProvider<?, ?>> byName = new TreeMap<>();
    for (PluginProvider p : ServiceLoader.load(PluginProvider.class)) {
      if (p.kind() == PluginKind.AGGREGATOR) {
        byName.put(p.name(), p);
      }
    }
    return byName;
  }

  /** Runs every missing trial, then writes the summary and plots. */
  public Report run() {
    long start = System.nanoTime();
    // load first: a wrong --data-dir must fail before an earlier run's results are cleared
    FashionMnist.Data data = FashionMnist.load(settings.dataDirectory());
    FashionResultStore store = new FashionResultStore(settings.outputDirectory());
    if (!settings.resume()) {
      store.clear();
    }
    writeRunFile(store);
    Set<String> done = new HashSet<>();
    store.finishedTrials().forEach(t -> done.add(t.key()));

    int total = settings.benchmarks().size() * settings.seeds() * settings.methods().size()
        * settings.flatness().size();
    int index = 0;
    int ran = 0;
    Map<String, FashionTrainer.Outcome> traced = new LinkedHashMap<>();
    Map<String, FashionTrialRecord> tracedRecords = new LinkedHashMap<>();
    for (String benchmark : settings.benchmarks()) {
      MultiTaskImages[] sets = build(benchmark, data);
      progress.printf(Locale.ROOT, "%s: %d train / %d test images of %dx%d, %d tasks %s%n", benchmark,
          sets[0].count(), sets[1].count(), sets[0].height(), sets[0].width(), sets[0].taskCount(),
          sets[0].taskNames());
      progress.flush();
      for (int s = 0; s < settings.seeds(); s++) {
        long seed = settings.firstSeed() + s;
        for (String method : settings.methods()) {
          for (Flatness flat : settings.flatness()) {
            index++;
            String key = FashionTrialRecord.key(benchmark, method, flat.label(), seed);
            if (done.contains(key)) {
              continue;
            }
            FashionTrainer.Settings ts = new FashionTrainer.Settings(settings.hiddenWidths(), settings.batchSize(),
                settings.epochs(), settings.learningRate(), flat, settings.rho(), settings.adaptive(),
                settings.traceEvery());
            FashionTrainer.Outcome o = FashionTrainer.train(sets[0], sets[1], aggregatorFactory(method), ts, seed);
            FashionTrialRecord r = record(benchmark, method, flat, seed, sets[0].taskNames(), o);
            store.append(r);
            store.writeWeightTrace(r, o.traceSteps(), o.traceWeights());
            if (s == 0) {
              traced.put(key, o);
              tracedRecords.put(key, r);
            }
            ran++;
            progress.printf(Locale.ROOT, "[%d/%d] %s %s/%s seed %d: average %.2f%%, worst %.2f%% (%s), worst balanced "
                    + "%.2f%%, %d steps, %.1f s (%.1f ms/step)%n", index, total, benchmark, method, flat.label(), seed,
                100 * r.averageAccuracy(), 100 * r.worstAccuracy(), r.worstTask(), 100 * r.worstBalancedAccuracy(),
                r.steps(), r.trainSeconds(), r.msPerStep());
            progress.flush();
          }
        }
      }
    }
    List<FashionTrialRecord> inGrid = new ArrayList<>();
    Set<String> grid = gridKeys();
    for (FashionTrialRecord t : store.finishedTrials()) {
      if (grid.contains(t.key())) {
        inGrid.add(t);
      }
    }
    List<FashionSummary.Row> rows = FashionSummary.rows(inGrid);
    String table = FashionSummary.markdown(rows);
    write(store, "summary.md", table);
    write(store, "summary.csv", FashionSummary.csv(rows));
    if (settings.plots()) {
      for (String b : FashionPlots.benchmarks(rows)) {
        FashionPlots.tradeOff(rows, b, store.directory());
      }
      for (Map.Entry<String, FashionTrialRecord> e : tracedRecords.entrySet()) {
        FashionTrialRecord r = e.getValue();
        if (r.method().equals("group-dro") || r.method().equals("lookahead-dro")) {
          FashionTrainer.Outcome o = traced.get(e.getKey());
          FashionPlots.weightTrajectory(r, o.traceSteps(), o.traceWeights(), store.directory());
        }
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    return new Report(rows, table, wall, inGrid.size(), ran);
  }

  /** [train, test] of one benchmark. */
  MultiTaskImages[] build(String benchmark, FashionMnist.Data data) {
    long ds = settings.dataSeed();
    MultiTaskImages train;
    MultiTaskImages test;
    if (benchmark.equals(MULTIFASHION)) {
      int n = settings.trainSize() < 0 ? MULTIFASHION_FULL_TRAIN : settings.trainSize();
      int m = settings.testSize() < 0 ? MULTIFASHION_FULL_TEST : settings.testSize();
      train = MultiFashion.build(data.train(), n, new SplittableRandom(ds));
      test = MultiFashion.build(data.test(), m, new SplittableRandom(ds + 1));
    } else if (benchmark.equals(ONE_VS_REST)) {
      int n = settings.trainSize() < 0 ? data.train().count() : Math.min(settings.trainSize(), data.train().count());
      int m = settings.testSize() < 0 ? data.test().count() : Math.min(settings.testSize(), data.test().count());
      int[] trainRows = OneVsRestTasks.sampleIndices(data.train().count(), n, new SplittableRandom(ds + 2));
      train = OneVsRestTasks.build(data.train(), trainRows, settings.noisyTask(), settings.flipProbability(),
          new SplittableRandom(ds + 3));
      int[] testRows = OneVsRestTasks.sampleIndices(data.test().count(), m, new SplittableRandom(ds + 4));
      // clean test labels; the noisy task keeps its name so train and test tables line up
      test = OneVsRestTasks.build(data.test(), testRows, settings.noisyTask(), 0.0, new SplittableRandom(ds + 4));
    } else {
      throw new IllegalArgumentException("unknown benchmark '" + benchmark + "', expected " + MULTIFASHION + " or "
          + ONE_VS_REST);
    }
    return new MultiTaskImages[] {train.pooled(settings.pool()), test.pooled(settings.pool())};
  }

  private static FashionTrialRecord record(String benchmark, String method, Flatness flat, long seed,
      List<String> taskNames, FashionTrainer.Outcome o) {
    double[] acc = o.testAccuracy();
    double[] balanced = o.testBalancedAccuracy();
    int worst = 0;
    for (int t = 0; t < acc.length; t++) {
      if (acc[t] < acc[worst]) {
        worst = t;
      }
    }
    return new FashionTrialRecord(benchmark, method, flat.label(), seed, taskNames, acc, FashionSummary.mean(acc),
        acc[worst], taskNames.get(worst), balanced, FashionSummary.mean(balanced),
        Arrays.stream(balanced).min().orElseThrow(), o.finalWeights(), o.steps(), o.trainSeconds(),
        1000 * o.trainSeconds() / Math.max(1, o.steps()));
  }

  private Set<String> gridKeys() {
    Set<String> keys = new HashSet<>();
    for (String b : settings.benchmarks()) {
      for (int s = 0; s < settings.seeds(); s++) {
        for (String m : settings.methods()) {
          for (Flatness f : settings.flatness()) {
            keys.add(FashionTrialRecord.key(b, m, f.label(), settings.firstSeed() + s));
          }
        }
      }
    }
    return keys;
  }

  private void writeRunFile(FashionResultStore store) {
    try {
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("settings", settings);
      run.put("dataDirectory", settings.dataDirectory().toString());
      run.put("outputDirectory", settings.outputDirectory().toString());
      run.put("availableProcessors", Runtime.getRuntime().availableProcessors());
      run.put("java", System.getProperty("java.version"));
      run.put("build", BuildInfo.current());
      Files.writeString(store.directory().resolve("run.json"), json.writeValueAsString(run), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write run.json: " + e.getMessage(), e);
    }
  }

  private static void write(FashionResultStore store, String name, String content) {
    try {
      Files.writeString(store.directory().resolve(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name + ": " + e.getMessage(), e);
    }
  }
}
