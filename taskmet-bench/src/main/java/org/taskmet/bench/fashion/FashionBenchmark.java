package org.taskmet.bench.fashion;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;
import org.taskmet.tasks.fashion.FashionTrainer;
import org.taskmet.tasks.fashion.MultiTaskImages;

/**
 * Runs a grid of image multi-task trials ({@link ImageMtlTrial}), saving each trial as it finishes
 * ({@link FashionResultStore}; trials already in the output directory are kept and skipped), then writes the
 * summary table and the plots from every trial of the grid.
 */
public final class FashionBenchmark {
  /** The trials' outcome. */
  public record Report(List<FashionSummary.Row> rows, String markdownTable, double wallSeconds, int trialCount,
      int trialsRun) {}

  private final FashionResultStore store;
  private final boolean plots;
  private final PrintWriter progress;

  public FashionBenchmark(FashionResultStore store, boolean plots, PrintWriter progress) {
    this.store = store;
    this.plots = plots;
    this.progress = progress;
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
  public static Supplier<GradientAggregator> aggregatorFactory(String method) {
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

  /** Runs every trial of {@code grid} that is not in the store yet, then writes the summary and plots. */
  public Report run(List<ImageMtlTrial.Spec> grid) {
    long start = System.nanoTime();
    // build every data set first: a missing data file must fail before any training
    Set<ImageMtlData.DataSpec> data = new LinkedHashSet<>();
    grid.forEach(s -> data.add(s.data()));
    for (ImageMtlData.DataSpec d : data) {
      FashionTrainer.Splits s = ImageMtlData.load(d);
      progress.printf(Locale.ROOT, "%s: %s train / %s validation / %s test, %dx%d, %d tasks %s%n", d.benchmark(),
          describe(s.train()), s.validation() == null ? "no" : describe(s.validation()), describe(s.test()),
          s.train().height(), s.train().width(), s.train().taskCount(), s.train().taskNames());
    }
    progress.flush();
    List<FashionTrialRecord> finished = new ArrayList<>();
    int ran = 0;
    for (int i = 0; i < grid.size(); i++) {
      ImageMtlTrial.Spec spec = grid.get(i);
      String id = store.id(spec);
      var existing = store.load(id);
      if (existing.isPresent()) {
        finished.add(existing.get());
        continue;
      }
      String prefix = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, grid.size(), spec.label());
      FashionTrialRecord r = ImageMtlTrial.run(spec, (done, total, message) -> {
        progress.printf(Locale.ROOT, "%s: step %d/%d, %s%n", prefix, done, total, message);
        progress.flush();
      });
      store.save(id, r);
      finished.add(r);
      ran++;
      progress.printf(Locale.ROOT, "%s: average %.2f%%, worst %.2f%% (%s), selected after step %d of %d, "
              + "%.1f CPU ms/step%n", prefix, 100 * r.averageAccuracy(), 100 * r.worstAccuracy(), r.worstTask(),
          r.selectedStep(), r.steps(), r.msPerStep());
      progress.flush();
    }
    List<FashionSummary.Row> rows = FashionSummary.rows(finished);
    String table = FashionSummary.markdown(rows);
    store.writeReport("summary.md", table);
    store.writeReport("summary.csv", FashionSummary.csv(rows));
    if (plots) {
      writePlots(finished, rows);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    return new Report(rows, table, wall, finished.size(), ran);
  }

  private void writePlots(List<FashionTrialRecord> finished, List<FashionSummary.Row> rows) {
    Map<String, Long> firstSeed = new LinkedHashMap<>();
    finished.forEach(r -> firstSeed.merge(r.benchmark(), r.seed(), Math::min));
    for (String b : FashionPlots.benchmarks(rows)) {
      FashionPlots.tradeOff(rows, b, store.directory());
      FashionPlots.validationCurves(finished, b, firstSeed.get(b), store.directory());
    }
    for (FashionTrialRecord r : finished) {
      boolean weighted = r.method().equals("group-dro") || r.method().equals("lookahead-dro");
      if (weighted && r.seed() == firstSeed.get(r.benchmark()) && r.traceSteps().length > 0) {
        FashionPlots.weightTrajectory(r, store.directory());
      }
    }
  }

  private static String describe(MultiTaskImages set) {
    if (set.allLabelled()) {
      return String.valueOf(set.count());
    }
    int examples = 0;
    for (int k = 0; k < set.taskCount(); k++) {
      examples += set.examples(k).length;
    }
    return examples + " task examples on " + set.count() + " images";
  }
}
